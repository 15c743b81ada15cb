"""The ownership rule: what an import may change in `facilities.yaml`, and what it only reports.

Nothing staff wrote by hand is overwritten, silently or not:

1. Only an entry with a marker (`# annuaire: <record id>` above its `- id:`) is ever changed. An entry
   without one is staff's. A new record whose id is already taken by such an entry is not imported;
   the report says how to link the two (put the marker line above the hand-written entry).
2. In a marked entry, only the imported fields (`entries.IMPORTED`) belong to the importer; `nom`,
   `type`, `synonymes`, `description`, closures… are staff's from the moment the entry is written.
3. The marker keeps, per imported field, a fingerprint of the value written (`telephone=1a2b3c4d`).
   A field whose value still has that fingerprint follows the directory: updated when the directory
   changed, removed when the directory no longer gives it.
4. A field whose value no longer matches its fingerprint, or that was deleted, was changed by hand:
   it is left as it is and reported at every run (`fichier:ligne`, in French, with the directory's
   value), until staff write `champ=manuel` in the marker (theirs for good, never reported again).
5. A field the marker does not name (a marker staff wrote by hand, or a token they removed): added
   when the entry lacks it, taken over when it already holds the directory's value, and otherwise
   left and reported as in 4.

Values are compared as the skill reads them (spaces, phone punctuation and « 8h30 » against « 08:30 »
do not count), so re-typing a value the same way is not a change. A run that finds nothing new
writes nothing: the file stays byte for byte the same, import date included.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

from mairie.catalogue.reading.facilities import FACILITY_KEYS
from mairie.catalogue.reading.values import BadValue, format_range, is_closed_word, parse_range, q, split_ranges
from mairie.tools.annuaire.entries import (
    IMPORTED,
    Imported,
    Value,
    detailed_name,
    entry_id,
    new_entry,
    spoken_name,
)
from mairie.tools.annuaire.facilities_text import (
    MANUAL,
    Edit,
    EntryText,
    FacilitiesText,
    field_lines,
    marker_line,
    scalar,
)
from mairie.tools.annuaire.records import DAYS

LABELS = {
    "adresse": "adresse",
    "telephone": "téléphone",
    "site_web": "site web",
    "horaires": "horaires",
    "note_horaires": "remarque sur les horaires",
}
SOURCE = "# Source : Annuaire de l'administration, Service-Public.fr / DILA, Licence Ouverte 2.0"


@dataclass
class Report:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    """`fichier:ligne: message`, like `mairie validate`."""
    notes: list[str] = field(default_factory=list)


@dataclass
class Plan:
    edits: list[Edit] = field(default_factory=list)
    report: Report = field(default_factory=Report)


def plan_import(layout: FacilitiesText, results: list[Imported], commune: str, today: str, file_label: str) -> Plan:
    plan = Plan()
    by_record = {entry.marker.record_id: entry for entry in layout.entries if entry.marker}
    new_blocks: list[str] = []
    taken_ids = {entry.id for entry in layout.entries}
    taken_names = {_folded(name) for entry in layout.entries for name in _names(entry.data)}
    for result in results:
        entry = by_record.get(result.office.id)
        if entry is not None:
            _update(plan, entry, result, today, file_label)
            continue
        block = _new_entry(plan, layout, result, (today, file_label), taken_ids, taken_names, first=not new_blocks)
        new_blocks.extend(block)
    imported_ids = {result.office.id for result in results}
    for record_id, entry in by_record.items():
        if record_id not in imported_ids:
            plan.report.notes.append(
                f"{file_label}:{entry.first_line + 1}: {entry.where()} : sa fiche {record_id} n'est pas (ou plus) dans "
                f"l'annuaire pour la commune {commune} ; si le guichet a fermé ou déménagé, supprimez l'équipement."
            )
    if new_blocks:
        plan.edits.append((layout.append_at, layout.append_at, [*layout.prefix, *new_blocks]))
        if layout.replace_key_line is not None:
            plan.edits.append((layout.replace_key_line, layout.replace_key_line + 1, ["equipements:\n"]))
    return plan


# --- a new entry ------------------------------------------------------------------------------------


def _new_entry(
    plan: Plan,
    layout: FacilitiesText,
    result: Imported,
    today_and_file: tuple[str, str],
    taken_ids: set[str],
    taken_names: set[str],
    *,
    first: bool,
) -> list[str]:
    office = result.office
    today, file_label = today_and_file
    wanted = entry_id(result.kind, office)
    hand_written = next((e for e in layout.entries if e.id == wanted and e.marker is None), None)
    if hand_written is not None:
        plan.report.conflicts.append(
            f"{file_label}:{hand_written.first_line + 1}: {hand_written.where()} : la fiche « {office.name} » "
            "de l'annuaire aurait cet identifiant, "
            f"mais l'équipement a été écrit à la main ; il n'est pas modifié et la fiche n'est pas importée. Pour "
            f"que l'importeur le tienne à jour, ajoutez au-dessus de son « - id: » la ligne "
            f"« # annuaire: {office.id} »."
        )
        return []
    chosen = _free_id(wanted, taken_ids)
    taken_ids.add(chosen)
    name = spoken_name(result.kind, office)
    if _folded(name) in taken_names:
        name = detailed_name(result.kind, office)
    if _folded(name) in taken_names:
        plan.report.notes.append(
            f"{chosen} : un autre équipement s'appelle déjà « {name} » ; changez l'un des deux noms."
        )
    taken_names.add(_folded(name))
    fields = new_entry(result, chosen, name)
    tokens = {key: fingerprint(key, fields[key]) for key in IMPORTED if key in fields}
    dash = layout.dash_indent
    pad = " " * dash
    lines = [] if first and not layout.entries and not layout.prefix else ["\n"]
    lines.append(f"{pad}{SOURCE}\n")
    if office.page:
        lines.append(f"{pad}# {office.page}\n")
    lines.append(marker_line(dash, office.id, _iso(office.modified), today, tokens))
    lines.append(f"{pad}- id: {scalar(chosen)}\n")
    for key, value in fields.items():
        if key != "id":
            lines.extend(field_lines(key, value, dash + 2))
    plan.report.added.append(f"Ajouté : {chosen} ({name}) : {_listed(result)}.")
    _left_out(plan, chosen, result)
    return lines


def _free_id(wanted: str, taken: set[str]) -> str:
    candidate, number = wanted, 2
    while candidate in taken:
        candidate, number = f"{wanted}-{number}", number + 1
    return candidate


def _listed(result: Imported) -> str:
    given = [LABELS[key] for key in IMPORTED if key in result.values]
    if "horaires" not in result.values:
        given.append("horaires inconnus (l'annuaire n'en donne pas : Alexa dira qu'elle ne les connaît pas)")
    return ", ".join(given)


def _left_out(plan: Plan, entry: str, result: Imported) -> None:
    plan.report.notes.extend(f"{entry} : {note}." for note in result.left_out)


# --- an entry already imported ----------------------------------------------------------------------


def _update(plan: Plan, entry: EntryText, result: Imported, today: str, file_label: str) -> None:
    assert entry.marker is not None
    tokens = dict(entry.marker.tokens)
    changed: list[str] = []
    for key in IMPORTED:
        status = tokens.get(key)
        if status == MANUAL:
            continue
        new = result.values.get(key)
        present = key in entry.fields
        current = entry.data.get(key)
        if status is not None and present and fingerprint(key, current) == status:
            _follow(plan, entry, key, new, current, tokens, changed)
        elif present and new is not None and same(key, current, new):
            tokens[key] = fingerprint(key, current)
        elif not present and status is None and new is not None:
            plan.edits.append(_insertion(entry, key, new))
            tokens[key] = fingerprint(key, new)
            changed.append(f"{LABELS[key]} ajouté")
        elif not present and new is None:
            tokens.pop(key, None)
        elif new is not None or status is not None:
            plan.report.conflicts.append(
                _conflict(entry, key, new, present, listed=status is not None, file=file_label)
            )
    source_date = _iso(result.office.modified) or entry.marker.source_date
    if tokens != entry.marker.tokens or source_date != entry.marker.source_date:
        indent = entry.marker.indent
        ordered = {key: tokens[key] for key in [*IMPORTED, *tokens] if key in tokens}
        line = marker_line(indent, entry.marker.record_id, source_date, today, ordered)
        plan.edits.append((entry.marker.line, entry.marker.line + 1, [line]))
    if changed:
        plan.report.updated.append(f"Mis à jour : {entry.id} : {', '.join(changed)}.")
    _left_out(plan, entry.id, result)


def _follow(
    plan: Plan, entry: EntryText, key: str, new: Value | None, current: Any, tokens: dict[str, str], changed: list[str]
) -> None:
    """Rule 3: an untouched imported field follows the directory."""
    first, last = entry.fields[key]
    if new is None:
        plan.edits.append((first, last + 1, []))
        tokens.pop(key)
        changed.append(f"{LABELS[key]} retiré (l'annuaire ne le donne plus)")
    elif not same(key, current, new):
        plan.edits.append((first, last + 1, field_lines(key, new, entry.key_indent)))
        tokens[key] = fingerprint(key, new)
        changed.append(LABELS[key])


def _insertion(entry: EntryText, key: str, value: Value) -> Edit:
    """After the field that comes before `key` in the catalogue's usual order."""
    order = FACILITY_KEYS.index(key)
    before = [k for k in entry.fields if k in FACILITY_KEYS and FACILITY_KEYS.index(k) < order]
    after_line = max(entry.fields[k][1] for k in before) if before else entry.first_line
    return (after_line + 1, after_line + 1, field_lines(key, value, entry.key_indent))


def _conflict(entry: EntryText, key: str, new: Value | None, present: bool, *, listed: bool, file: str) -> str:
    assert entry.marker is not None
    line = entry.fields[key][0] + 1 if present else entry.first_line + 1
    said = f"l'annuaire indique {q(shown(new))}" if new is not None else "l'annuaire ne le donne plus"
    if not present:
        what = "retiré à la main ; il n'est pas rétabli"
    elif listed:
        what = "modifié à la main depuis l'import ; gardé tel quel"
    else:
        what = "écrit à la main, différent de l'annuaire ; gardé tel quel"
    return (
        f"{file}:{line}: {entry.where()} › {key} : {what} ; {said}. Pour garder votre version sans ce message, "
        f"écrivez {q(f'{key}={MANUAL}')} sur la ligne « # annuaire: » (ligne {entry.marker.line + 1})."
    )


def shown(value: Value | None) -> str:
    if isinstance(value, dict):
        return " ; ".join(f"{day} {value[day]}" for day in DAYS if day in value)
    if isinstance(value, list):
        return ", ".join(value)
    return str(value)


def _iso(day: object) -> str | None:
    return day.isoformat() if hasattr(day, "isoformat") else None


def _names(data: dict[str, Any]) -> list[str]:
    synonyms = data.get("synonymes") or []
    return [str(data.get("nom") or ""), *(str(s) for s in synonyms if isinstance(synonyms, list))]


def _folded(text: str) -> str:
    return " ".join(text.lower().replace("’", "'").split())


# --- comparing values -------------------------------------------------------------------------------


def normalized(key: str, value: Any) -> Any:
    """A value as the skill reads it, for comparison and fingerprints."""
    if key == "telephone":
        return re.sub(r"\D", "", str(value))
    if key == "horaires" and isinstance(value, dict):
        return {str(day).strip().lower(): _day(ranges) for day, ranges in value.items()}
    if isinstance(value, list):
        return [" ".join(str(item).split()) for item in value]
    return " ".join(str(value).split())


def _day(value: Any) -> str:
    pieces = [piece for item in (value if isinstance(value, list) else [value]) for piece in split_ranges(str(item))]
    if len(pieces) == 1 and is_closed_word(pieces[0]):
        return "fermé"
    try:
        return ", ".join(format_range(parse_range(piece)) for piece in pieces)
    except BadValue:
        return " ".join(" ".join(pieces).split())


def same(key: str, current: Any, new: Any) -> bool:
    return bool(normalized(key, current) == normalized(key, new))


def fingerprint(key: str, value: Any) -> str:
    text = json.dumps(normalized(key, value), sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]
