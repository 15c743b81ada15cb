"""Where per-user state lives: DynamoDB on Lambda, an embedded SQLite file locally.

The adapter is chosen once per container from the environment (DESIGN.md, contract 5):
- `DYNAMODB_PERSISTENCE_TABLE_NAME` (+ `DYNAMODB_PERSISTENCE_REGION`, optional
  `DYNAMODB_ENDPOINT_URL`): ask-sdk's DynamoDB adapter, never creating the table at runtime
  (partition key `id`, a string: the SHA-256 of the Alexa user id, as in the local store);
- otherwise `MAIRIE_STATE`: a SQLite file (standard library), so `mairie say --user` and
  `make chat` keep state between commands;
- otherwise no persistence (state lives only as long as the request).
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import sqlite3
import threading
from decimal import Decimal
from pathlib import Path
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope


def user_id_of(request_envelope: RequestEnvelope) -> str:
    system = request_envelope.context.system if request_envelope.context else None
    user = system.user if system is not None else None
    if user is None or not user.user_id:
        raise ValueError("request without a user id")
    return str(user.user_id)


def storage_key(user_id: str) -> str:
    """The key under which a user's state is stored locally: a hash, not the Alexa user id."""
    return hashlib.sha256(user_id.encode("utf-8")).hexdigest()


class SqliteAdapter(AbstractPersistenceAdapter):
    """ask-sdk persistence adapter over one SQLite file; one JSON document per user."""

    def __init__(self, path: Path) -> None:
        self._path = path
        self._lock = threading.Lock()
        self._connection: sqlite3.Connection | None = None

    def _connect(self) -> sqlite3.Connection:
        """One connection per container, opened on first use (used under `self._lock`, any thread).

        Opening one per request cost more than the query itself and grew the process by ~7 MiB.
        """
        if self._connection is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self._path, timeout=5, check_same_thread=False)
            connection.execute("CREATE TABLE IF NOT EXISTS state (id TEXT PRIMARY KEY, attributes TEXT NOT NULL)")
            self._connection = connection
        return self._connection

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        key = storage_key(user_id_of(request_envelope))
        with self._lock, self._connect() as connection:
            row = connection.execute("SELECT attributes FROM state WHERE id = ?", (key,)).fetchone()
        if row is None:
            return {}
        loaded = json.loads(row[0])
        return loaded if isinstance(loaded, dict) else {}

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        key = storage_key(user_id_of(request_envelope))
        document = json.dumps(attributes, ensure_ascii=False, sort_keys=True)
        with self._lock, self._connect() as connection:
            connection.execute(
                "INSERT INTO state (id, attributes) VALUES (?, ?) "
                "ON CONFLICT(id) DO UPDATE SET attributes = excluded.attributes",
                (key, document),
            )

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        key = storage_key(user_id_of(request_envelope))
        with self._lock, self._connect() as connection:
            connection.execute("DELETE FROM state WHERE id = ?", (key,))


def build_adapter(environ: dict[str, str] | None = None) -> AbstractPersistenceAdapter | None:
    """The adapter the environment asks for (called once, at import of the skill)."""
    env = os.environ if environ is None else environ
    table = env.get("DYNAMODB_PERSISTENCE_TABLE_NAME")
    if table:
        return _dynamodb_adapter(table, env)
    state_path = env.get("MAIRIE_STATE")
    if state_path:
        return SqliteAdapter(Path(state_path))
    return None


def _dynamodb_adapter(table: str, env: os._Environ[str] | dict[str, str]) -> AbstractPersistenceAdapter:
    region = env.get("DYNAMODB_PERSISTENCE_REGION") or env.get("AWS_REGION") or "eu-west-1"
    # ask_sdk_dynamodb builds a default boto3 resource when it is imported: it needs a region then.
    os.environ.setdefault("AWS_DEFAULT_REGION", region)
    import boto3  # present on Lambda; imported only when configured
    from ask_sdk_dynamodb.adapter import DynamoDbAdapter

    resource = boto3.resource("dynamodb", region_name=region, endpoint_url=env.get("DYNAMODB_ENDPOINT_URL") or None)
    adapter: AbstractPersistenceAdapter = DynamoDbAdapter(
        table_name=table, create_table=False, partition_keygen=_partition_key, dynamodb_resource=resource
    )
    return DynamoDbNumbers(adapter)


def _partition_key(request_envelope: RequestEnvelope) -> str:
    return storage_key(user_id_of(request_envelope))


class DynamoDbNumbers(AbstractPersistenceAdapter):
    """DynamoDB stores numbers as `Decimal` and refuses `float`: convert at the boundary, both ways.

    The skill only ever sees `int` / `float`, so an unchanged state read back compares equal and
    is not written again.
    """

    def __init__(self, inner: AbstractPersistenceAdapter) -> None:
        self.inner = inner

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        loaded = from_dynamodb(self.inner.get_attributes(request_envelope))
        return loaded if isinstance(loaded, dict) else {}

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        self.inner.save_attributes(request_envelope, to_dynamodb(attributes))

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.inner.delete_attributes(request_envelope)


def from_dynamodb(value: Any) -> Any:
    """`Decimal` → `int` when whole, else `float`; containers converted recursively."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {key: from_dynamodb(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [from_dynamodb(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return [from_dynamodb(item) for item in sorted(value, key=str)]
    return value


def to_dynamodb(value: Any) -> Any:
    """`float` → `Decimal` (non-finite floats are dropped to None); containers converted recursively."""
    if isinstance(value, float):
        return Decimal(repr(value)) if math.isfinite(value) else None
    if isinstance(value, dict):
        return {str(key): to_dynamodb(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [to_dynamodb(item) for item in value]
    return value
