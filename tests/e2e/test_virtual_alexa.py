"""A real third-party client, virtual-alexa (npm), drives `mairie serve --no-verify` over HTTP.

virtual-alexa loads the interaction model `mairie build` makes for the fixture commune,
turns utterances into requests the way Alexa would, posts them to the skill and follows AudioPlayer
directives with the device's events. The scenario is `test_virtual_alexa.js`; the assertions are here.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.commune import commune_model_file
from tests.confirmed_audio import confirmed_audio_commune

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_suffix(".js")
MODEL = commune_model_file()
"""The model `mairie build` makes for the fixture commune, whose compiled catalogue the server reads."""
NOW = "2026-11-26T09:00:00Z"
"""Thursday 26 November 2026, 10:00 in Issy: virtual-alexa's requests carry this timestamp."""
LISTENING = re.compile(r"http://127\.0\.0\.1:(\d+)/")

pytestmark = [
    pytest.mark.skipif(
        shutil.which("node") is None, reason="Node.js (node) est nécessaire : make node_modules/.installed"
    ),
    pytest.mark.skipif(
        not (ROOT / "node_modules" / "virtual-alexa").is_dir(),
        reason="virtual-alexa n'est pas installé : make node_modules/.installed",
    ),
]


@pytest.fixture(scope="module")
def skill_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mairie serve --no-verify` on a free port of 127.0.0.1, serving the fixture commune (audio confirmed)."""
    folder = tmp_path_factory.mktemp("serve")
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_CONTENT", "SKILL_ID")}
    env["MAIRIE_CONTENT"] = str(confirmed_audio_commune(folder))  # example audio is never streamed
    env["MAIRIE_STATE"] = str(folder / "etat.sqlite3")
    env["PYTHONPATH"] = str(ROOT / "lambda")
    server = subprocess.Popen(
        [sys.executable, "-m", "mairie.tools.cli", "serve", "--host", "127.0.0.1", "--port", "0", "--no-verify"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watchdog = threading.Timer(60, server.kill)  # never wait forever for the first line
    watchdog.start()
    try:
        assert server.stdout is not None
        first = server.stdout.readline()
        watchdog.cancel()
        port = LISTENING.search(first)
        assert port, f"mairie serve did not start: {first!r}"
        yield f"http://127.0.0.1:{port[1]}/"
    finally:
        watchdog.cancel()
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


@pytest.fixture(scope="module")
def steps(skill_url: str) -> dict[str, dict[str, Any]]:
    result = subprocess.run(
        ["node", str(SCRIPT), skill_url, str(MODEL), NOW],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: dict[str, dict[str, Any]] = {step["name"]: step for step in json.loads(result.stdout)["steps"]}
    failed = {name: step["error"] for name, step in found.items() if step["error"]}
    assert failed == {}
    return found


def speech(step: dict[str, Any]) -> str:
    ssml: str = step["response"]["ssml"]
    assert ssml.startswith("<speak>") and ssml.endswith("</speak>")
    return ssml.removeprefix("<speak>").removesuffix("</speak>")


def kinds(step: dict[str, Any]) -> list[str]:
    return [request["intent"] or request["type"] for request in step["requests"]]


def test_launch(steps: dict[str, dict[str, Any]]) -> None:
    launch = steps["launch"]
    assert kinds(launch) == ["LaunchRequest"]
    assert launch["requests"][0]["locale"] == "fr-FR"
    assert speech(launch).startswith("Bonjour, ici la Mairie d&apos;Issy.")
    assert launch["response"]["shouldEndSession"] is False


def test_hours_by_a_synonym(steps: dict[str, dict[str, Any]]) -> None:
    hours = steps["hours"]
    assert hours["requests"] == [
        {
            "type": "IntentRequest",
            "intent": "OpeningHoursIntent",
            "slots": {"facility": {"value": "l'hôtel de ville", "id": "mairie"}},
            "locale": "fr-FR",
        }
    ]
    assert speech(hours).startswith("Aujourd&apos;hui, la mairie est ouverte de 8 heures 30 à 19 heures.")
    said = speech(steps["is open"])
    assert said.startswith("Je n&apos;ai pas les horaires de la médiathèque centre-ville.")


def test_stop_ends_the_session(steps: dict[str, dict[str, Any]]) -> None:
    stop = steps["stop"]
    assert kinds(stop) == ["AMAZON.StopIntent"]
    assert stop["response"]["shouldEndSession"] is True


def test_identity_card_and_passport(steps: dict[str, dict[str, Any]]) -> None:
    """The wording of the procedures belongs to another module: here, what Alexa understood and that the
    skill answers with a question (the next step of the dialog), session open."""
    passport = steps["passport"]
    document = passport["requests"][0]["slots"]["document"]  # "mon passeport": the values hold determiners
    assert (document["value"].endswith("passeport"), document["id"]) == (True, "passeport")
    card = steps["id card"]
    assert card["requests"][0]["slots"] == {
        "situation": {"value": "perdu", "id": "perte-vol"},
        "document": {"value": "carte nationale d'identité", "id": "carte-identite"},
    }
    for step in (passport, card):
        assert kinds(step) == ["IdProcedureIntent"]
        assert speech(step).endswith(" ?"), speech(step)
        assert "désolé" not in speech(step).lower()
        assert step["response"]["shouldEndSession"] is False


def test_magazine(steps: dict[str, dict[str, Any]]) -> None:
    magazine = steps["magazine"]
    assert kinds(magazine) == ["MagazineIntent"]
    assert speech(magazine).startswith("Au sommaire de Point d&apos;Appui de novembre 2026 :")


def test_podcast_play_and_audio_player_events(steps: dict[str, dict[str, Any]]) -> None:
    podcast = steps["podcast"]
    assert kinds(podcast) == ["PlayPodcastIntent", "AudioPlayer.PlaybackStarted"]
    play = podcast["response"]["directives"]
    assert [(d["type"], d["playBehavior"], d["token"], d["offset"]) for d in play] == [
        ("AudioPlayer.Play", "REPLACE_ALL", "podcast:metamorphoses:maas", 0)
    ]
    assert play[0]["url"].startswith("https://")
    assert speech(podcast).startswith("Voici l&apos;épisode 2 de Métamorphoses")
    assert podcast["player"] == {"playing": True, "token": "podcast:metamorphoses:maas", "offset": 0}

    assert kinds(steps["nearly finished"]) == ["AudioPlayer.PlaybackNearlyFinished"]
    pause = steps["pause"]
    assert [(r["type"], r.get("offset")) for r in pause["requests"]] == [
        ("AudioPlayer.PlaybackStopped", 90000),
        ("IntentRequest", None),
    ]
    assert [d["type"] for d in pause["response"]["directives"]] == ["AudioPlayer.Stop"]
    assert pause["player"]["playing"] is False

    resume = steps["resume"]
    assert kinds(resume) == ["AMAZON.ResumeIntent", "AudioPlayer.PlaybackStarted"]
    assert [(d["type"], d["token"], d["offset"]) for d in resume["response"]["directives"]] == [
        ("AudioPlayer.Play", "podcast:metamorphoses:maas", 90000)
    ], "resumes where the listener stopped"
    assert resume["player"] == {"playing": True, "token": "podcast:metamorphoses:maas", "offset": 90000}

    finished = steps["finished"]
    assert kinds(finished) == ["AudioPlayer.PlaybackFinished"]
    assert finished["player"]["playing"] is False
