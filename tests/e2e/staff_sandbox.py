"""A throw-away copy of the project (content, lambda, skill-package) where `mairie` runs for real.

Its `content/` is the fixture commune, never the city's own (which staff change every week); the
copy is built once, so its generated files match that content.

The `mairie` package is imported from the copy, so `mairie build` and `mairie deploy` write there and
never touch the repository.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
COMMUNE = ROOT / "tests" / "fixtures" / "commune"
COPIED = ("content", "phrases", "lambda", "skill-package", "flux", "infrastructure", "hooks", "ask-resources.json")
IGNORED = shutil.ignore_patterns("__pycache__", "*.egg-info", ".mypy_cache", "*.pyc")
COMPILED = Path("lambda/mairie/data/catalogue.json")
MODEL = Path("skill-package/interactionModels/custom/fr-FR.json")


def make_sandbox(folder: Path) -> Path:
    """A copy of the project whose `content/` is the fixture commune, built (`mairie build`) once per session."""
    shutil.copytree(_built_template(), folder, ignore=IGNORED, symlinks=True)
    return folder


@functools.cache
def _built_template() -> Path:
    template = Path(tempfile.mkdtemp(prefix="mairie-sandbox-")) / "projet"
    template.mkdir()
    for name in COPIED:
        source = COMMUNE if name == "content" else ROOT / name
        if source.is_dir():
            shutil.copytree(source, template / name, ignore=IGNORED)
        else:
            shutil.copy2(source, template / name)
    built = mairie(template, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    shutil.rmtree(template / ".mairie", ignore_errors=True)
    return template


def tool_dir(folder: Path, *tools: str) -> Path:
    """A folder for PATH holding only the named real tools (e.g. git), so nothing else is found."""
    folder.mkdir(parents=True, exist_ok=True)
    for tool in tools:
        found = shutil.which(tool)
        assert found, f"{tool} is needed by this test"
        (folder / tool).symlink_to(found)
    return folder


def fake_ask(folder: Path, log: Path, exit_code: int = 0, error: str = "") -> Path:
    """An `ask` executable that records its arguments, its folder and the compiled catalogue it would ship."""
    script = folder / "ask"
    script.write_text(
        textwrap.dedent(
            f"""\
            #!{sys.executable}
            import json, os, shutil, sys
            log = {str(log)!r}
            os.makedirs(log, exist_ok=True)
            with open(os.path.join(log, "calls.jsonl"), "a", encoding="utf-8") as calls:
                calls.write(json.dumps({{"args": sys.argv[1:], "cwd": os.getcwd()}}) + "\\n")
            shutil.copy({str(COMPILED)!r}, os.path.join(log, "catalogue.json"))
            print("ask: déploiement simulé")
            if {error!r}:
                print({error!r}, file=sys.stderr)
            sys.exit({exit_code})
            """
        ),
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def fake_python(folder: Path, version: str) -> Path:
    """A `pythonX.Y` that only answers its version: `mairie deploy` checks that the Lambda's Python is there
    before calling ask-cli (the fake `ask` never runs the build hook that would use it)."""
    script = folder / f"python{version}"
    script.write_text(f"#!/bin/sh\necho {version}\n", encoding="utf-8")
    script.chmod(0o755)
    return script


def mairie(
    sandbox: Path, *args: str, path: Path | None = None, cwd: Path | None = None
) -> subprocess.CompletedProcess[str]:
    """`mairie ARGS` as a real process, importing the sandbox's `mairie`; PATH is `path` when given."""
    cleared = ("MAIRIE_STATE", "MAIRIE_CONTENT", "MAIRIE_CATALOGUE", "SKILL_ID")
    env = {k: v for k, v in os.environ.items() if k not in cleared}
    env["PYTHONPATH"] = str(sandbox / "lambda")
    env["MAIRIE_STATE"] = str(sandbox / ".mairie" / "etat.sqlite3")
    if path is not None:
        env["PATH"] = str(path)
    return subprocess.run(
        [sys.executable, "-m", "mairie.tools.cli", *args],
        cwd=cwd or sandbox,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} must appear once in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")
