"""The line staff must fix when a YAML file cannot be read: often not the line PyYAML stops at.

PyYAML reports where it noticed the problem, which is often one line after the mistake:

- `motif:inventaire` (no space after the colon) is a plain text that goes on until the next line,
  where PyYAML finds no `:` ("could not find expected ':'"); the line where that text started
  (`context_mark`) is the one to fix; `- id:depardon` makes the next key "not allowed here": the
  line before it is the one to fix;
- a line indented too little (or too much) is noticed at the next line or the next key of the
  block. The line to fix is found by trying: each key or list line from the error line up to 15
  lines above is re-indented like its neighbours, and the first one whose re-indenting makes the
  file readable (or, failing that, moves the first error further down) is the one staff must fix.

Only the line changes; the French message stays the one for PyYAML's problem. The search only
re-reads the text (at most 15 lines × 6 indentations × 2 passes), so it cannot fail on any file;
it is skipped for files over 50,000 characters (a city's file is about 10,000), where each re-read
would cost too much: the line PyYAML gives is then kept. Measured on every key line of `content/`
with its space after the colon removed, or its indentation cut by one or two spaces: 4 cases out of
about 750 still point elsewhere (two keys equally out of line, where either is a fix).
"""

from __future__ import annotations

import re

import yaml

_NO_SPACE = re.compile(r"^\s*(?:-\s+)*[A-Za-z_][\w-]*:[^\s]")
"""`motif:inventaire`, `- id:depardon`: a key glued to its value."""
_KEY_START = re.compile(r"^\s*(?:-\s+)*[^\s#:\"'][^:#\"']*$")
"""The text before a `:` when that `:` ends a key (`    numero`, `  - id`), not a colon inside a value."""
_KEY_LINE = re.compile(r"^\s*(?:-\s|[^\s#:\"'][^:#\"]*:(?:\s|$))")
"""A line that starts a key (`  nom: …`, `accueil: >`) or a list item (`- …`)."""
_INDENT_PROBLEMS = (
    "expected <block end>",
    "did not find expected key",
    "did not find expected '-'",
    "mapping values are not allowed",
)
_SEARCHED_LINES = 15
_LARGEST_SEARCHED = 50_000


def error_line(text: str, error: yaml.MarkedYAMLError) -> int | None:
    """The 1-based line to fix, or None when the problem has no position."""
    mark = error.problem_mark
    if mark is None:
        return None
    lines = text.splitlines()
    problem = error.problem or ""
    line = int(mark.line)
    if "could not find expected ':'" in problem and error.context_mark is not None:
        return int(error.context_mark.line) + 1
    if line >= len(lines) or not any(needle in problem for needle in _INDENT_PROBLEMS):
        return line + 1
    if "mapping values are not allowed" in problem:
        if not _KEY_START.match(lines[line][: int(mark.column)]):
            return line + 1  # a colon inside a value (« motif: Travaux : bassin ») : this line is right
        before = _previous(lines, line)
        if before is not None and _NO_SPACE.match(lines[before]):
            return before + 1
    if len(text) > _LARGEST_SEARCHED:
        return line + 1
    return _misindented(lines, line) + 1


def _misindented(lines: list[str], index: int) -> int:
    """The line, at or above `index`, whose re-indenting makes the file readable (else `index`)."""
    window = range(index, max(-1, index - _SEARCHED_LINES), -1)
    candidates = [c for c in window if _KEY_LINE.match(lines[c])]  # staff misplace keys, not lines of a text
    for accept_progress in (False, True):
        for candidate in candidates:
            for indent in _indents_to_try(lines, candidate):
                fixed = [*lines[:candidate], " " * indent + lines[candidate].lstrip(" "), *lines[candidate + 1 :]]
                first_error = _first_error_line(fixed)
                if first_error is None or (accept_progress and first_error > index):
                    return candidate
    return index


def _indents_to_try(lines: list[str], index: int) -> list[int]:
    """The indentations of the neighbouring lines (and of their keys, after « - »), but the line's own."""
    own = _indent(lines[index])
    found: list[int] = []
    for neighbour in (_previous(lines, index), _next(lines, index)):
        if neighbour is not None:
            found += [_indent(lines[neighbour]), _key_column(lines[neighbour]), _indent(lines[neighbour]) + 2]
    return [indent for indent in dict.fromkeys(found) if indent != own]


def _first_error_line(lines: list[str]) -> int | None:
    """The 0-based line of the first problem of the text, None when it reads."""
    try:
        yaml.compose("\n".join(lines) + "\n", Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as error:
        return int(error.problem_mark.line) if error.problem_mark is not None else -1
    except yaml.YAMLError:
        return -1
    return None


def _is_content(line: str) -> bool:
    stripped = line.strip()
    return bool(stripped) and not stripped.startswith("#")


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _key_column(line: str) -> int:
    """Where the key of a line starts, after its indentation and any `- `."""
    match = re.match(r"^\s*(?:-\s+)*", line)
    return match.end() if match else 0


def _previous(lines: list[str], index: int) -> int | None:
    for before in range(index - 1, -1, -1):
        if _is_content(lines[before]):
            return before
    return None


def _next(lines: list[str], index: int) -> int | None:
    for after in range(index + 1, len(lines)):
        if _is_content(lines[after]):
            return after
    return None
