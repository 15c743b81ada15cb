"""`validate(content_dir)`: every problem of the catalogue, for `mairie validate` and `mairie build`."""

from __future__ import annotations

from pathlib import Path

from mairie.catalogue.loader import read_content
from mairie.catalogue.problems import CatalogueError, Problem

__all__ = ["CatalogueError", "Problem", "validate"]


def validate(content_dir: Path) -> list[Problem]:
    """All the problems of `content_dir` (empty when the catalogue is valid)."""
    return read_content(content_dir)[1]
