"""`mairie importer annuaire` as staff run it, against a directory served over real HTTP on 127.0.0.1.

The server answers the API's `/records` queries with the recorded real records of
`tests/fixtures/annuaire` (no network in CI; `MAIRIE_ANNUAIRE_API` points the importer at it, so a
live run needs no code change). The catalogue is a copy of the fixture commune. What staff see:
the entry written, `mairie validate` accepting it, `mairie say` answering from it, a second run
changing nothing, and every failure (network down, unknown commune, a format change) told in French
with the catalogue left byte for byte.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import urllib.parse
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
COMMUNE = ROOT / "tests" / "fixtures" / "commune"
FIXTURES = ROOT / "tests" / "fixtures" / "annuaire"
FONTAINE = "fontaine-le-port-77188.json"
MAIRIES = "mairies-2026-08-06.json"

Answer = Callable[[dict[str, list[str]]], tuple[int, bytes]]


def recorded(name: str) -> list[dict[str, Any]]:
    answer: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    records: list[dict[str, Any]] = answer.get("service") or answer["results"]
    return records


def directory_of(records: list[dict[str, Any]]) -> Answer:
    """The API's answer to `where code_insee_commune="X" or pivot like "X"`, paged by `offset`/`limit`."""

    def answer(query: dict[str, list[str]]) -> tuple[int, bytes]:
        commune = query["where"][0].split('"')[1]
        found = [r for r in records if r.get("code_insee_commune") == commune or commune in json.dumps(r["pivot"])]
        offset, limit = int(query["offset"][0]), int(query["limit"][0])
        page = {"total_count": len(found), "results": found[offset : offset + limit]}
        return 200, json.dumps(page, ensure_ascii=False).encode("utf-8")

    return answer


class Directory:
    def __init__(self) -> None:
        self.answer: Answer = directory_of([])
        self.queries: list[dict[str, list[str]]] = []


@pytest.fixture
def directory() -> Iterator[tuple[Directory, str]]:
    state = Directory()

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            url = urllib.parse.urlsplit(self.path)
            assert url.path == "/catalog/datasets/api-lannuaire-administration/records"
            query = urllib.parse.parse_qs(url.query)
            state.queries.append(query)
            status, body = state.answer(query)
            self.send_response(status)
            self.send_header("Content-Type", "application/json; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield state, f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    shutil.copytree(COMMUNE, folder)
    return folder


def mairie(*args: str, content: Path, api: str = "http://127.0.0.1:9/") -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_ANNUAIRE_API", "MAIRIE_CONTENT")}
    env.update(
        PYTHONPATH=str(ROOT / "lambda"),
        MAIRIE_CONTENT=str(content),
        MAIRIE_STATE=str(content.parent / "etat.sqlite3"),
        MAIRIE_ANNUAIRE_API=api,
    )
    return subprocess.run(
        [sys.executable, "-m", "mairie.tools.cli", *args],
        cwd=content.parent,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def test_an_imported_mairie_is_valid_answered_and_a_second_run_changes_nothing(
    directory: tuple[Directory, str], content: Path
) -> None:
    state, api = directory
    state.answer = directory_of(recorded(FONTAINE))
    before = (content / "facilities.yaml").read_text(encoding="utf-8")
    run = mairie("importer", "annuaire", "--commune", "77188", content=content, api=api)
    assert run.returncode == 0, run.stderr
    assert "commune 77188 : 1 fiche lue (API)." in run.stdout
    assert "Ajouté : mairie-fontaine-le-port (la mairie de Fontaine-le-Port)" in run.stdout
    assert state.queries[0]["where"] == ['code_insee_commune="77188" or pivot like "77188"']
    after = (content / "facilities.yaml").read_text(encoding="utf-8")
    assert after.startswith(before)
    assert "# Source : Annuaire de l'administration, Service-Public.fr / DILA, Licence Ouverte 2.0\n" in after

    validated = mairie("validate", content=content)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    assert "Catalogue valide : 8 équipements" in validated.stdout + validated.stderr

    said = mairie(
        "say", "la mairie de Fontaine-le-Port est-elle ouverte mardi", "--at", "2026-11-26T10:00", content=content
    )
    assert said.returncode == 0, said.stderr
    assert said.stdout.startswith(
        "Mardi 1er décembre, la mairie de Fontaine-le-Port est ouverte de 9 heures à midi et de 18 heures à 19 heures."
    )
    assert "Téléphone : 01 64 38 30 52" in said.stdout

    written = (content / "facilities.yaml").read_bytes()
    again = mairie("importer", "annuaire", "--commune", "77188", content=content, api=api)
    assert again.returncode == 0, again.stderr
    assert "Rien à changer : " in again.stdout
    assert (content / "facilities.yaml").read_bytes() == written


def test_a_counter_without_hours_is_unknown_never_closed(directory: tuple[Directory, str], content: Path) -> None:
    state, api = directory
    state.answer = directory_of(recorded(MAIRIES))
    run = mairie("importer", "annuaire", "--commune", "16025", content=content, api=api)
    assert run.returncode == 0, run.stderr
    added = (content / "facilities.yaml").read_text(encoding="utf-8").split("mairie-baignes-sainte-radegonde")[1]
    assert "horaires" not in added and "fermé" not in added
    said = mairie(
        "say",
        "la mairie de Baignes-Sainte-Radegonde est-elle ouverte demain",
        "--at",
        "2026-11-26T10:00",
        content=content,
    )
    assert said.returncode == 0, said.stderr
    speech = said.stdout.splitlines()[0]
    assert "Je n'ai pas les horaires de la mairie de Baignes-Sainte-Radegonde" in speech
    assert "fermée" not in speech


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
    return port


def unchanged(content: Path, run: Callable[[], subprocess.CompletedProcess[str]]) -> str:
    """Runs the import; asserts exit 1, no traceback and every file as it was; returns stderr."""
    before = {path.name: path.read_bytes() for path in content.iterdir()}
    result = run()
    assert result.returncode == 1, result.stdout
    assert "Traceback" not in result.stderr
    assert result.stderr.rstrip().endswith("Rien n'a été modifié.")
    assert {path.name: path.read_bytes() for path in content.iterdir()} == before
    return result.stderr


def test_network_down(content: Path) -> None:
    api = f"http://127.0.0.1:{closed_port()}/"
    said = unchanged(content, lambda: mairie("importer", "annuaire", "--commune", "92040", content=content, api=api))
    assert "Impossible de joindre l'annuaire (127.0.0.1:" in said
    assert "connexion refusée. Vérifiez la connexion à Internet, puis relancez la commande." in said


def test_unknown_commune(directory: tuple[Directory, str], content: Path) -> None:
    state, api = directory
    state.answer = directory_of(recorded(FONTAINE))
    said = unchanged(content, lambda: mairie("importer", "annuaire", "--commune", "92130", content=content, api=api))
    assert "Aucune fiche de l'annuaire pour la commune « 92130 » (API). Vérifiez le code INSEE" in said
    assert "ce n'est pas le code postal" in said


def test_a_code_that_is_no_insee_code_is_refused_before_any_call(
    directory: tuple[Directory, str], content: Path
) -> None:
    state, api = directory
    said = unchanged(content, lambda: mairie("importer", "annuaire", "--commune", "9204", content=content, api=api))
    assert "« 9204 » n'est pas un code INSEE de commune" in said
    assert state.queries == []


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        # Explore API v2.0 named the list "records"; v2.1 names it "results"
        (b'{"total_count": 1, "records": []}', "n'a pas la forme attendue (« results », une liste, ou « service »)"),
        (b"<html>maintenance</html>", "a répondu autre chose que du JSON : son format a peut-être changé."),
        (
            json.dumps({"total_count": 1, "results": [{"id": "x", "nom": "Mairie", "pivot": "mairie"}]}).encode(),
            "la fiche « Mairie » (x) : « pivot » n'est pas du JSON lisible",
        ),
    ],
)
def test_a_format_change(directory: tuple[Directory, str], content: Path, body: bytes, expected: str) -> None:
    state, api = directory
    state.answer = lambda query: (200, body)
    said = unchanged(content, lambda: mairie("importer", "annuaire", "--commune", "92040", content=content, api=api))
    assert expected in said
