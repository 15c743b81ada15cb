"""Set-up honesty: the editable install keeps lambda/ clean, and `make` names a missing prerequisite."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_the_editable_install_metadata_stays_out_of_lambda(tmp_path: Path) -> None:
    """setuptools' `egg_info` (what `pip install -e .` runs) writes to the project root, never into lambda/,
    which ask-cli zips into the Lambda package."""
    for name in ("pyproject.toml", "setup.cfg"):
        shutil.copy2(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "lambda" / "mairie", tmp_path / "lambda" / "mairie", ignore=shutil.ignore_patterns("*.pyc"))
    result = subprocess.run(
        [sys.executable, "-c", "from setuptools import setup; setup()", "--quiet", "egg_info"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert sorted(path.name for path in tmp_path.glob("*.egg-info")) == ["mairie_vocale.egg-info"]
    assert list((tmp_path / "lambda").glob("*.egg-info")) == []


def test_make_test_says_what_is_missing_without_npm(tmp_path: Path) -> None:
    """With no npm on PATH, one line in French and English, not « npm: No such file or directory »."""
    for name in ("Makefile", "package.json", "package-lock.json"):
        shutil.copy2(ROOT / name, tmp_path / name)
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    make = shutil.which("make")
    assert make is not None, "make is needed by this test"
    (bin_dir / "make").symlink_to(make)
    env = {key: value for key, value in os.environ.items() if not key.startswith("MAKE")}
    env["PATH"] = str(bin_dir)
    result = subprocess.run(
        [make, "node_modules/.installed"], cwd=tmp_path, env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode != 0
    assert result.stderr.splitlines()[0] == (
        "npm introuvable : les outils de test demandent Node.js 20 ou plus, avec npm (https://nodejs.org) / "
        "npm not found: the test tools need Node.js 20 or newer, with npm."
    )
    assert "No such file or directory" not in result.stdout + result.stderr
    assert not (tmp_path / "node_modules").exists()
