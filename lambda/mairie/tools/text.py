"""Normalising spoken French for matching: what the local resolver compares.

Both sample utterances and what a resident typed go through the same steps, so that small
spelling differences do not matter, as they do not for Alexa's speech recognition:

- lower case, accents removed, punctuation dropped, apostrophes and hyphens split words;
- a leading "alexa" is not part of the utterance;
- French elision and contractions are undone: "d'" → "de", "l'" and "la" → "le", "qu'" → "que",
  "du" → "de le", "au" → "a le", "des" → "de les", "aux" → "a les".

Each normalised token remembers the word it came from, so that a slot value can be given back
as the resident said it ("l'hôtel de ville", not "le hotel de ville").
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

APOSTROPHES = str.maketrans({"’": "'", "ʼ": "'", "‘": "'", "`": "'", "´": "'"})
_WORD = re.compile(r"[^\W_]+")

CLITICS: dict[str, str] = {
    "l": "le",
    "d": "de",
    "j": "je",
    "m": "me",
    "t": "te",
    "n": "ne",
    "s": "se",
    "c": "ce",
    "qu": "que",
    "jusqu": "jusque",
    "lorsqu": "lorsque",
    "puisqu": "puisque",
}
"""Elided words, written with an apostrophe ("l'", "qu'"), and their full form."""

LOOSE_CLITICS = frozenset({"l", "d", "j", "qu", "jusqu"})
"""Elided words also recognised when typed without their apostrophe ("la mairie d issy")."""

EXPANSIONS: dict[str, tuple[str, ...]] = {
    "la": ("le",),
    "du": ("de", "le"),
    "au": ("a", "le"),
    "des": ("de", "les"),
    "aux": ("a", "les"),
}
"""Words matched as other words (after accents are removed): articles merge, contractions split."""


def strip_accents(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("œ", "oe").replace("æ", "ae")


@dataclass(frozen=True)
class Word:
    """A word as written (lower case, accents kept) and what separated it from the next one."""

    text: str
    sep: str
    """"'" (elision), "-" (hyphen), " " (anything else) or "" (last word)."""


@dataclass(frozen=True)
class Token:
    norm: str
    word: int
    """Index of the word it comes from."""
    part: int
    """Position within the word's expansion ("du" → "de" is part 0, "le" is part 1)."""
    parts: int


@dataclass(frozen=True)
class Tokens:
    words: tuple[Word, ...]
    tokens: tuple[Token, ...]

    @property
    def norms(self) -> tuple[str, ...]:
        return tuple(t.norm for t in self.tokens)

    def __len__(self) -> int:
        return len(self.tokens)

    def drop_first(self, count: int) -> Tokens:
        return Tokens(self.words, self.tokens[count:])

    def slice(self, start: int, end: int) -> Tokens:
        return Tokens(self.words, self.tokens[start:end])

    def surface(self, start: int, end: int) -> str:
        """The words behind tokens `[start, end)`, as written, with their apostrophes and hyphens."""
        if start >= end:
            return ""
        first, last = self.tokens[start], self.tokens[end - 1]
        first_word = first.word if first.part == 0 else first.word + 1
        last_word = last.word if last.part == last.parts - 1 else last.word - 1
        if first_word > last_word:
            return " ".join(t.norm for t in self.tokens[start:end])
        pieces: list[str] = []
        for index in range(first_word, last_word + 1):
            word = self.words[index]
            pieces.append(word.text)
            if index < last_word:
                pieces.append(word.sep or " ")
        return "".join(pieces)


def _split_words(text: str) -> list[Word]:
    text = text.lower().translate(APOSTROPHES)
    matches = list(_WORD.finditer(text))
    words: list[Word] = []
    pending = ""
    for index, match in enumerate(matches):
        after = text[match.end() : match.end() + 1]
        joined_to_next = index + 1 < len(matches) and matches[index + 1].start() == match.end() + 1
        word = pending + match.group()
        if after == "'" and joined_to_next and strip_accents(match.group()) not in CLITICS:
            pending = word + "'"  # "aujourd'hui", "presqu'île": one word
            continue
        pending = ""
        sep = after if after in ("'", "-") and joined_to_next else " "
        words.append(Word(word, sep if index + 1 < len(matches) else ""))
    return words


def _normalise_word(word: Word) -> tuple[str, ...]:
    plain = strip_accents(word.text).replace("'", "")
    if plain in CLITICS and (word.sep == "'" or plain in LOOSE_CLITICS):
        return (CLITICS[plain],)
    return EXPANSIONS.get(plain, (plain,))


def tokenize(text: str) -> Tokens:
    """Words and normalised tokens of a phrase."""
    words = _split_words(text)
    tokens: list[Token] = []
    for index, word in enumerate(words):
        norms = _normalise_word(word)
        tokens.extend(Token(norm, index, part, len(norms)) for part, norm in enumerate(norms))
    return Tokens(tuple(words), tuple(tokens))


def normalise(text: str) -> str:
    """The normalised form of a phrase, tokens joined by single spaces."""
    return " ".join(tokenize(text).norms)


DETERMINERS = frozenset(
    {
        "le",
        "les",
        "un",
        "une",
        "de",
        "a",
        "mon",
        "ma",
        "mes",
        "ton",
        "ta",
        "tes",
        "son",
        "sa",
        "ses",
        "notre",
        "nos",
        "votre",
        "vos",
        "ce",
        "cet",
        "cette",
        "ces",
    }
)


def without_determiners(norms: tuple[str, ...]) -> tuple[str, ...]:
    """`("de", "le", "piscine")` → `("piscine",)`; never returns an empty tuple."""
    start = 0
    while start < len(norms) - 1 and norms[start] in DETERMINERS:
        start += 1
    return norms[start:]


def singular(norms: tuple[str, ...]) -> tuple[str, ...]:
    """A rough singular: a final "s" or "x" dropped from each word of more than three letters."""
    return tuple(n[:-1] if len(n) > 3 and n[-1] in "sx" else n for n in norms)
