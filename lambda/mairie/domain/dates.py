"""Reading AMAZON.DATE slot values (ISO-8601 forms Alexa sends) into plain dates."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Literal

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")


@dataclass(frozen=True)
class AskedDate:
    """What an AMAZON.DATE value designates: one day, a week, a weekend or a month."""

    kind: Literal["day", "week", "weekend", "month"]
    start: date


def parse_amazon_date(value: str | None) -> AskedDate | None:
    """`2026-12-25`, `2026-W52`, `2026-W52-WE`, `2026-12` → AskedDate; anything else → None."""
    if not value:
        return None
    text = value.strip()
    try:
        if match := _DAY.match(text):
            return AskedDate("day", date(int(match[1]), int(match[2]), int(match[3])))
        if match := _WEEK.match(text):
            monday = date.fromisocalendar(int(match[1]), int(match[2]), 1)
            if match[3]:
                return AskedDate("weekend", monday + timedelta(days=5))
            return AskedDate("week", monday)
        if match := _MONTH.match(text):
            return AskedDate("month", date(int(match[1]), int(match[2]), 1))
    except ValueError:
        return None
    return None
