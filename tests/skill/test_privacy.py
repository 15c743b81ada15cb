"""Privacy: disabling the skill deletes the user's state; logs carry no personal data."""

from __future__ import annotations

import hashlib
import json
import logging
import os
import sqlite3
from typing import Any

import pytest

from tests.skill.envelopes import audio_event, directives, fixture, intent, launch, send, slot, speech

DEPARDON = "podcast:metamorphoses:depardon"


def stored_rows(user: str) -> list[dict[str, Any]]:
    """The user's rows in the skill's SQLite store (the key is a hash of the Alexa user id)."""
    key = hashlib.sha256(f"amzn1.ask.account.{user}".encode()).hexdigest()
    with sqlite3.connect(os.environ["MAIRIE_STATE"]) as connection:
        rows = connection.execute("SELECT attributes FROM state WHERE id = ?", (key,)).fetchall()
    return [json.loads(row[0]) for row in rows]


def skill_disabled(user: str) -> dict[str, Any]:
    event = fixture("audioplayer_event")
    event["context"].pop("AudioPlayer")
    event["context"]["System"]["user"]["userId"] = f"amzn1.ask.account.{user}"
    event["request"] = {
        "type": "AlexaSkillEvent.SkillDisabled",
        "requestId": "amzn1.echo-api.request.0a1b2c3d-0000-4000-8000-000000000099",
        "timestamp": "2026-11-27T09:00:00Z",
        "eventCreationTime": "2026-11-27T09:00:00Z",
        "eventPublishingTime": "2026-11-27T09:00:01Z",
        "body": {"userInformationPersistenceStatus": "PERSISTED"},
    }
    return event


def test_disabling_the_skill_deletes_the_saved_position(user: str) -> None:
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=user, activity="STOPPED"))
    assert stored_rows(user) == [{"playback": {"token": DEPARDON, "offset_ms": 754_000}}]

    result = send(skill_disabled(user))

    assert result["version"] == "1.0"
    assert result["response"] == {}
    assert "sessionAttributes" not in result or not result["sessionAttributes"]
    assert stored_rows(user) == []
    resumed = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"}))
    offsets = [d["audioItem"]["stream"]["offsetInMilliseconds"] for d in directives(resumed) if "audioItem" in d]
    assert 754_000 not in offsets


def test_disabling_without_stored_state_is_a_quiet_no_op(user: str) -> None:
    result = send(skill_disabled(user))
    assert result["response"] == {}
    assert stored_rows(user) == []


def test_disabling_keeps_other_users_state(user: str) -> None:
    other = user + "autre"
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 120_000, user=other, activity="STOPPED"))
    send(skill_disabled(user))
    assert stored_rows(other) == [{"playback": {"token": DEPARDON, "offset_ms": 120_000}}]


SECRET_WORDS = "Mademoiselle Zéphyrine Quetzalcoatl"


def conversation(user: str) -> list[dict[str, Any]]:
    """A mix of requests, understood or not, with what the resident said in the slots."""
    return [
        launch(user=user),
        intent("FacilityHoursIntent", [slot("facility", SECRET_WORDS, None, "FACILITY")], user=user),
        intent("IdProcedureIntent", [slot("situation", SECRET_WORDS)], user=user),
        intent("AMAZON.FallbackIntent", user=user),
        intent("IntentionInconnue", [slot("texte", SECRET_WORDS)], user=user),
        audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 5_000, user=user, activity="STOPPED"),
        audio_event("AudioPlayer.PlaybackStarted", "podcast:inconnu:" + SECRET_WORDS, 0, user=user),
        skill_disabled(user),
        {"version": "1.0", "request": "pas un objet", "context": {"System": {"user": {"userId": user}}}},
    ]


def test_one_json_log_line_per_request_without_personal_data(user: str, caplog: pytest.LogCaptureFixture) -> None:
    events = conversation(user)
    with caplog.at_level(logging.DEBUG):
        for event in events:
            send(event)
    text = "\n".join(f"{record.name} {record.getMessage()} {record.exc_text or ''}" for record in caplog.records)
    for personal in (user, "TESTDEVICE", "amzn1.ask.device", "amzn1.echo-api.session", "Zéphyrine", "Quetzalcoatl"):
        assert personal not in text
    lines = [
        json.loads(r.getMessage()) for r in caplog.records if r.name == "mairie" and r.getMessage().startswith("{")
    ]
    assert len(lines) == len(events)
    assert [line["request"] for line in lines[:3]] == ["LaunchRequest", "IntentRequest", "IntentRequest"]
    assert lines[1]["intent"] == "FacilityHoursIntent"
    assert lines[-2]["request"] == "AlexaSkillEvent.SkillDisabled"
    for line in lines:
        assert set(line) == {"request", "intent", "feature", "outcome", "facility", "latency_ms", "day"}
        assert isinstance(line["latency_ms"], float) and line["latency_ms"] >= 0
    assert [line["outcome"] for line in lines] == [
        "answered",
        "not_understood",  # an intent this skill does not know
        "answered",
        "not_understood",
        "not_understood",
        "answered",
        "answered",
        "answered",
        "error",
    ]
    assert [line["day"] for line in lines] == ["2026-11-26"] * 7 + ["2026-11-27", None]
    assert {line["facility"] for line in lines} == {None}


def test_the_conversation_still_answers_politely(user: str) -> None:
    said = speech(send(intent("IntentionInconnue", [slot("texte", SECRET_WORDS)], user=user)))
    assert said and SECRET_WORDS not in said


def test_a_failure_is_logged_with_its_place_but_not_its_message(
    user: str, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mairie.alexa import conversation

    def broken(self: object, handler_input: object) -> None:
        raise ValueError(f"invalid literal for int(): {SECRET_WORDS!r}")

    monkeypatch.setattr(conversation.HelpHandler, "handle", broken)
    with caplog.at_level(logging.DEBUG):
        result = send(intent("AMAZON.HelpIntent", user=user))
    assert speech(result).startswith("Désolée, un problème m'empêche de répondre pour le moment.")
    text = "\n".join(f"{record.getMessage()} {record.exc_text or ''}" for record in caplog.records)
    assert "request failed: ValueError (IntentRequest) at test_privacy.py:" in text
    assert "Zéphyrine" not in text and user not in text
