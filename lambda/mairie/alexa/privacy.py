"""Privacy: a resident who disables the skill leaves nothing behind (README "Données personnelles")."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import respond, state
from mairie.alexa.base import RequestTypeHandler
from mairie.alexa.log import get_logger

LOGGER = get_logger(__name__)


class SkillDisabledHandler(RequestTypeHandler):
    """`AlexaSkillEvent.SkillDisabled` (skill.json subscribes to it): delete the user's stored state.

    An event, out of session: the response is empty. Changes not yet written are dropped first; a
    storage failure is logged (without the user id) and the event still gets its empty response.
    """

    request_types = ("AlexaSkillEvent.SkillDisabled",)

    def handle(self, handler_input: HandlerInput) -> Response:
        try:
            state.forget(handler_input)
        except Exception as error:  # no store configured, or storage down
            LOGGER.warning("state deletion failed: %s", type(error).__name__)
        return respond.empty(handler_input)
