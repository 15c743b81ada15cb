"""The assistant's own words: welcome, help, misunderstandings, goodbyes, apologies.

Generic French only; every city fact (names, examples) comes from the catalogue.
"""

from __future__ import annotations

from mairie.catalogue.model import Catalogue, Facility
from mairie.domain.promises import facilities_with_hours, has_magazine_issue, playable_episodes, playable_issues
from mairie.voice.french import de, join_list


def examples(catalogue: Catalogue) -> list[str]:
    """Two or three concrete questions a resident can ask, each one the catalogue can answer
    (`domain.promises`): a facility with confirmed hours, a procedure, a confirmed episode."""
    found: list[str] = []
    with_hours = facilities_with_hours(catalogue)
    if with_hours:
        found.append(f"« {is_open_question(with_hours[0])} ? »")
    if catalogue.procedures:
        found.append(f"« {redo_question(catalogue)} ? »")
    if playable_episodes(catalogue):
        found.append("« joue le dernier podcast »")
    elif has_magazine_issue(catalogue):
        found.append("« quoi de neuf dans le magazine ? »")
    return found


def is_open_question(facility: Facility) -> str:
    """ "est-ce que le service de l'état civil est ouvert" """
    return f"est-ce que {facility.name} est {'ouverte' if facility.feminine else 'ouvert'}"


def redo_question(catalogue: Catalogue) -> str:
    """ "comment refaire ma carte nationale d'identité" (the first procedure of the catalogue)."""
    return f"comment refaire {_possessive(catalogue.procedures[0].name)}"


def _possessive(name: str) -> str:
    """ "la carte nationale d'identité" → "ma carte nationale d'identité"."""
    for article, possessive in (("la ", "ma "), ("le ", "mon "), ("l'", "mon ")):
        if name.startswith(article):
            return possessive + name[len(article) :]
    return name


def topics(catalogue: Catalogue) -> str:
    """What the skill knows about, short enough for a first sentence (the examples give the names)."""
    parts = []
    if catalogue.facilities:
        parts.append("les horaires des équipements")
    if catalogue.procedures:
        parts.append("les démarches")
    if catalogue.magazine is not None:
        parts.append(f"le magazine {catalogue.magazine.name}")
    if catalogue.podcasts:
        parts.append("les podcasts")
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


# --- Help that depends on where the resident is ---------------------------------------------------

HELP_AGAIN = "Pour la liste de tout ce que je sais faire, redites « aide »."


def help_for(catalogue: Catalogue, topic: str | None) -> str:
    """Help about what the resident was just doing, with concrete examples; the general help otherwise."""
    builders = {
        "hours": _hours_help,
        "procedure": _procedure_help,
        "podcast": _podcast_help,
        "magazine": _magazine_help,
    }
    build = builders.get(topic or "")
    specific = build(catalogue) if build is not None else None
    return specific or help_text(catalogue)


def _hours_help(catalogue: Catalogue) -> str | None:
    with_hours = facilities_with_hours(catalogue)
    if not with_hours:
        return None
    first, second = with_hours[0], with_hours[min(1, len(with_hours) - 1)]
    samples = [
        f"« jusqu'à quelle heure {first.name} est {'ouverte' if first.feminine else 'ouvert'} ? »",
        f"« quels sont les horaires {de(second.name)} cette semaine ? »",
    ]
    return (
        "Pour les horaires, demandez si un lieu est ouvert, jusqu'à quelle heure, ou ses horaires de la semaine. "
        f"Par exemple : {join_list(samples, 'ou')}. {HELP_AGAIN}"
    )


def _procedure_help(catalogue: Catalogue) -> str | None:
    if not catalogue.procedures:
        return None
    first, last = catalogue.procedures[0], catalogue.procedures[-1]
    samples = [f"« j'ai perdu {_possessive(first.name)} »", f"« comment refaire {_possessive(last.name)} ? »"]
    child = _indefinite(last.name)
    if child is not None:
        samples.append(f"« comment faire {child} pour un enfant de dix ans ? »")
    return (
        "Pour une démarche, dites-moi votre situation : renouvellement, première demande, perte ou vol. "
        f"Par exemple : {join_list(samples, 'ou')}. {HELP_AGAIN}"
    )


def _indefinite(name: str) -> str | None:
    """ "le passeport" → "un passeport"; None when the gender is not visible ("l'…")."""
    for article, indefinite in (("la ", "une "), ("le ", "un ")):
        if name.startswith(article):
            return indefinite + name[len(article) :]
    return None


def _podcast_help(catalogue: Catalogue) -> str | None:
    if not catalogue.podcasts:
        return None
    titles = join_list([s.title for s in catalogue.podcasts])
    # « joue le dernier épisode » only when an episode's audio is confirmed (`domain.promises`)
    play = "« joue le dernier épisode » ou " if playable_episodes(catalogue) else ""
    return (
        f"Pour les podcasts {titles}, dites par exemple {play}« la liste des épisodes »."
        " Pendant l'écoute, dites « Alexa, pause », puis « Alexa, reprends » ou « Alexa, épisode suivant »."
        f" {HELP_AGAIN}"
    )


def _magazine_help(catalogue: Catalogue) -> str | None:
    if catalogue.magazine is None or not has_magazine_issue(catalogue):
        return None
    audio = " ou « écoute le magazine » pour la version audio" if playable_issues(catalogue) else ""
    return (
        f"Pour le magazine {catalogue.magazine.name}, dites « quoi de neuf dans le magazine ? » pour le sommaire"
        f"{audio}. {HELP_AGAIN}"
    )


# --- Welcome --------------------------------------------------------------------------------------


def welcome(catalogue: Catalogue) -> str:
    """Said the first time: the city's greeting (staff's `accueil`), then what to ask, from the catalogue.

    "Bonjour, ici la Mairie d'Issy. Je peux vous renseigner sur … Par exemple, dites « … » ou « … ».
    Que souhaitez-vous savoir ?" """
    sample = examples(catalogue)
    hint = f" Par exemple, dites {join_list(sample, 'ou')}." if sample else ""
    return f"{' '.join(catalogue.city.welcome.split())} Je peux vous renseigner sur {topics(catalogue)}.{hint} " + (
        "Que souhaitez-vous savoir ?"
    )


def welcome_back(catalogue: Catalogue) -> str:
    """The shorter greeting for a resident who already came: no introduction, one example."""
    sample = examples(catalogue)
    hint = f" Par exemple, dites {sample[0]}." if sample else ""
    return f"Bonjour, ravie de vous retrouver ! Que voulez-vous savoir ?{hint}"


# --- Reprompts that rephrase ----------------------------------------------------------------------

_REPHRASED = {
    "Que voulez-vous savoir ?": "Je vous écoute : posez-moi votre question, ou dites « stop » pour terminer.",
    "Puis-je vous aider pour autre chose ?": "Avez-vous une autre question ? Sinon, dites simplement « stop ».",
    "Que souhaitez-vous savoir ?": "Je vous écoute : posez-moi votre question, ou dites « stop » pour terminer.",
}


def rephrase(question: str) -> str:
    """The same question said differently, for a reprompt after silence (unchanged when unknown).

    "Voulez-vous la liste des documents ?" → "Dites « oui » si vous voulez la liste des documents,
    ou « non »." : a yes/no offer says again what to answer.
    """
    stripped = question.strip()
    known = _REPHRASED.get(stripped)
    if known is not None:
        return known
    if stripped.startswith("Voulez-vous ") and stripped.endswith("?") and stripped.count("?") == 1:
        offer = stripped.removeprefix("Voulez-vous ").removesuffix("?").strip()
        return f"Dites « oui » si vous voulez {offer}, ou « non »."
    return question


# --- Speech rate ----------------------------------------------------------------------------------

SLOW, FAST, NORMAL = "lent", "rapide", "normal"


def rate_changed(rate: str, previous: str) -> str:
    back = " Dites « parle normalement » pour revenir à la vitesse habituelle."
    if rate == SLOW:
        already = rate == previous
        return ("Je parle déjà au plus lent." if already else "D'accord, je parle maintenant plus lentement.") + back
    if rate == FAST:
        already = rate == previous
        return ("Je parle déjà au plus vite." if already else "D'accord, je parle maintenant plus vite.") + back
    if previous == NORMAL:
        return "Je parle déjà à la vitesse habituelle."
    return "D'accord, je reprends ma vitesse habituelle."


def rate_options() -> str:
    return "Je peux parler plus lentement, plus vite ou normalement. Dites par exemple « parle plus lentement »."


def launch_reprompt(catalogue: Catalogue) -> str:
    """Short, with one concrete example: the welcome has already listed what the skill does."""
    sample = examples(catalogue)
    hint = f"Par exemple, dites {sample[0]} " if sample else ""
    return f"{hint}Que voulez-vous savoir ?"
