"""What the skill may offer as an example: only what the catalogue can answer.

Rule: a facility is offered only with confirmed hours (weekly hours, entry not marked `exemple`);
an episode or a magazine issue only with confirmed audio (an audio address, entry not marked
`exemple`); a procedure whenever it exists; the magazine's contents when an issue is on file.
Reason: a resident who follows an example and hears « je n'ai pas les horaires », or a stream that
fails, stops trusting the skill; and Amazon's certification tries the store page's example phrases
first. The welcome, the help (`voice.assistant`) and the store page (`skill.json`, written by
`mairie build`, see `tools.store_page`) all choose from here, so one rule holds them all.
"""

from __future__ import annotations

from mairie.catalogue.model import Catalogue, Episode, Facility, MagazineIssue
from mairie.domain.playlist import Track


def facilities_with_hours(catalogue: Catalogue) -> list[Facility]:
    """The facilities whose opening hours the skill can give as facts, in the catalogue's order."""
    return [f for f in catalogue.facilities if f.weekly is not None and not f.example]


def playable(episode: Episode | MagazineIssue) -> bool:
    """True when the audio is confirmed: sent to a device, it will play."""
    return bool(episode.audio_url) and not episode.example


def playable_episodes(catalogue: Catalogue) -> list[Episode]:
    return [episode for series in catalogue.podcasts for episode in series.episodes if playable(episode)]


def playable_issues(catalogue: Catalogue) -> list[MagazineIssue]:
    issues = catalogue.magazine.issues if catalogue.magazine is not None else ()
    return [issue for issue in issues if playable(issue)]


def has_magazine_issue(catalogue: Catalogue) -> bool:
    return catalogue.magazine is not None and bool(catalogue.magazine.issues)


def track_playable(track: Track) -> bool:
    """False for an episode or magazine audio marked as example: its address is a placeholder."""
    entry = track.episode or track.issue
    return entry is None or playable(entry)


def listening_site(catalogue: Catalogue, track: Track) -> str:
    """Where a resident can listen instead: the series' site, the magazine's, else the city's."""
    if track.series is not None and track.series.website:
        return track.series.website
    if track.issue is not None and catalogue.magazine is not None and catalogue.magazine.website:
        return catalogue.magazine.website
    return catalogue.city.website
