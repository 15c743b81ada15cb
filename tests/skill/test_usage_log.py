"""The per-request log line as `mairie stats` reads it: which feature, what became of the request,
the facility concerned (its catalogue id), and never who asked or what they said.

Every line is checked value by value against closed sets (request types, the model's intent names,
features, outcomes, catalogue ids, a day): a line cannot carry free text, whatever was said.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mairie.alexa import conversation, log, skill
from mairie.tools.conversation import Conversation
from mairie.tools.envelopes import Caller
from mairie.tools.local_skill import LocalSkill
from tests.phrases.corpus import NOW, load_corpus, open_commune_skill
from tests.skill.envelopes import FIXTURES, fixture, intent, launch, send, slot

ROOT = Path(__file__).resolve().parents[2]
MODEL = ROOT / "skill-package" / "interactionModels" / "custom" / "fr-FR.json"
KEYS = {"request", "intent", "feature", "outcome", "facility", "latency_ms", "day"}
FEATURES = {route.feature for route in skill.ROUTES}
SECRET = "Mademoiselle Zéphyrine Quetzalcoatl"
FACILITY_IDS = {
    "etat-civil",
    "mairie",
    "mediatheque-centre-ville",
    "piscine-aquazena",
    "piscine-sevestre",
    "musee-carte-a-jouer",
    "parc-ile-saint-germain",
}
REQUEST_TYPES = {kind for route in skill.ROUTES for kind in route.request_types} | {"IntentRequest"}


def model_intents() -> set[str]:
    model = json.loads(MODEL.read_text(encoding="utf-8"))
    return {i["name"] for i in model["interactionModel"]["languageModel"]["intents"]}


def log_lines(caplog: pytest.LogCaptureFixture) -> list[dict[str, Any]]:
    return [json.loads(r.getMessage()) for r in caplog.records if r.name == "mairie" and r.getMessage().startswith("{")]


def logged(caplog: pytest.LogCaptureFixture, event: dict[str, Any]) -> dict[str, Any]:
    """The one line logged for `event`."""
    caplog.clear()
    with caplog.at_level(logging.INFO):
        send(event)
    lines = log_lines(caplog)
    assert len(lines) == 1
    return lines[0]


def facility(facility_id: str | None, said: str) -> dict[str, Any]:
    return slot("facility", said, facility_id, "FACILITY")


def assert_anonymous(line: dict[str, Any], intents: set[str], facility_ids: set[str]) -> None:
    """Every value of the line is from a closed set: no room for an id or a word said."""
    assert set(line) == KEYS
    assert line["request"] in REQUEST_TYPES | {"?"}
    assert line["intent"] is None or line["intent"] in intents
    assert line["feature"] is None or line["feature"] in FEATURES
    assert line["outcome"] in log.OUTCOMES
    assert line["facility"] is None or line["facility"] in facility_ids
    assert isinstance(line["latency_ms"], float)
    assert line["day"] is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", line["day"])


# --- what became of the request ------------------------------------------------------------------


def test_an_answer_is_logged_with_its_feature_and_the_requests_day(caplog: pytest.LogCaptureFixture) -> None:
    line = logged(caplog, intent("IsOpenIntent", [facility("etat-civil", "l'état civil")], at="2026-11-26T16:00:00Z"))
    assert line["feature"] == "hours"
    assert line["outcome"] == "answered"
    assert line["facility"] is None
    assert line["day"] == "2026-11-26"
    assert logged(caplog, launch())["feature"] == "launch"


def test_a_facility_without_hours_is_logged_by_its_catalogue_id(caplog: pytest.LogCaptureFixture) -> None:
    line = logged(caplog, intent("OpeningHoursIntent", [facility("mediatheque-centre-ville", "la médiathèque")]))
    assert (line["outcome"], line["facility"]) == ("hours_unknown", "mediatheque-centre-ville")


def test_a_kind_whose_facilities_all_lack_hours_is_hours_unknown(caplog: pytest.LogCaptureFixture) -> None:
    line = logged(caplog, intent("OpenFacilitiesIntent", [slot("kind", "piscines", "piscine", "FACILITY_KIND")]))
    assert (line["outcome"], line["facility"]) == ("hours_unknown", "piscine-aquazena")


def test_an_unknown_facility_is_logged_without_the_name_said(caplog: pytest.LogCaptureFixture) -> None:
    line = logged(caplog, intent("IsOpenIntent", [facility(None, SECRET)]))
    assert (line["feature"], line["outcome"], line["facility"]) == ("hours", "facility_unknown", None)
    assert "Zéphyrine" not in json.dumps(line, ensure_ascii=False)
    line = logged(caplog, intent("FacilityPhoneIntent", [facility(None, SECRET)]))
    assert (line["feature"], line["outcome"]) == ("facilities", "facility_unknown")
    line = logged(caplog, intent("OpenFacilitiesIntent", [slot("kind", SECRET, None, "FACILITY_KIND")]))
    assert line["outcome"] == "facility_unknown"


def test_no_facility_named_is_an_ordinary_question_back(caplog: pytest.LogCaptureFixture) -> None:
    assert logged(caplog, intent("IsOpenIntent"))["outcome"] == "answered"


def test_answers_from_example_entries_are_logged_as_such(caplog: pytest.LogCaptureFixture) -> None:
    line = logged(caplog, intent("IsOpenIntent", [facility("mairie", "la mairie")]))
    assert (line["outcome"], line["facility"]) == ("example_content", "mairie")  # content/ marks it exemple
    assert logged(caplog, intent("MagazineIntent"))["outcome"] == "example_content"
    podcast = logged(caplog, intent("PlayPodcastIntent"))
    assert (podcast["feature"], podcast["outcome"]) == ("media", "example_content")


def test_not_understood_is_logged_for_the_fallback_and_unknown_intents(caplog: pytest.LogCaptureFixture) -> None:
    line = logged(caplog, intent("AMAZON.FallbackIntent"))
    assert (line["feature"], line["outcome"]) == ("fallback", "not_understood")
    line = logged(caplog, intent("IntentionInconnue", [slot("texte", SECRET)]))
    assert (line["feature"], line["outcome"]) == ("fallback", "not_understood")


def test_a_failing_handler_is_logged_as_an_error_of_its_feature(
    caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(self: object, handler_input: object) -> None:
        raise ValueError(SECRET)

    monkeypatch.setattr(conversation.HelpHandler, "handle", broken)
    line = logged(caplog, intent("AMAZON.HelpIntent"))
    assert (line["feature"], line["outcome"]) == ("conversation", "error")


def test_nothing_carries_over_from_one_request_to_the_next(caplog: pytest.LogCaptureFixture) -> None:
    logged(caplog, intent("OpeningHoursIntent", [facility("mediatheque-centre-ville", "la médiathèque")]))
    line = logged(caplog, intent("AMAZON.HelpIntent"))
    assert (line["outcome"], line["facility"]) == ("answered", None)


# --- no personal data, ever ----------------------------------------------------------------------


def test_no_line_of_any_fixture_request_holds_an_id_or_the_words_said(
    caplog: pytest.LogCaptureFixture, user: str
) -> None:
    """Every captured envelope, and every intent of the model with each of its slots filled with
    words, under a user, session and device id that would stand out in a line."""
    events = [fixture(path.stem) for path in sorted(FIXTURES.glob("*.json"))]
    model = json.loads(MODEL.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]
    for declared in model["intents"]:
        slots = [slot(s["name"], SECRET, None, s["type"]) for s in declared.get("slots", [])]
        events.append(intent(declared["name"], slots, user=user))
    ids: set[str] = set()
    for event in events:
        event["context"]["System"]["user"]["userId"] = f"amzn1.ask.account.{user}"
        ids |= {event["context"]["System"]["device"]["deviceId"], event["request"]["requestId"]}
        if "session" in event:
            event["session"]["user"]["userId"] = f"amzn1.ask.account.{user}"
            ids.add(event["session"]["sessionId"])
    with caplog.at_level(logging.INFO):
        for event in events:
            send(event)
    text = "\n".join(record.getMessage() for record in caplog.records)
    for personal in (user, "Zéphyrine", "Quetzalcoatl", *ids):
        assert personal not in text
    lines = log_lines(caplog)
    assert len(lines) == len(events)
    for line in lines:
        assert_anonymous(line, model_intents(), FACILITY_IDS)


@pytest.fixture(scope="module")
def commune_skill() -> Iterator[LocalSkill]:
    yield from open_commune_skill()


def test_no_line_for_any_phrasing_of_the_corpus_holds_what_was_said(
    commune_skill: LocalSkill, caplog: pytest.LogCaptureFixture
) -> None:
    """The 500-odd sentences of the phrasing corpus, understood and answered as on a device."""
    corpus = load_corpus()
    conversation = Conversation(commune_skill, Caller(user="corpus-log"))
    with caplog.at_level(logging.INFO):
        for phrasing in corpus:
            caplog.clear()
            conversation.speak(phrasing.sentence, NOW)
            lines = log_lines(caplog)
            assert lines, phrasing.label
            for line in lines:
                assert_anonymous(line, model_intents(), FACILITY_IDS)
                assert phrasing.sentence not in json.dumps(line, ensure_ascii=False)
