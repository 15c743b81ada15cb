"""Disabling the skill removes the user's item from a real DynamoDB-protocol server (dynalite on
127.0.0.1), through the real `lambda_handler`; with the store down, the event still gets its empty
response and nothing kept in memory about the user is written later."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest
from tests.skill.envelopes import audio_event, intent, send
from tests.skill.test_privacy import skill_disabled
from tests.stores import Dynalite, create_table, environment_for, new_container, raw_item

pytestmark = pytest.mark.usefixtures("confirmed_audio")  # example audio is never streamed

DEPARDON = "podcast:metamorphoses:depardon"


def key_of(user: str) -> str:
    from mairie.alexa.persistence import storage_key

    return storage_key(f"amzn1.ask.account.{user}")


def test_skill_disabled_removes_the_users_item_and_only_it(
    dynalite: Dynalite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    table = f"etat-{uuid.uuid4().hex[:12]}"
    create_table(dynalite.endpoint, table)
    new_container(monkeypatch, environment_for("dynamodb", tmp_path, dynalite.endpoint, table))
    other = user + "voisin"
    for someone in (user, other):
        send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=someone, activity="STOPPED"))
    assert raw_item(dynalite.endpoint, table, key_of(user)) is not None

    result = send(skill_disabled(user))

    assert (result["version"], result["response"], result.get("sessionAttributes")) == ("1.0", {}, None)
    assert raw_item(dynalite.endpoint, table, key_of(user)) is None
    assert raw_item(dynalite.endpoint, table, key_of(other)) is not None


def test_skill_disabled_while_the_store_is_down_answers_and_forgets_what_waited_in_memory(
    dynalite: Dynalite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    table = f"etat-{uuid.uuid4().hex[:12]}"
    create_table(dynalite.endpoint, table)
    new_container(monkeypatch, environment_for("dynamodb", tmp_path, dynalite.endpoint, table))
    dynalite.stop()
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=user, activity="STOPPED"))

    result = send(skill_disabled(user))

    assert (result["version"], result["response"], result.get("sessionAttributes")) == ("1.0", {}, None)
    dynalite.start()
    create_table(dynalite.endpoint, table)
    send(intent("ListEpisodesIntent", user=user))  # would write the waiting position, had it been kept
    assert raw_item(dynalite.endpoint, table, key_of(user)) is None
