"""Where the entries marked `exemple: true` are: one line each, `fichier:ligne: où : message`.

An example entry is one whose facts staff have not confirmed (the skill tells residents to check
the city's website). `mairie validate` lists each of them by file and line, so staff can find and
confirm them one by one; only valid content is walked (the loader already read it). Tools only.
"""

from __future__ import annotations

from pathlib import Path

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mairie.catalogue.problems import Problem
from mairie.catalogue.reading.nodes import Reader, compose_file, join, line_of, parse_flag
from mairie.catalogue.reading.values import BadValue

EXAMPLE_KEY = "exemple"
LABEL_KEYS = ("id", "mois")
MESSAGE = "entrée marquée « exemple » : informations à confirmer, puis retirez la ligne « exemple: true »."


def example_entries(content_dir: Path, files: tuple[str, ...]) -> list[Problem]:
    """Each entry of `files` (in `content_dir`) marked `exemple: true`, in file then line order."""
    found: list[Problem] = []
    for name in files:
        path = content_dir / name
        if not path.is_file():
            continue
        root = compose_file(Reader(path))
        if root is not None:
            found.extend(Problem(path, line, f"{where} : {MESSAGE}") for line, where in _walk(root, ""))
    return found


def _walk(node: Node, where: str) -> list[tuple[int, str]]:
    found: list[tuple[int, str]] = []
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            key = str(key_node.value) if isinstance(key_node, ScalarNode) else ""
            if key == EXAMPLE_KEY and _is_true(value_node):
                found.append((line_of(key_node), where or key))
            elif key:
                found.extend(_walk(value_node, join(where, key)))
    elif isinstance(node, SequenceNode):
        for index, item in enumerate(node.value, 1):
            found.extend(_walk(item, f"{where}[{index}]{_label(item)}"))
    return found


def _is_true(node: Node) -> bool:
    if not isinstance(node, ScalarNode):
        return False
    try:
        return parse_flag(str(node.value))
    except BadValue:
        return False


def _label(node: Node) -> str:
    if isinstance(node, MappingNode):
        for key_node, value_node in node.value:
            if getattr(key_node, "value", None) in LABEL_KEYS and isinstance(value_node, ScalarNode):
                return f" ({value_node.value})"
    return ""
