"""Calling Alexa's Skill Management API (SMAPI) through ask-cli: `ask smapi COMMAND --option value`.

ask-cli prints the response body as JSON on standard output (`lib/commands/smapi/smapi-command-handler.js`:
`jsonView.toString(body)`), and on failure prints « [Error]: … » on standard error and exits 1
(`bin/ask-smapi.ts`). It signs in with the profile `ask configure` set up (`--profile`). Every way this
can fail (ask-cli missing, not configured, no network, refused, not JSON) becomes an `AskCliError`
whose message is French and says what to do. Never imported by the Lambda.

The skill's id is needed by every command: `--skill-id`, else `SKILL_ID`, else the id `ask deploy`
recorded in `.ask/ask-states.json`.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from mairie.tools.deploy import ASK_INSTALL

TIMEOUT_S = 120
ASK_STATES = Path(".ask") / "ask-states.json"
NO_SKILL_ID = (
    "Identifiant de la skill inconnu : indiquez-le avec --skill-id amzn1.ask.skill.… (il est affiché dans la "
    "console développeur Alexa, sous le nom de la skill), ou définissez SKILL_ID. Après un premier "
    "« mairie deploy », il est lu dans .ask/ask-states.json."
)


class AskCliError(Exception):
    """ask-cli could not give an answer; the message is for staff, in French."""


def find_skill_id(explicit: str | None, root: Path, profile: str | None) -> str:
    """The skill's id: given, else `SKILL_ID`, else from `.ask/ask-states.json`. Raises `AskCliError`."""
    for candidate in (explicit, os.environ.get("SKILL_ID"), _deployed_skill_id(root, profile or "default")):
        if candidate and candidate.strip():
            return candidate.strip()
    raise AskCliError(NO_SKILL_ID)


def _deployed_skill_id(root: Path, profile: str) -> str | None:
    try:
        states = json.loads((root / ASK_STATES).read_text(encoding="utf-8"))
        found = states["profiles"][profile]["skillId"]
    except (OSError, ValueError, KeyError, TypeError):
        return None
    return str(found) if found else None


def require_ask() -> None:
    """Raises `AskCliError` (how to install it) when ask-cli is not on the PATH."""
    if shutil.which("ask") is None:
        raise AskCliError(ASK_INSTALL)


def run_smapi(command: str, arguments: Sequence[str], profile: str | None = None) -> dict[str, Any]:
    """The JSON body SMAPI answered to `ask smapi COMMAND ARGUMENTS`. Raises `AskCliError`."""
    require_ask()
    line = ["ask", "smapi", command, *arguments, *(["--profile", profile] if profile else [])]
    try:
        done = subprocess.run(line, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
    except subprocess.TimeoutExpired as error:
        raise AskCliError(
            f"« ask smapi {command} » n'a pas répondu en {TIMEOUT_S} secondes : vérifiez la connexion à Internet, "
            "puis recommencez."
        ) from error
    except OSError as error:
        raise AskCliError(f"Impossible de lancer « ask » : {error.strerror}.") from error
    if done.returncode != 0:
        raise AskCliError(_failure(command, done.returncode, done.stderr or done.stdout))
    return _body(command, done.stdout)


def _body(command: str, output: str) -> dict[str, Any]:
    start = output.find("{")
    try:
        body, _ = json.JSONDecoder().raw_decode(output, start) if start >= 0 else (None, 0)
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise AskCliError(
            f"« ask smapi {command} » n'a pas renvoyé de réponse lisible (JSON attendu) : mettez ask-cli à jour "
            "avec « npm install -g ask-cli »."
        )
    return body


def _failure(command: str, code: int, message: str) -> str:
    detail = " ".join(message.replace("[Error]:", " ").split())[:400]
    lowered = detail.lower()
    if "ask configure" in lowered or "app config" in lowered or "refresh_token" in lowered:
        hint = "ask-cli n'est pas relié au compte Amazon de la ville : lancez « ask configure »."
    elif any(word in lowered for word in ("enotfound", "eai_again", "econnrefused", "etimedout", "socket hang up")):
        hint = "pas de connexion au service d'Amazon : vérifiez la connexion à Internet, puis recommencez."
    elif any(word in lowered for word in ('"statuscode": 401', '"statuscode": 403', "unauthorized", "forbidden")):
        hint = "Amazon refuse l'accès : ce compte a-t-il les droits sur cette skill (--skill-id, --profile) ?"
    elif '"statuscode": 404' in lowered or "not found" in lowered:
        hint = "skill introuvable : vérifiez --skill-id et l'étape (--stage)."
    elif '"statuscode": 429' in lowered or "too many requests" in lowered:
        hint = "Amazon limite le nombre de requêtes : attendez une minute, puis recommencez."
    else:
        hint = "lisez le message d'ask-cli ci-dessous."
    return f"« ask smapi {command} » a échoué (code {code}) : {hint}\n  ask-cli : {detail or '(aucun message)'}"
