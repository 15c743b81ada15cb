"""The skill, assembled once per container, and the Lambda entry point.

Handler order matters (first match wins): capability- and context-specific handlers come before
the general ones (e.g. "oui" after an offer, "stop" while audio plays).
"""

from __future__ import annotations

import json
import logging
import os
import time
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import RequestEnvelope

from mairie.alexa import conversation, hours, magazine, media, playback, privacy, procedures, unknown, unreadable
from mairie.alexa.base import intent_name
from mairie.alexa.errors import CatchAllExceptionHandler
from mairie.alexa.persistence import build_adapter
from mairie.alexa.screens import ScreenInterceptor
from mairie.alexa.state import SaveStateInterceptor
from mairie.alexa.turn import has_session as turn_has_session
from mairie.catalogue.current import get_catalogue

LOGGER = logging.getLogger("mairie")
SERIALIZER = DefaultSerializer()
EMPTY_RESPONSE: dict[str, Any] = {"version": "1.0", "response": {}}


class UnderstoodInterceptor(AbstractRequestInterceptor):
    """Any understood intent resets the count of misunderstandings in a row."""

    def process(self, handler_input: HandlerInput) -> None:
        name = intent_name(handler_input)
        attributes = handler_input.attributes_manager.session_attributes if turn_has_session(handler_input) else None
        if name and name != "AMAZON.FallbackIntent" and attributes is not None:
            attributes[conversation.MISUNDERSTOOD] = 0


HANDLERS = (
    # events first: no session, no speech
    playback.PlaybackStartedHandler(),
    playback.PlaybackStoppedHandler(),
    playback.PlaybackNearlyFinishedHandler(),
    playback.PlaybackFinishedHandler(),
    playback.PlaybackFailedHandler(),
    playback.PlaybackControllerHandler(),
    playback.SilentEventHandler(),
    privacy.SkillDisabledHandler(),
    # conversation
    conversation.LaunchHandler(),
    hours.FacilityHoursHandler(),
    hours.OpenFacilitiesHandler(),
    procedures.IdProcedureHandler(),
    procedures.ProcedureYesHandler(),
    procedures.ProcedureNoHandler(),
    procedures.ProcedureFollowUpHandler(),
    procedures.DontKnowHandler(),
    magazine.MagazineHandler(),
    magazine.MagazineAudioHandler(),
    magazine.MagazineArticleHandler(),
    magazine.NextArticleHandler(),
    media.PlayPodcastHandler(),
    media.ListEpisodesHandler(),
    media.EpisodeInfoHandler(),
    media.PlayOfferedEpisodeHandler(),
    magazine.ReadOfferedArticleHandler(),
    magazine.ReadOfferedSommaireHandler(),
    conversation.AboutCityHandler(),
    conversation.SpeechRateHandler(),
    # playback intents (may come without the invocation name while audio plays)
    playback.PauseHandler(),
    playback.StopWhilePlayingHandler(),
    playback.ResumeHandler(),
    playback.NextPreviousHandler(),
    playback.StartOverHandler(),
    playback.UnsupportedPlaybackHandler(),
    # built-ins
    conversation.HelpHandler(),
    conversation.RepeatHandler(),
    conversation.YesNoHandler(),
    conversation.StopHandler(),
    conversation.FallbackHandler(),
    unknown.UnknownIntentHandler(),  # last: any intent no handler above took
)


def build_skill() -> CustomSkill:
    adapter = build_adapter()
    builder = CustomSkillBuilder(persistence_adapter=adapter) if adapter is not None else CustomSkillBuilder()
    for handler in HANDLERS:
        builder.add_request_handler(handler)
    builder.add_global_request_interceptor(UnderstoodInterceptor())
    builder.add_global_request_interceptor(procedures.DialogInterceptor())
    builder.add_global_response_interceptor(ScreenInterceptor())
    builder.add_global_response_interceptor(SaveStateInterceptor())
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.skill_id = os.environ.get("SKILL_ID") or None  # type: ignore[assignment]
    return builder.create()


get_catalogue()  # load the catalogue at cold start, not on the first request
SKILL = build_skill()


def _describe(event: Any) -> tuple[str, str | None]:
    request = event.get("request") if isinstance(event, dict) else None
    if not isinstance(request, dict):
        return "?", None
    intent = request.get("intent")
    name = intent.get("name") if isinstance(intent, dict) else None
    return str(request.get("type")), str(name) if name else None


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """AWS Lambda entry point (`lambda_function.lambda_handler`)."""
    started = time.perf_counter()
    kind, intent = _describe(event)
    outcome = "ok"
    try:
        envelope = SERIALIZER.deserialize(json.dumps(event), RequestEnvelope)
        if envelope is None or envelope.request is None:
            raise ValueError("empty request envelope")
        response = SKILL.invoke(request_envelope=envelope, context=context)
        serialized = SERIALIZER.serialize(response)
        result: dict[str, Any] = serialized if isinstance(serialized, dict) else dict(EMPTY_RESPONSE)
    except Exception as error:
        if type(error).__name__ == "AskSdkException" and "Skill ID" in str(error):
            outcome = "refused"
            raise PermissionError("requête refusée : elle ne vient pas de cette skill") from error
        outcome = "error"
        LOGGER.error("unreadable request: %s", type(error).__name__)
        result = unreadable.response_for(event)
    finally:
        LOGGER.info(
            json.dumps(
                {
                    "request": kind,
                    "intent": intent,
                    "latency_ms": round((time.perf_counter() - started) * 1000, 1),
                    "outcome": outcome,
                }
            )
        )
    return result
