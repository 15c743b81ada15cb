"""What is wrong in `content/`: one `Problem` per mistake, with its file and line.

Messages are written in French for city staff; `Problem.render()` gives the `file:line: message`
form printed by `mairie validate` and `mairie build`.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


def display_path(path: Path) -> str:
    """`path` relative to the current directory when it is inside it, else as given (a file that is a
    symlink keeps its own name: the message is about the name staff see in the folder)."""
    try:
        return str((path.parent.resolve() / path.name).relative_to(Path.cwd().resolve()))
    except (ValueError, OSError):
        return str(path)


@dataclass(frozen=True)
class Problem:
    """One mistake in the catalogue: the file, the 1-based line and a French message."""

    file: Path
    line: int
    message: str

    def render(self) -> str:
        return f"{display_path(self.file)}:{self.line}: {self.message}"

    def __str__(self) -> str:
        return self.render()


class CatalogueError(Exception):
    """Raised by `load_catalogue` when the content is not valid; holds every problem found."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        count = len(self.problems)
        noun = "problème" if count == 1 else "problèmes"
        lines = "\n".join(p.render() for p in self.problems)
        super().__init__(f"{count} {noun} dans le catalogue :\n{lines}")
