"""The assistant's own words: welcome, help, misunderstandings, goodbyes, apologies.

Generic French only; every city fact (names, examples) comes from the catalogue.
"""

from __future__ import annotations

from mairie.catalogue.model import Catalogue
from mairie.voice.french import de, join_list


def examples(catalogue: Catalogue) -> list[str]:
    """Two or three concrete questions a resident can ask, built from this city's catalogue."""
    found: list[str] = []
    with_hours = [f for f in catalogue.facilities if f.weekly is not None]
    facility = with_hours[0] if with_hours else (catalogue.facilities[0] if catalogue.facilities else None)
    if facility is not None:
        found.append(f"« est-ce que {facility.name} est {'ouverte' if facility.feminine else 'ouvert'} ? »")
    if catalogue.procedures:
        found.append(f"« comment refaire {_possessive(catalogue.procedures[0].name)} ? »")
    if catalogue.podcasts:
        found.append("« joue le dernier podcast »")
    elif catalogue.magazine is not None:
        found.append("« quoi de neuf dans le magazine ? »")
    return found


def _possessive(name: str) -> str:
    """ "la carte nationale d'identité" → "ma carte nationale d'identité"."""
    for article, possessive in (("la ", "ma "), ("le ", "mon "), ("l'", "mon ")):
        if name.startswith(article):
            return possessive + name[len(article) :]
    return name


def topics(catalogue: Catalogue) -> str:
    parts = []
    if catalogue.facilities:
        parts.append("les horaires des équipements")
    if catalogue.procedures:
        parts.append(f"les démarches pour {join_list([p.name for p in catalogue.procedures], 'ou')}")
    if catalogue.magazine is not None:
        parts.append(f"le magazine {catalogue.magazine.name}")
    if catalogue.podcasts:
        parts.append(f"les podcasts {join_list([s.title for s in catalogue.podcasts])}")
    parts.append(f"la ville {de(catalogue.city.name)}")
    return join_list(parts)


def help_text(catalogue: Catalogue) -> str:
    return (
        f"Je peux vous renseigner sur {topics(catalogue)}. "
        f"Par exemple, dites {join_list(examples(catalogue), 'ou')}. Que voulez-vous savoir ?"
    )


def what_now() -> str:
    return "Que voulez-vous savoir ?"


def anything_else() -> str:
    return "Puis-je vous aider pour autre chose ?"


def not_understood(catalogue: Catalogue) -> str:
    sample = examples(catalogue)
    hint = f" Vous pouvez dire par exemple {sample[0]}." if sample else ""
    return f"Désolée, je n'ai pas compris.{hint} Que voulez-vous savoir ?"


def not_understood_again(catalogue: Catalogue) -> str:
    return f"Je ne vous comprends toujours pas, désolée. {help_text(catalogue)}"


def give_up() -> str:
    return "Je préfère m'arrêter là pour le moment. Revenez quand vous voulez. Au revoir !"


def goodbye() -> str:
    return "Au revoir, à bientôt !"


def sorry() -> str:
    return "Désolée, un problème m'empêche de répondre pour le moment. Pouvez-vous reformuler votre question ?"


def no_previous_answer() -> str:
    return "Je n'ai encore rien dit à répéter. Que voulez-vous savoir ?"
