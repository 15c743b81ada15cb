"""The phrasing corpus (`tests/phrases/fr/<Intent>.yaml`) and a skill built on the fixture commune.

The corpus was written by people who never saw the templates (given only the list of features and
the fixture catalogue): how residents actually ask, with the intent and the slot ids Alexa should
send, and sometimes words a correct answer must contain. Format (from home-assistant/intents):

    language: fr
    intent: IdProcedureIntent
    tests:
      - sentences: ["j'ai perdu ma carte d'identité"]
        slots: {document: carte-identite, situation: perte-vol}
        answer: ["25 euros"]
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from mairie.catalogue.current import reset_catalogue_cache
from mairie.tools.build import PHRASES, load_grammar
from mairie.tools.local_skill import LocalSkill, import_lambda_handler
from mairie.tools.phrase_corpus import Phrasing
from mairie.tools.phrase_corpus import load_corpus as load_phrasings
from mairie.tools.resolver import Resolver
from tests.commune import COMMUNE, commune_model

ROOT = Path(__file__).resolve().parents[2]
CORPUS = Path(__file__).resolve().parent / "fr"
PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS)
"""Thursday 26 November 2026, 10:00 in the commune: the corpus's dates are relative to it."""


def load_corpus(folder: Path = CORPUS) -> list[Phrasing]:
    return load_phrasings(folder)


def commune_resolver() -> Resolver:
    return Resolver(commune_model(), load_grammar(ROOT / PHRASES))


@dataclass
class CommuneSkill:
    """The skill on the fixture commune, for as long as the context lasts."""

    skill: LocalSkill


def open_commune_skill() -> Iterator[LocalSkill]:
    """A local skill whose resolver and `lambda_handler` both use the fixture commune."""
    previous = os.environ.get("MAIRIE_CONTENT")
    os.environ["MAIRIE_CONTENT"] = str(COMMUNE)
    reset_catalogue_cache()
    try:
        yield LocalSkill(commune_resolver(), import_lambda_handler(), PARIS)
    finally:
        if previous is None:
            os.environ.pop("MAIRIE_CONTENT", None)
        else:
            os.environ["MAIRIE_CONTENT"] = previous
        reset_catalogue_cache()


def slot_values(resolution: Any) -> dict[str, Any]:
    """What Alexa would send, as the corpus writes it: the id (a list when several), else the value."""
    found: dict[str, Any] = {}
    for name, slot in resolution.filled.items():
        ids = [value.id for value in slot.values] if slot.status == "ER_SUCCESS_MATCH" else []
        found[name] = sorted(ids) if len(ids) > 1 else (ids[0] if ids else slot.value)
    return found


def expected_values(phrasing: Phrasing) -> dict[str, Any]:
    return {name: sorted(v) if isinstance(v, list) else str(v) for name, v in phrasing.slots.items()}
