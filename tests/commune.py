"""The fixture commune (`tests/fixtures/commune`): the catalogue every behaviour test runs on.

Behaviour tests never read the city's `content/`: staff change it every week (hours, closures,
episodes, the magazine), and a routine change must never turn the suite red. The fixture is a
frozen catalogue of its own, written for the cases the tests check; `content/` is checked only by
the content-agnostic rules of `tests/content_rules/`.

`tests/conftest.py` compiles the fixture once per session and points `MAIRIE_CATALOGUE` at it, so
the skill reads it the way the Lambda reads its bundled catalogue (compiled JSON, no YAML).
"""

from __future__ import annotations

import functools
import json
import tempfile
from pathlib import Path
from typing import Any

from mairie.catalogue.compiled import dump_catalogue
from mairie.catalogue.loader import load_catalogue

ROOT = Path(__file__).resolve().parents[1]
COMMUNE = ROOT / "tests" / "fixtures" / "commune"
MODEL_SKELETON = ROOT / "skill-package" / "interactionModels" / "custom" / "fr-FR.json"


def compile_commune(path: Path) -> Path:
    """The fixture commune compiled to `path` (what `mairie build` writes into the Lambda)."""
    path.write_text(dump_catalogue(load_catalogue(COMMUNE)), encoding="utf-8")
    return path


@functools.cache
def _built_model() -> str:
    from mairie.tools.build import PHRASES, build_model

    skeleton = json.loads(MODEL_SKELETON.read_text(encoding="utf-8"))
    model = build_model(skeleton, ROOT / PHRASES, load_catalogue(COMMUNE))
    assert isinstance(model, dict), [problem.render() for problem in model]
    return json.dumps(model, ensure_ascii=False, indent=2)


def commune_model() -> dict[str, Any]:
    """The interaction model `mairie build` would write for the fixture commune (a fresh copy)."""
    model: dict[str, Any] = json.loads(_built_model())
    return model


@functools.cache
def commune_model_file() -> Path:
    """That model as a file (virtual-alexa and `Resolver.from_file` read files), once per session."""
    folder = Path(tempfile.mkdtemp(prefix="mairie-commune-model-"))
    path = folder / "fr-FR.json"
    path.write_text(_built_model(), encoding="utf-8")
    return path
