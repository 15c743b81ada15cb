"""Every answer of the skill on the current catalogue, asked through the real `lambda_handler`.

Every facility × question × moment, every procedure × case (and its details), the magazine, the
podcasts, about, launch, help: what `tests/skill/test_accessibility_sentences.py` checks on the
fixture commune and `tests/content_rules` on the city's own content (`get_catalogue()` decides).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

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


def procedure_events() -> Iterator[tuple[str, dict[str, Any]]]:
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


def every_answer() -> Iterator[tuple[str, str, str]]:
    """`(area, label, speech)` for every answer of the current catalogue (`get_catalogue()`)."""
    for area, events in (
        ("hours", _hours_answers()),
        ("media", _media_answers()),
        ("conversation", _conversation_answers()),
    ):
        for label, event in events:
            yield area, label, speech(send(event))
    for label, event in procedure_events():
        answer = send(event)
        yield "procedures", label, speech(answer)
        attributes = session_attributes(answer)
        for step in ("details", "where"):
            if not (attributes.get("procedure") or {}).get("offer"):
                break
            answer = send(intent("AMAZON.YesIntent", session_attributes=attributes))
            yield "procedures", f"{label} {step}", speech(answer)
            attributes = session_attributes(answer)
