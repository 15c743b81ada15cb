"""Rules any city's content must keep, whatever it says: the only tests that read `content/`.

Staff change `content/` every week (hours, closures, episodes, the magazine), so no test may assert
what it says today. These rules hold for any valid catalogue instead; each returns the list of what
breaks it (empty when the content keeps it), so the same rules run on the city's content
(`test_content_rules.py`) and on a copy edited as the staff guide shows (`test_guide_edits.py`):

- the content validates, and the interaction model builds from it (Alexa's limits, no sample shared);
- every facility is understood by its name and by each of its synonyms: the local resolver reads
  « est-ce que NOM est ouvert ? » and the real `lambda_handler` answers about that facility (or, for
  a synonym several facilities share on purpose, asks which one, naming it);
- every podcast episode can be asked for (by its title, and by each guest) and every magazine issue
  (by its month): the answer names that episode or that month;
- no spoken answer's first sentence is longer than 25 words (every answer `tests/skill/all_answers`
  knows how to ask for, on this catalogue);
- the podcast feeds never publish an entry marked `exemple`, nor an e-mail the content does not give;
- every promise is kept: each example the skill itself gives (welcome, help, « je n'ai pas compris »)
  and each example phrase of `skill.json` gets a real answer, not a misunderstanding.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mairie.catalogue.current import reset_catalogue_cache
from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.model import Catalogue
from mairie.catalogue.validation import validate
from mairie.tools.build import MODEL, PHRASES, build_model, load_grammar
from mairie.tools.conversation import Conversation, Turn
from mairie.tools.envelopes import Caller
from mairie.tools.feeds import feed_files
from mairie.tools.local_skill import LocalSkill, import_lambda_handler
from mairie.tools.resolver import Resolver
from mairie.voice import assistant
from mairie.voice.french import MONTHS, de
from tests.skill.all_answers import MAX_WORDS, every_answer, first_sentence, words
from tests.skill.envelopes import speech

ROOT = Path(__file__).resolve().parents[2]
MANIFEST = ROOT / "skill-package" / "skill.json"
NOW = datetime(2026, 11, 26, 10, 0)
"""A Thursday morning (city time): when the questions are asked."""
NOT_AN_ANSWER = ("Désolée, je n'ai pas compris", "Je ne connais pas", "Je ne trouve pas")
"""How the skill says it did not understand or does not know: never a kept promise."""
_QUOTED = re.compile(r"« ([^»]+?) ?»")


@dataclass
class CityUnderTest:
    """A content folder, its catalogue, and the skill (resolver + real handler) answering from it."""

    folder: Path
    catalogue: Catalogue
    skill: LocalSkill

    def ask(self, text: str, user: str = "content-rules") -> Turn:
        return Conversation(self.skill, Caller(user=user)).speak(text, self.skill.local_time(NOW))


@contextmanager
def city_under_test(folder: Path) -> Iterator[CityUnderTest]:
    """The skill on `folder` (`MAIRIE_CONTENT`), with the model `mairie build` would make from it."""
    catalogue = load_catalogue(folder)
    model = build_model(json.loads((ROOT / MODEL).read_text(encoding="utf-8")), ROOT / PHRASES, catalogue)
    assert isinstance(model, dict), [problem.render() for problem in model]
    previous = os.environ.get("MAIRIE_CONTENT")
    os.environ["MAIRIE_CONTENT"] = str(folder)
    reset_catalogue_cache()
    try:
        resolver = Resolver(model, load_grammar(ROOT / PHRASES))
        skill = LocalSkill(resolver, import_lambda_handler(), ZoneInfo(catalogue.city.timezone))
        yield CityUnderTest(folder, catalogue, skill)
    finally:
        if previous is None:
            os.environ.pop("MAIRIE_CONTENT", None)
        else:
            os.environ["MAIRIE_CONTENT"] = previous
        reset_catalogue_cache()


# -- the rules ---------------------------------------------------------------------------------------


def validation_problems(folder: Path) -> list[str]:
    return [problem.render() for problem in validate(folder)]


def model_problems(folder: Path) -> list[str]:
    """What `mairie build` would refuse in the interaction model made from this content."""
    skeleton = json.loads((ROOT / MODEL).read_text(encoding="utf-8"))
    model = build_model(skeleton, ROOT / PHRASES, load_catalogue(folder))
    return [] if isinstance(model, dict) else [problem.render() for problem in model]


def facilities_not_understood(city: CityUnderTest) -> list[str]:
    """Each name and synonym, asked « est-ce que … est ouvert ? », must reach that facility.

    A name must reach it alone. A synonym may be shared on purpose (« la piscine » for every pool):
    Alexa then asks « Laquelle : … ou … ? », which must name this facility among the others.
    """
    failures = []
    for facility in city.catalogue.facilities:
        for name in (facility.name, *facility.synonyms):
            turn = city.ask(f"est-ce que {name} est {'ouverte' if facility.feminine else 'ouvert'}")
            slot = turn.resolution.filled.get("facility")
            ids = [value.id for value in slot.values] if slot is not None and slot.status == "ER_SUCCESS_MATCH" else []
            said = speech(turn.response)
            named = [city.catalogue.facility(found) for found in ids]
            understood = ids == [facility.id] or (name != facility.name and facility.id in ids)
            if not understood or not all(f is not None and _names(said, f.name) for f in named):
                failures.append(f"{facility.id}: « {name} » → {turn.resolution.intent} {ids}: {said}")
    return failures


def _names(said: str, name: str) -> bool:
    """Whether `said` names the facility, whatever the article became (« du Musée », « au parc »)."""
    bare = re.sub(r"^(le |la |les |l')", "", name, flags=re.IGNORECASE)
    return bare.lower() in said.lower()


def media_not_reachable(city: CityUnderTest) -> list[str]:
    """Every episode by its title and by each guest, every magazine issue by its month."""
    failures = []
    for series in city.catalogue.podcasts:
        for episode in series.episodes:
            for asked in (f"joue l'épisode {episode.title}", *(f"joue l'épisode avec {g}" for g in episode.guests)):
                said = speech(city.ask(asked).response)
                # example audio is never streamed: the answer names the episode by its number and where to listen
                named = f"L'épisode {episode.number} de {series.title} n'est pas encore disponible" in said
                if episode.title not in said and not (episode.example and named):
                    failures.append(f"{series.id}/{episode.id}: « {asked} » → {said}")
    if city.catalogue.magazine is not None:
        for issue in city.catalogue.magazine.issues:
            month = f"{MONTHS[issue.month.month - 1]} {issue.month.year}"
            asked = f"quoi de neuf dans le magazine {de(month)}"
            said = speech(city.ask(asked).response)
            if month not in said or said.startswith(NOT_AN_ANSWER):
                failures.append(f"magazine {issue.id}: « {asked} » → {said}")
    return failures


def long_first_sentences(city: CityUnderTest) -> list[str]:
    """No answer's first sentence longer than `MAX_WORDS` words, on this catalogue."""
    found = []
    for area, label, said in every_answer():
        sentence = first_sentence(said)
        if len(words(sentence)) > MAX_WORDS:
            found.append(f"{area} {label}: {sentence}")
    return found


def promises(catalogue: Catalogue) -> list[str]:
    """Every phrase the skill or its store listing tells residents to say."""
    spoken = [
        assistant.help_text(catalogue),
        assistant.welcome_back(catalogue),
        assistant.not_understood(catalogue),
        *(assistant.help_for(catalogue, topic) for topic in ("hours", "procedure", "podcast", "magazine")),
    ]
    found = [match.rstrip(" ?") for text in spoken for match in _QUOTED.findall(text)]
    manifest = json.loads(MANIFEST.read_text(encoding="utf-8"))
    for phrase in manifest["manifest"]["publishingInformation"]["locales"]["fr-FR"]["examplePhrases"]:
        found.append(_without_wake_word(phrase, catalogue.city.invocation_name))
    return [phrase for phrase in dict.fromkeys(found) if phrase and not phrase.startswith(("redites", "Alexa,"))]


def _without_wake_word(phrase: str, invocation: str) -> str:
    """ "Alexa, demande à la mairie d'issy si la médiathèque est ouverte" → "si la médiathèque est ouverte";
    "Alexa, ouvre la mairie d'issy" → "" (a launch, checked by the welcome)."""
    text = re.sub(r"^alexa,?\s*", "", phrase.strip(), flags=re.IGNORECASE)
    for opener in ("ouvre ", "lance ", "demande à ", "demande a ", "dis à ", "dis a "):
        if text.lower().startswith(opener + invocation):
            return text[len(opener + invocation) :].strip(" ,")
    return text


def promises_not_kept(city: CityUnderTest) -> list[str]:
    failures = []
    for phrase in promises(city.catalogue):
        turn = city.ask(phrase)
        said = speech(turn.response)
        if turn.resolution.intent in (None, "AMAZON.FallbackIntent") or not said or said.startswith(NOT_AN_ANSWER):
            failures.append(f"« {phrase} » → {turn.resolution.intent}: {said}")
    return failures


def feed_leaks(catalogue: Catalogue) -> list[str]:
    """A feed never publishes an entry marked `exemple`, and never shows an e-mail the content does not give."""
    examples = {f"podcast:{s.id}:{e.id}" for s in catalogue.podcasts for e in s.episodes if e.example}
    if catalogue.magazine is not None:
        examples |= {f"magazine:{issue.id}" for issue in catalogue.magazine.issues if issue.example}
    owners = {s.feed.owner_email for s in catalogue.podcasts}
    if catalogue.magazine is not None:
        owners.add(catalogue.magazine.feed.owner_email)
    leaks = []
    for path, text in feed_files(catalogue).items():
        guids = set(re.findall(r'<guid isPermaLink="false">([^<]+)</guid>', text))
        leaks += [f"{path}: {guid} est un exemple" for guid in sorted(guids & examples)]
        leaks += [f"{path}: {mail}" for mail in re.findall(r"[\w.+-]+@[\w.-]+", text) if mail not in owners]
    return leaks


def every_rule(folder: Path) -> dict[str, list[str]]:
    """Each rule's failures on `folder` (all lists empty when the content keeps every rule)."""
    broken = {"validation": validation_problems(folder)}
    if broken["validation"]:
        return broken
    broken["model"] = model_problems(folder)
    broken["feeds"] = feed_leaks(load_catalogue(folder))
    with city_under_test(folder) as city:
        broken["facilities"] = facilities_not_understood(city)
        broken["media"] = media_not_reachable(city)
        broken["first sentences"] = long_first_sentences(city)
        broken["promises"] = promises_not_kept(city)
    return broken


def summary(broken: dict[str, Any]) -> dict[str, Any]:
    return {rule: failures for rule, failures in broken.items() if failures}
