"""What to play: stable AudioPlayer tokens and navigation within a podcast series.

Tokens are built from content ids, never list positions, so that staff adding or removing an
episode never breaks a listener's saved place (`podcast:metamorphoses:depardon`, `magazine:2026-11`).

A stream played again after a failure carries `#reprise` after its id
(`podcast:metamorphoses:depardon#reprise`): the retry travels with the stream itself, so the retry is
bounded (one, then stop) even when no per-user store is configured. Every token is read through
`stable_token`, so the mark never reaches a saved position or a feed.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Literal

from mairie.catalogue.model import Catalogue, Episode, MagazineIssue, PodcastSeries

if TYPE_CHECKING:
    from dataclasses import dataclass
else:  # the same classes, without compiling generated methods at import (see `records`)
    from mairie.catalogue.records import frozen_dataclass as dataclass

PODCAST_PREFIX = "podcast"
MAGAZINE_PREFIX = "magazine"
RETRY_MARK = "#reprise"
"""Appended to the token of a stream played again after `AudioPlayer.PlaybackFailed` (ids never hold `#`)."""


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


def stable_token(token: str) -> str:
    """The content id of a stream, without the retry mark."""
    return token.split("#", 1)[0]


def is_retry(token: str | None) -> bool:
    """Whether a stream was already played again after a failure."""
    return bool(token) and str(token).endswith(RETRY_MARK)


def retry_token(token: str) -> str:
    """The token of a stream played again after a failure."""
    return stable_token(token) + RETRY_MARK


def track_for_token(catalogue: Catalogue, token: str | None) -> Track | None:
    """The track a token designates (retried or not), or None when it is unknown (e.g. staff removed the episode)."""
    if not token:
        return None
    parts = stable_token(token).split(":")
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
    position = _positions(series).get(episode_id)
    if position is None:
        return None
    index = position + step
    return series.episodes[index] if 0 <= index < len(series.episodes) else None


_POSITIONS: dict[int, tuple[PodcastSeries, dict[str, int]]] = {}
"""Episode positions per series object (by identity: hashing a series would hash every episode)."""


def _positions(series: PodcastSeries) -> dict[str, int]:
    """{episode id: its position in the series}, worked out once per series (per container)."""
    found = _POSITIONS.get(id(series))
    if found is None or found[0] is not series:
        positions: dict[str, int] = {}
        for index, episode in enumerate(series.episodes):
            positions.setdefault(episode.id, index)
        if len(_POSITIONS) >= 64:  # a container has one catalogue; tests build many
            _POSITIONS.clear()
        found = _POSITIONS[id(series)] = (series, positions)
    return found[1]


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


def asked_magazine_issue(catalogue: Catalogue, asked: date, today: date) -> tuple[MagazineIssue | None, date]:
    """The issue a resident means by a month, and the month to name when there is none.

    Alexa gives « le mois prochain » and « le mois dernier » as the month itself, but a bare month name
    as its next occurrence: « octobre » said in November 2026 arrives as 2027-10, when the resident
    means the issue just published. So a month two or more months ahead means the same month a year
    earlier (the month as given stays second, for an issue staff put on file that early); this month,
    the past and next month are taken as given: « décembre » or « le mois prochain » in November is
    December 2026, never the December of 2025, eleven months old."""
    month = asked.replace(day=1)
    candidates = [month]
    if _months_between(month, today.replace(day=1)) >= 2:
        candidates.insert(0, month.replace(year=month.year - 1))
    for candidate in candidates:
        issue = magazine_issue_for_month(catalogue, candidate)
        if issue is not None:
            return issue, candidate
    return None, candidates[0]


def _months_between(first: date, second: date) -> int:
    return (first.year - second.year) * 12 + first.month - second.month


# --- magazine articles ("lis-moi l'article sur …", "le point suivant") ------------------------

_STOP_WORDS = frozenset(
    {
        *("a", "au", "aux", "avec", "ce", "ces", "dans", "de", "des", "du", "en", "est", "et", "il", "la", "le"),
        *("les", "leur", "l", "lis", "moi", "ne", "on", "ou", "par", "pas", "pour", "qui", "que", "sa", "se"),
        *("ses", "son", "sur", "un", "une", "article", "articles", "sujet", "point"),
    }
)


def find_article(catalogue: Catalogue, slot_id: str) -> tuple[MagazineIssue, int] | None:
    """The issue and the item's position in its sommaire, from a MAGAZINE_ARTICLE slot id."""
    issue_id, _, item_id = slot_id.partition(":")
    issue = catalogue.magazine_issue(issue_id)
    if issue is None:
        return None
    index = next((i for i, item in enumerate(issue.items) if item.id == item_id), None)
    return (issue, index) if index is not None else None


def _words(text: str) -> set[str]:
    import unicodedata  # only for magazine articles: not on every cold start

    folded = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch if ch.isalnum() else " " for ch in folded if not unicodedata.combining(ch))
    return {word for word in plain.split() if word not in _STOP_WORDS and len(word) > 1}


def match_article(issue: MagazineIssue, said: str) -> int | None:
    """The item a resident means by free words ("la cité des sports"), when one fits best.

    Words of the title count double; a tie between two items is no answer (ask again instead)."""
    wanted = _words(said)
    if not wanted:
        return None
    scores = [2 * len(wanted & _words(item.title)) + len(wanted & _words(item.summary)) for item in issue.items]
    best = max(scores, default=0)
    if best == 0 or scores.count(best) > 1:
        return None
    return scores.index(best)


def next_article(issue: MagazineIssue, index: int) -> int | None:
    """The position after `index` in the sommaire (-1 means "before the first"), None past the end."""
    following = index + 1
    return following if 0 <= following < len(issue.items) else None


def match_article_in(catalogue: Catalogue, said: str, preferred: MagazineIssue) -> tuple[MagazineIssue, int] | None:
    """Free words matched in the issue being read first, then in the other issues, newest first."""
    issues = [preferred, *reversed(catalogue.magazine.issues if catalogue.magazine else ())]
    for issue in issues:
        index = match_article(issue, said)
        if index is not None:
            return issue, index
    return None
