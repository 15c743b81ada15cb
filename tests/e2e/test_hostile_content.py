"""Hostile content files: `mairie validate` refuses each with a French `file:line` message, in bounded
time and memory (a real process, its address space capped at 1 GiB, a 60 s timeout)."""

from __future__ import annotations

import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "fixtures" / "commune"
MEMORY_BYTES = 1024**3
SECONDS = 60


def _cap_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def mairie(*args: str, cwd: Path) -> tuple[subprocess.CompletedProcess[str], float]:
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "MAIRIE_CONTENT", "SKILL_ID")}
    env["PYTHONPATH"] = str(ROOT / "lambda")
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, "-m", "mairie.tools.cli", *args],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=SECONDS,
        check=False,
        preexec_fn=_cap_memory,
    )
    return result, time.monotonic() - started


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "contenu"
    shutil.copytree(FIXTURE, folder)
    return folder


def refused(content: Path, cwd: Path) -> str:
    """The output of a `validate` that refused the folder (exit 1, no traceback, within bounds)."""
    result, seconds = mairie("validate", str(content), cwd=cwd)
    output = result.stdout + result.stderr
    assert result.returncode == 1, output[-2000:]
    assert "Traceback" not in output
    assert seconds < SECONDS
    return output


def test_a_symlink_to_dev_zero_is_refused_without_reading_it(content: Path, tmp_path: Path) -> None:
    (content / "procedures.yaml").unlink()
    (content / "procedures.yaml").symlink_to("/dev/zero")
    output = refused(content, tmp_path)
    assert "contenu/procedures.yaml:1: le fichier est un lien vers l'extérieur du dossier du catalogue" in output


def test_a_symlink_to_a_file_outside_the_folder_is_refused(content: Path, tmp_path: Path) -> None:
    outside = tmp_path / "ailleurs.yaml"
    shutil.copy(content / "procedures.yaml", outside)
    (content / "procedures.yaml").unlink()
    (content / "procedures.yaml").symlink_to(outside)
    assert "contenu/procedures.yaml:1: le fichier est un lien vers l'extérieur" in refused(content, tmp_path)


def test_a_symlink_inside_the_folder_is_read(content: Path, tmp_path: Path) -> None:
    (content / "procedures.yaml").rename(content / "demarches-2026.txt")
    (content / "procedures.yaml").symlink_to("demarches-2026.txt")
    result, _ = mairie("validate", str(content), cwd=tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_fifo_does_not_hang_validate(content: Path, tmp_path: Path) -> None:
    (content / "procedures.yaml").unlink()
    os.mkfifo(content / "procedures.yaml")
    output = refused(content, tmp_path)
    assert "contenu/procedures.yaml:1: ce n'est pas un fichier ordinaire (un périphérique, un tube…)" in output


def test_a_file_over_one_megabyte_is_refused(content: Path, tmp_path: Path) -> None:
    with (content / "procedures.yaml").open("a", encoding="utf-8") as file:
        file.write("# " + "x" * (1024 * 1024) + "\n")
    assert "contenu/procedures.yaml:1: le fichier dépasse 1 Mo" in refused(content, tmp_path)


@pytest.mark.parametrize("shape", ["flow", "block"])
def test_six_hundred_levels_of_nesting_are_refused_at_their_line(content: Path, tmp_path: Path, shape: str) -> None:
    if shape == "flow":
        text = "demarches:\n  - etapes: " + "[" * 600 + "]" * 600 + "\n"
    else:
        text = "demarches:\n" + "".join("  " * level + "- \n" for level in range(1, 601)) + "  " * 601 + "- x\n"
    (content / "procedures.yaml").write_text(text, encoding="utf-8")
    output = refused(content, tmp_path)
    assert "niveaux d'imbrication ; un fichier du catalogue n'en a que quelques-uns." in output
    assert any(line.startswith("contenu/procedures.yaml:") for line in output.splitlines())


def test_a_hundred_thousand_aliases_are_refused_quickly(content: Path, tmp_path: Path) -> None:
    lines = ["demarches:", "  - &d {id: a}"]
    lines += ["  - *d" for _ in range(100_000)]  # 700 KB
    (content / "procedures.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = refused(content, tmp_path)
    # the first alias past the limit is on line 2 + 1,001
    assert "contenu/procedures.yaml:1003: plus de 1000 alias « * » ; écrivez les valeurs elles-mêmes." in output


def test_a_small_file_of_nested_aliases_is_refused(content: Path, tmp_path: Path) -> None:
    # ten levels of ten aliases: 10 KB on disk, ten billion values once expanded (36.8 MB were written before)
    lines = ["base: &l0 [une, deux, trois, quatre, cinq, six, sept, huit, neuf, dix]"]
    lines += [f"n{level}: &l{level} [" + ", ".join([f"*l{level - 1}"] * 10) + "]" for level in range(1, 10)]
    lines += ["demarches:", "  - id: passeport", "    etapes: *l9"]
    (content / "procedures.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    output = refused(content, tmp_path)
    assert "une fois ses alias « * » remplacés, ce bloc dépasse 200000 valeurs" in output


def test_a_hundred_thousand_bad_items_print_a_bounded_report(content: Path, tmp_path: Path) -> None:
    text = "demarches:\n" + "".join(f"  - {n}\n" for n in range(100_000))
    (content / "procedures.yaml").write_text(text, encoding="utf-8")
    output = refused(content, tmp_path)
    assert len(output.encode("utf-8")) < 64 * 1024
    assert (
        "… et 99900 autres problèmes dans ce fichier ; corrigez d'abord ceux-ci, puis relancez la commande." in output
    )
