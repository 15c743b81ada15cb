"""Audio marked as example is never sent to a device: the resident hears where to listen instead.

Rule under test (`domain.promises.track_playable`, `alexa.respond.play`): an episode or a magazine
issue marked `exemple: true` has a placeholder address; an `AudioPlayer.Play` for it would fail on
the device. Every episode and every audio issue is asked for by voice through `mairie say` (a real
process, the real `lambda_handler`), on the fixture commune and, as a rule, on the real `content/`;
then a whole conversation (`mairie chat`: next, previous, resume, the remote's buttons).
"""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any

import pytest
from cli_process import run_mairie

from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.model import Catalogue
from mairie.voice.french import MONTHS

ROOT = Path(__file__).resolve().parents[2]
COMMUNES = {"fixture": ROOT / "tests" / "fixtures" / "commune", "content": ROOT / "content"}
AT = "2026-11-26T10:00"


def mairie(commune: str, *args: str, cwd: Path, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return run_mairie(*args, cwd=cwd, content=COMMUNES[commune], stdin=stdin)


def example_urls(catalogue: Catalogue) -> set[str]:
    episodes = [e.audio_url for s in catalogue.podcasts for e in s.episodes if e.example]
    issues = catalogue.magazine.issues if catalogue.magazine else ()
    return {*episodes, *(i.audio_url for i in issues if i.example and i.audio_url)}


def requests(catalogue: Catalogue) -> list[str]:
    """Every way to ask for each episode and each audio issue by voice."""
    asked = ["joue le dernier podcast", "joue le premier épisode", "écoute le magazine"]
    for series in catalogue.podcasts:
        for episode in series.episodes:
            asked.append(f"joue l'épisode {episode.number}")
            asked.extend(f"joue l'épisode avec {guest}" for guest in episode.guests)
    issues = catalogue.magazine.issues if catalogue.magazine else ()
    asked.extend(f"écoute le magazine de {MONTHS[i.month.month - 1]}" for i in issues if i.audio_url)
    return asked


def cases() -> list[tuple[str, str]]:
    return [(name, asked) for name, folder in COMMUNES.items() for asked in requests(load_catalogue(folder))]


def plays(document: dict[str, Any]) -> list[str]:
    directives = document["response"]["response"].get("directives") or []
    return [d["audioItem"]["stream"]["url"] for d in directives if d.get("type") == "AudioPlayer.Play"]


@pytest.mark.parametrize(("commune", "asked"), cases())
def test_no_play_for_an_example_url(tmp_path: Path, commune: str, asked: str) -> None:
    catalogue = load_catalogue(COMMUNES[commune])
    result = mairie(commune, "say", asked, "--at", AT, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert not set(plays(document)) & example_urls(catalogue), asked
    speech = document["response"]["response"]["outputSpeech"]["ssml"].replace("&apos;", "'")
    if not plays(document) and "pas encore disponible à l'écoute ici" in speech:
        assert "Vous pouvez l'écouter sur le site " in speech


def test_the_fixture_commune_says_where_to_listen(tmp_path: Path) -> None:
    result = mairie("fixture", "say", "joue l'épisode 1", "--at", AT, cwd=tmp_path)
    assert result.stdout.splitlines()[0] == (
        "L'épisode 1 de Métamorphoses, Issy se réinvente n'est pas encore disponible à l'écoute ici. "
        "Vous pouvez l'écouter sur le site issy.com."
    )
    assert "▶" not in result.stdout
    result = mairie("fixture", "say", "écoute le magazine de novembre", "--at", AT, cwd=tmp_path)
    assert result.stdout.splitlines()[0] == (
        "La version audio du magazine Point d'Appui de novembre 2026 n'est pas encore disponible à l'écoute "
        "ici. Vous pouvez l'écouter sur le site issy.com."
    )
    assert "▶" not in result.stdout


@pytest.mark.parametrize("commune", COMMUNES)
def test_a_whole_conversation_never_streams_an_example(tmp_path: Path, commune: str) -> None:
    script = (
        "ouvre la mairie d'issy\njoue le premier épisode\n:bouton suivant\népisode suivant\népisode précédent\n"
        "reprends\nla liste des épisodes\nl'épisode 2\noui\nécoute le magazine\n:bouton precedent\nquitter\n"
    )
    result = mairie(commune, "chat", "--at", AT, "--sans-horloge", cwd=tmp_path, stdin=script)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    for url in example_urls(load_catalogue(COMMUNES[commune])):
        assert url not in result.stdout
