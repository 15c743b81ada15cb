"""The last resort of the local resolver: the sample most like the utterance, as a statistical
language understanding would find it.

Alexa does not compare an utterance with the samples word for word: a model trained on the samples
recognises the names it knows (slot values), then the intent whose samples the rest of the sentence
resembles most. When neither the samples nor the templates match (`tools.resolver`), this module
does the same, simply and measurably:

1. every span of words that is a known slot value (a facility, a document, a date, a number…) is
   recognised, the longest first, and stands for its slot type (`§FACILITY`);
2. the utterance, so abstracted, is compared with every sample of the model (the samples Alexa is
   trained on), each word weighted by how rare it is among the samples (inverse document frequency):
   the similarity is the weighted share of words they have in common (weighted Jaccard index);
3. the most similar sample wins if the similarity reaches `THRESHOLD`, if the sentence and the
   sample share at least one meaningful word or are both made of slot values only, and if its intent
   can hold one of the names recognised, if any (« appelle ma fille » names a person: no facility);
   otherwise the request is not understood (`AMAZON.FallbackIntent`), as Alexa's fallback would have it.

The threshold was chosen on the project's phrasing corpus so that out-of-scope requests (« mets une
chanson », « quel temps fait-il ») still fall back.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass

from mairie.tools.fillers import FUNCTION_WORDS, HESITATIONS
from mairie.tools.text import tokenize

THRESHOLD = 0.38
"""Weighted share of common words below which the utterance is not understood."""
MAX_SPAN = 8
PLACEHOLDER = "§"
BUILT_IN = "AMAZON."

SpanTypes = Callable[[int, int], frozenset[str]]
"""The slot types words [start, end) can be a value of (empty when none)."""


@dataclass(frozen=True)
class Similar:
    intent: str
    sample: str
    score: float
    spans: tuple[tuple[int, int, frozenset[str]], ...]
    """The slot values recognised in the utterance: (start, end, possible slot types)."""


@dataclass(frozen=True)
class _Entry:
    intent: str
    text: str
    words: frozenset[str]
    weight: float
    types: frozenset[str]
    """The slot types the sample's intent declares."""


class SampleSimilarity:
    """The samples of a model, indexed for `nearest`."""

    def __init__(self, samples: Iterable[tuple[str, str, Mapping[str, str]]]) -> None:
        """`samples`: (intent, sample text, slot name → slot type of the intent)."""
        bags: list[tuple[str, str, frozenset[str]]] = []
        declared: list[frozenset[str]] = []
        for intent, text, slot_types in samples:
            bags.append((intent, text, _sample_words(text, slot_types)))
            declared.append(frozenset(slot_types.values()))
        frequency = Counter(word for _, _, words in bags for word in words)
        total = max(len(bags), 1)
        self._idf = {word: math.log(1 + total / count) for word, count in frequency.items()}
        self._unknown_idf = math.log(1 + total)
        self._entries = [_Entry(i, t, w, self._weight(w), d) for (i, t, w), d in zip(bags, declared, strict=True)]
        self._by_word: dict[str, list[int]] = {}
        for index, entry in enumerate(self._entries):
            for word in entry.words:
                self._by_word.setdefault(word, []).append(index)

    def _weight(self, words: Iterable[str]) -> float:
        return sum(self._idf.get(word, self._unknown_idf) for word in words)

    def nearest(self, norms: Sequence[str], span_types: SpanTypes) -> Similar | None:
        """The most similar sample to `norms` (normalised words), if similar enough."""
        spans = _entities(norms, span_types)
        inside = {i for start, end, _ in spans for i in range(start, end)}
        words = {norm for i, norm in enumerate(norms) if i not in inside and norm not in HESITATIONS}
        for _, _, types in spans:
            words |= {PLACEHOLDER + kind for kind in types}
        if not words:
            return None
        meaningful = {w for w in words if w not in FUNCTION_WORDS and not w.startswith(PLACEHOLDER)}
        names = [types for _, _, types in spans if not any(kind.startswith(BUILT_IN) for kind in types)]
        candidates: set[int] = set()
        for word in words:
            candidates.update(self._by_word.get(word, ()))
        best: tuple[float, _Entry] | None = None
        said_weight = self._weight(words)
        for index in candidates:
            entry = self._entries[index]
            if names and not any(types & entry.types for types in names):
                continue  # names, none of which this intent can hold
            common = words & entry.words
            if meaningful and not common & meaningful:
                continue
            if not meaningful and any(not w.startswith(PLACEHOLDER) and w not in FUNCTION_WORDS for w in entry.words):
                continue
            shared = self._weight(common)
            score = shared / (said_weight + entry.weight - shared)
            if best is None or score > best[0]:
                best = (score, entry)
        if best is None or best[0] < THRESHOLD:
            return None
        return Similar(best[1].intent, best[1].text, best[0], tuple(spans))


def _sample_words(text: str, slot_types: Mapping[str, str]) -> frozenset[str]:
    words: set[str] = set()
    for index, piece in enumerate(text.replace("}", "{").split("{")):
        if index % 2:
            words.add(PLACEHOLDER + slot_types.get(piece, piece))
        else:
            words.update(tokenize(piece).norms)
    return frozenset(words - HESITATIONS)


def _entities(norms: Sequence[str], span_types: SpanTypes) -> list[tuple[int, int, frozenset[str]]]:
    """Known slot values in `norms`, left to right, the longest at each position."""
    spans: list[tuple[int, int, frozenset[str]]] = []
    position = 0
    while position < len(norms):
        for end in range(min(len(norms), position + MAX_SPAN), position, -1):
            if end - position == 1 and norms[position] in FUNCTION_WORDS:
                continue
            types = span_types(position, end)
            if types:
                spans.append((position, end, types))
                position = end
                break
        else:
            position += 1
    return spans
