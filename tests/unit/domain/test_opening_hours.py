"""Which hours apply on a day, and open/closed at an instant (Europe/Paris, fixed instants)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mairie.catalogue.model import DateException, DayRanges, Facility, SeasonalPeriod, TimeRange, WeeklyHours
from mairie.domain.calendar import PublicHolidays
from mairie.domain.hours import (
    DaySchedule,
    day_schedule,
    open_facilities_of_kind,
    status_at,
    week_schedule,
    weekly_in_effect,
)

PARIS = ZoneInfo("Europe/Paris")
HOLIDAYS = PublicHolidays()


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def ranges(*spans: str) -> DayRanges:
    """ranges("08:30-12:00", "13:30-18:00")"""
    return tuple(TimeRange(hm(s.split("-")[0]), hm(s.split("-")[1])) for s in spans)


def week(
    mon: DayRanges,
    tue: DayRanges,
    wed: DayRanges,
    thu: DayRanges,
    fri: DayRanges,
    sat: DayRanges,
    sun: DayRanges,
) -> WeeklyHours:
    return WeeklyHours((mon, tue, wed, thu, fri, sat, sun))


def every_day(day: DayRanges) -> WeeklyHours:
    return week(day, day, day, day, day, day, day)


def at(text: str, fold: int = 0) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS, fold=fold)


def easter(year: int) -> date:
    """Anonymous Gregorian algorithm (independent of `holidays`)."""
    a, b, c = year % 19, year // 100, year % 100
    h = (19 * a + b - b // 4 - (b - (b + 8) // 25 + 1) // 3 + 15) % 30
    lk = (32 + 2 * (b % 4) + 2 * (c // 4) - h - c % 4) % 7
    m = (a + 11 * h + 22 * lk) // 451
    month, day = divmod(h + lk - 7 * m + 114, 31)
    return date(year, month, day + 1)


WORKDAY = ranges("08:30-12:00", "13:30-18:00")
MAIRIE = Facility(
    id="mairie",
    name="la mairie",
    kind="mairie",
    feminine=True,
    weekly=week(WORKDAY, WORKDAY, WORKDAY, ranges("08:30-12:00", "13:30-19:00"), WORKDAY, ranges("08:30-12:00"), ()),
)
SUMMER = SeasonalPeriod("horaires d'été", date(2026, 7, 6), date(2026, 8, 30), every_day(ranges("10:00-13:00")))
POOL = Facility(
    id="aquazena",
    name="la piscine Aquazena",
    kind="piscine",
    feminine=True,
    weekly=every_day(ranges("09:00-20:00")),
    periods=(SUMMER,),
    exceptions=(
        DateException(date(2026, 12, 28), date(2027, 1, 3), (), "vidange annuelle"),
        DateException(date(2026, 12, 24), date(2026, 12, 24), ranges("09:00-16:00"), "veille de Noël"),
        DateException(date(2026, 7, 1), date(2026, 7, 31), ranges("09:00-21:00"), "nocturnes de juillet"),
        DateException(date(2026, 7, 14), date(2026, 7, 14), ranges("10:00-12:00"), "feu d'artifice"),
    ),
    open_on_public_holidays=True,
)
UNKNOWN = Facility(id="musee", name="le musée", kind="musée", feminine=False)


@pytest.mark.parametrize(
    ("facility", "day", "kind", "expected_ranges", "reason"),
    [
        (MAIRIE, date(2026, 12, 28), "weekly", WORKDAY, None),
        (MAIRIE, date(2026, 12, 27), "weekly", (), None),
        (MAIRIE, date(2026, 12, 25), "holiday", (), "le jour de Noël"),
        (MAIRIE, date(2026, 11, 1), "holiday", (), "la Toussaint"),  # a Sunday: still reported as the holiday
        (POOL, date(2026, 12, 25), "weekly", ranges("09:00-20:00"), None),  # open on public holidays
        (POOL, date(2026, 12, 24), "exception", ranges("09:00-16:00"), "veille de Noël"),
        (POOL, date(2027, 1, 1), "exception", (), "vidange annuelle"),  # exception beats holiday
        (POOL, date(2026, 12, 28), "exception", (), "vidange annuelle"),  # date range inclusive…
        (POOL, date(2027, 1, 3), "exception", (), "vidange annuelle"),
        (POOL, date(2027, 1, 4), "weekly", ranges("09:00-20:00"), None),
        (POOL, date(2026, 7, 6), "exception", ranges("09:00-21:00"), "nocturnes de juillet"),  # beats period
        (POOL, date(2026, 7, 14), "exception", ranges("10:00-12:00"), "feu d'artifice"),  # shortest wins
        (POOL, date(2026, 8, 3), "period", ranges("10:00-13:00"), None),
        (POOL, date(2026, 8, 30), "period", ranges("10:00-13:00"), None),
        (POOL, date(2026, 8, 31), "weekly", ranges("09:00-20:00"), None),
    ],
)
def test_day_schedule_precedence(
    facility: Facility, day: date, kind: str, expected_ranges: DayRanges, reason: str | None
) -> None:
    schedule = day_schedule(facility, day, HOLIDAYS)
    assert schedule is not None
    assert (schedule.kind, schedule.ranges, schedule.reason) == (kind, expected_ranges, reason)


def test_period_name_and_holiday_are_kept() -> None:
    summer_day = day_schedule(POOL, date(2026, 8, 15), HOLIDAYS)
    assert summer_day == DaySchedule(
        date(2026, 8, 15),
        ranges("10:00-13:00"),
        "period",
        period_name="horaires d'été",
        holiday="l'Assomption",
    )


def test_holiday_beats_period_when_closed_on_holidays() -> None:
    library = Facility("m", "la médiathèque", "médiathèque", True, weekly=every_day(WORKDAY), periods=(SUMMER,))
    schedule = day_schedule(library, date(2026, 7, 14), HOLIDAYS)
    assert schedule is not None
    assert (schedule.kind, schedule.ranges, schedule.reason) == ("holiday", (), "la fête nationale")


@pytest.mark.parametrize("year", [2026, 2027])
@pytest.mark.parametrize(("days_after_easter", "name"), [(1, "le lundi de Pâques"), (50, "le lundi de Pentecôte")])
def test_easter_and_whit_monday_close_the_mairie(year: int, days_after_easter: int, name: str) -> None:
    monday = easter(year) + timedelta(days=days_after_easter)
    status = status_at(MAIRIE, datetime.combine(monday, datetime.min.time().replace(hour=10), PARIS), HOLIDAYS)
    assert status is not None
    assert not status.is_open
    assert status.closed_reason == name
    assert status.next_opening == datetime.combine(monday + timedelta(days=1), datetime.min.time(), PARIS).replace(
        hour=8, minute=30
    )


def test_unknown_hours() -> None:
    assert day_schedule(UNKNOWN, date(2026, 12, 28), HOLIDAYS) is None
    assert status_at(UNKNOWN, at("2026-12-28T10:00"), HOLIDAYS) is None
    assert week_schedule(UNKNOWN, date(2026, 12, 28), HOLIDAYS) == []
    assert weekly_in_effect(UNKNOWN, date(2026, 12, 28)) == (None, None)


def test_weekly_in_effect() -> None:
    assert weekly_in_effect(POOL, date(2026, 8, 1)) == (SUMMER.weekly, SUMMER)
    assert weekly_in_effect(POOL, date(2026, 9, 1)) == (POOL.weekly, None)


# instant, is_open, closes_at, minutes_until_close, next_opening, closed_reason
STATUS_CASES = [
    ("2026-12-28T10:00", True, "2026-12-28T12:00", 120, "2026-12-28T13:30", None),  # open, lunch ahead
    ("2026-12-28T11:40", True, "2026-12-28T12:00", 20, "2026-12-28T13:30", None),  # closing soon
    ("2026-12-28T11:59:59", True, "2026-12-28T12:00", 1, "2026-12-28T13:30", None),  # seconds ignored
    ("2026-12-28T12:00", False, None, None, "2026-12-28T13:30", None),  # closes is exclusive
    ("2026-12-28T12:10", False, None, None, "2026-12-28T13:30", None),  # lunch
    ("2026-12-28T13:30", True, "2026-12-28T18:00", 270, "2026-12-29T08:30", None),  # opens is inclusive
    ("2026-12-28T07:10", False, None, None, "2026-12-28T08:30", None),  # before opening
    ("2026-12-31T18:30", True, "2026-12-31T19:00", 30, "2027-01-02T08:30", None),  # late Thursday; 1 Jan
    ("2026-12-26T13:00", False, None, None, "2026-12-28T08:30", None),  # Saturday afternoon
    ("2026-12-27T10:00", False, None, None, "2026-12-28T08:30", None),  # Sunday: no special reason
    ("2026-12-25T10:00", False, None, None, "2026-12-26T08:30", "le jour de Noël"),
    ("2027-01-01T09:00", False, None, None, "2027-01-02T08:30", "le jour de l'An"),
]


@pytest.mark.parametrize(("instant", "is_open", "closes_at", "minutes", "next_opening", "reason"), STATUS_CASES)
def test_status_of_the_mairie(
    instant: str,
    is_open: bool,
    closes_at: str | None,
    minutes: int | None,
    next_opening: str,
    reason: str | None,
) -> None:
    status = status_at(MAIRIE, at(instant), HOLIDAYS)
    assert status is not None
    assert status.is_open is is_open
    assert status.closes_at == (at(closes_at) if closes_at else None)
    assert status.minutes_until_close == minutes
    assert status.next_opening == at(next_opening)
    assert status.closed_reason == reason
    assert status.reopens_schedule is not None
    assert status.reopens_schedule.day == at(next_opening).date()
    assert status.today.day == at(instant).date()


@pytest.mark.parametrize(
    ("instant", "is_open", "closes_at", "next_opening", "reason"),
    [
        ("2026-12-24T15:50", True, "2026-12-24T16:00", "2026-12-25T09:00", None),  # special hours
        ("2026-12-25T10:00", True, "2026-12-25T20:00", "2026-12-26T09:00", None),  # open on holidays
        ("2026-12-29T10:00", False, None, "2027-01-04T09:00", "vidange annuelle"),  # closure with reason
        ("2026-08-03T14:00", False, None, "2026-08-04T10:00", None),  # seasonal period
    ],
)
def test_status_of_the_pool(
    instant: str, is_open: bool, closes_at: str | None, next_opening: str, reason: str | None
) -> None:
    status = status_at(POOL, at(instant), HOLIDAYS)
    assert status is not None
    assert (status.is_open, status.closes_at, status.next_opening, status.closed_reason) == (
        is_open,
        at(closes_at) if closes_at else None,
        at(next_opening),
        reason,
    )


def test_special_hours_closed_after_them_have_no_closed_reason() -> None:
    status = status_at(POOL, at("2026-12-24T17:00"), HOLIDAYS)
    assert status is not None
    assert not status.is_open
    assert status.closed_reason is None
    assert status.today.reason == "veille de Noël"


def test_touching_ranges_are_one_opening() -> None:
    split = Facility("f", "la salle", "salle", True, weekly=every_day(ranges("09:00-12:00", "12:00-14:00")))
    status = status_at(split, at("2026-12-28T11:00"), HOLIDAYS)
    assert status is not None
    assert (status.closes_at, status.next_opening) == (at("2026-12-28T14:00"), at("2026-12-29T09:00"))


def test_opening_until_midnight_continues_after_midnight() -> None:
    late = Facility(
        "f",
        "la salle",
        "salle",
        True,
        weekly=every_day(ranges("00:00-02:00", "20:00-24:00")),
        open_on_public_holidays=True,
    )
    status = status_at(late, at("2026-12-28T23:00"), HOLIDAYS)
    assert status is not None
    assert status.closes_at == at("2026-12-29T02:00")
    assert status.minutes_until_close == 180


def test_until_midnight() -> None:
    late = Facility("f", "la salle", "salle", True, weekly=every_day(ranges("20:00-24:00")))
    status = status_at(late, at("2026-12-28T23:15"), HOLIDAYS)
    assert status is not None
    assert (status.closes_at, status.minutes_until_close) == (at("2026-12-29T00:00"), 45)


def test_always_open_never_closes_within_the_horizon() -> None:
    always = Facility(
        "f", "le parc", "parc", False, weekly=every_day(ranges("00:00-24:00")), open_on_public_holidays=True
    )
    status = status_at(always, at("2026-12-28T03:00"), HOLIDAYS)
    assert status is not None
    assert status.is_open
    assert (status.closes_at, status.minutes_until_close, status.next_opening) == (None, None, None)


def test_never_open() -> None:
    never = Facility("f", "le kiosque", "kiosque", False, weekly=every_day(()))
    status = status_at(never, at("2026-12-28T10:00"), HOLIDAYS)
    assert status is not None
    assert not status.is_open
    assert (status.next_opening, status.reopens_schedule) == (None, None)


def test_long_closure_and_horizon() -> None:
    works = Facility(
        "f",
        "la piscine",
        "piscine",
        True,
        weekly=every_day(ranges("09:00-20:00")),
        exceptions=(DateException(date(2026, 6, 1), date(2026, 9, 30), (), "travaux"),),
    )
    status = status_at(works, at("2026-06-15T10:00"), HOLIDAYS)
    assert status is not None
    assert status.next_opening == at("2026-10-01T09:00")
    short_sighted = status_at(works, at("2026-06-15T10:00"), HOLIDAYS, horizon_days=30)
    assert short_sighted is not None
    assert short_sighted.next_opening is None


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        status_at(MAIRIE, datetime(2026, 12, 28, 10, 0), HOLIDAYS)


def test_week_schedule() -> None:
    days = week_schedule(MAIRIE, date(2026, 12, 21), HOLIDAYS)
    assert [d.day for d in days] == [date(2026, 12, 21) + timedelta(days=i) for i in range(7)]
    assert [d.kind for d in days] == ["weekly"] * 4 + ["holiday", "weekly", "weekly"]
    assert len(week_schedule(MAIRIE, date(2026, 12, 21), HOLIDAYS, days=3)) == 3


def test_open_facilities_of_kind() -> None:
    other_pool = Facility("sevestre", "la piscine Sevestre", "piscine", True, weekly=every_day(ranges("12:00-19:00")))
    unknown_pool = Facility("p3", "la piscine du parc", "piscine", True)
    facilities = [MAIRIE, POOL, other_pool, unknown_pool]
    found = open_facilities_of_kind(facilities, "piscine", at("2026-12-28T10:00"), HOLIDAYS)
    opened, closed, unknown = found
    assert opened == []  # Aquazena: closure; Sevestre: opens at noon
    assert [f.id for f, _ in closed] == ["aquazena", "sevestre"]
    assert unknown == [unknown_pool]
    noon = open_facilities_of_kind(facilities, "piscine", at("2027-01-04T12:30"), HOLIDAYS)
    assert [f.id for f, _ in noon.open] == ["aquazena", "sevestre"]
    assert all(status.is_open for _, status in noon.open)
