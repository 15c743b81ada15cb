"""Logging for the Lambda, without importing `logging` at cold start.

AWS Lambda's Python runtime imports and configures `logging` before our code runs, so there the
per-request line costs nothing to set up. Elsewhere (a bare process, the benchmark), when nothing has
imported `logging`, no handler exists and informational lines would go nowhere: they are skipped.
Warnings and errors always go through `logging` (imported on first use).
"""

from __future__ import annotations

import os
import sys
from typing import Any


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
