"""French numbers as Alexa's AMAZON.NUMBER understands them: "vingt et un" → 21, "12" → 12.

Works on normalised tokens (see `tools.text`): lower case, no accents, hyphens already split
("quatre-vingt-dix" → "quatre", "vingt", "dix").
"""

from __future__ import annotations

from collections.abc import Sequence

UNITS = {
    "zero": 0,
    "un": 1,
    "une": 1,
    "deux": 2,
    "trois": 3,
    "quatre": 4,
    "cinq": 5,
    "six": 6,
    "sept": 7,
    "huit": 8,
    "neuf": 9,
}
TEENS = {"dix": 10, "onze": 11, "douze": 12, "treize": 13, "quatorze": 14, "quinze": 15, "seize": 16}
TENS = {
    "vingt": 20,
    "trente": 30,
    "quarante": 40,
    "cinquante": 50,
    "soixante": 60,
    "septante": 70,
    "huitante": 80,
    "octante": 80,
    "nonante": 90,
}
HUNDRED = ("cent", "cents")
THOUSAND = ("mille",)


class _Reader:
    def __init__(self, tokens: Sequence[str]) -> None:
        self.tokens = tokens
        self.index = 0

    def peek(self, ahead: int = 0) -> str | None:
        position = self.index + ahead
        return self.tokens[position] if position < len(self.tokens) else None

    def take(self, *words: str) -> bool:
        if self.peek() in words:
            self.index += 1
            return True
        return False

    @property
    def done(self) -> bool:
        return self.index >= len(self.tokens)


def _under_twenty(reader: _Reader) -> int | None:
    word = reader.peek()
    if word is None:
        return None
    if word == "dix" and reader.peek(1) in ("sept", "huit", "neuf"):
        reader.index += 2
        return 10 + UNITS[reader.tokens[reader.index - 1]]
    if word in TEENS:
        reader.index += 1
        return TEENS[word]
    if word in UNITS and UNITS[word] > 0:
        reader.index += 1
        return UNITS[word]
    return None


def _under_hundred(reader: _Reader) -> int | None:
    word = reader.peek()
    if word == "quatre" and reader.peek(1) in ("vingt", "vingts"):
        reader.index += 2
        return 80 + (_under_twenty(reader) or 0)
    if word in TENS:
        reader.index += 1
        base = TENS[word]
        had_et = reader.take("et")
        if base == 60:
            rest = _under_twenty(reader)
        else:
            start = reader.index
            rest = _under_twenty(reader)
            if rest is not None and rest > 9:
                reader.index = start
                rest = None
        if had_et and rest not in (1, 11):
            return None
        return base + (rest or 0)
    return _under_twenty(reader)


def _under_thousand(reader: _Reader) -> int | None:
    start = reader.index
    count = _under_twenty(reader)
    if reader.take(*HUNDRED):
        if count is not None and count < 2:
            return None
        return (count or 1) * 100 + (_under_hundred(reader) or 0)
    if count is not None:
        reader.index = start
    return _under_hundred(reader)


def parse_number(tokens: Sequence[str]) -> int | None:
    """The number spoken in `tokens` (all of them), or None."""
    if not tokens:
        return None
    if len(tokens) == 1 and tokens[0].isdigit():
        return int(tokens[0])
    if tuple(tokens) == ("zero",):
        return 0
    reader = _Reader(tokens)
    thousands: int | None = None
    start = reader.index
    head = _under_thousand(reader)
    if reader.take(*THOUSAND):
        thousands = head if head is not None else 1
        if thousands < 2 and head is not None:
            return None
        head = _under_thousand(reader)
    elif head is None:
        reader.index = start
    if not reader.done or (head is None and thousands is None):
        return None
    return (thousands or 0) * 1000 + (head or 0)
