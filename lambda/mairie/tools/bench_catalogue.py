"""A large catalogue for `mairie bench`, grown from a real one (Issy's by default).

The city's own entries are kept unchanged (so the benchmark's utterances resolve as usual) and
copies with new ids are added: `SCALE` times as many procedures and magazine issues, and at least
`FACILITIES` facilities and `EPISODES` podcast episodes.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TypeVar

from mairie.catalogue.model import Catalogue, Facility, Magazine, MagazineIssue, PodcastSeries, Procedure

T = TypeVar("T")
SCALE = 20
FACILITIES = 1000
EPISODES = 2000


def scaled_catalogue(catalogue: Catalogue, scale: int = SCALE) -> Catalogue:
    """`catalogue` grown `scale` times (and to 1,000 facilities, 2,000 episodes at scale 20)."""
    factor = scale / SCALE
    return Catalogue(
        city=catalogue.city,
        facilities=_facilities(catalogue.facilities, max(len(catalogue.facilities) * scale, int(FACILITIES * factor))),
        procedures=_procedures(catalogue.procedures, len(catalogue.procedures) * scale),
        magazine=_magazine(catalogue.magazine, scale),
        podcasts=_podcasts(catalogue.podcasts, max(_episode_count(catalogue.podcasts) * scale, int(EPISODES * factor))),
    )


def _facilities(originals: tuple[Facility, ...], total: int) -> tuple[Facility, ...]:
    if not originals:
        return ()
    copies = [
        replace(original, id=f"{original.id}-{n}", name=f"{original.name} {n}", synonyms=())
        for n, original in _copies(originals, total)
    ]
    return originals + tuple(copies)


def _procedures(originals: tuple[Procedure, ...], total: int) -> tuple[Procedure, ...]:
    copies = [
        replace(original, id=f"{original.id}-{n}", name=f"{original.name} {n}", synonyms=())
        for n, original in _copies(originals, total)
    ]
    return originals + tuple(copies)


def _copies(originals: tuple[T, ...], total: int) -> list[tuple[int, T]]:
    """(copy number, original) pairs for the `total - len(originals)` entries to add."""
    missing = max(0, total - len(originals))
    return [(index + 2, originals[index % len(originals)]) for index in range(missing)] if originals else []


def _magazine(magazine: Magazine | None, scale: int) -> Magazine | None:
    if magazine is None or not magazine.issues:
        return magazine
    oldest = magazine.issues[0]
    earlier: list[MagazineIssue] = []
    month = oldest.month
    for n in range(len(magazine.issues) * (scale - 1)):
        month = date(month.year - 1, 12, 1) if month.month == 1 else date(month.year, month.month - 1, 1)
        template = magazine.issues[n % len(magazine.issues)]
        earlier.append(replace(template, id=month.strftime("%Y-%m"), month=month))
    return replace(magazine, issues=tuple(reversed(earlier)) + magazine.issues)


def _podcasts(podcasts: tuple[PodcastSeries, ...], total: int) -> tuple[PodcastSeries, ...]:
    """The first series gets the extra episodes, numbered after its last one."""
    if not podcasts or not podcasts[0].episodes:
        return podcasts
    first = podcasts[0]
    last = first.episodes[-1]
    extra = tuple(
        replace(
            first.episodes[n % len(first.episodes)],
            id=f"episode-genere-{last.number + n + 1}",
            number=last.number + n + 1,
            title=f"Épisode {last.number + n + 1}",
        )
        for n in range(max(0, total - _episode_count(podcasts)))
    )
    return (replace(first, episodes=first.episodes + extra), *podcasts[1:])


def _episode_count(podcasts: tuple[PodcastSeries, ...]) -> int:
    return sum(len(series.episodes) for series in podcasts)
