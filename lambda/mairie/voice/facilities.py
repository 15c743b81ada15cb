"""French answers about a facility itself: where it is, how to call it, what it is."""

from __future__ import annotations

from collections.abc import Sequence

from mairie.catalogue.model import Facility
from mairie.voice.french import capitalize_first, de, join_list
from mairie.voice.hours import where_to_check


def say_address(facility: Facility) -> str:
    """ "L'adresse du Musée français de la Carte à Jouer : 16 rue Auguste Gervais, 92130 Issy-les-Moulineaux."
    / "Je n'ai pas l'adresse du parc de l'Île Saint-Germain. Vous la trouverez sur …" """
    if facility.address:
        return f"L'adresse {de(facility.name)} : {_clause(facility.address)}."
    return f"Je n'ai pas l'adresse {de(facility.name)}.{_where_else(facility, 'la trouverez')}"


def say_phone(facility: Facility) -> str:
    """ "Le numéro du Musée français de la Carte à Jouer est le 01 41 23 83 60."
    / "Je n'ai pas de numéro de téléphone pour la médiathèque centre-ville. Vous le trouverez sur …" """
    if facility.phone:
        return f"Le numéro {de(facility.name)} est le {facility.phone}."
    return f"Je n'ai pas de numéro de téléphone pour {facility.name}.{_where_else(facility, 'le trouverez')}"


def say_about(facility: Facility) -> str:
    """The description staff wrote, then the address; or what little is known ("C'est une piscine.")."""
    sentences = [_sentence(facility.description)] if facility.description else []
    if not sentences:
        sentences.append(
            f"{capitalize_first(facility.name)} est {'une' if facility.feminine else 'un'} {facility.kind}."
        )
    if facility.address:
        sentences.append(f"Adresse : {_clause(facility.address)}.")
    return " ".join(sentences)


def ask_which_facility(examples: Sequence[Facility]) -> str:
    """ "Je ne connais pas cet équipement. Je connais par exemple la mairie ou la médiathèque. Lequel voulez-vous ?" """
    names = join_list([f.name for f in examples[:3]], "ou")
    known = f" Je connais par exemple {names}." if names else ""
    return f"Je ne connais pas cet équipement.{known} Lequel voulez-vous ?"


def card_text(facility: Facility) -> str:
    lines = [_sentence(facility.description)] if facility.description else []
    if facility.address:
        lines.append(f"Adresse : {facility.address}")
    if facility.phone:
        lines.append(f"Téléphone : {facility.phone}")
    if facility.website:
        lines.append(f"Site : {facility.website}")
    return "\n".join(lines) or capitalize_first(facility.name)


def _where_else(facility: Facility, verb: str) -> str:
    where = where_to_check(facility)
    return f" Vous {verb} {where}." if where else ""


def _sentence(text: str | None) -> str:
    text = (text or "").strip()
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def _clause(text: str) -> str:
    return text.strip().rstrip(".")
