"""Real state stores for the tests: a DynamoDB-protocol server (dynalite, installed by `make test`
from package.json) on 127.0.0.1, the embedded SQLite store, and a wrapper that counts the reads
and writes the skill makes through its real persistence adapter."""

from __future__ import annotations

import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope

ROOT = Path(__file__).resolve().parents[1]
DYNALITE = ROOT / "node_modules" / ".bin" / "dynalite"
REGION = "eu-west-1"
# dynalite accepts any credentials; these only keep boto3 from looking for real ones.
STORE_VARIABLES = (
    "MAIRIE_STATE",
    "DYNAMODB_PERSISTENCE_TABLE_NAME",
    "DYNAMODB_PERSISTENCE_REGION",
    "DYNAMODB_ENDPOINT_URL",
)
FAKE_CREDENTIALS = {"AWS_ACCESS_KEY_ID": "local", "AWS_SECRET_ACCESS_KEY": "local", "AWS_SESSION_TOKEN": "local"}


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def _wait_for_port(port: int, process: subprocess.Popen[bytes], timeout_s: float = 20.0) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"dynalite exited early (code {process.returncode})")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"dynalite did not listen on 127.0.0.1:{port} within {timeout_s} s")


class Dynalite:
    """A dynalite process (in memory) on 127.0.0.1 and a port fixed at creation: it can be stopped
    in the middle of a test and started again on the same port (empty then: dynalite keeps nothing)."""

    def __init__(self) -> None:
        if not DYNALITE.exists():
            raise RuntimeError("node_modules/.bin/dynalite is missing: run `make node_modules/.installed`")
        self.port = free_port()
        self.endpoint = f"http://127.0.0.1:{self.port}"
        self._process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        assert self._process is None, "dynalite is running already"
        self._process = subprocess.Popen(
            [str(DYNALITE), "--host", "127.0.0.1", "--port", str(self.port), "--createTableMs", "0"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        _wait_for_port(self.port, self._process)

    def stop(self) -> None:
        """Stop the process and wait for it (no-op when stopped)."""
        process, self._process = self._process, None
        if process is None:
            return
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@contextmanager
def dynalite_server() -> Iterator[str]:
    """A dynalite process on 127.0.0.1 and a free port (in memory); yields its endpoint URL."""
    server = Dynalite()
    try:
        server.start()
        yield server.endpoint
    finally:
        server.stop()


@contextmanager
def silent_server() -> Iterator[str]:
    """A TCP server on 127.0.0.1 that accepts connections and never answers; yields its URL."""
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.bind(("127.0.0.1", 0))
    listener.listen(64)
    listener.settimeout(0.05)
    accepted: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                connection, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            accepted.append(connection)

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        listener.close()
        for connection in accepted:
            connection.close()


def client(endpoint: str) -> Any:
    """A boto3 client on `endpoint` for the tests' own reads and writes, around the skill."""
    import boto3

    return boto3.client(
        "dynamodb",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )


def create_table(endpoint: str, name: str) -> None:
    """The table an administrator creates once (the skill itself never creates tables)."""
    dynamodb = client(endpoint)
    dynamodb.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    dynamodb.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})


def raw_item(endpoint: str, table: str, key: str) -> dict[str, Any] | None:
    """An item as DynamoDB stores it (typed attribute values), read around the skill."""
    item: dict[str, Any] | None = client(endpoint).get_item(TableName=table, Key={"id": {"S": key}}).get("Item")
    return item


@dataclass
class Counts:
    reads: int = 0
    writes: int = 0


class CountingAdapter(AbstractPersistenceAdapter):
    """Delegates to a real adapter and counts what reaches it."""

    def __init__(self, inner: AbstractPersistenceAdapter) -> None:
        self.inner = inner
        self.counts = Counts()

    def reset(self) -> Counts:
        done, self.counts = self.counts, Counts()
        return done

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        self.counts.reads += 1
        attributes: dict[str, Any] = self.inner.get_attributes(request_envelope)
        return attributes

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        self.counts.writes += 1
        self.inner.save_attributes(request_envelope, attributes)

    def update_attributes(self, request_envelope: RequestEnvelope, patch: Any) -> None:
        self.counts.writes += 1
        self.inner.update_attributes(request_envelope, patch)  # type: ignore[attr-defined]

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.counts.writes += 1
        self.inner.delete_attributes(request_envelope)

    def delete_key(self, key: str) -> None:
        self.counts.writes += 1
        self.inner.delete_key(key)  # type: ignore[attr-defined]


def environment_for(store: str, tmp_path: Path, endpoint: str | None, table: str) -> dict[str, str]:
    """The environment a container would have for `store` ("sqlite" or "dynamodb")."""
    if store == "sqlite":
        return {"MAIRIE_STATE": str(tmp_path / "etat.sqlite3")}
    assert endpoint is not None
    return {
        "DYNAMODB_PERSISTENCE_TABLE_NAME": table,
        "DYNAMODB_PERSISTENCE_REGION": REGION,
        "DYNAMODB_ENDPOINT_URL": endpoint,
        "AWS_DEFAULT_REGION": REGION,
        "AWS_EC2_METADATA_DISABLED": "true",
        **FAKE_CREDENTIALS,
    }


def new_container(monkeypatch: pytest.MonkeyPatch, environment: dict[str, str]) -> CountingAdapter:
    """A fresh container: the environment, then the skill built once with the adapter it chooses,
    and nothing in memory (no changes waiting to be written)."""
    from mairie.alexa import persistence, state
    from mairie.alexa import skill as skill_module
    from mairie.alexa.pending import PendingDeletions, PendingStates

    for name in STORE_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    real = persistence.build_adapter()
    assert real is not None
    counting = CountingAdapter(real)
    monkeypatch.setattr(skill_module, "build_adapter", lambda: counting)
    monkeypatch.setattr(skill_module, "SKILL", skill_module.build_skill())
    monkeypatch.setattr(state, "PENDING", PendingStates())
    monkeypatch.setattr(state, "DELETIONS", PendingDeletions())
    return counting
