"""The phrasing corpus: sentences residents say, each with the intent (and slot ids) Alexa should send.

One YAML file per intent, in the format of home-assistant/intents' tests (`tests/phrases/fr/*.yaml`):

    language: fr
    intent: IdProcedureIntent
    tests:
      - sentences: ["j'ai perdu ma carte d'identité"]
        slots: {document: carte-identite, situation: perte-vol}
        answer: ["25 euros"]

The test suite checks the local resolver and the skill against it; `mairie calibrer` sends its
sentences to Alexa's own NLU to compare.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

CORPUS = Path("tests") / "phrases" / "fr"
"""Where the corpus lives, relative to the project root."""


@dataclass(frozen=True)
class Phrasing:
    file: str
    intent: str
    sentence: str
    slots: dict[str, Any] = field(default_factory=dict)
    answer: tuple[str, ...] = ()

    @property
    def label(self) -> str:
        return f"{self.intent}: {self.sentence}"


def load_corpus(folder: Path) -> list[Phrasing]:
    """Every phrasing of the folder's `*.yaml`, file by file. Raises OSError, yaml.YAMLError, KeyError."""
    phrasings = []
    for path in sorted(folder.glob("*.yaml")):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        for test in document["tests"]:
            for sentence in test["sentences"]:
                phrasings.append(
                    Phrasing(
                        path.name,
                        document["intent"],
                        str(sentence),
                        dict(test.get("slots") or {}),
                        tuple(str(a) for a in test.get("answer") or ()),
                    )
                )
    return phrasings
