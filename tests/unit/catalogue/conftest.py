"""Fixtures for the catalogue tests (helpers live in `catalogue_helpers`, a uniquely named module)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from catalogue_helpers import COMMUNE, MINIMAL, write


@pytest.fixture
def minimal(tmp_path: Path) -> Path:
    """A valid content folder with only the required files, small enough to reason about lines."""
    folder = tmp_path / "content"
    folder.mkdir()
    for name, text in MINIMAL.items():
        write(folder, name, text)
    return folder


@pytest.fixture
def content_copy(tmp_path: Path) -> Path:
    """A copy of the fixture commune, to break on purpose."""
    folder = tmp_path / "content"
    shutil.copytree(COMMUNE, folder)
    return folder
