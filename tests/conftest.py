from __future__ import annotations

import os
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

# The skill reads its environment once, at import (like a Lambda container): set it first.
_STATE_DIR = tempfile.mkdtemp(prefix="mairie-skill-tests-")
os.environ["MAIRIE_STATE"] = str(Path(_STATE_DIR) / "etat.sqlite3")
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
