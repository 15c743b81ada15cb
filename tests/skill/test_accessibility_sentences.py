"""Answers stay short: across the whole catalogue, no spoken answer's first sentence exceeds 25 words.

Every answer is produced by the real lambda_handler: every facility × question × moment, every
procedure × case (and its details), the magazine, the podcasts, about, launch, help.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from mairie.catalogue.current import get_catalogue
from tests.skill.envelopes import intent, launch, send, session_attributes, slot, speech

MAX_WORDS = 25
_SENTENCE_END = re.compile(r"(?<=[.!?])(?:\s*»)?\s+(?=[A-ZÀ-ÖØ-Þ«])")
MOMENTS = ("2026-11-26T09:00:00Z", "2026-11-26T21:30:00Z", "2026-11-29T10:00:00Z", "2026-12-25T10:00:00Z")
HOURS_QUESTIONS = ("OpeningHoursIntent", "IsOpenIntent", "ClosingTimeIntent", "NextOpeningIntent", "WeekHoursIntent")
DATES = ("2026-11-27", "2026-11-29", "2026-W49", "2026-12-25")
SITUATIONS = ("renouvellement", "premiere-demande", "perte-vol")
PEOPLE = (("moi", "40"), ("enfant", "10"), ("enfant", "16"), ("moi", "17"))


def first_sentence(text: str) -> str:
    return _SENTENCE_END.split(text.strip(), maxsplit=1)[0]


def words(sentence: str) -> list[str]:
    return [w for w in sentence.split() if any(c.isalnum() for c in w)]


def test_the_sentence_splitter_and_counter() -> None:
    text = "Dites « est-ce ouvert ? » ou « stop ». Puis autre chose. Fin !"
    assert first_sentence(text) == "Dites « est-ce ouvert ? » ou « stop »."
    assert first_sentence("Le passeport coûte 86 euros. Il faut une photo.") == "Le passeport coûte 86 euros."
    assert len(words("La mairie – ouverte : de 8 heures 30 à 12 heures.")) == 10


def _hours_answers() -> Iterator[tuple[str, dict[str, Any]]]:
    catalogue = get_catalogue()
    for facility in catalogue.facilities:
        said = slot("facility", facility.name, facility.id, "FACILITY")
        for at in MOMENTS:
            for question in HOURS_QUESTIONS:
                yield f"{facility.id} {question} {at}", intent(question, [said], at=at)
        for day in DATES:
            yield f"{facility.id} {day}", intent("OpeningHoursIntent", [said, slot("date", day)])
    for kind in sorted({f.kind for f in catalogue.facilities}):
        for at in MOMENTS:
            yield (
                f"{kind} open {at}",
                intent("OpenFacilitiesIntent", [slot("kind", kind, kind, "FACILITY_KIND")], at=at),
            )


def _procedure_events() -> Iterator[tuple[str, dict[str, Any]]]:
    for procedure in get_catalogue().procedures:
        document = slot("document", procedure.name, procedure.id, "DOCUMENT_TYPE")
        for situation in (None, *SITUATIONS):
            for person, age in PEOPLE:
                slots = [document, slot("person", person, person, "PERSON"), slot("age", age)]
                if situation is not None:
                    slots.append(slot("situation", situation, situation, "SITUATION"))
                yield f"{procedure.id} {situation} {person} {age}", intent("IdProcedureIntent", slots)


def _media_answers() -> Iterator[tuple[str, dict[str, Any]]]:
    catalogue = get_catalogue()
    yield "magazine", intent("MagazineIntent")
    if catalogue.magazine is not None:
        for issue in catalogue.magazine.issues:
            yield f"magazine {issue.id}", intent("MagazineIntent", [slot("month", issue.id)])
    yield "magazine audio", intent("MagazineAudioIntent")
    yield "episodes", intent("ListEpisodesIntent")
    yield "episode info", intent("EpisodeInfoIntent")
    for series in catalogue.podcasts:
        for episode in series.episodes:
            yield f"play {episode.id}", intent("PlayPodcastIntent", [slot("number", str(episode.number))])
            yield (
                f"play {episode.id} here",
                intent("PlayPodcastIntent", [slot("number", str(episode.number))], device="voice"),
            )


def _conversation_answers() -> Iterator[tuple[str, dict[str, Any]]]:
    yield "about", intent("AboutCityIntent")
    yield "launch", launch(user="first-sentence-check")
    yield "launch again", launch(user="first-sentence-check")
    yield "help", intent("AMAZON.HelpIntent")
    yield "fallback", intent("AMAZON.FallbackIntent")
    yield "repeat nothing", intent("AMAZON.RepeatIntent")
    yield "stop", intent("AMAZON.StopIntent")
    for rate, rate_id in (("plus lentement", "lent"), ("plus vite", "rapide"), ("normalement", "normal")):
        yield f"rate {rate_id}", intent("SpeechRateIntent", [slot("rate", rate, rate_id, "SPEECH_RATE")], user="rate")
    for name, slots in (
        ("IsOpenIntent", [slot("facility", "la mairie", "mairie", "FACILITY")]),
        ("MagazineIntent", []),
    ):
        answered = send(intent(name, slots))
        yield f"help after {name}", intent("AMAZON.HelpIntent", session_attributes=session_attributes(answered))


def _answers() -> Iterator[tuple[str, str, str]]:
    """`(area, label, speech)` for every answer."""
    for area, events in (
        ("hours", _hours_answers()),
        ("media", _media_answers()),
        ("conversation", _conversation_answers()),
    ):
        for label, event in events:
            yield area, label, speech(send(event))
    for label, event in _procedure_events():
        answer = send(event)
        yield "procedures", label, speech(answer)
        attributes = session_attributes(answer)
        for step in ("details", "where"):
            if not (attributes.get("procedure") or {}).get("offer"):
                break
            answer = send(intent("AMAZON.YesIntent", session_attributes=attributes))
            yield "procedures", f"{label} {step}", speech(answer)
            attributes = session_attributes(answer)


@pytest.fixture(scope="module")
def answers() -> list[tuple[str, str, str]]:
    return list(_answers())


def test_many_answers_are_checked(answers: list[tuple[str, str, str]]) -> None:
    assert len(answers) > 300
    assert {area for area, _, _ in answers} == {"hours", "media", "conversation", "procedures"}
    assert all(said for _, _, said in answers)


def test_every_case_of_every_procedure_is_reached() -> None:
    reached = set()
    for _, event in _procedure_events():
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
