"""The skill's per-request log lines, read back: one `UsageRecord` per request.

The skill writes one JSON object per request (`mairie.alexa.skill._log_request`): request type,
intent, feature, outcome, a facility's catalogue id, latency and the request's day. Where it lands
decides what surrounds it:
- Lambda, text log format (the default): `[INFO]\\t2026-11-26T09:00:00.123Z\\t<request id>\\t{…}`;
- Lambda, JSON log format: `{"timestamp": …, "level": "INFO", "message": "{…}", "logger": "mairie", …}`;
- `mairie serve` and tests: the object alone on its line.
Every other line (START, END, REPORT, warnings) is skipped. Lines written before the log carried a
feature (`"outcome": "ok"`) are read too, their feature unknown. Nothing here can hold what a
resident said: the reader keeps only the known keys, and only values of the expected kinds.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path

_DECODER = json.JSONDecoder()
_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
LEGACY_OK = "ok"
"""The outcome of a handled request before outcomes were detailed."""


@dataclass(frozen=True)
class UsageRecord:
    request: str
    """The request type: "LaunchRequest", "IntentRequest", "AudioPlayer.PlaybackStarted"…"""
    intent: str | None
    feature: str | None
    """`mairie.alexa.skill.Route.feature` ("hours", "procedures"…); None when no handler finished."""
    outcome: str
    """One of `mairie.alexa.log.OUTCOMES`."""
    facility: str | None
    latency_ms: float
    day: date | None
    """The request's day (UTC), from the line, else from where the line was logged."""

    @property
    def from_resident(self) -> bool:
        """A question or a button press, as opposed to an event of the player or of the platform."""
        return self.request in ("LaunchRequest", "IntentRequest") or self.request.startswith("PlaybackController.")


def parse_line(text: str, logged_at: datetime | None = None) -> UsageRecord | None:
    """The record in one log line (any of the three forms above), or None for any other line."""
    document = _json_object(text)
    if document is None:
        return None
    message = document.get("message")
    if "outcome" not in document and isinstance(message, str):  # Lambda's JSON log format
        return parse_line(message, logged_at or _parse_time(document.get("timestamp")))
    if logged_at is None:
        logged_at = _parse_time(text[: text.find("{")])
    return _record(document, logged_at)


def _json_object(text: str) -> dict[str, object] | None:
    start = text.find("{")
    if start < 0:
        return None
    try:
        document, _ = _DECODER.raw_decode(text, start)
    except ValueError:
        return None
    return document if isinstance(document, dict) else None


def _record(document: dict[str, object], logged_at: datetime | None) -> UsageRecord | None:
    request, outcome, latency = document.get("request"), document.get("outcome"), document.get("latency_ms")
    if not isinstance(request, str) or not isinstance(outcome, str) or not isinstance(latency, int | float):
        return None
    day = _parse_day(document.get("day")) or (logged_at.date() if logged_at else None)
    return UsageRecord(
        request=request,
        intent=_text(document.get("intent")),
        feature=_text(document.get("feature")),
        outcome="answered" if outcome == LEGACY_OK else outcome,
        facility=_text(document.get("facility")),
        latency_ms=float(latency),
        day=day,
    )


def _text(value: object) -> str | None:
    return value if isinstance(value, str) and value else None


def _parse_day(value: object) -> date | None:
    if not isinstance(value, str):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _parse_time(value: object) -> datetime | None:
    """A time at the start of a Lambda line ("[INFO]\\t2026-11-26T09:00:00.123Z\\t…"): its day is enough."""
    if not isinstance(value, str):
        return None
    found = _DAY.search(value)
    if found is None:
        return None
    try:
        return datetime.combine(date.fromisoformat(found.group(1)), datetime.min.time(), UTC)
    except ValueError:
        return None


def parse_lines(lines: Iterable[str]) -> Iterator[UsageRecord]:
    for line in lines:
        record = parse_line(line)
        if record is not None:
            yield record


def read_file(path: Path) -> list[UsageRecord]:
    """Every record of a local file (JSON lines, or a copy of the Lambda's log). Raises OSError."""
    with path.open(encoding="utf-8", errors="replace") as lines:
        return list(parse_lines(lines))


def within(records: Iterable[UsageRecord], first: date | None, last: date | None) -> list[UsageRecord]:
    """The records of days `first` to `last` (inclusive; None: no bound). Records without a day are kept
    only when there is no bound at all."""
    if first is None and last is None:
        return list(records)
    return [
        r
        for r in records
        if r.day is not None and (first is None or r.day >= first) and (last is None or r.day <= last)
    ]
