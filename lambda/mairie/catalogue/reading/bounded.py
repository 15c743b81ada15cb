"""Reading staff files within bounds: only regular files of the content folder, of bounded size and shape.

A content file is whatever staff (or anyone who can write the folder) put there, so reading it must
end, in bounded time and memory, with a French `file:line` message when it is refused:
- only a regular file whose real path is inside the content folder is opened (a symlink to
  `/dev/zero` ate memory until a `MemoryError`; a FIFO hung `validate`); it is opened without
  blocking and checked again once open, so that a file swapped in between is caught too;
- at most `MAX_FILE_BYTES` are read (the largest real file is ~13 KB);
- YAML nesting is limited to `MAX_DEPTH` levels (600 levels gave a `RecursionError` traceback),
  aliases to `MAX_ALIASES`, and the document once every alias is expanded to `MAX_EXPANDED_NODES`
  nodes (100,000 aliases took 71 s; a 186 KB file of aliases became a 36.8 MB catalogue);
- at most `MAX_PROBLEMS_PER_FILE` problems are listed per file, then one line says how many more
  (100,000 bad items printed 54 MB of messages).
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

import yaml
from yaml.events import AliasEvent
from yaml.nodes import MappingNode, Node, SequenceNode

from mairie.catalogue.problems import Problem

MAX_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 40
MAX_ALIASES = 1_000
MAX_EXPANDED_NODES = 200_000
MAX_PROBLEMS_PER_FILE = 100

DANGLING_LINK = "le fichier est un lien qui ne mène à aucun fichier ; remplacez-le par le fichier lui-même."
LINK_OUTSIDE = "le fichier est un lien vers l'extérieur du dossier du catalogue ; seuls ses fichiers sont lus."
NOT_A_FILE = "ce n'est pas un fichier ordinaire (un périphérique, un tube…) ; seuls les fichiers sont lus."
TOO_LARGE = f"le fichier dépasse {MAX_FILE_BYTES // (1024 * 1024)} Mo ; un fichier du catalogue est bien plus petit."
TOO_DEEP = f"plus de {MAX_DEPTH} niveaux d'imbrication ; un fichier du catalogue n'en a que quelques-uns."
TOO_MANY_ALIASES = f"plus de {MAX_ALIASES} alias « * » ; écrivez les valeurs elles-mêmes."


class Refused(Exception):
    """A file that is not read, with the line and the French message that say why."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def read_bytes(path: Path) -> bytes:
    """The bytes of `path`, a regular file inside its folder, at most `MAX_FILE_BYTES`; else `Refused`."""
    folder = path.parent.resolve()
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling symlink or a loop of them
        raise Refused(1, DANGLING_LINK) from None
    if real.parent != folder and folder not in real.parents:
        raise Refused(1, LINK_OUTSIDE)
    try:
        descriptor = os.open(real, os.O_RDONLY | os.O_NONBLOCK | getattr(os, "O_NOFOLLOW", 0))
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise Refused(1, "le fichier a changé pendant la lecture ; relancez la commande.") from None
        raise Refused(1, f"le fichier ne peut pas être lu ({error.strerror}).") from None
    with os.fdopen(descriptor, "rb") as file:
        status = os.fstat(file.fileno())
        if not stat.S_ISREG(status.st_mode):
            raise Refused(1, NOT_A_FILE)
        data = file.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        raise Refused(1, TOO_LARGE)
    return data


class _BoundedLoader(yaml.SafeLoader):
    """PyYAML's safe loader, stopping at `MAX_DEPTH` levels and `MAX_ALIASES` aliases."""

    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self._depth = 0
        self._aliases = 0

    def compose_node(self, parent: Node | None, index: object) -> Node | None:
        event = self.peek_event()  # type: ignore[no-untyped-call]
        if isinstance(event, AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_ALIASES:
                line = event.start_mark.line + 1 if event.start_mark else 1
                raise Refused(line, TOO_MANY_ALIASES)
        self._depth += 1
        try:
            if self._depth > MAX_DEPTH:
                line = event.start_mark.line + 1 if event.start_mark else 1
                raise Refused(line, TOO_DEEP)
            node: Node | None = super().compose_node(parent, index)  # type: ignore[arg-type]
            return node
        finally:
            self._depth -= 1


def compose(text: str) -> Node | None:
    """The YAML document of `text` as nodes, within bounds; `Refused` or a `yaml.YAMLError` otherwise."""
    loader = _BoundedLoader(text)
    try:
        node: Node | None = loader.get_single_node()
    finally:
        loader.dispose()
    if node is not None:
        _check_expanded_size(node)
    return node


def _check_expanded_size(root: Node) -> None:
    """Refuse a document that would have more than `MAX_EXPANDED_NODES` nodes with its aliases expanded."""
    sizes: dict[int, int] = {}
    order: list[Node] = []
    stack: list[tuple[Node, bool]] = [(root, False)]
    while stack:  # depth-first, each node after all of its children, without recursion
        node, children_done = stack.pop()
        if id(node) in sizes:
            continue
        if children_done:
            sizes[id(node)] = 0
            order.append(node)
            continue
        stack.append((node, True))
        stack.extend((child, False) for child in _children(node) if id(child) not in sizes)
    for node in order:
        total = 1 + sum(sizes[id(child)] for child in _children(node))
        sizes[id(node)] = min(total, MAX_EXPANDED_NODES + 1)
        if total > MAX_EXPANDED_NODES:
            line = node.start_mark.line + 1 if node.start_mark else 1
            raise Refused(
                line,
                f"une fois ses alias « * » remplacés, ce bloc dépasse {MAX_EXPANDED_NODES} valeurs ; "
                "écrivez les valeurs elles-mêmes, sans alias.",
            )


def _children(node: Node) -> list[Node]:
    if isinstance(node, SequenceNode):
        return list(node.value)
    if isinstance(node, MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def capped(problems: list[Problem]) -> list[Problem]:
    """At most `MAX_PROBLEMS_PER_FILE` problems of one file, then one that says how many more there are."""
    if len(problems) <= MAX_PROBLEMS_PER_FILE:
        return problems
    shown = problems[:MAX_PROBLEMS_PER_FILE]
    rest = len(problems) - len(shown)
    last = shown[-1]
    message = f"… et {rest} autres problèmes dans ce fichier ; corrigez d'abord ceux-ci, puis relancez la commande."
    return [*shown, Problem(last.file, last.line, message)]
