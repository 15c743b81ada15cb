"""AudioPlayer control: playback intents (voice) and AudioPlayer / PlaybackController events.

Events carry no session and allow no speech: their responses hold AudioPlayer directives only.
The position is kept per user under stable tokens, so "reprends" works in any later session.

A failed stream is played once more, from where it stopped, then playback stops. The bound holds
without any store: the retried stream's token carries `playlist.RETRY_MARK`, and Alexa reports a
failure with the token of the stream that failed; the per-user state adds the same guard for a
failure reported twice with the plain token. « Répète » while a stream plays replays the last
seconds instead of opening a conversation in the middle of the podcast.
"""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar, Literal

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response
from ask_sdk_model.interfaces.audioplayer import ClearBehavior, ClearQueueDirective, PlayBehavior

from mairie.alexa import offers, respond, state, turn
from mairie.alexa.base import IntentHandler, RequestTypeHandler, request_type
from mairie.domain import playlist
from mairie.domain.promises import playable_episodes
from mairie.voice import media as spoken
from mairie.voice.assistant import anything_else

ENQUEUED = "enqueued"
"""Token of the next episode already enqueued for the one playing (guards repeated NearlyFinished)."""
RETRIED = "retried"
"""Token of a stream that failed and was retried (cleared when a stream starts: until then, no new retry)."""
REPEAT_BACK_MS = 30_000
"""How far « répète » goes back in the stream that is playing."""


def _current_token(handler_input: HandlerInput) -> tuple[str | None, int]:
    """The token the device is on (context.AudioPlayer), else the saved one, with its offset."""
    token, offset, activity = turn.player_state(handler_input)
    saved_token, saved_offset = state.saved_position(handler_input)
    if token is None:
        return saved_token, saved_offset
    token = playlist.stable_token(token)
    if token != saved_token and playlist.track_for_token(turn.catalogue(), token) is None and saved_token:
        return saved_token, saved_offset  # the device holds a stream staff removed: use the saved place
    if activity == "FINISHED":
        return token, 0  # the device's offset is the stream's end: "reprends" starts it again
    if token == saved_token and offset == 0:
        return token, saved_offset
    return token, offset


def _current(handler_input: HandlerInput) -> tuple[playlist.Track | None, int]:
    """The current track (None when unknown or removed from the catalogue) and its offset."""
    token, offset = _current_token(handler_input)
    return playlist.track_for_token(turn.catalogue(), token), offset


def _nothing_to_resume(handler_input: HandlerInput) -> Response:
    """Nothing saved, or staff removed the saved episode: say so and offer the latest one."""
    token, _ = _current_token(handler_input)
    series = playlist.default_series(turn.catalogue())
    latest = playlist.latest_episode(series) if series is not None else None
    if token is None or series is None or latest is None:
        nothing = spoken.say_nothing_to_resume(bool(playable_episodes(turn.catalogue())))
        return respond.answer(handler_input, nothing, ask=anything_else())
    question = spoken.ask_play_latest()
    offers.offer(handler_input, offers.OFFER_EPISODE, playlist.episode_token(series, latest), question)
    return respond.answer(handler_input, spoken.say_track_removed(series, latest), ask=question)


def _is_playing(handler_input: HandlerInput) -> bool:
    return turn.player_state(handler_input)[2] in ("PLAYING", "BUFFER_UNDERRUN")


def _neighbour(track: playlist.Track | None, step: Literal[1, -1]) -> playlist.Track | None:
    if track is None or track.series is None or track.episode is None:
        return None
    episode = playlist.neighbour(track.series, track.episode.id, step)
    return playlist.episode_track(track.series, episode) if episode else None


class PauseHandler(IntentHandler):
    intents = ("AMAZON.PauseIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        token, offset, activity = turn.player_state(handler_input)
        track = playlist.track_for_token(turn.catalogue(), token)
        if track is not None:
            state.remember_position(handler_input, track.token, offset)
        if activity in ("PLAYING", "BUFFER_UNDERRUN", "PAUSED"):
            return respond.stop(handler_input)  # "Alexa, stop" during playback: silence, the place is kept
        return respond.answer(handler_input, spoken.say_nothing_playing(), end_session=True)


class StopWhilePlayingHandler(IntentHandler):
    """ "Stop" / "annule" while audio plays: stop the stream silently (the position is kept)."""

    intents = ("AMAZON.StopIntent", "AMAZON.CancelIntent")

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and _is_playing(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        return PauseHandler().handle(handler_input)


class RepeatWhilePlayingHandler(IntentHandler):
    """« Répète » while a stream plays: the last `REPEAT_BACK_MS` again, silently, the session closed.

    The conversational « répète » (the last answer, then a question) would open a listening session in
    the middle of the podcast; what a listener wants to hear again is what was just played."""

    intents = ("AMAZON.RepeatIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and _is_playing(handler_input)

    def handle(self, handler_input: HandlerInput) -> Response:
        track, offset = _current(handler_input)
        if track is None:
            return respond.stop(handler_input)  # a stream staff removed: nothing to replay
        back = max(0, offset - REPEAT_BACK_MS)
        state.remember_position(handler_input, track.token, back)
        return respond.play(handler_input, track, offset_ms=back)


class ResumeHandler(IntentHandler):
    intents = ("AMAZON.ResumeIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        track, offset = _current(handler_input)
        if track is None:
            return _nothing_to_resume(handler_input)
        if not turn.supports_audio_player(handler_input):
            return respond.answer(handler_input, spoken.say_no_audio_device(), ask=anything_else())
        state.remember_position(handler_input, track.token, offset)
        # days later the device has forgotten the stream: say what resumes; just after a pause, resume
        device_token = turn.player_state(handler_input)[0]
        text = spoken.say_resume(track) if device_token != track.token and turn.has_session(handler_input) else None
        return respond.play(handler_input, track, text=text, offset_ms=offset)


class NextPreviousHandler(IntentHandler):
    intents = ("AMAZON.NextIntent", "AMAZON.PreviousIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        step: Literal[1, -1] = 1 if "Next" in (turn_intent(handler_input) or "") else -1
        track, _ = _current(handler_input)
        if track is None:
            return respond.answer(
                handler_input, spoken.say_nothing_playing() + " " + anything_else(), ask=anything_else()
            )
        target = _neighbour(track, step)
        if target is None:
            if track.series is None:
                text = spoken.say_not_supported("passer au suivant ou au précédent")
            elif step == 1:
                text = spoken.say_end_of_series(track.series)
            else:
                text = spoken.say_start_of_series(track.series)
            return respond.answer(handler_input, text, end_session=True)
        if not turn.supports_audio_player(handler_input):
            return respond.answer(handler_input, spoken.say_no_audio_device(), ask=anything_else())
        state.remember_position(handler_input, target.token, 0)
        return respond.play(handler_input, target)


def turn_intent(handler_input: HandlerInput) -> str | None:
    request = handler_input.request_envelope.request
    intent = getattr(request, "intent", None)
    return str(intent.name) if intent is not None and intent.name else None


class StartOverHandler(IntentHandler):
    intents = ("AMAZON.StartOverIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        track, _ = _current(handler_input)
        if track is None:
            return _nothing_to_resume(handler_input)
        if not turn.supports_audio_player(handler_input):
            return respond.answer(handler_input, spoken.say_no_audio_device(), ask=anything_else())
        state.remember_position(handler_input, track.token, 0)
        return respond.play(handler_input, track)


class UnsupportedPlaybackHandler(IntentHandler):
    """Loop and shuffle: a polite answer, never an error."""

    intents = (
        "AMAZON.LoopOnIntent",
        "AMAZON.LoopOffIntent",
        "AMAZON.ShuffleOnIntent",
        "AMAZON.ShuffleOffIntent",
    )
    actions: ClassVar[dict[str, str]] = {
        "AMAZON.LoopOnIntent": "la lecture en boucle",
        "AMAZON.LoopOffIntent": "la lecture en boucle",
        "AMAZON.ShuffleOnIntent": "la lecture aléatoire",
        "AMAZON.ShuffleOffIntent": "la lecture aléatoire",
    }

    def handle(self, handler_input: HandlerInput) -> Response:
        action = self.actions.get(turn_intent(handler_input) or "", "cette commande")
        return respond.answer(handler_input, spoken.say_not_supported(action), end_session=True)


# --- events (no session, no speech) ---------------------------------------------------------


def _event_token(handler_input: HandlerInput) -> tuple[str | None, int]:
    request: Any = handler_input.request_envelope.request
    token = getattr(request, "token", None)
    offset = getattr(request, "offset_in_milliseconds", None)
    return (str(token) if token else None), (int(offset) if isinstance(offset, int) and offset > 0 else 0)


class PlaybackStartedHandler(RequestTypeHandler):
    request_types = ("AudioPlayer.PlaybackStarted",)

    def handle(self, handler_input: HandlerInput) -> Response:
        token, offset = _event_token(handler_input)
        track = playlist.track_for_token(turn.catalogue(), token)
        if track is not None:
            state.remember_position(handler_input, track.token, offset)
            entry = state.playback(handler_input)
            # a fresh start: the queue is new (NearlyFinished may enqueue again) and a retry succeeded
            for key in (ENQUEUED, RETRIED):
                entry.pop(key, None)
        return respond.empty(handler_input)


class PlaybackStoppedHandler(RequestTypeHandler):
    request_types = ("AudioPlayer.PlaybackStopped",)

    def handle(self, handler_input: HandlerInput) -> Response:
        token, offset = _event_token(handler_input)
        track = playlist.track_for_token(turn.catalogue(), token)
        if track is not None:
            state.remember_position(handler_input, track.token, offset)
        return respond.empty(handler_input)


class PlaybackNearlyFinishedHandler(RequestTypeHandler):
    request_types = ("AudioPlayer.PlaybackNearlyFinished",)

    def handle(self, handler_input: HandlerInput) -> Response:
        token, _ = _event_token(handler_input)
        target = _neighbour(playlist.track_for_token(turn.catalogue(), token), 1)
        entry = state.playback(handler_input)
        # NearlyFinished may come right after the start (Echo Show) or twice: enqueue only once
        if target is None or token is None or entry.get(ENQUEUED) == target.token:
            return respond.empty(handler_input)
        entry[ENQUEUED] = target.token
        return respond.play(handler_input, target, behavior=PlayBehavior.ENQUEUE, expected_previous_token=token)


class PlaybackFinishedHandler(RequestTypeHandler):
    request_types = ("AudioPlayer.PlaybackFinished",)

    def handle(self, handler_input: HandlerInput) -> Response:
        token, _ = _event_token(handler_input)
        entry = state.playback(handler_input)
        enqueued = entry.pop(ENQUEUED, None)
        if enqueued and playlist.track_for_token(turn.catalogue(), str(enqueued)):
            state.remember_position(handler_input, str(enqueued), 0)
        elif token and playlist.stable_token(token) == entry.get("token"):
            entry["offset_ms"] = 0  # the next "reprends" starts it again from the beginning
        return respond.empty(handler_input)


class PlaybackFailedHandler(RequestTypeHandler):
    """A stream failed: try it once more from where it stopped, then stop cleanly (nothing queued).

    The retry is played under the token with `playlist.RETRY_MARK`: its failure stops playback even
    when nothing is stored. The state's `RETRIED` stops a failure reported again with the plain token.
    """

    request_types = ("AudioPlayer.PlaybackFailed",)

    def handle(self, handler_input: HandlerInput) -> Response:
        token, offset = _failed_position(handler_input)
        track = playlist.track_for_token(turn.catalogue(), token)
        entry = state.playback(handler_input)
        entry.pop(ENQUEUED, None)
        if track is None:
            return _clear_queue(handler_input)
        state.remember_position(handler_input, track.token, offset)
        if playlist.is_retry(token) or entry.get(RETRIED) == track.token:
            return _clear_queue(handler_input)  # failed again: stop; the place is kept for « reprends »
        entry[RETRIED] = track.token
        retry = dataclasses.replace(track, token=playlist.retry_token(track.token))
        return respond.play(handler_input, retry, offset_ms=offset)


def _failed_position(handler_input: HandlerInput) -> tuple[str | None, int]:
    """The failed stream's token and the offset reached (from `currentPlaybackState` when given)."""
    token, offset = _event_token(handler_input)
    request: Any = handler_input.request_envelope.request
    current = getattr(request, "current_playback_state", None)
    reached = getattr(current, "offset_in_milliseconds", None)
    if getattr(current, "token", None) == token and isinstance(reached, int) and reached > 0:
        offset = reached
    elif offset == 0 and token is not None:
        saved_token, saved_offset = state.saved_position(handler_input)
        offset = saved_offset if saved_token == playlist.stable_token(token) else 0
    return token, offset


def _clear_queue(handler_input: HandlerInput) -> Response:
    handler_input.response_builder.add_directive(ClearQueueDirective(clear_behavior=ClearBehavior.CLEAR_ALL))
    return handler_input.response_builder.response


class PlaybackControllerHandler(RequestTypeHandler):
    """Buttons on the device: play, pause, next, previous (directives only)."""

    request_types = (
        "PlaybackController.PlayCommandIssued",
        "PlaybackController.PauseCommandIssued",
        "PlaybackController.NextCommandIssued",
        "PlaybackController.PreviousCommandIssued",
    )

    def handle(self, handler_input: HandlerInput) -> Response:
        kind = request_type(handler_input)
        track, offset = _current(handler_input)
        if kind.endswith("PauseCommandIssued"):
            token, player_offset, _ = turn.player_state(handler_input)
            if track is not None and token and playlist.stable_token(token) == track.token:  # never a removed stream
                state.remember_position(handler_input, track.token, player_offset)
            return respond.stop(handler_input)
        if kind.endswith("PlayCommandIssued"):
            target, start = track, offset
        else:
            target, start = _neighbour(track, 1 if kind.endswith("NextCommandIssued") else -1), 0
        if target is None:
            return respond.empty(handler_input)
        state.remember_position(handler_input, target.token, start)
        return respond.play(handler_input, target, offset_ms=start)


class SilentEventHandler(RequestTypeHandler):
    """Requests that allow no answer at all."""

    request_types = ("System.ExceptionEncountered", "SessionEndedRequest")

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond.empty(handler_input)
