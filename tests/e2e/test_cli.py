"""The `mairie` command end to end: a real process, the fixture commune, the real `lambda_handler`."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from cli_process import run_mairie
from tests.confirmed_audio import confirmed_audio_commune

ROOT = Path(__file__).resolve().parents[2]
COMMUNE = ROOT / "tests" / "fixtures" / "commune"
AT = "2026-11-26T10:00"  # a Thursday morning in Issy

pytestmark = pytest.mark.skipif(
    not (ROOT / "lambda" / "lambda_function.py").is_file(), reason="lambda_function.py n'existe pas encore"
)


def mairie(
    *args: str, cwd: Path, stdin: str | None = None, content: Path | None = COMMUNE
) -> subprocess.CompletedProcess[str]:
    return run_mairie(*args, cwd=cwd, content=content, stdin=stdin)


def test_say_answers_in_plain_text(tmp_path: Path) -> None:
    result = mairie("say", "est-ce que la médiathèque est ouverte", "--at", AT, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and lines[0] and "<speak>" not in result.stdout
    assert "médiathèque" in result.stdout.lower()
    assert "⚠" not in result.stdout


def test_say_json_shows_the_resolution_and_the_envelopes(tmp_path: Path) -> None:
    result = mairie("say", "j'ai perdu ma carte d'identité", "--at", AT, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["resolution"]["intent"] == "IdProcedureIntent"
    assert document["resolution"]["slots"]["situation"]["ids"][0]["id"] == "perte-vol"
    assert document["request"]["request"]["timestamp"] == "2026-11-26T09:00:00Z"
    assert document["response"]["version"] == "1.0"
    assert document["response"]["response"]["outputSpeech"]["ssml"].startswith("<speak>")
    assert document["problems"] == []


@pytest.mark.parametrize(
    "phrase",
    json.loads((ROOT / "skill-package" / "skill.json").read_text(encoding="utf-8"))["manifest"][
        "publishingInformation"
    ]["locales"]["fr-FR"]["examplePhrases"],
)
def test_the_example_phrases_of_the_manifest(tmp_path: Path, phrase: str) -> None:
    result = mairie("say", phrase, "--at", AT, "--json", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["resolution"]["intent"] != "AMAZON.FallbackIntent"
    assert document["response"]["response"].get("outputSpeech")
    assert document["problems"] == []


def test_state_is_kept_per_user_between_commands(tmp_path: Path) -> None:
    audio = confirmed_audio_commune(tmp_path)  # example audio is never streamed
    played = mairie("say", "joue le premier épisode", "--at", AT, "--user", "zoe", cwd=tmp_path, content=audio)
    assert played.returncode == 0, played.stderr
    assert "▶ Lecture :" in played.stdout
    assert (tmp_path / ".mairie" / "etat.sqlite3").is_file()
    resumed = mairie("say", "reprends", "--at", "2026-11-26T11:00", "--user", "zoe", cwd=tmp_path, content=audio)
    assert "▶ Lecture :" in resumed.stdout, resumed.stdout
    stranger = mairie("say", "reprends", "--at", "2026-11-26T11:00", "--user", "paul", cwd=tmp_path, content=audio)
    assert "▶ Lecture :" not in stranger.stdout


def test_a_device_without_audio_player(tmp_path: Path) -> None:
    result = mairie("say", "joue le premier épisode", "--at", AT, "--device", "voice", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "▶" not in result.stdout
    assert result.stdout.strip()


def test_chat_with_playback(tmp_path: Path) -> None:
    script = "ouvre la mairie d'issy\njoue le premier épisode\n:avance 2\npause\nreprends\n:etat\nquitter\n"
    audio = confirmed_audio_commune(tmp_path)  # example audio is never streamed
    result = mairie("chat", "--at", AT, "--sans-horloge", cwd=tmp_path, stdin=script, content=audio)
    assert result.returncode == 0, result.stderr
    output = result.stdout
    assert "vous › ouvre la mairie d'issy\nalexa › " in output
    assert "(lecture en cours : " in output and "2 min 00)" in output
    assert "(lecture arrêtée : " in output
    assert "(à partir de 2 min 00)" in output
    assert "Au revoir" in output.splitlines()[-1]
    assert "⚠" not in output, output


def test_chat_ends_cleanly_at_the_end_of_input(tmp_path: Path) -> None:
    result = mairie("chat", "--at", AT, cwd=tmp_path, stdin="aide\n")
    assert result.returncode == 0, result.stderr
    assert "alexa › " in result.stdout
    assert "Au revoir" in result.stdout.splitlines()[-1]


def test_validate(tmp_path: Path) -> None:
    assert mairie("validate", str(COMMUNE), cwd=tmp_path).returncode == 0
    broken = tmp_path / "contenu"
    broken.mkdir()
    (broken / "city.yaml").write_text("nom: [\n", encoding="utf-8")
    result = mairie("validate", str(broken), cwd=tmp_path)
    assert result.returncode == 1
    assert "city.yaml:" in result.stdout + result.stderr


def test_an_invalid_catalogue_stops_say(tmp_path: Path) -> None:
    result = mairie("say", "aide", cwd=tmp_path, content=tmp_path / "absent")
    assert result.returncode == 1
    assert "catalogue" in result.stderr


def test_help_and_commands_not_available_yet(tmp_path: Path) -> None:
    help_text = mairie("--help", cwd=tmp_path)
    assert help_text.returncode == 0
    assert help_text.stdout.startswith("utilisation : mairie")
    assert "serve" in help_text.stdout
    assert mairie("serve", "--workers", "0", cwd=tmp_path).returncode == 2  # refused before starting a server


@pytest.mark.parametrize("command", ["stats", "phrases", "calibrer"])
def test_the_usage_commands_have_a_french_help(command: str, tmp_path: Path) -> None:
    result = mairie(command, "--help", cwd=tmp_path)
    assert result.returncode == 0
    assert result.stdout.startswith(f"utilisation : mairie {command}")
    assert "afficher cette aide et quitter" in result.stdout
    assert command in mairie("--help", cwd=tmp_path).stdout


@pytest.mark.parametrize(
    "args",
    [("preview", "--at", AT), ("say", "--at", AT, "--json", "joue le dernier podcast"), ("say", "aide")],
    ids=["preview", "say-json", "say"],
)
def test_a_reader_that_stops_early_ends_the_command_quietly(tmp_path: Path, args: tuple[str, ...]) -> None:
    """`mairie preview | head`, `mairie say … | less` quitted at once: a real pipe whose reader is gone."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "SKILL_ID")}
    env |= {"MAIRIE_CONTENT": str(COMMUNE), "PYTHONPATH": str(ROOT / "lambda")}
    with subprocess.Popen(
        [sys.executable, "-m", "mairie.tools.cli", *args],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stderr is not None
        process.stdout.close()  # like `head -0`: the reader leaves before the first line
        errors = process.stderr.read()
        code = process.wait(timeout=120)
    assert errors == ""
    assert code == 1


def test_head_reads_the_first_lines_of_the_preview(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "SKILL_ID")}
    env |= {"MAIRIE_CONTENT": str(COMMUNE), "PYTHONPATH": str(ROOT / "lambda")}
    result = subprocess.run(
        f"{sys.executable} -m mairie.tools.cli preview --at {AT} | head -n 1",
        shell=True,
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.stdout == "Aperçu au jeudi 26 novembre 2026 à 10 h 00 (heure de la ville)\n"
    assert result.stderr == ""
