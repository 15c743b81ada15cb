from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from tests.commune import compile_commune
from tests.confirmed_audio import with_confirmed_audio

if TYPE_CHECKING:
    from mairie.catalogue.model import Catalogue

# The skill reads its environment once, at import (like a Lambda container): set it first.
# Its catalogue is the fixture commune, compiled like the Lambda's own: never the city's content/.
_STATE_DIR = tempfile.mkdtemp(prefix="mairie-skill-tests-")
os.environ["MAIRIE_STATE"] = str(Path(_STATE_DIR) / "etat.sqlite3")
os.environ["MAIRIE_CATALOGUE"] = str(compile_commune(Path(_STATE_DIR) / "catalogue.json"))
os.environ.pop("MAIRIE_CONTENT", None)
os.environ.pop("DYNAMODB_PERSISTENCE_TABLE_NAME", None)
os.environ.pop("SKILL_ID", None)


@pytest.fixture(scope="session")
def run_id() -> str:
    """A mark of this test session: mutation testing (benchmarks/mutation.py) runs the suite many times
    in one process, whose state file outlives each run."""
    return uuid.uuid4().hex[:8]


@pytest.fixture
def user(request: pytest.FixtureRequest, run_id: str) -> Iterator[str]:
    """A user id of its own for each test (and each session), so stored state never leaks between tests."""
    yield "U" + "".join(ch for ch in request.node.name if ch.isalnum())[:60] + run_id


@pytest.fixture
def confirmed_audio(monkeypatch: pytest.MonkeyPatch) -> Catalogue:
    """The skill's catalogue with its audio confirmed (see `tests/confirmed_audio.py`)."""
    from mairie.alexa import turn  # after the environment above is set
    from mairie.catalogue.current import get_catalogue

    confirmed = with_confirmed_audio(get_catalogue())
    monkeypatch.setattr(turn, "get_catalogue", lambda: confirmed)
    return confirmed
