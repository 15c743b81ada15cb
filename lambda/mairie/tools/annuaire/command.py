"""`mairie importer annuaire --commune INSEE [--fichier REPONSE.json] [--contenu DOSSIER]`.

Reads the directory (the API, or a saved response), writes or updates the commune's counters in
`facilities.yaml` following the ownership rule of `merge`, and reports in French what it added,
updated, kept as staff wrote it, and left out. Staff then review the diff and run `mairie validate`.

Everything that can fail is checked before the file is touched: the commune code, the network, the
answer's format, the current `facilities.yaml` (it must be valid: the import edits it line by line)
and the new text (read again by the catalogue's own reader). Any failure: a French message on stderr,
exit 1, and the file as it was. The new text replaces the old one in a single rename.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path
from typing import TextIO

from mairie.catalogue.loader import FACILITIES_FILE
from mairie.catalogue.problems import Problem, display_path
from mairie.catalogue.reading.facilities import read_facilities
from mairie.catalogue.reading.nodes import Reader, compose_file
from mairie.tools.annuaire.entries import imported
from mairie.tools.annuaire.facilities_text import apply_edits, read_facilities_text
from mairie.tools.annuaire.kinds import kind_of
from mairie.tools.annuaire.merge import Report, plan_import
from mairie.tools.annuaire.records import AnnuaireError, FormatChanged, PublicOffice
from mairie.tools.annuaire.source import NOTHING_CHANGED, check_insee, fetch_records, offices_of, read_records

ATTRIBUTION = "Annuaire de l'administration (Service-Public.fr / DILA, Licence Ouverte 2.0)"


def run_import_annuaire(
    commune: str, answer_file: Path | None, content_dir: Path, today: date, out: TextIO, err: TextIO
) -> int:
    path = content_dir / FACILITIES_FILE
    try:
        code = check_insee(commune)
        if not content_dir.is_dir():
            raise AnnuaireError(f"Le dossier du catalogue « {content_dir} » est introuvable. {NOTHING_CHANGED}")
        _must_be_valid(path)
        raw = read_records(answer_file) if answer_file else fetch_records(code)
        origin = f"fichier {answer_file}" if answer_file else "API"
        offices = offices_of(code, raw, origin)
        layout = read_facilities_text(path)
    except FormatChanged as error:
        print(_format_message(str(error)), file=err)
        return 1
    except AnnuaireError as error:
        print(_with_nothing_changed(str(error)), file=err)
        return 1
    known = [(office, kind_of(office.kinds)) for office in offices]
    results = [imported(office, kind) for office, kind in known if kind is not None]
    label = display_path(path)
    plan = plan_import(layout, results, code, today.isoformat(), label)
    print(f"{ATTRIBUTION}, commune {code} : {_count(len(offices), 'fiche lue', 'fiches lues')} ({origin}).", file=out)
    _print_report(plan.report, [office for office, kind in known if kind is None], out)
    if not plan.edits:
        print(f"Rien à changer : {label} est déjà à jour.", file=out)
        return 0
    new_text = apply_edits(layout, plan.edits)
    problems = _problems_of(new_text)
    if problems:
        print(f"L'import rendrait {label} invalide ; {NOTHING_CHANGED}", file=err)
        for problem in problems:
            print(f"{label}:{problem.line}: {problem.message}", file=err)
        return 1
    _replace(path, new_text)
    report = plan.report
    kept = _count(len(report.conflicts), "valeur écrite à la main gardée", "valeurs écrites à la main gardées")
    print(
        f"Écrit : {label} ({_count(len(report.added), 'équipement ajouté', 'équipements ajoutés')}, "
        f"{_count(len(report.updated), 'mis à jour', 'mis à jour')}, {kept}). "
        f"Relisez la différence (« git diff {label} »), puis lancez « mairie validate ».",
        file=out,
    )
    return 0


def _print_report(report: Report, unknown: list[PublicOffice], out: TextIO) -> None:
    for line in [*report.added, *report.updated, *report.conflicts, *report.notes]:
        print(line, file=out)
    if unknown:
        print(
            "Non importés (l'importeur ne connaît pas ce type de guichet ; ajoutez-les à la main si les habitants "
            "les demandent) :",
            file=out,
        )
        for office in unknown:
            print(f"  - {office.name} ({', '.join(kind for kind in office.kinds if kind) or 'sans type'})", file=out)


def _must_be_valid(path: Path) -> None:
    """The import edits the file line by line: it must be readable and valid first."""
    if not path.exists():
        return
    reader = Reader(path)
    root = compose_file(reader)
    if root is not None:
        read_facilities(reader, root)
    if reader.problems:
        listed = "\n".join(problem.render() for problem in reader.problems)
        raise AnnuaireError(
            f"{listed}\n{display_path(path)} a des erreurs : corrigez-les d'abord (« mairie validate »), puis relancez "
            f"l'import. {NOTHING_CHANGED}"
        )


def _problems_of(text: str) -> list[Problem]:
    """What the catalogue's reader says of the new text (nothing, unless the importer has a bug)."""
    with tempfile.TemporaryDirectory(prefix="mairie-annuaire-") as folder:
        candidate = Path(folder) / FACILITIES_FILE
        candidate.write_text(text, encoding="utf-8", newline="")
        reader = Reader(candidate)
        root = compose_file(reader)
        if root is not None:
            read_facilities(reader, root)
        return reader.problems


def _replace(path: Path, text: str) -> None:
    handle, temporary = tempfile.mkstemp(prefix=".facilities-", suffix=".yaml", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8", newline="") as stream:
            stream.write(text)
        Path(temporary).chmod(path.stat().st_mode & 0o777 if path.exists() else 0o644)
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _format_message(message: str) -> str:
    if message[:1].isupper():
        return _with_nothing_changed(message)
    return _with_nothing_changed(
        f"La réponse de l'annuaire n'a pas la forme attendue : {message} Son format a peut-être changé ; "
        "signalez-le à l'équipe qui maintient la skill."
    )


def _with_nothing_changed(message: str) -> str:
    return message if message.endswith(NOTHING_CHANGED) else f"{message} {NOTHING_CHANGED}"


def _count(n: int, singular: str, plural: str) -> str:
    return f"{n} {singular if n < 2 else plural}"
