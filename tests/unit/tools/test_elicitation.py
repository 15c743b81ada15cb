"""The local tools answer a Dialog.ElicitSlot like Alexa: the next utterance fills the elicited slot
(through the slot's samples), with the slots already known and dialogState IN_PROGRESS."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from tools_support import MODEL_PATH, THURSDAY, custom_intents, load_json

from mairie.tools.conversation import Conversation, elicitation_of
from mairie.tools.envelopes import Caller
from mairie.tools.local_skill import LocalSkill, import_lambda_handler
from mairie.tools.resolver import Resolver

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS)
INTENT = "IdProcedureIntent"


def ids(resolution: Any) -> dict[str, str | None]:
    return {name: slot.id or slot.value for name, slot in resolution.filled.items()}


@pytest.mark.parametrize(
    ("slot", "text", "expected"),
    [
        ("document", "un passeport", {"document": "passeport"}),
        ("document", "c'est pour la carte d'identité", {"document": "carte-identite"}),
        ("situation", "une première demande", {"situation": "premiere-demande"}),
        ("situation", "je l'ai perdue", {"situation": "perte-vol"}),
        ("situation", "après un vol", {"situation": "perte-vol"}),
        ("person", "pour mon fils", {"person": "enfant"}),
        ("person", "c'est pour moi", {"person": "moi"}),
        ("age", "il a dix ans", {"age": "10"}),
        ("age", "16", {"age": "16"}),
    ],
)
def test_an_answer_fills_the_elicited_slot(resolver: Resolver, slot: str, text: str, expected: dict[str, str]) -> None:
    resolution = resolver.resolve_elicited(text, INTENT, slot, {}, THURSDAY)
    assert resolution is not None
    assert resolution.intent == INTENT
    assert ids(resolution) == expected


def test_the_slots_already_known_come_back_resolved(resolver: Resolver) -> None:
    known = {"document": "passeport", "situation": None, "age": None, "person": "mon fils"}
    resolution = resolver.resolve_elicited("elle a 12 ans", INTENT, "age", known, THURSDAY)
    assert resolution is not None
    assert ids(resolution) == {"document": "passeport", "person": "enfant", "age": "12"}
    assert resolution.slots["document"].status == "ER_SUCCESS_MATCH"


@pytest.mark.parametrize("text", ["je ne sais pas", "quelle heure est-il", "un permis de conduire"])
def test_what_does_not_fit_the_slot_is_resolved_as_usual(resolver: Resolver, text: str) -> None:
    assert resolver.resolve_elicited(text, INTENT, "situation", {}, THURSDAY) is None


def test_the_dialog_model_is_read(resolver: Resolver) -> None:
    assert resolver.dialog_intents == frozenset({INTENT})


def test_elicitation_of_a_response() -> None:
    response = {
        "response": {
            "directives": [
                {
                    "type": "Dialog.ElicitSlot",
                    "slotToElicit": "age",
                    "updatedIntent": {
                        "name": INTENT,
                        "slots": {"document": {"name": "document", "value": "passeport"}},
                    },
                }
            ]
        }
    }
    assert elicitation_of(response) == (INTENT, "age", {"document": "passeport"})
    assert elicitation_of({"response": {"directives": [{"type": "AudioPlayer.Stop"}]}}) is None


@pytest.fixture()
def conversation(resolver: Resolver) -> Conversation:
    skill = LocalSkill(resolver, import_lambda_handler(), PARIS)
    return Conversation(skill, Caller(user="elicitation", device="voice"))


def test_the_round_trip_with_the_real_skill(conversation: Conversation) -> None:
    # given a general question: the steps every case shares come first, then one question
    first = conversation.speak("comment faire un passeport", NOW)
    assert first.request["request"]["dialogState"] == "STARTED"
    assert first.lines[0].startswith("Pour votre passeport, faites d'abord la pré-demande en ligne")
    assert first.lines[0].endswith(
        "Est-ce pour un renouvellement, une première demande, ou après une perte ou un vol ?"
    )
    # when the answer to the question comes: the dialog goes on, and the case is answered at once
    second = conversation.speak("je l'ai perdu", NOW)
    request = second.request["request"]
    assert request["dialogState"] == "IN_PROGRESS"
    assert request["intent"]["name"] == INTENT
    slots = request["intent"]["slots"]
    assert slots["document"]["value"] == "passeport"
    assert slots["situation"]["resolutions"]["resolutionsPerAuthority"][0]["values"][0]["value"]["id"] == "perte-vol"
    assert second.request["session"]["new"] is False
    assert "Il faut un timbre fiscal de 86 euros." in second.lines[0]
    assert conversation.elicitation is None


def test_a_child_without_age_hears_the_prices_by_age_then_gives_the_age(conversation: Conversation) -> None:
    first = conversation.speak("comment faire le passeport de ma fille", NOW)
    assert "42 euros de 15 à 17 ans" in first.lines[0]
    assert first.lines[0].endswith("Quel âge a l'enfant ?")
    answer = conversation.speak("elle a 9 ans", NOW)
    assert answer.request["request"]["intent"]["slots"]["age"]["value"] == "9"
    assert "Il faut un timbre fiscal de 17 euros." in answer.lines[0]
    assert conversation.elicitation is None


def test_i_dont_know_during_the_dialog(conversation: Conversation) -> None:
    conversation.speak("comment faire une carte d'identité", NOW)
    answer = conversation.speak("je ne sais pas", NOW)
    assert answer.request["request"]["intent"]["name"] == "DontKnowIntent"
    assert "dialogState" not in answer.request["request"]
    assert answer.lines[0].startswith("Ce n'est pas grave, voici l'essentiel. Pour votre carte d'identité,")


def test_silence_hears_the_general_answer_then_the_session_ends(conversation: Conversation) -> None:
    conversation.speak("comment faire un passeport", NOW)
    lines, _ = conversation.silence(NOW)
    assert lines[0].startswith("Pour votre passeport, faites d'abord la pré-demande en ligne sur le site ants.gouv.fr")
    assert lines[0].endswith(
        "dites-moi : est-ce pour un renouvellement, une première demande, ou après une perte ou un vol ?"
    )
    assert conversation.session is not None and conversation.elicitation is not None
    lines, warnings = conversation.silence(NOW)
    assert lines == ["(fin de la session : pas de réponse)"]
    assert warnings == []
    assert conversation.session is None and conversation.elicitation is None


def test_after_the_reprompt_the_answer_still_fills_the_slot(conversation: Conversation) -> None:
    conversation.speak("comment faire un passeport", NOW)
    conversation.silence(NOW)
    answer = conversation.speak("un renouvellement", NOW)
    assert answer.request["request"]["dialogState"] == "IN_PROGRESS"
    assert answer.lines[0].startswith("Pour votre passeport, faites la pré-demande sur ants.gouv.fr")
    assert "86 euros" in answer.lines[0]


SLOT_EXAMPLES = {"document": "passeport", "situation": "perdu", "person": "mon fils", "age": "dix"}
SLOT_IDS = {"document": "passeport", "situation": "perte-vol", "person": "enfant", "age": "10"}


def _slot_samples() -> list[tuple[str, str]]:
    procedure = next(i for i in custom_intents() if i["name"] == INTENT)
    return [(s["name"], sample) for s in procedure["slots"] for sample in s.get("samples", [])]


@pytest.mark.parametrize(("slot", "sample"), _slot_samples())
def test_every_slot_sample_fills_its_slot(resolver: Resolver, slot: str, sample: str) -> None:
    # an answer may name other slots too (« c'est pour le passeport de mon fils »): they are filled as well
    named = [name for name in SLOT_EXAMPLES if "{" + name + "}" in sample]
    text = sample
    for name in named:
        text = text.replace("{" + name + "}", SLOT_EXAMPLES[name])
    resolution = resolver.resolve_elicited(text, INTENT, slot, {}, THURSDAY)
    assert resolution is not None, text
    assert ids(resolution) == {name: SLOT_IDS[name] for name in named}


def test_every_elicited_slot_has_samples_and_a_prompt() -> None:
    model = load_json(MODEL_PATH)["interactionModel"]
    samples = dict(_slot_samples())
    dialog = next(i for i in model["dialog"]["intents"] if i["name"] == INTENT)
    prompts = {p["id"] for p in model["prompts"]}
    assert {s["name"] for s in dialog["slots"]} == {"document", "situation", "person", "age"} == set(samples)
    assert all(s["prompts"]["elicitation"] in prompts for s in dialog["slots"])
    assert dialog["delegationStrategy"] == "SKILL_RESPONSE"
