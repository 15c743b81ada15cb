"""The baseline: a minimal ask-sdk-core skill (one Launch handler, one intent, one error handler).

`mairie bench` compares the city's skill with this one, on the same machine, in the same run.
"""

from typing import Any

from ask_sdk_core.dispatch_components import AbstractExceptionHandler, AbstractRequestHandler
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.skill_builder import SkillBuilder
from ask_sdk_core.utils import is_intent_name, is_request_type
from ask_sdk_model import Response


class LaunchHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_request_type("LaunchRequest")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        speech = "Bonjour ! Dites bonjour pour m'entendre répondre."
        return handler_input.response_builder.speak(speech).ask(speech).response  # type: ignore[no-any-return]


class HelloIntentHandler(AbstractRequestHandler):
    def can_handle(self, handler_input: HandlerInput) -> bool:
        return bool(is_intent_name("HelloWorldIntent")(handler_input))

    def handle(self, handler_input: HandlerInput) -> Response:
        return handler_input.response_builder.speak("Bonjour le monde !").set_should_end_session(True).response  # type: ignore[no-any-return]


class ErrorHandler(AbstractExceptionHandler):
    def can_handle(self, handler_input: HandlerInput, exception: Exception) -> bool:
        return True

    def handle(self, handler_input: HandlerInput, exception: Exception) -> Response:
        speech = "Désolé, je n'ai pas compris."
        return handler_input.response_builder.speak(speech).ask(speech).response  # type: ignore[no-any-return]


_builder = SkillBuilder()
_builder.add_request_handler(LaunchHandler())
_builder.add_request_handler(HelloIntentHandler())
_builder.add_exception_handler(ErrorHandler())

lambda_handler: Any = _builder.lambda_handler()
