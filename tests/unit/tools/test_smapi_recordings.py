"""The recorded SMAPI answers the tests of `mairie phrases` and `mairie calibrer` replay follow
Amazon's documented format: Amazon's own SMAPI model (ask-smapi-model, generated from the SMAPI
specification) reads each one and writes it back unchanged, so no key is misspelt or invented.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
from ask_sdk_model_runtime.exceptions import SerializationException
from ask_sdk_model_runtime.serializer import DefaultSerializer

RECORDINGS = Path(__file__).resolve().parents[2] / "fixtures" / "smapi"
HISTORY = "ask_smapi_model.v1.skill.history.intent_requests.IntentRequests"
PROFILE = "ask_smapi_model.v1.skill.evaluations.profile_nlu_response.ProfileNluResponse"
SERIALIZER = DefaultSerializer()


def round_trip(body: dict[str, Any], model: str) -> Any:
    return SERIALIZER.serialize(SERIALIZER.deserialize(json.dumps(body), model))


def load(name: str) -> Any:
    return json.loads((RECORDINGS / name).read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", ["intent_requests_page1.json", "intent_requests_page2.json"])
def test_history_pages_follow_the_smapi_model(name: str) -> None:
    page = load(name)
    # The model's IntentRequestLocales (2023) lists en-US, en-GB, en-IN, en-CA, en-AU, de-DE and ja-JP only:
    # the one field checked apart is the locale, against the skill's own.
    readable = copy.deepcopy(page)
    for item in readable["items"]:
        assert item["locale"] in ("fr-FR", "en-GB")
        item["locale"] = "en-US" if item["locale"] == "fr-FR" else item["locale"]
    assert round_trip(readable, HISTORY) == readable


def test_the_model_does_not_list_french_for_the_intent_history() -> None:
    """Why `mairie phrases` filters the locale itself instead of asking SMAPI to (`--locale fr-FR`)."""
    page = load("intent_requests_page1.json")
    with pytest.raises(SerializationException, match="'fr-FR' is not a valid IntentRequestLocales"):
        round_trip(page, HISTORY)


@pytest.mark.parametrize("sentence", list(load("profile_nlu.json")))
def test_profiler_answers_follow_the_smapi_model(sentence: str) -> None:
    answer = load("profile_nlu.json")[sentence]
    assert round_trip(answer, PROFILE) == answer
