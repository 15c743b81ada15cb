"""The typed, immutable catalogue: everything the skill knows about one city.

Built from `content/*.yaml` (see `catalogue.loader`) or from the compiled JSON shipped in the
Lambda (see `catalogue.compiled`). Nothing here parses or formats French: it only holds data.

Conventions:
- times of day are minutes since midnight (`0..1440`; 1440 means "24 heures", end of day);
- weekdays are `0..6`, Monday first, like `datetime.date.weekday()`;
- every id is a stable slug (`[a-z0-9-]+`) chosen by staff; ids are what the interaction model,
  AudioPlayer tokens and persisted state refer to, never list positions.
"""

from __future__ import annotations

import functools
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, without compiling generated methods at import (see `records`)
    from mairie.catalogue.records import frozen_dataclass as dataclass


@dataclass(frozen=True)
class TimeRange:
    """An opening range within one day, `opens` inclusive, `closes` exclusive (minutes)."""

    opens: int
    closes: int


DayRanges = tuple[TimeRange, ...]
"""The ranges of one day, sorted and non-overlapping; empty means closed that day."""


@dataclass(frozen=True)
class WeeklyHours:
    """Seven entries, Monday first."""

    days: tuple[DayRanges, DayRanges, DayRanges, DayRanges, DayRanges, DayRanges, DayRanges]


@dataclass(frozen=True)
class SeasonalPeriod:
    """Weekly hours that replace the usual ones between two dates (both inclusive)."""

    name: str
    start: date
    end: date
    weekly: WeeklyHours


@dataclass(frozen=True)
class DateException:
    """A one-off closure (`ranges` empty) or special hours, on a date or a date range (inclusive).

    Exceptions win over public holidays, seasonal periods and weekly hours.
    """

    start: date
    end: date
    ranges: DayRanges
    reason: str | None = None


@dataclass(frozen=True)
class Facility:
    id: str
    name: str
    """Spoken name with its article, as a resident would say it: "la médiathèque centre-ville"."""
    kind: str
    """A generic word for the facility's kind, singular, no article: "médiathèque", "piscine"."""
    feminine: bool
    synonyms: tuple[str, ...] = ()
    address: str | None = None
    phone: str | None = None
    website: str | None = None
    weekly: WeeklyHours | None = None
    """None when the hours are not known: the skill says so and points to `where_to_check`."""
    periods: tuple[SeasonalPeriod, ...] = ()
    exceptions: tuple[DateException, ...] = ()
    open_on_public_holidays: bool = False
    hours_note: str | None = None
    """Said after the hours, e.g. "Accueil uniquement sur rendez-vous."."""
    where_to_check: str | None = None
    """Where a resident can check the hours, spoken: "sur le site issy.com"."""
    description: str | None = None
    example: bool = False
    """True when staff marked the entry as an example (facts not confirmed)."""
    kind_plural: str | None = None
    """Plural of `kind` ("médiathèques", "services municipaux"); the loader always fills it."""


class DocumentKind(StrEnum):
    ID_CARD = "carte-identite"
    PASSPORT = "passeport"


@dataclass(frozen=True)
class Link:
    label: str
    url: str


@dataclass(frozen=True)
class Procedure:
    """How to obtain one document (identity card or passport)."""

    id: str
    name: str
    """Spoken name with its article: "la carte nationale d'identité"."""
    feminine: bool
    synonyms: tuple[str, ...]
    summary: str
    """The short spoken answer (first sentence answers the question)."""
    steps: tuple[str, ...]
    documents: tuple[str, ...]
    cost: str
    delays: str
    facility_id: str | None = None
    """Where to go: a facility of the catalogue, whose hours the skill can give."""
    links: tuple[Link, ...] = ()
    cases: tuple[ProcedureCase, ...] = ()
    offline_help: str | None = None
    """Who helps residents without internet with the online steps ("l'espace France Services …"):
    said with the first answer, since the pre-application is online."""


class AgeGroup(StrEnum):
    ADULT = "majeur"
    MINOR = "mineur"


class Situation(StrEnum):
    RENEWAL = "renouvellement"
    FIRST = "premiere-demande"
    LOST_OR_STOLEN = "perte-vol"


@dataclass(frozen=True)
class ProcedureCase:
    """The answer for one case of a procedure (refined by the ID-renewal issue)."""

    id: str
    situations: tuple[Situation, ...]
    age_groups: tuple[AgeGroup, ...]
    min_age: int | None
    max_age: int | None
    summary: str
    cost: str
    extra_steps: tuple[str, ...] = ()
    extra_documents: tuple[str, ...] = ()


@dataclass(frozen=True)
class MagazineItem:
    id: str
    title: str
    summary: str
    """One or two sentences, spoken in the sommaire."""
    text: str | None = None
    """The longer text read on request ("lis-moi l'article sur ...")."""
    synonyms: tuple[str, ...] = ()
    """Other ways residents name the article ("l'aviation" for "Issy, berceau de l'aviation")."""


@dataclass(frozen=True)
class FeedSettings:
    """What podcast directories read about a feed (`mairie build` writes it, see `tools.feeds`); never spoken."""

    category: str | None = None
    """An Apple Podcasts category, spelt as Apple does: "Government", "Society & Culture"."""
    subcategory: str | None = None
    """One of `category`'s subcategories ("Documentary"), or None."""
    owner_name: str | None = None
    owner_email: str | None = None
    """Where Spotify and YouTube send the code that proves the feed is the city's."""
    author: str | None = None
    """Who publishes the feed, shown under its title; None for the city's name."""
    explicit: bool = False
    """Apple's parental advisory: True only for explicit content."""


@dataclass(frozen=True)
class MagazineIssue:
    id: str
    """The month, "YYYY-MM"; also the AudioPlayer token suffix (`magazine:2026-11`)."""
    month: date
    """First day of the month of publication."""
    title: str
    items: tuple[MagazineItem, ...]
    audio_url: str | None = None
    image_url: str | None = None
    example: bool = False
    audio_bytes: int | None = None
    """Size of the audio file in bytes, for the feed's `enclosure` (podcast directories require it)."""
    audio_type: str | None = None
    """MIME type of the audio file ("audio/mpeg"); None when its extension tells it."""
    duration_seconds: int | None = None


@dataclass(frozen=True)
class Magazine:
    name: str
    """Spoken title: "Point d'Appui"."""
    description: str
    website: str | None
    issues: tuple[MagazineIssue, ...]
    """Sorted by month, oldest first."""
    synonyms: tuple[str, ...] = ()
    """Other names residents give the magazine (its former title, a nickname)."""
    image_url: str | None = None
    """The square artwork of the audio editions' feed."""
    feed: FeedSettings = FeedSettings()


@dataclass(frozen=True)
class Episode:
    id: str
    number: int
    title: str
    guests: tuple[str, ...]
    description: str
    audio_url: str
    published: date | None = None
    duration_seconds: int | None = None
    image_url: str | None = None
    example: bool = False
    audio_bytes: int | None = None
    """Size of the audio file in bytes, for the feed's `enclosure` (podcast directories require it)."""
    audio_type: str | None = None
    """MIME type of the audio file ("audio/mpeg"); None when its extension tells it."""


@dataclass(frozen=True)
class PodcastSeries:
    id: str
    title: str
    description: str
    image_url: str | None
    episodes: tuple[Episode, ...]
    """Sorted by episode number, first first."""
    website: str | None = None
    """The series' web page, linked from its feed; None for the city's website."""
    feed: FeedSettings = FeedSettings()


@dataclass(frozen=True)
class City:
    name: str
    """"Issy-les-Moulineaux"."""
    skill_name: str
    """"la Mairie d'Issy": how the skill names itself."""
    invocation_name: str
    """Lower case, as Alexa expects it: "la mairie d'issy"."""
    timezone: str
    """IANA name, "Europe/Paris"."""
    website: str
    welcome: str
    """The greeting said first ("Bonjour, ici la Mairie d'Issy."); `voice.assistant.welcome` adds what
    to ask, from the catalogue."""
    about: str
    """Spoken for "parle-moi de la ville"."""
    holiday_subdivision: str | None = None
    """`holidays` subdivision code; None for metropolitan France (Alsace-Moselle is not assumed)."""
    image_url: str | None = None
    aliases: tuple[str, ...] = ()
    """Names residents use for the city ("Issy", "Issy-les-Moulineaux"): the CITY_NAME slot values."""
    feeds_url: str | None = None
    """Where the podcast feeds written by `mairie build` are put online (a folder's https address)."""


@dataclass(frozen=True)
class Catalogue:
    city: City
    facilities: tuple[Facility, ...]
    procedures: tuple[Procedure, ...]
    magazine: Magazine | None
    podcasts: tuple[PodcastSeries, ...]

    @functools.cached_property
    def indexes(self) -> CatalogueIndex:
        """Lookups by id, built on the first lookup (after the cold start's peak memory), then kept."""
        return CatalogueIndex.build(self)

    def facility(self, facility_id: str) -> Facility | None:
        return self.indexes.facilities.get(facility_id)

    def procedure(self, procedure_id: str) -> Procedure | None:
        return self.indexes.procedures.get(procedure_id)

    def episode(self, series_id: str, episode_id: str) -> Episode | None:
        return self.indexes.episodes.get((series_id, episode_id))

    def series(self, series_id: str) -> PodcastSeries | None:
        return self.indexes.series.get(series_id)

    def magazine_issue(self, issue_id: str) -> MagazineIssue | None:
        return self.indexes.magazine_issues.get(issue_id)


@dataclass(frozen=True)
class CatalogueIndex:
    """Lookups built once per container."""

    facilities: dict[str, Facility]
    procedures: dict[str, Procedure]
    series: dict[str, PodcastSeries]
    episodes: dict[tuple[str, str], Episode]
    magazine_issues: dict[str, MagazineIssue]

    @staticmethod
    def build(catalogue: Catalogue) -> CatalogueIndex:
        return CatalogueIndex(
            facilities={f.id: f for f in catalogue.facilities},
            procedures={p.id: p for p in catalogue.procedures},
            series={s.id: s for s in catalogue.podcasts},
            episodes={(s.id, e.id): e for s in catalogue.podcasts for e in s.episodes},
            magazine_issues={i.id: i for i in catalogue.magazine.issues} if catalogue.magazine else {},
        )
