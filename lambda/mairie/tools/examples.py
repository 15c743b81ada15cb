"""Example phrasings of residents (`phrases/fr-FR/exemples/**/*.yaml`), and what the build learns from them.

The templates describe millions of phrasings and the model holds about twenty thousand (see
`tools.phrases`), so which ones go in matters as much as the templates. Template authors write the
usual words first; what residents actually say is better evidence. Each example phrasing is read
against the template lines of its intent (literally, as Alexa's exact sample matching would), and
from those a line describes the build learns:

- which alternatives residents use: the sampler takes a line's alternatives in that order (the
  most used first, then the author's order), so the phrasings most like what residents say go in;
- which lines residents use: a line's share of the model grows with the example phrasings it describes;
- the phrasings themselves: each one goes into the model as it was said, its slot values replaced
  by their slot ("combien coûte le passeport de ma fille" → "combien coûte {document} de {person}").

A phrasing no line describes teaches nothing: `mairie build --stats` lists them, each one a line to
add. The format is the test corpus's (Home Assistant's intent tests), so phrasings from Alexa's
intent history, from residents' feedback or from a test corpus can be pasted in as they are:

```yaml
language: fr
intent: ProcedureCostIntent
tests:
  - sentences:
      - "combien coûte le passeport de ma fille de 8 ans"
    slots: {document: passeport, person: enfant, age: 8}
```

`slots` names the slots the phrasing fills (their values are not needed): a reading of the phrasing
that leaves one of them out is not the right one.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hassil.expression import Alternative, Expression, Group, ListReference, Permutation, RuleReference, TextChunk

from mairie.catalogue.problems import Problem

EXAMPLES = "exemples"
"""The folder of example phrasings, inside the templates' folder (any depth)."""
OUT_OF_SCOPE = "AMAZON.FallbackIntent"
"""Examples of what the skill does not do: no template describes them, and none should."""
MAX_SLOT_WORDS = 8
MAX_READINGS = 32
"""Readings kept per piece of template and position: enough for every real ambiguity."""


SlotValues = Mapping[tuple[str, str], frozenset[tuple[str, ...]] | None]
"""(intent, slot) → the words the slot accepts, or None for any few words (see `slot_values`)."""
SpanFits = Callable[[str, int, int], bool]


@dataclass(frozen=True)
class ExamplePhrasing:
    file: Path
    intent: str
    sentence: str
    slots: frozenset[str]


@dataclass(frozen=True)
class _Reading:
    end: int
    choices: frozenset[tuple[int, int]]
    """(id of an alternative, index of the item taken)."""
    text: str
    slots: tuple[str, ...]


@dataclass
class Usage:
    """What the example phrasings teach the sampler (see the module's docstring)."""

    alternatives: Counter[tuple[int, int]] = field(default_factory=Counter)
    lines: Counter[int] = field(default_factory=Counter)
    samples: dict[int, dict[str, None]] = field(default_factory=dict)
    """By line index: the example phrasings it describes, as samples."""
    undescribed: list[ExamplePhrasing] = field(default_factory=list)

    def order(self, alternative: Alternative) -> list[int]:
        """The indexes of `alternative`'s items, the most used first (then in the author's order)."""
        key = id(alternative)
        return sorted(range(len(alternative.items)), key=lambda index: -self.alternatives[(key, index)])


def read_examples(folder: Path) -> tuple[list[ExamplePhrasing], list[Problem]]:
    """Every phrasing of the YAML files under `folder` (none if the folder does not exist)."""
    phrasings: list[ExamplePhrasing] = []
    problems: list[Problem] = []
    for path in sorted(folder.rglob("*.yaml")) if folder.is_dir() else []:
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, OSError, UnicodeDecodeError) as error:
            mark = getattr(error, "problem_mark", None)
            problems.append(Problem(path, mark.line + 1 if mark else 1, f"fichier illisible ({error})."))
            continue
        if not isinstance(document, dict) or not isinstance(document.get("intent"), str):
            problems.append(Problem(path, 1, "il faut « intent: NomDeLIntention » et une liste « tests »."))
            continue
        for test in document.get("tests") or []:
            if not isinstance(test, dict) or not isinstance(test.get("sentences"), list):
                problems.append(Problem(path, 1, "chaque élément de « tests » a une liste « sentences »."))
                continue
            slots = test.get("slots") or {}
            names = frozenset(str(name) for name in slots) if isinstance(slots, dict) else frozenset()
            for sentence in test["sentences"]:
                phrasings.append(ExamplePhrasing(path, document["intent"], str(sentence), names))
    return phrasings, problems


def learn(
    examples: Sequence[ExamplePhrasing],
    lines: Sequence[tuple[str, str | None, Expression]],
    rules: Mapping[str, Expression],
    values: SlotValues | None = None,
) -> Usage:
    """What `examples` teach about `lines` ((intent, slot, expression), in the template set's order);
    `values`: the words each slot accepts (see `slot_values`; by default any few words)."""
    usage = Usage()
    by_intent: dict[str, list[int]] = {}
    for index, (intent, slot, _) in enumerate(lines):
        if slot is None:
            by_intent.setdefault(intent, []).append(index)
    for phrasing in examples:
        if phrasing.intent == OUT_OF_SCOPE:
            continue
        words = words_of(phrasing.sentence)
        fits = _slot_check(phrasing.intent, words, values or {})
        reading = None
        for index in by_intent.get(phrasing.intent, []):
            reading = _read_whole(lines[index][2], words, rules, phrasing.slots, fits)
            if reading is not None:
                usage.lines[index] += 1
                usage.alternatives.update(reading.choices)
                usage.samples.setdefault(index, {})[reading.text] = None
                break
        if reading is None:
            usage.undescribed.append(phrasing)
    return usage


def slot_values(model: Mapping[str, Any]) -> SlotValues:
    """The words each (intent, slot) of `model` accepts: the values and synonyms of its custom type
    (as exact sample matching compares them); None for a built-in type (a date, a number…)."""
    language = model["interactionModel"]["languageModel"]
    types = {
        str(slot_type.get("name")): frozenset(
            words_of(text)
            for value in slot_type.get("values", [])
            for text in [value.get("name", {}).get("value", ""), *value.get("name", {}).get("synonyms", [])]
        )
        for slot_type in language.get("types", [])
    }
    return {
        (str(intent.get("name")), str(slot.get("name"))): types.get(str(slot.get("type")))
        for intent in language.get("intents", [])
        for slot in intent.get("slots", [])
    }


def _slot_check(intent: str, words: tuple[str, ...], values: SlotValues) -> SpanFits:
    def fits(slot: str, start: int, end: int) -> bool:
        accepted = values.get((intent, slot))
        return accepted is None or words[start:end] in accepted

    return fits


def words_of(text: str) -> tuple[str, ...]:
    """The words of a phrase as exact sample matching compares them: lower case, no punctuation."""
    cleaned = text.lower().replace("’", "'")
    for mark in '?!.,;:«»"':
        cleaned = cleaned.replace(mark, " ")
    return tuple(cleaned.split())


def _read_whole(
    expression: Expression,
    words: tuple[str, ...],
    rules: Mapping[str, Expression],
    slots: frozenset[str],
    fits: SpanFits,
) -> _Reading | None:
    """The reading of all of `words` that fills exactly the slots named `slots`; failing that, the one
    that fills them and the most others (an example may leave a slot unnamed, such as the city)."""
    memo: dict[tuple[int, int], list[_Reading]] = {}
    whole = [
        reading
        for reading in _readings(expression, words, 0, rules, fits, memo)
        if reading.end == len(words) and len(set(reading.slots)) == len(reading.slots) and slots <= set(reading.slots)
    ]
    exact = [reading for reading in whole if set(reading.slots) == slots]
    return exact[0] if exact else max(whole, key=lambda reading: len(reading.slots), default=None)


def _readings(
    expression: Expression,
    words: tuple[str, ...],
    position: int,
    rules: Mapping[str, Expression],
    fits: SpanFits,
    memo: dict[tuple[int, int], list[_Reading]],
) -> list[_Reading]:
    key = (id(expression), position)
    if key in memo:
        return memo[key]
    memo[key] = []  # a rule that refers to itself reads nothing more
    found: list[_Reading] = []
    if isinstance(expression, TextChunk):
        chunk = words_of(expression.original_text)
        if words[position : position + len(chunk)] == chunk:
            found.append(_Reading(position + len(chunk), frozenset(), " ".join(chunk), ()))
    elif isinstance(expression, ListReference):
        for end in range(position + 1, min(len(words), position + MAX_SLOT_WORDS) + 1):
            if fits(expression.slot_name, position, end):
                slot = expression.slot_name
                found.append(_Reading(end, frozenset(), f"{{{slot}}}", (slot,)))
    elif isinstance(expression, RuleReference):
        rule = rules.get(expression.rule_name)
        found = [] if rule is None else _readings(rule, words, position, rules, fits, memo)
    elif isinstance(expression, Alternative):
        for index, item in enumerate(expression.items):
            for reading in _readings(item, words, position, rules, fits, memo):
                found.append(_with_choice(reading, (id(expression), index)))
    elif isinstance(expression, Permutation):
        found = []  # not used by our templates; a permutation teaches nothing
    elif isinstance(expression, Group):
        found = _sequence_readings(list(expression.items), words, position, rules, fits, memo)
    memo[key] = found[:MAX_READINGS]
    return memo[key]


def _sequence_readings(
    items: list[Expression],
    words: tuple[str, ...],
    position: int,
    rules: Mapping[str, Expression],
    fits: SpanFits,
    memo: dict[tuple[int, int], list[_Reading]],
) -> list[_Reading]:
    partial = [_Reading(position, frozenset(), "", ())]
    for item in items:
        following: dict[tuple[int, str, tuple[str, ...]], _Reading] = {}
        for head in partial:
            for tail in _readings(item, words, head.end, rules, fits, memo):
                joined = _Reading(
                    tail.end, head.choices | tail.choices, f"{head.text} {tail.text}".strip(), head.slots + tail.slots
                )
                following.setdefault((joined.end, joined.text, joined.slots), joined)
        partial = list(following.values())[:MAX_READINGS]
        if not partial:
            break
    return partial


def _with_choice(reading: _Reading, choice: tuple[int, int]) -> _Reading:
    return _Reading(reading.end, reading.choices | {choice}, reading.text, reading.slots)
