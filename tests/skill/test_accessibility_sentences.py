"""Answers stay short: across the whole catalogue, no spoken answer's first sentence exceeds 25 words.

Every answer is produced by the real lambda_handler: every facility × question × moment, every
procedure × case (and its details), the magazine, the podcasts, about, launch, help
(`tests/skill/all_answers.py`), here on the fixture commune; `tests/content_rules` checks the same
on the city's own content.
"""

from __future__ import annotations

import pytest

from mairie.catalogue.current import get_catalogue
from tests.skill.all_answers import MAX_WORDS, every_answer, first_sentence, procedure_events, words
from tests.skill.envelopes import send, session_attributes


def test_the_sentence_splitter_and_counter() -> None:
    text = "Dites « est-ce ouvert ? » ou « stop ». Puis autre chose. Fin !"
    assert first_sentence(text) == "Dites « est-ce ouvert ? » ou « stop »."
    assert first_sentence("Le passeport coûte 86 euros. Il faut une photo.") == "Le passeport coûte 86 euros."
    assert len(words("La mairie – ouverte : de 8 heures 30 à 12 heures.")) == 10


@pytest.fixture(scope="module")
def answers() -> list[tuple[str, str, str]]:
    return list(every_answer())


def test_many_answers_are_checked(answers: list[tuple[str, str, str]]) -> None:
    assert len(answers) > 300
    assert {area for area, _, _ in answers} == {"hours", "media", "conversation", "procedures"}
    assert all(said for _, _, said in answers)


def test_every_case_of_every_procedure_is_reached() -> None:
    reached = set()
    for _, event in procedure_events():
        context = session_attributes(send(event)).get("procedure") or {}
        reached.add((context.get("procedure"), context.get("case")))
    expected = {(p.id, c.id) for p in get_catalogue().procedures for c in p.cases}
    assert expected <= reached


@pytest.mark.parametrize("area", ["hours", "media", "conversation", "procedures"])
def test_no_first_sentence_is_longer_than_25_words(area: str, answers: list[tuple[str, str, str]]) -> None:
    too_long = {}
    for answer_area, label, said in answers:
        sentence = first_sentence(said)
        if answer_area == area and len(words(sentence)) > MAX_WORDS:
            too_long[sentence] = label
    assert too_long == {}
