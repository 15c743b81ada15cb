"""What the Lambda imports at cold start: nothing from the developer tools or dev-only packages.

Each check imports `lambda_function` in a fresh Python process (like a new Lambda container) and
looks at `sys.modules` there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from tests.skill.envelopes import intent, slot, speech

LAMBDA_DIR = Path(__file__).resolve().parents[2] / "lambda"
DEV_ONLY = (
    "yaml",
    "mairie.tools",
    "hassil",
    "pytest",
    "hypothesis",
    "_pytest",
    "mypy",
    "ruff",
    "waitress",
    "cryptography",
    "feedparser",
)
"""Top-level names (or packages) that must never be loaded by the Lambda."""
CLEARED = ("MAIRIE_CONTENT", "MAIRIE_CATALOGUE", "DYNAMODB_PERSISTENCE_TABLE_NAME", "SKILL_ID", "PYTHONPATH")

PROBE = """
import json, sys
sys.path.insert(0, sys.argv[1])
import lambda_function
answers = [lambda_function.lambda_handler(event, None) for event in json.loads(sys.stdin.read() or "[]")]
print(json.dumps({"modules": sorted(sys.modules), "answers": answers}))
"""


def run_fresh(tmp_path: Path, events: list[dict[str, Any]], **env: str) -> dict[str, Any]:
    """Import `lambda_function` in a new process, send it `events`: its modules and answers."""
    clean = {key: value for key, value in os.environ.items() if key not in CLEARED}
    clean["MAIRIE_STATE"] = str(tmp_path / "etat.sqlite3")
    clean["MAIRIE_CATALOGUE"] = os.environ["MAIRIE_CATALOGUE"]  # the fixture commune, compiled (tests/conftest.py)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(LAMBDA_DIR)],
        input=json.dumps(events),
        env={**clean, **env},
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    return result


def modules_after_import(tmp_path: Path, **env: str) -> set[str]:
    return set(run_fresh(tmp_path, [], **env)["modules"])


def loaded(modules: set[str], package: str) -> list[str]:
    return sorted(name for name in modules if name == package or name.startswith(package + "."))


@pytest.fixture(scope="module")
def lambda_modules(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    return modules_after_import(tmp_path_factory.mktemp("imports"))


def test_the_probe_sees_the_skill_itself(lambda_modules: set[str]) -> None:
    assert {"lambda_function", "mairie.alexa.skill", "mairie.catalogue.compiled", "ask_sdk_core"} <= lambda_modules


@pytest.mark.parametrize("package", DEV_ONLY)
def test_no_dev_only_package_is_imported(lambda_modules: set[str], package: str) -> None:
    assert loaded(lambda_modules, package) == []


def test_the_yaml_loader_is_not_imported(lambda_modules: set[str]) -> None:
    assert loaded(lambda_modules, "mairie.catalogue.loader") == []
    assert loaded(lambda_modules, "mairie.catalogue.reading") == []
    assert loaded(lambda_modules, "mairie.catalogue.directories") == []


def test_boto3_only_with_a_dynamodb_table(lambda_modules: set[str]) -> None:
    assert loaded(lambda_modules, "boto3") == []
    assert loaded(lambda_modules, "botocore") == []


def test_the_yaml_content_folder_is_the_only_way_to_load_yaml(tmp_path: Path) -> None:
    commune = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "commune"
    modules = modules_after_import(tmp_path, MAIRIE_CONTENT=str(commune))
    assert loaded(modules, "yaml") != []
    assert loaded(modules, "mairie.tools") == []


def test_opening_hours_on_a_holiday_do_not_import_the_holidays_package(tmp_path: Path) -> None:
    """The holidays come from the table `mairie build` computed with `holidays`: no import at run time."""
    question = intent("IsOpenIntent", [slot("facility", "la mairie", "mairie", "FACILITY")], at="2026-12-25T09:00:00Z")
    result = run_fresh(tmp_path, [question])
    assert "Noël" in speech(result["answers"][0])
    assert loaded(set(result["modules"]), "holidays") == []
