"""Logging for the Lambda, without importing `logging` at cold start.

AWS Lambda's Python runtime imports and configures `logging` before our code runs, so there the
per-request line costs nothing to set up. Elsewhere (a bare process, the benchmark), when nothing has
imported `logging`, no handler exists and informational lines would go nowhere: they are skipped.
Warnings and errors always go through `logging` (imported on first use).

The per-request line (`skill.lambda_handler`) is anonymous counters only: request type, intent,
feature, outcome, the catalogue id of a facility whose hours are unknown or only an example, latency
and the request's day. Never a user, device or session id, never what was said: `mairie stats`
counts these lines, and the resident's words never reach them. What became of the request is set
on `REPORT` as it is handled (`skill.Router`, `errors`), one per thread, since `mairie serve`
handles requests in parallel threads (a Lambda container, one at a time). `threading` is already
loaded at cold start (by the SDK's imports), so `REPORT` costs no import.
"""

from __future__ import annotations

import os
import sys
import threading
from typing import Any

ANSWERED = "answered"
NOT_UNDERSTOOD = "not_understood"
"""Alexa sent `AMAZON.FallbackIntent`, or an intent the skill does not know."""
HOURS_UNKNOWN = "hours_unknown"
"""A facility of the catalogue was asked for, and its hours are not known."""
FACILITY_UNKNOWN = "facility_unknown"
"""A facility (or kind of facility) was named that the catalogue does not have."""
EXAMPLE_CONTENT = "example_content"
"""The answer came from an entry staff marked `exemple: true` (facts not confirmed)."""
ERROR = "error"
"""The skill failed (and apologised where speech is allowed)."""
REFUSED = "refused"
"""A request for another skill (`SKILL_ID`)."""
OUTCOMES = (ANSWERED, NOT_UNDERSTOOD, HOURS_UNKNOWN, FACILITY_UNKNOWN, EXAMPLE_CONTENT, ERROR, REFUSED)


class RequestReport(threading.local):
    """What became of the request this thread is handling, for its log line."""

    feature: str | None = None
    """The feature whose handler took the request (`skill.Route.feature`)."""
    outcome: str | None = None
    """One of `OUTCOMES`; None until a handler finished."""
    facility: str | None = None
    """The catalogue id of the facility the outcome is about (hours unknown, example), never words."""

    def clear(self) -> None:
        self.feature = self.outcome = self.facility = None


REPORT = RequestReport()


class LazyLogger:
    """A named logger created on first use."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._logger: Any = None

    def _get(self) -> Any:
        if self._logger is None:
            import logging

            self._logger = logging.getLogger(self.name)
            if self._logger.level == logging.NOTSET:
                self._logger.setLevel(os.environ.get("MAIRIE_LOG_LEVEL", "INFO").upper())
        return self._logger

    def info_enabled(self) -> bool:
        """True when an informational line would reach a handler (and `logging` is already loaded)."""
        logging = sys.modules.get("logging")
        return logging is not None and bool(self._get().isEnabledFor(logging.INFO))

    def info(self, message: str, *args: Any) -> None:
        """Callers check `info_enabled()` first, so that the line is not even built for nobody."""
        self._get().info(message, *args)

    def warning(self, message: str, *args: Any) -> None:
        self._get().warning(message, *args)

    def error(self, message: str, *args: Any, exc_info: bool = False) -> None:
        self._get().error(message, *args, exc_info=exc_info)


def get_logger(name: str) -> LazyLogger:
    return LazyLogger(name)
