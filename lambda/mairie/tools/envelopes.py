"""Real Alexa request envelopes, as plain dicts with the exact JSON shapes Alexa sends.

Used by `mairie say`, `mairie chat` and the tests: what goes through `lambda_handler` locally is what
Alexa would send from an Echo (audio only), an Echo Show (screen) or a device without AudioPlayer.
AudioPlayer, PlaybackController and System requests carry no session, like on Alexa.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, Literal

from mairie.tools.resolution import ResolvedSlot

SKILL_ID = "amzn1.ask.skill.mairie-vocale-local"
API_ENDPOINT = "https://api.eu.amazonalexa.com"
LOCALE = "fr-FR"
VERSION = "1.0"

DeviceKind = Literal["audio", "screen", "voice"]
DEVICES: tuple[DeviceKind, ...] = ("audio", "screen", "voice")
PlayerActivity = Literal["IDLE", "PAUSED", "PLAYING", "BUFFER_UNDERRUN", "FINISHED", "STOPPED"]
DialogState = Literal["STARTED", "IN_PROGRESS", "COMPLETED"]
SessionEndedReason = Literal["USER_INITIATED", "ERROR", "EXCEEDED_MAX_REPROMPTS"]
AudioPlayerEvent = Literal[
    "PlaybackStarted", "PlaybackFinished", "PlaybackStopped", "PlaybackNearlyFinished", "PlaybackFailed"
]
PlaybackCommand = Literal["PlayCommandIssued", "PauseCommandIssued", "NextCommandIssued", "PreviousCommandIssued"]


def user_id(user: str) -> str:
    return f"amzn1.ask.account.local-{user}"


def device_id(device: DeviceKind) -> str:
    return f"amzn1.ask.device.local-{device}"


def new_session_id() -> str:
    return f"amzn1.echo-api.session.local-{uuid.uuid4()}"


def new_request_id() -> str:
    return f"amzn1.echo-api.request.local-{uuid.uuid4()}"


def timestamp(moment: datetime) -> str:
    """ISO-8601 in UTC with a "Z", to the second, like Alexa: `2026-12-25T08:00:00Z`."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


@dataclass(frozen=True)
class Caller:
    """Who is talking, on which device, to which skill."""

    user: str = "local"
    device: DeviceKind = "audio"
    skill_id: str = SKILL_ID


@dataclass(frozen=True)
class SessionInfo:
    session_id: str
    new: bool
    attributes: Mapping[str, Any] = field(default_factory=dict)

    @staticmethod
    def start() -> SessionInfo:
        return SessionInfo(new_session_id(), True, {})


@dataclass(frozen=True)
class PlayerContext:
    """`context.AudioPlayer`: what the device is playing (or last played)."""

    activity: PlayerActivity = "IDLE"
    token: str | None = None
    offset_ms: int = 0


def supported_interfaces(device: DeviceKind) -> dict[str, Any]:
    if device == "voice":
        return {}
    interfaces: dict[str, Any] = {"AudioPlayer": {}}
    if device == "screen":
        interfaces["Alexa.Presentation.APL"] = {"runtime": {"maxVersion": "2023.3"}}
        interfaces["Display"] = {"templateVersion": "1.0", "markupVersion": "1.0"}
    return interfaces


def _viewport() -> dict[str, Any]:
    """An Echo Show 5-like screen."""
    return {
        "experiences": [{"arcMinuteWidth": 246, "arcMinuteHeight": 144, "canRotate": False, "canResize": False}],
        "mode": "HUB",
        "shape": "RECTANGLE",
        "pixelWidth": 960,
        "pixelHeight": 480,
        "dpi": 160,
        "currentPixelWidth": 960,
        "currentPixelHeight": 480,
        "touch": ["SINGLE"],
        "keyboard": [],
        "video": {"codecs": ["H_264_42", "H_264_41"]},
    }


def _context(caller: Caller, player: PlayerContext | None) -> dict[str, Any]:
    context: dict[str, Any] = {
        "System": {
            "application": {"applicationId": caller.skill_id},
            "user": {"userId": user_id(caller.user)},
            "device": {
                "deviceId": device_id(caller.device),
                "supportedInterfaces": supported_interfaces(caller.device),
            },
            "apiEndpoint": API_ENDPOINT,
            "apiAccessToken": f"local-token-{caller.user}",
        }
    }
    if player is not None:
        state: dict[str, Any] = {"playerActivity": player.activity}
        if player.token:
            state["token"] = player.token
            state["offsetInMilliseconds"] = player.offset_ms
        context["AudioPlayer"] = state
    if caller.device == "screen":
        context["Viewport"] = _viewport()
    return context


def _session(caller: Caller, session: SessionInfo) -> dict[str, Any]:
    return {
        "new": session.new,
        "sessionId": session.session_id,
        "application": {"applicationId": caller.skill_id},
        "user": {"userId": user_id(caller.user)},
        "attributes": dict(session.attributes),
    }


def _request(kind: str, at: datetime, **fields: Any) -> dict[str, Any]:
    return {
        "type": kind,
        "requestId": new_request_id(),
        "timestamp": timestamp(at),
        "locale": LOCALE,
        **fields,
    }


def _envelope(
    caller: Caller, request: dict[str, Any], session: SessionInfo | None, player: PlayerContext | None
) -> dict[str, Any]:
    envelope: dict[str, Any] = {"version": VERSION}
    if session is not None:
        envelope["session"] = _session(caller, session)
    envelope["context"] = _context(caller, player)
    envelope["request"] = request
    return envelope


def launch_request(
    caller: Caller, at: datetime, session: SessionInfo | None = None, player: PlayerContext | None = None
) -> dict[str, Any]:
    request = _request("LaunchRequest", at, shouldLinkResultBeReturned=False)
    return _envelope(caller, request, session or SessionInfo.start(), player)


def slot_json(slot: ResolvedSlot, skill_id: str = SKILL_ID) -> dict[str, Any]:
    """One entry of `request.intent.slots`, as Alexa writes it."""
    data: dict[str, Any] = {"name": slot.name}
    if slot.value is None:
        data["confirmationStatus"] = "NONE"
        return data
    data["value"] = slot.value
    resolutions: dict[str, Any] | None = None
    if slot.status is not None:
        authority: dict[str, Any] = {
            "authority": f"amzn1.er-authority.echo-sdk.{skill_id}.{slot.slot_type}",
            "status": {"code": slot.status},
        }
        if slot.status == "ER_SUCCESS_MATCH":
            authority["values"] = [
                {"value": {"name": v.name, **({"id": v.id} if v.id is not None else {})}} for v in slot.values
            ]
        resolutions = {"resolutionsPerAuthority": [authority]}
        data["resolutions"] = resolutions
    data["confirmationStatus"] = "NONE"
    data["source"] = "USER"
    simple: dict[str, Any] = {"type": "Simple", "value": slot.value}
    if resolutions is not None:
        simple["resolutions"] = resolutions
    data["slotValue"] = simple
    return data


def intent_request(
    caller: Caller,
    at: datetime,
    intent: str,
    slots: Mapping[str, ResolvedSlot] | None = None,
    session: SessionInfo | None = None,
    player: PlayerContext | None = None,
    dialog_state: DialogState | None = None,
) -> dict[str, Any]:
    """`dialog_state`: for intents of the dialog model (STARTED, then IN_PROGRESS after `Dialog.ElicitSlot`)."""
    intent_json: dict[str, Any] = {"name": intent, "confirmationStatus": "NONE"}
    if slots:
        intent_json["slots"] = {name: slot_json(slot, caller.skill_id) for name, slot in slots.items()}
    fields: dict[str, Any] = {"dialogState": dialog_state} if dialog_state else {}
    request = _request("IntentRequest", at, **fields, intent=intent_json)
    return _envelope(caller, request, session or SessionInfo.start(), player)


def session_ended_request(
    caller: Caller,
    at: datetime,
    session: SessionInfo,
    reason: SessionEndedReason = "USER_INITIATED",
    error: tuple[str, str] | None = None,
    player: PlayerContext | None = None,
) -> dict[str, Any]:
    """`error`: `(type, message)`, e.g. `("INVALID_RESPONSE", "…")`, when `reason` is ERROR."""
    fields: dict[str, Any] = {"reason": reason}
    if error is not None:
        fields["error"] = {"type": error[0], "message": error[1]}
    return _envelope(caller, _request("SessionEndedRequest", at, **fields), session, player)


def audio_player_request(
    caller: Caller,
    at: datetime,
    event: AudioPlayerEvent,
    token: str,
    offset_ms: int,
    player: PlayerContext | None = None,
    error: tuple[str, str] | None = None,
) -> dict[str, Any]:
    """`AudioPlayer.<event>`, without session. `error` `(type, message)` for PlaybackFailed."""
    fields: dict[str, Any] = {"token": token, "offsetInMilliseconds": offset_ms}
    if event == "PlaybackFailed":
        kind, message = error or ("MEDIA_ERROR_UNKNOWN", "Lecture impossible")
        fields = {
            "token": token,
            "currentPlaybackState": {
                "token": token,
                "offsetInMilliseconds": offset_ms,
                "playerActivity": "STOPPED",
            },
            "error": {"type": kind, "message": message},
        }
    context_player = player or PlayerContext("PLAYING", token, offset_ms)
    return _envelope(caller, _request(f"AudioPlayer.{event}", at, **fields), None, context_player)


def playback_controller_request(
    caller: Caller, at: datetime, command: PlaybackCommand, player: PlayerContext | None = None
) -> dict[str, Any]:
    """A button or touch control (`PlaybackController.NextCommandIssued`, ...), without session."""
    return _envelope(caller, _request(f"PlaybackController.{command}", at), None, player or PlayerContext())


def exception_encountered_request(
    caller: Caller,
    at: datetime,
    cause_request_id: str,
    error_type: str = "INVALID_RESPONSE",
    message: str = "",
    player: PlayerContext | None = None,
) -> dict[str, Any]:
    """`System.ExceptionEncountered`: Alexa's notice that the skill's previous response was refused."""
    fields = {"error": {"type": error_type, "message": message}, "cause": {"requestId": cause_request_id}}
    return _envelope(caller, _request("System.ExceptionEncountered", at, **fields), None, player)
