"""The local resolver understands residents like Alexa would, on the real interaction model."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

import pytest
from tools_support import THURSDAY, custom_intents, language_model, slot_types

from mairie.tools.builtin_phrases import BUILTIN_PHRASES
from mairie.tools.resolver import Resolver

BUILTIN_SLOT_VALUES = {"AMAZON.NUMBER": ("douze", "12"), "AMAZON.DATE": ("demain", "2026-11-27")}
SLOT = re.compile(r"\{(\w+)\}")


def _custom_value(slot_type: str, variant: str) -> tuple[str, str]:
    """A spoken value of a custom type and the id it must resolve to."""
    values = slot_types()[slot_type]
    if variant == "first":
        entry = values[0]
        return entry["name"]["value"], entry["id"]
    entry = values[-1]
    spoken = (entry["name"].get("synonyms") or [entry["name"]["value"]])[-1]
    return spoken, entry["id"]


SAMPLES_PER_INTENT = 40
"""The model holds thousands of samples per intent (drawn from `phrases/`): a spread of them, the
same every run, is resolved here (first ones, then every n-th)."""


def _spread(samples: list[str]) -> list[str]:
    if len(samples) <= SAMPLES_PER_INTENT:
        return samples
    step = len(samples) / SAMPLES_PER_INTENT
    return [samples[int(i * step)] for i in range(SAMPLES_PER_INTENT)]


def _filled_samples() -> list[Any]:
    cases = []
    for intent in custom_intents():
        types = {s["name"]: s["type"] for s in intent.get("slots", [])}
        for sample in _spread(intent["samples"]):
            for variant in ("first", "last") if SLOT.search(sample) else ("first",):
                expected: dict[str, str] = {}

                def fill(
                    match: re.Match[str],
                    variant: str = variant,
                    expected: dict[str, str] = expected,
                    types: dict[str, str] = types,
                ) -> str:
                    name = match.group(1)
                    slot_type = types[name]
                    if slot_type in BUILTIN_SLOT_VALUES:
                        spoken, value = BUILTIN_SLOT_VALUES[slot_type]
                    else:
                        spoken, value = _custom_value(slot_type, variant)
                    expected[name] = value
                    return spoken

                text = SLOT.sub(fill, sample)
                cases.append(pytest.param(intent["name"], text, expected, id=f"{intent['name']}|{variant}|{sample}"))
    return cases


@pytest.mark.parametrize(("intent", "text", "expected"), _filled_samples())
def test_every_sample_resolves_to_its_intent_with_its_slots(
    resolver: Resolver, intent: str, text: str, expected: dict[str, str]
) -> None:
    resolution = resolver.resolve(text, THURSDAY)
    assert resolution.kind == "intent"
    assert resolution.intent == intent, f"{text!r} → {resolution.intent} (sample {resolution.sample!r})"
    for name, value in expected.items():
        slot = resolution.slots[name]
        if slot.is_custom:
            assert slot.status == "ER_SUCCESS_MATCH", f"{name} = {slot.value!r} not resolved in {text!r}"
            assert value in [v.id for v in slot.values], f"{name} = {slot.value!r} → {slot.values}"
        else:
            assert slot.value == value


@pytest.mark.parametrize(
    ("intent", "phrase"),
    [(intent, phrase) for intent, phrases in BUILTIN_PHRASES.items() for phrase in phrases]
    + [
        (intent["name"], sample)
        for intent in language_model()["intents"]
        if intent["name"].startswith("AMAZON.")
        for sample in intent["samples"]
    ],
)
def test_builtin_intents_understand_french_phrases_and_model_samples(
    resolver: Resolver, intent: str, phrase: str
) -> None:
    assert resolver.resolve(phrase, THURSDAY).intent == intent


@pytest.mark.parametrize(
    ("phrase", "intent"),
    [
        ("aide", "AMAZON.HelpIntent"),
        ("à l'aide", "AMAZON.HelpIntent"),
        ("que peux-tu faire", "AMAZON.HelpIntent"),
        ("stop", "AMAZON.StopIntent"),
        ("arrête", "AMAZON.StopIntent"),
        ("tais-toi", "AMAZON.StopIntent"),
        ("annule", "AMAZON.CancelIntent"),
        ("laisse tomber", "AMAZON.CancelIntent"),
        ("pause", "AMAZON.PauseIntent"),
        ("mets en pause", "AMAZON.PauseIntent"),
        ("reprends", "AMAZON.ResumeIntent"),
        ("continue", "AMAZON.ResumeIntent"),
        ("reprendre la lecture", "AMAZON.ResumeIntent"),
        ("suivant", "AMAZON.NextIntent"),
        ("épisode suivant", "AMAZON.NextIntent"),
        ("passe", "AMAZON.NextIntent"),
        ("précédent", "AMAZON.PreviousIntent"),
        ("recommence", "AMAZON.StartOverIntent"),
        ("reprends depuis le début", "AMAZON.StartOverIntent"),
        ("répète", "AMAZON.RepeatIntent"),
        ("tu peux répéter", "AMAZON.RepeatIntent"),
        ("oui", "AMAZON.YesIntent"),
        ("non", "AMAZON.NoIntent"),
        ("boucle", "AMAZON.LoopOnIntent"),
        ("arrête la boucle", "AMAZON.LoopOffIntent"),
        ("lecture aléatoire", "AMAZON.ShuffleOnIntent"),
        ("arrête la lecture aléatoire", "AMAZON.ShuffleOffIntent"),
        ("accueil", "AMAZON.NavigateHomeIntent"),
        ("retour à l'accueil", "AMAZON.NavigateHomeIntent"),
    ],
)
def test_the_builtin_phrases_residents_use(resolver: Resolver, phrase: str, intent: str) -> None:
    assert resolver.resolve(phrase, THURSDAY).intent == intent


@pytest.mark.parametrize(
    "text",
    [
        "est-ce que la médiathèque centre-ville est ouverte",
        "EST-CE QUE LA MÉDIATHÈQUE CENTRE-VILLE EST OUVERTE",
        "est ce que la mediatheque centre ville est ouverte",
        "Est-ce que la médiathèque centre-ville est ouverte ?",
        "Alexa, est-ce que la médiathèque centre-ville est ouverte ?",
        "  est-ce   que la médiathèque   centre-ville est ouverte !  ",
    ],
)
def test_capitals_accents_hyphens_and_punctuation_do_not_matter(resolver: Resolver, text: str) -> None:
    resolution = resolver.resolve(text, THURSDAY)
    assert resolution.intent == "IsOpenIntent"
    assert resolution.slots["facility"].id == "mediatheque-centre-ville"


@pytest.mark.parametrize(
    "text",
    [
        "jusqu'à quelle heure la médiathèque centre-ville est ouverte",
        "jusqu’à quelle heure la médiathèque centre-ville est ouverte",
        "jusqu a quelle heure la médiathèque centre-ville est ouverte",
    ],
)
def test_apostrophes_straight_curly_or_missing(resolver: Resolver, text: str) -> None:
    resolution = resolver.resolve(text, THURSDAY)
    assert resolution.intent == "ClosingTimeIntent"
    assert resolution.slots["facility"].id == "mediatheque-centre-ville"


def test_elision_and_contractions_match_the_samples(resolver: Resolver) -> None:
    # "de {facility}" heard as "d'…" or "du …"
    resolution = resolver.resolve("les horaires du service de l'état civil", THURSDAY)
    assert resolution.intent == "OpeningHoursIntent"
    assert resolution.slots["facility"].id == "etat-civil"
    assert resolver.resolve("parle-moi d'Issy", THURSDAY).slots["city"].id == "city"


def test_slot_values_are_given_back_as_said(resolver: Resolver) -> None:
    slot = resolver.resolve("les horaires de l'hôtel de ville", THURSDAY).slots["facility"]
    assert (slot.value, slot.id, slot.status) == ("l'hôtel de ville", "mairie", "ER_SUCCESS_MATCH")
    assert slot.values[0].name == "mairie"


def test_unknown_values_are_no_match_with_the_raw_value(resolver: Resolver) -> None:
    resolution = resolver.resolve("est-ce que la patinoire est ouverte", THURSDAY)
    assert resolution.intent == "IsOpenIntent"
    slot = resolution.slots["facility"]
    assert (slot.value, slot.status, slot.id, slot.values) == ("la patinoire", "ER_SUCCESS_NO_MATCH", None, ())


def test_unfilled_slots_are_present_without_value(resolver: Resolver) -> None:
    resolution = resolver.resolve("est-ce que la piscine aquazena est ouverte", THURSDAY)
    assert set(resolution.slots) == {"facility", "date"}
    assert resolution.slots["date"].value is None
    assert set(resolution.filled) == {"facility"}


@pytest.mark.parametrize(
    ("text", "slots"),
    [
        ("j'ai perdu ma carte d'identité", {"situation": "perte-vol", "document": "carte-identite"}),
        ("on m'a volé mon passeport", {"situation": "perte-vol", "document": "passeport"}),
        ("ma carte d'identité est expirée", {"situation": "renouvellement", "document": "carte-identite"}),
        ("comment renouveler mon passeport", {"document": "passeport"}),
        ("première demande de passeport", {"situation": "premiere-demande", "document": "passeport"}),
        ("je veux refaire le passeport de mon fils de douze ans", {"person": "enfant", "document": "passeport"}),
        ("joue le dernier podcast", {"position": "dernier"}),
        ("mets le premier épisode", {"position": "premier"}),
        ("joue l'épisode avec Winy Maas", {"guest": "metamorphoses:maas"}),
        ("quelles piscines sont ouvertes", {"kind": "piscine"}),
        ("quels musées sont ouverts maintenant", {"kind": "musée"}),
    ],
)
def test_entity_resolution_ids(resolver: Resolver, text: str, slots: dict[str, str]) -> None:
    resolution = resolver.resolve(text, THURSDAY)
    assert resolution.intent != "AMAZON.FallbackIntent"
    assert {name: resolution.slots[name].id for name in slots} == slots


@pytest.mark.parametrize(
    ("spoken", "number"),
    [
        ("un", "1"),
        ("dix", "10"),
        ("quinze", "15"),
        ("dix-sept", "17"),
        ("vingt et un", "21"),
        ("vingt-deux", "22"),
        ("soixante et onze", "71"),
        ("soixante-quinze", "75"),
        ("quatre-vingts", "80"),
        ("quatre-vingt-dix-neuf", "99"),
        ("cent", "100"),
        ("cent un", "101"),
        ("deux cents", "200"),
        ("12", "12"),
    ],
)
def test_numbers(resolver: Resolver, spoken: str, number: str) -> None:
    resolution = resolver.resolve(f"joue l'épisode {spoken}", THURSDAY)
    assert (resolution.intent, resolution.slots["number"].value) == ("PlayPodcastIntent", number)


def test_an_age_in_words(resolver: Resolver) -> None:
    resolution = resolver.resolve("comment faire un passeport pour mon fils de quinze ans", THURSDAY)
    assert resolution.slots["age"].value == "15"
    assert resolution.slots["person"].id == "enfant"


@pytest.mark.parametrize(
    ("spoken", "today", "value"),
    [
        ("aujourd'hui", THURSDAY, "2026-11-26"),
        ("demain", THURSDAY, "2026-11-27"),
        ("après-demain", THURSDAY, "2026-11-28"),
        ("hier", THURSDAY, "2026-11-25"),
        ("samedi", THURSDAY, "2026-11-28"),
        ("jeudi", THURSDAY, "2026-11-26"),
        ("mercredi", THURSDAY, "2026-12-02"),
        ("jeudi prochain", THURSDAY, "2026-12-03"),
        ("le 25 décembre", THURSDAY, "2026-12-25"),
        ("le vingt-cinq décembre", THURSDAY, "2026-12-25"),
        ("le 25 décembre", date(2026, 12, 26), "2027-12-25"),
        ("le premier janvier", THURSDAY, "2027-01-01"),
        ("noël", THURSDAY, "2026-12-25"),
        ("ce week-end", THURSDAY, "2026-W48-WE"),
        ("le week-end prochain", THURSDAY, "2026-W49-WE"),
        ("cette semaine", THURSDAY, "2026-W48"),
        ("la semaine prochaine", THURSDAY, "2026-W49"),
        ("samedi matin", THURSDAY, "2026-11-28"),
    ],
)
def test_dates_relative_to_the_request_day(resolver: Resolver, spoken: str, today: date, value: str) -> None:
    resolution = resolver.resolve(f"est-ce que la piscine aquazena est ouverte {spoken}", today)
    assert resolution.intent == "IsOpenIntent"
    assert resolution.slots["date"].value == value


@pytest.mark.parametrize(
    ("spoken", "value"),
    [("décembre", "2026-12"), ("novembre", "2026-11"), ("octobre", "2027-10"), ("janvier", "2027-01")],
)
def test_months_are_the_upcoming_ones_like_alexa(resolver: Resolver, spoken: str, value: str) -> None:
    resolution = resolver.resolve(f"le magazine de {spoken}", THURSDAY)
    assert (resolution.intent, resolution.slots["month"].value) == ("MagazineIntent", value)


def test_the_week_intent_wins_over_a_date_for_this_week(resolver: Resolver) -> None:
    assert resolver.resolve("quels sont les horaires de la mairie cette semaine", THURSDAY).intent == "WeekHoursIntent"
    resolution = resolver.resolve("quels sont les horaires de la mairie demain", THURSDAY)
    assert resolution.intent == "OpeningHoursIntent"
    assert resolution.slots["date"].value == "2026-11-27"


def test_a_bare_facility_name_is_an_opening_hours_request(resolver: Resolver) -> None:
    resolution = resolver.resolve("la médiathèque centre-ville", THURSDAY)
    assert resolution.intent == "OpeningHoursIntent"
    assert resolution.slots["facility"].id == "mediatheque-centre-ville"


@pytest.mark.parametrize(
    "text", ["quelle est la capitale de l'australie", "bla bla bla", "patinoire", "", "joue de la guitare"]
)
def test_nothing_matches_means_fallback(resolver: Resolver, text: str) -> None:
    resolution = resolver.resolve(text, THURSDAY)
    assert (resolution.kind, resolution.intent) == ("intent", "AMAZON.FallbackIntent")


@pytest.mark.parametrize(
    "text",
    [
        "ouvre la mairie d'issy",
        "Alexa, ouvre la mairie d'Issy",
        "lance la mairie d'issy",
        "démarre la mairie d'issy",
        "demande à la mairie d'issy",
        "ouvre la mairie d issy",
    ],
)
def test_launch_phrases(resolver: Resolver, text: str) -> None:
    resolution = resolver.resolve(text, THURSDAY)
    assert (resolution.kind, resolution.intent, resolution.slots) == ("launch", None, {})


@pytest.mark.parametrize(
    ("text", "intent"),
    [
        ("demande à la mairie d'issy si la médiathèque centre-ville est ouverte", "IsOpenIntent"),
        ("Alexa, demande à la mairie d'Issy comment refaire ma carte d'identité", "IdProcedureIntent"),
        ("demande à la mairie d'issy de jouer le dernier épisode", "PlayPodcastIntent"),
        ("demande à la mairie d'issy quoi de neuf dans le magazine", "MagazineIntent"),
        ("dis à la mairie d'issy de jouer le podcast", "PlayPodcastIntent"),
        ("ouvre la mairie d'issy et joue le podcast", "PlayPodcastIntent"),
        ("les horaires de la piscine aquazena avec la mairie d'issy", "OpeningHoursIntent"),
    ],
)
def test_one_shot_requests(resolver: Resolver, text: str, intent: str) -> None:
    resolution = resolver.resolve(text, THURSDAY)
    assert (resolution.kind, resolution.intent, resolution.one_shot) == ("intent", intent, True)


def test_one_shot_that_nothing_matches_is_a_fallback(resolver: Resolver) -> None:
    resolution = resolver.resolve("demande à la mairie d'issy la météo de demain", THURSDAY)
    assert (resolution.intent, resolution.one_shot) == ("AMAZON.FallbackIntent", True)


def test_the_invocation_name_comes_from_the_model() -> None:
    model = {"interactionModel": {"languageModel": {"invocationName": "la mairie de vanves", "intents": []}}}
    resolver = Resolver(model)
    assert resolver.resolve("ouvre la mairie de Vanves", THURSDAY).kind == "launch"
    assert resolver.resolve("ouvre la mairie d'issy", THURSDAY).intent == "AMAZON.FallbackIntent"


def test_to_dict_lists_the_filled_slots(resolver: Resolver) -> None:
    data = resolver.resolve("j'ai perdu mon passeport", THURSDAY).to_dict()
    assert data["type"] == "IntentRequest"
    assert data["intent"] == "IdProcedureIntent"
    assert data["slots"]["situation"] == {
        "type": "SITUATION",
        "value": "perdu",
        "resolution": "ER_SUCCESS_MATCH",
        "ids": [{"id": "perte-vol", "name": "perte ou vol"}],
    }
    assert set(data["slots"]) == {"situation", "document"}


def test_a_facility_named_like_the_skill_is_not_a_launch(resolver: Resolver) -> None:
    resolution = resolver.resolve("est-ce qu'on peut aller à la mairie d'issy", THURSDAY)
    assert (resolution.intent, resolution.one_shot) == ("IsOpenIntent", False)
    assert resolution.slots["facility"].id == "mairie"
    assert resolver.resolve("la mairie d'issy", THURSDAY).intent == "OpeningHoursIntent"
