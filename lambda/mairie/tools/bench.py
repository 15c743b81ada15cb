"""`mairie bench`: the skill against a minimal ask-sdk-core skill, side by side, in one run.

What is measured is what ships: the runtime package `mairie package` writes (the skill, its packages,
bytecode compiled with `--invalidation-mode unchecked-hash`), here compiled by the interpreter that
measures, in a read-only folder, with `PYTHONDONTWRITEBYTECODE=1`, like Lambda's code folder. The
baseline is packaged the same way (its `lambda_function.py` with the same packages and bytecode), and
the probe drops the developer's site-packages from its path, so that both import only their package.

Each measure runs `benchmarks/probe.py` in a fresh Python process (like a new Lambda container):
- cold start: the process's wall time (interpreter, import of `lambda_function`, catalogue, one
  LaunchRequest; the probe exits without the interpreter's clean-up) and its peak resident memory,
  median of several processes;
- warm requests: the request mix of `bench_events` sent through `lambda_handler` many times
  (median and p99 per request), against the baseline's warm LaunchRequest; the rounds are split
  over several processes, interleaved with the baseline's, like the cold starts;
- the same with a catalogue 20 times Issy's (`bench_catalogue`), compiled to JSON and named by
  `MAIRIE_CATALOGUE`.
Targets are ratios to the baseline of the same run; the command exits 1 when one is missed.
"""

from __future__ import annotations

import json
import math
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from mairie.catalogue.compiled import dump_catalogue
from mairie.catalogue.model import Catalogue
from mairie.tools.bench_catalogue import scaled_catalogue
from mairie.tools.bench_events import Event, launch_only, request_mix
from mairie.tools.package import (
    REQUIREMENTS,
    Interpreter,
    compile_bytecode,
    install_dependencies,
    make_read_only,
    make_writable,
    write_package,
)

CITY = "ville"
SCALED = "×20"
COLD_RATIO = 1.15
COLD_RATIO_SCALED = 1.5
WARM_RATIO = 1.5
MEMORY_MARGIN_KIB = 10 * 1024
CLEARED_ENV = (
    "MAIRIE_CONTENT",
    "MAIRIE_CATALOGUE",
    "DYNAMODB_PERSISTENCE_TABLE_NAME",
    "SKILL_ID",
    "PYTHONPATH",
)
"""Unset for the measured processes: the bundled catalogue, state in the benchmark's own SQLite file."""
MEASURED_ENV = {"PYTHONDONTWRITEBYTECODE": "1"}
"""Like Lambda: the packages' `.pyc` files are read, none is written (the folder is read-only anyway)."""
RAM_DISK = Path("/dev/shm")


@dataclass(frozen=True)
class Subject:
    """One skill to measure: its `lambda/` folder, its requests and its environment."""

    name: str
    lambda_dir: Path
    events: Path
    labels: tuple[str, ...]
    env: dict[str, str]


@dataclass
class Measures:
    cold_s: list[float] = field(default_factory=list)
    cold_peak_kib: list[int] = field(default_factory=list)
    warm_peak_kib: int = 0
    warm_s: dict[str, list[float]] = field(default_factory=dict)

    @property
    def cold(self) -> float:
        return statistics.median(self.cold_s)

    @property
    def cold_peak(self) -> float:
        return statistics.median(self.cold_peak_kib)

    @property
    def peak(self) -> float:
        """The highest of the cold-start peak and the peak after the warm requests."""
        return max(self.cold_peak, self.warm_peak_kib)

    @property
    def all_warm(self) -> list[float]:
        return [t for times in self.warm_s.values() for t in times]


@dataclass(frozen=True)
class Check:
    label: str
    ok: bool
    detail: str


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (`fraction` 0.99 for p99)."""
    ordered = sorted(values)
    return ordered[max(1, math.ceil(fraction * len(ordered))) - 1]


def probe_path(root: Path) -> Path:
    return root / "benchmarks" / "probe.py"


def run_probe(subject: Subject, rounds: int, probe: Path) -> tuple[float, dict[str, Any]]:
    """(process wall time in seconds, what the probe printed)."""
    command = [sys.executable, str(probe), str(subject.lambda_dir), str(subject.events), str(rounds)]
    started = time.perf_counter()
    done = subprocess.run(command, env=subject.env, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - started
    if done.returncode != 0:
        raise RuntimeError(f"{subject.name} : le processus mesuré a échoué\n{done.stderr.strip()}")
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    if not (result.get("first") or {}).get("response", {}).get("outputSpeech"):
        raise RuntimeError(f"{subject.name} : la skill n'a rien répondu à l'ouverture : {result.get('first')}")
    return wall, result


def _write_events(path: Path, events: list[tuple[str, Event]]) -> tuple[str, ...]:
    path.write_text(json.dumps([event for _, event in events]), encoding="utf-8")
    return tuple(label for label, _ in events)


def package_subjects(root: Path, folder: Path) -> tuple[Path, Path]:
    """(the baseline's package, the skill's package) in `folder`, read-only, compiled for this interpreter."""
    python = Interpreter(sys.executable, (sys.version_info.major, sys.version_info.minor))
    dependencies = folder / "paquets"
    dependencies.mkdir()
    install_dependencies(root / REQUIREMENTS, dependencies, python, lambda_platform=False)
    skill = folder / "paquet-ville"
    write_package(root, skill, python, lambda_platform=False, dependencies=dependencies)
    base = folder / "paquet-base"
    shutil.copytree(dependencies, base)
    shutil.copyfile(root / "benchmarks" / "hello" / "lambda_function.py", base / "lambda_function.py")
    compile_bytecode(base, python, None)
    for package in (base, skill):
        make_read_only(package)
    return base, skill


def prepare(root: Path, catalogue: Catalogue, folder: Path) -> list[Subject]:
    """The baseline, the skill on `catalogue`, and the skill on the catalogue grown 20 times.

    The skill keeps per-user state in a SQLite file (`MAIRIE_STATE`) in `folder`: on Lambda the
    store is DynamoDB, whose network time is not the skill's work; `folder` is on a RAM disk when
    the machine has one, so that disk flushes do not count either.
    """
    base_package, skill_package = package_subjects(root, folder)
    base_env = {**{k: v for k, v in os.environ.items() if k not in CLEARED_ENV}, **MEASURED_ENV}
    scaled = scaled_catalogue(catalogue)
    scaled_path = folder / "catalogue-x20.json"
    scaled_path.write_text(dump_catalogue(scaled), encoding="utf-8")
    base_events = folder / "requetes-base.json"
    subjects = [
        Subject(
            "base",
            base_package,
            base_events,
            _write_events(base_events, launch_only(catalogue)),
            base_env,
        )
    ]
    for name, measured, extra in ((CITY, catalogue, {}), (SCALED, scaled, {"MAIRIE_CATALOGUE": str(scaled_path)})):
        env = {**base_env, "MAIRIE_STATE": str(folder / f"etat-{len(subjects)}.sqlite3"), **extra}
        events = folder / f"requetes-{len(subjects)}.json"
        subjects.append(Subject(name, skill_package, events, _write_events(events, request_mix(measured)), env))
    return subjects


def measure(subjects: list[Subject], repetitions: int, rounds: int, probe: Path) -> dict[str, Measures]:
    measures = {subject.name: Measures() for subject in subjects}
    for repetition in range(repetitions + 1):  # the first, not counted, brings the files into the OS cache
        for subject in subjects:  # interleaved, so that machine noise hits every subject alike
            wall, result = run_probe(subject, 0, probe)
            if repetition:
                measures[subject.name].cold_s.append(wall)
                measures[subject.name].cold_peak_kib.append(int(result["peak_kib"]))
    per_process = math.ceil(rounds / repetitions)
    for _ in range(repetitions):  # warm rounds split over interleaved processes too
        for subject in subjects:
            _, result = run_probe(subject, per_process, probe)
            measured = measures[subject.name]
            measured.warm_peak_kib = max(measured.warm_peak_kib, int(result["peak_kib"]))
            for label, times in zip(subject.labels, result["warm"], strict=True):
                measured.warm_s.setdefault(label, []).extend(times)
    return measures


def checks(measures: dict[str, Measures]) -> list[Check]:
    base = measures["base"]
    base_warm = statistics.median(base.all_warm)
    found = []
    for name, cold_target in ((CITY, COLD_RATIO), (SCALED, COLD_RATIO_SCALED)):
        subject = measures[name]
        cold_ratio = subject.cold / base.cold
        found.append(
            Check(f"démarrage à froid {name} ≤ {cold_target:g}× base", cold_ratio <= cold_target, f"{cold_ratio:.2f}×")
        )
        warm_ratio = statistics.median(subject.all_warm) / base_warm
        found.append(
            Check(
                f"requête chaude médiane {name} ≤ {WARM_RATIO:.1f}× base",
                warm_ratio <= WARM_RATIO,
                f"{warm_ratio:.2f}×",
            )
        )
        extra = (subject.peak - base.peak) / 1024
        found.append(
            Check(
                f"mémoire de pointe {name} ≤ base + {MEMORY_MARGIN_KIB // 1024} Mio",
                subject.peak - base.peak <= MEMORY_MARGIN_KIB,
                f"{extra:+.1f} Mio",
            )
        )
    return found


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.2f}"


def report(measures: dict[str, Measures], found: list[Check], repetitions: int, rounds: int, out: TextIO) -> None:
    names = list(measures)
    width = 38
    print(f"{repetitions} démarrages à froid par skill (médiane), {rounds} tours de requêtes chaudes.", file=out)
    print("".ljust(width) + "".join(name.rjust(10) for name in names), file=out)
    rows: list[tuple[str, list[str]]] = [
        ("démarrage à froid (ms)", [_ms(measures[n].cold) for n in names]),
        ("mémoire au démarrage (Mio)", [f"{measures[n].cold_peak / 1024:.1f}" for n in names]),
        ("mémoire après les requêtes (Mio)", [f"{measures[n].warm_peak_kib / 1024:.1f}" for n in names]),
        ("requête chaude, médiane (ms)", [_ms(statistics.median(measures[n].all_warm)) for n in names]),
        ("requête chaude, p99 (ms)", [_ms(percentile(measures[n].all_warm, 0.99)) for n in names]),
    ]
    labels = [label for label in measures[names[-1]].warm_s if label not in measures[names[0]].warm_s]
    for label in [*measures[names[0]].warm_s, *labels]:
        cells = [
            _ms(statistics.median(measures[n].warm_s[label])) if label in measures[n].warm_s else "" for n in names
        ]
        rows.append((f"  {label}, médiane (ms)", cells))
    for title, cells in rows:
        print(title.ljust(width) + "".join(cell.rjust(10) for cell in cells), file=out)
    print(file=out)
    for check in found:
        print(f"{'ok   ' if check.ok else 'RATÉ '} {check.label} : {check.detail}", file=out)


def run_bench(root: Path, catalogue: Catalogue, repetitions: int, rounds: int, out: TextIO) -> int:
    ram = RAM_DISK if RAM_DISK.is_dir() and os.access(RAM_DISK, os.W_OK) else None
    with tempfile.TemporaryDirectory(prefix="mairie-bench-", dir=ram) as folder:
        try:
            subjects = prepare(root, catalogue, Path(folder))
            version = f"{sys.version_info.major}.{sys.version_info.minor}"
            print(f"Paquets mesurés : bytecode de Python {version}, lecture seule.", file=out)
            measures = measure(subjects, repetitions, rounds, probe_path(root))
        finally:
            make_writable(Path(folder))  # so that the temporary folder can be removed
    found = checks(measures)
    report(measures, found, repetitions, rounds, out)
    return 0 if all(check.ok for check in found) else 1
