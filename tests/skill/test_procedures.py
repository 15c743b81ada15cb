"""Identity card and passport through lambda_handler: the guided dialog (Dialog.ElicitSlot out, the
answer in), the short answer for every case, and the follow-up questions in the same session."""

from __future__ import annotations

import re
from typing import Any

import pytest

from mairie.catalogue.current import get_catalogue
from mairie.catalogue.model import AgeGroup, Procedure, ProcedureCase, Situation
from tests.skill.envelopes import directives, intent, reprompt, send, session_attributes, slot, speech

ANYTHING_ELSE = "Puis-je vous aider pour autre chose ?"
OFFER = "Voulez-vous la liste des documents à apporter ?"
ASK_DOCUMENT = "Pour quel document : la carte nationale d'identité ou le passeport ?"
ASK_SITUATION = "Est-ce pour un renouvellement, une première demande, ou après une perte ou un vol ?"
ASK_PERSON = "Est-ce pour vous, ou pour un enfant ?"
ASK_AGE = "Quel âge a l'enfant ?"
HELP = (
    "Sans internet, l'espace France Services de la sous-préfecture de Boulogne-Billancourt peut vous aider à faire "
    "la pré-demande."
)
PASSPORT_STEPS = (
    "Pour votre passeport, faites d'abord la pré-demande en ligne sur le site ants.gouv.fr et achetez le timbre "
    "fiscal. Prenez ensuite rendez-vous avec le service de l'état civil."
)
ID_CARD_STEPS = (
    "Pour votre carte d'identité, faites d'abord la pré-demande en ligne sur le site ants.gouv.fr, puis prenez "
    "rendez-vous avec le service de l'état civil."
)
PASSPORT_GENERAL = (
    "Pour votre passeport, faites d'abord la pré-demande en ligne sur le site ants.gouv.fr et achetez le timbre "
    "fiscal. Prenez ensuite rendez-vous avec le service de l'état civil. Le timbre fiscal coûte 86 euros pour un "
    "adulte, 42 euros de 15 à 17 ans, et 17 euros pour un enfant de moins de 15 ans."
)


def document(procedure_id: str, said: str) -> dict[str, Any]:
    return slot("document", said, procedure_id, "DOCUMENT_TYPE")


def situation(situation_id: str, said: str | None = None) -> dict[str, Any]:
    return slot("situation", said or situation_id, situation_id, "SITUATION")


def person(person_id: str, said: str | None = None) -> dict[str, Any]:
    return slot("person", said or person_id, person_id, "PERSON")


def answer_to(previous: dict[str, Any], slots: list[dict[str, Any]], name: str = "IdProcedureIntent") -> dict[str, Any]:
    """The next request of the dialog, as Alexa sends it after a Dialog.ElicitSlot: IN_PROGRESS."""
    event = intent(name, slots, session_attributes=session_attributes(previous))
    if name == "IdProcedureIntent":
        event["request"]["dialogState"] = "IN_PROGRESS"
    return send(event)


def follow(previous: dict[str, Any], name: str) -> dict[str, Any]:
    return send(intent(name, session_attributes=session_attributes(previous)))


def elicited(result: dict[str, Any]) -> tuple[str, dict[str, str | None]]:
    """The slot asked by the response's Dialog.ElicitSlot, and the updated intent's slot values."""
    found = [d for d in directives(result) if d["type"] == "Dialog.ElicitSlot"]
    assert len(found) == 1, directives(result)
    updated = found[0]["updatedIntent"]
    assert updated["name"] == "IdProcedureIntent"
    return found[0]["slotToElicit"], {name: s.get("value") for name, s in updated["slots"].items()}


def card_text(result: dict[str, Any]) -> str:
    text: str = result["response"]["card"]["content"]
    return text


# -- the demo utterances -------------------------------------------------------------------------------


def test_lost_id_card_mentions_the_25_euro_stamp() -> None:
    result = send(intent("IdProcedureIntent", [document("carte-identite", "carte d'identité"), situation("perte-vol")]))
    assert speech(result) == (
        "Si votre carte d'identité a été perdue ou volée, faites la pré-demande sur ants.gouv.fr et achetez le "
        f"timbre fiscal. Prenez ensuite rendez-vous avec le service de l'état civil. Il faut un timbre fiscal de "
        f"25 euros. {HELP} {OFFER}"
    )
    assert directives(result) == []
    assert session_attributes(result)["procedure"] == {
        "procedure": "carte-identite",
        "case": "perte-vol-majeur",
        "known": {"document": "carte-identite", "situation": "perte-vol"},
        "offer": "documents",
    }


def test_passport_for_a_ten_year_old_gives_the_minor_cost_and_presence_rule() -> None:
    slots = [document("passeport", "passeport"), person("enfant", "mon fils"), slot("age", "10")]
    result = send(intent("IdProcedureIntent", slots))
    said = speech(result)
    assert "Il vient ensuite au rendez-vous avec l'enfant." in said
    assert "Il faut un timbre fiscal de 17 euros." in said
    card = card_text(result)
    assert "• L'enfant doit être présent au rendez-vous, avec le parent qui a rempli la pré-demande" in card
    assert "• la pièce d'identité du parent qui accompagne l'enfant" in card


# -- the dialog: Dialog.ElicitSlot out, the answer in ---------------------------------------------------


def test_missing_document_is_elicited() -> None:
    result = send(intent("IdProcedureIntent"))
    assert speech(result) == ASK_DOCUMENT
    assert reprompt(result) == ASK_DOCUMENT
    assert result["response"]["shouldEndSession"] is False
    slot_name, known = elicited(result)
    assert slot_name == "document"
    assert known == {"document": None, "situation": None, "age": None, "person": None}


def test_the_full_dialog_for_a_passport_of_a_sixteen_year_old() -> None:
    # given a request that names nothing: which document (the only thing that cannot be assumed)
    first = send(intent("IdProcedureIntent"))
    assert elicited(first)[0] == "document"
    # when the document comes: the steps every case shares first, then one question
    second = answer_to(first, [document("passeport", "un passeport")])
    assert speech(second) == f"{PASSPORT_STEPS} {HELP} {ASK_SITUATION}"
    assert elicited(second) == (
        "situation",
        {"document": "un passeport", "situation": None, "age": None, "person": None},
    )
    assert reprompt(
        second
    ) == f"{PASSPORT_GENERAL} Pour une réponse adaptée à votre cas, dites-moi : est-ce pour un " + (
        "renouvellement, une première demande, ou after une perte ou un vol ?".replace("after", "après")
    )
    # then a first request for a daughter: the prices by age, and the age asked (information each time)
    slots = [document("passeport", "un passeport"), situation("premiere-demande"), person("enfant", "ma fille")]
    third = answer_to(second, slots)
    assert speech(third) == f"{PASSPORT_GENERAL} {ASK_AGE}"
    slot_name, known = elicited(third)
    assert slot_name == "age"
    assert known["person"] == "ma fille"
    fourth = answer_to(third, [*slots, slot("age", "16")])
    assert directives(fourth) == []
    assert speech(fourth).startswith("Pour le passeport d'un jeune de 15 à 17 ans, le parent qui exerce")
    assert speech(fourth).endswith(f"Il faut un timbre fiscal de 42 euros. {HELP} {OFFER}")
    assert session_attributes(fourth)["procedure"]["case"] == "mineur-15-17"


def test_once_the_situation_is_known_an_adult_is_assumed_rather_than_a_second_question() -> None:
    asked = send(intent("IdProcedureIntent", [document("passeport", "passeport")]))
    answered = answer_to(asked, [document("passeport", "passeport"), situation("renouvellement", "renouveler")])
    assert directives(answered) == []
    assert "Il faut un timbre fiscal de 86 euros." in speech(answered)
    assert session_attributes(answered)["procedure"]["case"] == "majeur"


def test_an_adult_is_not_asked_an_age_and_a_child_id_card_needs_no_age() -> None:
    adult = send(intent("IdProcedureIntent", [document("passeport", "passeport"), person("moi", "pour moi")]))
    assert speech(adult).endswith(f"Il sera valable dix ans. Il faut un timbre fiscal de 86 euros. {HELP} {OFFER}")
    child = send(intent("IdProcedureIntent", [document("carte-identite", "carte d'identité"), person("enfant")]))
    assert directives(child) == []
    assert session_attributes(child)["procedure"]["case"] == "mineur"


def test_a_child_passport_without_age_hears_the_prices_by_age_then_the_question() -> None:
    result = send(intent("IdProcedureIntent", [document("passeport", "passeport"), person("enfant", "mon fils")]))
    assert speech(result) == f"{PASSPORT_GENERAL} {ASK_AGE}"
    assert elicited(result) == (
        "age",
        {"document": "passeport", "situation": None, "age": None, "person": "mon fils"},
    )


def test_i_dont_know_gets_the_general_answer() -> None:
    asked = send(intent("IdProcedureIntent", [document("passeport", "passeport")]))
    assert elicited(asked)[0] == "situation"
    result = follow(asked, "DontKnowIntent")
    assert speech(result) == f"Ce n'est pas grave, voici l'essentiel. {PASSPORT_GENERAL} {HELP} {OFFER}"
    assert directives(result) == []
    assert "Le timbre fiscal coûte 86 euros pour un adulte" in card_text(result)
    assert session_attributes(result)["procedure"] == {
        "procedure": "passeport",
        "case": None,
        "known": {},
        "offer": "documents",
    }


def test_words_alexa_cannot_place_during_the_dialog_get_the_general_answer() -> None:
    asked = send(intent("IdProcedureIntent", [document("passeport", "passeport"), person("enfant")]))
    result = follow(asked, "AMAZON.FallbackIntent")
    assert speech(result).startswith("Ce n'est pas grave, voici l'essentiel. Pour votre passeport,")


def test_silence_hears_the_general_answer_in_the_reprompt() -> None:
    result = send(intent("IdProcedureIntent", [document("carte-identite", "carte d'identité")]))
    assert speech(result) == f"{ID_CARD_STEPS} {HELP} {ASK_SITUATION}"
    assert reprompt(result).startswith(
        "Pour votre carte d'identité, faites d'abord la pré-demande en ligne sur le site ants.gouv.fr, puis prenez "
        "rendez-vous avec le service de l'état civil. Le renouvellement est gratuit si vous rendez votre ancienne "
        "carte ; en cas de perte ou de vol, il faut un timbre fiscal de 25 euros."
    )


def test_i_dont_know_which_document() -> None:
    asked = send(intent("IdProcedureIntent"))
    result = follow(asked, "DontKnowIntent")
    assert speech(result) == (
        f"D'accord. Je peux vous renseigner sur la carte nationale d'identité ou le passeport. {ANYTHING_ELSE}"
    )
    assert "procedure" not in session_attributes(result)


def test_i_dont_know_outside_the_dialog() -> None:
    result = send(intent("DontKnowIntent"))
    assert speech(result) == f"Ce n'est pas grave. {ANYTHING_ELSE}"
    assert result["response"]["shouldEndSession"] is False


def test_another_question_ends_the_dialog() -> None:
    asked = send(intent("IdProcedureIntent", [document("passeport", "passeport")]))
    hours = follow(asked, "AboutCityIntent")
    assert session_attributes(hours)["procedure"]["eliciting"] is None
    fallback = follow(hours, "AMAZON.FallbackIntent")
    assert "passeport" not in speech(fallback)


def test_an_unknown_document_is_not_repeated_back_and_the_known_ones_are_offered() -> None:
    result = send(intent("IdProcedureIntent", [slot("document", "permis de conduire", None, "DOCUMENT_TYPE")]))
    assert speech(result) == (
        "Je ne connais pas les démarches pour ce document. Je peux vous renseigner sur la carte "
        "nationale d'identité ou le passeport. Lequel vous intéresse ?"
    )
    assert elicited(result)[0] == "document"


# -- every case ---------------------------------------------------------------------------------------


def _slots_for(procedure: Procedure, case: ProcedureCase) -> list[dict[str, Any]]:
    chosen = case.situations[0] if case.situations else Situation.RENEWAL
    slots = [document(procedure.id, procedure.name), situation(chosen.value)]
    if AgeGroup.MINOR in case.age_groups and AgeGroup.ADULT not in case.age_groups:
        age = case.min_age if case.min_age is not None else 5
        slots += [person("enfant"), slot("age", str(age))]
    else:
        slots.append(person("moi"))
    return slots


EVERY_CASE = [(p, c) for p in get_catalogue().procedures for c in p.cases]


@pytest.mark.parametrize(("procedure", "case"), EVERY_CASE, ids=[f"{p.id}:{c.id}" for p, c in EVERY_CASE])
def test_every_case_gets_its_answer_card_and_details(procedure: Procedure, case: ProcedureCase) -> None:
    result = send(intent("IdProcedureIntent", _slots_for(procedure, case)))
    assert speech(result) == f"{case.summary} {case.cost} {procedure.offline_help} {OFFER}"
    assert session_attributes(result)["procedure"]["case"] == case.id
    card = card_text(result)
    for line in (*procedure.steps, *case.extra_steps, *procedure.documents, *case.extra_documents):
        assert f"• {line}" in card
    for link in procedure.links:
        assert f"• {link.label} : {link.url}" in card
    assert f"Coût : {case.cost}" in card
    details = follow(result, "AMAZON.YesIntent")
    for item in (*procedure.documents, *case.extra_documents):
        assert item[1:] in speech(details)
    # the cost, or its price when the list already names the stamp (said once, not twice)
    prices = re.findall(r"\d+ euros", case.cost)
    assert case.cost in speech(details) or (prices and all(speech(details).count(p) == 1 for p in prices))
    cost = follow(result, "ProcedureCostIntent")
    assert speech(cost) == f"Pour {procedure.name}, {case.cost[0].lower()}{case.cost[1:]} {ANYTHING_ELSE}"


# -- follow-ups ---------------------------------------------------------------------------------------


def _passport_for_adult() -> dict[str, Any]:
    return send(intent("IdProcedureIntent", [document("passeport", "passeport"), person("moi")]))


def test_yes_gives_documents_then_where_and_when() -> None:
    details = follow(_passport_for_adult(), "AMAZON.YesIntent")
    assert speech(details) == (
        "Pour le passeport, apportez cinq pièces. Le numéro ou le QR code de votre pré-demande ; une photo "
        "d'identité conforme, de moins de six mois ; un justificatif de domicile conforme ; le timbre fiscal ; et "
        "les originaux de vos documents et leurs photocopies, y compris de votre pièce d'identité. Il faut un timbre "
        "fiscal de 86 euros. Voulez-vous savoir où et quand faire la demande ?"
    )
    where = follow(details, "AMAZON.YesIntent")
    said = speech(where)
    assert said.startswith(
        "Les demandes du passeport se font au service de l'état civil. Adresse : premier étage du Centre "
        "administratif municipal, 47 rue du Général Leclerc, 92130 Issy-les-Moulineaux. Le service de l'état civil "
        "est ouvert du lundi au mercredi et le vendredi, de 8 heures 30 à 18 heures."
    )
    assert said.endswith(ANYTHING_ELSE)


def test_no_after_the_offer_keeps_the_procedure_for_follow_ups() -> None:
    no = follow(_passport_for_adult(), "AMAZON.NoIntent")
    assert speech(no) == f"D'accord. {ANYTHING_ELSE}"
    assert no["response"]["shouldEndSession"] is False
    delay = follow(no, "ProcedureDelayIntent")
    assert speech(delay) == (
        "Le délai de fabrication dépend de la période : dans les villes voisines, il faut compter de trois semaines "
        f"à deux mois, et davantage avant les vacances d'été. {ANYTHING_ELSE}"
    )


def test_follow_ups_in_the_same_session() -> None:
    first = _passport_for_adult()
    cost = follow(first, "ProcedureCostIntent")
    assert speech(cost) == f"Pour le passeport, il faut un timbre fiscal de 86 euros. {ANYTHING_ELSE}"
    documents = follow(cost, "ProcedureDocumentsIntent")
    assert speech(documents).startswith("Pour le passeport, apportez cinq pièces.")
    assert speech(documents).endswith("Voulez-vous savoir où et quand faire la demande ?")
    where = follow(documents, "ProcedureWhereIntent")
    assert speech(where).startswith("Les demandes du passeport se font au service de l'état civil.")
    assert "de 8 heures 30 à 19 heures" in speech(where)
    delay = follow(where, "ProcedureDelayIntent")
    assert speech(delay).startswith("Le délai de fabrication dépend de la période")


def test_a_follow_up_without_context_asks_the_document_then_answers_it() -> None:
    asked = send(intent("ProcedureCostIntent"))
    assert speech(asked) == ASK_DOCUMENT
    assert elicited(asked) == (
        "document",
        {"document": None, "situation": None, "age": None, "person": None},
    )
    # the question was « combien ? »: once the document is known it is answered, in general if need be
    answered = answer_to(asked, [document("carte-identite", "la carte d'identité")])
    assert speech(answered) == (
        "Pour la carte nationale d'identité, le renouvellement est gratuit si vous rendez votre ancienne carte ; "
        f"en cas de perte ou de vol, il faut un timbre fiscal de 25 euros. {ANYTHING_ELSE}"
    )


def test_a_question_that_says_the_case_is_answered_in_one_turn() -> None:
    slots = [document("passeport", "le passeport"), person("enfant", "ma fille"), slot("age", "8")]
    cost = send(intent("ProcedureCostIntent", slots))
    assert speech(cost) == f"Pour le passeport, il faut un timbre fiscal de 17 euros. {ANYTHING_ELSE}"
    assert directives(cost) == []
    adult = send(intent("ProcedureCostIntent", [document("passeport", "un passeport"), person("moi", "un adulte")]))
    assert speech(adult).startswith("Pour le passeport, il faut un timbre fiscal de 86 euros.")
    stolen = [document("carte-identite", "carte d'identité"), situation("perte-vol", "volée")]
    papers = send(intent("ProcedureDocumentsIntent", stolen))
    assert "en cas de vol, la déclaration de vol" in speech(papers)
    assert session_attributes(papers)["procedure"]["case"] == "perte-vol-majeur"


def test_a_follow_up_adds_what_it_says_to_what_the_session_knew() -> None:
    first = send(intent("IdProcedureIntent", [document("passeport", "passeport"), person("enfant", "mon fils")]))
    cost = send(intent("ProcedureCostIntent", [slot("age", "16")], session_attributes=session_attributes(first)))
    assert speech(cost).startswith("Pour le passeport, il faut un timbre fiscal de 42 euros.")


def test_a_follow_up_asks_only_the_document_then_answers_the_question() -> None:
    asked = send(intent("ProcedureDelayIntent"))
    answered = answer_to(asked, [document("passeport", "passeport")])
    assert speech(answered).startswith("Le délai de fabrication dépend de la période")
    assert directives(answered) == []


def test_the_dialog_remembers_resolved_slots_when_they_come_back_as_said() -> None:
    asked = send(intent("IdProcedureIntent", [document("passeport", "passeport")]))
    assert directives(asked)[0]["updatedIntent"]["slots"]["document"]["resolutions"]["resolutionsPerAuthority"][0][
        "values"
    ] == [{"value": {"name": "passeport", "id": "passeport"}}]
    unresolved = {"name": "document", "value": "passeport", "confirmationStatus": "NONE"}
    result = answer_to(asked, [unresolved, situation("perte-vol", "volé"), person("moi")])
    assert speech(result).endswith(f"Il faut un timbre fiscal de 86 euros. {HELP} {OFFER}")
    assert session_attributes(result)["procedure"]["case"] == "perte-vol-majeur"


def test_a_new_request_during_the_dialog_starts_over() -> None:
    asked = send(intent("IdProcedureIntent", [document("passeport", "passeport")]))
    assert elicited(asked)[0] == "situation"
    other = answer_to(asked, [document("carte-identite", "carte d'identité"), situation("perte-vol", "perdu")])
    assert directives(other) == []
    assert session_attributes(other)["procedure"]["case"] == "perte-vol-majeur"
    again = send(intent("IdProcedureIntent", [document("passeport", "passeport")]))
    restarted = intent(
        "IdProcedureIntent", [situation("perte-vol", "perdu")], session_attributes=session_attributes(again)
    )
    restarted["request"]["dialogState"] = "STARTED"
    result = send(restarted)
    assert speech(result) == ASK_DOCUMENT


def test_yes_after_the_conversation_moved_on_does_not_accept_a_stale_offer() -> None:
    offered = send(intent("IdProcedureIntent", [document("carte-identite", "carte d'identité")]))
    hours = send(
        intent(
            "OpeningHoursIntent",
            [slot("facility", "la mairie", "mairie", "FACILITY")],
            session_attributes=session_attributes(offered),
        )
    )
    yes = send(intent("AMAZON.YesIntent", session_attributes=session_attributes(hours)))
    assert "apportez" not in speech(yes)
    assert speech(yes).startswith("Je peux vous renseigner")
