"""French answers about identity-document procedures."""

from __future__ import annotations

from collections.abc import Sequence

from mairie.catalogue.model import Procedure, ProcedureCase
from mairie.voice.french import capitalize_first, de, join_list


def ask_which_document(procedures: Sequence[Procedure]) -> str:
    return f"Pour quel document : {join_list([p.name for p in procedures], 'ou')} ?"


def offer_documents() -> str:
    return "Voulez-vous la liste des documents à apporter ?"


def say_procedure(procedure: Procedure, case: ProcedureCase | None) -> str:
    """The short answer: for a known case, its summary and its cost; else the general summary."""
    return f"{case.summary} {case.cost}" if case is not None else procedure.summary


def documents_of(procedure: Procedure, case: ProcedureCase | None) -> list[str]:
    extra = list(case.extra_documents) if case is not None else []
    return [*procedure.documents, *extra]


def steps_of(procedure: Procedure, case: ProcedureCase | None) -> list[str]:
    extra = list(case.extra_steps) if case is not None else []
    return [*procedure.steps, *extra]


def say_documents(procedure: Procedure, case: ProcedureCase | None) -> str:
    documents = documents_of(procedure, case)
    return f"Pour {procedure.name}, apportez : {join_list(documents)}."


def say_cost(procedure: Procedure, case: ProcedureCase | None) -> str:
    return case.cost if case is not None else procedure.cost


def say_delays(procedure: Procedure) -> str:
    return procedure.delays


def say_steps(procedure: Procedure, case: ProcedureCase | None) -> str:
    steps = [s.rstrip(".") for s in steps_of(procedure, case)]
    numbered = [f"{_ordinal(i)}, {s[:1].lower()}{s[1:]}" for i, s in enumerate(steps, start=1)]
    return capitalize_first(". ".join(numbered)) + "."


def _ordinal(index: int) -> str:
    words = ["d'abord", "ensuite", "puis", "après cela", "enfin"]
    return words[min(index - 1, len(words) - 1)].capitalize()


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


def not_a_document(said: str | None, procedures: Sequence[Procedure]) -> str:
    what = f"« {said} »" if said else "ce document"
    return (
        f"Je ne connais pas les démarches pour {what}. "
        f"Je peux vous renseigner sur {join_list([p.name for p in procedures], 'ou')}. Lequel vous intéresse ?"
    )


def say_where_intro(procedure: Procedure, place_name: str) -> str:
    return f"Les demandes {de(procedure.name)} se font {place_name}."
