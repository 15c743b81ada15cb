"""The local envelopes are real Alexa requests: ask_sdk_model reads every field we set."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from ask_sdk_model.interfaces.audioplayer import PlaybackStartedRequest, PlaybackStoppedRequest
from ask_sdk_model.interfaces.playbackcontroller import NextCommandIssuedRequest
from ask_sdk_model.interfaces.system import ExceptionEncounteredRequest
from tools_support import THURSDAY

from mairie.tools import envelopes
from mairie.tools.envelopes import Caller, PlayerContext, SessionInfo
from mairie.tools.resolver import Resolver

SERIALIZER = DefaultSerializer()
AT = datetime(2026, 11, 26, 9, 30, tzinfo=UTC)


def read(envelope: dict[str, Any]) -> Any:
    return SERIALIZER.deserialize(json.dumps(envelope), RequestEnvelope)


def test_timestamps_are_utc_with_z() -> None:
    paris = timezone(timedelta(hours=1))
    assert envelopes.timestamp(datetime(2026, 12, 25, 9, 0, tzinfo=paris)) == "2026-12-25T08:00:00Z"
    assert envelopes.timestamp(datetime(2026, 12, 25, 9, 0)) == "2026-12-25T09:00:00Z"


def test_launch_request() -> None:
    envelope = envelopes.launch_request(Caller(user="marie"), AT, player=PlayerContext())
    read_back = read(envelope)
    assert envelope["version"] == "1.0"
    assert read_back.request.object_type == "LaunchRequest"
    assert read_back.request.locale == "fr-FR"
    assert read_back.request.timestamp == AT
    assert read_back.request.request_id.startswith("amzn1.echo-api.request.")
    assert read_back.session.new is True
    assert read_back.session.session_id.startswith("amzn1.echo-api.session.")
    assert read_back.session.application.application_id == "amzn1.ask.skill.mairie-vocale-local"
    assert read_back.session.user.user_id == "amzn1.ask.account.local-marie"
    system = read_back.context.system
    assert system.application.application_id == "amzn1.ask.skill.mairie-vocale-local"
    assert system.user.user_id == "amzn1.ask.account.local-marie"
    assert system.device.device_id == "amzn1.ask.device.local-audio"
    assert system.api_endpoint == "https://api.eu.amazonalexa.com"
    assert system.api_access_token
    assert read_back.context.audio_player.player_activity.value == "IDLE"


@pytest.mark.parametrize(
    ("device", "audio", "apl", "display"),
    [("audio", True, False, False), ("screen", True, True, True), ("voice", False, False, False)],
)
def test_devices_and_their_interfaces(device: envelopes.DeviceKind, audio: bool, apl: bool, display: bool) -> None:
    interfaces = read(envelopes.launch_request(Caller(device=device), AT)).context.system.device.supported_interfaces
    assert (interfaces.audio_player is not None) is audio
    assert (interfaces.alexa_presentation_apl is not None) is apl
    assert (interfaces.display is not None) is display


def test_screen_devices_describe_their_viewport() -> None:
    viewport = read(envelopes.launch_request(Caller(device="screen"), AT)).context.viewport
    assert viewport.pixel_width > 0
    assert viewport.shape.value == "RECTANGLE"


def test_intent_request_with_resolved_slots(resolver: Resolver) -> None:
    resolution = resolver.resolve("est-ce que la médiathèque centre-ville est ouverte demain", THURSDAY)
    assert resolution.intent is not None
    session = SessionInfo("amzn1.echo-api.session.test", False, {"compteur": 2})
    envelope = envelopes.intent_request(Caller(), AT, resolution.intent, resolution.slots, session)
    request = read(envelope).request
    assert request.object_type == "IntentRequest"
    assert request.intent.name == "IsOpenIntent"
    assert request.intent.confirmation_status.value == "NONE"
    facility = request.intent.slots["facility"]
    assert facility.value == "la médiathèque centre-ville"
    authority = facility.resolutions.resolutions_per_authority[0]
    assert authority.authority == "amzn1.er-authority.echo-sdk.amzn1.ask.skill.mairie-vocale-local.FACILITY"
    assert authority.status.code.value == "ER_SUCCESS_MATCH"
    assert authority.values[0].value.id == "mediatheque-centre-ville"
    assert authority.values[0].value.name
    assert facility.slot_value.value == "la médiathèque centre-ville"
    date_slot = request.intent.slots["date"]
    assert (date_slot.value, date_slot.resolutions) == ("2026-11-27", None)
    read_session = read(envelope).session
    assert (read_session.new, read_session.attributes) == (False, {"compteur": 2})


def test_unmatched_and_unfilled_slots(resolver: Resolver) -> None:
    resolution = resolver.resolve("est-ce que la patinoire est ouverte", THURSDAY)
    envelope = envelopes.intent_request(Caller(), AT, "IsOpenIntent", resolution.slots)
    slots = read(envelope).request.intent.slots
    authority = slots["facility"].resolutions.resolutions_per_authority[0]
    assert authority.status.code.value == "ER_SUCCESS_NO_MATCH"
    assert not authority.values
    assert slots["facility"].value == "la patinoire"
    assert slots["date"].value is None
    assert envelope["request"]["intent"]["slots"]["date"] == {"name": "date", "confirmationStatus": "NONE"}


def test_intent_request_carries_the_player_state() -> None:
    player = PlayerContext("PLAYING", "podcast:metamorphoses:depardon", 200_000)
    context = read(envelopes.intent_request(Caller(), AT, "AMAZON.PauseIntent", player=player)).context
    assert context.audio_player.token == "podcast:metamorphoses:depardon"
    assert context.audio_player.offset_in_milliseconds == 200_000
    assert context.audio_player.player_activity.value == "PLAYING"


def test_session_ended_request() -> None:
    session = SessionInfo("amzn1.echo-api.session.test", False, {})
    envelope = envelopes.session_ended_request(
        Caller(), AT, session, "ERROR", error=("INVALID_RESPONSE", "réponse invalide")
    )
    request = read(envelope).request
    assert request.object_type == "SessionEndedRequest"
    assert request.reason.value == "ERROR"
    assert request.error.object_type.value == "INVALID_RESPONSE"
    assert read(envelope).session.session_id == "amzn1.echo-api.session.test"


@pytest.mark.parametrize(
    ("event", "cls"),
    [("PlaybackStarted", PlaybackStartedRequest), ("PlaybackStopped", PlaybackStoppedRequest)],
)
def test_audio_player_events_have_no_session(event: envelopes.AudioPlayerEvent, cls: type) -> None:
    envelope = envelopes.audio_player_request(Caller(), AT, event, "magazine:2026-11", 42_000)
    assert "session" not in envelope
    read_back = read(envelope)
    assert isinstance(read_back.request, cls)
    request: Any = read_back.request
    assert request.token == "magazine:2026-11"
    assert request.offset_in_milliseconds == 42_000
    assert read_back.context.audio_player.token == "magazine:2026-11"
    assert read_back.context.system.user.user_id == "amzn1.ask.account.local-local"


def test_playback_failed() -> None:
    envelope = envelopes.audio_player_request(
        Caller(), AT, "PlaybackFailed", "podcast:a:b", 1000, error=("MEDIA_ERROR_UNKNOWN", "flux introuvable")
    )
    request = read(envelope).request
    assert request.object_type == "AudioPlayer.PlaybackFailed"
    assert request.error.object_type.value == "MEDIA_ERROR_UNKNOWN"
    assert request.current_playback_state.token == "podcast:a:b"


def test_playback_controller_and_exception_events() -> None:
    next_button = read(envelopes.playback_controller_request(Caller(), AT, "NextCommandIssued"))
    assert isinstance(next_button.request, NextCommandIssuedRequest)
    assert next_button.session is None
    failure = read(envelopes.exception_encountered_request(Caller(), AT, "req-1", message="réponse invalide"))
    assert isinstance(failure.request, ExceptionEncounteredRequest)
    exception: Any = failure.request
    assert exception.cause.request_id == "req-1"
    assert exception.error.object_type.value == "INVALID_RESPONSE"
    assert failure.session is None


def test_another_skill_id_and_stable_ids() -> None:
    caller = Caller(user="paul", device="voice", skill_id="amzn1.ask.skill.autre")
    envelope = envelopes.launch_request(caller, AT)
    assert envelope["context"]["System"]["application"]["applicationId"] == "amzn1.ask.skill.autre"
    assert envelope["context"]["System"]["device"]["deviceId"] == "amzn1.ask.device.local-voice"
    assert envelopes.user_id("paul") == "amzn1.ask.account.local-paul"
    assert "AudioPlayer" not in envelope["context"]
    assert envelopes.launch_request(caller, AT)["request"]["requestId"] != envelope["request"]["requestId"]
