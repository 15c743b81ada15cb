"""`facilities.yaml` as text: where each entry and each field is, and how to change only those lines.

The file is edited as text, line by line, rather than loaded and dumped again: every comment, blank
line, quote and key order that staff wrote stays byte for byte, and the diff staff review shows only
what the import changed. PyYAML's node positions say where each entry and field is (`compose`); the
value of a field ends on the line of its last scalar (a block mapping's own end mark is at the next
key, past any comment in between).

An imported entry carries its marker on a comment line right above its `- id:` (blank lines and
other comments may sit between them):

    # annuaire: 00007e4d-… (fiche du 2023-08-09), importé le 2026-11-27 : adresse=5d1c0e9a horaires=…

the directory's record id, then one `champ=empreinte` per imported field (`manuel` instead of the
fingerprint when staff keep the field as theirs; see `merge`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mairie.tools.annuaire.records import DAYS, AnnuaireError

TOP_KEY = "equipements"
MARKER = re.compile(r"^(?P<indent>\s*)#\s*annuaire\s*:\s*(?P<id>[^\s(,]+)(?P<rest>.*)$")
TOKEN = re.compile(r"\b([a-z_]+)=(\S+)")
SOURCE_DATE = re.compile(r"fiche du (\d{4}-\d{2}-\d{2})")
MANUAL = "manuel"
NEW_FILE_HEADER = (
    "# Les équipements publics et leurs horaires.\n"
    "# Après toute modification : « mairie validate » pour vérifier, puis « mairie build ».\n"
    "# Les entrées qui portent une ligne « # annuaire: » viennent de l'Annuaire de l'administration :\n"
    "# voir « Importer l'annuaire » dans content/LISEZMOI.md.\n"
)


@dataclass
class Marker:
    line: int
    """0-based index of the marker's line."""
    indent: int
    record_id: str
    tokens: dict[str, str]
    """{field: fingerprint or « manuel »}, in the order written."""
    source_date: str | None


@dataclass
class EntryText:
    number: int
    """1-based, as `mairie validate` counts: « equipements[3] »."""
    data: dict[str, Any]
    first_line: int
    last_line: int
    key_indent: int
    fields: dict[str, tuple[int, int]]
    """{key: (first line, last line)}, 0-based, both included."""
    marker: Marker | None = None

    @property
    def id(self) -> str:
        return str(self.data.get("id") or "")

    def where(self) -> str:
        return f"{TOP_KEY}[{self.number}] ({self.id})"


@dataclass
class FacilitiesText:
    lines: list[str]
    """The file's lines, each with its line end."""
    entries: list[EntryText] = field(default_factory=list)
    append_at: int = 0
    """New entries go before this line index."""
    dash_indent: int = 2
    prefix: list[str] = field(default_factory=list)
    """Lines to write before the first new entry when the file has no `equipements:` list yet."""
    replace_key_line: int | None = None
    """The `equipements: []` line to write again as `equipements:`."""
    newline: str = "\n"
    bom: bool = False


def read_facilities_text(path: Path) -> FacilitiesText:
    """The file's layout; a missing file is an empty one (it will be created)."""
    if not path.exists():
        return FacilitiesText([], prefix=[*NEW_FILE_HEADER.splitlines(keepends=True), "\n", f"{TOP_KEY}:\n"])
    try:
        raw = path.read_bytes()
        text = raw.decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise AnnuaireError(f"« {path} » ne peut pas être lu ({error}) ; lancez « mairie validate ».") from None
    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        raise AnnuaireError(f"« {path} » n'est pas un YAML valide ; lancez « mairie validate ».") from None
    lines = text.splitlines(keepends=True)
    layout = FacilitiesText(lines, newline="\r\n" if "\r\n" in text else "\n", bom=raw.startswith(b"\xef\xbb\xbf"))
    _locate_entries(layout, root, data, path)
    return layout


def _locate_entries(layout: FacilitiesText, root: Node | None, data: Any, path: Path) -> None:
    if root is None:
        layout.append_at = len(layout.lines)
        layout.prefix = ["\n", f"{TOP_KEY}:\n"] if layout.lines else [f"{TOP_KEY}:\n"]
        return
    if not isinstance(root, MappingNode):
        raise AnnuaireError(f"« {path} » devrait commencer par « {TOP_KEY}: » ; lancez « mairie validate ».")
    found = next(((key, value) for key, value in root.value if getattr(key, "value", None) == TOP_KEY), None)
    if found is None:
        layout.append_at = len(layout.lines)
        layout.prefix = ["\n", f"{TOP_KEY}:\n"]
        return
    key, sequence = found
    if isinstance(sequence, ScalarNode) and sequence.value == "":
        layout.append_at = key.start_mark.line + 1
        return
    if not isinstance(sequence, SequenceNode) or not all(isinstance(item, MappingNode) for item in sequence.value):
        raise AnnuaireError(
            f"« {path} » : « {TOP_KEY} » devrait être une liste d'équipements ; lancez « mairie validate »."
        )
    if not sequence.value:
        layout.append_at = key.start_mark.line + 1
        layout.replace_key_line = key.start_mark.line
        return
    if sequence.flow_style:
        raise AnnuaireError(f"« {path} » : écrivez la liste « {TOP_KEY} » avec un « - » par équipement.")
    bound = key.start_mark.line
    for number, (item, item_data) in enumerate(zip(sequence.value, data[TOP_KEY], strict=True), 1):
        entry = _entry(layout.lines, number, item, item_data)
        entry.marker = _marker(layout.lines, bound, entry.first_line)
        layout.entries.append(entry)
        bound = entry.last_line
    first_item = sequence.value[0]
    layout.dash_indent = max(0, first_item.start_mark.column - 2)
    layout.append_at = layout.entries[-1].last_line + 1


def _entry(lines: list[str], number: int, item: MappingNode, data: Any) -> EntryText:
    fields = {}
    for key, value in item.value:
        fields[str(key.value)] = (key.start_mark.line, max(key.start_mark.line, last_line(lines, value)))
    first = item.start_mark.line
    return EntryText(
        number=number,
        data=data if isinstance(data, dict) else {},
        first_line=first,
        last_line=max(last for _, last in fields.values()) if fields else first,
        key_indent=item.value[0][0].start_mark.column if item.value else item.start_mark.column,
        fields=fields,
    )


def last_line(lines: list[str], node: Node) -> int:
    """The line where a value's text ends (0-based), comments after it excluded."""
    if isinstance(node, MappingNode | SequenceNode) and node.value and not node.flow_style:
        last = node.value[-1]
        return last_line(lines, last[1] if isinstance(node, MappingNode) else last)
    if isinstance(node, ScalarNode) and node.value == "" and node.style is None:
        return node.start_mark.line
    end = node.end_mark
    line = end.line if end.column > 0 else end.line - 1
    while line > node.start_mark.line and not lines[line].strip():  # a block scalar keeps its blank lines
        line -= 1
    return line


def _marker(lines: list[str], bound: int, first_line: int) -> Marker | None:
    """The marker in the comments right above an entry (never above `bound`, the previous entry's end)."""
    for index in range(first_line - 1, bound, -1):
        text = lines[index].strip()
        if text and not text.startswith("#"):
            return None
        match = MARKER.match(lines[index].rstrip("\r\n"))
        if match:
            rest = match["rest"]
            date = SOURCE_DATE.search(rest)
            return Marker(
                index, len(match["indent"]), match["id"], dict(TOKEN.findall(rest)), date[1] if date else None
            )
    return None


# --- writing --------------------------------------------------------------------------------------


def scalar(value: str) -> str:
    """A value as YAML: plain when it reads back the same, else double-quoted (JSON's escapes are YAML's)."""
    import json

    plain = value.strip() == value and "\n" not in value
    if plain:
        try:
            plain = yaml.safe_load(f"k: {value}") == {"k": value}
        except yaml.YAMLError:
            plain = False
    return value if plain else json.dumps(value, ensure_ascii=False)


def field_lines(key: str, value: str | dict[str, str] | list[str], indent: int) -> list[str]:
    pad = " " * indent
    if isinstance(value, dict):
        return [f"{pad}{key}:\n", *(f"{pad}  {day}: {scalar(value[day])}\n" for day in DAYS if day in value)]
    if isinstance(value, list):
        return [f"{pad}{key}:\n", *(f"{pad}  - {scalar(item)}\n" for item in value)]
    return [f"{pad}{key}: {scalar(value)}\n"]


def marker_line(indent: int, record_id: str, source_date: str | None, today: str, tokens: dict[str, str]) -> str:
    fiche = f" (fiche du {source_date})" if source_date else ""
    listed = " ".join(f"{name}={value}" for name, value in tokens.items())
    return f"{' ' * indent}# annuaire: {record_id}{fiche}, importé le {today}{f' : {listed}' if listed else ''}\n"


Edit = tuple[int, int, list[str]]
"""Replace lines [start, end) with these lines (an insertion when start == end)."""


def apply_edits(layout: FacilitiesText, edits: list[Edit]) -> str:
    """The new text. Insertions at the same line keep the order of `edits`; an insertion at the first
    line of a replaced field goes before it."""
    lines = list(layout.lines)
    if lines and not lines[-1].endswith("\n") and any(start >= len(lines) for start, _, _ in edits):
        lines[-1] += "\n"
    insertions: dict[int, list[str]] = {}
    replacements: list[Edit] = []
    for start, end, replacement in edits:
        if start == end:
            insertions.setdefault(start, []).extend(replacement)
        else:
            replacements.append((start, end, replacement))
    merged = replacements + [(start, start, added) for start, added in insertions.items()]
    for start, end, replacement in sorted(merged, key=lambda edit: (edit[0], edit[1]), reverse=True):
        lines[start:end] = replacement
    text = "".join(lines)
    if layout.newline != "\n":
        text = text.replace("\r\n", "\n").replace("\n", layout.newline)
    return ("\ufeff" if layout.bom else "") + text
