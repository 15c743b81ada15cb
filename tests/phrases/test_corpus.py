"""Residents' phrasings, written blind to the templates: each one is understood as Alexa should
understand it (intent and slot ids), then answered through the real `lambda_handler`.

The skill runs on the fixture commune (`tests/fixtures/commune`), so that a change to the city's
`content/` never changes these tests.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator

import pytest

from mairie.tools.conversation import Conversation
from mairie.tools.envelopes import Caller
from mairie.tools.local_skill import LocalSkill
from tests.phrases.corpus import NOW, Phrasing, expected_values, load_corpus, open_commune_skill, slot_values

CORPUS = load_corpus()
NOT_UNDERSTOOD = "je n'ai pas compris"
BROKEN = "un problème m'empêche de répondre"


@pytest.fixture(scope="module")
def skill() -> Iterator[LocalSkill]:
    yield from open_commune_skill()


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower().replace("\u00a0", " "))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


def test_the_corpus_is_large_and_covers_every_feature() -> None:
    intents = {p.intent for p in CORPUS}
    assert len(CORPUS) >= 400
    assert {
        "IsOpenIntent",
        "IdProcedureIntent",
        "ProcedureCostIntent",
        "MagazineIntent",
        "PlayPodcastIntent",
    } <= intents
    assert len(intents) >= 30


@pytest.mark.parametrize("phrasing", CORPUS, ids=[p.label for p in CORPUS])
def test_each_phrasing_is_understood_and_answered(skill: LocalSkill, phrasing: Phrasing) -> None:
    # given a resident who says the sentence to a new session
    conversation = Conversation(skill, Caller(user=f"corpus-{abs(hash(phrasing.sentence))}"))
    # when Alexa (the local resolver) understands it and the skill answers
    turn = conversation.speak(phrasing.sentence, NOW)
    # then the intent and slots are those the resident meant
    assert turn.resolution.intent == phrasing.intent
    got = slot_values(turn.resolution)
    expected = expected_values(phrasing)
    assert {name: got.get(name) for name in expected} == expected
    # and the answer is not an error, nor "not understood" for a request the skill handles
    speech = _plain(" ".join(turn.lines))
    assert BROKEN not in speech
    if phrasing.intent != "AMAZON.FallbackIntent":
        assert NOT_UNDERSTOOD not in speech
    for fragment in phrasing.answer:
        assert _plain(fragment) in speech, fragment
