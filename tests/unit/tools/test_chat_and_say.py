"""`mairie chat` and `mairie say` output, with a stand-in skill (no catalogue, no lambda_function)."""

from __future__ import annotations

import io
import json
from datetime import datetime

import pytest
from stub_skill import stub_skill

from mairie.tools.chat import GOODBYE, run_chat
from mairie.tools.envelopes import Caller
from mairie.tools.say import run_say

START = datetime(2026, 11, 26, 10, 0)


def chat(monkeypatch: pytest.MonkeyPatch, lines: str, fail_on: str | None = None) -> tuple[int, str, list[str]]:
    skill, handler = stub_skill()
    handler.fail_on = fail_on
    monkeypatch.setattr("sys.stdin", io.StringIO(lines))
    out = io.StringIO()
    code = run_chat(skill, Caller(), START, out, wall_clock=False)
    return code, out.getvalue(), [r["request"]["type"] for r in handler.requests]


def test_a_conversation_with_playback(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, kinds = chat(
        monkeypatch, "ouvre la mairie d'issy\njoue le podcast\n:avance 3\npause\nreprends\n:fin\nquitter\n"
    )
    assert code == 0
    assert "vous › ouvre la mairie d'issy\nalexa › Bonjour & bienvenue.\n" in output
    assert "(relance : Autre chose ?)" in output
    assert "(lecture en cours : Premier épisode — 3 min 00)" in output
    assert "(lecture arrêtée : Premier épisode — 3 min 00)" in output
    assert "▶ Lecture : Premier épisode — https://media.exemple.fr/un.mp3 (à partir de 3 min 00)" in output
    assert "(lecture terminée : Premier épisode)" in output
    assert output.rstrip().endswith(GOODBYE)
    assert kinds[:2] == ["LaunchRequest", "IntentRequest"]
    assert kinds[-1] == "AudioPlayer.PlaybackStopped"  # the device stops when the resident leaves


def test_end_of_input_ends_cleanly(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, kinds = chat(monkeypatch, "ouvre la mairie d'issy\n")
    assert code == 0
    assert output.rstrip().endswith(GOODBYE)
    assert kinds == ["LaunchRequest", "SessionEndedRequest"]


def test_the_session_ends_with_the_response(monkeypatch: pytest.MonkeyPatch) -> None:
    _, output, _ = chat(monkeypatch, "ouvre la mairie d'issy\nstop\n")
    assert "alexa › Au revoir.\n(fin de la session)" in output


def test_simulator_commands(monkeypatch: pytest.MonkeyPatch) -> None:
    _, output, kinds = chat(monkeypatch, ":aide\n:etat\n:avance x\n:bouton suivant\n:bouton radio\n:inconnue\n:fin\n")
    assert ":avance N" in output
    assert "(pas de session ouverte)" in output
    assert "Nombre de minutes invalide" in output
    assert "Bouton inconnu" in output
    assert "Commande inconnue : :inconnue" in output
    assert "(aucune lecture en cours)" in output
    assert kinds == ["PlaybackController.NextCommandIssued"]


def test_a_failing_skill_does_not_end_the_chat(monkeypatch: pytest.MonkeyPatch) -> None:
    code, output, _ = chat(monkeypatch, "aide\nouvre la mairie d'issy\n", fail_on="AMAZON.HelpIntent")
    assert code == 0
    assert "la skill demandée a rencontré un problème" in output
    assert "⚠ erreur de la skill : RuntimeError : panne simulée" in output
    assert "alexa › Bonjour & bienvenue." in output


def test_say_prints_speech_card_and_open_session() -> None:
    skill, _ = stub_skill()
    out = io.StringIO()
    assert run_say(skill, "ouvre la mairie d'issy", START, Caller(), False, out) == 0
    assert out.getvalue().splitlines() == [
        "Bonjour & bienvenue.",
        "(relance : Autre chose ?)",
        "(Alexa attend une réponse : la session reste ouverte)",
    ]


def test_say_with_playback() -> None:
    skill, handler = stub_skill()
    out = io.StringIO()
    run_say(skill, "joue le podcast", START, Caller(), False, out)
    assert "▶ Lecture : Premier épisode — https://media.exemple.fr/un.mp3" in out.getvalue()
    assert handler.requests[0]["request"]["timestamp"] == "2026-11-26T09:00:00Z"  # 10:00 in Paris
    assert handler.requests[-1]["request"]["type"] == "AudioPlayer.PlaybackStarted"


def test_say_json() -> None:
    skill, _ = stub_skill()
    out = io.StringIO()
    run_say(skill, "j'ai perdu mon passeport", START, Caller(user="zoe", device="screen"), True, out)
    document = json.loads(out.getvalue())
    assert document["resolution"]["intent"] == "IdProcedureIntent"
    assert document["resolution"]["slots"]["situation"]["ids"][0]["id"] == "perte-vol"
    assert document["request"]["context"]["System"]["user"]["userId"] == "amzn1.ask.account.local-zoe"
    assert document["response"]["response"]["outputSpeech"]["ssml"] == "<speak>Intention IdProcedureIntent.</speak>"
    assert document["problems"] == []
