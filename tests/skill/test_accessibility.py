"""Made for people far from digital: repeat, speech rate, help in context, welcome, reprompts.

Everything goes through the real lambda_handler with real envelopes; the state is the real
embedded store (MAIRIE_STATE), so "a later session" is a new launch for the same user.
"""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mairie.catalogue.current import get_catalogue
from mairie.tools.build import PHRASES, load_grammar
from mairie.tools.resolver import Resolver
from mairie.voice import assistant
from tests.commune import commune_model_file
from tests.skill.envelopes import intent, launch, reprompt, send, session_attributes, slot, speech

ROOT = Path(__file__).resolve().parents[2]
MODEL_PATH = commune_model_file()


def real_resolver() -> Resolver:
    return Resolver.from_file(MODEL_PATH, load_grammar(ROOT / PHRASES))


MAIRIE = [slot("facility", "la mairie", "mairie", "FACILITY")]
PASSPORT = [
    slot("document", "passeport", "passeport", "DOCUMENT_TYPE"),
    slot("person", "moi", "moi", "PERSON"),
    slot("age", "40"),
]
PAUSED_PODCAST = {"token": "podcast:metamorphoses:depardon", "offsetInMilliseconds": 60000, "playerActivity": "PAUSED"}


def ssml(result: dict[str, Any]) -> str:
    return str(result["response"]["outputSpeech"]["ssml"])


def reprompt_ssml(result: dict[str, Any]) -> str:
    return str(result["response"]["reprompt"]["outputSpeech"]["ssml"])


def rate(value: str, rate_id: str, user: str, attributes: dict[str, Any] | None = None) -> dict[str, Any]:
    event = intent("SpeechRateIntent", [slot("rate", value, rate_id, "SPEECH_RATE")], user=user)
    if attributes is not None:
        event = intent(
            "SpeechRateIntent", [slot("rate", value, rate_id, "SPEECH_RATE")], user=user, session_attributes=attributes
        )
    return send(event)


# --- "Répète" -------------------------------------------------------------------------------------

ANSWERS = {
    "hours": ("IsOpenIntent", MAIRIE),
    "week": ("WeekHoursIntent", MAIRIE),
    "id": ("IdProcedureIntent", PASSPORT),
    "magazine": ("MagazineIntent", []),
    "about": ("AboutCityIntent", []),
    "help": ("AMAZON.HelpIntent", []),
    "episodes": ("ListEpisodesIntent", []),
}


@pytest.mark.parametrize("kind", ANSWERS)
def test_repeat_says_each_kind_of_answer_again_word_for_word(kind: str, user: str) -> None:
    name, slots = ANSWERS[kind]
    first = send(intent(name, slots, user=user))
    assert speech(first)
    repeated = send(intent("AMAZON.RepeatIntent", user=user, session_attributes=session_attributes(first)))
    assert speech(repeated) == speech(first)
    assert reprompt(repeated) == reprompt(first)
    assert repeated["response"]["shouldEndSession"] is False


def test_repeat_after_the_details_of_a_procedure_repeats_the_details(user: str) -> None:
    answer = send(intent("IdProcedureIntent", PASSPORT, user=user))
    details = send(intent("AMAZON.YesIntent", user=user, session_attributes=session_attributes(answer)))
    assert "apportez" in speech(details)
    repeated = send(intent("AMAZON.RepeatIntent", user=user, session_attributes=session_attributes(details)))
    assert speech(repeated) == speech(details)


# --- Speech rate ----------------------------------------------------------------------------------


def test_slow_speech_set_in_one_session_is_used_in_the_next_one(user: str) -> None:
    send(launch(user=user))
    slow = rate("plus lentement", "lent", user)
    assert speech(slow).startswith("D'accord, je parle maintenant plus lentement.")
    assert ssml(slow).startswith('<speak><prosody rate="85%">')
    next_session = send(launch(user=user, at="2026-11-27T09:00:00Z"))
    assert ssml(next_session).startswith('<speak><prosody rate="85%">Bonjour')
    assert ssml(next_session).endswith("</prosody></speak>")
    assert reprompt_ssml(next_session).startswith('<speak><prosody rate="85%">')
    hours = send(intent("IsOpenIntent", MAIRIE, user=user))
    assert '<prosody rate="85%">' in ssml(hours)


def test_faster_then_normal_speech(user: str) -> None:
    fast = rate("plus vite", "rapide", user)
    assert ssml(fast).startswith('<speak><prosody rate="115%">D&apos;accord, je parle maintenant plus vite.')
    normal = rate("normalement", "normal", user, session_attributes(fast))
    assert speech(normal).startswith("D'accord, je reprends ma vitesse habituelle.")
    assert "prosody" not in ssml(normal)
    assert "prosody" not in ssml(send(launch(user=user)))


def test_asking_for_the_current_rate_again_says_so(user: str) -> None:
    rate("plus lentement", "lent", user)
    again = rate("moins vite", "lent", user)
    assert speech(again).startswith("Je parle déjà au plus lent.")
    assert speech(rate("normalement", "normal", user)).startswith("D'accord")
    assert speech(rate("normalement", "normal", user)).startswith("Je parle déjà à la vitesse habituelle.")


def test_a_rate_request_without_a_rate_lists_the_choices(user: str) -> None:
    result = send(intent("SpeechRateIntent", [slot("rate", None)], user=user))
    assert speech(result).startswith("Je peux parler plus lentement, plus vite ou normalement.")
    assert "prosody" not in ssml(result)


def test_the_rate_phrases_resolve_to_the_speech_rate_intent() -> None:
    resolver = real_resolver()
    expected = {
        "parle plus lentement": "lent",
        "tu parles trop vite": "lent",
        "parle moins vite": "lent",
        "parle plus vite": "rapide",
        "parle normalement": "normal",
    }
    for phrase, rate_id in expected.items():
        resolution = resolver.resolve(phrase, date(2026, 11, 26))
        assert resolution.intent == "SpeechRateIntent", phrase
        assert rate_id in str(resolution), phrase


# --- Welcome --------------------------------------------------------------------------------------


def test_first_visit_gets_the_introduction_and_later_ones_a_shorter_greeting(user: str) -> None:
    welcome = assistant.welcome(get_catalogue())
    first = send(launch(user=user))
    assert speech(first) == welcome
    second = send(launch(user=user, at="2026-11-27T09:00:00Z"))
    said = speech(second)
    assert said.startswith("Bonjour, ravie de vous retrouver ! Que voulez-vous savoir ? Par exemple, dites « ")
    assert len(said) < len(welcome)
    assert second["response"]["shouldEndSession"] is False
    assert "Je peux vous renseigner sur" in reprompt(second)


# --- Help that depends on where the resident is ---------------------------------------------------


def help_after(event: dict[str, Any] | None, user: str, player: dict[str, Any] | None = None) -> str:
    attributes = session_attributes(send(event)) if event is not None else None
    return speech(send(intent("AMAZON.HelpIntent", user=user, session_attributes=attributes, player=player)))


def test_help_after_an_hours_answer_is_about_hours(user: str) -> None:
    said = help_after(intent("IsOpenIntent", MAIRIE, user=user), user)
    assert said.startswith("Pour les horaires, demandez si un lieu est ouvert")
    assert "« jusqu'à quelle heure le service de l'état civil est ouvert ? »" in said


def test_help_after_an_id_answer_is_about_procedures(user: str) -> None:
    said = help_after(intent("IdProcedureIntent", PASSPORT, user=user), user)
    assert said.startswith("Pour une démarche, dites-moi votre situation")
    assert "« j'ai perdu ma carte nationale d'identité »" in said
    assert "« comment faire un passeport pour un enfant de dix ans ? »" in said


def test_help_in_the_podcast_is_about_listening(user: str) -> None:
    said = help_after(None, user, player=PAUSED_PODCAST)
    assert said.startswith("Pour les podcasts Métamorphoses, Issy se réinvente, dites par exemple")
    assert "« Alexa, pause »" in said


def test_help_after_the_magazine_is_about_the_magazine(user: str) -> None:
    said = help_after(intent("MagazineIntent", user=user), user)
    assert said.startswith("Pour le magazine Point d'Appui, dites « quoi de neuf dans le magazine ? »")


def test_help_at_launch_is_the_general_help_and_asking_twice_gives_the_full_list(user: str) -> None:
    at_launch = help_after(launch(user=user), user)
    assert at_launch.startswith("Je peux vous renseigner sur les horaires des équipements")
    hours = send(intent("IsOpenIntent", MAIRIE, user=user))
    first = send(intent("AMAZON.HelpIntent", user=user, session_attributes=session_attributes(hours)))
    again = send(intent("AMAZON.HelpIntent", user=user, session_attributes=session_attributes(first)))
    assert speech(first) != speech(again)
    assert speech(again) == at_launch


def _quoted_examples(text: str) -> list[str]:
    return [re.sub(r"^Alexa, ", "", found).rstrip(" ?") for found in re.findall(r"« ([^»]+) »", text)]


def test_every_example_in_every_help_is_understood(user: str) -> None:
    resolver = real_resolver()
    helps = [
        help_after(None, user),
        help_after(intent("IsOpenIntent", MAIRIE, user=user), user),
        help_after(intent("IdProcedureIntent", PASSPORT, user=user), user),
        help_after(intent("MagazineIntent", user=user), user),
        help_after(None, user, player=PAUSED_PODCAST),
    ]
    assert len(set(helps)) == len(helps)
    phrases = [phrase for text in helps for phrase in _quoted_examples(text)]
    assert len(phrases) >= 12
    for phrase in phrases:
        resolution = resolver.resolve(phrase, date(2026, 11, 26))
        assert resolution.intent != "AMAZON.FallbackIntent", phrase


# --- Reprompts rephrase instead of repeating ------------------------------------------------------


def _last_sentence(text: str) -> str:
    return re.split(r"(?<=[.!?])\s+(?=[A-ZÀ-Ý])", text.strip())[-1]


@pytest.mark.parametrize(
    ("name", "slots"),
    [
        ("AMAZON.HelpIntent", []),
        ("AboutCityIntent", []),
        ("IsOpenIntent", MAIRIE),
        ("AMAZON.RepeatIntent", []),
        ("AMAZON.FallbackIntent", []),
    ],
)
def test_the_reprompt_says_the_question_differently(name: str, slots: list[dict[str, Any]], user: str) -> None:
    result = send(intent(name, slots, user=user))
    assert reprompt(result)
    assert reprompt(result) != _last_sentence(speech(result))
    assert "stop" in reprompt(result)


def test_help_follows_the_conversation_rather_than_the_paused_player(user: str) -> None:
    hours = send(intent("IsOpenIntent", MAIRIE, user=user, player=PAUSED_PODCAST))
    said = speech(
        send(
            intent("AMAZON.HelpIntent", user=user, session_attributes=session_attributes(hours), player=PAUSED_PODCAST)
        )
    )
    assert said.startswith("Pour les horaires")
    opened = send(launch(user=user))
    assert help_after(None, user, player=PAUSED_PODCAST).startswith("Pour les podcasts")
    at_launch = intent("AMAZON.HelpIntent", user=user, session_attributes=session_attributes(opened))
    assert speech(send(at_launch)).startswith("Je peux vous renseigner sur")


def test_repeat_uses_the_speech_rate_of_now(user: str) -> None:
    about = send(intent("AboutCityIntent", user=user))
    slow = rate("plus lentement", "lent", user, session_attributes(about))
    repeated = send(intent("AMAZON.RepeatIntent", user=user, session_attributes=session_attributes(slow)))
    assert speech(repeated) == speech(slow)
    assert ssml(repeated).startswith('<speak><prosody rate="85%">')
