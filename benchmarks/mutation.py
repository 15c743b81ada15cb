"""Mutation testing, one source file at a time: `make mutation FILE=lambda/mairie/domain/hours.py`.

mutmut 3 (a development tool, never in CI: a file takes minutes) copies the project into `mutants/`,
puts every mutant of the file's functions behind a trampoline, runs once the fast tests (unit and
skill tests, never the corpus or end-to-end ones) to learn which test reaches which function, then
runs per mutant only those tests. A mutant mypy (strict) rejects is killed: `make test` runs mypy
and would reject it too.

Why a workspace of its own (`.mutation/<module>/`): mutmut names mutants after their path and only
knows the `src/` layout, while the package lives in `lambda/`; the workspace holds `src` as a link
to `lambda` (and links to the tests and the content they read), with the project's pytest and mypy
settings pointed at `src`. One workspace per file, because mutmut reuses a mutated copy it finds
newer than its source: switching files inside one `mutants/` would mix up the copies.

The score counts a mutant killed by a test, by mypy or by a timeout, out of all mutants less the
equivalent ones listed (with the reason) in `benchmarks/equivalent_mutants.txt`.

Usage: `python benchmarks/mutation.py FILE [FILE …] [--max-children N]`; `--survivors` prints the
surviving mutants' diffs (`mutmut show`).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKSPACES = ROOT / ".mutation"
EQUIVALENT = ROOT / "benchmarks" / "equivalent_mutants.txt"
LINKED = ("tests", "content", "phrases", "skill-package")
TESTS = (
    "tests/unit/domain",
    "tests/unit/voice",
    "tests/unit/alexa",
    "tests/unit/catalogue",
    "tests/skill",
)
# these start a Python of their own (to measure imports), which cannot see the mutant under test
SUBPROCESS_TESTS = (
    "--ignore=tests/unit/alexa/test_log.py",
    "--deselect=tests/unit/catalogue/test_holiday_table.py::test_reading_the_table_does_not_import_holidays",
    "--deselect=tests/unit/catalogue/test_catalogue_compiled.py::test_compiled_loading_does_not_import_yaml",
)
# these walk the phrasing corpus or generate hundreds of envelopes (20 to 70 s each): with them, every
# mutant of a handler would take minutes; they check understanding and robustness, not these files' answers
SLOW_TESTS = (
    "--deselect=tests/skill/test_usage_log.py::test_no_line_for_any_phrasing_of_the_corpus_holds_what_was_said",
    "--deselect=tests/skill/test_robustness.py::test_mutated_envelopes_always_get_a_valid_response",
    "--deselect=tests/skill/test_robustness.py::test_any_intent_with_absurd_slots_gets_a_valid_response",
    "--deselect=tests/skill/test_accessibility.py::test_every_example_in_every_help_is_understood",
    "--deselect=tests/skill/test_accessibility.py::test_the_rate_phrases_resolve_to_the_speech_rate_intent",
)
KILLED = frozenset({"killed", "caught by type check", "timeout"})


def _toml_list(values: tuple[str, ...] | list[str]) -> str:
    return "[" + ", ".join(f'"{value}"' for value in values) + "]"


def _project_settings() -> str:
    """The project's pytest and mypy settings, pointed at `src` instead of `lambda`."""
    text = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    settings = text[text.index("[tool.pytest.ini_options]") :]
    settings = settings[: settings.index("[tool.ruff]")] + settings[settings.index("[tool.mypy]") :]
    settings = settings.replace('pythonpath = ["lambda"]', 'pythonpath = ["src"]')
    return settings.replace('mypy_path = "lambda"', 'mypy_path = "src"')


def _mutmut_settings(source: Path) -> str:
    return "\n".join(
        [
            "[tool.mutmut]",
            'source_paths = ["src"]',
            f'only_mutate = ["src/{source.relative_to("lambda").as_posix()}"]',
            # copied next to the tests, which read them from the project root
            f"also_copy = {_toml_list(LINKED[1:])}",
            f"pytest_add_cli_args_test_selection = {_toml_list([*TESTS, *SUBPROCESS_TESTS, *SLOW_TESTS])}",
            'pytest_add_cli_args = ["-p", "no:cacheprovider"]',
            # strict mypy, less the warning about mutmut's own `type: ignore` comments
            'type_check_command = ["mypy", "--output", "json", "--no-warn-unused-ignores"]',
            "",
        ]
    )


def workspace(source: Path) -> Path:
    """`.mutation/<module>/`, laid out for mutmut (kept between runs: mutmut resumes where it stopped)."""
    module = ".".join(source.relative_to("lambda").with_suffix("").parts)
    place = WORKSPACES / module
    place.mkdir(parents=True, exist_ok=True)
    for name, target in [("src", "lambda"), *((name, name) for name in LINKED)]:
        link = place / name
        if not link.is_symlink():
            link.symlink_to(ROOT / target, target_is_directory=True)
    config = _mutmut_settings(source) + "\n" + _project_settings()
    config_path = place / "pyproject.toml"
    if not config_path.exists() or config_path.read_text(encoding="utf-8") != config:
        config_path.write_text(config, encoding="utf-8")
        shutil.rmtree(place / "mutants", ignore_errors=True)  # other settings: start again
    return place


def _mutmut(place: Path, *arguments: str, capture: bool = False) -> subprocess.CompletedProcess[str]:
    bin_dir = Path(sys.executable).parent
    env = {**os.environ, "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}
    return subprocess.run(
        [str(bin_dir / "mutmut"), *arguments], cwd=place, env=env, text=True, capture_output=capture, check=False
    )


def run_mutants(place: Path, max_children: int) -> bool:
    """New or changed mutants first; then, in a workspace that already had results, the mutants that
    survived before, against the tests as they are now (mutmut keeps a result until asked again)."""
    survivors_before = [name for name, status in statuses(place).items() if status not in KILLED]
    children = ("--max-children", str(max_children))
    if _mutmut(place, "run", *children).returncode != 0:
        return False
    again = [name for name in survivors_before if statuses(place).get(name) not in KILLED]
    return not again or _mutmut(place, "run", *children, *again).returncode == 0


def equivalent_mutants() -> set[str]:
    """Names listed in benchmarks/equivalent_mutants.txt (one per line, then the reason)."""
    if not EQUIVALENT.exists():
        return set()
    lines = EQUIVALENT.read_text(encoding="utf-8").splitlines()
    return {line.split()[0] for line in lines if line.strip() and not line.startswith("#")}


def statuses(place: Path) -> dict[str, str]:
    listing = _mutmut(place, "results", "--all", "true", capture=True).stdout
    return dict(re.findall(r"^\s+(\S+): (.+)$", listing, flags=re.MULTILINE))


def report(source: Path, found: dict[str, str], equivalent: set[str]) -> float:
    counted = {name: status for name, status in found.items() if name not in equivalent}
    killed = sum(status in KILLED for status in counted.values())
    score = 100 * killed / len(counted) if counted else 0.0
    by_status = Counter(found[name] for name in counted)
    print(f"\n{source}: {score:.1f} % ({killed}/{len(counted)} tués, {len(found) - len(counted)} équivalents exclus)")
    print("  " + ", ".join(f"{status}: {count}" for status, count in sorted(by_status.items())))
    for name, status in sorted(counted.items()):
        if status not in KILLED:
            print(f"  {status:>10}  {name}")
    return score


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Test de mutation, un fichier à la fois (mutmut).")
    parser.add_argument("files", nargs="+", type=Path, help="ex. lambda/mairie/domain/hours.py")
    parser.add_argument("--max-children", type=int, default=1, help="processus en parallèle (défaut : 1)")
    parser.add_argument("--survivors", action="store_true", help="affiche le diff de chaque mutant survivant")
    parser.add_argument("--report-only", action="store_true", help="relit les résultats sans relancer")
    args = parser.parse_args(argv)
    if shutil.which("mutmut", path=str(Path(sys.executable).parent)) is None:
        print("mutmut est absent : lancez `make .venv/.installed` (requirements.txt l'installe).", file=sys.stderr)
        return 2
    equivalent = equivalent_mutants()
    for file in args.files:
        source = (ROOT / file).resolve().relative_to(ROOT) if (ROOT / file).exists() else None
        if source is None or source.parts[:2] != ("lambda", "mairie") or source.suffix != ".py":
            print(f"{file} : fichier introuvable sous lambda/mairie/.", file=sys.stderr)
            return 2
        place = workspace(source)
        if not args.report_only and not run_mutants(place, args.max_children):
            print(f"mutmut a échoué sur {source}.", file=sys.stderr)
            return 1
        found = statuses(place)
        report(source, found, equivalent)
        if args.survivors:
            for name, status in sorted(found.items()):
                if status not in KILLED and name not in equivalent:
                    print(_mutmut(place, "show", name, capture=True).stdout)
    return 0


if __name__ == "__main__":
    sys.exit(main())
