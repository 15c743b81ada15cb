"""A local utterance resolver that behaves like Alexa's, close enough to test a skill offline.

Given the interaction model (the catalogue-applied `fr-FR.json`), it turns what a resident says into
the request Alexa would send: a LaunchRequest ("ouvre la mairie d'issy"), or an intent with its slots
and entity resolution ("est-ce que la médiathèque est ouverte demain" → `IsOpenIntent`,
`facility` = `mediatheque-centre-ville`, `date` = `2026-11-27`).

How it matches:
- utterances and samples are normalised the same way (see `tools.text`);
- each sample becomes a regular expression, slots becoming lazy groups; every way of filling the slots
  is then tried: custom slot values go through entity resolution (values and synonyms → id),
  AMAZON.NUMBER and AMAZON.DATE must read as a number or a date (see `tools.numbers`,
  `tools.spoken_dates`);
- the best match wins: all custom slots resolved first, then the fewest words captured by slots,
  then samples without slots; nothing matches → `AMAZON.FallbackIntent`;
- built-in intents also match the phrases Alexa knows in French (see `tools.builtin_phrases`).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from mairie.tools.builtin_phrases import ASK_VERBS, BUILTIN_PHRASES, CONNECTORS, LAUNCH_VERBS, SUFFIX_LINKS
from mairie.tools.numbers import parse_number
from mairie.tools.resolution import FALLBACK_INTENT, MatchStatus, Resolution, ResolvedSlot, ResolvedValue
from mairie.tools.spoken_dates import parse_date
from mairie.tools.text import Tokens, normalise, singular, tokenize, without_determiners

__all__ = ["Resolution", "ResolvedSlot", "ResolvedValue", "Resolver", "language_model"]

_SLOT = re.compile(r"\{(\w+)\}")
MIN_LITERALS_FOR_UNKNOWN_VALUE = 2
"""A sample with fewer literal words ("{document}", "joue {episode}") only matches known slot values."""

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


@dataclass(frozen=True)
class _Sample:
    intent: str
    text: str
    elements: tuple[_Element, ...]
    regex: re.Pattern[str]
    literal_count: int
    order: int

    @property
    def has_slots(self) -> bool:
        return self.literal_count < len(self.elements)


def _compile_sample(intent: str, text: str, order: int) -> _Sample:
    elements: list[_Element] = []
    for index, piece in enumerate(_SLOT.split(text)):
        if index % 2:
            elements.append(_Slot(piece))
        else:
            elements.extend(tokenize(piece).norms)
    seen: set[str] = set()
    pieces: list[str] = []
    for element in elements:
        if isinstance(element, str):
            pieces.append(re.escape(element))
        else:  # a slot named twice (a mistake Alexa refuses) still compiles
            pieces.append(f"(?P<{element.name}>.+?)" if element.name not in seen else "(.+?)")
            seen.add(element.name)
    pattern = " ".join(pieces)
    literal_count = sum(1 for e in elements if isinstance(e, str))
    return _Sample(intent, text, tuple(elements), re.compile(f"^{pattern}$"), literal_count, order)


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

    def lookup(self, norms: Norms) -> tuple[ResolvedValue, ...]:
        found = self.exact.get(norms) or self.loose.get(singular(without_determiners(norms)))
        return tuple(found or ())


@dataclass(frozen=True)
class _Match:
    score: tuple[int, int, int, int]
    resolution: Resolution


class Resolver:
    """Resolves French utterances against one interaction model."""

    def __init__(self, model: Mapping[str, Any]) -> None:
        language = language_model(model)
        self.invocation_name = str(language.get("invocationName", ""))
        self._invocation: Norms = tokenize(self.invocation_name).norms
        self._types = {str(t["name"]): _SlotTypeIndex(t.get("values", [])) for t in language.get("types", [])}
        self._intent_slots: dict[str, dict[str, str]] = {}
        texts: dict[str, list[str]] = {}
        for intent in language.get("intents", []):
            name = str(intent["name"])
            self._intent_slots[name] = {str(s["name"]): str(s["type"]) for s in intent.get("slots", [])}
            texts[name] = [str(s) for s in intent.get("samples", [])]
        for name, phrases in BUILTIN_PHRASES.items():
            texts.setdefault(name, [])
            texts[name] = [*texts[name], *(p for p in phrases if p not in texts[name])]
            self._intent_slots.setdefault(name, {})
        self._samples: list[_Sample] = []
        for name, samples in texts.items():
            for text in samples:
                self._samples.append(_compile_sample(name, text, len(self._samples)))
        self._slot_samples: dict[tuple[str, str], list[_Sample]] = {}
        for intent in language.get("intents", []):
            for slot in intent.get("slots", []):
                key = (str(intent["name"]), str(slot["name"]))
                for text in slot.get("samples", []):
                    order = len(self._samples) + sum(len(v) for v in self._slot_samples.values())
                    self._slot_samples.setdefault(key, []).append(_compile_sample(key[0], str(text), order))
        dialog = model.get("interactionModel", model).get("dialog") or {}
        # intents of the dialog model: Alexa sends their requests with a `dialogState`
        self.dialog_intents = frozenset(str(i["name"]) for i in dialog.get("intents", []))

    @classmethod
    def from_file(cls, path: Path) -> Resolver:
        return cls(json.loads(path.read_text(encoding="utf-8")))

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
        best = self._best(tokens, today, samples)
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

    def _best(self, tokens: Tokens, today: date, samples: Sequence[_Sample] | None = None) -> _Match | None:
        norms = tokens.norms
        if not norms:
            return None
        joined = " ".join(norms)
        best: _Match | None = None
        for sample in self._samples if samples is None else samples:
            if not sample.regex.match(joined):
                continue
            for assignment in _assignments(sample.elements, norms, 0, 0):
                match = self._evaluate(sample, tokens, assignment, today)
                if match is not None and (best is None or match.score < best.score):
                    best = match
        return best

    def _evaluate(
        self, sample: _Sample, tokens: Tokens, assignment: list[tuple[str, int, int]], today: date
    ) -> _Match | None:
        slots = self._empty_slots(sample.intent)
        declared = self._intent_slots.get(sample.intent, {})
        unresolved = 0
        captured = 0
        for name, start, end in assignment:
            slot_type = declared.get(name)
            if slot_type is None:
                return None
            slot = self._fill(name, slot_type, tokens, start, end, today)
            if slot is None:
                return None
            if slot.status == "ER_SUCCESS_NO_MATCH":
                unresolved += 1
            captured += end - start
            slots[name] = slot
        if unresolved and sample.literal_count < MIN_LITERALS_FOR_UNKNOWN_VALUE:
            return None
        resolution = Resolution(kind="intent", intent=sample.intent, slots=slots, sample=sample.text)
        return _Match((unresolved, captured, int(sample.has_slots), sample.order), resolution)

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
    elements: Sequence[_Element], norms: Sequence[str], element: int, position: int
) -> Iterator[list[tuple[str, int, int]]]:
    """Every way the sample's elements cover `norms` exactly: `[(slot, start, end), ...]`."""
    if element == len(elements):
        if position == len(norms):
            yield []
        return
    current = elements[element]
    if isinstance(current, str):
        if position < len(norms) and norms[position] == current:
            yield from _assignments(elements, norms, element + 1, position + 1)
        return
    remaining = len(elements) - element - 1
    for end in range(position + 1, len(norms) - remaining + 1):
        for rest in _assignments(elements, norms, element + 1, end):
            yield [(current.name, position, end), *rest]


def _norms_of(phrases: Sequence[str]) -> tuple[Norms, ...]:
    return tuple(tokenize(p).norms for p in phrases)


_LAUNCH_NORMS = _norms_of(LAUNCH_VERBS)
_ASK_NORMS = _norms_of(ASK_VERBS)
_SUFFIX_NORMS = _norms_of(SUFFIX_LINKS)
_CONNECTOR_NORMS = frozenset(normalise(c) for c in CONNECTORS)
