"""`mairie package` and ask-cli's build hook: exactly the runtime ships, with bytecode Python trusts as is.

The package is written for real (pip from the machine's index, `compileall` of a real interpreter) and a
fresh process answers a LaunchRequest from it, read-only, as Lambda runs it.
"""

from __future__ import annotations

import json
import os
import struct
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from mairie.tools.cli import main
from mairie.tools.local_skill import repo_root
from mairie.tools.package import (
    Interpreter,
    PackageError,
    interpreter,
    make_read_only,
    make_writable,
    runtime_files,
    write_package,
)

ROOT = repo_root()
LAUNCH = ROOT / "tests" / "fixtures" / "requests" / "launch.json"
UNCHECKED_HASH = 0b01
"""PEP 552 flags of a `.pyc` Python loads without looking at its source (hash-based, check_source off)."""


def _this_python() -> Interpreter:
    return Interpreter(sys.executable, (sys.version_info.major, sys.version_info.minor))


def _python_312() -> str | None:
    """A working Python 3.12 (the Lambda's runtime, ask-resources.json), if this machine has one."""
    candidates = [os.environ.get("MAIRIE_PYTHON") or "", "python3.12"]
    candidates += sorted(str(found) for found in (Path.home() / ".pyenv" / "versions").glob("3.12*/bin/python3.12"))
    for candidate in filter(None, candidates):
        try:
            if interpreter(candidate).version == (3, 12):
                return candidate
        except PackageError:
            continue
    return None


@pytest.fixture(scope="module")
def package(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("paquet") / "paquet"
    write_package(ROOT, target, _this_python(), lambda_platform=False)
    return target


def test_only_the_runtime_ships(package: Path) -> None:
    shipped = runtime_files(ROOT / "lambda")
    assert Path("lambda_function.py") in shipped
    assert Path("mairie/data/catalogue.json") in shipped
    assert not [path for path in shipped if path.parts[:2] == ("mairie", "tools")]
    assert (package / "lambda_function.py").is_file()
    assert (package / "mairie" / "alexa" / "skill.py").is_file()
    assert (package / "ask_sdk_core").is_dir() and (package / "holidays").is_dir()
    assert not (package / "mairie" / "tools").exists()
    assert not list(package.glob("*.egg-info")) and not list(package.glob("mairie*.dist-info"))
    assert not (package / "tests").exists() and not (package / "bin").exists()
    assert not (package / "mairie" / "py.typed").exists()


def test_every_module_has_bytecode_trusted_without_its_source_dates(package: Path) -> None:
    tag = sys.implementation.cache_tag
    for module in [package / "lambda_function.py", *(package / "mairie").rglob("*.py")]:
        compiled = module.parent / "__pycache__" / f"{module.stem}.{tag}.pyc"
        assert compiled.is_file(), module
        (flags,) = struct.unpack("<I", compiled.read_bytes()[4:8])
        assert flags == UNCHECKED_HASH, module


def test_a_fresh_process_answers_from_the_read_only_package_without_writing(package: Path) -> None:
    make_read_only(package)
    try:
        before = sorted(package.rglob("*"))
        env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "PYTHONPATH", "MAIRIE_CONTENT")}
        env["PYTHONDONTWRITEBYTECODE"] = "1"
        code = (
            "import json, sys; sys.path[:] = [sys.argv[1], *(p for p in sys.path if 'site-packages' not in p)]; "
            "from lambda_function import lambda_handler; import mairie; "
            "print(mairie.__file__); print(json.dumps(lambda_handler(json.load(open(sys.argv[2])), None)))"
        )
        done = subprocess.run(
            [sys.executable, "-c", code, str(package), str(LAUNCH)],
            capture_output=True,
            text=True,
            env=env,
            check=True,
            cwd=package.parent,
        )
        where, answer = done.stdout.strip().splitlines()[-2:]
        assert where == str(package / "mairie" / "__init__.py")
        assert "Bonjour, ici la Mairie" in json.loads(answer)["response"]["outputSpeech"]["ssml"]
        assert sorted(package.rglob("*")) == before
    finally:
        make_writable(package)


def test_the_command_writes_the_package_and_its_zip_with_the_lambdas_python(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    python = _python_312()
    if python is None:
        pytest.skip("no Python 3.12 (the Lambda's runtime) on this machine")
    target, archive = tmp_path / "paquet", tmp_path / "paquet.zip"
    assert main(["package", str(target), "--zip", str(archive), "--python", python]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"Paquet Lambda écrit dans {target} : ")
    assert "compilés par Python 3.12 (mode unchecked-hash)." in out
    assert (target / "mairie" / "alexa" / "__pycache__" / "skill.cpython-312.pyc").is_file()
    with zipfile.ZipFile(archive) as written:
        names = written.namelist()
    assert "lambda_function.py" in names and "mairie/alexa/__pycache__/skill.cpython-312.pyc" in names
    assert not [name for name in names if name.startswith("mairie/tools/")]


def test_the_command_refuses_a_python_of_another_version(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    if sys.version_info[:2] == (3, 12):
        pytest.skip("this interpreter is the Lambda's version")
    assert main(["package", str(tmp_path / "paquet"), "--python", sys.executable]) == 1
    err = capsys.readouterr().err
    assert (
        f"est Python {sys.version_info.major}.{sys.version_info.minor}, mais la fonction Lambda exécute python3.12"
        in err
    )
    assert err.rstrip().endswith("Rien n'a été écrit.")
    assert not (tmp_path / "paquet").exists()


def test_the_command_refuses_a_folder_that_is_not_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    python = _python_312()
    if python is None:
        pytest.skip("no Python 3.12 (the Lambda's runtime) on this machine")
    (tmp_path / "paquet").mkdir()
    (tmp_path / "paquet" / "notes.txt").write_text("à garder", encoding="utf-8")
    assert main(["package", str(tmp_path / "paquet"), "--python", python]) == 1
    assert "existe déjà et n'est pas un dossier vide" in capsys.readouterr().err
    assert (tmp_path / "paquet" / "notes.txt").read_text(encoding="utf-8") == "à garder"


def test_ask_clis_build_hook_writes_the_zip_it_is_given(tmp_path: Path) -> None:
    python = _python_312()
    if python is None:
        pytest.skip("no Python 3.12 (the Lambda's runtime) on this machine")
    archive = tmp_path / "build.zip"
    env = {**os.environ, "MAIRIE_PYTHON": python}
    # ask-cli's custom build flow: `{project}/hooks/build.sh "<zip>" <debug>`, run from its build folder
    done = subprocess.run(
        [str(ROOT / "hooks" / "build.sh"), str(archive), "false"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(archive) as written:
        names = set(written.namelist())
    assert {"lambda_function.py", "mairie/alexa/__pycache__/skill.cpython-312.pyc"} <= names
