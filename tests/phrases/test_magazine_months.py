"""« Le magazine du mois prochain », « du mois dernier », « de décembre »: the nearest sensible issue from
the day of the request, said in French to the skill on the fixture commune (issues of October and
November 2026 on file), read by the local resolver as Alexa would and answered by `lambda_handler`.

Alexa sends a bare month name as its next occurrence (« octobre » in November 2026 is 2027-10), and
« le mois prochain » as the month itself; when the issue is not on file, the answer names those that are.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime

import pytest

from mairie.tools.conversation import Conversation
from mairie.tools.envelopes import Caller
from mairie.tools.local_skill import LocalSkill
from tests.phrases.corpus import NOW, PARIS, open_commune_skill

JANUARY = datetime(2027, 1, 12, 10, 0, tzinfo=PARIS)
ON_FILE = "J'ai ceux d'octobre et de novembre 2026."


@pytest.fixture(scope="module")
def skill() -> Iterator[LocalSkill]:
    yield from open_commune_skill()


def answer(skill: LocalSkill, said: str, now: datetime = NOW) -> str:
    turn = Conversation(skill, Caller(user="magazine-months")).speak(said, now)
    assert turn.resolution.intent in ("MagazineIntent", "MagazineAudioIntent"), said
    return str(turn.lines[0])


@pytest.mark.parametrize(
    ("said", "now", "heard"),
    [
        # in November 2026
        ("le magazine du mois dernier", NOW, "Au sommaire de Point d'Appui d'octobre 2026 :"),
        (
            "qu'est-ce qu'il y avait dans le journal de la ville le mois dernier",
            NOW,
            "Au sommaire de Point d'Appui d'octobre 2026 :",
        ),
        ("le magazine d'octobre", NOW, "Au sommaire de Point d'Appui d'octobre 2026 :"),
        ("le magazine de ce mois-ci", NOW, "Au sommaire de Point d'Appui de novembre 2026 :"),
        # in January 2027: October is three months back, November two
        ("le sommaire du journal de novembre", JANUARY, "Au sommaire de Point d'Appui de novembre 2026 :"),
        ("le magazine d'octobre", JANUARY, "Au sommaire de Point d'Appui d'octobre 2026 :"),
    ],
)
def test_a_month_on_file_gets_its_sommaire(skill: LocalSkill, said: str, now: datetime, heard: str) -> None:
    assert answer(skill, said, now).startswith(heard)


@pytest.mark.parametrize(
    ("said", "now", "missing"),
    [
        ("le magazine du mois prochain", NOW, "Je n'ai pas le numéro de décembre 2026 de Point d'Appui."),
        ("qu'est-ce qu'il y aura dans point d'appui le mois prochain", NOW, "Je n'ai pas le numéro de décembre 2026"),
        ("le magazine de décembre", NOW, "Je n'ai pas le numéro de décembre 2026 de Point d'Appui."),
        ("le magazine de septembre", NOW, "Je n'ai pas le numéro de septembre 2026 de Point d'Appui."),
        ("le magazine du mois dernier", JANUARY, "Je n'ai pas le numéro de décembre 2026 de Point d'Appui."),
        ("écoute le magazine de décembre", NOW, "Je n'ai pas le numéro de décembre 2026 de Point d'Appui."),
    ],
)
def test_a_month_not_on_file_is_named_with_the_issues_that_are(
    skill: LocalSkill, said: str, now: datetime, missing: str
) -> None:
    said_back = answer(skill, said, now)
    assert said_back.startswith(missing)
    assert ON_FILE in said_back
    assert "2025" not in said_back
