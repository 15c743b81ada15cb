"""Real state stores for the tests: a DynamoDB-protocol server (dynalite, installed by `make test`
from package.json) on 127.0.0.1, the embedded SQLite store, and a wrapper that counts the reads
and writes the skill makes through the real ask-sdk persistence adapter."""

from __future__ import annotations

import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope

ROOT = Path(__file__).resolve().parents[1]
DYNALITE = ROOT / "node_modules" / ".bin" / "dynalite"
REGION = "eu-west-1"
# dynalite accepts any credentials; these only keep boto3 from looking for real ones.
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


@contextmanager
def dynalite_server() -> Iterator[str]:
    """A dynalite process on 127.0.0.1 and a free port (in memory); yields its endpoint URL."""
    if not DYNALITE.exists():
        raise RuntimeError("node_modules/.bin/dynalite is missing: run `make node_modules/.installed`")
    port = free_port()
    process = subprocess.Popen(
        [str(DYNALITE), "--host", "127.0.0.1", "--port", str(port), "--createTableMs", "0"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def create_table(endpoint: str, name: str) -> None:
    """The table an administrator creates once (the skill itself never creates tables)."""
    import boto3

    client = boto3.client(
        "dynamodb",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    client.create_table(
        TableName=name,
        KeySchema=[{"AttributeName": "id", "KeyType": "HASH"}],
        AttributeDefinitions=[{"AttributeName": "id", "AttributeType": "S"}],
        BillingMode="PAY_PER_REQUEST",
    )
    client.get_waiter("table_exists").wait(TableName=name, WaiterConfig={"Delay": 0.1, "MaxAttempts": 50})


def raw_item(endpoint: str, table: str, key: str) -> dict[str, Any] | None:
    """An item as DynamoDB stores it (typed attribute values), read around the skill."""
    import boto3

    client = boto3.client(
        "dynamodb",
        region_name=REGION,
        endpoint_url=endpoint,
        aws_access_key_id="local",
        aws_secret_access_key="local",
    )
    item: dict[str, Any] | None = client.get_item(TableName=table, Key={"id": {"S": key}}).get("Item")
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

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.counts.writes += 1
        self.inner.delete_attributes(request_envelope)


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
