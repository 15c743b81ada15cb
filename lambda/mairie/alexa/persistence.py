"""Where per-user state lives: DynamoDB on Lambda, an embedded SQLite file locally.

The adapter is chosen once per container from the environment (DESIGN.md, contract 5):
- `DYNAMODB_PERSISTENCE_TABLE_NAME` (+ `DYNAMODB_PERSISTENCE_REGION`, optional
  `DYNAMODB_ENDPOINT_URL`): ask-sdk's DynamoDB adapter, never creating the table at runtime;
- otherwise `MAIRIE_STATE`: a SQLite file (standard library), so `mairie say --user` and
  `make chat` keep state between commands;
- otherwise no persistence (state lives only as long as the request).
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import threading
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
        self._ready = False

    def _connect(self) -> sqlite3.Connection:
        if not self._ready:
            self._path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self._path, timeout=5)
        if not self._ready:
            connection.execute("CREATE TABLE IF NOT EXISTS state (id TEXT PRIMARY KEY, attributes TEXT NOT NULL)")
            self._ready = True
        return connection

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
    import boto3  # present on Lambda; imported only when configured
    from ask_sdk_dynamodb.adapter import DynamoDbAdapter

    resource = boto3.resource(
        "dynamodb",
        region_name=env.get("DYNAMODB_PERSISTENCE_REGION") or env.get("AWS_REGION") or "eu-west-1",
        endpoint_url=env.get("DYNAMODB_ENDPOINT_URL") or None,
    )
    adapter: AbstractPersistenceAdapter = DynamoDbAdapter(
        table_name=table, create_table=False, dynamodb_resource=resource
    )
    return adapter
