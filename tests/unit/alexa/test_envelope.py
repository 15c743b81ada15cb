"""`read_envelope` builds exactly what the SDK's serializer builds, from every kind of request."""

from __future__ import annotations

import copy
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from ask_sdk_core.exceptions import SerializationException
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import IntentRequest, RequestEnvelope
from ask_sdk_model.interfaces.audioplayer import PlaybackStartedRequest
from tests.skill.envelopes import FIXTURES, audio_event, controller_event, intent, launch, slot

from mairie.alexa.envelope import read_envelope

SDK = DefaultSerializer()


def sdk_envelope(event: dict[str, Any]) -> RequestEnvelope:
    envelope: RequestEnvelope = SDK.deserialize(json.dumps(event), RequestEnvelope)
    return envelope


def events() -> list[tuple[str, dict[str, Any]]]:
    found = [(path.stem, json.loads(path.read_text(encoding="utf-8"))) for path in sorted(FIXTURES.glob("*.json"))]
    found += [
        ("launch on a screen", launch(device="screen")),
        (
            "intent with resolved slots and session",
            intent(
                "OpeningHoursIntent",
                [slot("facility", "la médiathèque", "mediatheque-centre-ville", "FACILITY"), slot("day", None)],
                session_attributes={"procedure": {"eliciting": "age", "asked": ["age"]}, "misunderstood": 2},
                player={"token": "podcast:a:b", "offsetInMilliseconds": 1200, "playerActivity": "PLAYING"},
            ),
        ),
        ("audio event", audio_event("AudioPlayer.PlaybackStarted", "podcast:a:b", 61_000)),
        ("controller event", controller_event("PlaybackController.NextCommandIssued", None)),
    ]
    return found


@pytest.mark.parametrize(("label", "event"), events(), ids=[label for label, _ in events()])
def test_same_objects_as_the_sdk(label: str, event: dict[str, Any]) -> None:
    assert read_envelope(copy.deepcopy(event)) == sdk_envelope(event)


def test_request_kinds_timestamps_and_slots_are_typed() -> None:
    envelope = read_envelope(intent("IdProcedureIntent", [slot("age", "17")], at="2026-11-26T09:30:15Z"))
    assert isinstance(envelope.request, IntentRequest)
    assert envelope.request.timestamp == datetime(2026, 11, 26, 9, 30, 15, tzinfo=UTC)
    assert envelope.request.intent.slots["age"].value == "17"
    started = read_envelope(audio_event("AudioPlayer.PlaybackStarted", "podcast:a:b", 5))
    assert isinstance(started.request, PlaybackStartedRequest)
    assert started.request.offset_in_milliseconds == 5


def test_an_unusual_timestamp_is_still_read_like_the_sdk_does() -> None:
    event = launch(at="Thu, 26 Nov 2026 09:00:00 +0000")
    assert read_envelope(copy.deepcopy(event)).request.timestamp == sdk_envelope(event).request.timestamp


def test_session_attributes_are_copies_handlers_can_change() -> None:
    event = intent("AMAZON.HelpIntent", session_attributes={"last_answer": {"text": "Bonjour"}, "asked": [1]})
    envelope = read_envelope(event)
    envelope.session.attributes["last_answer"]["text"] = "Autre chose"
    envelope.session.attributes["asked"].append(2)
    assert event["session"]["attributes"] == {"last_answer": {"text": "Bonjour"}, "asked": [1]}


def test_a_request_of_no_known_type_is_refused_like_the_sdk_refuses_it() -> None:
    event = launch()
    event["request"]["type"] = "Unknown.Request"
    with pytest.raises(SerializationException):
        sdk_envelope(event)
    with pytest.raises(SerializationException):
        read_envelope(event)
