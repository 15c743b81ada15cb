"""Identity card and passport through lambda_handler: short answer, then details on request."""

from __future__ import annotations

from typing import Any

from tests.skill.envelopes import intent, reprompt, send, session_attributes, slot, speech


def document(procedure_id: str, said: str) -> dict[str, Any]:
    return slot("document", said, procedure_id, "DOCUMENT_TYPE")


def test_id_card_renewal_short_answer_offers_the_documents() -> None:
    result = send(intent("IdProcedureIntent", [document("carte-identite", "carte d'identité")]))
    said = speech(result)
    assert said.startswith(
        "Pour votre carte d'identité, faites d'abord la pré-demande en ligne sur le site ants.gouv.fr"
    )
    assert said.endswith("Voulez-vous la liste des documents à apporter ?")
    assert reprompt(result) == "Voulez-vous la liste des documents à apporter ?"
    card = result["response"]["card"]
    assert "https://ants.gouv.fr" in card["content"]
    assert "Documents à apporter :" in card["content"]


def test_lost_id_card_mentions_the_25_euro_stamp() -> None:
    slots = [document("carte-identite", "carte d'identité"), slot("situation", "perdu", "perte-vol", "SITUATION")]
    said = speech(send(intent("IdProcedureIntent", slots)))
    assert "timbre fiscal de 25 euros" in said


def test_passport_for_a_ten_year_old_gives_the_minor_cost_and_presence_rule() -> None:
    slots = [
        document("passeport", "passeport"),
        slot("person", "fils", "enfant", "PERSON"),
        slot("age", "10"),
    ]
    result = send(intent("IdProcedureIntent", slots))
    said = speech(result)
    assert "17 euros" in said
    assert "enfant" in said
    details = send(intent("AMAZON.YesIntent", session_attributes=session_attributes(result)))
    assert "présent" in speech(details) or "parent" in speech(details)


def test_yes_gives_documents_then_where_and_when() -> None:
    first = send(intent("IdProcedureIntent", [document("passeport", "passeport")], at="2026-11-26T09:00:00Z"))
    documents = send(intent("AMAZON.YesIntent", session_attributes=session_attributes(first)))
    said = speech(documents)
    assert said.startswith("Pour le passeport, apportez : le numéro ou le QR code de votre pré-demande")
    assert "Voulez-vous savoir où et quand faire la demande ?" in said
    where = send(intent("AMAZON.YesIntent", session_attributes=session_attributes(documents)))
    said = speech(where)
    assert said.startswith("La demande se fait au service de l'état civil")
    assert "47 rue du Général Leclerc" in said
    assert "8 heures 30" in said


def test_no_after_the_offer_is_acknowledged() -> None:
    first = send(intent("IdProcedureIntent", [document("passeport", "passeport")]))
    no = send(intent("AMAZON.NoIntent", session_attributes=session_attributes(first)))
    assert speech(no) == "D'accord. Puis-je vous aider pour autre chose ?"
    assert no["response"]["shouldEndSession"] is False


def test_missing_document_asks_which_one() -> None:
    result = send(intent("IdProcedureIntent"))
    assert speech(result) == "Pour quel document : la carte nationale d'identité ou le passeport ?"
    assert result["response"]["shouldEndSession"] is False


def test_unknown_document_is_named_back() -> None:
    said = speech(send(intent("IdProcedureIntent", [slot("document", "permis de conduire", None, "DOCUMENT_TYPE")])))
    assert said.startswith("Je ne connais pas les démarches pour « permis de conduire ».")
