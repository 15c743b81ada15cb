"""French answers about identity-document procedures."""

from __future__ import annotations

import re
from collections.abc import Sequence

from mairie.catalogue.model import Facility, Procedure, ProcedureCase
from mairie.domain.procedures import Detail
from mairie.voice.french import a, capitalize_first, de, join_list, say_count

QUESTIONS = {
    Detail.SITUATION: "Est-ce pour un renouvellement, une première demande, ou après une perte ou un vol ?",
    Detail.PERSON: "Est-ce pour vous, ou pour un enfant ?",
    Detail.AGE: "Quel âge a l'enfant ?",
}


def no_procedures() -> str:
    return "Je n'ai pas d'information sur les démarches."


def ask_which_document(procedures: Sequence[Procedure]) -> str:
    return f"Pour quel document : {join_list([p.name for p in procedures], 'ou')} ?"


def offer_documents() -> str:
    return "Voulez-vous la liste des documents à apporter ?"


def ask_detail(detail: Detail) -> str:
    """The question that chooses the resident's case."""
    return QUESTIONS[detail]


def ask_detail_again(procedure: Procedure, detail: Detail) -> str:
    """The reprompt after a question left unanswered: the general answer, then the question again."""
    question = _lower_first(ask_detail(detail))
    return f"{say_procedure(procedure, None)} Pour une réponse adaptée à votre cas, dites-moi : {question}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def general_intro() -> str:
    """Before the general answer, after "je ne sais pas"."""
    return "Ce n'est pas grave, voici l'essentiel."


def offer_where() -> str:
    return "Voulez-vous savoir où et quand faire la demande ?"


def no_document_chosen(procedures: Sequence[Procedure]) -> str:
    return f"D'accord. Je peux vous renseigner sur {join_list([p.name for p in procedures], 'ou')}."


def say_procedure(procedure: Procedure, case: ProcedureCase | None) -> str:
    """The short answer: the summary and the cost, of the case when known, else the general ones."""
    return f"{case.summary} {case.cost}" if case is not None else f"{procedure.summary} {procedure.cost}"


def documents_of(procedure: Procedure, case: ProcedureCase | None) -> list[str]:
    extra = list(case.extra_documents) if case is not None else []
    return [*procedure.documents, *extra]


def steps_of(procedure: Procedure, case: ProcedureCase | None) -> list[str]:
    extra = list(case.extra_steps) if case is not None else []
    return [*procedure.steps, *extra]


def say_documents(procedure: Procedure, case: ProcedureCase | None) -> str:
    """How many documents, then the list (semicolons: a document may hold a comma)."""
    documents = documents_of(procedure, case)
    count = f"{say_count(len(documents), feminine=True)} {'pièce' if len(documents) == 1 else 'pièces'}"
    listed = documents[0] if len(documents) == 1 else f"{' ; '.join(documents[:-1])} ; et {documents[-1]}"
    return f"Pour {procedure.name}, apportez {count}. {capitalize_first(listed)}."


def say_cost(procedure: Procedure, case: ProcedureCase | None) -> str:
    return case.cost if case is not None else procedure.cost


def say_documents_and_cost(procedure: Procedure, case: ProcedureCase | None) -> str:
    """The documents, then the cost unless the list already gave its price (« un timbre fiscal de 25
    euros » is a document too: saying it twice in a row sounds like a different sum)."""
    documents, cost = say_documents(procedure, case), say_cost(procedure, case)
    prices = _PRICE.findall(cost)
    if prices and all(price in documents for price in prices):
        return documents
    return f"{documents} {cost}"


_PRICE = re.compile(r"\d+(?:[,.]\d+)? euros?")


def say_cost_of(procedure: Procedure, case: ProcedureCase | None) -> str:
    """The cost, naming the document: « Pour le passeport, il faut un timbre fiscal de 17 euros. »"""
    return f"Pour {procedure.name}, {_lower_first(say_cost(procedure, case))}"


def say_delays(procedure: Procedure) -> str:
    return procedure.delays


def card_title(procedure: Procedure) -> str:
    return capitalize_first(procedure.name)


def card_text(procedure: Procedure, case: ProcedureCase | None) -> str:
    lines = [say_procedure(procedure, case), "", "Étapes :"]
    lines += [f"• {s}" for s in steps_of(procedure, case)]
    lines += ["", "Documents à apporter :"]
    lines += [f"• {d}" for d in documents_of(procedure, case)]
    lines += ["", f"Coût : {say_cost(procedure, case)}", f"Délais : {procedure.delays}"]
    if procedure.links:
        lines += ["", "Liens :"]
        lines += [f"• {link.label} : {link.url}" for link in procedure.links]
    return "\n".join(lines)


def not_a_document(procedures: Sequence[Procedure]) -> str:
    """A document the catalogue does not have (the words heard are not repeated: they may be anything)."""
    return (
        "Je ne connais pas les démarches pour ce document. "
        f"Je peux vous renseigner sur {join_list([p.name for p in procedures], 'ou')}. Lequel vous intéresse ?"
    )


def say_common(procedure: Procedure, detail: Detail) -> str:
    """What every case shares, said before the question that narrows it: the steps (with who helps
    without internet) before asking the situation; the costs by age before asking the age."""
    if detail == Detail.AGE:
        return f"{procedure.summary} {procedure.cost}"
    return " ".join(part for part in (procedure.summary, procedure.offline_help) if part)


def say_first_answer(procedure: Procedure, case: ProcedureCase | None) -> str:
    """The answer to the resident's case (or the general one), with who helps without internet."""
    return " ".join(part for part in (say_procedure(procedure, case), procedure.offline_help) if part)


def say_where(procedure: Procedure, facility: Facility) -> str:
    """Where to go ("Les demandes du passeport se font au service de l'état civil. Adresse : 47 rue …")."""
    where = f"Les demandes {de(procedure.name)} se font {a(facility.name)}."
    return f"{where} Adresse : {facility.address}." if facility.address else where


def no_place(procedure: Procedure) -> str:
    return f"Je ne sais pas où se font les demandes {de(procedure.name)}."
