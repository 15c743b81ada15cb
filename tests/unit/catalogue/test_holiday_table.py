"""The holiday table shipped to the Lambda: computed by `holidays` at build time, read without it."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

from mairie.catalogue.holiday_table import FIRST_YEAR, LAST_YEAR, compute_table, dump_table, load_table
from mairie.domain.calendar import PublicHolidays

LAMBDA = Path(__file__).resolve().parents[3] / "lambda"


def test_the_shipped_table_is_what_holidays_computes_for_metropolitan_france() -> None:
    shipped = load_table()
    assert shipped is not None
    assert shipped == compute_table(None)
    assert shipped.subdivision is None
    assert (shipped.first_year, shipped.last_year) == (FIRST_YEAR, LAST_YEAR)
    assert len(shipped.of_year(2026)) == 11  # Alsace-Moselle's two extra days are not assumed


def test_moveable_feasts_come_from_the_library() -> None:
    table = load_table()
    assert table is not None
    calendar = PublicHolidays(None, table=table)
    assert calendar.name(date(2026, 4, 6)) == "le lundi de Pâques"
    assert calendar.name(date(2026, 5, 25)) == "le lundi de Pentecôte"
    assert calendar.name(date(2027, 3, 29)) == "le lundi de Pâques"
    assert calendar.name(date(2027, 5, 17)) == "le lundi de Pentecôte"
    assert calendar.name(date(2026, 12, 25)) == "le jour de Noël"
    assert calendar.name(date(2026, 12, 24)) is None


def test_years_or_subdivisions_outside_the_table_fall_back_to_holidays() -> None:
    table = load_table()
    assert PublicHolidays(None, table=table).name(date(2060, 12, 25)) == "le jour de Noël"
    assert PublicHolidays("57", table=table).name(date(2026, 12, 26)) == "la Saint-Étienne"


def test_a_missing_or_broken_table_reads_as_none(tmp_path: Path) -> None:
    assert load_table(tmp_path / "absent.json") is None
    broken = tmp_path / "holidays.json"
    broken.write_text("{", encoding="utf-8")
    assert load_table(broken) is None


def test_the_table_round_trips(tmp_path: Path) -> None:
    table = compute_table("57")
    path = tmp_path / "holidays.json"
    path.write_text(dump_table(table), encoding="utf-8")
    assert load_table(path) == table


def test_reading_the_table_does_not_import_holidays() -> None:
    code = (
        "import sys; from datetime import date\n"
        "from mairie.catalogue.holiday_table import load_table\n"
        "from mairie.domain.calendar import PublicHolidays\n"
        "assert PublicHolidays(None, table=load_table()).name(date(2026, 12, 25))\n"
        "print('holidays' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=LAMBDA, capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
