"""French date expressions as Alexa's AMAZON.DATE gives them: ISO-8601 strings, relative to today.

Like Alexa, a day name or a date without a year means the next such day on or after today
("samedi" on a Sunday is six days later; "le 25 décembre" in January is this year's), and a
month name means its next occurrence (the current month included). Weeks come back as
"2026-W48", weekends as "2026-W48-WE", months as "2026-12"; "maintenant" is "PRESENT_REF".

Works on normalised tokens (see `tools.text`): no accents, "la" read as "le", "du" as "de le".
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, timedelta

from mairie.tools.numbers import parse_number
from mairie.tools.text import strip_accents
from mairie.voice import french

WEEKDAYS = french.WEEKDAYS
MONTHS = tuple(strip_accents(month) for month in french.MONTHS)  # normalised tokens have no accents
PRESENT_REF = "PRESENT_REF"

Words = tuple[str, ...]
_PARTS_OF_DAY: tuple[Words, ...] = (("matin",), ("soir",), ("apres", "midi"), ("midi",))


def iso_week(day: date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _month_iso(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}"


def _add_months(day: date, months: int) -> tuple[int, int]:
    index = day.year * 12 + day.month - 1 + months
    return index // 12, index % 12 + 1


def easter(year: int) -> date:
    """Easter Sunday (Gregorian computus, anonymous algorithm)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    ell = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ell) // 451
    month = (h + ell - 7 * m + 114) // 31
    day = (h + ell - 7 * m + 114) % 31 + 1
    return date(year, month, day)


def _fixed(month: int, day: int) -> Callable[[int], date]:
    return lambda year: date(year, month, day)


def _from_easter(days: int) -> Callable[[int], date]:
    return lambda year: easter(year) + timedelta(days=days)


FEASTS: dict[Words, Callable[[int], date]] = {
    ("noel",): _fixed(12, 25),
    ("jour", "de", "noel"): _fixed(12, 25),
    ("veille", "de", "noel"): _fixed(12, 24),
    ("reveillon",): _fixed(12, 31),
    ("saint", "sylvestre"): _fixed(12, 31),
    ("nouvel", "an"): _fixed(1, 1),
    ("jour", "de", "le", "an"): _fixed(1, 1),
    ("toussaint",): _fixed(11, 1),
    ("armistice",): _fixed(11, 11),
    ("assomption",): _fixed(8, 15),
    ("fete", "nationale"): _fixed(7, 14),
    ("fete", "de", "le", "travail"): _fixed(5, 1),
    ("paques",): _from_easter(0),
    ("lundi", "de", "paques"): _from_easter(1),
    ("ascension",): _from_easter(39),
    ("pentecote",): _from_easter(49),
    ("lundi", "de", "pentecote"): _from_easter(50),
}


def _next_on_or_after(today: date, make: Callable[[int], date | None]) -> date | None:
    for year in (today.year, today.year + 1, today.year + 2):
        candidate = make(year)
        if candidate is not None and candidate >= today:
            return candidate
    return None


def _safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _strip(words: Words, *prefixes: Words) -> Words:
    for prefix in prefixes:
        if words[: len(prefix)] == prefix and len(words) > len(prefix):
            return words[len(prefix) :]
    return words


def _strip_part_of_day(words: Words) -> Words:
    for part in _PARTS_OF_DAY:
        if len(words) > len(part) and words[-len(part) :] == part:
            return words[: -len(part)]
    return words


def _relative(words: Words, today: date) -> str | None:
    simple: dict[Words, int] = {
        ("aujourdhui",): 0,
        ("ce", "jour"): 0,
        ("ce", "soir"): 0,
        ("ce", "matin"): 0,
        ("ce", "midi"): 0,
        ("cet", "apres", "midi"): 0,
        ("demain",): 1,
        ("apres", "demain"): 2,
        ("hier",): -1,
        ("avant", "hier"): -2,
    }
    if words in simple:
        return (today + timedelta(days=simple[words])).isoformat()
    if words in (("maintenant",), ("en", "ce", "moment"), ("tout", "de", "suite")):
        return PRESENT_REF
    if len(words) >= 3 and words[0] == "dans" and words[-1] in ("jour", "jours", "semaine", "semaines"):
        count = parse_number(list(words[1:-1]))
        if count is None:
            return None
        if words[-1].startswith("jour"):
            return (today + timedelta(days=count)).isoformat()
        return iso_week(today + timedelta(weeks=count))
    return None


def _weeks(words: Words, today: date) -> str | None:
    words = _strip(words, ("de", "le"), ("pour", "le"))
    weeks: dict[Words, int] = {
        ("cette", "semaine"): 0,
        ("cette", "semaine", "ci"): 0,
        ("le", "semaine", "prochaine"): 1,
        ("semaine", "prochaine"): 1,
        ("le", "semaine", "derniere"): -1,
        ("semaine", "derniere"): -1,
    }
    if words in weeks:
        return iso_week(today + timedelta(weeks=weeks[words]))
    weekend = _strip(words, ("ce",), ("le",))
    for spelling in (("week", "end"), ("weekend",)):
        n = len(spelling)
        if weekend[:n] == spelling:
            rest = weekend[n:]
            shift = {(): 0, ("ci",): 0, ("prochain",): 1, ("dernier",): -1}.get(rest)
            if shift is not None:
                return iso_week(today + timedelta(weeks=shift)) + "-WE"
    return None


def _months(words: Words, today: date) -> str | None:
    words = _strip(words, ("de", "le"), ("pour", "le"), ("en",), ("de",))
    current: dict[Words, int] = {
        ("ce", "mois"): 0,
        ("ce", "mois", "ci"): 0,
        ("le", "mois", "en", "cours"): 0,
        ("le", "mois", "prochain"): 1,
        ("mois", "prochain"): 1,
        ("le", "mois", "dernier"): -1,
        ("mois", "dernier"): -1,
    }
    if words in current:
        return _month_iso(*_add_months(today, current[words]))
    words = _strip(words, ("le", "mois", "de"), ("a", "le", "mois", "de"), ("mois", "de"))
    if not words or words[0] not in MONTHS:
        return None
    month = MONTHS.index(words[0]) + 1
    if len(words) > 1:
        year = _year(words[1:])
        return _month_iso(year, month) if year is not None else None
    year = today.year if month >= today.month else today.year + 1
    return _month_iso(year, month)


def _year(words: Words) -> int | None:
    year = parse_number(list(words))
    return year if year is not None and 1900 <= year <= 2200 else None


def _day_of_month(words: Words) -> int | None:
    if words in (("premier",), ("1er",)):
        return 1
    day = parse_number(list(words))
    return day if day is not None and 1 <= day <= 31 else None


def _next_day_of_month(day: int, today: date) -> date | None:
    """ "Le 3": the next 3rd of a month, on or after today."""
    for months in range(13):
        year, month = _add_months(today, months)
        found = _safe_date(year, month, day)
        if found is not None and found >= today:
            return found
    return None


def _calendar_day(words: Words, today: date) -> str | None:
    words = _strip(words, ("le",))
    month_at = next((i for i, w in enumerate(words) if w in MONTHS), None)
    if month_at is None:
        only_day = _day_of_month(words)
        found = _next_day_of_month(only_day, today) if only_day is not None else None
        return found.isoformat() if found else None
    day = _day_of_month(words[:month_at])
    if day is None:
        return None
    month = MONTHS.index(words[month_at]) + 1
    rest = words[month_at + 1 :]
    if rest:
        year = _year(rest)
        exact = _safe_date(year, month, day) if year is not None else None
        return exact.isoformat() if exact else None
    found = _next_on_or_after(today, lambda year: _safe_date(year, month, day))
    return found.isoformat() if found else None


def _weekday(words: Words, today: date) -> str | None:
    words = _strip(words, ("le",), ("ce",))
    if not words or words[0] not in WEEKDAYS:
        return None
    rest = words[1:]
    if rest not in ((), ("prochain",), ("qui", "vient")):
        return None
    ahead = (WEEKDAYS.index(words[0]) - today.weekday()) % 7
    if ahead == 0 and rest:
        ahead = 7
    return (today + timedelta(days=ahead)).isoformat()


def _feast(words: Words, today: date) -> str | None:
    words = _strip(words, ("a",), ("pour",))
    candidates = (words, _strip(words, ("le",)), _strip(words, ("le", "jour", "de")))
    make = next((FEASTS[c] for c in candidates if c in FEASTS), None)
    if make is None:
        return None
    found = _next_on_or_after(today, make)
    return found.isoformat() if found else None


def parse_date(tokens: Sequence[str], today: date) -> str | None:
    """The AMAZON.DATE value for normalised `tokens`, or None when they are not a date."""
    words = tuple(tokens)
    if not words:
        return None
    for reader in (_relative, _weeks, _months, _feast):
        found = reader(words, today)
        if found is not None:
            return found
    day_words = _strip_part_of_day(words)
    for reader in (_relative, _weekday, _calendar_day, _feast):
        found = reader(day_words, today)
        if found is not None:
            return found
    return None
