"""`procedures.yaml`: how to obtain an identity card or a passport, with its cases."""

from __future__ import annotations

from collections.abc import Set
from typing import TypeVar

from yaml.nodes import Node

from mairie.catalogue.model import AgeGroup, Link, Procedure, ProcedureCase, Situation
from mairie.catalogue.reading.common import UniqueIds, read_gender
from mairie.catalogue.reading.nodes import Fields, Reader, pick, suggest
from mairie.catalogue.reading.values import BadValue, parse_id, q

PROCEDURE_KEYS = (
    "id",
    "nom",
    "genre",
    "synonymes",
    "resume",
    "etapes",
    "documents",
    "cout",
    "delais",
    "lieu",
    "aide_sans_internet",
    "liens",
    "cas",
)
CASE_KEYS = (
    "id",
    "situations",
    "ages",
    "age_min",
    "age_max",
    "resume",
    "cout",
    "etapes_en_plus",
    "documents_en_plus",
)
LINK_KEYS = ("titre", "url")
SITUATIONS = {situation.value: situation for situation in Situation}
AGE_GROUPS = {group.value: group for group in AgeGroup}
ADULT_AGE = 18
E = TypeVar("E")


def read_procedures(reader: Reader, root: Node, facility_ids: Set[str] | None) -> list[Procedure]:
    """`facility_ids`: the facilities `lieu` may name; None when facilities.yaml could not be read."""
    top = reader.top(root, "demarches")
    if top is None:
        return []
    ids = UniqueIds(reader)
    procedures = []
    for fields in top.items("demarches", PROCEDURE_KEYS, required=True):
        procedure = read_procedure(fields, facility_ids)
        ids.check(procedure.id or None, fields)
        procedures.append(procedure)
    return procedures


def read_procedure(fields: Fields, facility_ids: Set[str] | None) -> Procedure:
    name = fields.text("nom")
    case_ids = UniqueIds(fields.reader)
    cases = []
    problems_before = len(fields.reader.problems)
    for case_fields in fields.items("cas", CASE_KEYS):
        case = read_case(case_fields)
        case_ids.check(case.id or None, case_fields)
        cases.append(case)
    if cases and len(fields.reader.problems) == problems_before:
        for message in coverage_problems(cases):
            fields.reader.report(fields.key_line("cas"), fields.at("cas"), message)
    return Procedure(
        id=fields.ident() or "",
        name=name or "",
        feminine=read_gender(fields, name),
        synonyms=fields.texts("synonymes"),
        summary=fields.text("resume") or "",
        steps=fields.texts("etapes", required=True),
        documents=fields.texts("documents", required=True),
        cost=fields.text("cout") or "",
        delays=fields.text("delais") or "",
        facility_id=fields.parsed("lieu", lambda raw: parse_place(raw, facility_ids)),
        links=tuple(read_link(link) for link in fields.items("liens", LINK_KEYS, id_key="titre")),
        cases=tuple(cases),
        offline_help=fields.text("aide_sans_internet", required=False),
    )


def parse_place(raw: str, facility_ids: Set[str] | None) -> str:
    place = parse_id(raw.strip())
    if facility_ids is None or place in facility_ids:
        return place
    guess = suggest(place, sorted(facility_ids))
    hint = (
        f"vouliez-vous dire {q(guess)} ?"
        if guess
        else f"les identifiants existants sont : {', '.join(sorted(facility_ids))}."
    )
    raise BadValue(f"aucun équipement n'a l'identifiant {q(place)} dans facilities.yaml ; {hint}")


def read_link(fields: Fields) -> Link:
    return Link(label=fields.text("titre") or "", url=fields.url("url", required=True) or "")


def read_case(fields: Fields) -> ProcedureCase:
    min_age = fields.integer("age_min", high=130)
    max_age = fields.integer("age_max", high=130)
    groups = _words(fields, "ages", AGE_GROUPS)
    if min_age is not None and max_age is not None and min_age > max_age:
        fields.reader.report(
            fields.get("age_max") or fields.line,
            fields.at("age_max"),
            f"l'âge maximum ({max_age}) est plus petit que l'âge minimum ({min_age}).",
        )
    if groups == (AgeGroup.MINOR,) and min_age is not None and min_age >= ADULT_AGE:
        fields.reader.report(fields.line, fields.where, f"un mineur ne peut pas avoir {min_age} ans ou plus.")
    if groups == (AgeGroup.ADULT,) and max_age is not None and max_age < ADULT_AGE:
        fields.reader.report(fields.line, fields.where, f"un majeur ne peut pas avoir moins de {ADULT_AGE} ans.")
    return ProcedureCase(
        id=fields.ident() or "",
        situations=_words(fields, "situations", SITUATIONS),
        age_groups=groups,
        min_age=min_age,
        max_age=max_age,
        summary=fields.text("resume") or "",
        cost=fields.text("cout") or "",
        extra_steps=fields.texts("etapes_en_plus"),
        extra_documents=fields.texts("documents_en_plus"),
    )


SITUATION_WORDS = {
    Situation.RENEWAL: "un renouvellement",
    Situation.FIRST: "une première demande",
    Situation.LOST_OR_STOLEN: "une perte ou un vol",
}
AGE_RANGES = {AgeGroup.ADULT: range(ADULT_AGE, ADULT_AGE + 1), AgeGroup.MINOR: range(ADULT_AGE)}


def coverage_problems(cases: list[ProcedureCase]) -> list[str]:
    """Every situation, for an adult and for a minor of every age, must have exactly one case."""
    problems = []
    for situation in Situation:
        for group in AgeGroup:
            ages: dict[int, list[str]] = {}
            for age in AGE_RANGES[group]:
                ages[age] = [case.id for case in cases if _covers(case, situation, group, age)]
            who = "un majeur" if group == AgeGroup.ADULT else "un mineur"
            uncovered = [age for age, ids in ages.items() if not ids]
            if uncovered:
                if group == AgeGroup.MINOR and len(uncovered) < len(ages):
                    who += f" de {_ages(uncovered)}"
                problems.append(
                    f"aucun cas ne répond à {SITUATION_WORDS[situation]} pour {who} ; "
                    "ajoutez un cas, ou complétez les situations, les âges ou la tranche d'âge d'un cas existant."
                )
            shared = next((ids for ids in ages.values() if len(ids) > 1), None)
            if shared:
                problems.append(
                    f"les cas {' et '.join(q(i) for i in shared)} répondent tous les deux à "
                    f"{SITUATION_WORDS[situation]} pour {who} ; un seul cas doit convenir."
                )
    return problems


def _covers(case: ProcedureCase, situation: Situation, group: AgeGroup, age: int) -> bool:
    if case.situations and situation not in case.situations:
        return False
    if case.age_groups and group not in case.age_groups:
        return False
    if group == AgeGroup.ADULT:  # an adult of any age: the bounds only split minors
        return case.max_age is None or case.max_age >= ADULT_AGE
    return (case.min_age is None or age >= case.min_age) and (case.max_age is None or age <= case.max_age)


def _ages(ages: list[int]) -> str:
    """ "0 à 14 ans", "3 ans" (the uncovered ages are a range in practice; shown from first to last)."""
    first, last = ages[0], ages[-1]
    return f"{first} an{'s' if first > 1 else ''}" if first == last else f"{first} à {last} ans"


def _words(fields: Fields, key: str, choices: dict[str, E]) -> tuple[E, ...]:
    """A list of words from `choices`; an absent list means "all"."""
    node = fields.get(key)
    if node is None:
        return ()
    where = fields.at(key)
    values: list[E] = []
    for index, item in enumerate(fields.reader.sequence(node, where), 1):
        value = fields.reader.parsed(item, f"{where}[{index}]", lambda raw: pick(raw, choices))
        if value is not None and value not in values:
            values.append(value)
    return tuple(values)
