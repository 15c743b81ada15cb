"""The phrasing corpus through virtual-alexa's exact sample matching, answered by `mairie serve`.

Exact matching is a lower bound of Alexa's understanding: a phrasing matches only if a sample of
the model says it word for word, its slots filled with values of their types. The corpus
(`tests/phrases/fr`) was written blind to the templates and is not among the examples that steer
the sampler (`phrases/fr-FR/exemples`), so the share matched here is what unseen phrasings get.

The model is the one `mairie build` makes for the fixture commune, with one adaptation: virtual-alexa
strips hyphens (and some punctuation) from the utterance but not from the samples, so "est-ce que"
could never match; the same characters are stripped from the samples and values it is given.
virtual-alexa's built-in types know English only: dates and numbers are checked by the local
resolver's corpus test, not here.
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
from tests.phrases.corpus import COMMUNE, Phrasing, commune_model, load_corpus

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = Path(__file__).with_name("virtual_alexa_corpus.js")
NOW = "2026-11-26T09:00:00Z"
LISTENING = re.compile(r"http://127\.0\.0\.1:(\d+)/")
STRIPPED = re.compile(r"[!\"¿?|#$%/()=+\-_<>*{}·¡\[\].,;:]")
"""What virtual-core removes from an utterance before matching (SampleUtterances.js)."""
MIN_SHARE = 0.70
"""The share of the corpus exact matching must get right (intent and custom slot ids)."""
BROKEN = "un problème m'empêche de répondre"

pytestmark = [
    pytest.mark.skipif(shutil.which("node") is None, reason="Node.js (node) est nécessaire"),
    pytest.mark.skipif(
        not (ROOT / "node_modules" / "virtual-alexa").is_dir(), reason="virtual-alexa n'est pas installé"
    ),
]


def _strip(text: str) -> str:
    return STRIPPED.sub("", text)


def virtual_alexa_model(model: dict[str, Any]) -> dict[str, Any]:
    """`model` with virtual-alexa's utterance cleaning applied to its samples and slot values too."""
    language = model["interactionModel"]["languageModel"]
    for intent in language["intents"]:
        intent["samples"] = [_strip_outside_slots(s) for s in intent.get("samples", [])]
    for slot_type in language.get("types", []):
        for value in slot_type.get("values", []):
            name = value["name"]
            name["value"] = _strip(name["value"])
            name["synonyms"] = [_strip(s) for s in name.get("synonyms", [])]
    return model


def _strip_outside_slots(sample: str) -> str:
    parts = re.split(r"(\{\w+\})", sample)
    return "".join(part if part.startswith("{") else _strip(part) for part in parts)


@pytest.fixture(scope="module")
def model_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("model") / "fr-FR.json"
    path.write_text(json.dumps(virtual_alexa_model(commune_model()), ensure_ascii=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def skill_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`mairie serve --no-verify` on the fixture commune, on a free port of 127.0.0.1."""
    folder = tmp_path_factory.mktemp("serve")
    env = {k: v for k, v in os.environ.items() if k != "SKILL_ID"}
    env.update(MAIRIE_CONTENT=str(COMMUNE), MAIRIE_STATE=str(folder / "etat.sqlite3"), PYTHONPATH=str(ROOT / "lambda"))
    server = subprocess.Popen(
        [sys.executable, "-m", "mairie.tools.cli", "serve", "--host", "127.0.0.1", "--port", "0", "--no-verify"],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    watchdog = threading.Timer(60, server.kill)
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
def answers(skill_url: str, model_path: Path, tmp_path_factory: pytest.TempPathFactory) -> list[dict[str, Any]]:
    phrasings = tmp_path_factory.mktemp("corpus") / "phrasings.json"
    phrasings.write_text(json.dumps([p.sentence for p in CORPUS], ensure_ascii=False), encoding="utf-8")
    result = subprocess.run(
        ["node", str(SCRIPT), skill_url, str(model_path), NOW, str(phrasings)],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    found: list[dict[str, Any]] = json.loads(result.stdout)
    assert [a["sentence"] for a in found] == [p.sentence for p in CORPUS]
    return found


CORPUS = load_corpus()


def _custom_ids(phrasing: Phrasing) -> dict[str, list[str]]:
    """The slots the corpus gives as ids of custom types (dates and numbers are English-only here)."""
    found = {}
    for name, value in phrasing.slots.items():
        if isinstance(value, list):
            found[name] = sorted(str(v) for v in value)
        elif isinstance(value, str) and not re.fullmatch(r"[\d-]+(W\d+(-WE)?)?|\d+", value):
            found[name] = [value]
    return found


def _understood(phrasing: Phrasing, answer: dict[str, Any]) -> bool:
    if phrasing.intent == "AMAZON.FallbackIntent":
        return answer["intent"] is None
    if answer["intent"] != phrasing.intent:
        return False
    slots = answer["slots"]
    return all(sorted(slots.get(name) or []) == ids for name, ids in _custom_ids(phrasing).items())


def test_a_large_share_of_the_corpus_is_matched_exactly(answers: list[dict[str, Any]]) -> None:
    understood = [p for p, a in zip(CORPUS, answers, strict=True) if _understood(p, a)]
    share = len(understood) / len(CORPUS)
    missed = [p.label for p, a in zip(CORPUS, answers, strict=True) if not _understood(p, a)]
    assert share >= MIN_SHARE, f"{share:.1%} ({len(understood)}/{len(CORPUS)}); missed: {missed[:40]}"


def test_every_matched_phrasing_is_answered_without_error(answers: list[dict[str, Any]]) -> None:
    for answer in answers:
        if answer["intent"] is not None:
            assert answer["error"] is None, answer
            assert answer["ssml"] and BROKEN not in answer["ssml"], answer
