"""Conversations in French with the skill on the fixture commune: what a resident says (read by the
local resolver, as Alexa would) and what the real `lambda_handler` answers, turn after turn.

These are the promises of « understand residents as they speak, and answer first »: one-shot
questions answered in one turn with the right case and price, general questions answered before
one narrowing question, no echo of words the skill did not understand.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mairie.tools.conversation import Conversation, Turn
from mairie.tools.envelopes import Caller
from mairie.tools.local_skill import LocalSkill
from tests.phrases.corpus import NOW, open_commune_skill


@pytest.fixture(scope="module")
def skill() -> Iterator[LocalSkill]:
    yield from open_commune_skill()


@pytest.fixture
def talk(skill: LocalSkill, request: pytest.FixtureRequest) -> Conversation:
    return Conversation(skill, Caller(user=f"conversation-{request.node.name}"[:90]))


def _said(turn: Turn) -> str:
    return turn.response["response"]["outputSpeech"]["ssml"]


def _first_sentence(turn: Turn) -> str:
    return turn.lines[0].split(". ")[0]


def _directives(turn: Turn) -> list[str]:
    return [str(d.get("type")) for d in turn.response["response"].get("directives", [])]


def _questions(turn: Turn) -> int:
    return turn.lines[0].count("?")


# -- one-shot questions about ID cards and passports -------------------------------------------------


@pytest.mark.parametrize(
    ("question", "price"),
    [
        ("combien coûte un passeport pour un adulte", "86 euros"),
        ("c'est combien le timbre pour le passeport de ma fille de 8 ans", "17 euros"),
        ("combien coûte le passeport de mon fils de 16 ans", "42 euros"),
        ("combien coûte une carte d'identité perdue", "25 euros"),
    ],
)
def test_a_price_question_with_its_case_gets_the_price_in_one_turn(
    talk: Conversation, question: str, price: str
) -> None:
    turn = talk.speak(question, NOW)
    assert turn.resolution.intent == "ProcedureCostIntent"
    assert price in _first_sentence(turn)
    assert "Dialog.ElicitSlot" not in _directives(turn)


def test_the_papers_for_a_stolen_id_card_come_with_the_theft_declaration_and_the_price_once(
    talk: Conversation,
) -> None:
    turn = talk.speak("quels papiers pour une carte d'identité volée", NOW)
    answer = turn.lines[0]
    assert answer.startswith("Pour la carte nationale d'identité, apportez six pièces.")
    assert "la déclaration de vol" in answer
    assert answer.count("25 euros") == 1  # the stamp is in the list: its price is not said twice


def test_a_general_question_gets_the_common_steps_first_then_one_question(talk: Conversation) -> None:
    turn = talk.speak("comment refaire ma carte d'identité", NOW)
    first = _first_sentence(turn)
    assert "pré-demande" in first and "rendez-vous" in first
    assert "France Services" in turn.lines[0]  # the steps need internet: who helps without it
    assert _questions(turn) == 1 and turn.lines[0].endswith("?")
    # the answer to the one question completes the case without asking anything already said
    answered = talk.speak("un renouvellement", NOW)
    assert answered.resolution.intent == "IdProcedureIntent"
    assert "ancienne carte" in _first_sentence(answered) and "Pour quel document" not in answered.lines[0]


def test_a_renewal_question_is_not_asked_whether_it_is_a_renewal(talk: Conversation) -> None:
    turn = talk.speak("comment renouveler mon passeport", NOW)
    assert turn.resolution.slots["situation"].values[0].id == "renouvellement"
    assert "renouvellement, une première demande" not in turn.lines[0]
    assert "86 euros" in turn.lines[0]


def test_a_grandchild_is_a_minor(talk: Conversation) -> None:
    turn = talk.speak("combien coûte le passeport de ma petite-fille de 12 ans", NOW)
    assert "17 euros" in _first_sentence(turn)


# -- facilities: address, phone, what it is, which are open on a day ---------------------------------


def test_the_address_of_a_facility(talk: Conversation) -> None:
    turn = talk.speak("c'est quoi l'adresse de l'état civil", NOW)
    assert turn.resolution.intent == "FacilityAddressIntent"
    assert "47 rue du Général Leclerc" in _first_sentence(turn)


def test_a_facility_without_an_address_says_where_to_find_it(talk: Conversation) -> None:
    turn = talk.speak("c'est où la médiathèque", NOW)
    assert turn.lines[0].startswith("Je n'ai pas l'adresse de la médiathèque centre-ville.")
    assert "mediatheque.ville-issy.fr" in turn.lines[0]


def test_the_phone_number_of_a_facility(talk: Conversation) -> None:
    turn = talk.speak("le numéro du musée", NOW)
    assert turn.resolution.intent == "FacilityPhoneIntent"
    assert "01 41 23 83 60" in _first_sentence(turn)


def test_what_a_facility_is(talk: Conversation) -> None:
    turn = talk.speak("c'est quoi le parc de l'île saint-germain", NOW)
    assert turn.resolution.intent == "FacilityInfoIntent"
    assert "Dubuffet" in turn.lines[0]


def test_which_facilities_of_a_kind_are_open_on_a_day_says_each_one_once(talk: Conversation) -> None:
    turn = talk.speak("quelles piscines sont ouvertes dimanche", NOW)
    assert turn.resolution.intent == "OpenFacilitiesIntent"
    assert turn.lines[0].startswith(
        "Je n'ai pas les horaires de la piscine Aquazena et de la piscine Alfred Sevestre. "
        "Vous pouvez les vérifier sur le site issy.com."
    )


def test_an_unknown_facility_is_not_echoed_nor_answered_with_the_city(talk: Conversation) -> None:
    turn = talk.speak("c'est quoi l'adresse de la piscine des lilas", NOW)
    assert "lilas" not in _said(turn).lower()
    assert turn.resolution.intent != "AboutCityIntent"


def test_the_closing_time_asked_the_spoken_way(talk: Conversation) -> None:
    turn = talk.speak("la mairie elle ferme à quelle heure", NOW)
    assert turn.resolution.intent == "ClosingTimeIntent"
    assert _first_sentence(turn) == "La mairie est ouverte jusqu'à 19 heures"


# -- magazine and podcasts ----------------------------------------------------------------------------


def test_the_audio_magazine_of_a_month_marked_as_example_says_where_to_listen(talk: Conversation) -> None:
    turn = talk.speak("écoute le point d'appui de novembre", NOW)
    assert _directives(turn) == []  # its audio is an example: never streamed
    assert turn.lines[0] == (
        "La version audio du magazine Point d'Appui de novembre 2026 n'est pas encore disponible à l'écoute ici. "
        "Vous pouvez l'écouter sur le site issy.com."
    )


def test_a_month_without_audio_offers_its_summary(talk: Conversation) -> None:
    turn = talk.speak("écoute le point d'appui d'octobre", NOW)
    assert turn.lines[0].startswith("Le numéro d'octobre 2026 de Point d'Appui n'a pas de version audio.")
    assert talk.speak("oui", NOW).lines[0].startswith("Au sommaire de Point d'Appui d'octobre 2026")


def test_what_is_point_d_appui_is_the_magazine_not_the_city(talk: Conversation) -> None:
    turn = talk.speak("c'est quoi point d'appui", NOW)
    assert turn.resolution.intent == "MagazineIntent"
    assert turn.lines[0].startswith("Au sommaire de Point d'Appui")


def test_a_podcast_by_its_guest(talk: Conversation) -> None:
    turn = talk.speak("mets le podcast avec raymond depardon", NOW)
    assert _directives(turn) == []  # its audio is an example: never streamed
    assert turn.lines[0].startswith("L'épisode 1 de Métamorphoses, Issy se réinvente n'est pas encore disponible")


def test_the_episode_list_then_yes_spells_out_the_choice_then_a_number_is_chosen(talk: Conversation) -> None:
    listed = talk.speak("quels sont les épisodes", NOW)
    assert listed.lines[0].endswith("Lequel voulez-vous écouter ?")
    chosen = talk.speak("oui", NOW)
    assert chosen.lines[0] == "Lequel : l'épisode 1, avec Raymond Depardon ou l'épisode 2, avec Winy Maas ?"
    played = talk.speak("l'épisode 2", NOW)
    assert _directives(played) == []  # its audio is an example: the resident hears where to listen
    assert played.lines[0].startswith("L'épisode 2 de Métamorphoses, Issy se réinvente n'est pas encore disponible")


# -- the conversation ----------------------------------------------------------------------------------


@pytest.mark.parametrize("goodbye", ["merci au revoir", "c'est tout merci", "merci beaucoup bonne journée"])
def test_thanks_and_goodbyes_end_the_session(talk: Conversation, goodbye: str) -> None:
    turn = talk.speak(goodbye, NOW)
    assert turn.resolution.intent == "AMAZON.StopIntent"
    assert turn.response["response"]["shouldEndSession"] is True


def test_fillers_and_politeness_do_not_get_in_the_way(talk: Conversation) -> None:
    turn = talk.speak("euh dis-moi s'il te plaît combien coûte le passeport pour moi", NOW)
    assert turn.resolution.intent == "ProcedureCostIntent"
    assert "86 euros" in _first_sentence(turn)
