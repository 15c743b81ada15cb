"""Small building blocks shared by the feature handlers."""

from __future__ import annotations

from typing import ClassVar

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest


def intent_name(handler_input: HandlerInput) -> str | None:
    request = handler_input.request_envelope.request
    if isinstance(request, IntentRequest) and request.intent is not None:
        return str(request.intent.name) if request.intent.name else None
    return None


def request_type(handler_input: HandlerInput) -> str:
    return str(getattr(handler_input.request_envelope.request, "object_type", "") or "")


class IntentHandler(AbstractRequestHandler):
    """Handles the intents named in `intents`."""

    intents: ClassVar[tuple[str, ...]] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return intent_name(handler_input) in self.intents


class RequestTypeHandler(AbstractRequestHandler):
    """Handles the request types named in `request_types`."""

    request_types: ClassVar[tuple[str, ...]] = ()

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return request_type(handler_input) in self.request_types
