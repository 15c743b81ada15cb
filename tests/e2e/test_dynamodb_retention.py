"""The retention limit on stored state, in both stores: every DynamoDB write carries its `expires_at`
(the TTL attribute), a document past its limit is never read back, and the SQLite store deletes
expired rows as it writes (also in a file written before the limit existed)."""

from __future__ import annotations

import json
import sqlite3
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_model import RequestEnvelope
from tests.skill.envelopes import audio_event, directives, intent, send, speech
from tests.stores import client, create_table, dynalite_server, environment_for, new_container, raw_item

pytestmark = pytest.mark.usefixtures("confirmed_audio")  # example audio is never streamed

DEPARDON = "podcast:metamorphoses:depardon"
DAY_S = 24 * 3600
NOTHING_TO_RESUME = "Je n'ai rien à reprendre."


@pytest.fixture(scope="module")
def dynamodb_endpoint() -> Iterator[str]:
    with dynalite_server() as endpoint:
        yield endpoint


def key_of(user: str) -> str:
    from mairie.alexa.persistence import storage_key

    return storage_key(f"amzn1.ask.account.{user}")


def envelope_of(user: str) -> RequestEnvelope:
    event = {
        "version": "1.0",
        "context": {"System": {"user": {"userId": f"amzn1.ask.account.{user}"}}},
        "request": {"type": "LaunchRequest", "requestId": "r", "locale": "fr-FR"},
    }
    envelope: RequestEnvelope = DefaultSerializer().deserialize(json.dumps(event), RequestEnvelope)
    return envelope


def test_every_dynamodb_write_sets_expires_at_400_days_ahead(
    dynamodb_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    table = f"etat-{uuid.uuid4().hex[:12]}"
    create_table(dynamodb_endpoint, table)
    new_container(monkeypatch, environment_for("dynamodb", tmp_path, dynamodb_endpoint, table))
    before = time.time()
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 61_000, user=user, activity="STOPPED"))
    item = raw_item(dynamodb_endpoint, table, key_of(user))
    assert item is not None
    assert set(item) == {"id", "attributes", "expires_at"}
    expires_at = int(item["expires_at"]["N"])
    assert before + 400 * DAY_S - 1 <= expires_at <= time.time() + 400 * DAY_S


def test_a_dynamodb_item_past_its_limit_is_not_read_back_before_the_ttl_sweep(
    dynamodb_endpoint: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    table = f"etat-{uuid.uuid4().hex[:12]}"
    create_table(dynamodb_endpoint, table)
    new_container(monkeypatch, environment_for("dynamodb", tmp_path, dynamodb_endpoint, table))
    playback = {"M": {"token": {"S": DEPARDON}, "offset_ms": {"N": "754000"}}}
    item = {"id": {"S": key_of(user)}, "attributes": {"M": {"playback": playback}}}
    client(dynamodb_endpoint).put_item(TableName=table, Item={**item, "expires_at": {"N": str(int(time.time()) - 60)}})

    resumed = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"}))

    assert speech(resumed).startswith(NOTHING_TO_RESUME)
    assert directives(resumed) == []


def test_sqlite_writes_purge_rows_past_their_limit(tmp_path: Path) -> None:
    from mairie.alexa.persistence import SqliteAdapter

    path = tmp_path / "etat.sqlite3"
    now = time.time()
    SqliteAdapter(path, clock=lambda: now - 401 * DAY_S).save_attributes(envelope_of("ancien"), {"visits": 1})
    SqliteAdapter(path, clock=lambda: now - 10 * DAY_S).save_attributes(envelope_of("recent"), {"visits": 2})
    with sqlite3.connect(path) as connection:
        assert connection.execute("SELECT COUNT(*) FROM state").fetchone() == (2,)

    adapter = SqliteAdapter(path, clock=lambda: now)
    assert adapter.get_attributes(envelope_of("ancien")) == {}, "past its limit: never read back"
    adapter.save_attributes(envelope_of("nouveau"), {"visits": 3})

    with sqlite3.connect(path) as connection:
        rows = dict(connection.execute("SELECT id, expires_at FROM state").fetchall())
    assert set(rows) == {key_of("recent"), key_of("nouveau")}
    assert rows[key_of("nouveau")] == int(now) + 400 * DAY_S
    assert adapter.get_attributes(envelope_of("recent")) == {"visits": 2}


def test_a_sqlite_file_from_before_the_limit_keeps_its_state_and_gets_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    path = tmp_path / "etat.sqlite3"
    document = json.dumps({"playback": {"token": DEPARDON, "offset_ms": 123_456}})
    with sqlite3.connect(path) as connection:
        connection.execute("CREATE TABLE state (id TEXT PRIMARY KEY, attributes TEXT NOT NULL)")
        connection.execute("INSERT INTO state VALUES (?, ?)", (key_of(user), document))
    connection.close()
    new_container(monkeypatch, environment_for("sqlite", tmp_path, None, "unused"))

    resumed = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"}))

    assert directives(resumed)[0]["audioItem"]["stream"]["offsetInMilliseconds"] == 123_456
    with sqlite3.connect(path) as connection:
        (expires_at,) = connection.execute("SELECT expires_at FROM state WHERE id = ?", (key_of(user),)).fetchone()
    assert expires_at > time.time() + 399 * DAY_S
