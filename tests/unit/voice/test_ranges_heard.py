"""Hours as said, when a facility's ranges overlap or touch (a catalogue built in code can hold what
the YAML reader refuses): a resident never hears two ranges that overlap."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from mairie.catalogue.model import DateException, Facility, TimeRange, WeeklyHours
from mairie.domain.calendar import PublicHolidays
from mairie.voice.hours import hours_card_text, say_hours_on, say_week

PARIS = ZoneInfo("Europe/Paris")
THURSDAY = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS)
HOLIDAYS = PublicHolidays()

EIGHT_TO_TEN_AND_EIGHT_TO_FOUR = (TimeRange(8 * 60, 10 * 60), TimeRange(8 * 60, 16 * 60))
HALL = Facility(
    id="salle",
    name="la salle des fêtes",
    kind="salle",
    feminine=True,
    weekly=WeeklyHours((EIGHT_TO_TEN_AND_EIGHT_TO_FOUR,) * 5 + ((TimeRange(0, 1440),), ())),
    exceptions=(
        DateException(
            date(2026, 11, 27), date(2026, 11, 27), (TimeRange(9 * 60, 11 * 60), TimeRange(10 * 60, 12 * 60))
        ),
    ),
)


def test_overlapping_ranges_are_said_as_one() -> None:
    week = say_week(HALL, THURSDAY, HOLIDAYS)
    assert week.startswith(
        "La salle des fêtes est ouverte du lundi au vendredi de 8 heures à 16 heures. "
        "Le samedi, toute la journée. Elle est fermée le dimanche."
    )
    assert "de 8 heures à 10 heures" not in week


def test_exceptional_hours_without_a_reason_are_called_exceptional() -> None:
    assert say_hours_on(HALL, date(2026, 11, 27), THURSDAY, HOLIDAYS) == (
        "Demain, la salle des fêtes est ouverte de 9 heures à midi (horaires exceptionnels)."
    )
    assert "Attention, demain, elle est ouverte de 9 heures à midi (horaires exceptionnels)." in say_week(
        HALL, THURSDAY, HOLIDAYS
    )


def test_the_card_lists_overlapping_ranges_as_one() -> None:
    card = hours_card_text(HALL, THURSDAY, HOLIDAYS)
    assert card.splitlines()[1:5] == [
        "Jeudi 26 novembre : 8 h – 16 h",
        "Vendredi 27 novembre : 9 h – 12 h",
        "Samedi 28 novembre : 0 h – 24 h",
        "Dimanche 29 novembre : fermée",
    ]
