"""The audio of the test catalogues confirmed, for the tests of playback itself.

The city's episodes and magazine audio, and the fixture commune's, are marked as example
(placeholder addresses), and the skill never streams those (`tests/e2e/test_example_media.py`).
Playback (resume, next, retries, the remote's buttons) is tested on the same catalogues with those
marks removed, as if staff had put the real MP3 files in: in process (`with_confirmed_audio`, the
`confirmed_audio` fixture of `tests/conftest.py`), or as a content folder for a `mairie` process
(`confirmed_audio_commune`).
"""

from __future__ import annotations

import dataclasses
import shutil
from pathlib import Path

from mairie.catalogue.model import Catalogue

COMMUNE = Path(__file__).resolve().parent / "fixtures" / "commune"


def with_confirmed_audio(catalogue: Catalogue) -> Catalogue:
    podcasts = tuple(
        dataclasses.replace(series, episodes=tuple(dataclasses.replace(e, example=False) for e in series.episodes))
        for series in catalogue.podcasts
    )
    magazine = catalogue.magazine
    if magazine is not None:
        issues = tuple(dataclasses.replace(i, example=False) if i.audio_url else i for i in magazine.issues)
        magazine = dataclasses.replace(magazine, issues=issues)
    return dataclasses.replace(catalogue, podcasts=podcasts, magazine=magazine)


def confirmed_audio_commune(folder: Path) -> Path:
    """A copy of the fixture commune, in `folder`, whose episodes are not marked as example."""
    copy = folder / "commune-audio-confirmee"
    shutil.copytree(COMMUNE, copy)
    podcasts = copy / "podcasts.yaml"
    podcasts.write_text(podcasts.read_text(encoding="utf-8").replace("        exemple: true\n", ""), encoding="utf-8")
    return copy
