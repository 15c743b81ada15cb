"""Intents the skill does not know (an interaction model newer than the code, a stray built-in)."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest

from mairie.alexa.conversation import FallbackHandler


class UnknownIntentHandler(FallbackHandler):
    """Answered like a request that was not understood: an example, then the list (last handler)."""

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return isinstance(handler_input.request_envelope.request, IntentRequest)
