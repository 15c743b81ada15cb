"""The promises of the store page, written into `skill-package/skill.json` by `mairie build`.

Rule: the example phrases, the summary, the description and the testing instructions name only
what the catalogue can answer (`domain.promises`: a facility with confirmed hours, a procedure, an
episode or a magazine issue with confirmed audio). Reason: certification's functional tests try the
example phrases first, and a resident reads the store page before trying the skill. The rest of
`skill.json` stays as the team wrote it: only these four values are replaced, in place, so its
hand formatting (one-line arrays) survives and `mairie build --check` sees when a promise no longer
holds (staff removed the hours of the facility the store page names: the file is stale, and the
check says which phrase fell).

Amazon's rules for `examplePhrases` (shared/reference/alexa-platform.md, §4): three phrases; the
first with the wake word and the invocation name in a launch pattern (« Alexa, ouvre … »).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

from mairie.catalogue.model import Catalogue
from mairie.domain.promises import (
    facilities_with_hours,
    has_magazine_issue,
    playable,
    playable_episodes,
    playable_issues,
)
from mairie.voice.assistant import is_open_question, redo_question
from mairie.voice.french import de, join_list

MANIFEST = "skill-package/skill.json"
LOCALE = "fr-FR"


@dataclass(frozen=True)
class StorePage:
    example_phrases: tuple[str, ...]
    summary: str
    description: str
    testing_instructions: str
    tried: tuple[str, ...]
    """What the testing instructions ask a tester to say, in order (the test walks them)."""


def store_page(catalogue: Catalogue) -> StorePage:
    city = catalogue.city
    invocation = city.invocation_name
    questions = _questions(catalogue)
    direct = [question for question, _ in questions]
    tried = (f"ouvre {invocation}", *direct, *(("pause", "reprends") if playable_episodes(catalogue) else ()))
    return StorePage(
        example_phrases=(
            f"Alexa, ouvre {invocation}",
            *(f"Alexa, demande à {invocation} {asked}" for _, asked in questions[:2]),
        ),
        summary=f"{_capitalised(join_list(_topics(catalogue)))} de la ville {de(city.name)}.",
        description=_description(catalogue),
        testing_instructions="Aucun compte ni permission n'est nécessaire. Essayez : "
        + ", ".join(f"« {phrase} »" for phrase in tried[:1])
        + (", puis " + ", ".join(f"« {phrase} »" for phrase in tried[1:]) if tried[1:] else "")
        + ".",
        tried=tried,
    )


def _questions(catalogue: Catalogue) -> list[tuple[str, str]]:
    """The questions the page offers, each answerable (as `voice.assistant.examples`): said in the
    skill, and asked after « Alexa, demande à … »."""
    found: list[tuple[str, str]] = []
    with_hours = facilities_with_hours(catalogue)
    if with_hours:
        question = is_open_question(with_hours[0])
        found.append((question, "si " + question.removeprefix("est-ce que ")))
    if catalogue.procedures:
        found.append((redo_question(catalogue), redo_question(catalogue)))
    if playable_episodes(catalogue):
        found.append(("joue le dernier podcast", "de jouer le dernier podcast"))
    elif has_magazine_issue(catalogue):
        found.append(("quoi de neuf dans le magazine", "quoi de neuf dans le magazine"))
    return found


def _topics(catalogue: Catalogue) -> list[str]:
    topics = []
    if facilities_with_hours(catalogue):
        topics.append("les horaires des équipements")
    if catalogue.procedures:
        topics.append("les démarches d'identité")
    if catalogue.magazine is not None and has_magazine_issue(catalogue):
        topics.append("le magazine")
    if catalogue.podcasts:
        topics.append("les podcasts")
    return topics


def _description(catalogue: Catalogue) -> str:
    city = catalogue.city
    paragraphs = [f"{_capitalised(city.skill_name)} répond à vos questions sur la vie de la ville {de(city.name)}."]
    sentences = []
    with_hours = facilities_with_hours(catalogue)
    if with_hours:
        names = join_list([f.name for f in with_hours[:2]], "ou")
        sentences.append(f"Demandez si {names} est ouvert aujourd'hui, jusqu'à quelle heure, ou quand il rouvre.")
        if all(f.feminine for f in with_hours[:2]):
            sentences[-1] = sentences[-1].replace(" est ouvert ", " est ouverte ").replace(" il rouvre", " elle rouvre")
    if catalogue.procedures:
        documents = join_list([_indefinite(p.name) for p in catalogue.procedures], "ou")
        sentences.append(f"Renseignez-vous sur les démarches pour faire ou renouveler {documents}.")
    magazine = catalogue.magazine
    if magazine is not None and has_magazine_issue(catalogue):
        audio = " ou sa version audio" if playable_issues(catalogue) else ""
        sentences.append(f"Écoutez le sommaire du magazine municipal {magazine.name}{audio}.")
    if playable_episodes(catalogue):
        titles = join_list([f"« {s.title} »" for s in catalogue.podcasts if any(map(playable, s.episodes))])
        sentences.append(f"Écoutez les épisodes du podcast {titles} : la lecture reprend là où vous l'aviez arrêtée.")
    elif catalogue.podcasts:
        titles = join_list([f"« {s.title} »" for s in catalogue.podcasts])
        sentences.append(f"Découvrez les épisodes du podcast {titles}, leurs invités et où les écouter.")
    if sentences:
        paragraphs.append(" ".join(sentences))
    paragraphs.append(
        f"Pour commencer, dites : Alexa, ouvre {city.invocation_name}. "
        "À tout moment, dites « aide » pour savoir quoi demander."
    )
    return "\n\n".join(paragraphs)


def _indefinite(name: str) -> str:
    """ "la carte nationale d'identité" → "une carte nationale d'identité"; "le passeport" → "un passeport"."""
    for article, indefinite in (("la ", "une "), ("le ", "un ")):
        if name.startswith(article):
            return indefinite + name[len(article) :]
    return name


def _capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- Writing the values into skill.json ------------------------------------------------------------


def apply_store_page(text: str, page: StorePage) -> str:
    """`skill.json`'s text with the four generated values replaced in place (the rest byte for byte).

    Raises ValueError (in French) when a key is missing: the file's layout is the team's."""
    replaced = _replace_string(text, "summary", page.summary)
    replaced = _replace_string(replaced, "description", page.description)
    replaced = _replace_string(replaced, "testingInstructions", page.testing_instructions)
    match = re.search(r'^( *)"examplePhrases": \[[^\]]*\]', replaced, re.MULTILINE)
    if match is None:
        raise ValueError("la clé « examplePhrases » est introuvable")
    indent = match.group(1)
    items = ",\n".join(f"{indent}  {json.dumps(phrase, ensure_ascii=False)}" for phrase in page.example_phrases)
    block = f'{indent}"examplePhrases": [\n{items}\n{indent}]'
    return replaced[: match.start()] + block + replaced[match.end() :]


def _replace_string(text: str, key: str, value: str) -> str:
    pattern = re.compile(rf'("{key}": )"(?:[^"\\]|\\.)*"')
    if pattern.search(text) is None:
        raise ValueError(f"la clé « {key} » est introuvable")
    return pattern.sub(lambda m: m.group(1) + json.dumps(value, ensure_ascii=False), text, count=1)


def example_phrases_of(text: str) -> list[str]:
    """The example phrases a `skill.json` text holds now (none if it is not readable)."""
    try:
        phrases = json.loads(text)["manifest"]["publishingInformation"]["locales"][LOCALE]["examplePhrases"]
    except (json.JSONDecodeError, KeyError, TypeError):
        return []
    return [str(phrase) for phrase in phrases] if isinstance(phrases, list) else []
