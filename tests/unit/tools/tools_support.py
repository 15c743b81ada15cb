"""Paths and helpers shared by the tests of `mairie.tools`."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

from tests.commune import commune_model_file

from mairie.tools.build import PHRASES, load_grammar
from mairie.tools.resolver import Resolver

ROOT = Path(__file__).resolve().parents[3]
MODEL_PATH = commune_model_file()
"""The model `mairie build` makes for the fixture commune (never the one built from the city's content/)."""
MANIFEST_PATH = ROOT / "skill-package" / "skill.json"
THURSDAY = date(2026, 11, 26)
"""The reference "today" of these tests: Thursday 26 November 2026 (ISO week 48)."""


def load_json(path: Path) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return loaded


def language_model() -> dict[str, Any]:
    inner: dict[str, Any] = load_json(MODEL_PATH)["interactionModel"]["languageModel"]
    return inner


def custom_intents() -> list[dict[str, Any]]:
    return [i for i in language_model()["intents"] if not i["name"].startswith("AMAZON.")]


def slot_types() -> dict[str, list[dict[str, Any]]]:
    return {t["name"]: t["values"] for t in language_model()["types"]}


def real_resolver() -> Resolver:
    """The resolver `mairie say` uses: the built model (of the fixture commune) and the phrasing templates."""
    return Resolver.from_file(MODEL_PATH, load_grammar(ROOT / PHRASES))
