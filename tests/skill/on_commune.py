"""The skill on a content folder of the tests (the fixture commune by default), through `lambda_handler`.

Its audio is confirmed (`tests/confirmed_audio.py`): these tests are about playback itself, and the
skill never streams audio marked as example."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mairie.alexa import turn
from mairie.catalogue.current import CONTENT_ENV, get_catalogue, reset_catalogue_cache
from tests.confirmed_audio import with_confirmed_audio

COMMUNE = Path(__file__).resolve().parents[1] / "fixtures" / "commune"


@contextmanager
def content_folder(folder: Path = COMMUNE) -> Iterator[Path]:
    """`MAIRIE_CONTENT` names `folder` while the context lasts (then the previous catalogue is back)."""
    previous = os.environ.get(CONTENT_ENV)
    os.environ[CONTENT_ENV] = str(folder)
    reset_catalogue_cache()
    confirmed = with_confirmed_audio(get_catalogue())
    reading = turn.get_catalogue
    turn.get_catalogue = lambda: confirmed
    try:
        yield folder
    finally:
        turn.get_catalogue = reading
        if previous is None:
            os.environ.pop(CONTENT_ENV, None)
        else:
            os.environ[CONTENT_ENV] = previous
        reset_catalogue_cache()


def commune_with_facilities(extra: Path, folder: Path) -> Path:
    """A copy of the fixture commune in `folder`, with the facilities of `extra` (YAML list items) added."""
    shutil.copytree(COMMUNE, folder, dirs_exist_ok=True)
    facilities = folder / "facilities.yaml"
    added = extra.read_text(encoding="utf-8")
    facilities.write_text(facilities.read_text(encoding="utf-8").rstrip("\n") + "\n\n" + added, encoding="utf-8")
    return folder
