"""One resident talking to the skill on one simulated device: sessions, AudioPlayer, events.

`mairie say` is a conversation of one turn; `mairie chat` goes on turn after turn. Like Alexa:
- a session stays open while the skill's responses say `shouldEndSession: false`; its attributes
  come back with the next request; launching or a one-shot request ("demande à …") starts a new one;
- the device follows AudioPlayer directives and sends the skill its AudioPlayer events (no session);
- requests from a device with AudioPlayer carry `context.AudioPlayer` (token, offset, activity);
- after a `Dialog.ElicitSlot`, an utterance that fits the slot's samples comes back as that intent, with
  the slots already known, the elicited one filled and `dialogState` IN_PROGRESS.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from mairie.tools import envelopes
from mairie.tools.envelopes import Caller, DialogState, PlaybackCommand, PlayerContext, SessionInfo
from mairie.tools.local_skill import LocalSkill
from mairie.tools.player import Player, PlayerEvent
from mairie.tools.render import body, describe, session_stays_open, speech_text
from mairie.tools.resolution import Resolution
from mairie.tools.response_checks import problems

MAX_EVENT_DEPTH = 4
"""Events answered by directives that cause more events: stop following after this many rounds."""


@dataclass
class Turn:
    """One utterance and what came of it."""

    resolution: Resolution
    request: dict[str, Any]
    response: dict[str, Any]
    lines: list[str] = field(default_factory=list)
    """What to print: speech, reprompt, card, directives, then device events."""
    warnings: list[str] = field(default_factory=list)
    session_open: bool = False


def warning_line(text: str) -> str:
    return f"⚠ {text}"


Elicitation = tuple[str, str, dict[str, str | None]]
"""`(intent, slot to elicit, updated intent's slot values)` from a `Dialog.ElicitSlot` directive."""


def elicitation_of(response: dict[str, Any]) -> Elicitation | None:
    for directive in body(response).get("directives") or []:
        if isinstance(directive, dict) and directive.get("type") == "Dialog.ElicitSlot":
            intent = directive.get("updatedIntent") or {}
            slots = intent.get("slots") or {}
            known = {str(name): (slot or {}).get("value") for name, slot in slots.items()}
            return str(intent.get("name")), str(directive.get("slotToElicit")), known
    return None


class Conversation:
    def __init__(self, skill: LocalSkill, caller: Caller, speech_prefix: str = "") -> None:
        self.skill = skill
        self.caller = caller
        self.speech_prefix = speech_prefix
        self.session: SessionInfo | None = None
        self.player = Player()
        self.elicitation: Elicitation | None = None
        self.reprompt: str | None = None
        """What Alexa says if the resident stays silent (once; a second silence ends the session)."""
        """The question of the last `Dialog.ElicitSlot`, answered by the next utterance if it fits the slot."""

    @property
    def has_audio_player(self) -> bool:
        return self.caller.device != "voice"

    def player_context(self, now: datetime) -> PlayerContext | None:
        return self.player.context(now) if self.has_audio_player else None

    # -- the resident speaks ---------------------------------------------------------------------

    def speak(self, text: str, now: datetime) -> Turn:
        resolver = self.skill.resolver
        elicited = None
        if self.session is not None and self.elicitation is not None:
            elicited = resolver.resolve_elicited(text, *self.elicitation, self.skill.today(now))
        resolution = elicited or resolver.resolve(text, self.skill.today(now))
        session = self.session
        if session is None or resolution.kind == "launch" or resolution.one_shot:
            session = SessionInfo.start()
        player = self.player_context(now)
        if resolution.kind == "launch":
            request = envelopes.launch_request(self.caller, now, session, player)
        else:
            intent = resolution.intent or "AMAZON.FallbackIntent"
            state: DialogState | None = None
            if intent in resolver.dialog_intents:
                state = "IN_PROGRESS" if elicited is not None else "STARTED"
            request = envelopes.intent_request(self.caller, now, intent, resolution.slots, session, player, state)
        response = self.skill.invoke(request)
        self.elicitation = elicitation_of(response)
        self.reprompt = speech_text(body(response).get("reprompt", {}).get("outputSpeech"))
        turn = Turn(resolution, request, response)
        turn.lines = describe(response, self.speech_prefix)
        turn.warnings = problems(request["request"]["type"], response)
        turn.session_open = session_stays_open(response)
        if turn.session_open:
            attributes = response.get("sessionAttributes") or {}
            self.session = SessionInfo(session.session_id, False, attributes)
        else:
            self.session = None
        event_lines, event_warnings = self.follow(response, now)
        turn.lines.extend(event_lines)
        turn.warnings.extend(event_warnings)
        return turn

    def silence(self, now: datetime) -> tuple[list[str], list[str]]:
        """The resident says nothing: Alexa speaks the reprompt once; silent again, the session ends
        (SessionEndedRequest, reason EXCEEDED_MAX_REPROMPTS)."""
        if self.session is None:
            return ["(pas de session ouverte : Alexa n'attend pas de réponse)"], []
        if self.reprompt is not None:
            reprompt, self.reprompt = self.reprompt, None
            return [f"{self.speech_prefix}{reprompt}"], []
        request = envelopes.session_ended_request(
            self.caller, now, self.session, "EXCEEDED_MAX_REPROMPTS", player=self.player_context(now)
        )
        response = self.skill.invoke(request)
        self.session = None
        self.elicitation = None
        return ["(fin de la session : pas de réponse)"], problems("SessionEndedRequest", response)

    # -- the device on its own -------------------------------------------------------------------

    def follow(self, response: dict[str, Any], now: datetime, depth: int = 0) -> tuple[list[str], list[str]]:
        """Play what the response asks and send the resulting events: lines to print, warnings."""
        if not self.has_audio_player:
            return [], []
        directives = [d for d in body(response).get("directives") or [] if isinstance(d, dict)]
        events, warnings = self.player.apply(directives, now)
        return self._send_all(events, now, depth, warnings)

    def _send_all(
        self, events: list[PlayerEvent], now: datetime, depth: int, warnings: list[str] | None = None
    ) -> tuple[list[str], list[str]]:
        lines: list[str] = []
        found = list(warnings or [])
        for event in events:
            more_lines, more_warnings = self.send_event(event, now, depth)
            lines.extend(more_lines)
            found.extend(more_warnings)
        return lines, found

    def send_event(self, event: PlayerEvent, now: datetime, depth: int = 0) -> tuple[list[str], list[str]]:
        request = envelopes.audio_player_request(
            self.caller, now, event.name, event.token, event.offset_ms, self.player_context(now)
        )
        response = self.skill.invoke(request)
        lines = [event.note] if event.note else []
        lines.extend(describe(response))
        warnings = problems(request["request"]["type"], response)
        if depth < MAX_EVENT_DEPTH:
            more_lines, more_warnings = self.follow(response, now, depth + 1)
            lines.extend(more_lines)
            warnings.extend(more_warnings)
        return lines, warnings

    def finish_stream(self, now: datetime) -> tuple[list[str], list[str]]:
        """The stream reaches its end: PlaybackNearlyFinished, PlaybackFinished, then the queue."""
        nearly = self.player.nearly_finished(now)
        if nearly is None:
            return ["(aucune lecture en cours)"], []
        lines, warnings = self.send_event(nearly, now)
        more_lines, more_warnings = self._send_all(self.player.finish(now), now, 0)
        return lines + more_lines, warnings + more_warnings

    def press(self, command: PlaybackCommand, now: datetime) -> tuple[list[str], list[str]]:
        """A button of the device (PlaybackController), not a voice request."""
        request = envelopes.playback_controller_request(self.caller, now, command, self.player_context(now))
        response = self.skill.invoke(request)
        lines = describe(response)
        warnings = problems(request["request"]["type"], response)
        more_lines, more_warnings = self.follow(response, now)
        return lines + more_lines, warnings + more_warnings

    def leave(self, now: datetime) -> tuple[list[str], list[str]]:
        """The resident walks away: the session ends, the device stops playing."""
        lines: list[str] = []
        warnings: list[str] = []
        if self.session is not None:
            request = envelopes.session_ended_request(self.caller, now, self.session, player=self.player_context(now))
            response = self.skill.invoke(request)
            warnings.extend(problems("SessionEndedRequest", response))
            self.session = None
        if self.has_audio_player:
            more_lines, more_warnings = self._send_all(self.player.stop_device(now), now, MAX_EVENT_DEPTH)
            lines.extend(more_lines)
            warnings.extend(more_warnings)
        return lines, warnings
