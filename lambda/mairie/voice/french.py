"""Small pieces of spoken French: times, durations, days, dates, lists, articles and agreement.

Everything returns plain text for text-to-speech (and cards): numbers as digits, which Alexa reads
well ("9 heures 30" → "neuf heures trente"), except "une" where a digit could be read "un".
Clock times are written as words, never with `say-as time`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import date

WEEKDAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
MONTHS = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
_NUMBERS = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
    "dix-sept",
    "dix-huit",
    "dix-neuf",
    "vingt",
)
_VOWELS = frozenset("aeiouyàâäéèêëîïôöùûüœæ")
_ELIDED = re.compile(r"^[lL]['’]")


# --- Times and durations -------------------------------------------------------------------------


def say_time(minutes: int) -> str:
    """A time of day, spoken: "9 heures", "9 heures 30", "midi", "12 heures 30", "minuit", "une heure".

    Accepts 0..1440 (1440 and 0 are "minuit"); 00:30 is "0 heure 30".
    """
    if not 0 <= minutes <= 1440:
        raise ValueError(f"not a time of day: {minutes} minutes")
    hours, rest = divmod(minutes % 1440, 60)
    if rest == 0:
        if hours == 0:
            return "minuit"
        if hours == 12:
            return "midi"
    return f"{_hours(hours)} {rest}" if rest else _hours(hours)


def write_time(minutes: int) -> str:
    """A time of day as written in French (cards): "8 h 30", "12 h", "24 h"."""
    if not 0 <= minutes <= 1440:
        raise ValueError(f"not a time of day: {minutes} minutes")
    hours, rest = divmod(minutes, 60)
    return f"{hours} h {rest:02d}" if rest else f"{hours} h"


def say_duration_minutes(n: int) -> str:
    """A duration: "20 minutes", "une minute", "une heure", "une heure 15", "2 heures"."""
    if n < 0:
        raise ValueError(f"negative duration: {n}")
    hours, rest = divmod(n, 60)
    if hours == 0:
        return "une minute" if rest == 1 else f"{rest} minutes" if rest else "0 minute"
    return f"{_hours(hours)} {rest}" if rest else _hours(hours)


def _hours(hours: int) -> str:
    return "une heure" if hours == 1 else f"{hours} heure" if hours == 0 else f"{hours} heures"


# --- Days and dates ------------------------------------------------------------------------------


def weekday_name(i: int) -> str:
    """0 → "lundi" … 6 → "dimanche"."""
    return WEEKDAYS[i]


def say_full_date(day: date, *, weekday: bool = True, year: bool = False) -> str:
    """ "lundi 28 décembre", "vendredi 1er janvier"; without weekday "1er janvier"; with year "… 2027"."""
    text = f"{day_of_month(day.day)} {MONTHS[day.month - 1]}"
    if weekday:
        text = f"{WEEKDAYS[day.weekday()]} {text}"
    return f"{text} {day.year}" if year else text


def say_date(day: date, today: date) -> str:
    """A date relative to today: "aujourd'hui", "demain", "hier", "lundi" (within 6 days), otherwise
    "lundi 28 décembre" (with the year when it is not obvious)."""
    delta = (day - today).days
    if delta == 0:
        return "aujourd'hui"
    if delta == 1:
        return "demain"
    if delta == -1:
        return "hier"
    if 1 < delta < 7:
        return WEEKDAYS[day.weekday()]
    return say_full_date(day, year=day.year != today.year and abs(delta) > 180)


def say_date_span(first: date, last: date, today: date) -> str:
    """ "du lundi 28 au jeudi 31 décembre", "du jeudi 31 décembre au samedi 2 janvier"; one day:
    "le lundi 28 décembre"."""
    with_year = abs((last - today).days) > 180 and last.year != today.year
    if first == last:
        return f"le {say_full_date(first, year=with_year)}"
    if (first.year, first.month) == (last.year, last.month):
        start = f"{WEEKDAYS[first.weekday()]} {day_of_month(first.day)}"
    else:
        start = say_full_date(first, year=with_year and first.year != last.year)
    return f"du {start} au {say_full_date(last, year=with_year)}"


def day_of_month(n: int) -> str:
    """1 → "1er", other days as digits."""
    return "1er" if n == 1 else str(n)


# --- Numbers and lists ---------------------------------------------------------------------------


def say_count(n: int, feminine: bool = False) -> str:
    """A small count in words ("une", "deux", … "vingt"), digits beyond."""
    if n == 1:
        return "une" if feminine else "un"
    return _NUMBERS[n] if 0 <= n < len(_NUMBERS) else str(n)


SPOKEN_LIST_MAX = 5
"""Items of a list said in one answer at most: Amazon's design guide recommends having Alexa read two to
five results of a list (developer.amazon.com/ja/docs/alexa-design/lists.html, "Lists", best practices).
Beyond, the answer says how many there are and the card (Alexa app) or the screen carries them all."""


def join_list(items: Sequence[str], conjunction: str = "et") -> str:
    """ "a", "a et b", "a, b et c" (or "ou")."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return items[0] if items else ""
    return f"{', '.join(items[:-1])} {conjunction} {items[-1]}"


# --- Articles, prepositions, agreement -----------------------------------------------------------


def de(name: str) -> str:
    """ "la piscine" → "de la piscine", "le musée" → "du musée", "les" → "des", "l'hôtel" →
    "de l'hôtel", "Issy" → "d'Issy", "Paris" → "de Paris"."""
    return _contract(name, le="du", les="des", other="de")


def a(name: str) -> str:
    """ "la piscine" → "à la piscine", "le musée" → "au musée", "les" → "aux", "l'hôtel" →
    "à l'hôtel", "Issy" → "à Issy"."""
    return _contract(name, le="au", les="aux", other="à")


def _contract(name: str, *, le: str, les: str, other: str) -> str:
    name = name.strip()
    first, _, rest = name.partition(" ")
    article = first.lower()
    if rest and article == "le":
        return f"{le} {rest}"
    if rest and article == "les":
        return f"{les} {rest}"
    if (rest and article == "la") or _ELIDED.match(name):
        return f"{other} {name}"
    if other == "de" and starts_with_vowel(name):
        return f"d'{name}"
    return f"{other} {name}"


def starts_with_vowel(word: str) -> bool:
    """True before a vowel sound we can be sure of (a mute "h" is not guessed)."""
    return bool(word) and word[0].lower() in _VOWELS


def capitalize_first(text: str) -> str:
    """Upper-case the first letter only: "l'hôtel de ville" → "L'hôtel de ville"."""
    return text[:1].upper() + text[1:]


def pronoun(feminine: bool) -> str:
    """ "elle" or "il"."""
    return "elle" if feminine else "il"


def agree(masculine: str, feminine: bool, plural: bool = False) -> str:
    """Regular agreement of an adjective or participle: "ouvert" → "ouverte", "ouverts", "fermées"."""
    word = f"{masculine}e" if feminine and not masculine.endswith("e") else masculine
    return f"{word}s" if plural and not word.endswith("s") else word


def pluralize(noun: str) -> str:
    """Best-effort plural of a kind ("piscine" → "piscines", "centre de loisirs" → "centres de
    loisirs", "bureau de poste" → "bureaux de poste", "hôpital" → "hôpitaux")."""
    head, sep, tail = noun.partition(" ")
    if head.endswith(("s", "x", "z")):
        plural = head
    elif head.endswith(("au", "eau", "eu")):
        plural = f"{head}x"
    elif head.endswith("al") and head not in {"bal", "festival", "carnaval", "récital"}:
        plural = f"{head[:-2]}aux"
    else:
        plural = f"{head}s"
    return f"{plural}{sep}{tail}"
