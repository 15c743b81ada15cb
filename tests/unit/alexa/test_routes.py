"""The handler routes of `mairie.alexa.skill`: every handler is routed, with the requests it declares."""

from __future__ import annotations

import importlib
import inspect
from pathlib import Path

from ask_sdk_core.dispatch_components import AbstractRequestHandler
from tests.skill.envelopes import launch
from tests.unit.test_lambda_imports import run_fresh

from mairie.alexa import base, conversation, hours, procedures, skill
from mairie.alexa.unknown import UnknownIntentHandler

FEATURES = ("conversation", "facilities", "hours", "magazine", "media", "playback", "privacy", "procedures", "unknown")
LAZY = (
    "mairie.alexa.hours",
    "mairie.alexa.facilities",
    "mairie.alexa.procedures",
    "mairie.alexa.magazine",
    "mairie.alexa.media",
)


def handler_classes() -> set[tuple[str, str]]:
    found = set()
    for module_name in FEATURES:
        module = importlib.import_module(f"mairie.alexa.{module_name}")
        for name, value in vars(module).items():
            if (
                inspect.isclass(value)
                and issubclass(value, AbstractRequestHandler)
                and value.__module__ == module.__name__
                and not inspect.isabstract(value)
            ):
                found.add((module_name, name))
    return found


def test_every_handler_is_routed_once() -> None:
    routed = [(route.module, route.name) for route in skill.ROUTES]
    assert len(routed) == len(set(routed))
    assert set(routed) == handler_classes()


def test_each_route_names_the_requests_its_handler_declares() -> None:
    for route in skill.ROUTES:
        handler = route.handler()
        assert type(handler).__name__ == route.name
        if isinstance(handler, UnknownIntentHandler):
            assert route.any_intent
        elif isinstance(handler, base.IntentHandler):
            assert route.intents == frozenset(type(handler).intents), route.name
            assert not route.request_types and not route.any_intent
        else:
            assert isinstance(handler, base.RequestTypeHandler)
            assert route.request_types == frozenset(type(handler).request_types), route.name
            assert not route.intents and not route.any_intent


def test_the_unknown_intent_handler_comes_last_and_yes_goes_to_offers_first() -> None:
    assert skill.ROUTES[-1].name == "UnknownIntentHandler"
    yes = [route.name for route in skill.Router(skill.ROUTES).candidates("IntentRequest", "AMAZON.YesIntent")]
    assert yes == [
        "ProcedureYesHandler",
        "PlayOfferedEpisodeHandler",
        "ListOfferedEpisodesHandler",
        "ChooseListedEpisodeHandler",
        "ReadOfferedArticleHandler",
        "ReadOfferedSommaireHandler",
        "YesNoHandler",
        "UnknownIntentHandler",
    ]


def test_every_feature_logged_has_a_french_name_for_staff() -> None:
    from mairie.tools.usage.labels import FEATURES as NAMED

    assert {route.feature for route in skill.ROUTES} <= set(NAMED)


def test_constants_copied_to_keep_modules_unimported_match_their_source() -> None:
    assert skill.HOURS_INTENTS == hours.HOURS_INTENTS
    assert skill.PROCEDURE_CONTEXT == procedures.CONTEXT
    assert skill.MISUNDERSTOOD == conversation.MISUNDERSTOOD


def test_a_cold_start_on_launch_imports_no_other_feature_nor_the_screen_model(tmp_path: Path) -> None:
    answered = run_fresh(tmp_path, [launch()])
    assert answered["answers"][0]["response"]["outputSpeech"]["ssml"].startswith("<speak>")
    modules = set(answered["modules"])
    assert "mairie.alexa.conversation" in modules
    assert not modules & {*LAZY, "ask_sdk_model.interfaces.alexa.presentation.apl", "mairie.voice.screens"}
