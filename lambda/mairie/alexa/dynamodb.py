"""Per-user state on DynamoDB, through boto3's low-level client (boto3 comes with the Lambda runtime).

Item layout: `id` (string partition key: the SHA-256 of the Alexa user id), `attributes` (a map: the
user's document) and `expires_at` (epoch seconds, refreshed on every write; the table's TTL must be
enabled on it). Numbers are DynamoDB numbers: an `int` is read back as an `int`, a `float` as a
`float`. The table is never created here.

A request writes only what it changed (`update_attributes`): one `UpdateItem` that sets or removes
those keys of the `attributes` map, so that two requests of the same user at once (a playback
event and an intent) each keep the other's change. A nested path needs the map to exist and the
item to be within its retention: the update is conditional on both; when the condition fails (a
new user, or an expired item the TTL sweep has not removed yet), the whole map is set instead,
conditional on the opposite; when that fails too, another request created the item in between,
and the field-level update is tried again (`MAX_WRITE_TRIES` in all).

The client gives up quickly (short timeouts, two attempts in all) so that a store that is down still
leaves time to answer within Alexa's 8 seconds.
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping
from typing import Any

from ask_sdk_core.attributes_manager import AbstractPersistenceAdapter
from ask_sdk_model import RequestEnvelope

from mairie.alexa.pending import Patch
from mairie.alexa.persistence import EXPIRES_AT, Clock, expiry, storage_key, user_id_of

DEFAULT_REGION = "eu-west-1"
CONNECT_TIMEOUT_S = 1.0
READ_TIMEOUT_S = 1.0
MAX_ATTEMPTS = 2
"""Attempts per call, the first included."""
ATTRIBUTES = "attributes"
MAX_WRITE_TRIES = 3
CONDITION_FAILED = "ConditionalCheckFailedException"


class DynamoDbAdapter(AbstractPersistenceAdapter):
    """ask-sdk persistence adapter: one item per user, read consistently."""

    def __init__(self, client: Any, table: str, clock: Clock = time.time) -> None:
        self._client = client
        self._table = table
        self._clock = clock

    @classmethod
    def from_environment(cls, table: str, env: Mapping[str, str]) -> DynamoDbAdapter:
        """The adapter for `table`, its client configured from the environment (DESIGN.md, contract 5)."""
        import boto3  # present on Lambda; imported only when a table is configured
        from botocore.config import Config

        region = env.get("DYNAMODB_PERSISTENCE_REGION") or env.get("AWS_REGION") or DEFAULT_REGION
        config = Config(
            connect_timeout=CONNECT_TIMEOUT_S,
            read_timeout=READ_TIMEOUT_S,
            retries={"mode": "standard", "total_max_attempts": MAX_ATTEMPTS},
        )
        client = boto3.client(
            "dynamodb", region_name=region, endpoint_url=env.get("DYNAMODB_ENDPOINT_URL") or None, config=config
        )
        return cls(client, table)

    def _key(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        return {"id": {"S": storage_key(user_id_of(request_envelope))}}

    def get_attributes(self, request_envelope: RequestEnvelope) -> dict[str, Any]:
        found = self._client.get_item(TableName=self._table, Key=self._key(request_envelope), ConsistentRead=True)
        item = found.get("Item") or {}
        expires_at = item.get(EXPIRES_AT, {}).get("N")
        if expires_at is not None and float(expires_at) <= self._clock():
            return {}  # past its retention limit, not yet removed by the TTL sweep
        document = decode(item.get(ATTRIBUTES, {"M": {}}))
        return document if isinstance(document, dict) else {}

    def save_attributes(self, request_envelope: RequestEnvelope, attributes: dict[str, Any]) -> None:
        item = {
            **self._key(request_envelope),
            ATTRIBUTES: encode(dict(attributes)),
            EXPIRES_AT: {"N": str(expiry(self._clock()))},
        }
        self._client.put_item(TableName=self._table, Item=item)

    def update_attributes(self, request_envelope: RequestEnvelope, patch: Patch) -> None:
        """Set and remove the keys `patch` names, leaving the others as they are in the table."""
        key = self._key(request_envelope)
        for _ in range(MAX_WRITE_TRIES):
            if self._conditional(key, _field_update(patch, self._clock())):
                return
            if self._conditional(key, _whole_update(patch, self._clock())):
                return
        raise RuntimeError("state write kept conflicting")

    def _conditional(self, key: dict[str, Any], request: dict[str, Any]) -> bool:
        """One conditional `UpdateItem`: False when its condition failed."""
        try:
            self._client.update_item(TableName=self._table, Key=key, **request)
        except Exception as error:
            if getattr(error, "response", {}).get("Error", {}).get("Code") == CONDITION_FAILED:
                return False
            raise
        return True

    def delete_attributes(self, request_envelope: RequestEnvelope) -> None:
        self._client.delete_item(TableName=self._table, Key=self._key(request_envelope))

    def delete_key(self, key: str) -> None:
        """Delete the item stored under `key` (a hashed user id)."""
        self._client.delete_item(TableName=self._table, Key={"id": {"S": key}})


def _field_update(patch: Patch, now: float) -> dict[str, Any]:
    """`UpdateItem` arguments: the patched keys of a live item's map, and its expiry."""
    names = {"#a": ATTRIBUTES, "#e": EXPIRES_AT}
    values: dict[str, Any] = {":e": {"N": str(expiry(now))}, ":now": {"N": str(int(now))}}
    sets = ["#e = :e"]
    for index, (name, value) in enumerate(sorted(patch.set.items())):
        names[f"#k{index}"] = name
        values[f":v{index}"] = encode(value)
        sets.append(f"#a.#k{index} = :v{index}")
    removes = []
    for index, name in enumerate(sorted(patch.unset), start=len(patch.set)):
        names[f"#k{index}"] = name
        removes.append(f"#a.#k{index}")
    expression = "SET " + ", ".join(sets) + (" REMOVE " + ", ".join(removes) if removes else "")
    return {
        "UpdateExpression": expression,
        "ConditionExpression": "attribute_exists(#a) AND (attribute_not_exists(#e) OR #e > :now)",
        "ExpressionAttributeNames": names,
        "ExpressionAttributeValues": values,
    }


def _whole_update(patch: Patch, now: float) -> dict[str, Any]:
    """`UpdateItem` arguments: the whole map (the patch over nothing), for a new or expired item."""
    return {
        "UpdateExpression": "SET #a = :doc, #e = :e",
        "ConditionExpression": "attribute_not_exists(#a) OR #e <= :now",
        "ExpressionAttributeNames": {"#a": ATTRIBUTES, "#e": EXPIRES_AT},
        "ExpressionAttributeValues": {
            ":doc": encode(patch.apply({})),
            ":e": {"N": str(expiry(now))},
            ":now": {"N": str(int(now))},
        },
    }


def encode(value: Any) -> dict[str, Any]:
    """A JSON-like value as a DynamoDB attribute value (a non-finite float becomes NULL)."""
    if value is None:
        return {"NULL": True}
    if isinstance(value, bool):
        return {"BOOL": value}
    if isinstance(value, int):
        return {"N": str(value)}
    if isinstance(value, float):
        return {"N": repr(value)} if math.isfinite(value) else {"NULL": True}
    if isinstance(value, str):
        return {"S": value}
    if isinstance(value, Mapping):
        return {"M": {str(key): encode(item) for key, item in value.items()}}
    if isinstance(value, (list, tuple)):
        return {"L": [encode(item) for item in value]}
    raise TypeError(f"cannot store a {type(value).__name__} in DynamoDB")


def decode(attribute: Mapping[str, Any]) -> Any:
    """A DynamoDB attribute value as a JSON-like value (sets become lists)."""
    kind, value = next(iter(attribute.items()))
    if kind == "N":
        return _number(value)
    if kind in ("S", "B", "BOOL"):
        return value
    if kind == "NULL":
        return None
    if kind == "M":
        return {key: decode(item) for key, item in value.items()}
    if kind == "L":
        return [decode(item) for item in value]
    if kind == "NS":
        return [_number(item) for item in sorted(value)]
    if kind in ("SS", "BS"):
        return sorted(value)
    raise ValueError(f"unknown DynamoDB attribute type {kind!r}")


def _number(text: str) -> int | float:
    """DynamoDB's number text: an `int` when written without a fraction or exponent."""
    return float(text) if any(mark in text for mark in ".eE") else int(text)
