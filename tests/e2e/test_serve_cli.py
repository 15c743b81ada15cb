"""`mairie serve` as a real process on 127.0.0.1 (a free port), driven over HTTP."""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from tests.serve.running import Reply, Served
from tests.skill import envelopes

ROOT = Path(__file__).resolve().parents[2]


@contextmanager
def mairie_serve(*args: str, cwd: Path, skill_id: str | None = None) -> Iterator[tuple[Served, list[str]]]:
    """Starts `mairie serve --port 0 ARGS`, yields the server and its stderr lines (once stopped)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "SKILL_ID")}
    env |= {"MAIRIE_CONTENT": str(ROOT / "tests" / "fixtures" / "commune"), "PYTHONPATH": str(ROOT / "lambda")}
    if skill_id:
        env["SKILL_ID"] = skill_id
    process = subprocess.Popen(
        [sys.executable, "-m", "mairie.tools.cli", "serve", "--port", "0", *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    errors: list[str] = []
    try:
        assert process.stdout is not None
        banner = process.stdout.readline()
        found = re.search(r"http://127\.0\.0\.1:(\d+)/", banner)
        assert found, f"pas d'adresse dans « {banner} »"
        yield Served(int(found.group(1))), errors
    finally:
        process.terminate()
        _, stderr = process.communicate(timeout=20)
        errors.extend(stderr.splitlines())


def post(served: Served, event: dict[str, object]) -> Reply:
    return served.post(json.dumps(event).encode("utf-8"))


def test_no_verify_answers_and_warns_loudly(tmp_path: Path) -> None:
    with mairie_serve("--no-verify", cwd=tmp_path) as (served, stderr):
        reply = post(served, envelopes.intent("AMAZON.HelpIntent"))
        assert reply.status == 200
        assert "Que voulez-vous savoir ?" in envelopes.speech(reply.document)
    log = "\n".join(stderr)
    assert "ATTENTION : vérification des requêtes DÉSACTIVÉE (--no-verify)" in log
    assert "ne jamais utiliser en production" in log


def test_verification_is_on_by_default(tmp_path: Path) -> None:
    with mairie_serve(cwd=tmp_path, skill_id=envelopes.SKILL_ID) as (served, stderr):
        reply = post(served, envelopes.launch())
        assert reply.status == 400
        assert reply.document == {"erreur": "requête refusée"}
    assert not any("DÉSACTIVÉE" in line for line in stderr)
    assert '{"refused": "missing header SignatureCertChainUrl"}' in stderr
    assert not any('"request": "LaunchRequest"' in line for line in stderr)  # the skill never ran


def test_skill_id_refuses_requests_for_another_skill(tmp_path: Path) -> None:
    with mairie_serve("--no-verify", cwd=tmp_path, skill_id=envelopes.SKILL_ID) as (served, _):
        assert post(served, envelopes.launch()).status == 200
        stranger = envelopes.launch()
        stranger["context"]["System"]["application"]["applicationId"] = "amzn1.ask.skill.une-autre-skill"
        stranger["session"]["application"]["applicationId"] = "amzn1.ask.skill.une-autre-skill"
        reply = post(served, stranger)
        assert reply.status == 400
        assert reply.document == {"erreur": "requête refusée"}


def test_a_port_already_in_use_is_reported_in_french(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "SKILL_ID")}
        env |= {"MAIRIE_CONTENT": str(ROOT / "tests" / "fixtures" / "commune"), "PYTHONPATH": str(ROOT / "lambda")}
        result = subprocess.run(
            [sys.executable, "-m", "mairie.tools.cli", "serve", "--no-verify", "--port", str(port)],
            cwd=tmp_path,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    assert result.returncode == 1
    assert f"Impossible d'écouter sur 127.0.0.1:{port}" in result.stderr
    assert "Traceback" not in result.stderr


def run_serve_briefly(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "SKILL_ID")}
    env |= {"MAIRIE_CONTENT": str(ROOT / "content"), "PYTHONPATH": str(ROOT / "lambda")}
    return subprocess.run(
        [sys.executable, "-m", "mairie.tools.cli", "serve", "--port", "0", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_without_skill_id_serve_refuses_to_start(tmp_path: Path) -> None:
    result = run_serve_briefly(cwd=tmp_path)
    assert result.returncode == 2
    assert "SKILL_ID n'est pas défini" in result.stderr
    assert "mairie serve --any-skill" in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout == ""  # never listened


def test_any_skill_starts_with_a_loud_warning(tmp_path: Path) -> None:
    with mairie_serve("--any-skill", cwd=tmp_path) as (served, stderr):
        assert post(served, envelopes.launch()).status == 400  # still verified: unsigned is refused
    log = "\n".join(stderr)
    assert "ATTENTION : SKILL_ID n'est pas défini et --any-skill est donné." in log
    assert "N'IMPORTE QUELLE skill" in log
