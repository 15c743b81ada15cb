"""skill.json and fr-FR.json: valid for the Alexa APIs, and samples that follow Alexa's rules."""

from __future__ import annotations

import json
import re
from collections import Counter
from typing import Any

import pytest
from ask_sdk_core.serialize import DefaultSerializer
from tools_support import MANIFEST_PATH, MODEL_PATH, THURSDAY, custom_intents, language_model, load_json, real_resolver

from mairie.tools.builtin_phrases import BUILTIN_PHRASES
from mairie.tools.text import normalise

SERIALIZER = DefaultSerializer()
MODEL_CLASS = "ask_smapi_model.v1.skill.interaction_model.interaction_model_data.InteractionModelData"
MANIFEST_CLASS = "ask_smapi_model.v1.skill.manifest.skill_manifest_envelope.SkillManifestEnvelope"
SLOT = re.compile(r"\{(\w+)\}")
REQUIRED_BUILTINS = {
    "AMAZON.HelpIntent",
    "AMAZON.StopIntent",
    "AMAZON.CancelIntent",
    "AMAZON.FallbackIntent",
    "AMAZON.NavigateHomeIntent",
    "AMAZON.PauseIntent",
    "AMAZON.ResumeIntent",
    "AMAZON.NextIntent",
    "AMAZON.PreviousIntent",
    "AMAZON.StartOverIntent",
    "AMAZON.RepeatIntent",
    "AMAZON.LoopOnIntent",
    "AMAZON.LoopOffIntent",
    "AMAZON.ShuffleOnIntent",
    "AMAZON.ShuffleOffIntent",
    "AMAZON.YesIntent",
    "AMAZON.NoIntent",
}
PROCEDURE_SLOTS = {"document": "DOCUMENT_TYPE", "situation": "SITUATION", "age": "AMAZON.NUMBER", "person": "PERSON"}
EXPECTED_SLOTS = {
    "OpeningHoursIntent": {"facility": "FACILITY", "date": "AMAZON.DATE"},
    "IsOpenIntent": {"facility": "FACILITY", "date": "AMAZON.DATE"},
    "ClosingTimeIntent": {"facility": "FACILITY", "date": "AMAZON.DATE"},
    "NextOpeningIntent": {"facility": "FACILITY"},
    "WeekHoursIntent": {"facility": "FACILITY"},
    "OpenFacilitiesIntent": {"kind": "FACILITY_KIND", "date": "AMAZON.DATE"},
    "FacilityAddressIntent": {"facility": "FACILITY"},
    "FacilityPhoneIntent": {"facility": "FACILITY"},
    "FacilityInfoIntent": {"facility": "FACILITY"},
    "IdProcedureIntent": {**PROCEDURE_SLOTS, "city": "CITY_NAME"},
    "ProcedureDocumentsIntent": PROCEDURE_SLOTS,
    "ProcedureCostIntent": PROCEDURE_SLOTS,
    "ProcedureWhereIntent": {**PROCEDURE_SLOTS, "city": "CITY_NAME"},
    "ProcedureDelayIntent": PROCEDURE_SLOTS,
    "DontKnowIntent": {},
    "MagazineIntent": {"month": "AMAZON.DATE", "magazine": "MAGAZINE_NAME"},
    "MagazineAudioIntent": {"month": "AMAZON.DATE", "magazine": "MAGAZINE_NAME"},
    "MagazineArticleIntent": {"topic": "MAGAZINE_ARTICLE"},
    "NextArticleIntent": {},
    "PlayPodcastIntent": {
        "episode": "EPISODE",
        "guest": "PODCAST_GUEST",
        "number": "AMAZON.NUMBER",
        "position": "EPISODE_POSITION",
        "series": "PODCAST_SERIES",
    },
    "ListEpisodesIntent": {"series": "PODCAST_SERIES"},
    "EpisodeInfoIntent": {},
    "AboutCityIntent": {"city": "CITY_NAME"},
    "SpeechRateIntent": {"rate": "SPEECH_RATE"},
}
HAND_WRITTEN_TYPES = {
    "SITUATION": {"renouvellement", "premiere-demande", "perte-vol"},
    "PERSON": {"enfant", "moi"},
    "EPISODE_POSITION": {"premier", "dernier"},
    "SPEECH_RATE": {"lent", "rapide", "normal"},
}
GENERATED_TYPES = {
    "FACILITY",
    "FACILITY_KIND",
    "DOCUMENT_TYPE",
    "EPISODE",
    "PODCAST_GUEST",
    "CITY_NAME",
    "MAGAZINE_ARTICLE",
    "MAGAZINE_NAME",
    "PODCAST_SERIES",
}


def _round_trip(path_text: str, cls: str) -> tuple[Any, dict[str, Any]]:
    obj = SERIALIZER.deserialize(path_text, cls)
    back: Any = SERIALIZER.serialize(obj)
    return obj, back


def test_the_interaction_model_loads_into_the_smapi_model_and_round_trips() -> None:
    text = MODEL_PATH.read_text(encoding="utf-8")
    obj, back = _round_trip(text, MODEL_CLASS)
    assert back == json.loads(text), "a key of fr-FR.json is unknown to ask_smapi_model (silently dropped)"
    language = obj.interaction_model.language_model
    assert language.invocation_name == "la mairie d'issy"
    assert language.model_configuration.fallback_intent_sensitivity.level.value == "LOW"


def test_the_manifest_loads_into_the_smapi_model_and_round_trips() -> None:
    text = MANIFEST_PATH.read_text(encoding="utf-8")
    obj, back = _round_trip(text, MANIFEST_CLASS)
    assert back == json.loads(text), "a key of skill.json is unknown to ask_smapi_model (silently dropped)"
    manifest = obj.manifest
    assert manifest.manifest_version.value == "1.0"
    assert [i.object_type for i in manifest.apis.custom.interfaces] == ["AUDIO_PLAYER", "ALEXA_PRESENTATION_APL"]
    assert manifest.apis.custom.endpoint is None, "ask-cli fills the endpoint"
    assert [s.event_name.value for s in manifest.events.subscriptions] == ["SKILL_DISABLED"]


def test_manifest_publishing_information() -> None:
    manifest = load_json(MANIFEST_PATH)["manifest"]
    publishing = manifest["publishingInformation"]
    locale = publishing["locales"]["fr-FR"]
    assert locale["name"] == "la Mairie d'Issy"
    assert locale["examplePhrases"][0] == "Alexa, ouvre la mairie d'issy"
    assert len(locale["examplePhrases"]) == 3
    assert locale["smallIconUri"].startswith("https://")
    assert locale["largeIconUri"].startswith("https://")
    assert publishing["distributionCountries"] == ["FR"]
    assert publishing["isAvailableWorldwide"] is False
    privacy = manifest["privacyAndCompliance"]
    assert privacy["isExportCompliant"] is True
    flags = ("allowsPurchases", "usesPersonalInfo", "isChildDirected", "containsAds", "usesHealthInfo")
    assert not any(privacy[flag] for flag in flags)
    assert privacy["locales"]["fr-FR"]["privacyPolicyUrl"].startswith("https://www.issy.com/")


@pytest.mark.parametrize(
    "phrase", load_json(MANIFEST_PATH)["manifest"]["publishingInformation"]["locales"]["fr-FR"]["examplePhrases"]
)
def test_example_phrases_work(phrase: str) -> None:
    resolution = real_resolver().resolve(phrase, THURSDAY)
    assert resolution.intent != "AMAZON.FallbackIntent"
    assert resolution.kind == "launch" or resolution.one_shot


def test_intents_and_slots_have_the_names_the_handlers_use() -> None:
    declared = {i["name"]: {s["name"]: s["type"] for s in i.get("slots", [])} for i in language_model()["intents"]}
    for intent, slots in EXPECTED_SLOTS.items():
        assert declared.get(intent) == slots, intent
    assert set(declared) >= REQUIRED_BUILTINS
    assert set(declared) == set(EXPECTED_SLOTS) | REQUIRED_BUILTINS


@pytest.mark.parametrize("intent", [i["name"] for i in custom_intents()])
def test_custom_intents_have_many_samples(intent: str) -> None:
    samples = next(i["samples"] for i in custom_intents() if i["name"] == intent)
    assert len(samples) >= 8


def _all_samples() -> list[tuple[str, str]]:
    return [(i["name"], s) for i in language_model()["intents"] for s in i.get("samples", [])]


def _sample_problems(sample: str) -> list[str]:
    problems = []
    words = SLOT.sub("", sample)
    if any(not (c.isalpha() or c in " '-") for c in words):
        problems.append("only letters, spaces, apostrophes and hyphens")
    if sample != sample.strip() or "  " in sample:
        problems.append("single spaces, no leading or trailing space")
    if re.search(r"(^|[^\w])['-]|['-]($|[^\w])", words.replace("{", "").replace("}", "")):
        problems.append("apostrophes and hyphens only inside words")
    if re.search(r"[^ ]\{|\}[^ ]", sample):
        problems.append("slots stand alone, between spaces")
    if sample != sample.lower() and SLOT.sub("", sample) != SLOT.sub("", sample).lower():
        problems.append("lower case")
    names = SLOT.findall(sample)
    if len(names) != len(set(names)):
        problems.append("a slot at most once")
    return problems


def test_sample_rules() -> None:
    problems = {f"{intent}: {sample}": _sample_problems(sample) for intent, sample in _all_samples()}
    assert {sample: found for sample, found in problems.items() if found} == {}


@pytest.mark.parametrize(
    "bad", ["quels sont les horaires?", "épisode 3", "l'{facility}", "{a} et {a}", "horaires -{facility}", "Quels"]
)
def test_the_sample_rules_catch_mistakes(bad: str) -> None:
    assert _sample_problems(bad)


def test_no_sample_is_shared_by_two_intents() -> None:
    owners: dict[str, set[str]] = {}
    for intent, sample in _all_samples():
        owners.setdefault(sample.lower(), set()).add(intent)
    assert {s: o for s, o in owners.items() if len(o) > 1} == {}


def test_no_two_intents_share_a_sample_once_normalised() -> None:
    """« et pour la {facility} » and « et pour le {facility} » read the same to the local resolver: fine
    within one intent (Alexa hears the article), ambiguous across two."""
    owners: dict[str, set[str]] = {}
    for intent, sample in _all_samples():
        owners.setdefault(normalise(sample), set()).add(intent)
    assert {sample: found for sample, found in owners.items() if len(found) > 1} == {}


def test_builtin_phrases_do_not_collide_with_other_intents() -> None:
    owner = {normalise(sample): intent for intent, sample in _all_samples()}
    for intent, phrases in BUILTIN_PHRASES.items():
        for phrase in phrases:
            assert owner.get(normalise(phrase), intent) == intent, phrase


def test_slots_used_and_declared() -> None:
    types = {t["name"] for t in language_model()["types"]}
    for intent in language_model()["intents"]:
        declared = {s["name"]: s["type"] for s in intent.get("slots", [])}
        used = {name for sample in intent.get("samples", []) for name in SLOT.findall(sample)}
        assert used <= set(declared), f"{intent['name']}: undeclared {used - set(declared)}"
        assert set(declared) <= used, f"{intent['name']}: never used in a sample {set(declared) - used}"
        for slot_type in declared.values():
            assert slot_type.startswith("AMAZON.") or slot_type in types, slot_type


def test_every_custom_type_is_used_and_has_values() -> None:
    used = {s["type"] for i in language_model()["intents"] for s in i.get("slots", [])}
    for slot_type in language_model()["types"]:
        assert slot_type["name"] in used, slot_type["name"]
        assert slot_type["values"], slot_type["name"]
    assert {t["name"] for t in language_model()["types"]} == GENERATED_TYPES | set(HAND_WRITTEN_TYPES)


@pytest.mark.parametrize(("name", "ids"), HAND_WRITTEN_TYPES.items())
def test_hand_written_types(name: str, ids: set[str]) -> None:
    values = next(t["values"] for t in language_model()["types"] if t["name"] == name)
    assert {v["id"] for v in values} == ids
    spoken: dict[str, str] = {}
    for value in values:
        for phrase in [value["name"]["value"], *value["name"].get("synonyms", [])]:
            key = normalise(phrase)
            assert spoken.setdefault(key, value["id"]) == value["id"], f"{phrase!r} means two values"


def test_the_invocation_name_follows_the_fr_fr_rules() -> None:
    """The generated invocation name passes the same rules `mairie validate` applies to city.yaml."""
    from mairie.catalogue.reading.city import parse_invocation

    name = language_model()["invocationName"]
    assert parse_invocation(name) == name


@pytest.mark.parametrize(
    "bad", ["mairie", "La Mairie d'Issy", "ouvre la mairie", "demande à la mairie", "alexa mairie", "la mairie"]
)
def test_the_invocation_rules_catch_mistakes(bad: str) -> None:
    from mairie.catalogue.reading.city import parse_invocation
    from mairie.catalogue.reading.values import BadValue

    with pytest.raises(BadValue):
        parse_invocation(bad)


@pytest.mark.parametrize("intent", [i["name"] for i in custom_intents()])
def test_custom_intents_have_varied_samples(intent: str) -> None:
    """Not one sentence with small changes: several openings, many words, distinct shapes."""
    samples = next(i["samples"] for i in custom_intents() if i["name"] == intent)
    openings = {sample.split()[0] for sample in samples}
    words = {word for sample in samples for word in SLOT.sub(" ", sample).split()}
    shapes = {SLOT.sub("{}", sample) for sample in samples}
    assert len(openings) >= 3, openings
    assert len(words) >= 12, words
    assert len(shapes) >= 0.9 * len(samples)


@pytest.mark.parametrize("intent", [i["name"] for i in custom_intents() if i.get("slots")])
def test_each_slot_appears_in_several_samples(intent: str) -> None:
    found = next(i for i in custom_intents() if i["name"] == intent)
    uses = Counter(name for sample in found["samples"] for name in SLOT.findall(sample))
    assert {slot["name"]: uses[slot["name"]] >= 2 for slot in found["slots"]} == {
        slot["name"]: True for slot in found["slots"]
    }


def test_every_slot_the_skill_elicits_is_required_with_its_question() -> None:
    from mairie.alexa.procedures import DOCUMENT_SLOT
    from mairie.domain.procedures import Detail
    from mairie.tools.model_limits import dialog_problems

    model = load_json(MODEL_PATH)
    assert dialog_problems(model) == []
    dialog = {intent["name"]: intent for intent in model["interactionModel"]["dialog"]["intents"]}
    assert dialog["IdProcedureIntent"]["delegationStrategy"] == "SKILL_RESPONSE"  # Alexa never asks on its own
    required = {slot["name"] for slot in dialog["IdProcedureIntent"]["slots"] if slot["elicitationRequired"]}
    assert {DOCUMENT_SLOT, *(detail.value for detail in Detail)} <= required


def test_the_build_refuses_an_elicited_slot_that_is_not_required() -> None:
    from mairie.tools.model_limits import dialog_problems

    model = load_json(MODEL_PATH)
    for slot in model["interactionModel"]["dialog"]["intents"][0]["slots"]:
        slot["elicitationRequired"] = False
    problems = dialog_problems(model)
    assert problems[0] == (
        "dialogue de IdProcedureIntent : la case « document » a une question (la skill la demande avec "
        'Dialog.ElicitSlot) mais n\'est pas obligatoire ; mettez "elicitationRequired": true.'
    )
    assert problems[-1] == (
        "dialogue de IdProcedureIntent : aucune case obligatoire ; les appareils refusent alors Dialog.ElicitSlot."
    )
