"""Per-user persistent state: at most one read per request, a write only when something changed.

Stored document (kept minimal on purpose, see README "Données personnelles"):
    {"playback": {"token": "podcast:metamorphoses:depardon", "offset_ms": 123000, "enqueued": null}}
A storage failure never stops the skill from answering: the state then reads as empty, and is not
written back (a partial document must not replace the one we could not read).
"""

from __future__ import annotations

import json
import logging
from typing import Any

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

LOGGER = logging.getLogger(__name__)
_STATE = "mairie.state"
_SNAPSHOT = "mairie.state.snapshot"
_UNREADABLE = "mairie.state.unreadable"
PLAYBACK = "playback"


def _fingerprint(state: dict[str, Any]) -> str:
    return json.dumps(state, sort_keys=True, default=str)


def user_state(handler_input: HandlerInput) -> dict[str, Any]:
    """The user's stored state, read once per request (empty when storage is unavailable)."""
    request_attributes: dict[str, Any] = handler_input.attributes_manager.request_attributes
    if _STATE not in request_attributes:
        state: dict[str, Any] = {}
        if _has_user(handler_input):
            try:
                loaded = handler_input.attributes_manager.persistent_attributes
                state = dict(loaded) if isinstance(loaded, dict) else {}
            except Exception as error:  # no adapter, or storage down: answer anyway
                LOGGER.warning("state read failed: %s", type(error).__name__)
                request_attributes[_UNREADABLE] = True
        request_attributes[_STATE] = state
        request_attributes[_SNAPSHOT] = _fingerprint(state)
    current: dict[str, Any] = request_attributes[_STATE]
    return current


def _has_user(handler_input: HandlerInput) -> bool:
    system = getattr(handler_input.request_envelope.context, "system", None)
    return bool(getattr(getattr(system, "user", None), "user_id", None))


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


class SaveStateInterceptor(AbstractResponseInterceptor):
    """Writes the state back after the handler, only if it changed during the request."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        request_attributes: dict[str, Any] = handler_input.attributes_manager.request_attributes
        if _STATE not in request_attributes or request_attributes.get(_UNREADABLE):
            return  # nothing read, or the read failed: never overwrite what we could not see
        state: dict[str, Any] = request_attributes[_STATE]
        if _fingerprint(state) == request_attributes.get(_SNAPSHOT):
            return
        try:
            handler_input.attributes_manager.persistent_attributes = state
            handler_input.attributes_manager.save_persistent_attributes()
            request_attributes[_SNAPSHOT] = _fingerprint(state)
        except Exception as error:  # storage down: the resident still gets the answer
            LOGGER.warning("state write failed: %s", type(error).__name__)
