"""The answer to a request envelope the SDK cannot even read (a malformed field, an unknown enum value).

In a conversation (a launch or an intent with a session) the resident still hears a polite apology
and the session stays open; anything else (events, unknown types) gets an empty response.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_core.serialize import DefaultSerializer

from mairie.alexa.respond import to_ssml
from mairie.voice import assistant as spoken

CONVERSATION_TYPES = ("LaunchRequest", "IntentRequest")


def in_conversation(event: Any) -> bool:
    if not isinstance(event, dict) or not isinstance(event.get("session"), dict):
        return False
    request = event.get("request")
    return isinstance(request, dict) and request.get("type") in CONVERSATION_TYPES


def response_for(event: Any) -> dict[str, Any]:
    """A valid response envelope for an unreadable `event`."""
    if not in_conversation(event):
        return {"version": "1.0", "response": {}}
    response = ResponseFactory().speak(to_ssml(spoken.sorry())).ask(to_ssml(spoken.what_now())).response
    serialized = DefaultSerializer().serialize(response)
    return {"version": "1.0", "response": serialized if isinstance(serialized, dict) else {}}
