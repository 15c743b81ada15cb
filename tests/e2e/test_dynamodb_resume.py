"""Resume anywhere, against both stores the skill ships with: a real DynamoDB-protocol server
(dynalite on 127.0.0.1) and the embedded SQLite file. The real `lambda_handler` is rebuilt the
way a new Lambda container builds it, with a counting wrapper around the real persistence adapter."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from tests.skill.envelopes import audio_event, directives, intent, send, slot, speech
from tests.stores import (
    CountingAdapter,
    Counts,
    client,
    create_table,
    dynalite_server,
    environment_for,
    new_container,
    raw_item,
)

pytestmark = pytest.mark.usefixtures("confirmed_audio")  # example audio is never streamed

DEPARDON = "podcast:metamorphoses:depardon"


@pytest.fixture(scope="module")
def dynamodb_endpoint() -> Iterator[str]:
    with dynalite_server() as endpoint:
        yield endpoint


@dataclass
class Store:
    kind: str
    adapter: CountingAdapter
    endpoint: str | None
    table: str
    path: Path


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Store:
    endpoint: str | None = None
    table = f"etat-{uuid.uuid4().hex[:12]}"
    if request.param == "dynamodb":
        endpoint = request.getfixturevalue("dynamodb_endpoint")
        create_table(endpoint, table)
    adapter = new_container(monkeypatch, environment_for(request.param, tmp_path, endpoint, table))
    return Store(request.param, adapter, endpoint, table, tmp_path / "etat.sqlite3")


def _counted(store: Store, event: dict[str, Any]) -> tuple[dict[str, Any], Counts]:
    store.adapter.reset()
    result = send(event)
    return result, store.adapter.reset()


def _stored_offset(store: Store, user: str) -> Any:
    from mairie.alexa.persistence import storage_key

    key = storage_key(f"amzn1.ask.account.{user}")
    if store.kind == "dynamodb":
        assert store.endpoint is not None
        item = raw_item(store.endpoint, store.table, key)
        assert item is not None
        return item["attributes"]["M"]["playback"]["M"]["offset_ms"]
    with sqlite3.connect(store.path) as connection:
        row = connection.execute("SELECT attributes FROM state WHERE id = ?", (key,)).fetchone()
    return row[0]


def test_resume_days_later_in_a_new_session_with_one_read_and_only_needed_writes(store: Store, user: str) -> None:
    played, counts = _counted(store, intent("PlayPodcastIntent", [slot("number", "1")], user=user))
    assert directives(played)[0]["audioItem"]["stream"]["token"] == DEPARDON
    assert (counts.reads, counts.writes) == (1, 1)

    _, counts = _counted(store, audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 0, user=user))
    assert (counts.reads, counts.writes) == (1, 0), "the same place again: nothing to write"

    playing = {"token": DEPARDON, "offsetInMilliseconds": 754_000, "playerActivity": "PLAYING"}
    paused, counts = _counted(store, intent("AMAZON.PauseIntent", user=user, player=playing))
    assert directives(paused) == [{"type": "AudioPlayer.Stop"}]
    assert (counts.reads, counts.writes) == (1, 1)

    stopped = audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=user, activity="STOPPED")
    result, counts = _counted(store, stopped)
    assert result["response"] == {}
    assert (counts.reads, counts.writes) == (1, 0)

    _, counts = _counted(store, intent("ListEpisodesIntent", user=user))
    assert counts.reads <= 1 and counts.writes == 0, "an answer that changes no state writes nothing"

    if store.kind == "dynamodb":
        assert _stored_offset(store, user) == {"N": "754000"}
    else:
        assert '"offset_ms": 754000' in _stored_offset(store, user)

    # days later, a new session on an idle device: "reprends le podcast"
    later = intent("AMAZON.ResumeIntent", user=user, at="2026-12-02T19:30:00Z", player={"playerActivity": "IDLE"})
    resumed, counts = _counted(store, later)
    stream = directives(resumed)[0]["audioItem"]["stream"]
    assert (stream["token"], stream["offsetInMilliseconds"]) == (DEPARDON, 754_000)
    assert speech(resumed).startswith("Je reprends l'épisode 1 de Métamorphoses")
    assert (counts.reads, counts.writes) == (1, 0)


def test_state_survives_a_new_container(store: Store, user: str, monkeypatch: pytest.MonkeyPatch) -> None:
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 123_456, user=user, activity="STOPPED"))
    environment = environment_for(store.kind, store.path.parent, store.endpoint, store.table)
    new_container(monkeypatch, environment)  # a cold start: nothing cached in memory
    resumed = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"}))
    assert directives(resumed)[0]["audioItem"]["stream"]["offsetInMilliseconds"] == 123_456


def test_dynamodb_numbers_are_decimals_stored_and_plain_numbers_read(
    dynamodb_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ask_sdk_core.serialize import DefaultSerializer
    from ask_sdk_model import RequestEnvelope

    from mairie.alexa.persistence import build_adapter, storage_key

    table = f"etat-{uuid.uuid4().hex[:12]}"
    create_table(dynamodb_endpoint, table)
    for name, value in environment_for("dynamodb", tmp_path, dynamodb_endpoint, table).items():
        monkeypatch.setenv(name, value)
    adapter = build_adapter()
    assert adapter is not None
    envelope = DefaultSerializer().deserialize(
        '{"version": "1.0", "context": {"System": {"user": {"userId": "amzn1.ask.account.NUMBERS"}}},'
        ' "request": {"type": "LaunchRequest", "requestId": "r", "locale": "fr-FR"}}',
        RequestEnvelope,
    )
    attributes = {"playback": {"token": DEPARDON, "offset_ms": 61_000}, "rate": 1.25, "seen": [1, 2.5, True]}
    adapter.save_attributes(envelope, attributes)
    item = raw_item(dynamodb_endpoint, table, storage_key("amzn1.ask.account.NUMBERS"))
    assert item is not None
    assert item["attributes"]["M"]["rate"] == {"N": "1.25"}
    read = adapter.get_attributes(envelope)
    assert read == attributes
    assert type(read["playback"]["offset_ms"]) is int and type(read["rate"]) is float
    assert not any(isinstance(value, Decimal) for value in read["seen"])


def test_the_skill_never_creates_the_table_and_still_answers(
    dynamodb_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    missing = f"absente-{uuid.uuid4().hex[:8]}"
    adapter = new_container(monkeypatch, environment_for("dynamodb", tmp_path, dynamodb_endpoint, missing))
    result = send(intent("PlayPodcastIntent", [slot("number", "1")], user=user))
    assert directives(result)[0]["audioItem"]["stream"]["token"] == DEPARDON
    assert speech(result).startswith("Voici l'épisode 1")
    counts = adapter.reset()
    assert (counts.reads, counts.writes) == (1, 0), "a state that could not be read is never overwritten"
    assert missing not in client(dynamodb_endpoint).list_tables()["TableNames"]


def test_a_new_lambda_process_with_a_table_writes_through_boto3_alone(
    dynamodb_endpoint: str, tmp_path: Path, user: str
) -> None:
    """A cold start as on Lambda: boto3 (from the runtime) is the only AWS package the skill loads."""
    import json
    import os
    import subprocess
    import sys

    from mairie.alexa.persistence import storage_key

    table = f"etat-{uuid.uuid4().hex[:12]}"
    create_table(dynamodb_endpoint, table)
    probe = (
        "import json, sys; sys.path.insert(0, sys.argv[1]); import lambda_function; "
        "lambda_function.lambda_handler(json.loads(sys.stdin.read()), None); print(json.dumps(sorted(sys.modules)))"
    )
    environment = {key: value for key, value in os.environ.items() if key not in ("MAIRIE_STATE", "PYTHONPATH")}
    environment.update(environment_for("dynamodb", tmp_path, dynamodb_endpoint, table))
    event = audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 42_000, user=user, activity="STOPPED")
    lambda_dir = Path(__file__).resolve().parents[2] / "lambda"
    done = subprocess.run(
        [sys.executable, "-c", probe, str(lambda_dir)],
        input=json.dumps(event),
        env=environment,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    modules = set(json.loads(done.stdout))
    assert {"boto3", "mairie.alexa.dynamodb"} <= modules
    assert not any(name.startswith("ask_sdk_dynamodb") for name in modules)
    item = raw_item(dynamodb_endpoint, table, storage_key(f"amzn1.ask.account.{user}"))
    assert item is not None and item["attributes"]["M"]["playback"]["M"]["offset_ms"] == {"N": "42000"}
