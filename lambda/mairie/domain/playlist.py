"""What to play: stable AudioPlayer tokens and navigation within a podcast series.

Tokens are built from content ids, never list positions, so that staff adding or removing an
episode never breaks a listener's saved place (`podcast:metamorphoses:depardon`, `magazine:2026-11`).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from mairie.catalogue.model import Catalogue, Episode, MagazineIssue, PodcastSeries

PODCAST_PREFIX = "podcast"
MAGAZINE_PREFIX = "magazine"


@dataclass(frozen=True)
class Track:
    """One playable stream, whatever its source."""

    token: str
    url: str
    title: str
    subtitle: str
    image_url: str | None
    kind: Literal["podcast", "magazine"]
    series: PodcastSeries | None = None
    episode: Episode | None = None
    issue: MagazineIssue | None = None


def episode_token(series: PodcastSeries, episode: Episode) -> str:
    return f"{PODCAST_PREFIX}:{series.id}:{episode.id}"


def magazine_token(issue: MagazineIssue) -> str:
    return f"{MAGAZINE_PREFIX}:{issue.id}"


def episode_track(series: PodcastSeries, episode: Episode) -> Track:
    return Track(
        token=episode_token(series, episode),
        url=episode.audio_url,
        title=episode.title,
        subtitle=series.title,
        image_url=episode.image_url or series.image_url,
        kind="podcast",
        series=series,
        episode=episode,
    )


def magazine_track(catalogue: Catalogue, issue: MagazineIssue) -> Track | None:
    if issue.audio_url is None or catalogue.magazine is None:
        return None
    return Track(
        token=magazine_token(issue),
        url=issue.audio_url,
        title=issue.title,
        subtitle=catalogue.magazine.name,
        image_url=issue.image_url,
        kind="magazine",
        issue=issue,
    )


def track_for_token(catalogue: Catalogue, token: str | None) -> Track | None:
    """The track a token designates, or None when it is unknown (e.g. staff removed the episode)."""
    if not token:
        return None
    parts = token.split(":")
    if parts[0] == PODCAST_PREFIX and len(parts) == 3:
        series = catalogue.series(parts[1])
        episode = catalogue.episode(parts[1], parts[2])
        if series is not None and episode is not None:
            return episode_track(series, episode)
    if parts[0] == MAGAZINE_PREFIX and len(parts) == 2:
        issue = catalogue.magazine_issue(parts[1])
        if issue is not None:
            return magazine_track(catalogue, issue)
    return None


def default_series(catalogue: Catalogue) -> PodcastSeries | None:
    return catalogue.podcasts[0] if catalogue.podcasts else None


def latest_episode(series: PodcastSeries) -> Episode | None:
    return series.episodes[-1] if series.episodes else None


def first_episode(series: PodcastSeries) -> Episode | None:
    return series.episodes[0] if series.episodes else None


def episode_by_number(series: PodcastSeries, number: int) -> Episode | None:
    return next((e for e in series.episodes if e.number == number), None)


def neighbour(series: PodcastSeries, episode_id: str, step: Literal[1, -1]) -> Episode | None:
    """The next (`step=1`) or previous (`step=-1`) episode, None at either end of the series."""
    ids = [e.id for e in series.episodes]
    if episode_id not in ids:
        return None
    index = ids.index(episode_id) + step
    return series.episodes[index] if 0 <= index < len(ids) else None


def find_episode(catalogue: Catalogue, slot_id: str) -> tuple[PodcastSeries, Episode] | None:
    """Resolve an EPISODE / PODCAST_GUEST slot id (`series:episode`)."""
    series_id, _, episode_id = slot_id.partition(":")
    series = catalogue.series(series_id)
    episode = catalogue.episode(series_id, episode_id)
    if series is None or episode is None:
        return None
    return series, episode


def current_magazine_issue(catalogue: Catalogue, today: date) -> MagazineIssue | None:
    """This month's issue: the latest one published on or before `today`'s month."""
    if catalogue.magazine is None:
        return None
    month_start = today.replace(day=1)
    published = [i for i in catalogue.magazine.issues if i.month <= month_start]
    return published[-1] if published else None


def magazine_issue_for_month(catalogue: Catalogue, month: date) -> MagazineIssue | None:
    if catalogue.magazine is None:
        return None
    wanted = month.replace(day=1)
    return next((i for i in catalogue.magazine.issues if i.month == wanted), None)


def past_month(asked: date, today: date) -> date:
    """The month a resident means by a month name: Alexa resolves "octobre" to the next October,
    but "le magazine d'octobre" asked in November means the one just published."""
    month = asked.replace(day=1)
    if month > today.replace(day=1):
        month = month.replace(year=month.year - 1)
    return month
