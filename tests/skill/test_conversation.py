"""Launch, help, about, fallback, repeat, stop: real envelopes through the real lambda_handler."""

from __future__ import annotations

from mairie.catalogue.current import get_catalogue
from mairie.domain.promises import playable_episodes
from mairie.voice.assistant import welcome
from tests.skill.envelopes import fixture, intent, launch, reprompt, send, session_attributes, slot, speech


def test_launch_says_the_city_welcome_and_keeps_listening(user: str) -> None:
    result = send(launch(user=user))
    assert speech(result) == welcome(get_catalogue())
    assert "Par exemple" in reprompt(result)
    assert result["response"]["shouldEndSession"] is False


def test_about_the_city_reads_the_catalogue_text_with_a_card() -> None:
    result = send(intent("AboutCityIntent", [slot("city", "issy", "city", "CITY_NAME")]))
    said = speech(result)
    assert said.startswith("Issy-les-Moulineaux est une ville des Hauts-de-Seine")
    assert "berceau de l'aviation" in said
    assert result["response"]["card"]["title"] == "Issy-les-Moulineaux"
    assert "https://www.issy.com" in result["response"]["card"]["content"]


def test_help_gives_concrete_examples_from_the_catalogue() -> None:
    said = speech(send(intent("AMAZON.HelpIntent")))
    assert "horaires" in said
    assert "carte nationale d'identité" in said
    # offered only when an episode's audio is confirmed (tests/e2e/test_promises.py walks every example)
    assert ("« joue le dernier podcast »" in said) == bool(playable_episodes(get_catalogue()))


def test_navigate_home_offers_help_instead_of_ending() -> None:
    result = send(intent("AMAZON.NavigateHomeIntent"))
    assert "Je peux vous renseigner" in speech(result)
    assert result["response"]["shouldEndSession"] is False


def test_stop_and_cancel_say_goodbye_and_end_the_session() -> None:
    for name in ("AMAZON.StopIntent", "AMAZON.CancelIntent"):
        result = send(intent(name))
        assert speech(result) == "Au revoir, à bientôt !"
        assert result["response"]["shouldEndSession"] is True


def test_misunderstandings_rephrase_then_list_then_end_politely() -> None:
    first = send(intent("AMAZON.FallbackIntent"))
    assert speech(first).startswith("Désolée, je n'ai pas compris.")
    second = send(intent("AMAZON.FallbackIntent", session_attributes=session_attributes(first)))
    assert speech(second).startswith("Je ne vous comprends toujours pas")
    assert "Je peux vous renseigner sur" in speech(second)
    third = send(intent("AMAZON.FallbackIntent", session_attributes=session_attributes(second)))
    assert "Au revoir" in speech(third)
    assert third["response"]["shouldEndSession"] is True


def test_an_understood_question_resets_the_misunderstanding_count() -> None:
    first = send(intent("AMAZON.FallbackIntent"))
    understood = send(intent("AMAZON.HelpIntent", session_attributes=session_attributes(first)))
    again = send(intent("AMAZON.FallbackIntent", session_attributes=session_attributes(understood)))
    assert speech(again).startswith("Désolée, je n'ai pas compris.")


def test_repeat_says_the_last_answer_again_exactly() -> None:
    about = send(intent("AboutCityIntent"))
    repeated = send(intent("AMAZON.RepeatIntent", session_attributes=session_attributes(about)))
    assert speech(repeated) == speech(about)
    assert reprompt(repeated) == reprompt(about)


def test_repeat_with_nothing_said_yet_is_polite() -> None:
    assert speech(send(intent("AMAZON.RepeatIntent"))).startswith("Je n'ai encore rien dit à répéter.")


def test_yes_and_no_without_a_question_do_not_fail() -> None:
    assert "Je peux vous renseigner" in speech(send(intent("AMAZON.YesIntent")))
    no = send(intent("AMAZON.NoIntent"))
    assert speech(no) == "Au revoir, à bientôt !"
    assert no["response"]["shouldEndSession"] is True


def test_session_ended_gets_an_empty_response() -> None:
    result = send(fixture("session_ended"))
    assert result["response"] == {}


def test_unknown_intent_gets_a_polite_answer_not_a_crash() -> None:
    result = send(intent("SomethingNewIntent"))
    assert speech(result).startswith("Désolée")
    assert result["response"]["shouldEndSession"] is False


def test_words_alexa_could_not_resolve_are_never_spoken_back() -> None:
    event = intent("IsOpenIntent", [slot("facility", "la piscine <Olympique> & co", None, "FACILITY")])
    result = send(event)
    ssml = result["response"]["outputSpeech"]["ssml"]
    assert ssml.startswith("<speak>Je ne connais pas cet équipement.")
    assert "Olympique" not in ssml


def test_a_yes_no_offer_is_rephrased_in_the_reprompt_not_repeated() -> None:
    slots = [slot("document", "carte d'identité", "carte-identite", "DOCUMENT_TYPE")]
    slots.append(slot("situation", "perdu", "perte-vol", "SITUATION"))
    result = send(intent("IdProcedureIntent", slots))
    assert speech(result).endswith("Voulez-vous la liste des documents à apporter ?")
    assert reprompt(result) == "Dites « oui » si vous voulez la liste des documents à apporter, ou « non »."
