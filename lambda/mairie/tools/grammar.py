"""The sentence templates of `phrases/` as a grammar: matched whole by the local resolver, sampled
into the interaction model within Alexa's limits.

A template line such as "[<dis_moi>] (quand|à quelle heure) (ouvre|rouvre) {facility}" stands for
every phrasing it expands to, and together the lines stand for hundreds of thousands: far more than
the interaction model can hold (see `tools.model_limits`). So the two users of the templates take
them differently:

- Alexa gets a sample of each line (`sample_line`): all its phrasings when they are few, else its
  share of the model's budget, the most common phrasings first (the cheapest by alternative order,
  optional words left out; the order learnt from residents' example phrasings, `tools.examples`),
  deterministically. Alexa's language understanding is trained on these samples and generalises
  from them.
- The local resolver (`Grammar.match`) reads an utterance against the lines themselves, as a parser
  would: it understands every phrasing the templates describe, which is what Alexa's statistical
  understanding generalises to from the samples of the same lines.

Templates are compared with utterances after the same normalisation (`tools.text`): the words of
each template are normalised once, when the grammar is built.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass

from hassil.expression import Alternative, Expression, Group, ListReference, Permutation, RuleReference, TextChunk

from mairie.tools.fillers import FUNCTION_WORDS
from mairie.tools.text import singular, tokenize

MAX_SLOT_WORDS = 12
"""No slot value is longer than this (in normalised words)."""

Path = tuple[tuple[str, int, int], ...]
"""The slots a match fills: (slot name, first word, word after the last)."""
SpanCheck = Callable[[str, int, int], bool]
"""Whether words [start, end) can fill the slot of that name (a known value, a date, a number…)."""


# -- the grammar's nodes ---------------------------------------------------------------------------


@dataclass(frozen=True, eq=False)
class Words:
    norms: tuple[str, ...]
    starts: tuple[bool, ...] = ()
    """For each normalised word, whether it begins a written word ("du" → "de", "le": True, False)."""


@dataclass(frozen=True, eq=False)
class Slot:
    name: str


@dataclass(frozen=True, eq=False)
class Seq:
    items: tuple[Node, ...]


@dataclass(frozen=True, eq=False)
class Choice:
    options: tuple[Node, ...]


@dataclass(frozen=True, eq=False)
class Rule:
    name: str


Node = Words | Slot | Seq | Choice | Rule
EMPTY = Seq(())


def compile_expression(expression: Expression) -> Node:
    """A hassil expression as a grammar node, its words normalised."""
    if isinstance(expression, TextChunk):
        tokens = tokenize(expression.text)
        return Words(tokens.norms, tuple(token.part == 0 for token in tokens.tokens))
    if isinstance(expression, ListReference):
        return Slot(expression.slot_name)
    if isinstance(expression, RuleReference):
        return Rule(expression.rule_name)
    if isinstance(expression, Permutation):
        orders = [[compile_expression(i) for i in order] for order in _permutations(list(expression.items))]
        return Choice(tuple(Seq(tuple(order)) for order in orders))
    if isinstance(expression, Alternative):
        options = tuple(compile_expression(item) for item in expression.items)
        return Choice(options + ((EMPTY,) if expression.is_optional and EMPTY not in options else ()))
    if isinstance(expression, Group):
        return Seq(tuple(compile_expression(item) for item in expression.items))
    raise TypeError(f"unexpected template expression: {expression!r}")


def _permutations(items: list[Expression]) -> Iterator[list[Expression]]:
    if len(items) <= 1:
        yield items
        return
    for index, item in enumerate(items):
        for rest in _permutations(items[:index] + items[index + 1 :]):
            yield [item, *rest]


def required_words(node: Node, rules: Mapping[str, Node], depth: int = 0) -> frozenset[str]:
    """Meaningful words every phrasing of `node` contains: a line is tried only if they were all said."""
    if depth > 50:
        return frozenset()
    if isinstance(node, Words):
        return frozenset(n for n in node.norms if n not in FUNCTION_WORDS)
    if isinstance(node, Rule):
        rule = rules.get(node.name)
        return frozenset() if rule is None else required_words(rule, rules, depth + 1)
    if isinstance(node, Seq):
        found: frozenset[str] = frozenset()
        for item in node.items:
            found |= required_words(item, rules, depth + 1)
        return found
    if isinstance(node, Choice):
        sets = [required_words(option, rules, depth + 1) for option in node.options]
        return frozenset.intersection(*sets) if sets else frozenset()
    return frozenset()


# -- matching --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class GrammarLine:
    """One template line: the intent (and, for an answer to a slot question, the slot) it belongs to."""

    intent: str
    slot: str | None
    node: Node
    required: frozenset[str]
    order: int
    text: str


class Matcher:
    """Matches one utterance (normalised words) against grammar nodes, remembering partial matches.

    `relaxed`: the small words of the templates (`FUNCTION_WORDS`) may be missing, each one skipped
    counting against the match; and a word may be said in the singular or the plural ("quel papier"
    for "quels papiers": speech recognition often cannot hear the difference).
    """

    def __init__(
        self,
        norms: Sequence[str],
        rules: Mapping[str, Node],
        span_ok: SpanCheck,
        relaxed: bool,
        starts: Sequence[bool] = (),
    ) -> None:
        self.norms = tuple(norms)
        self.starts = tuple(starts) or (True,) * len(self.norms)
        self.rules = rules
        self.span_ok = span_ok
        self.relaxed = relaxed
        self._memo: dict[tuple[int, int], list[tuple[int, Path, int]]] = {}
        self._singular = singular(self.norms) if relaxed else self.norms

    def full_matches(self, node: Node) -> Iterator[tuple[Path, int]]:
        """Every way `node` covers the whole utterance: (slots filled, small words skipped)."""
        end = len(self.norms)
        for stop, path, skipped in self.partial(node, 0):
            if stop == end:
                yield path, skipped

    def partial(self, node: Node, position: int) -> list[tuple[int, Path, int]]:
        """(end, slots, skipped) for every way `node` matches from `position`."""
        key = (id(node), position)
        found = self._memo.get(key)
        if found is None:
            found = self._compute(node, position)
            self._memo[key] = found
        return found

    def _compute(self, node: Node, position: int) -> list[tuple[int, Path, int]]:
        norms = self.norms
        if isinstance(node, Words):
            size = len(node.norms)
            results: list[tuple[int, Path, int]] = []
            if norms[position : position + size] == node.norms:
                # "du" (one written word) read over "de l'" (two): a small mismatch, counted
                aligned = not node.starts or self.starts[position : position + size] == node.starts
                results.append((position + size, (), 0 if aligned else 1))
            elif self.relaxed and size and self._singular[position : position + size] == singular(node.norms):
                results.append((position + size, (), 1))
            if self.relaxed and size and all(n in FUNCTION_WORDS for n in node.norms):
                results.append((position, (), size))
            return results
        if isinstance(node, Slot):
            last = min(len(norms), position + MAX_SLOT_WORDS)
            return [
                (end, ((node.name, position, end),), 0)
                for end in range(position + 1, last + 1)
                if self.span_ok(node.name, position, end)
            ]
        if isinstance(node, Rule):
            rule = self.rules.get(node.name)
            return [] if rule is None else self.partial(rule, position)
        if isinstance(node, Choice):
            merged: dict[tuple[int, Path], int] = {}
            for option in node.options:
                for end, path, skipped in self.partial(option, position):
                    if merged.get((end, path), skipped + 1) > skipped:
                        merged[(end, path)] = skipped
            return [(end, path, skipped) for (end, path), skipped in merged.items()]
        partial: dict[tuple[int, Path], int] = {(position, ()): 0}
        for item in node.items:
            following: dict[tuple[int, Path], int] = {}
            for (start, path), skipped in partial.items():
                for end, more, extra in self.partial(item, start):
                    if more and any(name == other for name, _, _ in path for other, _, _ in more):
                        continue  # a slot filled twice: not a phrasing Alexa accepts
                    key = (end, path + more)
                    total = skipped + extra
                    if following.get(key, total + 1) > total:
                        following[key] = total
            partial = following
            if not partial:
                return []
        return [(end, path, skipped) for (end, path), skipped in partial.items()]


class Grammar:
    """Every template line, compiled; `match` finds the lines an utterance fits."""

    def __init__(self, lines: Sequence[GrammarLine], rules: Mapping[str, Node]) -> None:
        self.lines = tuple(lines)
        self.rules = dict(rules)
        self.intents = frozenset(line.intent for line in self.lines if line.slot is None)
        self.slots = frozenset((line.intent, line.slot) for line in self.lines if line.slot is not None)

    def match(
        self,
        norms: Sequence[str],
        span_ok: SpanCheck,
        relaxed: bool,
        slot: tuple[str, str] | None = None,
        starts: Sequence[bool] = (),
    ) -> Iterator[tuple[GrammarLine, Path, int]]:
        """(line, slots filled, small words skipped) for every line `norms` fits; `slot`: only the
        answers to that (intent, slot) question; `starts`: which words begin a written word."""
        said = frozenset(norms)
        matcher = Matcher(norms, self.rules, span_ok, relaxed, starts)
        for line in self.lines:
            if (line.intent, line.slot) != (slot if slot else (line.intent, None)):
                continue
            if not line.required <= said:
                continue
            for path, skipped in matcher.full_matches(line.node):
                yield line, path, skipped


# -- sampling for the interaction model ------------------------------------------------------------


class _Counts:
    """How many phrasings each expression gives, counted once (rules expanded, never written out)."""

    def __init__(self, rules: Mapping[str, Expression]) -> None:
        self.rules = rules
        self._known: dict[int, int] = {}

    def of(self, expression: Expression, depth: int = 0) -> int:
        known = self._known.get(id(expression))
        if known is None:
            known = self._count(expression, depth)
            self._known[id(expression)] = known
        return known

    def _count(self, expression: Expression, depth: int) -> int:
        if depth > 50:  # a rule that uses itself: never finite
            return 10**18
        if isinstance(expression, TextChunk | ListReference):
            return 1
        if isinstance(expression, RuleReference):
            rule = self.rules.get(expression.rule_name)
            return 1 if rule is None else self.of(rule, depth + 1)
        if isinstance(expression, Permutation):
            product = math.prod(self.of(item, depth + 1) for item in expression.items)
            return math.factorial(len(expression.items)) * product
        if isinstance(expression, Alternative):
            return sum(self.of(item, depth + 1) for item in expression.items)
        if isinstance(expression, Group):
            return math.prod(self.of(item, depth + 1) for item in expression.items)
        return 1


def count_phrasings(expression: Expression, rules: Mapping[str, Expression]) -> int:
    """How many phrasings `expression` gives."""
    return _Counts(rules).of(expression)


AlternativeOrder = Callable[[Alternative], Sequence[int]]
"""The order in which to take an alternative's items (indexes); by default the author's."""


def sample_line(
    expression: Expression, rules: Mapping[str, Expression], quota: int, order: AlternativeOrder | None = None
) -> list[str]:
    """Up to `quota` distinct phrasings of `expression`, the most common first: all of them if there
    are no more; else those that take the earliest alternatives and leave out the optional words
    (template authors write the usual words first: "(horaires|heures d'ouverture)"). A phrasing's
    cost is the sum of the positions of the alternatives it takes (an optional word costs one), and
    phrasings are taken by increasing cost, so that every alternative appears as soon as the quota
    allows. `order` puts other items first (what residents were heard to say, see `tools.heard`).
    Deterministic: the same line always gives the same samples."""
    counts = _Counts(rules)
    if counts.of(expression) <= quota:
        return _all_phrasings(expression, rules)
    found: dict[str, None] = {}
    ceiling = 0
    while len(found) < quota and ceiling <= MAX_COST:
        for text, _ in _cheapest(expression, rules, ceiling, order):
            phrasing = " ".join(text.split())
            if phrasing and phrasing not in found:
                found[phrasing] = None
                if len(found) >= quota:
                    break
        ceiling += 1
    return list(found)


MAX_COST = 60
"""Phrasings costing more are never sampled (a line needs that many alternatives to reach it)."""
OPTIONAL_COST = 3
"""What saying optional words costs ("[euh] (…)"): more than taking the next alternative of a list, so
that a line's own alternatives go into the model before its carriers do."""


def _cheapest(
    expression: Expression, rules: Mapping[str, Expression], budget: int, order: AlternativeOrder | None = None
) -> Iterator[tuple[str, int]]:
    """(text, cost) of every phrasing of `expression` costing at most `budget`."""
    if isinstance(expression, TextChunk):
        yield expression.original_text, 0
    elif isinstance(expression, ListReference):
        yield f"{{{expression.list_name}}}", 0
    elif isinstance(expression, RuleReference):
        rule = rules.get(expression.rule_name)
        if rule is not None:
            yield from _cheapest(rule, rules, budget, order)
    elif isinstance(expression, Alternative):
        items = [expression.items[index] for index in order(expression)] if order else list(expression.items)
        penalty = 0
        empty = [item for item in items if _is_empty(item)]
        if empty:  # [a|b] and (a|b|) have an empty choice: leaving the words out costs nothing,
            items = empty[:1] + [item for item in items if not _is_empty(item)]  # saying them costs
            penalty = OPTIONAL_COST - 1  # more than taking another alternative
        for position, item in enumerate(items):
            price = position + (penalty if position else 0)
            if price > budget:
                break
            for text, cost in _cheapest(item, rules, budget - price, order):
                yield text, cost + price
    elif isinstance(expression, Permutation):
        for position, arrangement in enumerate(_permutations(list(expression.items))):
            if position > budget:
                break
            for text, cost in _sequence(arrangement, rules, budget - position, order):
                yield text, cost + position
    elif isinstance(expression, Group):
        yield from _sequence(list(expression.items), rules, budget, order)


def _is_empty(expression: Expression) -> bool:
    if isinstance(expression, TextChunk):
        return not expression.original_text.strip()
    if isinstance(expression, Group) and not isinstance(expression, Alternative | Permutation):
        return all(_is_empty(item) for item in expression.items)
    return False


def _sequence(
    items: list[Expression], rules: Mapping[str, Expression], budget: int, order: AlternativeOrder | None = None
) -> Iterator[tuple[str, int]]:
    if not items:
        yield "", 0
        return
    for head, cost in _cheapest(items[0], rules, budget, order):
        for tail, more in _sequence(items[1:], rules, budget - cost, order):
            yield head + tail, cost + more


def _all_phrasings(expression: Expression, rules: Mapping[str, Expression]) -> list[str]:
    from hassil.expression import Sentence
    from hassil.sample import sample_expression

    named = {name: Sentence(expression=rule) for name, rule in rules.items()}
    found: dict[str, None] = {}
    for raw in sample_expression(expression, {}, named, expand_lists=False):
        text = " ".join(raw.split())
        if text:
            found.setdefault(text, None)
    return list(found)


def quotas(counts: Sequence[int], budget: int, weights: Sequence[float] = ()) -> list[int]:
    """How many phrasings each line gets so that they all fit in `budget` (water-filling): short lines
    keep all their phrasings, long ones share what is left, line i in proportion to `weights[i]`
    (1 by default)."""
    weights = list(weights) or [1.0] * len(counts)
    if sum(counts) <= budget:
        return list(counts)

    def shares(base: int) -> list[int]:
        return [min(count, int(base * weight)) for count, weight in zip(counts, weights, strict=True)]

    low, high = 0, max(counts)
    while low < high:
        middle = (low + high + 1) // 2
        if sum(shares(middle)) <= budget:
            low = middle
        else:
            high = middle - 1
    return shares(low)
