"""`mairie validate` on the cases of a procedure: every situation, for an adult and for a minor of every
age, has exactly one case; the messages say which one is missing or doubled."""

from __future__ import annotations

from pathlib import Path

from catalogue_helpers import write

from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.validation import validate

FIX = "ajoutez un cas, ou complétez les situations, les âges ou la tranche d'âge d'un cas existant."


def found(folder: Path) -> list[tuple[str, int, str]]:
    return [(p.file.name, p.line, p.message) for p in validate(folder)]


def with_cases(folder: Path, cases: str) -> None:
    text = (folder / "procedures.yaml").read_text() + "    cas:\n" + cases
    write(folder, "procedures.yaml", text)


def case(
    case_id: str, situations: str = "", ages: str = "", age_min: int | None = None, age_max: int | None = None
) -> str:
    lines = [f"      - id: {case_id}\n"]
    if situations:
        lines.append(f"        situations: [{situations}]\n")
    if ages:
        lines.append(f"        ages: [{ages}]\n")
    if age_min is not None:
        lines.append(f"        age_min: {age_min}\n")
    if age_max is not None:
        lines.append(f"        age_max: {age_max}\n")
    lines.append("        resume: Faites la pré-demande.\n        cout: 17 euros.\n")
    return "".join(lines)


def test_a_single_case_for_everyone_is_complete(minimal: Path) -> None:
    with_cases(minimal, case("tous"))
    assert found(minimal) == []
    passport = load_catalogue(minimal).procedure("passeport")
    assert passport is not None and [c.id for c in passport.cases] == ["tous"]


def test_a_missing_situation_and_a_missing_age_band(minimal: Path) -> None:
    with_cases(
        minimal,
        case("majeur", "renouvellement, premiere-demande", "majeur")
        + case("mineur", "renouvellement, premiere-demande, perte-vol", "mineur", 0, 14),
    )
    assert found(minimal) == [
        (
            "procedures.yaml",
            10,
            f"demarches[1] (passeport) › cas : aucun cas ne répond à un renouvellement pour un "
            f"mineur de 15 à 17 ans ; {FIX}",
        ),
        (
            "procedures.yaml",
            10,
            f"demarches[1] (passeport) › cas : aucun cas ne répond à une première demande pour "
            f"un mineur de 15 à 17 ans ; {FIX}",
        ),
        (
            "procedures.yaml",
            10,
            f"demarches[1] (passeport) › cas : aucun cas ne répond à une perte ou un vol pour un majeur ; {FIX}",
        ),
        (
            "procedures.yaml",
            10,
            f"demarches[1] (passeport) › cas : aucun cas ne répond à une perte ou un vol pour un "
            f"mineur de 15 à 17 ans ; {FIX}",
        ),
    ]


def test_two_cases_for_the_same_person(minimal: Path) -> None:
    with_cases(minimal, case("tous") + case("perte", "perte-vol", "majeur"))
    assert found(minimal) == [
        (
            "procedures.yaml",
            10,
            "demarches[1] (passeport) › cas : les cas « tous » et « perte » répondent tous les deux à une perte ou un "
            "vol pour un majeur ; un seul cas doit convenir.",
        )
    ]


def test_coverage_is_not_checked_when_a_case_is_already_wrong(minimal: Path) -> None:
    with_cases(minimal, case("majeur", "renouvelement", "majeur"))
    assert [message for _, _, message in found(minimal)] == [
        "demarches[1] (passeport) › cas[1] (majeur) › situations[1] : « renouvelement » n'est pas accepté ici ; "
        "vouliez-vous dire « renouvellement » ?"
    ]


def test_the_bundled_procedures_are_complete() -> None:
    commune = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "commune"
    assert [p for p in validate(commune) if p.file.name == "procedures.yaml"] == []
