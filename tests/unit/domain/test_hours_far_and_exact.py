"""Opening hours at the edges a resident can still hit: a facility closed for about a year (when it
reopens is said as long as it is within a year), a request timestamp with fractions of a second, and
an instant without a time zone (a programming error, refused)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mairie.catalogue.model import DateException, Facility, TimeRange, WeeklyHours
from mairie.domain.calendar import PublicHolidays
from mairie.domain.hours import HORIZON_DAYS, status_at
from mairie.voice.hours import say_is_open, say_next_opening

PARIS = ZoneInfo("Europe/Paris")
HOLIDAYS = PublicHolidays()
TODAY = date(2026, 11, 26)
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS)
EVERY_DAY = WeeklyHours(((TimeRange(9 * 60, 18 * 60),),) * 7)


def closed_until(last_closed_day: date) -> Facility:
    return Facility(
        id="musee",
        name="le musée",
        kind="musée",
        feminine=False,
        weekly=EVERY_DAY,
        exceptions=(DateException(TODAY, last_closed_day, (), "travaux"),),
    )


def test_a_reopening_a_year_ahead_is_said() -> None:
    reopening = TODAY + timedelta(days=HORIZON_DAYS)
    said = say_next_opening(closed_until(reopening - timedelta(days=1)), NOW, HOLIDAYS)
    assert said == "Le musée rouvre samedi 27 novembre 2027 à 9 heures. Aujourd'hui, il est fermé (travaux)."


def test_a_reopening_beyond_a_year_is_not_guessed() -> None:
    said = say_next_opening(closed_until(TODAY + timedelta(days=HORIZON_DAYS)), NOW, HOLIDAYS)
    assert said == "Je ne sais pas quand le musée rouvrira. Aujourd'hui, il est fermé (travaux)."


def test_fractions_of_a_second_do_not_shorten_the_time_left() -> None:
    library = Facility(id="m", name="la médiathèque", kind="médiathèque", feminine=True, weekly=EVERY_DAY)
    now = datetime(2026, 11, 26, 17, 40, 0, 500_000, tzinfo=PARIS)
    assert say_is_open(library, now, HOLIDAYS) == (
        "Oui, la médiathèque est ouverte, mais elle ferme dans 20 minutes, à 18 heures."
    )


def test_an_instant_without_a_time_zone_is_refused() -> None:
    library = Facility(id="m", name="la médiathèque", kind="médiathèque", feminine=True, weekly=EVERY_DAY)
    with pytest.raises(ValueError, match=r"^status_at needs an aware datetime in the city's time zone$"):
        status_at(library, datetime(2026, 11, 26, 10, 0), HOLIDAYS)
