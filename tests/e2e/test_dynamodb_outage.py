"""The store fails in the middle of a listening session: a real DynamoDB-protocol server (dynalite on
127.0.0.1) stopped and started again, a server that never answers, and writes that fail while reads
work. The skill keeps answering through the real `lambda_handler`, within seconds, and the position
reaches the store on the first request that can write it."""

from __future__ import annotations

import time
import uuid
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope
from botocore.exceptions import ClientError
from tests.skill.envelopes import audio_event, directives, intent, send, slot, speech
from tests.stores import Dynalite, create_table, environment_for, new_container, raw_item, silent_server

pytestmark = pytest.mark.usefixtures("confirmed_audio")  # example audio is never streamed

DEPARDON = "podcast:metamorphoses:depardon"
QUICK_S = 4.0
"""Longest a request may take while the store is down (Alexa waits 8 seconds in all)."""


def stored_playback(endpoint: str, table: str, user: str) -> dict[str, Any] | None:
    from mairie.alexa.persistence import storage_key

    item = raw_item(endpoint, table, storage_key(f"amzn1.ask.account.{user}"))
    if item is None:
        return None
    playback: dict[str, Any] = item["attributes"]["M"]["playback"]["M"]
    return playback


def timed_send(event: dict[str, Any]) -> dict[str, Any]:
    started = time.monotonic()
    result = send(event)
    elapsed = time.monotonic() - started
    assert elapsed < QUICK_S, f"the request took {elapsed:.1f} s"
    return result


def resume_on_idle_device(user: str) -> dict[str, Any]:
    """ "Alexa, reprends" on a device that no longer holds the stream: only the stored state knows."""
    return intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"})


def assert_resumes_at(result: dict[str, Any], offset_ms: int) -> None:
    stream = directives(result)[0]["audioItem"]["stream"]
    assert (stream["token"], stream["offsetInMilliseconds"]) == (DEPARDON, offset_ms)
    assert speech(result).startswith("Je reprends l'épisode 1 de Métamorphoses")


def test_the_server_stops_mid_session_the_skill_answers_and_saves_the_position_once_it_is_back(
    dynalite: Dynalite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    table = f"etat-{uuid.uuid4().hex[:12]}"
    create_table(dynalite.endpoint, table)
    adapter = new_container(monkeypatch, environment_for("dynamodb", tmp_path, dynalite.endpoint, table))
    played = send(intent("PlayPodcastIntent", [slot("number", "1")], user=user))
    assert directives(played)[0]["audioItem"]["stream"]["token"] == DEPARDON
    send(audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 0, user=user))
    assert stored_playback(dynalite.endpoint, table, user) == {"token": {"S": DEPARDON}, "offset_ms": {"N": "0"}}

    dynalite.stop()  # the store goes down while the episode plays

    stopped = timed_send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=user, activity="STOPPED"))
    assert stopped["response"] == {}
    resumed = timed_send(resume_on_idle_device(user))
    assert_resumes_at(resumed, 754_000)
    started = timed_send(audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 754_000, user=user))
    assert started["response"] == {}
    adapter.reset()

    dynalite.start()  # back, on the same port (dynalite kept nothing: the table is created again)
    create_table(dynalite.endpoint, table)
    assert stored_playback(dynalite.endpoint, table, user) is None

    listed = timed_send(intent("ListEpisodesIntent", user=user))
    assert "Métamorphoses" in speech(listed)
    assert stored_playback(dynalite.endpoint, table, user) == {"token": {"S": DEPARDON}, "offset_ms": {"N": "754000"}}
    counts = adapter.reset()
    assert (counts.reads, counts.writes) == (1, 1), "one read, and the waiting position written once"

    timed_send(intent("ListEpisodesIntent", user=user))
    counts = adapter.reset()
    assert (counts.reads, counts.writes) == (1, 0), "nothing is left waiting once written"


def test_a_server_that_never_answers_costs_seconds_not_the_answer(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    with silent_server() as endpoint:
        new_container(monkeypatch, environment_for("dynamodb", tmp_path, endpoint, "etat"))
        result = timed_send(intent("PlayPodcastIntent", [slot("number", "1")], user=user))
    assert directives(result)[0]["audioItem"]["stream"]["token"] == DEPARDON
    assert speech(result).startswith("Voici l'épisode 1")


class ThrottledWrites(AbstractPersistenceAdapter):
    """The real DynamoDB adapter, except that writes are refused as DynamoDB does when throttling."""

    def __init__(self, inner: AbstractPersistenceAdapter) -> None:
        self.inner = inner
        self.throttled = True

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        attributes: dict[str, Any] = self.inner.get_attributes(request_envelope)
        return attributes

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        self._refuse_if_throttled("PutItem")
        self.inner.save_attributes(request_envelope, attributes)

    def update_attributes(self, request_envelope: RequestEnvelope, patch: Any) -> None:
        self._refuse_if_throttled("UpdateItem")
        self.inner.update_attributes(request_envelope, patch)  # type: ignore[attr-defined]

    def _refuse_if_throttled(self, operation: str) -> None:
        if self.throttled:
            error = {"Code": "ProvisionedThroughputExceededException", "Message": "Rate of requests exceeded"}
            raise ClientError({"Error": error}, operation)

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.inner.delete_attributes(request_envelope)


def test_a_refused_write_wins_over_the_older_stored_position(
    dynalite: Dynalite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    table = f"etat-{uuid.uuid4().hex[:12]}"
    create_table(dynalite.endpoint, table)
    counting = new_container(monkeypatch, environment_for("dynamodb", tmp_path, dynalite.endpoint, table))
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 120_000, user=user, activity="STOPPED"))
    throttled = ThrottledWrites(counting.inner)
    counting.inner = throttled

    stopped = send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=user, activity="STOPPED"))
    assert stopped["response"] == {}
    assert stored_playback(dynalite.endpoint, table, user) == {"token": {"S": DEPARDON}, "offset_ms": {"N": "120000"}}
    assert_resumes_at(send(resume_on_idle_device(user)), 754_000)  # the store still says 120000

    throttled.throttled = False
    send(intent("ListEpisodesIntent", user=user))
    assert stored_playback(dynalite.endpoint, table, user) == {"token": {"S": DEPARDON}, "offset_ms": {"N": "754000"}}
