"""Every example the skill offers gets a real answer: the store page (`skill.json`'s example phrases and
testing instructions), the welcome and the help, each phrase sent through `mairie say` (a real process,
the real `lambda_handler`).

Rule under test (`domain.promises`): the skill offers only what the catalogue can answer. It runs on
the fixture commune, and, as a rule that holds whatever the city wrote, on the real `content/`: no
fact of either is asserted, only that no offered phrase meets « je n'ai pas les horaires », a
misunderstanding, or a missing issue.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from cli_process import run_mairie

from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.model import Catalogue
from mairie.tools.store_page import store_page
from mairie.voice import assistant

ROOT = Path(__file__).resolve().parents[2]
COMMUNES = {"fixture": ROOT / "tests" / "fixtures" / "commune", "content": ROOT / "content"}
AT = "2026-11-26T10:00"
TOPICS = (None, "hours", "procedure", "podcast", "magazine")
NOT_ANSWERS = (
    "je n'ai pas les horaires",
    "je n'ai pas compris",
    "je ne connais pas",
    "je n'ai pas le numéro",
    "je ne trouve pas",
    "désolée, un problème",
)
QUOTED = re.compile(r"« ([^»]+?) ?»")


def offered(catalogue: Catalogue) -> dict[str, str]:
    """Each phrase the skill offers → where it is offered."""
    page = store_page(catalogue)
    phrases = dict.fromkeys(page.example_phrases, "skill.json › examplePhrases")
    phrases.update({phrase: "skill.json › testingInstructions" for phrase in page.tried if phrase not in phrases})
    spoken = {"accueil": assistant.welcome(catalogue), "retour": assistant.welcome_back(catalogue)}
    spoken.update({f"aide ({topic or 'générale'})": assistant.help_for(catalogue, topic) for topic in TOPICS})
    for where, text in spoken.items():
        for phrase in QUOTED.findall(text):
            if phrase not in ("aide", "pause", "reprends") and not phrase.startswith("Alexa, "):
                phrases.setdefault(phrase.rstrip(" ?"), where)
    return phrases


def cases() -> list[tuple[str, str, str]]:
    found = []
    for name, folder in COMMUNES.items():
        for phrase, where in offered(load_catalogue(folder)).items():
            found.append((name, phrase, where))
    return found


@pytest.mark.parametrize(("commune", "phrase", "where"), cases())
def test_every_offered_phrase_gets_a_real_answer(tmp_path: Path, commune: str, phrase: str, where: str) -> None:
    result = run_mairie("say", phrase, "--at", AT, "--json", cwd=tmp_path, content=COMMUNES[commune])
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["resolution"]["intent"] != "AMAZON.FallbackIntent", f"{where} : « {phrase} »"
    speech = document["response"]["response"]["outputSpeech"]["ssml"].replace("&apos;", "'").lower()
    assert not [words for words in NOT_ANSWERS if words in speech], f"{where} : « {phrase} » → {speech}"
    assert document["problems"] == []


def test_the_fixture_commune_offers_its_confirmed_facility_not_the_example() -> None:
    catalogue = load_catalogue(COMMUNES["fixture"])
    welcome = assistant.welcome(catalogue)
    assert welcome.startswith("Bonjour, ici la Mairie d'Issy. Je peux vous renseigner sur ")
    assert "« est-ce que le service de l'état civil est ouvert ? »" in welcome
    assert "la mairie est" not in welcome  # its hours are marked as an example
    assert "« joue le dernier podcast »" not in welcome  # every episode's audio is an example
    assert "« quoi de neuf dans le magazine ? »" in welcome
    assert store_page(catalogue).example_phrases == (
        "Alexa, ouvre la mairie d'issy",
        "Alexa, demande à la mairie d'issy si le service de l'état civil est ouvert",
        "Alexa, demande à la mairie d'issy comment refaire ma carte nationale d'identité",
    )
