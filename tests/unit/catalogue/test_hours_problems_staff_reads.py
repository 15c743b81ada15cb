"""The exact messages staff read for mistakes in opening hours (empty days, exceptional hours and
periods without hours or dates, half-given spans), and what a correct period or closure becomes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from catalogue_helpers import write

from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.validation import validate

WEEK = "".join(
    f"          {day}: 10:00-12:00\n"
    for day in ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
)


def found(folder: Path) -> list[tuple[int, str]]:
    return [(p.line, p.message) for p in validate(folder)]


def with_block(minimal: Path, block: str) -> Path:
    """`block` added to the pool's entry (its first lines are 3 to 15; the block starts on line 16)."""
    text = (minimal / "facilities.yaml").read_text().replace("  - id: mairie\n", block + "  - id: mairie\n")
    write(minimal, "facilities.yaml", text)
    return minimal


def with_day(minimal: Path, monday: str) -> Path:
    text = (minimal / "facilities.yaml").read_text().replace("      lundi: fermé\n", f"      lundi:{monday}\n")
    write(minimal, "facilities.yaml", text)
    return minimal


def test_a_day_left_empty_asks_for_hours_or_closed(minimal: Path) -> None:
    assert found(with_day(minimal, '\n        - 08:00-10:00\n        - ""')) == [
        (8, "equipements[1] (piscine) › horaires › lundi : la valeur est vide ; écrivez des horaires ou « fermé »."),
    ]


def test_a_day_given_as_an_empty_list_asks_for_hours_or_closed(minimal: Path) -> None:
    assert found(with_day(minimal, " []")) == [
        (6, "equipements[1] (piscine) › horaires › lundi : la liste est vide ; écrivez des horaires ou « fermé »."),
    ]


def test_exceptional_hours_need_their_hours_and_name_where_a_bad_one_is(minimal: Path) -> None:
    block = (
        "    horaires_exceptionnels:\n"
        "      - date: 2026-12-24\n        motif: réveillon\n"
        "      - date: 2026-12-31\n        horaires: 25h-26h\n"
    )
    assert found(with_block(minimal, block)) == [
        (
            16,
            "equipements[1] (piscine) › horaires_exceptionnels[1] (2026-12-24) : il manque « horaires », "
            "qui est obligatoire.",
        ),
        (
            19,
            "equipements[1] (piscine) › horaires_exceptionnels[2] (2026-12-31) › horaires : « 25h-26h » n'est pas "
            "une heure valide ; écrivez par exemple « 08:30-12:00 ».",
        ),
    ]


def test_a_period_needs_both_dates_and_its_hours(minimal: Path) -> None:
    block = (
        "    periodes:\n"
        "      - nom: été\n"
        "      - nom: hiver\n        du: 2026-12-01\n        au: 2027-02-28\n        horaires:\n"
        "          lundi: 10:00-12:00\n"
    )
    assert found(with_block(minimal, block)) == [
        (
            16,
            "equipements[1] (piscine) › periodes[1] (été) : il manque les dates : écrivez « du: 2026-07-01 » "
            "et « au: 2026-08-31 ».",
        ),
        (16, "equipements[1] (piscine) › periodes[1] (été) : il manque « horaires », qui est obligatoire."),
        (
            20,
            "equipements[1] (piscine) › periodes[2] (hiver) › horaires : il manque mardi, mercredi, jeudi, vendredi, "
            "samedi et dimanche ; pour un jour de fermeture, écrivez par exemple « mardi: fermé ».",
        ),
    ]


def test_an_end_without_a_start_and_a_date_with_a_start(minimal: Path) -> None:
    block = "    fermetures:\n      - au: 2026-08-31\n      - date: 2026-05-01\n        du: 2026-05-01\n"
    assert found(with_block(minimal, block)) == [
        (16, "equipements[1] (piscine) › fermetures[1] : « au » est indiqué sans « du » ; ajoutez-le."),
        (
            17,
            "equipements[1] (piscine) › fermetures[2] (2026-05-01) : indiquez soit « date », soit « du » et « au », "
            "pas les deux.",
        ),
    ]


def test_a_period_runs_from_its_first_to_its_last_day(minimal: Path) -> None:
    block = (
        "    periodes:\n      - nom: été\n        du: 2026-07-01\n        au: 2026-08-31\n        horaires:\n" + WEEK
    )
    pool = load_catalogue(with_block(minimal, block)).facility("piscine")
    assert pool is not None
    assert [(p.name, p.start, p.end) for p in pool.periods] == [("été", date(2026, 7, 1), date(2026, 8, 31))]


def test_a_one_day_closure_with_du_equal_to_au_is_accepted(minimal: Path) -> None:
    block = "    fermetures:\n      - du: 2026-12-24\n        au: 2026-12-24\n        motif: inventaire\n"
    folder = with_block(minimal, block)
    assert found(folder) == []
    pool = load_catalogue(folder).facility("piscine")
    assert pool is not None
    assert [(e.start, e.end, e.ranges, e.reason) for e in pool.exceptions] == [
        (date(2026, 12, 24), date(2026, 12, 24), (), "inventaire")
    ]
