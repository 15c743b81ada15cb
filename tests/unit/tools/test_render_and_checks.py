"""Telling a response in French, and spotting what Alexa would refuse."""

from __future__ import annotations

from typing import Any

import pytest

from mairie.tools.render import describe, format_offset, ssml_to_text
from mairie.tools.response_checks import problems


def envelope(**response: Any) -> dict[str, Any]:
    return {"version": "1.0", "response": response}


def play(url: str = "https://exemple.fr/a.mp3", behavior: str = "REPLACE_ALL", **stream: Any) -> dict[str, Any]:
    return {
        "type": "AudioPlayer.Play",
        "playBehavior": behavior,
        "audioItem": {"stream": {"url": url, "token": "podcast:s:a", **stream}, "metadata": {"title": "Épisode A"}},
    }


@pytest.mark.parametrize(
    ("ssml", "text"),
    [
        ("<speak>Bonjour.</speak>", "Bonjour."),
        ("<speak>De 9 h <break time='300ms'/> à 18 h.</speak>", "De 9 h à 18 h."),
        ("<speak>Le <sub alias='centre communal'>CCAS</sub> ouvre.</speak>", "Le centre communal ouvre."),
        (
            "<speak>Horaires &amp; tarifs : &quot;voir&quot; l&apos;accueil</speak>",
            'Horaires & tarifs : "voir" l\'accueil',
        ),
        ("<speak><p>Un.</p><p>Deux.</p></speak>", "Un.Deux."),
        ("<speak><audio src='https://exemple.fr/son.mp3'/>Bienvenue</speak>", "[son] Bienvenue"),
    ],
)
def test_ssml_to_text(ssml: str, text: str) -> None:
    assert ssml_to_text(ssml) == text


@pytest.mark.parametrize(("ms", "text"), [(0, "0 min 00"), (750_000, "12 min 30"), (3_725_000, "1 h 02 min 05")])
def test_format_offset(ms: int, text: str) -> None:
    assert format_offset(ms) == text


def test_describe_everything_a_response_holds() -> None:
    response = envelope(
        outputSpeech={"type": "SSML", "ssml": "<speak>Voici.</speak>"},
        reprompt={"outputSpeech": {"type": "PlainText", "text": "Autre chose ?"}},
        card={"type": "Standard", "title": "Médiathèque", "text": "Lundi : fermé\nMardi : 10 h à 19 h"},
        directives=[
            play(offsetInMilliseconds=750_000),
            {"type": "AudioPlayer.Stop"},
            {"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ENQUEUED"},
            {"type": "Alexa.Presentation.APL.RenderDocument"},
            {"type": "Dialog.ElicitSlot", "slotToElicit": "facility"},
        ],
    )
    assert describe(response, "alexa › ") == [
        "alexa › Voici.",
        "(relance : Autre chose ?)",
        "Carte « Médiathèque »",
        "  Lundi : fermé",
        "  Mardi : 10 h à 19 h",
        "▶ Lecture : Épisode A — https://exemple.fr/a.mp3 (à partir de 12 min 30)",
        "■ Arrêt de la lecture",
        "⏏ File d'attente vidée",
        "▣ Écran : document APL affiché",
        "Directive de dialogue : Dialog.ElicitSlot (facility)",
    ]


def test_an_empty_response_says_nothing() -> None:
    assert describe({"version": "1.0", "response": {}}) == []
    assert describe({}) == []


def test_a_good_response_has_no_problem() -> None:
    good = envelope(
        outputSpeech={"type": "SSML", "ssml": "<speak>Voici.</speak>"}, directives=[play()], shouldEndSession=True
    )
    assert problems("IntentRequest", good) == []
    assert problems("AudioPlayer.PlaybackStarted", envelope()) == []


@pytest.mark.parametrize(
    ("request_type", "response", "expected"),
    [
        ("AudioPlayer.PlaybackStarted", envelope(outputSpeech={"type": "PlainText", "text": "x"}), "parole"),
        ("PlaybackController.NextCommandIssued", envelope(card={"type": "Simple"}), "carte"),
        ("AudioPlayer.PlaybackNearlyFinished", envelope(shouldEndSession=True), "shouldEndSession"),
        ("AudioPlayer.PlaybackStopped", envelope(directives=[play()]), "aucune réponse"),
        ("IntentRequest", envelope(directives=[play("http://exemple.fr/a.mp3")], shouldEndSession=True), "https"),
        ("IntentRequest", envelope(directives=[play(), play()], shouldEndSession=True), "une seule"),
        ("IntentRequest", envelope(directives=[play()], shouldEndSession=False), "pause"),
        ("IntentRequest", envelope(directives=[play(behavior="ENQUEUE")]), "expectedPreviousToken"),
        ("IntentRequest", envelope(directives=[play(expectedPreviousToken="x")]), "ENQUEUE"),
        ("IntentRequest", envelope(outputSpeech={"type": "SSML", "ssml": "<speak>A & B</speak>"}), "SSML invalide"),
        ("IntentRequest", envelope(outputSpeech={"type": "SSML", "ssml": f"<speak>{'a' * 8000}</speak>"}), "8000"),
        ("LaunchRequest", envelope(shouldEndSession=False), "relance"),
    ],
)
def test_problems_alexa_would_refuse(request_type: str, response: dict[str, Any], expected: str) -> None:
    found = problems(request_type, response)
    assert any(expected in problem for problem in found), found
