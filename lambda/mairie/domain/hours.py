"""Opening hours: which ranges apply on a day, and is a facility open at an instant.

Pure logic on the catalogue model; no ASK, no French (holiday names and staff reasons pass through).

Which hours apply on a day (first match wins):
1. a `DateException` covering the day (the shortest one when several overlap, then the first listed);
2. a public holiday: closed, unless `Facility.open_on_public_holidays`;
3. a `SeasonalPeriod` covering the day (the first listed);
4. the weekly hours.

Time, to the minute, in the city's zone (the zone of the `now` given, a `ZoneInfo`):
- ranges are wall-clock times of a local date. A range is the real-time interval from the first
  instant the wall clock shows `opens` to the first instant it shows `closes` (1440 = next midnight);
- so on the night clocks go forward (2026-03-29, Paris: 02:00 → 03:00) a time inside the gap maps to
  the jump itself (03:00), and on the night they go back (2026-10-25: 03:00 → 02:00) a time inside
  the repeated hour maps to its first occurrence. Realistic hours never touch these hours; the rule
  only guarantees one consistent answer for every instant;
- durations (`minutes_until_close`) are real elapsed minutes, computed in UTC: at 01:50 on
  2026-03-29, a range closing at 03:30 closes in 40 minutes, not 100;
- seconds are ignored: at 17:40:59 a facility closing at 18:00 closes "in 20 minutes", like the
  clock the resident looks at;
- consecutive ranges that touch (12:00-14:00 then 14:00-18:00, or 24:00 then 00:00 the next day)
  make one opening: `closes_at` is the end of the whole opening.

Never compare or subtract two aware datetimes of the same `ZoneInfo` directly: Python then compares
wall times and ignores `fold`. Everything below converts to UTC first.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Literal, NamedTuple

from mairie.catalogue.model import DateException, DayRanges, Facility, SeasonalPeriod, WeeklyHours
from mairie.domain.calendar import HolidayCalendar

MINUTES_PER_DAY = 1440
HORIZON_DAYS = 366
"""How far `status_at` looks for the next opening or the end of the current one."""

ScheduleKind = Literal["weekly", "period", "exception", "holiday"]


@dataclass(frozen=True)
class DaySchedule:
    """The opening ranges of one local date, and why these ones."""

    day: date
    ranges: DayRanges
    """Empty when closed all day."""
    kind: ScheduleKind
    reason: str | None = None
    """The holiday's spoken name (kind "holiday") or the staff's reason (kind "exception")."""
    period_name: str | None = None
    """The seasonal period in force (kind "period")."""
    holiday: str | None = None
    """The public holiday of that day, if any, whatever the kind (an open pool on 14 July)."""

    @property
    def is_closed(self) -> bool:
        return not self.ranges


@dataclass(frozen=True)
class OpenStatus:
    """A facility at one instant."""

    now: datetime
    is_open: bool
    today: DaySchedule
    closes_at: datetime | None
    """When open: the end of the current opening (local, aware); None if it lasts past the horizon."""
    minutes_until_close: int | None
    """When open: real minutes until `closes_at`."""
    next_opening: datetime | None
    """The next start of an opening after now (after the current one when open); None if none."""
    reopens_schedule: DaySchedule | None
    """The schedule of the day of `next_opening`."""
    closed_reason: str | None
    """When closed all day today because of a holiday or an exception: its name or reason."""

    @property
    def opens_later_today(self) -> bool:
        return not self.is_open and self.next_opening is not None and self.next_opening.date() == self.today.day


class KindStatus(NamedTuple):
    open: list[tuple[Facility, OpenStatus]]
    closed: list[tuple[Facility, OpenStatus]]
    unknown: list[Facility]


def weekly_in_effect(facility: Facility, day: date) -> tuple[WeeklyHours | None, SeasonalPeriod | None]:
    """The weekly pattern for `day` (ignoring holidays and exceptions), and its period if any."""
    if facility.weekly is None:
        return None, None
    period = _period(facility, day)
    return (period.weekly, period) if period else (facility.weekly, None)


def day_schedule(facility: Facility, day: date, holidays: HolidayCalendar) -> DaySchedule | None:
    """The hours of `facility` on `day`; None when its hours are unknown (`weekly` is None)."""
    if facility.weekly is None:
        return None
    holiday = holidays.name(day)
    exception = _exception(facility, day)
    if exception is not None:
        return DaySchedule(day, exception.ranges, "exception", reason=exception.reason, holiday=holiday)
    if holiday is not None and not facility.open_on_public_holidays:
        return DaySchedule(day, (), "holiday", reason=holiday, holiday=holiday)
    period = _period(facility, day)
    if period is not None:
        ranges = period.weekly.days[day.weekday()]
        return DaySchedule(day, ranges, "period", period_name=period.name, holiday=holiday)
    return DaySchedule(day, facility.weekly.days[day.weekday()], "weekly", holiday=holiday)


def week_schedule(facility: Facility, start: date, holidays: HolidayCalendar, days: int = 7) -> list[DaySchedule]:
    """`days` consecutive schedules from `start`; empty when the hours are unknown."""
    schedules = (day_schedule(facility, start + timedelta(days=i), holidays) for i in range(days))
    return [schedule for schedule in schedules if schedule is not None]


def status_at(
    facility: Facility, now: datetime, holidays: HolidayCalendar, horizon_days: int = HORIZON_DAYS
) -> OpenStatus | None:
    """Whether `facility` is open at `now` (aware, in the city's zone); None when hours are unknown."""
    zone = now.tzinfo
    if zone is None or now.utcoffset() is None:
        raise ValueError("status_at needs an aware datetime in the city's time zone")
    minute = now.replace(second=0, microsecond=0)
    today = day_schedule(facility, minute.date(), holidays)
    if today is None:
        return None
    instant = minute.astimezone(UTC)
    current_end: datetime | None = None
    is_open = False
    following: _Opening | None = None
    for opening in _openings(facility, today, holidays, zone, horizon_days):
        if opening.end <= instant:
            continue
        if not is_open and opening.start <= instant:
            is_open, current_end = True, opening.end
        elif is_open and current_end is not None and opening.start <= current_end:
            current_end = max(current_end, opening.end)  # touching ranges make one opening
        else:
            following = opening
            break
    else:
        current_end = None  # open past the horizon, or closed for good
    closes_at = current_end.astimezone(zone) if current_end is not None else None
    closed_all_day = not is_open and today.is_closed and today.kind in ("holiday", "exception")
    return OpenStatus(
        now=now,
        is_open=is_open,
        today=today,
        closes_at=closes_at,
        minutes_until_close=real_minutes(minute, closes_at) if closes_at is not None else None,
        next_opening=following.start.astimezone(zone) if following is not None else None,
        reopens_schedule=following.schedule if following is not None else None,
        closed_reason=today.reason if closed_all_day else None,
    )


def open_facilities_of_kind(
    facilities: Iterable[Facility], kind: str, now: datetime, holidays: HolidayCalendar
) -> KindStatus:
    """The facilities of `kind`, split into open now, closed now and hours unknown (catalogue order)."""
    return classify([f for f in facilities if f.kind == kind], now, holidays)


def classify(facilities: Sequence[Facility], now: datetime, holidays: HolidayCalendar) -> KindStatus:
    """Split `facilities` into open now, closed now and hours unknown (order kept)."""
    result = KindStatus([], [], [])
    for facility in facilities:
        status = status_at(facility, now, holidays)
        if status is None:
            result.unknown.append(facility)
        elif status.is_open:
            result.open.append((facility, status))
        else:
            result.closed.append((facility, status))
    return result


def local_instant(day: date, minute: int, zone: tzinfo) -> datetime:
    """The first instant at which the wall clock in `zone` shows `minute` of `day` (or later).

    Minute 1440 is the next midnight. A wall time skipped by a DST jump maps to the jump; a repeated
    one to its first occurrence (fold 0).
    """
    day, minute = day + timedelta(days=minute // MINUTES_PER_DAY), minute % MINUTES_PER_DAY
    for _ in range(MINUTES_PER_DAY):  # walk out of a DST gap, if any
        wall = datetime.combine(day, time(minute // 60, minute % 60), tzinfo=zone)
        if _exists(wall):
            return wall
        minute += 1
        if minute == MINUTES_PER_DAY:
            day, minute = day + timedelta(days=1), 0
    raise ValueError(f"no wall time after {day} in {zone}")  # pragma: no cover - no such zone


def real_minutes(start: datetime, end: datetime) -> int:
    """Elapsed minutes from `start` to `end` (aware), in real time."""
    seconds = (end.astimezone(UTC) - start.astimezone(UTC)).total_seconds()
    return int(seconds // 60)


@dataclass(frozen=True)
class _Opening:
    """One opening as a UTC interval; `schedule` is the day it starts on."""

    start: datetime
    end: datetime
    schedule: DaySchedule


def _openings(
    facility: Facility, first: DaySchedule, holidays: HolidayCalendar, zone: tzinfo, horizon_days: int
) -> Iterator[_Opening]:
    schedule: DaySchedule | None = first
    for offset in range(horizon_days + 1):
        if offset:
            schedule = day_schedule(facility, first.day + timedelta(days=offset), holidays)
        assert schedule is not None  # weekly is known: day_schedule never returns None
        for span in schedule.ranges:
            start = local_instant(schedule.day, span.opens, zone).astimezone(UTC)
            end = local_instant(schedule.day, span.closes, zone).astimezone(UTC)
            if start < end:  # a range entirely inside a DST gap never happens
                yield _Opening(start, end, schedule)


def _exists(wall: datetime) -> bool:
    """False for a wall time skipped by a DST jump."""
    back = wall.astimezone(UTC).astimezone(wall.tzinfo)
    return back.replace(tzinfo=None) == wall.replace(tzinfo=None)


def _exception(facility: Facility, day: date) -> DateException | None:
    covering = [e for e in facility.exceptions if e.start <= day <= e.end]
    return min(covering, key=lambda e: e.end - e.start) if covering else None


def _period(facility: Facility, day: date) -> SeasonalPeriod | None:
    return next((p for p in facility.periods if p.start <= day <= p.end), None)
