"""`mairie` run as staff run it: a process of its own, on a given content folder, never the state or skill id of
the test session."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_mairie(
    *args: str, cwd: Path, content: Path | None, stdin: str | None = None
) -> subprocess.CompletedProcess[str]:
    """`python -m mairie.tools.cli ARGS` in `cwd`, reading `content` (None: the bundled catalogue)."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "MAIRIE_CONTENT", "SKILL_ID")}
    if content is not None:
        env["MAIRIE_CONTENT"] = str(content)
    env["PYTHONPATH"] = str(ROOT / "lambda")
    return subprocess.run(
        [sys.executable, "-m", "mairie.tools.cli", *args],
        cwd=cwd,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
