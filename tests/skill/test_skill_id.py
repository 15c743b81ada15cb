"""SKILL_ID: when set, a request for another skill is refused before any handler runs."""

from __future__ import annotations

import json
import logging

import pytest

from tests.skill.envelopes import SKILL_ID, audio_event, launch, send, speech


@pytest.fixture
def skill_id(monkeypatch: pytest.MonkeyPatch) -> str:
    """The skill as built with `SKILL_ID` set (the environment is read once, at import)."""
    from mairie.alexa import skill

    monkeypatch.setattr(skill.SKILL, "skill_id", SKILL_ID)
    return SKILL_ID


def for_another_skill(event: dict[str, object]) -> dict[str, object]:
    text = json.dumps(event).replace(SKILL_ID, "amzn1.ask.skill.une-autre-skill")
    loaded: dict[str, object] = json.loads(text)
    return loaded


def test_requests_for_this_skill_are_answered(skill_id: str, user: str) -> None:
    assert speech(send(launch(user=user))).startswith("Bonjour")


def test_a_request_for_another_skill_is_refused_and_nothing_runs(
    skill_id: str, user: str, caplog: pytest.LogCaptureFixture
) -> None:
    from lambda_function import lambda_handler
    from tests.skill.test_privacy import stored_rows

    event = for_another_skill(
        audio_event("AudioPlayer.PlaybackStopped", "podcast:metamorphoses:depardon", 9000, user=user)
    )
    with caplog.at_level(logging.INFO), pytest.raises(PermissionError, match="ne vient pas de cette skill"):
        lambda_handler(event, None)
    assert stored_rows(user) == []  # the handler that would save the position never ran
    lines = [
        json.loads(r.getMessage()) for r in caplog.records if r.name == "mairie" and r.getMessage().startswith("{")
    ]
    assert lines[-1]["outcome"] == "refused"
