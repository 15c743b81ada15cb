"""The compiled catalogue: one deterministic JSON file shipped inside the Lambda.

`mairie build` writes it with `dump_catalogue`; the Lambda reads it at cold start with
`load_compiled`. Standard library only (no YAML): this module is on the cold-start path.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import re
from collections.abc import Callable
from datetime import date
from enum import Enum
from operator import itemgetter
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
    FeedSettings,
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

FORMAT = 2
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
    """The catalogue from compiled JSON: a `Path` to the file, or the JSON text itself.

    The JSON is walked rather than parsed whole: each facility, procedure and episode is parsed on
    its own and turned into objects before the next one, so that the parsed JSON of the whole
    catalogue never exists next to its objects (a 20-times-Issy catalogue peaks 2 MiB lower).
    Equal strings and equal opening hours are shared between entries. The cyclic garbage collector
    is paused while the (acyclic) objects are built.
    """
    text = text_or_path.read_text(encoding="utf-8") if isinstance(text_or_path, Path) else text_or_path
    collecting = gc.isenabled()
    gc.disable()
    build = _Builder()
    try:
        top, end = _object(text, _space(text, 0), build.readers())
        if text[_space(text, end) :]:
            raise ValueError("not one JSON object")
        return build.catalogue(top)
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as error:
        if build.format != FORMAT:  # entries of another layout cannot be read: say why
            raise _format_error() from error
        raise ValueError(
            f"Catalogue compilé illisible ({type(error).__name__}) : relancez « mairie build »."
        ) from error
    finally:
        if collecting:
            gc.enable()


_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"[ \t\n\r]*")
_RANGE = itemgetter("opens", "closes")
_SCAN: Callable[[str, int], tuple[Any, int]] = _DECODER.scan_once  # type: ignore[attr-defined]
"""The C scanner behind `raw_decode`, without its Python frame (raises `StopIteration` when invalid)."""


def _format_error() -> ValueError:
    return ValueError("Catalogue compilé d'un format inconnu : relancez « mairie build » avec cette version du code.")


def _space(text: str, index: int) -> int:
    """The index of the first character at or after `index` that is not JSON whitespace."""
    return _SPACE.match(text, index).end()  # type: ignore[union-attr]


Reader = Callable[[str, int], tuple[Any, int]]


def _entries(text: str, index: int, build: Callable[[Any], Any]) -> tuple[tuple[Any, ...], int]:
    """The JSON array at `index`, each entry parsed on its own and built before the next is parsed."""
    if text[index] != "[":
        raise ValueError("not a compiled catalogue")
    space, scan = _SPACE.match, _SCAN
    index = space(text, index + 1).end()  # type: ignore[union-attr]
    found: list[Any] = []
    if text[index] == "]":
        return (), index + 1
    try:
        while True:
            value, index = scan(text, index)
            found.append(build(value))
            index = space(text, index).end()  # type: ignore[union-attr]
            if text[index] == "]":
                return tuple(found), index + 1
            if text[index] != ",":
                raise ValueError("not a compiled catalogue")
            index = space(text, index + 1).end()  # type: ignore[union-attr]
    except StopIteration as error:
        raise ValueError("not a compiled catalogue") from error


def _array(text: str, index: int, item: Reader) -> tuple[tuple[Any, ...], int]:
    """The JSON array at `index`, each entry read by `item` before the next one is parsed."""
    if text[index] != "[":
        raise ValueError("not a compiled catalogue")
    index = _space(text, index + 1)
    found: list[Any] = []
    if text[index] == "]":
        return (), index + 1
    while True:
        value, index = item(text, index)
        found.append(value)
        index = _space(text, index)
        if text[index] == "]":
            return tuple(found), index + 1
        if text[index] != ",":
            raise ValueError("not a compiled catalogue")
        index = _space(text, index + 1)


def _object(text: str, index: int, readers: dict[str, Reader]) -> tuple[Json, int]:
    """The JSON object at `index`: the values of `readers`' keys read by them, the others parsed."""
    if text[index] != "{":
        raise ValueError("not a compiled catalogue")
    index = _space(text, index + 1)
    found: Json = {}
    if text[index] == "}":
        return found, index + 1
    while True:
        key, index = _DECODER.raw_decode(text, index)
        index = _space(text, index)
        if text[index] != ":":
            raise ValueError("not a compiled catalogue")
        index = _space(text, index + 1)
        reader = readers.get(key)
        found[key], index = reader(text, index) if reader is not None else _DECODER.raw_decode(text, index)
        index = _space(text, index)
        if text[index] == "}":
            return found, index + 1
        if text[index] != ",":
            raise ValueError("not a compiled catalogue")
        index = _space(text, index + 1)


class _Builder:
    """Model objects from parsed JSON, sharing equal strings and equal opening hours (all immutable)."""

    def __init__(self) -> None:
        self._strings: dict[str, str] = {}
        self._days: dict[tuple[tuple[int, int], ...], DayRanges] = {}
        self._weeks: dict[tuple[tuple[tuple[int, int], ...], ...], WeeklyHours] = {}
        self.format: Any = None

    def readers(self) -> dict[str, Reader]:
        """How to read the top-level entries: the lists entry by entry, into objects."""
        episodes: dict[str, Reader] = {"episodes": lambda text, index: _entries(text, index, self.episode)}
        return {
            "format": self._format,
            "facilities": lambda text, index: _entries(text, index, self.facility),
            "procedures": lambda text, index: _entries(text, index, self.procedure),
            "podcasts": lambda text, index: _array(text, index, lambda t, i: self._series(t, i, episodes)),
        }

    def _format(self, text: str, index: int) -> tuple[Any, int]:
        self.format, end = _DECODER.raw_decode(text, index)
        return self.format, end

    def _series(self, text: str, index: int, episodes: dict[str, Reader]) -> tuple[PodcastSeries, int]:
        fields, end = _object(text, index, episodes)
        return self.series(fields), end

    def catalogue(self, top: Json) -> Catalogue:
        if top.get("format") != FORMAT:
            raise _format_error()
        magazine = top["magazine"]
        return Catalogue(
            city=self.city(top["city"]),
            facilities=top["facilities"],
            procedures=top["procedures"],
            magazine=None if magazine is None else self.magazine(magazine),
            podcasts=top["podcasts"],
        )

    def s(self, value: str | None) -> str | None:
        return None if value is None else self._strings.setdefault(value, value)

    def text(self, value: str) -> str:
        return self._strings.setdefault(value, value)

    def strings(self, values: list[str]) -> tuple[str, ...]:
        return tuple(map(self._strings.setdefault, values, values)) if values else ()

    def city(self, d: Json) -> City:
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
            aliases=tuple(d["aliases"]),
            feeds_url=d["feeds_url"],
        )

    def day(self, ranges: list[Json]) -> DayRanges:
        return self._day(tuple(map(_RANGE, ranges)))

    def _day(self, key: tuple[tuple[int, int], ...]) -> DayRanges:
        found = self._days.get(key)
        if found is None:
            found = self._days[key] = tuple(TimeRange(opens, closes) for opens, closes in key)
        return found

    def week(self, d: Json) -> WeeklyHours:
        key = tuple([tuple(map(_RANGE, ranges)) for ranges in d["days"]])  # plain numbers: cheap to hash
        found = self._weeks.get(key)
        if found is None:
            days = tuple(map(self._day, key))
            found = self._weeks[key] = WeeklyHours((days[0], days[1], days[2], days[3], days[4], days[5], days[6]))
        return found

    def period(self, d: Json) -> SeasonalPeriod:
        start, end = date.fromisoformat(d["start"]), date.fromisoformat(d["end"])
        return SeasonalPeriod(self.text(d["name"]), start, end, self.week(d["weekly"]))

    def exception(self, d: Json) -> DateException:
        start, end = date.fromisoformat(d["start"]), date.fromisoformat(d["end"])
        return DateException(start, end, self.day(d["ranges"]), self.s(d["reason"]))

    def facility(self, d: Json) -> Facility:
        s = self.s
        weekly = d["weekly"]
        return Facility(
            id=d["id"],
            name=d["name"],
            kind=self.text(d["kind"]),
            feminine=d["feminine"],
            synonyms=self.strings(d["synonyms"]),
            address=s(d["address"]),
            phone=s(d["phone"]),
            website=s(d["website"]),
            weekly=None if weekly is None else self.week(weekly),
            periods=tuple(map(self.period, d["periods"])),
            exceptions=tuple(map(self.exception, d["exceptions"])),
            open_on_public_holidays=d["open_on_public_holidays"],
            hours_note=s(d["hours_note"]),
            where_to_check=s(d["where_to_check"]),
            description=s(d["description"]),
            example=d["example"],
            kind_plural=s(d["kind_plural"]),
        )

    def case(self, d: Json) -> ProcedureCase:
        return ProcedureCase(
            id=d["id"],
            situations=tuple(Situation(s) for s in d["situations"]),
            age_groups=tuple(AgeGroup(a) for a in d["age_groups"]),
            min_age=d["min_age"],
            max_age=d["max_age"],
            summary=self.text(d["summary"]),
            cost=self.text(d["cost"]),
            extra_steps=self.strings(d["extra_steps"]),
            extra_documents=self.strings(d["extra_documents"]),
        )

    def procedure(self, d: Json) -> Procedure:
        return Procedure(
            id=d["id"],
            name=d["name"],
            feminine=d["feminine"],
            synonyms=self.strings(d["synonyms"]),
            summary=self.text(d["summary"]),
            steps=self.strings(d["steps"]),
            documents=self.strings(d["documents"]),
            cost=self.text(d["cost"]),
            delays=self.text(d["delays"]),
            facility_id=self.s(d["facility_id"]),
            links=tuple(Link(self.text(link["label"]), self.text(link["url"])) for link in d["links"]),
            cases=tuple(self.case(c) for c in d["cases"]),
            offline_help=self.s(d["offline_help"]),
        )

    def item(self, d: Json) -> MagazineItem:
        return MagazineItem(
            d["id"], self.text(d["title"]), self.text(d["summary"]), self.s(d["text"]), self.strings(d["synonyms"])
        )

    def issue(self, d: Json) -> MagazineIssue:
        return MagazineIssue(
            id=d["id"],
            month=date.fromisoformat(d["month"]),
            title=self.text(d["title"]),
            items=tuple(self.item(i) for i in d["items"]),
            audio_url=self.s(d["audio_url"]),
            image_url=self.s(d["image_url"]),
            example=d["example"],
            audio_bytes=d["audio_bytes"],
            audio_type=self.s(d["audio_type"]),
            duration_seconds=d["duration_seconds"],
        )

    def magazine(self, d: Json) -> Magazine:
        return Magazine(
            name=d["name"],
            description=d["description"],
            website=d["website"],
            issues=tuple(self.issue(i) for i in d["issues"]),
            synonyms=self.strings(d["synonyms"]),
            image_url=d["image_url"],
            feed=self.feed(d["feed"]),
        )

    def feed(self, d: Json) -> FeedSettings:
        s = self.s
        return FeedSettings(
            category=s(d["category"]),
            subcategory=s(d["subcategory"]),
            owner_name=s(d["owner_name"]),
            owner_email=s(d["owner_email"]),
            author=s(d["author"]),
            explicit=d["explicit"],
        )

    def episode(self, d: Json) -> Episode:
        published = d["published"]
        return Episode(
            id=d["id"],
            number=d["number"],
            title=d["title"],
            guests=self.strings(d["guests"]),
            description=self.text(d["description"]),
            audio_url=self.text(d["audio_url"]),
            published=None if published is None else date.fromisoformat(published),
            duration_seconds=d["duration_seconds"],
            image_url=self.s(d["image_url"]),
            example=d["example"],
            audio_bytes=d["audio_bytes"],
            audio_type=self.s(d["audio_type"]),
        )

    def series(self, d: Json) -> PodcastSeries:
        episodes = d["episodes"]  # already built when read entry by entry
        return PodcastSeries(
            id=d["id"],
            title=d["title"],
            description=d["description"],
            image_url=d["image_url"],
            episodes=episodes if isinstance(episodes, tuple) else tuple(self.episode(e) for e in episodes),
            website=d["website"],
            feed=self.feed(d["feed"]),
        )
