"""`mairie package DIR`: exactly what ships to Lambda, with bytecode Python trusts without the sources' dates.

What ships (the runtime package): `lambda_function.py`, the `mairie` package without `mairie/tools` (the
command line, never imported by the Lambda: `tests/unit/test_lambda_imports.py`) and with its data files
(`*.json`), and the packages of `lambda/requirements.txt`, installed by pip for the Lambda (CPython of the
runtime's version, manylinux x86_64 wheels only). Nothing else: no tests, no egg-info, no `py.typed`, no
`__pycache__` from the developer's machine, no console scripts.

Why the bytecode: ask-cli's Python build zips no `__pycache__` (ask-cli `lib/builtins/build-flows/python-pip.js`
filters them out "to allow consistent hashing"), and Lambda's code folder is read-only, so every module was
compiled again at every cold start (1.39× the hello-world skill, as deployed). `compileall --invalidation-mode
unchecked-hash` writes `.pyc` files that Python loads without comparing them with the sources (PEP 552), by an
interpreter of the Lambda's own version: a `.pyc` is only ever read by the version that wrote it
(`__pycache__/*.cpython-312.pyc`). Tracebacks name `/var/task/...`, the Lambda's code folder.

ask-cli builds the code through `hooks/build.sh` (its "custom" build flow, `lib/builtins/build-flows/custom.js`:
the script gets the path of the zip to write), which runs `mairie package DIR --zip FILE`. `mairie bench`
measures the same artefact, compiled for the interpreter that measures it (`write_package(..., lambda_platform=False)`).
"""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

RESOURCES = Path("ask-resources.json")
REQUIREMENTS = Path("lambda") / "requirements.txt"
LAMBDA_TASK_ROOT = "/var/task"
"""Where Lambda unpacks the code (`LAMBDA_TASK_ROOT`): the path the bytecode's tracebacks name."""
LAMBDA_PLATFORM = "manylinux2014_x86_64"
"""The template's `Architectures: [x86_64]` (infrastructure/cfn-deployer/skill-stack.yaml)."""
SHIPPED_SUFFIXES = (".py", ".json")
LEFT_OUT = ("tools",)
"""Sub-packages of `mairie` that never ship."""
ZIP_DATE = (1990, 2, 1, 0, 0, 0)
"""Every zip entry gets this date, like ask-cli's own build (same content, same zip)."""


class PackageError(Exception):
    """Nothing was written; the message (French) says why and what to do."""


@dataclass(frozen=True)
class Interpreter:
    path: str
    version: tuple[int, int]

    @property
    def label(self) -> str:
        return f"Python {self.version[0]}.{self.version[1]}"


@dataclass(frozen=True)
class PackageSummary:
    files: int
    size_bytes: int
    compiled: int
    """`.pyc` files written."""


def runtime_of(root: Path, profile: str = "default") -> tuple[int, int]:
    """The Lambda's Python version, from `ask-resources.json` (`userConfig.runtime`, e.g. python3.12)."""
    try:
        resources = json.loads((root / RESOURCES).read_text(encoding="utf-8"))
        runtime = str(resources["profiles"][profile]["skillInfrastructure"]["userConfig"]["runtime"])
        major, minor = runtime.removeprefix("python").split(".")
        return int(major), int(minor)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise PackageError(
            f"{RESOURCES} ne dit pas quel Python exécute la fonction Lambda "
            '(profiles.default.skillInfrastructure.userConfig.runtime, par exemple "python3.12").'
        ) from error


def interpreter(command: str) -> Interpreter:
    """The interpreter `command` names (a path, or a name on PATH), with its version."""
    found = shutil.which(command)
    if found is None:
        raise PackageError(f"« {command} » est introuvable.")
    try:
        done = subprocess.run(
            [found, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        )
        major, minor = done.stdout.strip().split(".")
        return Interpreter(found, (int(major), int(minor)))
    except (OSError, ValueError, subprocess.SubprocessError) as error:
        raise PackageError(f"« {command} » n'est pas un interpréteur Python utilisable.") from error


def lambda_interpreter(root: Path, given: str | None) -> Interpreter:
    """The interpreter that compiles the Lambda's bytecode: `given`, else `python3.X` for the runtime 3.X.

    Its version must be the runtime's: the Lambda ignores a `.pyc` written by another version."""
    version = runtime_of(root)
    wanted = f"python{version[0]}.{version[1]}"
    try:
        found = interpreter(given or wanted)
    except PackageError as error:
        raise PackageError(
            f"{error} La fonction Lambda exécute {wanted} (ask-resources.json) et son bytecode doit être "
            f"compilé par ce même Python : installez {wanted}, ou indiquez-le avec « --python CHEMIN » "
            "(ou la variable MAIRIE_PYTHON pour « mairie deploy »)."
        ) from error
    if found.version != version:
        raise PackageError(
            f"« {given or wanted} » est {found.label}, mais la fonction Lambda exécute {wanted} "
            "(ask-resources.json) : le bytecode d'une autre version serait ignoré. "
            f"Indiquez un {wanted} avec « --python CHEMIN »."
        )
    return found


def runtime_files(lambda_dir: Path) -> list[Path]:
    """What ships of `lambda/` (relative paths, sorted): the entry point and the runtime `mairie` package."""
    found = [Path("lambda_function.py")]
    package = lambda_dir / "mairie"
    for path in sorted(package.rglob("*")):
        relative = path.relative_to(lambda_dir)
        if not path.is_file() or path.suffix not in SHIPPED_SUFFIXES or "__pycache__" in relative.parts:
            continue
        if relative.parts[1] in LEFT_OUT:
            continue
        found.append(relative)
    return found


def install_dependencies(requirements: Path, target: Path, python: Interpreter, *, lambda_platform: bool) -> None:
    """The runtime packages of `requirements` in `target`, by pip (no bytecode: `compile_bytecode` writes it).

    For the Lambda: CPython wheels of the runtime's version for manylinux x86_64, whatever this machine is."""
    command = [
        sys.executable,
        "-m",
        "pip",
        "install",
        "--disable-pip-version-check",
        "--no-warn-script-location",
        "--no-compile",
        "--quiet",
        "--target",
        str(target),
        "--requirement",
        str(requirements),
    ]
    if lambda_platform:
        major, minor = python.version
        command += ["--only-binary=:all:", "--implementation", "cp", "--python-version", f"{major}.{minor}"]
        command += ["--platform", LAMBDA_PLATFORM]
    elif python.path != sys.executable:
        command = [python.path, *command[1:]]
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join(done.stderr.strip().splitlines()[-5:])
        raise PackageError(
            f"pip n'a pas pu installer les paquets de {requirements.name} (réseau, ou paquet introuvable "
            f"pour {python.label}) :\n{tail}"
        )
    shutil.rmtree(target / "bin", ignore_errors=True)  # console scripts: never run on Lambda


def copy_runtime(lambda_dir: Path, target: Path) -> None:
    for relative in runtime_files(lambda_dir):
        destination = target / relative
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(lambda_dir / relative, destination)


def compile_bytecode(folder: Path, python: Interpreter, shown_as: str | None) -> int:
    """`.pyc` files for every module of `folder`, trusted without the sources' dates; their number.

    `shown_as`: the folder's path in tracebacks (None: its real path)."""
    command = [python.path, "-m", "compileall", "-q", "-j", "0", "--invalidation-mode", "unchecked-hash"]
    if shown_as is not None:
        command += ["-s", str(folder), "-p", shown_as]
    done = subprocess.run([*command, str(folder)], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise PackageError(f"{python.label} n'a pas pu compiler le paquet :\n{done.stdout.strip()}")
    return sum(1 for _ in folder.rglob("*.pyc"))


def write_package(
    root: Path,
    target: Path,
    python: Interpreter,
    *,
    lambda_platform: bool = True,
    dependencies: Path | None = None,
) -> PackageSummary:
    """The runtime package in `target` (which must not exist or be empty), compiled by `python`.

    `dependencies`: a folder where `install_dependencies` already put the packages (copied, not installed again)."""
    _empty_folder(target)
    try:
        if dependencies is None:
            install_dependencies(root / REQUIREMENTS, target, python, lambda_platform=lambda_platform)
        else:
            shutil.copytree(dependencies, target, dirs_exist_ok=True)
        copy_runtime(root / "lambda", target)
        compiled = compile_bytecode(target, python, LAMBDA_TASK_ROOT if lambda_platform else None)
    except BaseException:
        shutil.rmtree(target, ignore_errors=True)
        raise
    files = [path for path in target.rglob("*") if path.is_file()]
    return PackageSummary(len(files), sum(path.stat().st_size for path in files), compiled)


def _empty_folder(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise PackageError(f"{target} existe déjà et n'est pas un dossier vide : indiquez un nouveau dossier.")
    target.mkdir(parents=True, exist_ok=True)


def _entries(folder: Path) -> Iterator[Path]:
    yield from sorted(path for path in folder.rglob("*") if path.is_file())


def zip_folder(folder: Path, archive: Path) -> None:
    """`folder` as a zip (sorted entries, one date, readable by all: Lambda runs the code as another user)."""
    archive.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as written:
        for path in _entries(folder):
            info = zipfile.ZipInfo(path.relative_to(folder).as_posix(), date_time=ZIP_DATE)
            info.external_attr = (stat.S_IFREG | 0o644) << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            written.writestr(info, path.read_bytes())


def make_read_only(folder: Path) -> None:
    """Like Lambda's code folder: nothing can be written there (not even `__pycache__`)."""
    for path in [*folder.rglob("*"), folder]:
        mode = 0o555 if path.is_dir() else 0o444
        path.chmod(mode)


def make_writable(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def describe(target: Path, summary: PackageSummary, python: Interpreter) -> str:
    size = summary.size_bytes / (1024 * 1024)
    return (
        f"Paquet Lambda écrit dans {target} : {summary.files} fichiers ({size:.1f} Mio), dont {summary.compiled} "
        f"fichiers de bytecode compilés par {python.label} (mode unchecked-hash)."
    )


def run_package(root: Path, target: Path, archive: Path | None, python: str | None) -> int:
    """The `mairie package` command: 0 once written, 1 with a French message otherwise."""
    try:
        chosen = lambda_interpreter(root, python or os.environ.get("MAIRIE_PYTHON") or None)
        summary = write_package(root, target, chosen)
        print(describe(target, summary, chosen))
        if archive is not None:
            zip_folder(target, archive)
            print(f"Archive pour Lambda : {archive}")
    except PackageError as error:
        print(f"{error}\nRien n'a été écrit.", file=sys.stderr)
        return 1
    return 0
