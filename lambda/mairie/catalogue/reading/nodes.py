"""YAML with line numbers: compose a file into nodes, then read typed fields from the nodes.

Values are read from the raw scalar text, not from YAML's implicit typing, so that `8:30`,
`2026-02-30` or `25:30` reach our own parsers (and their French messages) unchanged.
Every problem is collected in a `Reader`; reading goes on after a problem so that staff see all
of them at once. A `Reader` also collects *notes*: what the podcast feeds still need (see
`reading.feeds`), which never make the catalogue invalid.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import TypeVar

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mairie.catalogue.problems import Problem
from mairie.catalogue.reading import bounded
from mairie.catalogue.reading.syntax_lines import error_line
from mairie.catalogue.reading.values import (
    BadValue,
    check_spoken,
    clean_text,
    parse_id,
    parse_url,
    q,
    strip_accents,
)

T = TypeVar("T")

NULL_TAG = "tag:yaml.org,2002:null"
BOOL_TAG = "tag:yaml.org,2002:bool"
_TRUE = frozenset({"true", "yes", "on", "oui", "vrai"})
_FALSE = frozenset({"false", "no", "off", "non", "faux"})

TEXT = "un texte"
LIST = "une liste (une ligne « - … » par élément)"
BLOCK = "un bloc de clés (« clé: valeur »)"


def line_of(node: Node) -> int:
    return int(node.start_mark.line) + 1


def join(where: str, key: str) -> str:
    return f"{where} › {key}" if where else key


def describe(node: Node) -> str:
    if isinstance(node, MappingNode):
        return "un bloc de clés"
    if isinstance(node, SequenceNode):
        return "une liste"
    return "un texte"


def suggest(word: str, choices: Sequence[str]) -> str | None:
    """The allowed word staff probably meant (accents, case and typos forgiven)."""

    def norm(text: str) -> str:
        return strip_accents(text).lower().replace(" ", "_").replace("-", "_")

    by_norm = {norm(choice): choice for choice in choices}
    if norm(word) in by_norm:
        return by_norm[norm(word)]
    close = difflib.get_close_matches(norm(word), list(by_norm), n=1, cutoff=0.6)
    return by_norm[close[0]] if close else None


class Reader:
    """Collects the problems of one file, and its notes for the podcast feeds."""

    def __init__(self, file: Path) -> None:
        self.file = file
        self.problems: list[Problem] = []
        self.notes: list[Problem] = []

    def report(self, at: Node | int, where: str, message: str) -> None:
        self.problems.append(self._located(at, where, message))

    def note(self, at: Node | int, where: str, message: str) -> None:
        """Something a podcast feed needs: said by `mairie validate`, never a reason to refuse the content."""
        self.notes.append(self._located(at, where, message))

    def _located(self, at: Node | int, where: str, message: str) -> Problem:
        line = at if isinstance(at, int) else line_of(at)
        return Problem(self.file, line, f"{where} : {message}" if where else message)

    def scalar(self, node: Node, where: str) -> str | None:
        """The raw text of a scalar; None (and a problem) when it is a list or a block."""
        if isinstance(node, ScalarNode):
            return None if node.tag == NULL_TAG else str(node.value)
        self.report(node, where, f"il faut {TEXT} ici, pas {describe(node)}.")
        return None

    def fields(self, node: Node, where: str, allowed: Sequence[str], line: int | None = None) -> Fields | None:
        """The keys of a block; `line` (default: the block's first line) is where its problems point."""
        if isinstance(node, MappingNode):
            return Fields(self, node, where, allowed, line)
        self.report(node, where, f"il faut {BLOCK} ici, pas {describe(node)}.")
        return None

    def top(self, root: Node, key: str) -> Fields | None:
        """The whole file: one block whose only key is `key` (`ville`, `equipements`…)."""
        if isinstance(root, MappingNode):
            return Fields(self, root, "", (key,))
        self.report(root, "", f"le fichier doit commencer par {q(key + ':')}, pas par {describe(root)}.")
        return None

    def sequence(self, node: Node, where: str) -> list[Node]:
        if isinstance(node, SequenceNode):
            return list(node.value)
        self.report(node, where, f"il faut {LIST} ici, pas {describe(node)}.")
        return []

    def text(self, node: Node, where: str, *, spoken: bool = True) -> str | None:
        raw = self.scalar(node, where)
        text = clean_text(raw) if raw is not None else ""
        if not text:
            if isinstance(node, ScalarNode):
                self.report(node, where, "la valeur est vide ; écrivez un texte ou supprimez la ligne.")
            return None
        if spoken:
            try:
                check_spoken(text)
            except BadValue as bad:
                self.report(node, where, bad.message)
        return text

    def parsed(self, node: Node, where: str, parser: Callable[[str], T]) -> T | None:
        raw = self.scalar(node, where)
        if raw is None or not raw.strip():
            if isinstance(node, ScalarNode):
                self.report(node, where, "la valeur est vide.")
            return None
        try:
            return parser(raw)
        except BadValue as bad:
            self.report(node, where, bad.message)
            return None


class Fields:
    """The keys of one YAML block, checked against the allowed keys."""

    def __init__(
        self, reader: Reader, node: MappingNode, where: str, allowed: Sequence[str], line: int | None = None
    ) -> None:
        self.reader = reader
        self.node = node
        self.where = where
        self.line = line or line_of(node)
        self._values: dict[str, Node] = {}
        self._key_lines: dict[str, int] = {}
        key_lines = self._key_lines
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                reader.report(key_node, where, "une clé doit être un simple mot suivi de « : ».")
                continue
            key = str(key_node.value)
            if key in key_lines:
                reader.report(
                    key_node,
                    where,
                    f"la clé {q(key)} apparaît deux fois (déjà à la ligne {key_lines[key]}) ; gardez-en une seule.",
                )
            elif key not in allowed:
                reader.report(key_node, where, unknown_key_message(key, allowed))
            else:
                self._values[key] = value_node
            key_lines.setdefault(key, line_of(key_node))

    def at(self, key: str) -> str:
        return join(self.where, key)

    def has(self, key: str) -> bool:
        node = self._values.get(key)
        return node is not None and not (isinstance(node, ScalarNode) and node.tag == NULL_TAG)

    def get(self, key: str, *, required: bool = False) -> Node | None:
        """The value node; None when absent or empty (reported if required)."""
        node = self._values.get(key)
        if node is None:
            if required:
                self.missing(key)
            return None
        if isinstance(node, ScalarNode) and (node.tag == NULL_TAG or not str(node.value).strip()):
            if required:
                self.reader.report(node, self.at(key), "la valeur est vide ; ce champ est obligatoire.")
            return None
        return node

    def key_line(self, key: str) -> int:
        """The line of `key:` (of the block when the key is absent)."""
        return self._key_lines.get(key, self.line)

    def missing(self, key: str) -> None:
        self.reader.report(self.line, self.where, f"il manque {q(key)}, qui est obligatoire.")

    def text(self, key: str, *, required: bool = True, spoken: bool = True) -> str | None:
        node = self.get(key, required=required)
        return None if node is None else self.reader.text(node, self.at(key), spoken=spoken)

    def texts(self, key: str, *, required: bool = False, spoken: bool = True) -> tuple[str, ...]:
        node = self.get(key, required=required)
        if node is None:
            return ()
        where = self.at(key)
        items = self.reader.sequence(node, where)
        if required and isinstance(node, SequenceNode) and not items:
            self.reader.report(node, where, "la liste est vide ; elle doit contenir au moins un élément.")
        texts = (self.reader.text(item, f"{where}[{i}]", spoken=spoken) for i, item in enumerate(items, 1))
        return tuple(text for text in texts if text is not None)

    def parsed(self, key: str, parser: Callable[[str], T], *, required: bool = False) -> T | None:
        node = self.get(key, required=required)
        return None if node is None else self.reader.parsed(node, self.at(key), parser)

    def ident(self, key: str = "id") -> str | None:
        return self.parsed(key, parse_id, required=True)

    def url(self, key: str, *, required: bool = False) -> str | None:
        return self.parsed(key, parse_url, required=required)

    def flag(self, key: str, default: bool = False) -> bool:
        found = self.parsed(key, parse_flag)
        return default if found is None else found

    def feed_value(self, key: str, parser: Callable[[str], T], prefix: str) -> T | None:
        """A value only the podcast feeds use: unusable, it is left out with a note (`prefix` first), not a problem."""
        node = self.get(key)
        if node is None:
            return None
        if not isinstance(node, ScalarNode):
            self.reader.note(node, self.at(key), f"{prefix}il faut {TEXT} ici, pas {describe(node)}.")
            return None
        try:
            return parser(str(node.value))
        except BadValue as bad:
            self.reader.note(node, self.at(key), f"{prefix}{bad.message}")
            return None

    def integer(self, key: str, *, required: bool = False, low: int = 0, high: int = 10_000) -> int | None:
        node = self.get(key, required=required)
        if node is None:
            return None
        raw = self.reader.scalar(node, self.at(key))
        if raw is not None and raw.strip().isdigit() and low <= int(raw) <= high:
            return int(raw)
        if raw is not None:
            self.reader.report(
                node,
                self.at(key),
                f"{q(raw)} n'est pas accepté ; écrivez un nombre entier entre {low} et {high}.",
            )
        return None

    def choice(self, key: str, choices: Mapping[str, T], *, required: bool = False) -> T | None:
        """One of a few French words (accents and case forgiven), mapped to a value."""
        node = self.get(key, required=required)
        if node is None:
            return None
        return self.reader.parsed(node, self.at(key), lambda raw: pick(raw, choices))

    def block(self, key: str, allowed: Sequence[str], *, required: bool = False) -> Fields | None:
        node = self.get(key, required=required)
        return None if node is None else self.reader.fields(node, self.at(key), allowed, self.key_line(key))

    def items(self, key: str, allowed: Sequence[str], *, required: bool = False, id_key: str = "id") -> list[Fields]:
        """The blocks of a list, each located as `key[n] (id)` (n counted from 1)."""
        node = self.get(key, required=required)
        if node is None:
            return []
        where = self.at(key)
        items = self.reader.sequence(node, where)
        if required and isinstance(node, SequenceNode) and not items:
            self.reader.report(node, where, "la liste est vide ; elle doit contenir au moins un élément.")
        blocks = []
        for index, item in enumerate(items, 1):
            item_where = f"{where}[{index}]{_label(item, id_key)}"
            fields = self.reader.fields(item, item_where, allowed)
            if fields is not None:
                blocks.append(fields)
        return blocks


def parse_flag(raw: str) -> bool:
    """ "true" / "false" (also "oui", "non", "vrai", "faux")."""
    word = raw.strip().lower()
    if word in _TRUE or word in _FALSE:
        return word in _TRUE
    raise BadValue(f"{q(raw)} n'est pas accepté ; écrivez {q('true')} ou {q('false')}.")


def pick(raw: str, choices: Mapping[str, T]) -> T:
    """The value of the word staff wrote, forgiving accents, case, spaces and underscores."""

    def norm(text: str) -> str:
        return "-".join(strip_accents(text).lower().replace("_", " ").replace("-", " ").split())

    for word, value in choices.items():
        if norm(word) == norm(raw):
            return value
    words = list(dict.fromkeys(choices))
    guess = suggest(raw, words)
    quoted = [q(word) for word in words]
    either = ", ".join(quoted[:-1]) + " ou " + quoted[-1] if len(quoted) > 1 else "".join(quoted)
    hint = f"vouliez-vous dire {q(guess)} ?" if guess else f"écrivez {either}."
    raise BadValue(f"{q(raw)} n'est pas accepté ici ; {hint}")


def unknown_key_message(key: str, allowed: Sequence[str]) -> str:
    guess = suggest(key, allowed)
    if guess:
        return f"clé inconnue {q(key)} ; vouliez-vous dire {q(guess)} ?"
    return f"clé inconnue {q(key)} ; les clés possibles sont : {', '.join(allowed)}."


def _label(node: Node, id_key: str) -> str:
    """ " (piscine-aquazena)" when the block has a readable id, to locate it in messages."""
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if isinstance(key_node, ScalarNode) and key_node.value == id_key and isinstance(value_node, ScalarNode):
                value = str(value_node.value).strip()
                if value and value_node.tag != NULL_TAG:
                    return f" ({value})"
    return ""


def compose_file(reader: Reader) -> Node | None:
    """The YAML document of `reader.file` as nodes; None (and a problem) if it cannot be read."""
    try:
        raw = bounded.read_bytes(reader.file)
    except bounded.Refused as refusal:
        reader.report(refusal.line, "", refusal.message)
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        reader.report(line, "", "le fichier n'est pas enregistré en UTF-8 ; enregistrez-le en UTF-8 (Unicode).")
        return None
    try:
        node: Node | None = bounded.compose(text)
    except bounded.Refused as refusal:
        reader.report(refusal.line, "", refusal.message)
        return None
    except yaml.reader.ReaderError as error:
        line = text[: error.position].count("\n") + 1
        reader.report(line, "", f"caractère interdit (code U+{error.character:04X}) ; supprimez-le.")
        return None
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark
        if error.context_mark is not None and "end" in (error.problem or "") and "stream" in (error.problem or ""):
            mark = error.context_mark
            found = int(mark.line) + 1
        else:
            found = error_line(text, error) or 1
        last_line = max(1, len(text.rstrip().splitlines()))  # "end of file" points at the last line
        line = min(found, last_line)
        reader.report(line, "", f"syntaxe YAML incorrecte : {_syntax_hint(error.problem or '')}")
        return None
    except yaml.YAMLError as error:
        reader.report(1, "", f"syntaxe YAML incorrecte ({error}).")
        return None
    if node is None:
        reader.report(1, "", "le fichier est vide.")
    return node


_SYNTAX_HINTS = (
    (
        "mapping values are not allowed",
        "un « : » est inattendu ici ; si le texte contient « : », mettez-le entre guillemets, "
        "sinon vérifiez l'indentation.",
    ),
    ("could not find expected ':'", "il manque « : » après le nom d'une clé."),
    ("'\\t'", "les tabulations sont interdites ; indentez avec des espaces."),
    (
        "cannot start any token",
        "caractère inattendu au début d'une valeur ; mettez la valeur entre guillemets.",
    ),
    ("expected <block end>", "l'indentation est incorrecte ; alignez les clés d'un même bloc."),
    ("did not find expected key", "l'indentation est incorrecte ; alignez les clés d'un même bloc."),
    ("did not find expected '-'", "l'indentation est incorrecte ; alignez les « - » d'une même liste."),
    ("expected ',' or ']'", "un « [ » n'est pas refermé par « ] »."),
    ("expected ',' or '}'", "un « { » n'est pas refermé par « } »."),
    ("found unexpected end of stream", "un guillemet n'est pas refermé."),
    ("found undefined alias", "un alias « * » renvoie à une ancre « & » qui n'existe pas."),
    ("another document", "un fichier ne contient qu'un document ; supprimez la ligne « --- »."),
)


def _syntax_hint(problem: str) -> str:
    for needle, hint in _SYNTAX_HINTS:
        if needle in problem:
            return hint
    return f"vérifiez l'indentation et les guillemets ({problem})."
