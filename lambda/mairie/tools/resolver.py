"""A local utterance resolver that behaves like Alexa's, close enough to test a skill offline.

Given the interaction model (the catalogue-applied `fr-FR.json`), it turns what a resident says into
the request Alexa would send: a LaunchRequest ("ouvre la mairie d'issy"), or an intent with its slots
and entity resolution ("est-ce que la médiathèque est ouverte demain" → `IsOpenIntent`,
`facility` = `mediatheque-centre-ville`, `date` = `2026-11-27`).

How it matches:
- utterances and samples are normalised the same way (see `tools.text`);
- a sample matches when its words and slots cover the utterance; every way of filling the slots is
  tried: custom slot values go through entity resolution (values and synonyms → id), AMAZON.NUMBER
  and AMAZON.DATE must read as a number or a date (see `tools.numbers`, `tools.spoken_dates`);
- the best match wins: all custom slots resolved first, then the fewest words captured by slots,
  then samples without slots; nothing matches → `AMAZON.FallbackIntent`;
- built-in intents also match the phrases Alexa knows in French (see `tools.builtin_phrases`).

Alexa's language understanding is statistical: it also understands a request said with words that
carry no meaning ("euh", "s'il vous plaît", "dis-moi", "bonjour") or without a small word of the
sample ("passeport enfant" for "{document} pour {person}"). When no sample matches word for word,
the resolver tries again like that (`tools.fillers`), in this order, the first pass that finds a
match deciding:
1. word for word, every custom slot resolved;
2. without the fillers, the small words of the samples optional, every custom slot resolved;
3. word for word (without greetings and thanks), now accepting one slot value Alexa could not
   resolve (ER_SUCCESS_NO_MATCH), and only with at least `MIN_LITERALS_FOR_UNKNOWN_VALUE` words
   around it, two of them meaningful ("est-ce que {facility} est ouverte", not "c'est quoi
   {facility}"), and only if no known value hides inside it ("samedi la mairie"): Alexa does not
   turn any sentence into a custom slot;
4. the intent of the most similar sample (`tools.similarity`), as a statistical model would.

With tens of thousands of samples (expanded from `phrases/`), samples are indexed by their rarest
meaningful word and their regular expressions compiled on first use: an utterance is compared only
with the samples whose words it contains.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

from mairie.catalogue.slots import CITY_NAME
from mairie.tools.builtin_phrases import ASK_VERBS, BUILTIN_PHRASES, CONNECTORS, LAUNCH_VERBS, SUFFIX_LINKS
from mairie.tools.fillers import FUNCTION_WORDS, strip_fillers
from mairie.tools.grammar import Grammar
from mairie.tools.numbers import parse_number
from mairie.tools.resolution import FALLBACK_INTENT, MatchStatus, Resolution, ResolvedSlot, ResolvedValue
from mairie.tools.similarity import SampleSimilarity
from mairie.tools.spoken_dates import parse_date
from mairie.tools.text import Tokens, normalise, singular, tokenize, without_determiners

__all__ = ["Resolution", "ResolvedSlot", "ResolvedValue", "Resolver", "language_model"]

_SLOT = re.compile(r"\{(\w+)\}")
MIN_LITERALS_FOR_UNKNOWN_VALUE = 3
"""A sample with fewer words ("{document}", "joue {episode}") only matches known slot values."""
MIN_MEANINGFUL_WORDS_FOR_UNKNOWN_VALUE = 1
VAGUE_WORDS = frozenset(
    {"le", "les", "un", "une", "de", "a", "en", "pour", "sur", "avec", "dans", "par", "mon", "ma", "mes", "son"}
    | {"sa", "ce", "est", "que", "qui", "quoi", "quel", "quelle", "il", "elle", "y", "ca", "cela", "se", "je", "tu"}
)
"""Words around an unknown value that say nothing of the request: « c'est quoi {x} » could be
anything, « est-ce que {x} est ouverte » is about opening hours."""
MAX_UNKNOWN_VALUE_WORDS = 6
"""An unresolved slot value longer than this is a sentence, not a name."""
_PASSES = ((False, False), (True, False), (False, True))
"""(relaxed, unresolved value accepted), in the order tried."""

Norms = tuple[str, ...]


def language_model(model: Mapping[str, Any]) -> Mapping[str, Any]:
    """The `languageModel` part of an interaction model (accepts the whole file or that part)."""
    inner = model.get("interactionModel", model)
    language: Mapping[str, Any] = inner.get("languageModel", inner)
    return language


@dataclass(frozen=True)
class _Slot:
    name: str


_Element = str | _Slot


class _Sample:
    """One sample: its words and slots, compiled into regular expressions on first use."""

    __slots__ = ("_regex", "_relaxed", "content", "elements", "intent", "literal_count", "literals", "order", "text")

    def __init__(self, intent: str, text: str, order: int) -> None:
        elements: list[_Element] = []
        for index, piece in enumerate(_SLOT.split(text)):
            if index % 2:
                elements.append(_Slot(piece))
            else:
                elements.extend(_norms(piece))
        words = [e for e in elements if isinstance(e, str)]
        self.intent = intent
        self.text = text
        self.order = order
        self.elements = tuple(elements)
        self.literal_count = len(words)
        self.literals = frozenset(words)
        self.content = frozenset(w for w in words if w not in FUNCTION_WORDS)
        """The words a resident cannot leave out."""
        self._regex: re.Pattern[str] | None = None
        self._relaxed: re.Pattern[str] | None = None

    @property
    def has_slots(self) -> bool:
        return self.literal_count < len(self.elements)

    def matches(self, spaced: str, relaxed: bool) -> bool:
        """A quick test before the slots are placed (`spaced`: the tokens, each followed by a space)."""
        if relaxed:
            if self._relaxed is None:
                self._relaxed = _pattern(self.elements, FUNCTION_WORDS)
            return self._relaxed.match(spaced) is not None
        if self._regex is None:
            self._regex = _pattern(self.elements, frozenset())
        return self._regex.match(spaced) is not None


@lru_cache(maxsize=65536)
def _norms(piece: str) -> Norms:
    """The normalised words of a piece of sample (samples share most of their pieces)."""
    return tokenize(piece).norms


def _pattern(elements: Sequence[_Element], optional: frozenset[str]) -> re.Pattern[str]:
    pieces: list[str] = []
    for element in elements:
        if isinstance(element, _Slot):
            pieces.append("(?:.+? )")
        elif element in optional:
            pieces.append(f"(?:{re.escape(element)} )?")
        else:
            pieces.append(f"{re.escape(element)} ")
    return re.compile("".join(pieces) + "$")


class _SlotTypeIndex:
    """Entity resolution for one custom slot type: spoken forms → values (id, canonical name)."""

    def __init__(self, values: Sequence[Mapping[str, Any]]) -> None:
        self.exact: dict[Norms, list[ResolvedValue]] = {}
        self.loose: dict[Norms, list[ResolvedValue]] = {}
        for entry in values:
            name = entry.get("name", {})
            canonical = str(name.get("value", ""))
            value = ResolvedValue(id=entry.get("id"), name=canonical)
            for phrase in [canonical, *name.get("synonyms", [])]:
                norms = tokenize(str(phrase)).norms
                if not norms:
                    continue
                self._add(self.exact, norms, value)
                self._add(self.loose, singular(without_determiners(norms)), value)

    @staticmethod
    def _add(index: dict[Norms, list[ResolvedValue]], key: Norms, value: ResolvedValue) -> None:
        known = index.setdefault(key, [])
        if value not in known:
            known.append(value)

    def contains_value(self, norms: Norms) -> bool:
        """Whether some shorter run of `norms` is a value ("samedi la mairie" holds "la mairie"): then
        the whole is not an unknown value but a known one with other words around it."""
        size = len(norms)
        return any(
            self.lookup(norms[start:end])
            for start in range(size)
            for end in range(start + 1, size + 1)
            if (end - start < size) and not (end - start == 1 and norms[start] in FUNCTION_WORDS)
        )

    def lookup(self, norms: Norms) -> tuple[ResolvedValue, ...]:
        found = self.exact.get(norms) or self.loose.get(singular(without_determiners(norms)))
        return tuple(found or ())


@dataclass(frozen=True)
class _Match:
    score: tuple[int, int, int, int, int]
    """(unresolved slots, small words skipped or misaligned, words in slots, has slots, sample order):
    lower is better."""
    resolution: Resolution


class Resolver:
    """Resolves French utterances against one interaction model."""

    def __init__(self, model: Mapping[str, Any], grammar: Grammar | None = None) -> None:
        """`grammar`: the templates the model's samples were drawn from (`tools.grammar`); the intents
        it covers are matched against it rather than against their samples."""
        language = language_model(model)
        self._grammar = grammar
        covered = grammar.intents if grammar is not None else frozenset()
        self.invocation_name = str(language.get("invocationName", ""))
        self._invocation: Norms = tokenize(self.invocation_name).norms
        self._types = {str(t["name"]): _SlotTypeIndex(t.get("values", [])) for t in language.get("types", [])}
        self._intent_slots: dict[str, dict[str, str]] = {}
        texts: dict[str, list[str]] = {}
        for intent in language.get("intents", []):
            name = str(intent["name"])
            self._intent_slots[name] = {str(s["name"]): str(s["type"]) for s in intent.get("slots", [])}
            texts[name] = [] if name in covered else [str(s) for s in intent.get("samples", [])]
        for name, phrases in BUILTIN_PHRASES.items():
            texts.setdefault(name, [])
            texts[name] = [*texts[name], *(p for p in phrases if p not in texts[name])]
            self._intent_slots.setdefault(name, {})
        self._training = [
            (str(i["name"]), str(text), self._intent_slots[str(i["name"])])
            for i in language.get("intents", [])
            for text in i.get("samples", [])
        ] + [(name, phrase, {}) for name, phrases in BUILTIN_PHRASES.items() for phrase in phrases]
        self._similarity: SampleSimilarity | None = None
        samples = [_Sample(name, text, 0) for name, phrases in texts.items() for text in phrases]
        for order, sample in enumerate(samples):
            sample.order = order
        self._index, self._unindexed = _index(samples)
        self._slot_samples: dict[tuple[str, str], list[_Sample]] = {}
        order = len(samples)
        for intent in language.get("intents", []):
            for slot in intent.get("slots", []):
                key = (str(intent["name"]), str(slot["name"]))
                if grammar is not None and key in grammar.slots:
                    continue
                for text in slot.get("samples", []):
                    self._slot_samples.setdefault(key, []).append(_Sample(key[0], str(text), order))
                    order += 1
        dialog = model.get("interactionModel", model).get("dialog") or {}
        # intents of the dialog model: Alexa sends their requests with a `dialogState`
        self.dialog_intents = frozenset(str(i["name"]) for i in dialog.get("intents", []))
        self._slot_types = {name: kind for slots in self._intent_slots.values() for name, kind in slots.items()}
        self._order_offset = order

    @classmethod
    def from_file(cls, path: Path, grammar: Grammar | None = None) -> Resolver:
        return cls(json.loads(path.read_text(encoding="utf-8")), grammar)

    @property
    def intents(self) -> tuple[str, ...]:
        return tuple(self._intent_slots)

    def slots_of(self, intent: str) -> dict[str, str]:
        """Slot name → slot type, for an intent of the model."""
        return dict(self._intent_slots.get(intent, {}))

    # -- utterances ------------------------------------------------------------------------------

    def resolve(self, text: str, today: date) -> Resolution:
        """What Alexa would send for `text` said to this skill (`today`: the city's date)."""
        tokens = tokenize(text)
        if tokens.norms[:1] == ("alexa",):
            tokens = tokens.drop_first(1)
        rest = self._invocation_split(tokens)
        if rest is None:
            return self.resolve_tokens(tokens, today)
        if not rest:
            return Resolution(kind="launch", intent=None)
        best = self._best(rest, today)
        if rest.norms[0] in _CONNECTOR_NORMS and len(rest) > 1:
            without = self._best(rest.drop_first(1), today)
            if without is not None and (best is None or without.score < best.score):
                best = without
        if best is None:  # "… aller à la mairie d'issy" may name a facility, not the skill
            whole = self._best(tokens, today)
            if whole is not None:
                return whole.resolution
        resolution = best.resolution if best else self._fallback()
        return Resolution(resolution.kind, resolution.intent, resolution.slots, resolution.sample, one_shot=True)

    def resolve_elicited(
        self, text: str, intent: str, slot: str, known: Mapping[str, str | None], today: date
    ) -> Resolution | None:
        """The answer to a `Dialog.ElicitSlot` question, like Alexa: `text` is read against the slot's
        samples (`intents[].slots[].samples`); on a match, the intent comes back with the slots already
        known (`known`: the directive's `updatedIntent`, name → value) and the elicited one filled.
        None when `text` does not fit the slot (Alexa then resolves it as any other utterance)."""
        tokens = tokenize(text)
        if tokens.norms[:1] == ("alexa",):
            tokens = tokens.drop_first(1)
        samples = self._slot_samples.get((intent, slot), [])
        best = self._best(tokens, today, samples, question=(intent, slot))
        if best is None or best.resolution.slots.get(slot, ResolvedSlot(slot, "")).value is None:
            return None
        slots = self._empty_slots(intent)
        for name, value in known.items():
            if name in slots and value:
                said = tokenize(value)
                filled = self._fill(name, slots[name].slot_type, said, 0, len(said.norms), today)
                slots[name] = filled or ResolvedSlot(name, slots[name].slot_type, value)
        slots.update(best.resolution.filled)
        return Resolution(kind="intent", intent=intent, slots=slots, sample=best.resolution.sample)

    def resolve_tokens(self, tokens: Tokens, today: date) -> Resolution:
        best = self._best(tokens, today)
        return best.resolution if best else self._fallback()

    def _fallback(self) -> Resolution:
        return Resolution(kind="intent", intent=FALLBACK_INTENT, slots=self._empty_slots(FALLBACK_INTENT))

    def _empty_slots(self, intent: str) -> dict[str, ResolvedSlot]:
        return {name: ResolvedSlot(name, slot_type) for name, slot_type in self._intent_slots.get(intent, {}).items()}

    def _invocation_split(self, tokens: Tokens) -> Tokens | None:
        """The request said with the invocation name (empty for a plain launch), or None."""
        norms, inv = tokens.norms, self._invocation
        if not inv:
            return None
        for verb in _LAUNCH_NORMS:
            head = verb + inv
            if norms == head:
                return tokens.slice(0, 0)
            if norms[: len(head)] == head and len(norms) > len(head) + 1 and norms[len(head)] in ("et", "pour"):
                return tokens.drop_first(len(head) + 1)
        for verb in _ASK_NORMS:
            head = verb + inv
            if norms[: len(head)] == head:
                return tokens.drop_first(len(head))
        for link in _SUFFIX_NORMS:
            tail = link + inv
            if len(norms) > len(tail) and norms[-len(tail) :] == tail:
                return tokens.slice(0, len(norms) - len(tail))
        return None

    # -- matching --------------------------------------------------------------------------------

    def _best(
        self,
        tokens: Tokens,
        today: date,
        samples: Sequence[_Sample] | None = None,
        question: tuple[str, str] | None = None,
    ) -> _Match | None:
        """The best reading of `tokens` (`samples` and `question`: only the answers to that slot question)."""
        if not tokens.norms:
            return None
        stripped = strip_fillers(tokens)
        for relaxed, unresolved in _PASSES:
            # an unknown value is read from the request without its greetings and thanks
            candidates = stripped[:1] if unresolved else stripped if relaxed else [tokens]
            for said in candidates:
                best = self._search(said, today, samples, relaxed, unresolved)
                from_grammar = self._search_grammar(said, today, relaxed, unresolved, question)
                if from_grammar is not None and (best is None or from_grammar.score < best.score):
                    best = from_grammar
                if best is not None:
                    return best
        if question is None:
            return self._most_similar(stripped[-1], today)
        return None

    def _most_similar(self, tokens: Tokens, today: date) -> _Match | None:
        """The last pass: the intent of the most similar sample (see `tools.similarity`)."""
        if self._similarity is None:
            self._similarity = SampleSimilarity(self._training)
        types = sorted({kind for slots in self._intent_slots.values() for kind in slots.values()})

        def span_types(start: int, end: int) -> frozenset[str]:
            norms = tokens.norms[start:end]
            found = set()
            for kind in types:
                if kind == "AMAZON.NUMBER":
                    if parse_number(norms) is not None:
                        found.add(kind)
                elif kind == "AMAZON.DATE":
                    if parse_date(norms, today) is not None:
                        found.add(kind)
                elif (index := self._types.get(kind)) is not None and index.lookup(norms):
                    found.add(kind)
            return frozenset(found)

        similar = self._similarity.nearest(tokens.norms, span_types)
        if similar is None:
            return None
        slots = self._empty_slots(similar.intent)
        used: set[int] = set()
        declared = self._intent_slots.get(similar.intent, {})
        in_sample = [name for name in _SLOT.findall(similar.sample) if name in declared]
        ordered = [*in_sample, *(name for name in declared if name not in in_sample)]  # the sample's slots first
        for name, kind in ((name, declared[name]) for name in ordered):
            for number, (start, end, kinds) in enumerate(similar.spans):
                if number not in used and kind in kinds:
                    filled = self._fill(name, kind, tokens, start, end, today)
                    if filled is not None:
                        slots[name] = filled
                        used.add(number)
                        break
        resolution = Resolution(kind="intent", intent=similar.intent, slots=slots, sample=similar.sample)
        return _Match((0, 0, 0, 0, 0), resolution)

    def _search(
        self, tokens: Tokens, today: date, samples: Sequence[_Sample] | None, relaxed: bool, unresolved: bool
    ) -> _Match | None:
        norms = tokens.norms
        said = frozenset(norms)
        spaced = "".join(f"{norm} " for norm in norms)
        best: _Match | None = None
        for sample in self._candidates(said) if samples is None else samples:
            if not (sample.content if relaxed else sample.literals) <= said or not sample.matches(spaced, relaxed):
                continue
            for assignment, skipped in _assignments(sample.elements, norms, 0, 0, relaxed):
                order = (sample.order, int(sample.has_slots))
                match = self._evaluate(
                    sample.intent, sample.text, order, tokens, assignment, skipped, today, unresolved
                )
                if match is not None and (best is None or match.score < best.score):
                    best = match
        return best

    def _search_grammar(
        self, tokens: Tokens, today: date, relaxed: bool, unresolved: bool, question: tuple[str, str] | None
    ) -> _Match | None:
        if self._grammar is None:
            return None
        spans: dict[tuple[str, int, int], bool] = {}

        def span_ok(name: str, start: int, end: int) -> bool:
            key = (name, start, end)
            if key not in spans:
                spans[key] = self._plausible(name, tokens, start, end, today, unresolved)
            return spans[key]

        best: _Match | None = None
        starts = [token.part == 0 for token in tokens.tokens]
        for line, path, skipped in self._grammar.match(tokens.norms, span_ok, relaxed, question, starts):
            order = (self._order_offset + line.order, int(bool(path)))
            match = self._evaluate(line.intent, line.text, order, tokens, list(path), skipped, today, unresolved)
            if match is not None and (best is None or match.score < best.score):
                best = match
        return best

    def _plausible(self, name: str, tokens: Tokens, start: int, end: int, today: date, unresolved: bool) -> bool:
        """Whether words [start, end) can fill slot `name`: a value of its type, a number, a date (or,
        when unresolved values are accepted, a few words)."""
        slot_type = self._slot_types.get(name)
        if slot_type is None:
            return False
        norms = tokens.norms[start:end]
        if slot_type == "AMAZON.NUMBER":
            return parse_number(norms) is not None
        if slot_type == "AMAZON.DATE":
            return parse_date(norms, today) is not None
        index = self._types.get(slot_type)
        if index is None:
            return True
        if index.lookup(norms):
            return True
        return unresolved and end - start <= MAX_UNKNOWN_VALUE_WORDS and not index.contains_value(norms)

    def _hides_a_value(self, declared: Mapping[str, str], norms: Norms) -> bool:
        """Whether an unknown value holds known words: a value of one of the intent's slot types with
        other words around it ("samedi la mairie", "volé pendant les vacances"), a value of any other
        type ("le photographe raymond depardon" is no magazine), or a number ("épisode 2"). Then it is
        no unknown name but words the resident meant otherwise."""
        own = set(declared.values())
        for slot_type, index in self._types.items():
            if slot_type in own:
                if index.contains_value(norms):
                    return True
            elif slot_type != CITY_NAME and (index.contains_value(norms) or index.lookup(norms)):
                return True  # the city's name is part of many local names ("issy se réinvente")
        return any(parse_number((norm,)) is not None for norm in norms)

    def _candidates(self, said: frozenset[str]) -> Iterator[_Sample]:
        """The samples whose rarest meaningful word was said, and those without any."""
        for norm in said:
            yield from self._index.get(norm, ())
        yield from self._unindexed

    def _evaluate(
        self,
        intent: str,
        text: str,
        order: tuple[int, int],
        tokens: Tokens,
        assignment: list[tuple[str, int, int]],
        skipped: int,
        today: date,
        accept_unresolved: bool,
    ) -> _Match | None:
        slots = self._empty_slots(intent)
        declared = self._intent_slots.get(intent, {})
        unresolved = 0
        captured = 0
        outside = set(range(len(tokens.norms)))
        for name, start, end in assignment:
            slot_type = declared.get(name)
            if slot_type is None:
                return None
            slot = self._fill(name, slot_type, tokens, start, end, today)
            if slot is None:
                return None
            if slot.status == "ER_SUCCESS_NO_MATCH":
                unresolved += 1
                if end - start > MAX_UNKNOWN_VALUE_WORDS or self._hides_a_value(declared, tokens.norms[start:end]):
                    return None
            captured += end - start
            outside -= set(range(start, end))
            slots[name] = slot
        if unresolved:
            words = [tokens.norms[i] for i in outside]
            meaningful = [w for w in words if w not in VAGUE_WORDS]
            if (
                not accept_unresolved
                or unresolved > 1
                or len(words) < MIN_LITERALS_FOR_UNKNOWN_VALUE
                or len(meaningful) < MIN_MEANINGFUL_WORDS_FOR_UNKNOWN_VALUE
            ):
                return None
        resolution = Resolution(kind="intent", intent=intent, slots=slots, sample=text)
        sample_order, has_slots = order
        return _Match((unresolved, skipped, captured, has_slots, sample_order), resolution)

    def _fill(
        self, name: str, slot_type: str, tokens: Tokens, start: int, end: int, today: date
    ) -> ResolvedSlot | None:
        norms = tokens.norms[start:end]
        if slot_type == "AMAZON.NUMBER":
            number = parse_number(norms)
            return None if number is None else ResolvedSlot(name, slot_type, str(number))
        if slot_type == "AMAZON.DATE":
            day = parse_date(norms, today)
            return None if day is None else ResolvedSlot(name, slot_type, day)
        said = tokens.surface(start, end)
        index = self._types.get(slot_type)
        if index is None:  # another built-in type: the words as said
            return ResolvedSlot(name, slot_type, said)
        values = index.lookup(norms)
        status: MatchStatus = "ER_SUCCESS_MATCH" if values else "ER_SUCCESS_NO_MATCH"
        return ResolvedSlot(name, slot_type, said, status, values)


def _assignments(
    elements: Sequence[_Element], norms: Sequence[str], element: int, position: int, relaxed: bool
) -> Iterator[tuple[list[tuple[str, int, int]], int]]:
    """Every way the sample's elements cover `norms` exactly: `([(slot, start, end), ...], skipped)`;
    `relaxed`: a small word of the sample may be missing (`skipped` counts them)."""
    if element == len(elements):
        if position == len(norms):
            yield [], 0
        return
    current = elements[element]
    if isinstance(current, str):
        if position < len(norms) and norms[position] == current:
            yield from _assignments(elements, norms, element + 1, position + 1, relaxed)
        if relaxed and current in FUNCTION_WORDS:
            for rest, skipped in _assignments(elements, norms, element + 1, position, relaxed):
                yield rest, skipped + 1
        return
    remaining = sum(1 for e in elements[element + 1 :] if not (relaxed and e in FUNCTION_WORDS))
    for end in range(position + 1, len(norms) - remaining + 1):
        for rest, skipped in _assignments(elements, norms, element + 1, end, relaxed):
            yield [(current.name, position, end), *rest], skipped


def _index(samples: Sequence[_Sample]) -> tuple[dict[str, list[_Sample]], list[_Sample]]:
    """Samples by their rarest meaningful word; those without one apart (they are always tried)."""
    counts = Counter(word for sample in samples for word in sample.content)
    index: dict[str, list[_Sample]] = {}
    unindexed: list[_Sample] = []
    for sample in samples:
        if sample.content:
            rarest = min(sample.content, key=lambda word: (counts[word], word))
            index.setdefault(rarest, []).append(sample)
        else:
            unindexed.append(sample)
    return index, unindexed


def _norms_of(phrases: Sequence[str]) -> tuple[Norms, ...]:
    return tuple(tokenize(p).norms for p in phrases)


_LAUNCH_NORMS = _norms_of(LAUNCH_VERBS)
_ASK_NORMS = _norms_of(ASK_VERBS)
_SUFFIX_NORMS = _norms_of(SUFFIX_LINKS)
_CONNECTOR_NORMS = frozenset(normalise(c) for c in CONNECTORS)
