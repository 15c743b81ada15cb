"""Never crash: every failure gets a valid response (polite speech, or nothing for events)."""

from __future__ import annotations

from pathlib import Path

from ask_sdk_core.dispatch_components import AbstractExceptionHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.response_helper import ResponseFactory
from ask_sdk_model import Response
from ask_sdk_runtime.exceptions import DispatchException

from mairie.alexa import respond, turn
from mairie.alexa.base import request_type
from mairie.alexa.log import ERROR, REPORT, get_logger
from mairie.voice import assistant as spoken

LOGGER = get_logger(__name__)

SILENT_PREFIXES = (
    "AudioPlayer.",
    "PlaybackController.",
    "System.",
    "AlexaSkillEvent.",
    "SessionEndedRequest",
)


def allows_speech(handler_input: HandlerInput) -> bool:
    """Only requests from a conversation may carry speech; events must get directives or nothing."""
    kind = request_type(handler_input)
    return bool(kind) and not kind.startswith(SILENT_PREFIXES) and turn.has_session(handler_input)


def where(exception: BaseException) -> str:
    """Where it failed (innermost frames first), without the exception's message: a message may quote
    what the resident said or their ids, which must never reach the logs."""
    import traceback  # only when something failed: 1 ms at cold start otherwise

    frames = traceback.extract_tb(exception.__traceback__)[-4:]
    return " < ".join(f"{Path(frame.filename).name}:{frame.lineno} {frame.name}" for frame in reversed(frames))


class CatchAllExceptionHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        LOGGER.error(
            "request failed: %s (%s)%s",
            type(exception).__name__,
            request_type(handler_input),
            "" if isinstance(exception, LookupError | DispatchException) else f" at {where(exception)}",
        )
        REPORT.outcome = ERROR  # even after a handler finished: a response interceptor may have failed
        handler_input.response_builder = ResponseFactory()  # drop whatever the failed handler built
        if not allows_speech(handler_input):
            return respond.empty(handler_input)
        return respond.answer(handler_input, spoken.sorry(), ask=spoken.what_now())
