"""The Python version an Alexa-hosted skill runs, asked of Amazon before `mairie deploy --hosted` pushes.

The code needs Python 3.11 or newer (`pyproject.toml`, `requires-python`). An Alexa-hosted skill's
runtime is chosen when the skill is created and cannot be changed afterwards; ask-cli creates hosted
Python skills with `PYTHON_3_8` (ask-cli `lib/utils/constants.js`, `HOSTED_SKILL.DEFAULT_RUNTIME`), and
Amazon's hosted-skill guide lists Python 3.8 (developer.amazon.com/docs/hosted-skills/
build-a-skill-end-to-end-using-an-alexa-hosted-skill.html). On such a skill this code cannot even be
imported: pushing it would break the skill, so `mairie deploy --hosted` refuses when it can read an older
runtime, and says it could not check otherwise.

How: SMAPI's "Get metadata about an Alexa-hosted skill" (`alexaHosted.runtime`), through ask-cli
(`ask smapi get-alexa-hosted-skill-metadata --skill-id ID`), for the skill id ask-cli keeps in
`.ask/ask-states.json` (or `SKILL_ID`). Never imported by the Lambda.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

NEEDED = (3, 11)
"""The oldest Python the skill's code runs on (`pyproject.toml`)."""
ASK_STATES = Path(".ask") / "ask-states.json"
_VERSION = re.compile(r"python[_ ]?(\d+)[._](\d+)", re.IGNORECASE)


def skill_id(root: Path, profile: str | None) -> str | None:
    """The skill's id from ask-cli's state file (`profiles.<profile>.skillId`), else `SKILL_ID`."""
    try:
        states = json.loads((root / ASK_STATES).read_text(encoding="utf-8"))
        found = states["profiles"][profile or "default"]["skillId"]
        if isinstance(found, str) and found:
            return found
    except (OSError, ValueError, KeyError, TypeError):
        pass
    return os.environ.get("SKILL_ID") or None


def read_runtime(text: str) -> tuple[int, int] | None:
    """`(3, 8)` from "PYTHON_3_8" or "python3.8"; None for anything else (e.g. a Node.js runtime)."""
    found = _VERSION.search(text)
    return (int(found.group(1)), int(found.group(2))) if found else None


def hosted_runtime(root: Path, profile: str | None) -> tuple[str, tuple[int, int] | None] | None:
    """(the runtime as Amazon names it, its Python version) for the hosted skill; None when it cannot
    be asked (no ask-cli, no skill id, no answer)."""
    ask = shutil.which("ask")
    found_id = skill_id(root, profile)
    if ask is None or found_id is None:
        return None
    command = [ask, "smapi", "get-alexa-hosted-skill-metadata", "--skill-id", found_id]
    if profile:
        command += ["--profile", profile]
    try:
        done = subprocess.run(command, cwd=root, capture_output=True, text=True, check=False, timeout=60)
        runtime = str(json.loads(done.stdout)["alexaHosted"]["runtime"]) if done.returncode == 0 else None
    except (OSError, subprocess.SubprocessError, ValueError, KeyError, TypeError):
        return None
    return (runtime, read_runtime(runtime)) if runtime else None
