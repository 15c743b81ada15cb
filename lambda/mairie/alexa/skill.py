"""The skill, assembled once per container, and the Lambda entry point.

Handler order matters (first match wins): capability- and context-specific handlers come before
the general ones (e.g. "oui" after an offer, "stop" while audio plays).

Handlers are named in `ROUTES` with the request types or intents they can take, and their module
is imported on first use: a cold start imports only what its first request needs, and each request
asks only the handlers that could take it (in `ROUTES` order) whether they do.

Each request is logged as one JSON line of anonymous counters (see `log.py`): the route's `feature`,
the outcome the handler noted (`respond.note`), the latency and the request's day (UTC, from the
request's own timestamp).
"""

from __future__ import annotations

import importlib
import json
import os
import time
from collections.abc import Iterable
from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestHandler, AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_core.serialize import DefaultSerializer
from ask_sdk_core.skill import CustomSkill
from ask_sdk_core.skill_builder import CustomSkillBuilder
from ask_sdk_model import IntentRequest, RequestEnvelope, Response

from mairie.alexa.base import intent_name
from mairie.alexa.envelope import read_envelope
from mairie.alexa.errors import CatchAllExceptionHandler
from mairie.alexa.limits import fit_response, heard
from mairie.alexa.log import ANSWERED, ERROR, REFUSED, REPORT, get_logger
from mairie.alexa.persistence import build_adapter
from mairie.alexa.respond import FACILITY, OUTCOME
from mairie.alexa.screens import ANSWERED_BY, ScreenInterceptor
from mairie.alexa.state import SaveStateInterceptor
from mairie.alexa.turn import has_session as turn_has_session
from mairie.catalogue.current import get_catalogue

LOGGER = get_logger("mairie")
SERIALIZER = DefaultSerializer()
EMPTY_RESPONSE: dict[str, Any] = {"version": "1.0", "response": {}}
INTENT_REQUEST = "IntentRequest"
MISUNDERSTOOD = "misunderstood"
"""`conversation.MISUNDERSTOOD`: the count of misunderstandings in a row, in the session."""
PROCEDURE_CONTEXT = "procedure"
"""`procedures.CONTEXT`: the session key of the ID-procedure dialog."""
_CHOSEN = "mairie.route"
"""Request attribute: the route `Router.can_handle` chose, for `Router.handle`."""


class Route:
    """One feature handler, by module and class name, and the requests it can take at most.

    The handler's own `can_handle` still decides; the route only spares asking it (and importing
    its module) for requests it never takes. `any_intent`: every `IntentRequest`. `feature` names
    what the resident used, in the log line (default: the module's name).
    """

    __slots__ = ("_handler", "any_intent", "feature", "intents", "module", "name", "request_types")

    def __init__(
        self,
        module: str,
        name: str,
        *,
        request_types: Iterable[str] = (),
        intents: Iterable[str] = (),
        any_intent: bool = False,
        feature: str | None = None,
    ) -> None:
        self.module = module
        self.name = name
        self.feature = feature or module
        self.request_types = frozenset(request_types)
        self.intents = frozenset(intents)
        self.any_intent = any_intent
        self._handler: AbstractRequestHandler | None = None

    def accepts(self, kind: str, intent: str | None) -> bool:
        if kind in self.request_types:
            return True
        return kind == INTENT_REQUEST and (self.any_intent or intent in self.intents)

    def handler(self) -> AbstractRequestHandler:
        """The handler instance, its module imported on first use (once per container)."""
        if self._handler is None:
            handler_class = getattr(importlib.import_module(f"mairie.alexa.{self.module}"), self.name)
            self._handler = handler_class()
        return self._handler


def _intents(module: str, *names: tuple[str, tuple[str, ...]], feature: str | None = None) -> list[Route]:
    return [Route(module, name, intents=intents, feature=feature) for name, intents in names]


def _events(module: str, *names: tuple[str, tuple[str, ...]], feature: str | None = None) -> list[Route]:
    return [Route(module, name, request_types=types, feature=feature) for name, types in names]


YES = ("AMAZON.YesIntent",)
STOP = ("AMAZON.StopIntent", "AMAZON.CancelIntent")
HOURS_INTENTS = ("OpeningHoursIntent", "IsOpenIntent", "ClosingTimeIntent", "NextOpeningIntent", "WeekHoursIntent")
"""`hours.HOURS_INTENTS`."""
DETAIL_INTENTS = ("FacilityAddressIntent", "FacilityPhoneIntent", "FacilityInfoIntent")
"""`facilities.DETAIL_INTENTS`."""

ROUTES: tuple[Route, ...] = (
    # events first: no session, no speech
    *_events(
        "playback",
        ("PlaybackStartedHandler", ("AudioPlayer.PlaybackStarted",)),
        ("PlaybackStoppedHandler", ("AudioPlayer.PlaybackStopped",)),
        ("PlaybackNearlyFinishedHandler", ("AudioPlayer.PlaybackNearlyFinished",)),
        ("PlaybackFinishedHandler", ("AudioPlayer.PlaybackFinished",)),
        ("PlaybackFailedHandler", ("AudioPlayer.PlaybackFailed",)),
        (
            "PlaybackControllerHandler",
            (
                "PlaybackController.PlayCommandIssued",
                "PlaybackController.PauseCommandIssued",
                "PlaybackController.NextCommandIssued",
                "PlaybackController.PreviousCommandIssued",
            ),
        ),
        ("SilentEventHandler", ("System.ExceptionEncountered", "SessionEndedRequest")),
    ),
    *_events("privacy", ("SkillDisabledHandler", ("AlexaSkillEvent.SkillDisabled",))),
    # conversation
    *_events("conversation", ("LaunchHandler", ("LaunchRequest",)), feature="launch"),
    *_intents("hours", ("FacilityHoursHandler", HOURS_INTENTS), ("OpenFacilitiesHandler", ("OpenFacilitiesIntent",))),
    *_intents("facilities", ("FacilityDetailsHandler", DETAIL_INTENTS)),
    *_intents(
        "procedures",
        ("IdProcedureHandler", ("IdProcedureIntent",)),
        ("ProcedureYesHandler", YES),
        ("ProcedureNoHandler", ("AMAZON.NoIntent",)),
        (
            "ProcedureFollowUpHandler",
            ("ProcedureDocumentsIntent", "ProcedureCostIntent", "ProcedureWhereIntent", "ProcedureDelayIntent"),
        ),
        ("DontKnowHandler", ("DontKnowIntent", "AMAZON.FallbackIntent")),
    ),
    *_intents(
        "magazine",
        ("MagazineHandler", ("MagazineIntent",)),
        ("MagazineAudioHandler", ("MagazineAudioIntent",)),
        ("MagazineArticleHandler", ("MagazineArticleIntent",)),
        ("NextArticleHandler", ("NextArticleIntent", "AMAZON.NextIntent")),
    ),
    *_intents(
        "media",
        ("PlayPodcastHandler", ("PlayPodcastIntent",)),
        ("ListEpisodesHandler", ("ListEpisodesIntent",)),
        ("EpisodeInfoHandler", ("EpisodeInfoIntent",)),
        ("PlayOfferedEpisodeHandler", YES),
        ("ListOfferedEpisodesHandler", YES),
        ("ChooseListedEpisodeHandler", YES),
    ),
    *_intents("magazine", ("ReadOfferedArticleHandler", YES), ("ReadOfferedSommaireHandler", YES)),
    *_intents("conversation", ("AboutCityHandler", ("AboutCityIntent",)), feature="city"),
    *_intents("conversation", ("SpeechRateHandler", ("SpeechRateIntent",)), feature="speech_rate"),
    # playback intents (may come without the invocation name while audio plays)
    *_intents(
        "playback",
        ("PauseHandler", ("AMAZON.PauseIntent",)),
        ("StopWhilePlayingHandler", STOP),
        ("RepeatWhilePlayingHandler", ("AMAZON.RepeatIntent",)),
        ("ResumeHandler", ("AMAZON.ResumeIntent",)),
        ("NextPreviousHandler", ("AMAZON.NextIntent", "AMAZON.PreviousIntent")),
        ("StartOverHandler", ("AMAZON.StartOverIntent",)),
        (
            "UnsupportedPlaybackHandler",
            ("AMAZON.LoopOnIntent", "AMAZON.LoopOffIntent", "AMAZON.ShuffleOnIntent", "AMAZON.ShuffleOffIntent"),
        ),
    ),
    # built-ins
    *_intents(
        "conversation",
        ("HelpHandler", ("AMAZON.HelpIntent", "AMAZON.NavigateHomeIntent")),
        ("RepeatHandler", ("AMAZON.RepeatIntent",)),
        ("YesNoHandler", ("AMAZON.YesIntent", "AMAZON.NoIntent")),
        ("StopHandler", STOP),
    ),
    *_intents("conversation", ("FallbackHandler", ("AMAZON.FallbackIntent",)), feature="fallback"),
    Route("unknown", "UnknownIntentHandler", any_intent=True, feature="fallback"),  # last: any intent left
)


class Router(AbstractRequestHandler):
    """The one request handler the SDK sees: the first route whose handler can take the request."""

    def __init__(self, routes: tuple[Route, ...]) -> None:
        self._routes = routes
        self._candidates: dict[tuple[str, str | None], tuple[Route, ...]] = {}

    def candidates(self, kind: str, intent: str | None) -> tuple[Route, ...]:
        """The routes that could take a request, in order (worked out once per request kind)."""
        key = (kind, intent)
        found = self._candidates.get(key)
        if found is None:
            found = tuple(route for route in self._routes if route.accepts(kind, intent))
            if len(self._candidates) < 512:  # intent names come from the interaction model: few
                self._candidates[key] = found
        return found

    def can_handle(self, handler_input: HandlerInput) -> bool:
        request = handler_input.request_envelope.request
        kind = str(getattr(request, "object_type", "") or "")
        intent = intent_name(handler_input) if isinstance(request, IntentRequest) else None
        for route in self.candidates(kind, intent):
            if route.handler().can_handle(handler_input):
                handler_input.attributes_manager.request_attributes[_CHOSEN] = route
                return True
        return False

    def handle(self, handler_input: HandlerInput) -> Response | None:
        """The chosen handler's answer; its feature and outcome go to `REPORT` for the log line."""
        attributes: dict[str, Any] = handler_input.attributes_manager.request_attributes
        chosen = attributes.pop(_CHOSEN, None)
        if chosen is None and self.can_handle(handler_input):
            chosen = attributes.pop(_CHOSEN)
        if not isinstance(chosen, Route):
            raise LookupError("no handler takes this request")
        REPORT.feature = chosen.feature
        attributes[ANSWERED_BY] = chosen.name  # the screen follows the handler that answered
        response: Response | None = chosen.handler().handle(handler_input)
        REPORT.outcome = attributes.get(OUTCOME) or ANSWERED
        REPORT.facility = attributes.get(FACILITY)
        return response


class UnderstoodInterceptor(AbstractRequestInterceptor):
    """Any understood intent resets the count of misunderstandings in a row."""

    def process(self, handler_input: HandlerInput) -> None:
        name = intent_name(handler_input)
        attributes = handler_input.attributes_manager.session_attributes if turn_has_session(handler_input) else None
        if name and name != "AMAZON.FallbackIntent" and attributes is not None:
            attributes[MISUNDERSTOOD] = 0


class DialogInterceptor(AbstractRequestInterceptor):
    """`procedures.DialogInterceptor`, its module imported only when a procedure dialog is in the session."""

    def process(self, handler_input: HandlerInput) -> None:
        if not turn_has_session(handler_input):
            return
        attributes = handler_input.attributes_manager.session_attributes
        if attributes and PROCEDURE_CONTEXT in attributes:
            from mairie.alexa import procedures

            procedures.DialogInterceptor().process(handler_input)


def build_skill() -> CustomSkill:
    adapter = build_adapter()
    builder = CustomSkillBuilder(persistence_adapter=adapter) if adapter is not None else CustomSkillBuilder()
    builder.add_request_handler(Router(ROUTES))
    builder.add_global_request_interceptor(UnderstoodInterceptor())
    builder.add_global_request_interceptor(DialogInterceptor())
    builder.add_global_response_interceptor(ScreenInterceptor())
    builder.add_global_response_interceptor(SaveStateInterceptor())
    builder.add_exception_handler(CatchAllExceptionHandler())
    builder.skill_id = os.environ.get("SKILL_ID") or None  # type: ignore[assignment]
    return builder.create()


get_catalogue()  # load the catalogue at cold start, not on the first request
SKILL = build_skill()


def _describe(event: Any) -> tuple[str, str | None, str | None]:
    """Request type, intent name and the request's day (`YYYY-MM-DD`, UTC) from the raw event."""
    request = event.get("request") if isinstance(event, dict) else None
    if not isinstance(request, dict):
        return "?", None, None
    intent = request.get("intent")
    name = intent.get("name") if isinstance(intent, dict) else None
    stamp = request.get("timestamp")
    day = stamp[:10] if isinstance(stamp, str) and _is_day(stamp[:10]) else None
    return str(request.get("type")), str(name) if name else None, day


def _is_day(text: str) -> bool:
    """ "2026-11-26": what is logged of the timestamp (checked, so that nothing else can slip in)."""
    return len(text) == 10 and text[4] == text[7] == "-" and text.replace("-", "").isdigit()


def lambda_handler(event: Any, context: Any) -> dict[str, Any]:
    """AWS Lambda entry point (`lambda_function.lambda_handler`)."""
    started = time.perf_counter()
    kind, intent, day = _describe(event)
    REPORT.clear()
    outcome = None
    try:
        envelope = (
            read_envelope(heard(event))
            if isinstance(event, dict)
            else SERIALIZER.deserialize(json.dumps(event), RequestEnvelope)
        )
        if envelope is None or envelope.request is None:
            raise ValueError("empty request envelope")
        response = SKILL.invoke(request_envelope=envelope, context=context)
        serialized = SERIALIZER.serialize(response)
        result: dict[str, Any] = serialized if isinstance(serialized, dict) else dict(EMPTY_RESPONSE)
    except Exception as error:
        if type(error).__name__ == "AskSdkException" and "Skill ID" in str(error):
            outcome = REFUSED
            raise PermissionError("requête refusée : elle ne vient pas de cette skill") from error
        outcome = ERROR
        LOGGER.error("unreadable request: %s", type(error).__name__)
        from mairie.alexa import unreadable  # only for requests the SDK cannot read

        result = unreadable.response_for(event)
    finally:
        if LOGGER.info_enabled():  # the line is not even built when nobody reads it
            _log_request(kind, intent, outcome or REPORT.outcome or ERROR, day, started)
    return fit_response(result)


def _log_request(kind: str, intent: str | None, outcome: str, day: str | None, started: float) -> None:
    """The request's anonymous line (see `log.py`): no id, no words."""
    line = {
        "request": kind,
        "intent": intent,
        "feature": REPORT.feature,
        "outcome": outcome,
        "facility": REPORT.facility,
        "latency_ms": round((time.perf_counter() - started) * 1000, 1),
        "day": day,
    }
    LOGGER.info(json.dumps(line))
