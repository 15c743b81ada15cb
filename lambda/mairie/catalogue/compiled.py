"""The compiled catalogue: one deterministic JSON file shipped inside the Lambda.

`mairie build` writes it with `dump_catalogue`; the Lambda reads it at cold start with
`load_compiled`. Standard library only (no YAML): this module is on the cold-start path.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Any

from mairie.catalogue.model import (
    AgeGroup,
    Catalogue,
    City,
    DateException,
    DayRanges,
    Episode,
    Facility,
    Link,
    Magazine,
    MagazineIssue,
    MagazineItem,
    PodcastSeries,
    Procedure,
    ProcedureCase,
    SeasonalPeriod,
    Situation,
    TimeRange,
    WeeklyHours,
)

FORMAT = 1
"""Bumped when the JSON layout changes incompatibly; `load_compiled` refuses other versions."""

Json = dict[str, Any]


def dump_catalogue(catalogue: Catalogue) -> str:
    """Deterministic JSON (sorted keys, UTF-8 text, final newline)."""
    data = _plain(catalogue)
    data["format"] = FORMAT
    return json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n"


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in dataclasses.fields(value) if f.init}
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    return value


def load_compiled(text_or_path: str | Path) -> Catalogue:
    """The catalogue from compiled JSON: a `Path` to the file, or the JSON text itself."""
    text = text_or_path.read_text(encoding="utf-8") if isinstance(text_or_path, Path) else text_or_path
    data = json.loads(text)
    del text  # the file's text is not needed while the objects are built: a lower peak memory
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ValueError(
            "Catalogue compilé d'un format inconnu : relancez « mairie build » avec cette version du code."
        )
    magazine = data["magazine"]
    return Catalogue(
        city=_city(data["city"]),
        facilities=tuple(_facility(item) for item in data["facilities"]),
        procedures=tuple(_procedure(item) for item in data["procedures"]),
        magazine=None if magazine is None else _magazine(magazine),
        podcasts=tuple(_series(item) for item in data["podcasts"]),
    )


def _date(value: str | None) -> date | None:
    return None if value is None else date.fromisoformat(value)


def _strings(values: list[str]) -> tuple[str, ...]:
    return tuple(values)


def _city(d: Json) -> City:
    return City(
        name=d["name"],
        skill_name=d["skill_name"],
        invocation_name=d["invocation_name"],
        timezone=d["timezone"],
        website=d["website"],
        welcome=d["welcome"],
        about=d["about"],
        holiday_subdivision=d["holiday_subdivision"],
        image_url=d["image_url"],
        aliases=_strings(d["aliases"]),
    )


def _day(ranges: list[Json]) -> DayRanges:
    return tuple(TimeRange(r["opens"], r["closes"]) for r in ranges)


def _week(d: Json) -> WeeklyHours:
    days = [_day(day) for day in d["days"]]
    return WeeklyHours((days[0], days[1], days[2], days[3], days[4], days[5], days[6]))


def _weekly(d: Json | None) -> WeeklyHours | None:
    return None if d is None else _week(d)


def _period(d: Json) -> SeasonalPeriod:
    start, end = date.fromisoformat(d["start"]), date.fromisoformat(d["end"])
    return SeasonalPeriod(d["name"], start, end, _week(d["weekly"]))


def _exception(d: Json) -> DateException:
    return DateException(date.fromisoformat(d["start"]), date.fromisoformat(d["end"]), _day(d["ranges"]), d["reason"])


def _facility(d: Json) -> Facility:
    return Facility(
        id=d["id"],
        name=d["name"],
        kind=d["kind"],
        feminine=d["feminine"],
        synonyms=_strings(d["synonyms"]),
        address=d["address"],
        phone=d["phone"],
        website=d["website"],
        weekly=_weekly(d["weekly"]),
        periods=tuple(_period(p) for p in d["periods"]),
        exceptions=tuple(_exception(e) for e in d["exceptions"]),
        open_on_public_holidays=d["open_on_public_holidays"],
        hours_note=d["hours_note"],
        where_to_check=d["where_to_check"],
        description=d["description"],
        example=d["example"],
        kind_plural=d["kind_plural"],
    )


def _case(d: Json) -> ProcedureCase:
    return ProcedureCase(
        id=d["id"],
        situations=tuple(Situation(s) for s in d["situations"]),
        age_groups=tuple(AgeGroup(a) for a in d["age_groups"]),
        min_age=d["min_age"],
        max_age=d["max_age"],
        summary=d["summary"],
        cost=d["cost"],
        extra_steps=_strings(d["extra_steps"]),
        extra_documents=_strings(d["extra_documents"]),
    )


def _procedure(d: Json) -> Procedure:
    return Procedure(
        id=d["id"],
        name=d["name"],
        feminine=d["feminine"],
        synonyms=_strings(d["synonyms"]),
        summary=d["summary"],
        steps=_strings(d["steps"]),
        documents=_strings(d["documents"]),
        cost=d["cost"],
        delays=d["delays"],
        facility_id=d["facility_id"],
        links=tuple(Link(link["label"], link["url"]) for link in d["links"]),
        cases=tuple(_case(c) for c in d["cases"]),
    )


def _issue(d: Json) -> MagazineIssue:
    return MagazineIssue(
        id=d["id"],
        month=date.fromisoformat(d["month"]),
        title=d["title"],
        items=tuple(MagazineItem(i["id"], i["title"], i["summary"], i["text"]) for i in d["items"]),
        audio_url=d["audio_url"],
        image_url=d["image_url"],
        example=d["example"],
    )


def _magazine(d: Json) -> Magazine:
    return Magazine(
        name=d["name"],
        description=d["description"],
        website=d["website"],
        issues=tuple(_issue(i) for i in d["issues"]),
    )


def _episode(d: Json) -> Episode:
    return Episode(
        id=d["id"],
        number=d["number"],
        title=d["title"],
        guests=_strings(d["guests"]),
        description=d["description"],
        audio_url=d["audio_url"],
        published=_date(d["published"]),
        duration_seconds=d["duration_seconds"],
        image_url=d["image_url"],
        example=d["example"],
    )


def _series(d: Json) -> PodcastSeries:
    return PodcastSeries(
        id=d["id"],
        title=d["title"],
        description=d["description"],
        image_url=d["image_url"],
        episodes=tuple(_episode(e) for e in d["episodes"]),
    )
