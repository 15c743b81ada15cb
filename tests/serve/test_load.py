"""Bounded load test: 50 concurrent clients send signed requests for 20 s to `mairie serve`
(verification on, its own process, waitress on 127.0.0.1). No error, no lost state; p99 reported."""

from __future__ import annotations

import hashlib
import http.client
import json
import os
import re
import sqlite3
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from cryptography.hazmat.primitives import serialization

from tests.serve.alexa_pki import Authority, Signer, stamped
from tests.skill.envelopes import audio_event, intent

ROOT = Path(__file__).resolve().parents[2]
CLIENTS = 50
SECONDS = 20.0
SERVER_THREADS = 8
TOKEN = "podcast:metamorphoses:depardon"

pytestmark = pytest.mark.load


@dataclass
class Client:
    """One resident's device: pauses an episode at a new position, then resumes it, again and again."""

    number: int
    signer: Signer
    port: int
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    last_offset: int = 0

    @property
    def user(self) -> str:
        return f"CHARGE{self.number:02d}"

    def post(self, connection: http.client.HTTPConnection, event: dict[str, Any]) -> dict[str, Any] | None:
        body = stamped(event, datetime.now(UTC))
        started = time.perf_counter()
        connection.request(
            "POST", "/", body=body, headers={"Content-Type": "application/json", **self.signer.headers(body)}
        )
        reply = connection.getresponse()
        payload = reply.read()
        self.latencies_ms.append((time.perf_counter() - started) * 1000)
        if reply.status != 200:
            self.errors.append(f"HTTP {reply.status}: {payload[:200]!r}")
            return None
        document: dict[str, Any] = json.loads(payload)
        return document

    def run(self, deadline: float) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        try:
            step = 0
            while time.perf_counter() < deadline:
                step += 1
                offset = step * 1000 + self.number
                stopped = self.post(
                    connection, audio_event("AudioPlayer.PlaybackStopped", TOKEN, offset, user=self.user)
                )
                if stopped is None:
                    continue
                self.last_offset = offset
                resumed = self.post(
                    connection, intent("AMAZON.ResumeIntent", user=self.user, player={"playerActivity": "IDLE"})
                )
                if resumed is None:
                    continue
                plays = [d for d in resumed["response"].get("directives", []) if d["type"] == "AudioPlayer.Play"]
                stream = plays[0]["audioItem"]["stream"] if plays else {}
                if (stream.get("token"), stream.get("offsetInMilliseconds")) != (TOKEN, offset):
                    self.errors.append(f"lost state: expected {offset}, resumed {stream}")
        except Exception as error:  # a broken connection is an error of the run, reported below
            self.errors.append(f"{type(error).__name__}: {error}")
        finally:
            connection.close()


@pytest.fixture
def signed_server(tmp_path: Path, root: Authority, intermediate: Authority) -> Iterator[tuple[int, Signer, Path]]:
    signer = intermediate.issue_signer()
    (tmp_path / "racine.pem").write_bytes(root.cert.public_bytes(serialization.Encoding.PEM))
    (tmp_path / "chaine.pem").write_bytes(signer.pem())
    state = tmp_path / "etat.sqlite3"
    env = {k: v for k, v in os.environ.items() if k != "SKILL_ID"}
    env |= {"MAIRIE_STATE": str(state), "MAIRIE_CONTENT": str(ROOT / "tests" / "fixtures" / "commune")}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT), str(ROOT / "lambda")])
    process = subprocess.Popen(
        [sys.executable, "-m", "tests.serve.signed_server", "racine.pem", "chaine.pem", str(SERVER_THREADS)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert process.stdout is not None
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", process.stdout.readline())
        assert found
        yield int(found.group(1)), signer, state
    finally:
        process.terminate()
        process.wait(timeout=20)


def stored_offset(state: Path, user: str) -> int:
    key = hashlib.sha256(f"amzn1.ask.account.{user}".encode()).hexdigest()
    with sqlite3.connect(state) as connection:
        row = connection.execute("SELECT attributes FROM state WHERE id = ?", (key,)).fetchone()
    return int(json.loads(row[0])["playback"]["offset_ms"]) if row else -1


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))]


def test_fifty_clients_for_twenty_seconds(
    signed_server: tuple[int, Signer, Path], capsys: pytest.CaptureFixture[str], record_property: Any
) -> None:
    port, signer, state = signed_server
    clients = [Client(number, signer, port) for number in range(CLIENTS)]
    deadline = time.perf_counter() + SECONDS
    threads = [threading.Thread(target=client.run, args=(deadline,)) for client in clients]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 60)

    latencies = [ms for client in clients for ms in client.latencies_ms]
    errors = [error for client in clients for error in client.errors]
    p50, p99 = percentile(latencies, 0.50), percentile(latencies, 0.99)
    record_property("requests", len(latencies))
    record_property("p99_ms", round(p99, 1))
    with capsys.disabled():
        print(
            f"\n[load] {len(latencies)} signed requests, {CLIENTS} clients, {SECONDS:.0f} s: "
            f"{len(latencies) / SECONDS:.0f} req/s, p50 {p50:.1f} ms, p99 {p99:.1f} ms, errors {len(errors)}"
        )
    assert errors == []
    assert all(len(client.latencies_ms) >= 2 for client in clients), "every client was served"
    assert p99 < 8000, "Alexa gives up after 8 s"
    for client in clients:  # nothing lost: what is stored is each client's last position
        assert stored_offset(state, client.user) == client.last_offset
