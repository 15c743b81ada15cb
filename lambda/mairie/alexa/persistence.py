"""Where per-user state lives: DynamoDB on Lambda, an embedded SQLite file locally.

The adapter is chosen once per container from the environment (DESIGN.md, contract 5):
- `DYNAMODB_PERSISTENCE_TABLE_NAME` (+ `DYNAMODB_PERSISTENCE_REGION`, optional
  `DYNAMODB_ENDPOINT_URL`): our DynamoDB adapter (`mairie.alexa.dynamodb`, boto3 imported only
  then), never creating the table at runtime;
- otherwise `MAIRIE_STATE`: a SQLite file (standard library), so `mairie say --user` and
  `make chat` keep state between commands;
- otherwise no persistence (state lives only as long as the request).
Both stores key a user's document by the SHA-256 of the Alexa user id, and keep it `RETENTION_S`
after its last write (DynamoDB: the `expires_at` TTL attribute; SQLite: rows purged on write).

Writes are field-level (`update_attributes`): a request writes only the top-level keys it changed
(a `Patch`), atomically against the stored document. When a resident speaks during playback, the
playback event and the intent arrive together; writing whole documents, one erased the other's
change (a new speech rate lost 22 to 32 times in 150 on DynamoDB). `save_attributes` (whole
document) stays for the SDK's interface.

The SQLite store serialises nothing in Python: one connection per thread, WAL mode (readers never
wait for the writer), and each write is one short `BEGIN IMMEDIATE` transaction (read, patch,
write) that SQLite's own lock makes atomic across threads and processes. Its former process-wide
lock held every request behind the slowest: 1,788 req/s at one connection, 114 at a hundred.
"""

from __future__ import annotations

import json
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope

from mairie.alexa.pending import Patch

RETENTION_DAYS = 400
RETENTION_S = RETENTION_DAYS * 24 * 3600
"""How long a user's document is kept after its last write (README "Données personnelles")."""
EXPIRES_AT = "expires_at"
"""The expiry time, in epoch seconds, stored with each document (DynamoDB's TTL attribute)."""
PURGE_EVERY_S = 3600.0
"""The SQLite store deletes expired rows on a write at most this often."""

Clock = Callable[[], float]


def user_id_of(request_envelope: RequestEnvelope) -> str:
    system = request_envelope.context.system if request_envelope.context else None
    user = system.user if system is not None else None
    if user is None or not user.user_id:
        raise ValueError("request without a user id")
    return str(user.user_id)


def storage_key(user_id: str) -> str:
    """The key under which a user's state is stored: a hash, not the Alexa user id."""
    return str(_sha256(user_id.encode("utf-8")).hexdigest())


def expiry(now: float) -> int:
    """The `expires_at` of a document written at `now`."""
    return int(now) + RETENTION_S


class SqliteAdapter(AbstractPersistenceAdapter):
    """ask-sdk persistence adapter over one SQLite file; one JSON document per user."""

    def __init__(self, path: Path, clock: Clock = time.time, busy_timeout_s: float = 2.0) -> None:
        self._path = path
        self._clock = clock
        self._busy_timeout_s = busy_timeout_s
        self._local = threading.local()
        self._schema_lock = threading.Lock()
        self._schema_ready = False
        self._purged_at: float | None = None

    def _connect(self) -> sqlite3.Connection:
        """This thread's connection, opened on first use (one per thread, kept for the container).

        Opening one per request cost more than the query itself and grew the process by ~7 MiB.
        """
        connection: sqlite3.Connection | None = getattr(self._local, "connection", None)
        if connection is None:
            self._path.parent.mkdir(parents=True, exist_ok=True)
            connection = sqlite3.connect(self._path, timeout=self._busy_timeout_s, isolation_level=None)
            connection.execute("PRAGMA journal_mode=WAL")
            connection.execute("PRAGMA synchronous=NORMAL")  # WAL stays consistent; a power cut may lose the last write
            with self._schema_lock:
                if not self._schema_ready:
                    self._create_schema(connection)
                    self._schema_ready = True
            self._local.connection = connection
        return connection

    def _create_schema(self, connection: sqlite3.Connection) -> None:
        connection.execute("BEGIN IMMEDIATE")
        try:
            connection.execute("CREATE TABLE IF NOT EXISTS state (id TEXT PRIMARY KEY, attributes TEXT NOT NULL)")
            columns = {row[1] for row in connection.execute("PRAGMA table_info(state)")}
            if EXPIRES_AT not in columns:  # a file written before the retention limit
                connection.execute(f"ALTER TABLE state ADD COLUMN {EXPIRES_AT} INTEGER")
                connection.execute(
                    f"UPDATE state SET {EXPIRES_AT} = ? WHERE {EXPIRES_AT} IS NULL", (expiry(self._clock()),)
                )
            connection.execute(f"CREATE INDEX IF NOT EXISTS state_{EXPIRES_AT} ON state ({EXPIRES_AT})")
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def _read(self, connection: sqlite3.Connection, key: str) -> dict[str, Any]:
        row = connection.execute(
            f"SELECT attributes FROM state WHERE id = ? AND {EXPIRES_AT} > ?", (key, int(self._clock()))
        ).fetchone()
        if row is None:
            return {}
        loaded = json.loads(row[0])
        return loaded if isinstance(loaded, dict) else {}

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        return self._read(self._connect(), storage_key(user_id_of(request_envelope)))

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        self._write(storage_key(user_id_of(request_envelope)), lambda _: attributes)

    def update_attributes(self, request_envelope: RequestEnvelope, patch: Patch) -> None:
        """Apply `patch` to the stored document, in one transaction (no other write in between)."""
        self._write(storage_key(user_id_of(request_envelope)), patch.apply)

    def _write(self, key: str, change: Callable[[dict[str, Any]], dict[str, Any]]) -> None:
        connection = self._connect()
        now = self._clock()
        connection.execute("BEGIN IMMEDIATE")
        try:
            document = json.dumps(change(self._read(connection, key)), ensure_ascii=False, sort_keys=True)
            connection.execute(
                f"INSERT INTO state (id, attributes, {EXPIRES_AT}) VALUES (?, ?, ?) "
                f"ON CONFLICT(id) DO UPDATE SET attributes = excluded.attributes, {EXPIRES_AT} = excluded.{EXPIRES_AT}",
                (key, document, expiry(now)),
            )
            if self._purged_at is None or now - self._purged_at >= PURGE_EVERY_S:
                self._purged_at = now
                connection.execute(f"DELETE FROM state WHERE {EXPIRES_AT} <= ?", (int(now),))
            connection.execute("COMMIT")
        except BaseException:
            if connection.in_transaction:
                connection.execute("ROLLBACK")
            raise

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self.delete_key(storage_key(user_id_of(request_envelope)))

    def delete_key(self, key: str) -> None:
        """Delete the document stored under `key` (a hashed user id)."""
        self._connect().execute("DELETE FROM state WHERE id = ?", (key,))


def build_adapter(environ: Mapping[str, str] | None = None) -> AbstractPersistenceAdapter | None:
    """The adapter the environment asks for (called once, at import of the skill)."""
    env = os.environ if environ is None else environ
    table = env.get("DYNAMODB_PERSISTENCE_TABLE_NAME")
    if table:
        from mairie.alexa import dynamodb  # imports boto3: only when a table is configured

        return dynamodb.DynamoDbAdapter.from_environment(table, env)
    state_path = env.get("MAIRIE_STATE")
    if state_path:
        return SqliteAdapter(Path(state_path))
    return None


def _load_sha256() -> Any:
    """CPython's built-in SHA-256 (`_sha2` from 3.12, `_sha256` before) avoids loading OpenSSL through
    `hashlib` at cold start (about 3 ms and 3.6 MiB); `hashlib` stays the fallback."""
    for module_name in ("_sha2", "_sha256"):
        try:
            return __import__(module_name).sha256
        except (ImportError, AttributeError):
            continue
    import hashlib

    return hashlib.sha256


_sha256 = _load_sha256()
