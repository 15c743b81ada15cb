"""The skill on this machine: the catalogue, the interaction model it fills, and `lambda_handler`.

The content folder is `MAIRIE_CONTENT`, else `./content` when it exists, else the compiled catalogue.
`MAIRIE_CONTENT` and `MAIRIE_STATE` are set before `lambda_function` is imported, so that the skill
reads the same content and keeps its per-user state in a local file (`.mairie/etat.sqlite3`).
"""

from __future__ import annotations

import importlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import mairie
from mairie.catalogue.model import Catalogue
from mairie.tools.build import MODEL, PHRASES, load_grammar
from mairie.tools.grammar import Grammar
from mairie.tools.resolver import Resolver

Handler = Callable[[dict[str, Any], Any], Any]
CONTENT_ENV = "MAIRIE_CONTENT"
STATE_ENV = "MAIRIE_STATE"
DEFAULT_STATE = Path(".mairie") / "etat.sqlite3"
MODEL_PATH = MODEL  # the interaction model `mairie build` writes, relative to the project root


def lambda_dir() -> Path:
    """The folder that ships to Lambda (holds `lambda_function.py` and the `mairie` package)."""
    return Path(mairie.__file__).resolve().parents[1]


def repo_root() -> Path:
    return lambda_dir().parent


def content_dir() -> Path | None:
    """The content folder to use: `MAIRIE_CONTENT`, else `./content` if it exists, else None."""
    configured = os.environ.get(CONTENT_ENV, "").strip()
    if configured:
        return Path(configured)
    local = Path.cwd() / "content"
    return local if local.is_dir() else None


def model_path() -> Path:
    local = Path.cwd() / MODEL_PATH
    return local if local.is_file() else repo_root() / MODEL_PATH


def load_local_catalogue() -> Catalogue:
    """The catalogue of the content folder (and `MAIRIE_CONTENT` set to it), or the compiled one.

    Raises `mairie.catalogue.problems.CatalogueError` when the content is not valid.
    """
    folder = content_dir()
    if folder is not None:
        from mairie.catalogue.loader import load_catalogue

        catalogue = load_catalogue(folder)
        os.environ[CONTENT_ENV] = str(folder.resolve())
        return catalogue
    from mairie.catalogue.current import get_catalogue

    return get_catalogue()


def use_local_state() -> Path:
    """`MAIRIE_STATE`, defaulting to `.mairie/etat.sqlite3` under the current directory."""
    if not os.environ.get(STATE_ENV):
        os.environ[STATE_ENV] = str(Path.cwd() / DEFAULT_STATE)
    return Path(os.environ[STATE_ENV])


def import_lambda_handler() -> Handler:
    """`lambda_function.lambda_handler`, imported from the `lambda/` folder (after the environment is set)."""
    folder = str(lambda_dir())
    if folder not in sys.path:
        sys.path.insert(0, folder)
    module = importlib.import_module("lambda_function")
    handler: Handler = module.lambda_handler
    return handler


def phrases_path() -> Path:
    local = Path.cwd() / PHRASES
    return local if local.is_dir() else repo_root() / PHRASES


def local_grammar() -> Grammar | None:
    """The templates the model's samples come from, as the resolver's grammar (see `tools.grammar`)."""
    return load_grammar(phrases_path())


def filled_model(catalogue: Catalogue) -> dict[str, Any]:
    """The interaction model with the slot values and invocation name this catalogue generates."""
    from mairie.catalogue.slots import apply_catalogue_to_model

    model: dict[str, Any] = json.loads(model_path().read_text(encoding="utf-8"))
    return apply_catalogue_to_model(model, catalogue)


@dataclass
class LocalSkill:
    """A resolver, the skill's handler and the city's time zone: everything to talk to the skill."""

    resolver: Resolver
    handler: Handler
    timezone: ZoneInfo

    def local_time(self, moment: datetime) -> datetime:
        """`moment` in the city's time zone (a naive time is taken as the city's local time)."""
        if moment.tzinfo is None:
            return moment.replace(tzinfo=self.timezone)
        return moment.astimezone(self.timezone)

    def today(self, moment: datetime) -> date:
        return self.local_time(moment).date()

    def invoke(self, event: dict[str, Any]) -> dict[str, Any]:
        """Send one request envelope through the handler, as JSON in and out (like Lambda)."""
        result = self.handler(json.loads(json.dumps(event)), None)
        response: dict[str, Any] = json.loads(json.dumps(result)) if result is not None else {}
        return response


def open_local_resolver() -> tuple[Resolver, ZoneInfo]:
    """The resolver of this project's model and phrasings, on the local content, and the city's zone.

    Raises `mairie.catalogue.problems.CatalogueError` when the content is not valid."""
    catalogue = load_local_catalogue()
    return Resolver(filled_model(catalogue), local_grammar()), ZoneInfo(catalogue.city.timezone)


def open_local_skill() -> LocalSkill:
    """Load the content, set the environment, apply the catalogue to the model, import the skill."""
    catalogue = load_local_catalogue()
    use_local_state()
    resolver = Resolver(filled_model(catalogue), local_grammar())
    return LocalSkill(resolver, import_lambda_handler(), ZoneInfo(catalogue.city.timezone))
