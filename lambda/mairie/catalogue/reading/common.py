"""Checks shared by several files: unique ids, grammatical gender, date spans that must not overlap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from mairie.catalogue.reading.nodes import Fields, Reader
from mairie.catalogue.reading.values import q

GENDERS = {"féminin": True, "masculin": False}


class UniqueIds:
    """Reports an id already used in the same list (or file)."""

    def __init__(self, reader: Reader, what: str = "l'identifiant") -> None:
        self.reader = reader
        self.what = what
        self.lines: dict[str, int] = {}

    def check(self, value: str | None, fields: Fields, key: str = "id") -> None:
        if value is None:
            return
        node = fields.get(key)
        line = fields.line if node is None else node.start_mark.line + 1
        if value in self.lines:
            self.reader.report(
                line,
                fields.at(key),
                f"{self.what} {q(value)} est déjà utilisé à la ligne {self.lines[value]} ; "
                "chaque élément doit avoir le sien.",
            )
        else:
            self.lines[value] = line


def read_gender(fields: Fields, name: str | None) -> bool:
    """`genre` when given, else guessed from the article of `name` ("la …" / "le …")."""
    lowered = (name or "").lower()
    guessed = True if lowered.startswith("la ") else False if lowered.startswith("le ") else None
    if not fields.has("genre"):
        if guessed is None and name:
            fields.reader.report(
                fields.line,
                fields.where,
                f"il manque {q('genre')} ({q('féminin')} ou {q('masculin')}) : il ne peut pas être "
                f"deviné d'après {q(name)}.",
            )
        return bool(guessed)
    feminine = fields.choice("genre", GENDERS)
    if feminine is not None and guessed is not None and feminine != guessed:
        word = "féminin" if feminine else "masculin"
        fields.reader.report(
            fields.get("genre") or fields.line,
            fields.at("genre"),
            f"{q(word)} ne correspond pas à l'article de {q(name)} ; corrigez le genre ou le nom.",
        )
    return feminine if feminine is not None else bool(guessed)


@dataclass(frozen=True)
class Span:
    """Dates covered by one entry, to detect entries that overlap."""

    start: date
    end: date
    line: int
    where: str
    label: str


def check_no_overlap(reader: Reader, spans: list[Span], advice: str) -> None:
    """Report each span that overlaps an earlier one (in date order)."""
    ordered = sorted(spans, key=lambda span: (span.start, span.end, span.line))
    for index, span in enumerate(ordered):
        for earlier in ordered[:index]:
            if earlier.end >= span.start:
                later, first = (span, earlier) if span.line >= earlier.line else (earlier, span)
                reader.report(
                    later.line,
                    later.where,
                    f"les dates chevauchent celles de {first.label} (ligne {first.line}) ; {advice}",
                )
                break
