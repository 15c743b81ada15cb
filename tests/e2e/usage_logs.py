"""A generated day of the skill's log, as the Lambda writes it (text log format), with known counts.

Each request line is what `mairie.alexa.skill._log_request` writes, behind the Lambda runtime's
prefix (`[INFO]\\t<time>Z\\t<request id>\\t`, awslambdaric `bootstrap.py`), between the runtime's own
START, END and REPORT lines, which `mairie stats` must skip.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta


@dataclass(frozen=True)
class Batch:
    count: int
    request: str
    intent: str | None
    feature: str
    outcome: str
    latency_ms: float
    facility: str | None = None


DAY_PLAN = (
    Batch(20, "LaunchRequest", None, "launch", "answered", 2.0),
    Batch(30, "IntentRequest", "IsOpenIntent", "hours", "answered", 1.0),
    Batch(12, "IntentRequest", "OpeningHoursIntent", "hours", "hours_unknown", 1.5, "mediatheque-centre-ville"),
    Batch(5, "IntentRequest", "IsOpenIntent", "hours", "hours_unknown", 1.5, "piscine-aquazena"),
    Batch(8, "IntentRequest", "IsOpenIntent", "hours", "example_content", 1.2, "mairie"),
    Batch(4, "IntentRequest", "IsOpenIntent", "hours", "facility_unknown", 1.1),
    Batch(15, "IntentRequest", "IdProcedureIntent", "procedures", "answered", 3.0),
    Batch(1, "IntentRequest", "ProcedureCostIntent", "procedures", "answered", 9.5),
    Batch(10, "IntentRequest", "AMAZON.FallbackIntent", "fallback", "not_understood", 0.5),
    Batch(6, "IntentRequest", "PlayPodcastIntent", "media", "example_content", 2.5),
    Batch(1, "IntentRequest", "AMAZON.HelpIntent", "conversation", "error", 4.0),
    Batch(6, "AudioPlayer.PlaybackStarted", None, "playback", "answered", 0.3),
    Batch(2, "AudioPlayer.PlaybackNearlyFinished", None, "playback", "answered", 0.4),
)
"""112 residents' requests (10 not understood, 1 error) and 8 player events."""


@dataclass(frozen=True)
class LogEvent:
    timestamp_ms: int
    message: str


def generated_day(day: date) -> list[LogEvent]:
    """The day's log events, in time order, from 08:00 UTC, one request every 3 minutes."""
    events = []
    moment = datetime.combine(day, datetime.min.time(), UTC) + timedelta(hours=8)
    number = 0
    for batch in DAY_PLAN:
        for _ in range(batch.count):
            number += 1
            request_id = f"0000{number:04d}-aaaa-4bbb-8ccc-dddddddddddd"
            line = {
                "request": batch.request,
                "intent": batch.intent,
                "feature": batch.feature,
                "outcome": batch.outcome,
                "facility": batch.facility,
                "latency_ms": batch.latency_ms,
                "day": day.isoformat(),
            }
            stamp = moment.strftime("%Y-%m-%dT%H:%M:%S.123Z")
            millis = int(moment.timestamp() * 1000)
            events += [
                LogEvent(millis, f"START RequestId: {request_id} Version: $LATEST\n"),
                LogEvent(millis + 1, f"[INFO]\t{stamp}\t{request_id}\t{json.dumps(line)}\n"),
                LogEvent(millis + 2, f"END RequestId: {request_id}\n"),
                LogEvent(millis + 3, f"REPORT RequestId: {request_id}\tDuration: 3.21 ms\tBilled Duration: 4 ms\n"),
            ]
            moment += timedelta(minutes=3)
    return events


def as_log_file(events: list[LogEvent]) -> str:
    """The events as a copy of the log (one event per line)."""
    return "".join(event.message for event in events)
