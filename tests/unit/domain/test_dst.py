"""The nights clocks change in Europe/Paris: 2026-03-29 (02:00 → 03:00) and 2026-10-25 (03:00 → 02:00).

Rule under test (see `mairie.domain.hours`): a range runs from the first instant the wall clock
shows `opens` to the first instant it shows `closes`; durations are real elapsed minutes.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from mairie.catalogue.model import DayRanges, Facility, TimeRange, WeeklyHours
from mairie.domain.calendar import PublicHolidays
from mairie.domain.hours import local_instant, real_minutes, status_at

PARIS = ZoneInfo("Europe/Paris")
HOLIDAYS = PublicHolidays()
SPRING = date(2026, 3, 29)
AUTUMN = date(2026, 10, 25)


def facility(*spans: tuple[int, int]) -> Facility:
    day: DayRanges = tuple(TimeRange(opens, closes) for opens, closes in spans)
    return Facility("f", "la salle", "salle", True, weekly=WeeklyHours((day,) * 7), open_on_public_holidays=True)


def paris(day: date, hour: int, minute: int = 0, fold: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=PARIS, fold=fold)


def utc(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


# --- Mapping wall-clock minutes to instants ----------------------------------------------------


@pytest.mark.parametrize(
    ("day", "minute", "expected_utc"),
    [
        (SPRING, 1 * 60 + 59, "2026-03-29T00:59"),
        (SPRING, 2 * 60, "2026-03-29T01:00"),  # 02:00 does not exist: the jump itself (03:00 CEST)
        (SPRING, 2 * 60 + 30, "2026-03-29T01:00"),
        (SPRING, 3 * 60, "2026-03-29T01:00"),
        (SPRING, 3 * 60 + 30, "2026-03-29T01:30"),
        (AUTUMN, 2 * 60 + 30, "2026-10-25T00:30"),  # repeated: first occurrence (CEST)
        (AUTUMN, 3 * 60, "2026-10-25T02:00"),
        (AUTUMN, 1440, "2026-10-25T23:00"),  # 24:00 is the next midnight (CET)
    ],
)
def test_local_instant(day: date, minute: int, expected_utc: str) -> None:
    assert local_instant(day, minute, PARIS).astimezone(UTC) == utc(expected_utc)


def test_real_minutes_ignores_wall_clock_arithmetic() -> None:
    # Python subtracts same-zone datetimes as wall times: 03:30 - 01:50 would be 100 minutes.
    assert real_minutes(paris(SPRING, 1, 50), paris(SPRING, 3, 30)) == 40
    assert real_minutes(paris(AUTUMN, 1, 50), paris(AUTUMN, 3, 30)) == 160


# --- Spring forward: 2026-03-29 ----------------------------------------------------------------


def test_spring_closing_after_the_jump_counts_real_minutes() -> None:
    # 01:50 CET → 03:30 CEST: 100 minutes on the wall clock, 40 minutes of real time.
    status = status_at(facility((0, 3 * 60 + 30)), paris(SPRING, 1, 50), HOLIDAYS)
    assert status is not None
    assert status.is_open
    assert status.closes_at == paris(SPRING, 3, 30)
    assert status.closes_at is not None and status.closes_at.utcoffset() == timedelta(hours=2)
    assert status.minutes_until_close == 40


def test_spring_closing_inside_the_gap_closes_at_the_jump() -> None:
    status = status_at(facility((0, 2 * 60 + 30)), paris(SPRING, 1, 50), HOLIDAYS)
    assert status is not None
    assert status.closes_at is not None
    assert status.closes_at.astimezone(UTC) == utc("2026-03-29T01:00")  # shown as 03:00 CEST
    assert (status.closes_at.hour, status.closes_at.minute) == (3, 0)
    assert status.minutes_until_close == 10


def test_spring_opening_inside_the_gap_opens_at_the_jump() -> None:
    late = facility((2 * 60 + 30, 5 * 60))
    before = status_at(late, paris(SPRING, 1, 59), HOLIDAYS)
    assert before is not None
    assert not before.is_open
    assert before.next_opening == paris(SPRING, 3, 0)
    after = status_at(late, paris(SPRING, 3, 0), HOLIDAYS)
    assert after is not None
    assert after.is_open
    assert after.minutes_until_close == 120


@pytest.mark.parametrize(
    ("hour", "minute", "is_open", "minutes_until_close"),
    [(8, 59, False, None), (9, 0, True, 540), (17, 30, True, 30), (18, 0, False, None)],
)
def test_spring_day_hours_are_unaffected(
    hour: int, minute: int, is_open: bool, minutes_until_close: int | None
) -> None:
    status = status_at(facility((9 * 60, 18 * 60)), paris(SPRING, hour, minute), HOLIDAYS)
    assert status is not None
    assert (status.is_open, status.minutes_until_close) == (is_open, minutes_until_close)


def test_spring_next_opening_from_the_evening_before_is_in_summer_time() -> None:
    status = status_at(facility((9 * 60, 18 * 60)), paris(SPRING - timedelta(days=1), 19, 0), HOLIDAYS)
    assert status is not None
    assert status.next_opening == paris(SPRING, 9, 0)
    assert status.next_opening is not None and status.next_opening.utcoffset() == timedelta(hours=2)


# --- Fall back: 2026-10-25 ---------------------------------------------------------------------


@pytest.mark.parametrize("fold", [0, 1])
def test_autumn_ambiguous_half_past_two_is_stable_for_usual_hours(fold: int) -> None:
    status = status_at(facility((9 * 60, 18 * 60)), paris(AUTUMN, 2, 30, fold), HOLIDAYS)
    assert status is not None
    assert not status.is_open
    assert status.next_opening == paris(AUTUMN, 9, 0)
    assert status.next_opening is not None and status.next_opening.utcoffset() == timedelta(hours=1)


@pytest.mark.parametrize("fold", [0, 1])
def test_autumn_ambiguous_half_past_two_always_open(fold: int) -> None:
    status = status_at(facility((0, 1440)), paris(AUTUMN, 2, 30, fold), HOLIDAYS)
    assert status is not None
    assert status.is_open
    assert status.closes_at is None


@pytest.mark.parametrize(("fold", "minutes"), [(0, 150), (1, 90)])
def test_autumn_minutes_until_close_are_real_minutes(fold: int, minutes: int) -> None:
    # 02:30 happens twice; 04:00 CET is 150 real minutes after the first, 90 after the second.
    status = status_at(facility((0, 4 * 60)), paris(AUTUMN, 2, 30, fold), HOLIDAYS)
    assert status is not None
    assert status.is_open
    assert status.closes_at == paris(AUTUMN, 4, 0)
    assert status.minutes_until_close == minutes


def test_autumn_closing_inside_the_repeated_hour_closes_once() -> None:
    # Closes at the first 02:30 (CEST); when the clock shows 02:10 again (CET) it stays closed.
    short = facility((0, 2 * 60 + 30))
    first = status_at(short, paris(AUTUMN, 2, 10, fold=0), HOLIDAYS)
    second = status_at(short, paris(AUTUMN, 2, 10, fold=1), HOLIDAYS)
    assert first is not None and second is not None
    assert (first.is_open, first.minutes_until_close) == (True, 20)
    assert not second.is_open
    assert second.next_opening == paris(AUTUMN + timedelta(days=1), 0, 0)


def test_autumn_night_opens_and_closes_exactly_once() -> None:
    """Walk the whole night in real time, every 5 minutes: one opening, one closing, no flicker."""
    night = facility((1 * 60, 3 * 60 + 30))
    start = utc("2026-10-24T22:00")
    states = []
    for step in range(0, 6 * 12):
        now = (start + timedelta(minutes=5 * step)).astimezone(PARIS)
        status = status_at(night, now, HOLIDAYS)
        assert status is not None
        states.append(status.is_open)
        if status.is_open:
            assert status.closes_at is not None
            assert status.closes_at.astimezone(UTC) == utc("2026-10-25T02:30")  # 03:30 CET
            assert status.minutes_until_close == real_minutes(now, status.closes_at)
    changes = [i for i in range(1, len(states)) if states[i] != states[i - 1]]
    assert len(changes) == 2
    assert sum(states) == (150 + 60) // 5  # open 01:00 CEST → 03:30 CET: 3 h 30 of real time
