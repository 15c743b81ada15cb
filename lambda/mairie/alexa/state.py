"""Per-user persistent state: at most one read per request, a write only when something changed.

Stored document (kept minimal on purpose, see README "Données personnelles"):
    {"playback": {"token": "podcast:metamorphoses:depardon", "offset_ms": 123000, "enqueued": null}}
A storage failure never stops the skill from answering. A change the store cannot take (write
failed, or the read failed so the stored document is unknown) is kept in the container
(`mairie.alexa.pending`) and replayed over the stored document by the next request of that user
that can read and write it; until then, a request whose read fails answers from those changes.
A document that could not be read is never overwritten.

Only what changed is written (the top-level keys of a `Patch`, through the adapter's
`update_attributes`), so that two requests of the same user at once cannot erase each other's
change. A deletion that failed (SKILL_DISABLED while the store was down) is retried, one per
request, by later requests whose read showed the store answering again.
"""

from __future__ import annotations

import copy
from dataclasses import dataclass
from typing import Any

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.exceptions import AttributesManagerException
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa.log import get_logger
from mairie.alexa.pending import Patch, PendingDeletions, PendingStates, diff, unseen_diff
from mairie.alexa.persistence import storage_key, user_id_of

LOGGER = get_logger(__name__)
_STATE = "mairie.state"
_LOADED = "mairie.state.loaded"
PLAYBACK = "playback"
PENDING = PendingStates()
"""Changes not yet written, per user (hashed key), for the life of the container."""
DELETIONS = PendingDeletions()
"""Users (hashed keys) whose stored document could not be deleted yet."""


@dataclass(frozen=True)
class _Loaded:
    """What the request started from."""

    key: str | None
    """The user's storage key; None when there is nothing to persist (no user id, or no store)."""
    stored: dict[str, Any] | None
    """A copy of the stored document; None when the read failed."""
    pending: Patch | None
    """The changes still waiting to be written when the request started."""
    initial: dict[str, Any]
    """A copy of the state handlers were given."""


def _key(handler_input: HandlerInput) -> str | None:
    try:
        return storage_key(user_id_of(handler_input.request_envelope))
    except (AttributeError, ValueError):
        return None


def user_state(handler_input: HandlerInput) -> dict[str, Any]:
    """The user's state, read once per request (with the changes not yet written applied)."""
    request_attributes: dict[str, Any] = handler_input.attributes_manager.request_attributes
    if _STATE not in request_attributes:
        key = _key(handler_input)
        stored: dict[str, Any] | None = {}
        if key is not None:
            try:
                loaded = handler_input.attributes_manager.persistent_attributes
                stored = dict(loaded) if isinstance(loaded, dict) else {}
            except AttributesManagerException:  # no store configured: state lives for the request
                key = None
            except Exception as error:  # storage down, slow or throttled: answer anyway
                LOGGER.warning("state read failed: %s", type(error).__name__)
                stored = None
        pending = PENDING.get(key) if key is not None else None
        base = {} if stored is None else stored
        state = pending.apply(base) if pending else copy.deepcopy(base)
        stored_copy = None if stored is None else copy.deepcopy(stored)
        request_attributes[_LOADED] = _Loaded(key, stored_copy, pending, copy.deepcopy(state))
        request_attributes[_STATE] = state
    current: dict[str, Any] = request_attributes[_STATE]
    return current


def playback(handler_input: HandlerInput) -> dict[str, Any]:
    """The playback part of the state (created empty on first use)."""
    state = user_state(handler_input)
    entry = state.get(PLAYBACK)
    if not isinstance(entry, dict):
        entry = {}
        state[PLAYBACK] = entry
    return entry


def saved_position(handler_input: HandlerInput) -> tuple[str | None, int]:
    entry = user_state(handler_input).get(PLAYBACK)
    if not isinstance(entry, dict):
        return None, 0
    token = entry.get("token")
    try:
        offset = int(entry.get("offset_ms") or 0)
    except (TypeError, ValueError):
        offset = 0
    return (str(token) if token else None), max(0, offset)


def remember_position(handler_input: HandlerInput, token: str, offset_ms: int) -> None:
    entry = playback(handler_input)
    entry["token"] = token
    entry["offset_ms"] = max(0, int(offset_ms))


def forget(handler_input: HandlerInput) -> None:
    """Delete everything kept about the user: unsaved changes, then the stored document.

    Nothing is written back for the rest of the request. Raises when the store fails (the
    in-memory changes are gone already).
    """
    request_attributes: dict[str, Any] = handler_input.attributes_manager.request_attributes
    key = _key(handler_input)
    request_attributes[_LOADED] = _Loaded(None, None, None, {})
    request_attributes[_STATE] = {}
    if key is not None:
        PENDING.discard(key)
    try:
        handler_input.attributes_manager.delete_persistent_attributes()
    except AttributesManagerException:
        raise  # no store configured: nothing to retry
    except Exception:
        if key is not None:
            DELETIONS.add(key)
        raise


def _adapter(handler_input: HandlerInput) -> Any:
    """The persistence adapter the skill was built with (ask-sdk-core 1.19 keeps it there)."""
    return getattr(handler_input.attributes_manager, "_persistence_adapter", None)


def _save(handler_input: HandlerInput, change: Patch, state: dict[str, Any]) -> None:
    """Write `change` alone when the store can (field-level), else the whole document."""
    update = getattr(_adapter(handler_input), "update_attributes", None)
    if callable(update):
        update(handler_input.request_envelope, change)
        return
    handler_input.attributes_manager.persistent_attributes = state
    handler_input.attributes_manager.save_persistent_attributes()


def _retry_one_deletion(handler_input: HandlerInput) -> None:
    """Delete the document of one user whose deletion failed earlier (the store answered this request)."""
    delete_key = getattr(_adapter(handler_input), "delete_key", None)
    if not callable(delete_key):
        return
    key = DELETIONS.take()
    if key is None:
        return
    try:
        delete_key(key)
    except Exception as error:  # still failing: kept for a later request
        LOGGER.warning("state deletion retry failed: %s", type(error).__name__)
        DELETIONS.add(key)


class SaveStateInterceptor(AbstractResponseInterceptor):
    """Writes the state back after the handler when it differs from the stored document.

    When the write fails, or the stored document could not be read, the change waits in `PENDING`.
    """

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        request_attributes: dict[str, Any] = handler_input.attributes_manager.request_attributes
        loaded: _Loaded | None = request_attributes.get(_LOADED)
        if loaded is None or loaded.key is None:
            return  # nothing read, or nowhere to write
        state: dict[str, Any] = request_attributes[_STATE]
        if loaded.stored is not None and len(DELETIONS):
            _retry_one_deletion(handler_input)
        if loaded.stored is None:  # the read failed: never overwrite what we could not see
            if state != loaded.initial:
                PENDING.put(loaded.key, unseen_diff(loaded.pending, state))
            return
        change = diff(loaded.stored, state)
        if not change:
            if loaded.pending is not None:
                PENDING.discard(loaded.key)
            return
        try:
            _save(handler_input, change, state)
        except Exception as error:  # storage down: the resident still gets the answer
            LOGGER.warning("state write failed: %s", type(error).__name__)
            PENDING.put(loaded.key, change)
            return
        PENDING.discard(loaded.key)
