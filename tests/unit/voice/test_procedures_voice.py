"""French sentences about a procedure: documents, place, the question asked again with the general answer."""

from __future__ import annotations

from mairie.catalogue.model import Facility, Procedure
from mairie.domain.procedures import Detail
from mairie.voice.procedures import ask_detail_again, say_documents, say_where


def passport(documents: tuple[str, ...]) -> Procedure:
    return Procedure(
        "passeport", "le passeport", False, (), "Faites la pré-demande.", ("Étape.",), documents, "86 euros.", "Délais."
    )


def test_documents_are_counted_then_listed_with_semicolons() -> None:
    said = say_documents(passport(("une photo, de moins de six mois", "le timbre fiscal", "un justificatif")), None)
    assert said == (
        "Pour le passeport, apportez trois pièces. Une photo, de moins de six mois ; le timbre fiscal ; "
        "et un justificatif."
    )


def test_a_single_document() -> None:
    assert say_documents(passport(("une photo",)), None) == "Pour le passeport, apportez une pièce. Une photo."


def test_where_with_and_without_an_address() -> None:
    office = Facility(
        id="etat-civil", name="le service de l'état civil", feminine=False, kind="service", address="1 rue A"
    )
    assert say_where(passport(("x",)), office) == (
        "Les demandes du passeport se font au service de l'état civil. Adresse : 1 rue A."
    )
    nowhere = Facility(id="etat-civil", name="la mairie", feminine=True, kind="mairie")
    assert say_where(passport(("x",)), nowhere) == "Les demandes du passeport se font à la mairie."


def test_the_question_asked_again_follows_the_general_answer() -> None:
    assert ask_detail_again(passport(("x",)), Detail.AGE) == (
        "Faites la pré-demande. 86 euros. Pour une réponse adaptée à votre cas, dites-moi : quel âge a l'enfant ?"
    )
