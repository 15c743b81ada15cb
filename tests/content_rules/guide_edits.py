"""The staff guide's example edits (`content/LISEZMOI.md`), applied to a copy of `content/` as staff would.

Every ```yaml block of the guide is read and applied by its shape, the way the guide tells staff to
paste it, so an example added to the guide is applied too (or, if its shape is new, the test says
so instead of skipping it):

- a facility (`- id:` with `horaires` / `periodes`…): its keys replace the same keys of that
  facility (the first facility when the city has none with that id), the other lines stay;
- a facility key alone (`fermetures:`, `horaires_exceptionnels:`…): added to the first facility
  that has none;
- an episode (`- id:` with `numero`): appended to the first series' `episodes:`, numbered after
  the last one (a city may already have an episode with the guide's number; its id too);
- a magazine issue (`- mois:`): appended to `numeros:`, for the month after the newest issue when
  the city already has the guide's month;
- a series with feed fields (`- id:` with `categorie`…): those fields replace the first series' own;
- `intents:` (phrasings, in `phrases/`, not in `content/`): not a content edit.

Plus the one edit the guide describes in words only: a new synonym (« une ligne dans synonymes: »).
The files are edited as text (like staff do, comments kept); only the edited lines change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

GUIDE = Path(__file__).resolve().parents[2] / "content" / "LISEZMOI.md"
_BLOCK = re.compile(r"```yaml\n(.*?)```", re.DOTALL)
FACILITY_KEYS = ("horaires", "periodes", "fermetures", "horaires_exceptionnels", "jours_feries", "note_horaires")
SERIES_IDENTITY = ("id", "titre", "description", "episodes")
NEW_SYNONYM = "le nouveau nom"


@dataclass(frozen=True)
class GuideExample:
    heading: str
    text: str


def guide_examples(guide: Path = GUIDE) -> list[GuideExample]:
    """Every ```yaml block of the guide, with the `###` heading it is under."""
    text = guide.read_text(encoding="utf-8")
    found = []
    for match in _BLOCK.finditer(text):
        headings = re.findall(r"^#{2,3} (.+)$", text[: match.start()], flags=re.MULTILINE)
        found.append(GuideExample(headings[-1] if headings else "", match.group(1)))
    return found


def apply_guide_edits(content: Path, guide: Path = GUIDE) -> list[str]:
    """Apply every example of the guide to `content` (a copy); the list of what was done, one line each."""
    done = []
    for example in guide_examples(guide):
        done.append(f"{example.heading}: {apply_example(content, example)}")
    done.append(f"Ajouter un équipement ou un synonyme: {add_synonym(content)}")
    return done


def apply_example(content: Path, example: GuideExample) -> str:
    data = yaml.safe_load(example.text)
    if isinstance(data, dict) and "intents" in data:
        return "phrases/, pas content/"
    if isinstance(data, dict) and data and set(data) <= set(FACILITY_KEYS):
        return add_facility_keys(content, example.text, list(data))
    if isinstance(data, list) and len(data) == 1 and isinstance(data[0], dict):
        item: dict[str, Any] = data[0]
        if "mois" in item:
            return add_magazine_issue(content, example.text)
        if "numero" in item:
            return add_episode(content, example.text)
        if "episodes" in item:
            keys = [key for key in item if key not in SERIES_IDENTITY]
            return replace_item_keys(content / "podcasts.yaml", "podcasts", example.text, keys)
        if set(item) & set(FACILITY_KEYS):
            keys = [key for key in item if key in FACILITY_KEYS]
            return replace_item_keys(content / "facilities.yaml", "equipements", example.text, keys)
    raise AssertionError(f"exemple du guide de forme inconnue, sous « {example.heading} » :\n{example.text}")


# -- edits ------------------------------------------------------------------------------------------


def replace_item_keys(path: Path, list_key: str, example: str, keys: list[str]) -> str:
    """The example item's `keys` replace those of the item with its id (else the first item)."""
    lines = _lines(path)
    wanted = str(yaml.safe_load(example)[0].get("id", ""))
    items = _items(lines, _key_line(lines, list_key))
    ids = [_value(lines[start]) for start in items]
    start = items[ids.index(wanted)] if wanted in ids else items[0]
    key_indent = _key_column(lines[start])
    example_lines = example.splitlines()
    shift = key_indent - _key_column(example_lines[0])
    for key in keys:
        found = _child_key(lines, start, key)
        if found is not None:
            del lines[found : _end(lines, found)]
    pasted = [line for key in keys for line in _key_block(example_lines, key)]
    end = _end(lines, start)
    lines[end:end] = _shifted(pasted, shift)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"{', '.join(keys)} de {_value(lines[start])}"


def add_facility_keys(content: Path, example: str, keys: list[str]) -> str:
    """Keys pasted into the first facility that has none of them."""
    path = content / "facilities.yaml"
    lines = _lines(path)
    for start in _items(lines, _key_line(lines, "equipements")):
        if all(_child_key(lines, start, key) is None for key in keys):
            example_lines = [line for line in example.splitlines() if line.strip()]
            shift = _key_column(lines[start]) - _indent(example_lines[0])
            end = _end(lines, start)
            lines[end:end] = _shifted(example_lines, shift)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return f"{', '.join(keys)} ajouté à {_value(lines[start])}"
    raise AssertionError(f"aucun équipement sans {keys}")


def add_episode(content: Path, example: str) -> str:
    path = content / "podcasts.yaml"
    lines = _lines(path)
    series = _items(lines, _key_line(lines, "podcasts"))[0]
    episodes = _child_key(lines, series, "episodes")
    assert episodes is not None, "la première série n'a pas de « episodes: »"
    existing = _items(lines, episodes)
    numbers = [int(n) for n in re.findall(r"^\s*numero:\s*(\d+)", "\n".join(lines[episodes:]), re.MULTILINE)]
    number = max(numbers, default=0) + 1
    text = re.sub(r"(numero:\s*)\d+", rf"\g<1>{number}", example, count=1)
    ids = set(re.findall(r"^\s*-\s*id:\s*(\S+)", "\n".join(lines), re.MULTILINE))
    wanted = str(yaml.safe_load(example)[0]["id"])
    if wanted in ids:  # the guide's episode is already there (the same guide followed twice)
        text = re.sub(r"(id:\s*)\S+", rf"\g<1>{wanted}-{number}", text, count=1)
    example_lines = [line for line in text.splitlines() if line.strip()]
    item_indent = _indent(lines[existing[0]]) if existing else _indent(lines[episodes]) + 2
    end = _end(lines, episodes)
    lines[end:end] = _shifted(example_lines, item_indent - _indent(example_lines[0]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"épisode {number} de {_value(lines[series])}"


def add_magazine_issue(content: Path, example: str) -> str:
    path = content / "magazine.yaml"
    lines = _lines(path)
    issues = _key_line(lines, "numeros")
    months = re.findall(r"^\s*-?\s*mois:\s*(\d{4}-\d{2})", "\n".join(lines), re.MULTILINE)
    month = str(yaml.safe_load(example)[0]["mois"])
    if month in months:
        year, number = map(int, max(months).split("-"))
        month = f"{year + number // 12}-{number % 12 + 1:02d}"
    text = re.sub(r"(mois:\s*)\S+", rf"\g<1>{month}", example, count=1)
    example_lines = [line for line in text.splitlines() if line.strip()]
    existing = _items(lines, issues)
    item_indent = _indent(lines[existing[0]]) if existing else _indent(lines[issues]) + 2
    end = _end(lines, issues)
    lines[end:end] = _shifted(example_lines, item_indent - _indent(example_lines[0]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return f"numéro {month}"


def add_synonym(content: Path) -> str:
    """« une ligne dans synonymes: » of the first facility that has some."""
    path = content / "facilities.yaml"
    lines = _lines(path)
    for start in _items(lines, _key_line(lines, "equipements")):
        synonyms = _child_key(lines, start, "synonymes")
        if synonyms is not None and _items(lines, synonyms):
            last = _items(lines, synonyms)[-1]
            lines.insert(last + 1, lines[last][: _key_column(lines[last])] + NEW_SYNONYM)
            path.write_text("\n".join(lines) + "\n", encoding="utf-8")
            return f"synonyme « {NEW_SYNONYM} » de {_value(lines[start])}"
    raise AssertionError("aucun équipement n'a de synonymes")


# -- reading the YAML text by its indentation ------------------------------------------------------------


def _lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").splitlines()


def _is_content(line: str) -> bool:
    return bool(line.strip()) and not line.strip().startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    match = re.match(r"^\s*(?:-\s+)*", line)
    return match.end() if match else 0


def _value(line: str) -> str:
    return line.split(":", 1)[1].strip() if ":" in line else line.strip(" -")


def _end(lines: list[str], start: int) -> int:
    """The index after the last content line of the key or item at `lines[start]` (its deeper lines)."""
    column = _indent(lines[start])
    last = start
    for index in range(start + 1, len(lines)):
        if not _is_content(lines[index]):
            continue
        if _indent(lines[index]) <= column:
            break
        last = index
    return last + 1


def _key_line(lines: list[str], key: str) -> int:
    for index, line in enumerate(lines):
        if re.match(rf"^\s*{key}:", line):
            return index
    raise AssertionError(f"clé « {key} » introuvable")


def _items(lines: list[str], key_line: int) -> list[int]:
    """The `- ` lines of the list under `lines[key_line]`."""
    end = _end(lines, key_line)
    found = [i for i in range(key_line + 1, end) if _is_content(lines[i]) and lines[i].lstrip().startswith("- ")]
    if not found:
        return []
    column = min(_indent(lines[i]) for i in found)
    return [i for i in found if _indent(lines[i]) == column]


def _child_key(lines: list[str], item: int, key: str) -> int | None:
    """The line of `key:` directly in the item (or block) starting at `lines[item]`."""
    column = _key_column(lines[item])
    if re.match(rf"^\s*(?:-\s+)?{key}:", lines[item]):
        return item
    for index in range(item + 1, _end(lines, item)):
        if _indent(lines[index]) == column and re.match(rf"^\s*{key}:", lines[index]):
            return index
    return None


def _key_block(lines: list[str], key: str) -> list[str]:
    """`key:` and its children in the example's lines."""
    for index, line in enumerate(lines):
        if re.match(rf"^\s*(?:-\s+)?{key}:", line):
            indent = _key_column(line)
            head = " " * indent + line.strip().removeprefix("- ")
            block = [head]
            for child in lines[index + 1 :]:
                if _is_content(child) and _indent(child) <= indent:
                    break
                if child.strip():
                    block.append(child)
            return block
    raise AssertionError(f"« {key} » absent de l'exemple")


def _shifted(lines: list[str], shift: int) -> list[str]:
    if shift >= 0:
        return [" " * shift + line for line in lines]
    return [line[-shift:] if line[:-shift].strip() == "" else line.lstrip() for line in lines]
