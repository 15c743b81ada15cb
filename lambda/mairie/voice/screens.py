"""The words shown on Echo Show screens (plain text): a title, a subtitle, rows, a footer.

Rows are `(label, detail, highlighted)`; the ASK layer turns a `Screen` into an APL datasource.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from mairie.catalogue.model import Episode, Facility, PodcastSeries, Procedure, ProcedureCase
from mairie.domain.calendar import HolidayCalendar
from mairie.domain.hours import DaySchedule, week_schedule
from mairie.voice.french import agree, capitalize_first, join_list, say_full_date, write_time
from mairie.voice.procedures import card_title, documents_of, say_cost


@dataclass(frozen=True)
class Row:
    label: str
    detail: str
    highlighted: bool = False


@dataclass(frozen=True)
class Screen:
    title: str
    subtitle: str
    rows: tuple[Row, ...] = field(default_factory=tuple)
    footer: str = ""


def week_screen(facility: Facility, today: date, holidays: HolidayCalendar) -> Screen | None:
    """Monday to Sunday of the current week, today highlighted; None when the hours are unknown."""
    monday = today - timedelta(days=today.weekday())
    schedules = week_schedule(facility, monday, holidays)
    if not schedules:
        return None
    rows = tuple(Row(_day_label(s.day, today), _day_hours(facility, s), s.day == today) for s in schedules)
    warning = "Horaires donnés à titre d'exemple, à vérifier." if facility.example else None
    footer = " · ".join(part for part in (facility.phone, facility.website, warning) if part)
    return Screen(capitalize_first(facility.name), facility.address or "", rows, footer)


def _day_label(day: date, today: date) -> str:
    label = capitalize_first(say_full_date(day))
    return f"{label} (aujourd'hui)" if day == today else label


def _day_hours(facility: Facility, schedule: DaySchedule) -> str:
    if schedule.is_closed:
        closed = capitalize_first(agree("fermé", facility.feminine))
        return f"{closed} ({schedule.reason})" if schedule.reason else closed
    text = ", ".join(f"{write_time(r.opens)} – {write_time(r.closes)}" for r in schedule.ranges)
    return f"{text} ({schedule.reason})" if schedule.kind == "exception" and schedule.reason else text


def checklist_screen(procedure: Procedure, case: ProcedureCase | None) -> Screen:
    """The documents to bring, numbered, with the cost."""
    rows = tuple(
        Row(f"{index}.", capitalize_first(text)) for index, text in enumerate(documents_of(procedure, case), 1)
    )
    return Screen(card_title(procedure), "Documents à apporter", rows, f"Coût : {say_cost(procedure, case)}")


def episodes_screen(series: PodcastSeries) -> Screen:
    rows = tuple(Row(f"Épisode {e.number}", _episode_detail(e)) for e in series.episodes)
    return Screen(series.title, series.description, rows, "Dites par exemple « joue l'épisode 1 ».")


def _episode_detail(episode: Episode) -> str:
    return f"{episode.title} (avec {join_list(list(episode.guests))})" if episode.guests else episode.title
