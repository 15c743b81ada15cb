"""A resident speaks while an episode plays: the playback event and the intent reach the skill at the
same moment, in two threads of one container (as `mairie serve` or two Lambda invocations sharing a
store would run them). Each keeps its change, on a real DynamoDB-protocol server (dynalite) and on
the SQLite store. Writing whole documents, one erased the other's change (DynamoDB lost a new
speech rate 22 to 32 times in 150)."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from pathlib import Path
from typing import Any

import pytest
from tests.skill.envelopes import audio_event, intent, send, slot
from tests.skill.test_privacy import skill_disabled
from tests.stores import Dynalite, client, create_table, environment_for, new_container, raw_item

DEPARDON = "podcast:metamorphoses:depardon"
ROUNDS = 60
RATES = (("plus lentement", "lent"), ("plus vite", "rapide"))


def key_of(user: str) -> str:
    from mairie.alexa.persistence import storage_key

    return storage_key(f"amzn1.ask.account.{user}")


class Store:
    """One store, set up as a container would find it, and read around the skill."""

    def __init__(self, kind: str, tmp_path: Path, dynalite: Dynalite | None) -> None:
        self.kind = kind
        self.tmp_path = tmp_path
        self.endpoint = dynalite.endpoint if dynalite else None
        self.table = f"etat-{uuid.uuid4().hex[:12]}"
        if self.endpoint:
            create_table(self.endpoint, self.table)

    def environment(self) -> dict[str, str]:
        return environment_for(self.kind, self.tmp_path, self.endpoint, self.table)

    def document(self, user: str) -> dict[str, Any] | None:
        if self.kind == "sqlite":
            with sqlite3.connect(self.tmp_path / "etat.sqlite3") as connection:
                row = connection.execute("SELECT attributes FROM state WHERE id = ?", (key_of(user),)).fetchone()
            return json.loads(row[0]) if row else None
        assert self.endpoint is not None
        from mairie.alexa.dynamodb import decode

        item = raw_item(self.endpoint, self.table, key_of(user))
        return decode(item["attributes"]) if item else None


@pytest.fixture(params=["sqlite", "dynamodb"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Any:
    if request.param == "sqlite":
        yield Store("sqlite", tmp_path, None)
        return
    server = Dynalite()
    server.start()
    try:
        yield Store("dynamodb", tmp_path, server)
    finally:
        server.stop()


def at_once(*events: dict[str, Any]) -> None:
    """Send the events through `lambda_handler` together, one thread each, released at the same instant."""
    start = threading.Barrier(len(events))
    failures: list[BaseException] = []

    def run(event: dict[str, Any]) -> None:
        start.wait()
        try:
            send(event)
        except BaseException as error:  # reported below, in the test's thread
            failures.append(error)

    threads = [threading.Thread(target=run, args=(event,)) for event in events]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert failures == []


def test_a_playback_event_and_an_intent_at_once_both_keep_their_change(
    store: Store, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    new_container(monkeypatch, store.environment())
    lost = []
    for round_number in range(ROUNDS):
        offset = 1_000 * (round_number + 1)
        said, rate = RATES[round_number % 2]
        at_once(
            audio_event("AudioPlayer.PlaybackStopped", DEPARDON, offset, user=user, activity="STOPPED"),
            intent("SpeechRateIntent", [slot("rate", said, rate, "SPEECH_RATE")], user=user),
        )
        document = store.document(user) or {}
        kept = (document.get("playback", {}).get("offset_ms"), document.get("speech_rate"))
        if kept != (offset, rate):
            lost.append((round_number, kept))
    assert lost == [], f"{len(lost)} rounds of {ROUNDS} lost a change"


def test_two_playback_events_and_an_intent_at_once_keep_the_rate_and_a_position(
    store: Store, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    new_container(monkeypatch, store.environment())
    for round_number in range(20):
        said, rate = RATES[round_number % 2]
        at_once(
            audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 5_000, user=user, activity="STOPPED"),
            audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 5_000, user=user),
            intent("SpeechRateIntent", [slot("rate", said, rate, "SPEECH_RATE")], user=user),
        )
        document = store.document(user) or {}
        assert document.get("speech_rate") == rate
        assert document.get("playback", {}).get("offset_ms") == 5_000


def test_a_deletion_that_failed_is_done_by_a_later_request(
    dynalite: Dynalite, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    # given a resident's stored position, and the store down when they disable the skill
    store = Store("dynamodb", tmp_path, dynalite)
    new_container(monkeypatch, store.environment())
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=user, activity="STOPPED"))
    document = store.document(user)
    dynalite.stop()
    result = send(skill_disabled(user))
    assert result["response"] == {}

    # when the store is back (dynalite restarts empty: the item is put back as DynamoDB would have kept it)
    dynalite.start()
    create_table(dynalite.endpoint, store.table)
    from mairie.alexa.dynamodb import encode

    for someone in (user, user + "-autre"):
        item = {"id": {"S": key_of(someone)}, "attributes": encode(document), "expires_at": {"N": "9999999999"}}
        client(dynalite.endpoint).put_item(TableName=store.table, Item=item)
    send(intent("ListEpisodesIntent", user=user + "-voisin"))  # anyone's next request

    # then the disabled resident's document is gone, and only theirs
    assert store.document(user) is None
    assert store.document(user + "-autre") == document


def test_a_deletion_that_failed_on_a_locked_sqlite_file_is_done_by_a_later_request(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, user: str
) -> None:
    store = Store("sqlite", tmp_path, None)
    new_container(monkeypatch, store.environment())
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=user, activity="STOPPED"))
    locker = sqlite3.connect(tmp_path / "etat.sqlite3", isolation_level=None)
    locker.execute("BEGIN EXCLUSIVE")  # another process holds the file: the deletion times out
    try:
        assert send(skill_disabled(user))["response"] == {}
    finally:
        locker.execute("ROLLBACK")
        locker.close()
    assert store.document(user) is not None

    send(intent("ListEpisodesIntent", user=user + "-voisin"))

    assert store.document(user) is None
