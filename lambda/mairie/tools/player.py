"""A simulated Alexa AudioPlayer for `mairie chat`: what the device plays, and the events it sends.

It follows the skill's directives (Play with REPLACE_ALL / ENQUEUE / REPLACE_ENQUEUED, Stop,
ClearQueue) and reports the AudioPlayer events Alexa would send back to the skill
(PlaybackStarted, PlaybackStopped, ...). The position advances with the clock it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mairie.tools.envelopes import AudioPlayerEvent, PlayerActivity, PlayerContext
from mairie.tools.render import format_offset


@dataclass(frozen=True)
class Stream:
    token: str
    url: str
    title: str
    offset_ms: int = 0

    @staticmethod
    def from_directive(directive: dict[str, Any]) -> Stream:
        item = directive.get("audioItem") or {}
        stream = item.get("stream") or {}
        metadata = item.get("metadata") or {}
        token = str(stream.get("token") or "")
        return Stream(
            token=token,
            url=str(stream.get("url") or ""),
            title=str(metadata.get("title") or token or "sans titre"),
            offset_ms=int(stream.get("offsetInMilliseconds") or 0),
        )


@dataclass(frozen=True)
class PlayerEvent:
    """An event the device sends to the skill, with what to print about it."""

    name: AudioPlayerEvent
    token: str
    offset_ms: int
    note: str


@dataclass
class Player:
    current: Stream | None = None
    activity: PlayerActivity = "IDLE"
    queue: list[Stream] = field(default_factory=list)
    _offset_ms: int = 0
    _since: datetime | None = None
    """When the current stream (re)started playing, for the position to advance with the clock."""

    def position(self, now: datetime) -> int:
        if self.activity == "PLAYING" and self._since is not None:
            return self._offset_ms + max(0, int((now - self._since).total_seconds() * 1000))
        return self._offset_ms

    def context(self, now: datetime) -> PlayerContext:
        token = self.current.token if self.current else None
        return PlayerContext(self.activity, token, self.position(now) if token else 0)

    @property
    def playing(self) -> bool:
        return self.activity == "PLAYING" and self.current is not None

    def status(self, now: datetime) -> str | None:
        """« lecture en cours : Titre — 3 min 20 », or None when nothing plays."""
        if not self.playing or self.current is None:
            return None
        return f"(lecture en cours : {self.current.title} — {format_offset(self.position(now))})"

    # -- directives from the skill ---------------------------------------------------------------

    def apply(self, directives: list[dict[str, Any]], now: datetime) -> tuple[list[PlayerEvent], list[str]]:
        """Follow the AudioPlayer directives of a response: the events to send, and warnings."""
        events: list[PlayerEvent] = []
        warnings: list[str] = []
        for directive in directives:
            kind = directive.get("type")
            if kind == "AudioPlayer.Play":
                events.extend(self._play(directive, now, warnings))
            elif kind == "AudioPlayer.Stop":
                events.extend(self._stop(now))
            elif kind == "AudioPlayer.ClearQueue":
                self.queue.clear()
                if directive.get("clearBehavior") == "CLEAR_ALL":
                    events.extend(self._stop(now))
        return events, warnings

    def _play(self, directive: dict[str, Any], now: datetime, warnings: list[str]) -> list[PlayerEvent]:
        stream = Stream.from_directive(directive)
        behavior = directive.get("playBehavior") or "REPLACE_ALL"
        if behavior == "ENQUEUE":
            expected = ((directive.get("audioItem") or {}).get("stream") or {}).get("expectedPreviousToken")
            current_token = self.current.token if self.current else None
            if self.playing and expected != current_token:
                warnings.append(
                    f"mise en file refusée : expectedPreviousToken « {expected} » "
                    f"n'est pas le flux en cours « {current_token} »."
                )
                return []
            if self.playing:
                self.queue.append(stream)
                return []
            return self._start(stream, now)
        if behavior == "REPLACE_ENQUEUED":
            self.queue[:] = [stream]
            return [] if self.playing else self._start(self.queue.pop(0), now)
        self.queue.clear()
        events = self._stop(now)
        return events + self._start(stream, now)

    def _start(self, stream: Stream, now: datetime) -> list[PlayerEvent]:
        self.current, self.activity = stream, "PLAYING"
        self._offset_ms, self._since = stream.offset_ms, now
        note = f"(lecture démarrée : {stream.title} — {format_offset(stream.offset_ms)})"
        return [PlayerEvent("PlaybackStarted", stream.token, stream.offset_ms, note)]

    def _stop(self, now: datetime) -> list[PlayerEvent]:
        if not self.playing or self.current is None:
            return []
        offset = self.position(now)
        self.activity, self._offset_ms, self._since = "STOPPED", offset, None
        note = f"(lecture arrêtée : {self.current.title} — {format_offset(offset)})"
        return [PlayerEvent("PlaybackStopped", self.current.token, offset, note)]

    # -- the device on its own -------------------------------------------------------------------

    def nearly_finished(self, now: datetime) -> PlayerEvent | None:
        if not self.playing or self.current is None:
            return None
        offset = self.position(now)
        note = f"(bientôt la fin : {self.current.title})"
        return PlayerEvent("PlaybackNearlyFinished", self.current.token, offset, note)

    def finish(self, now: datetime) -> list[PlayerEvent]:
        """The current stream reaches its end: PlaybackFinished, then the next one in the queue."""
        if not self.playing or self.current is None:
            return []
        offset = self.position(now)
        finished = self.current
        self.activity, self._offset_ms, self._since = "FINISHED", offset, None
        events = [PlayerEvent("PlaybackFinished", finished.token, offset, f"(lecture terminée : {finished.title})")]
        if self.queue:
            events.extend(self._start(self.queue.pop(0), now))
        return events

    def stop_device(self, now: datetime) -> list[PlayerEvent]:
        """The device stops on its own (the user leaves the chat)."""
        return self._stop(now)
