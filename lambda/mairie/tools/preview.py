"""`mairie preview [--at DATE] [DOSSIER]`: for every facility, what the skill answers to "is it open?".

Each question goes through the local resolver and the real `lambda_handler`, like `mairie say`, so
staff proof-read exactly what residents will hear after a change. Never imported by the Lambda.
"""

from __future__ import annotations

from datetime import datetime
from typing import TextIO

from mairie.catalogue.model import Catalogue, Facility
from mairie.tools.conversation import Conversation, Turn, warning_line
from mairie.tools.envelopes import Caller
from mairie.tools.local_skill import LocalSkill
from mairie.voice.french import MONTHS, WEEKDAYS, capitalize_first


def question(facility: Facility) -> str:
    """« est-ce que la piscine est ouverte », in the facility's gender."""
    return f"est-ce que {facility.name} est {'ouverte' if facility.feminine else 'ouvert'}"


def heading(moment: datetime) -> str:
    """« Aperçu au jeudi 26 novembre 2026 à 10 h 00 (heure de la ville) »."""
    day = "1er" if moment.day == 1 else str(moment.day)
    when = f"{WEEKDAYS[moment.weekday()]} {day} {MONTHS[moment.month - 1]} {moment.year}"
    return f"Aperçu au {when} à {moment.hour} h {moment.minute:02d} (heure de la ville)"


def preview_facility(
    skill: LocalSkill, facility: Facility, moment: datetime, caller: Caller, shared: dict[str, list[str]] | None = None
) -> tuple[list[str], bool]:
    """The lines printed for one facility (question, answer, anything to check); True if all is well.

    `shared` (from `shared_synonyms`) adds a ⚠ for each synonym another facility also answers to:
    Alexa then asks which one. That can be meant (« la piscine » for every pool), so it is said but
    does not count as a facility misunderstood."""
    asked = question(facility)
    turn = Conversation(skill, caller).speak(asked, moment)
    lines = [f"{capitalize_first(facility.name)} ({facility.id})", f"  « {asked} ? »"]
    lines.extend(f"  {line}" for line in turn.lines or ["(pas de réponse parlée)"])
    checks = _checks(turn, facility)
    for synonym in facility.synonyms:
        others = [other for other in (shared or {}).get(_spoken_key(synonym), []) if other != facility.id]
        if others:
            checks.append(
                f"le synonyme « {synonym} » désigne aussi {', '.join(f'« {other} »' for other in others)} "
                "(nom ou synonyme) : Alexa demandera lequel ; si ce n'est pas voulu, retirez le synonyme en double "
                "dans facilities.yaml."
            )
    lines.extend(f"  {warning_line(text)}" for text in checks)
    return lines, _understood(turn, facility) and not turn.warnings


def _spoken_key(name: str) -> str:
    """How Alexa compares names: case and spacing do not count."""
    return " ".join(name.casefold().replace("’", "'").split())


def shared_synonyms(catalogue: Catalogue) -> dict[str, list[str]]:
    """Each name or synonym said by more than one facility, with the ids of those facilities."""
    owners: dict[str, list[str]] = {}
    for facility in catalogue.facilities:
        for name in dict.fromkeys(_spoken_key(n) for n in (facility.name, *facility.synonyms)):
            owners.setdefault(name, []).append(facility.id)
    return {name: ids for name, ids in owners.items() if len(ids) > 1}


def _matched_ids(turn: Turn) -> list[str]:
    """The facility ids Alexa matched the spoken name to (several when the name is shared)."""
    if turn.resolution.intent != "IsOpenIntent":
        return []
    slot = turn.resolution.filled.get("facility")
    if slot is None or slot.status != "ER_SUCCESS_MATCH":
        return []
    return [value.id for value in slot.values if value.id]


def _understood(turn: Turn, facility: Facility) -> bool:
    return _matched_ids(turn) == [facility.id]


def _checks(turn: Turn, facility: Facility) -> list[str]:
    found = list(turn.warnings)
    matched = _matched_ids(turn)
    others = ", ".join(f"« {other} »" for other in matched if other != facility.id)
    if facility.id in matched and others:
        found.append(
            f"le nom « {facility.name} » désigne aussi {others} (nom ou synonyme) : Alexa doit demander lequel ; "
            "changez le nom ou retirez le synonyme en double dans facilities.yaml."
        )
    elif others:
        found.append(
            f"Alexa a compris {others} au lieu de « {facility.id} » : changez le nom ou retirez le synonyme "
            "en double dans facilities.yaml."
        )
    elif not matched:
        found.append(f"Alexa n'a pas reconnu « {facility.name} » ; vérifiez le nom et lancez « mairie build ».")
    if facility.example:
        found.append("entrée marquée « exemple » : à remplacer par des informations confirmées.")
    return found


def run_preview(skill: LocalSkill, catalogue: Catalogue, at: datetime, caller: Caller, out: TextIO) -> int:
    """Print the report; 1 when an answer needs attention (wrong facility understood, response problem)."""
    moment = skill.local_time(at)
    print(heading(moment), file=out)
    attention = 0
    shared = shared_synonyms(catalogue)
    for facility in catalogue.facilities:
        print(file=out)
        lines, fine = preview_facility(skill, facility, moment, caller, shared)
        attention += not fine
        for line in lines:
            print(line, file=out)
    print(file=out)
    count = len(catalogue.facilities)
    noun = "équipement" if count <= 1 else "équipements"
    print(f"{count} {noun} ; relisez chaque réponse avant de lancer « mairie build ».", file=out)
    if attention:
        which = "équipement n'est pas compris" if attention == 1 else "équipements ne sont pas compris"
        print(f"⚠ {attention} {which} par son nom : corrigez facilities.yaml avant de publier.", file=out)
    return 1 if attention else 0
