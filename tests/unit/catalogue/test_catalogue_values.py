"""The small parsers behind the YAML fields."""

from __future__ import annotations

from datetime import date

import pytest

from mairie.catalogue.model import TimeRange
from mairie.catalogue.reading.values import (
    BadValue,
    parse_date,
    parse_duration,
    parse_month,
    parse_phone,
    parse_range,
    parse_time,
    parse_url,
    slugify,
    split_ranges,
)


@pytest.mark.parametrize(
    ("raw", "minutes"),
    [("08:30", 510), ("8:30", 510), ("8h30", 510), ("8h", 480), ("08H00", 480), ("24:00", 1440), ("0", 0)],
)
def test_times(raw: str, minutes: int) -> None:
    assert parse_time(raw) == minutes


@pytest.mark.parametrize("raw", ["25h", "24:30", "8:5", "8h60", "midi", "8.30", ""])
def test_bad_times(raw: str) -> None:
    with pytest.raises(ValueError):
        parse_time(raw)


@pytest.mark.parametrize("raw", ["08:30-12:00", "8h30-12h", "8h30 - 12h", "8h30 à 12h", "08:30–12:00"])
def test_ranges(raw: str) -> None:
    assert parse_range(raw) == TimeRange(510, 720)


def test_split_ranges() -> None:
    assert split_ranges("08:30-12:00, 14h-18h et 19h-20h") == ["08:30-12:00", "14h-18h", "19h-20h"]


def test_dates_months_durations() -> None:
    assert parse_date("2026-12-25") == date(2026, 12, 25)
    assert parse_date("2026-1-5") == date(2026, 1, 5)
    assert parse_month("2026-11") == date(2026, 11, 1)
    assert [parse_duration(raw) for raw in ("25:30", "1530", "1:02:03", "0:59")] == [1530, 1530, 3723, 59]
    for bad in ("25 min", "1:60", "1:60:00"):
        with pytest.raises(BadValue):
            parse_duration(bad)
    with pytest.raises(BadValue):
        parse_month("2026-00")


def test_urls_and_phones() -> None:
    assert parse_url(" https://www.issy.com/a b ".strip().split()[0]) == "https://www.issy.com/a"
    for bad in ("http://www.issy.com", "www.issy.com", "https://localhost", "ftp://issy.com", "https://a b.fr"):
        with pytest.raises(BadValue):
            parse_url(bad)
    assert parse_phone("01.41.23.83.60") == "01 41 23 83 60"
    assert parse_phone("+33 1 41 23 83 60") == "01 41 23 83 60"
    assert parse_phone("3939") == "3939"
    with pytest.raises(BadValue):
        parse_phone("12 34")


def test_slugify() -> None:
    assert slugify("Piscine Aquazena") == "piscine-aquazena"
    assert slugify("Musée de l'Île") == "musee-de-l-ile"
    assert slugify("!!!") == "mon-identifiant"
