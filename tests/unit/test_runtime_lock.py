"""The Lambda's runtime dependencies are locked with hashes, and the lock matches what
`lambda/requirements.in` asks for: a changed `.in` without `make lock` fails here (no network needed:
the dependency closure is read from the installed packages' metadata)."""

from __future__ import annotations

import re
from importlib import metadata
from pathlib import Path

from packaging.markers import default_environment
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
WANTED = ROOT / "lambda" / "requirements.in"
LOCK = ROOT / "lambda" / "requirements.txt"
PINNED = re.compile(r"^([A-Za-z0-9._-]+)==(\S+) \\$")
LAMBDA_ENVIRONMENT = {**default_environment(), "python_version": "3.12", "sys_platform": "linux", "extra": ""}


def wanted() -> list[Requirement]:
    lines = (line.split("#")[0].strip() for line in WANTED.read_text(encoding="utf-8").splitlines())
    return [Requirement(line) for line in lines if line]


def locked() -> dict[str, tuple[Version, int]]:
    """Each pinned package: its version and how many hashes it has."""
    pins: dict[str, tuple[Version, int]] = {}
    current = ""
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        if match := PINNED.match(line):
            current = canonicalize_name(match[1])
            pins[current] = (Version(match[2]), 0)
        elif line.strip().startswith("--hash=sha256:"):
            version, hashes = pins[current]
            pins[current] = (version, hashes + 1)
        elif line and not line.lstrip().startswith("#"):
            raise AssertionError(f"unexpected line in the lock: {line!r}")
    return pins


def closure(requirements: list[Requirement]) -> set[str]:
    """The names of `requirements` and of everything they need on the Lambda (installed metadata)."""
    names: set[str] = set()
    todo = list(requirements)
    while todo:
        requirement = todo.pop()
        name = canonicalize_name(requirement.name)
        if name in names or (requirement.marker and not requirement.marker.evaluate(LAMBDA_ENVIRONMENT)):
            continue
        names.add(name)
        todo.extend(Requirement(text) for text in metadata.requires(requirement.name) or [])
    return names


def test_every_locked_package_is_pinned_with_a_hash() -> None:
    pins = locked()
    assert pins
    assert [name for name, (_, hashes) in pins.items() if hashes == 0] == []


def test_the_lock_satisfies_every_wanted_requirement() -> None:
    pins = locked()
    for requirement in wanted():
        name = canonicalize_name(requirement.name)
        assert name in pins, f"{name} is in requirements.in but not in the lock: run `make lock`"
        assert requirement.specifier.contains(pins[name][0], prereleases=True), f"{name}: run `make lock`"


def test_the_lock_holds_exactly_what_the_wanted_packages_need() -> None:
    assert set(locked()) == closure(wanted()), "lambda/requirements.txt is stale: run `make lock`"
