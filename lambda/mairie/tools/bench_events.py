"""The request mix of `mairie bench`: what residents do most, as the envelopes Alexa would send.

Utterances are resolved against the interaction model filled with the benchmarked catalogue (like
`mairie say`), then AudioPlayer events follow the podcast that was started.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from mairie.catalogue.model import Catalogue
from mairie.domain.playlist import episode_token
from mairie.tools import envelopes
from mairie.tools.envelopes import Caller, PlayerContext, SessionInfo
from mairie.tools.local_skill import filled_model
from mairie.tools.resolver import Resolver

Event = dict[str, Any]

UTTERANCES: tuple[tuple[str, str, str], ...] = (
    ("horaires", "quels sont les horaires de la médiathèque", "OpeningHoursIntent"),
    ("ouvert ?", "est-ce que la mairie est ouverte", "IsOpenIntent"),
    ("carte d'identité", "comment refaire ma carte d'identité", "IdProcedureIntent"),
    ("magazine", "quoi de neuf dans le magazine", "MagazineIntent"),
    ("podcast", "joue le dernier podcast", "PlayPodcastIntent"),
)
AT = datetime(2026, 11, 26, 10, 0)
"""A Thursday morning, in the city's time zone."""
CALLER = Caller(user="bench")


def launch_only(catalogue: Catalogue) -> list[tuple[str, Event]]:
    """The baseline's request (and every cold start's first request): opening the skill."""
    return [("ouverture", envelopes.launch_request(CALLER, _at(catalogue)))]


def request_mix(catalogue: Catalogue) -> list[tuple[str, Event]]:
    """(label, envelope) pairs: the launch, then hours, ID, magazine, podcast, AudioPlayer events."""
    at = _at(catalogue)
    resolver = Resolver(filled_model(catalogue))
    mix = launch_only(catalogue)
    for label, text, expected in UTTERANCES:
        resolution = resolver.resolve(text, at.date())
        if resolution.intent != expected:
            raise ValueError(f"« {text} » est compris comme {resolution.intent}, et non {expected}")
        request = envelopes.intent_request(CALLER, at, expected, resolution.slots, SessionInfo.start())
        mix.append((label, request))
    mix.extend(_audio_events(catalogue, at))
    return mix


def _audio_events(catalogue: Catalogue, at: datetime) -> Sequence[tuple[str, Event]]:
    if not catalogue.podcasts or not catalogue.podcasts[0].episodes:
        return ()
    series = catalogue.podcasts[0]
    token = episode_token(series, series.episodes[-1])
    stopped = PlayerContext("STOPPED", token, 61_000)
    return (
        ("PlaybackStarted", envelopes.audio_player_request(CALLER, at, "PlaybackStarted", token, 0)),
        ("PlaybackNearlyFinished", envelopes.audio_player_request(CALLER, at, "PlaybackNearlyFinished", token, 60_000)),
        ("PlaybackStopped", envelopes.audio_player_request(CALLER, at, "PlaybackStopped", token, 61_000, stopped)),
    )


def _at(catalogue: Catalogue) -> datetime:
    return AT.replace(tzinfo=ZoneInfo(catalogue.city.timezone))
