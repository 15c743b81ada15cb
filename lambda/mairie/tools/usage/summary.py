"""Counting the log records: requests per feature and week, what was not understood, which facilities
residents want hours for, which features are slow. Plain numbers, no French (see `usage.text`).

Only residents' requests are counted (launch, intents, the device's play/pause buttons): the player's
events (`AudioPlayer.*`), session ends and skill events follow from them and would only inflate the
numbers; they are counted apart. Weeks are ISO weeks (Monday to Sunday), by the request's UTC day.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta

from mairie.alexa.log import ERROR, EXAMPLE_CONTENT, FACILITY_UNKNOWN, HOURS_UNKNOWN, NOT_UNDERSTOOD
from mairie.tools.usage.records import UsageRecord

UNKNOWN_FEATURE = "?"
"""Requests no handler finished (an error before any handler, an unreadable request)."""


@dataclass(frozen=True)
class Latency:
    count: int
    median_ms: float
    p95_ms: float
    max_ms: float


@dataclass
class UsageSummary:
    first: date | None
    last: date | None
    requests: int = 0
    events: int = 0
    weeks: list[date] = field(default_factory=list)
    """Mondays of the weeks seen, in order."""
    per_feature: Counter[str] = field(default_factory=Counter)
    per_feature_week: dict[str, Counter[date]] = field(default_factory=dict)
    """feature → Monday → requests."""
    not_understood_per_week: Counter[date] = field(default_factory=Counter)
    requests_per_week: Counter[date] = field(default_factory=Counter)
    outcomes: Counter[str] = field(default_factory=Counter)
    hours_unknown: Counter[str] = field(default_factory=Counter)
    """facility id → requests answered « je n'ai pas les horaires »."""
    examples: Counter[str] = field(default_factory=Counter)
    """facility id → requests answered from example hours or facts."""
    other_examples: Counter[str] = field(default_factory=Counter)
    """feature → requests answered from an example entry that is not a facility (magazine, episode)."""
    latencies: dict[str, Latency] = field(default_factory=dict)
    """feature → latency, slowest first."""

    @property
    def not_understood(self) -> int:
        return self.outcomes[NOT_UNDERSTOOD]

    @property
    def not_understood_share(self) -> float:
        return self.not_understood / self.requests if self.requests else 0.0

    @property
    def facility_unknown(self) -> int:
        return self.outcomes[FACILITY_UNKNOWN]

    @property
    def errors(self) -> int:
        return self.outcomes[ERROR]

    @property
    def example_answers(self) -> int:
        return self.outcomes[EXAMPLE_CONTENT]

    def features_by_use(self) -> list[str]:
        return sorted(self.per_feature, key=lambda f: (-self.per_feature[f], f))


def monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def summarise(records: Sequence[UsageRecord], first: date | None = None, last: date | None = None) -> UsageSummary:
    days = [r.day for r in records if r.day is not None]
    summary = UsageSummary(first or (min(days) if days else None), last or (max(days) if days else None))
    latencies: dict[str, list[float]] = defaultdict(list)
    for record in records:
        if not record.from_resident:
            summary.events += 1
            continue
        _count(summary, record)
        latencies[record.feature or UNKNOWN_FEATURE].append(record.latency_ms)
    summary.weeks = sorted(summary.requests_per_week)
    summary.latencies = dict(
        sorted(((f, _latency(v)) for f, v in latencies.items()), key=lambda item: (-item[1].p95_ms, item[0]))
    )
    return summary


def _count(summary: UsageSummary, record: UsageRecord) -> None:
    week = monday(record.day) if record.day is not None else None
    feature = record.feature or UNKNOWN_FEATURE
    summary.requests += 1
    summary.per_feature[feature] += 1
    summary.outcomes[record.outcome] += 1
    weeks = summary.per_feature_week.setdefault(feature, Counter())
    if week is not None:
        weeks[week] += 1
        summary.requests_per_week[week] += 1
        if record.outcome == NOT_UNDERSTOOD:
            summary.not_understood_per_week[week] += 1
    if record.facility and record.outcome == HOURS_UNKNOWN:
        summary.hours_unknown[record.facility] += 1
    elif record.outcome == EXAMPLE_CONTENT and record.facility:
        summary.examples[record.facility] += 1
    elif record.outcome == EXAMPLE_CONTENT:
        summary.other_examples[feature] += 1


def _latency(values: list[float]) -> Latency:
    ordered = sorted(values)
    return Latency(len(ordered), _quantile(ordered, 0.5), _quantile(ordered, 0.95), ordered[-1])


def _quantile(ordered: list[float], q: float) -> float:
    """Nearest-rank quantile: a latency that was measured, not an interpolation."""
    rank = max(1, -(-int(q * 1000) * len(ordered) // 1000))  # ceil(q × n) without floats
    return ordered[min(rank, len(ordered)) - 1]
