"""Pure parsers and checks for the values staff write: times, dates, ids, URLs, phones, text.

Each function returns the parsed value or raises `BadValue` with a French message that says what
to write instead (the caller prefixes it with the field's location).
"""

from __future__ import annotations

import re
import unicodedata
from datetime import date
from itertools import pairwise
from urllib.parse import urlsplit

from mairie.catalogue.model import TimeRange

MAX_SPEECH_CHARS = 7500
"""Longest text accepted in a spoken field: Alexa refuses answers over 8 000 characters, and the
skill adds its own sentences and SSML around the text."""

ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
_TIME_RE = re.compile(r"(?P<h>\d{1,2})(?:[hH](?P<m1>\d{2})?|:(?P<m2>\d{2}))?")
_RANGE_SPLIT_RE = re.compile(r"\s*(?:-|–|—|\bà\b)\s*")
_MULTI_SPLIT_RE = re.compile(r"\s*(?:,|;|\bet\b)\s*")
_DATE_RE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_MONTH_RE = re.compile(r"(\d{4})-(\d{2})")
_DURATION_RE = re.compile(r"(?:(?:(\d+):)?(\d+):)?(\d+)")
_MOJIBAKE_RE = re.compile(r"Ã[\u0080-\u00bf©¨ª«®´¹»¢§]|â€")
CLOSED_WORDS = frozenset({"fermé", "ferme", "fermée", "fermee"})


class BadValue(ValueError):
    """A value staff wrote that cannot be used; `message` is French and says what to do."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def q(text: object) -> str:
    """French quotation marks around a value."""
    return f"« {text} »"


def french_list(items: list[str]) -> str:
    """ "a", "a et b", "a, b et c"."""
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + " et " + items[-1]


def format_minutes(minutes: int) -> str:
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def format_range(time_range: TimeRange) -> str:
    return f"{format_minutes(time_range.opens)}-{format_minutes(time_range.closes)}"


def slugify(text: str) -> str:
    """A valid id made from any text, to suggest one: "Piscine Aquazena" → "piscine-aquazena"."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii").lower()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or "mon-identifiant"


def strip_accents(text: str) -> str:
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")


def parse_id(raw: str) -> str:
    if ID_RE.fullmatch(raw):
        return raw
    raise BadValue(
        f"{q(raw)} n'est pas un identifiant valide ; utilisez seulement des lettres minuscules sans "
        f"accents, des chiffres et des tirets, par exemple {q(slugify(raw))}."
    )


def parse_time(raw: str) -> int:
    """ "8h30", "08:30", "8h", "24:00" → minutes since midnight."""
    match = _TIME_RE.fullmatch(raw.strip())
    if not match:
        raise ValueError(raw)
    hours = int(match["h"])
    minutes = int(match["m1"] or match["m2"] or 0)
    if minutes > 59 or hours > 24 or (hours == 24 and minutes):
        raise ValueError(raw)
    return hours * 60 + minutes


def parse_range(raw: str) -> TimeRange:
    """ "08:30-12:00", "8h30-12h", "8h30 à 12h" → a range; errors name the bad text."""
    parts = _RANGE_SPLIT_RE.split(raw.strip())
    try:
        if len(parts) != 2:
            raise ValueError(raw)
        opens, closes = parse_time(parts[0]), parse_time(parts[1])
    except ValueError:
        raise BadValue(f"{q(raw)} n'est pas une heure valide ; écrivez par exemple {q('08:30-12:00')}.") from None
    if closes <= opens:
        raise BadValue(
            f"{q(raw)} finit avant de commencer ; l'heure de fin doit être après l'heure de début "
            "(une plage ne peut pas passer minuit)."
        )
    return TimeRange(opens, closes)


def split_ranges(raw: str) -> list[str]:
    """ "08:30-12:00, 13:30-17:00" or "… et …" → the separate ranges."""
    return [part for part in _MULTI_SPLIT_RE.split(raw.strip()) if part]


def is_closed_word(raw: str) -> bool:
    return raw.strip().lower() in CLOSED_WORDS


def sorted_day(ranges: list[TimeRange]) -> tuple[TimeRange, ...]:
    """Sort the ranges of one day; raise if two of them overlap."""
    ordered = sorted(ranges, key=lambda r: (r.opens, r.closes))
    for before, after in pairwise(ordered):
        if after.opens < before.closes:
            raise BadValue(
                f"les plages {q(format_range(before))} et {q(format_range(after))} se chevauchent ; "
                "corrigez-les ou réunissez-les en une seule."
            )
    return tuple(ordered)


def parse_date(raw: str) -> date:
    match = _DATE_RE.fullmatch(raw.strip())
    if not match:
        raise BadValue(
            f"{q(raw)} n'est pas une date au format attendu ; écrivez l'année, le mois et le jour, "
            f"par exemple {q('2026-12-25')}."
        )
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise BadValue(f"la date {q(raw)} n'existe pas ; vérifiez le jour et le mois.") from None


def parse_month(raw: str) -> date:
    """ "2026-11" → date(2026, 11, 1)."""
    match = _MONTH_RE.fullmatch(raw.strip())
    if not match or not 1 <= int(match[2]) <= 12:
        raise BadValue(f"{q(raw)} n'est pas un mois valide ; écrivez l'année puis le mois, par exemple {q('2026-11')}.")
    return date(int(match[1]), int(match[2]), 1)


def parse_duration(raw: str) -> int:
    """ "25:30" (minutes:secondes), "1:02:03" (heures:minutes:secondes) or seconds → seconds."""
    match = _DURATION_RE.fullmatch(raw.strip())
    if not match:
        raise BadValue(
            f"{q(raw)} n'est pas une durée valide ; écrivez les minutes et les secondes, par exemple {q('25:30')}."
        )
    hours, minutes, seconds = (int(part) if part else 0 for part in match.groups())
    if (match[2] is not None and seconds > 59) or (match[1] is not None and minutes > 59):
        raise BadValue(f"{q(raw)} n'est pas une durée valide : minutes et secondes vont de 00 à 59.")
    return hours * 3600 + minutes * 60 + seconds


def parse_url(raw: str) -> str:
    url = raw.strip()
    parts = urlsplit(url)
    if parts.scheme == "http":
        raise BadValue(
            f"l'adresse {q(url)} doit commencer par {q('https://')} : Alexa n'accepte que les liens sécurisés."
        )
    if parts.scheme != "https" or not parts.netloc or " " in url or "." not in parts.netloc:
        raise BadValue(
            f"{q(url)} n'est pas une adresse web complète ; écrivez par exemple {q('https://www.issy.com')}."
        )
    return url


def parse_phone(raw: str) -> str:
    """French numbers: ten digits ("01 41 23 83 60"), +33, or a short number ("3939", "112")."""
    digits = re.sub(r"[\s.\-]", "", raw)
    if digits.startswith("+33") and len(digits) == 12 and digits[3:].isdigit():
        digits = "0" + digits[3:]
    if len(digits) == 10 and digits.isdigit() and digits.startswith("0"):
        return " ".join(digits[i : i + 2] for i in range(0, 10, 2))
    if re.fullmatch(r"\d{2,4}", raw.strip()):  # short numbers: 3939, 112…
        return raw.strip()
    raise BadValue(
        f"{q(raw)} n'est pas un numéro de téléphone valide ; écrivez les dix chiffres, "
        f"par exemple {q('01 23 45 67 89')}."
    )


def clean_text(raw: str) -> str:
    """Collapse spaces and line breaks (YAML `>` blocks keep a final newline)."""
    return " ".join(raw.split())


def check_spoken(text: str) -> None:
    """Raise if the text cannot be spoken safely by Alexa."""
    for char in text:
        if unicodedata.category(char) in ("Cc", "Cs", "Co") and char not in "\t\n\r":
            raise BadValue(
                f"le texte contient un caractère invisible interdit (code U+{ord(char):04X}) ; supprimez-le."
            )
    for char in "<>":
        if char in text:
            raise BadValue(
                f"le texte contient {q(char)} ; les balises (SSML, HTML) ne sont pas permises : "
                "écrivez seulement le texte à lire."
            )
    mojibake = _MOJIBAKE_RE.search(text)
    if mojibake:
        raise BadValue(
            f"le texte contient {q(mojibake.group())}, signe d'un problème d'encodage ; enregistrez le "
            "fichier en UTF-8 et retapez les lettres accentuées."
        )
    if len(text) > MAX_SPEECH_CHARS:
        raise BadValue(
            f"le texte fait {_thousands(len(text))} caractères, c'est trop long pour être lu par "
            f"Alexa (au plus {_thousands(MAX_SPEECH_CHARS)}) ; raccourcissez-le ou découpez-le."
        )


def _thousands(number: int) -> str:
    return f"{number:,}".replace(",", " ")
