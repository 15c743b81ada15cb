"""Normalising French utterances, and reading numbers and dates the way Alexa does."""

from __future__ import annotations

from datetime import date

import pytest
from tools_support import THURSDAY

from mairie.tools.numbers import parse_number
from mairie.tools.spoken_dates import easter, parse_date
from mairie.tools.text import normalise, tokenize


@pytest.mark.parametrize(
    ("text", "normalised"),
    [
        ("Alexa, Qu’y a-t-il ?", "alexa que y a t il"),
        ("l'hôtel de ville", "le hotel de ville"),
        ("La Piscine", "le piscine"),
        ("les horaires du conservatoire", "les horaires de le conservatoire"),
        ("aux musées", "a les musees"),
        ("aujourd'hui", "aujourdhui"),
        ("jusqu'à", "jusque a"),
        ("d issy", "de issy"),
        ("Œuvre", "oeuvre"),
    ],
)
def test_normalise(text: str, normalised: str) -> None:
    assert normalise(text) == normalised


@pytest.mark.parametrize(
    ("text", "start", "end", "surface"),
    [
        ("les horaires de l'hôtel de ville", 3, 7, "l'hôtel de ville"),
        ("les horaires du conservatoire", 3, 5, "conservatoire"),
        ("les horaires du conservatoire", 2, 5, "du conservatoire"),
        ("la médiathèque centre-ville", 0, 4, "la médiathèque centre-ville"),
        ("parle-moi d'Issy-les-Moulineaux", 2, 6, "d'issy-les-moulineaux"),
    ],
)
def test_surface_gives_back_the_words_as_written(text: str, start: int, end: int, surface: str) -> None:
    assert tokenize(text).surface(start, end) == surface


@pytest.mark.parametrize(
    ("words", "number"),
    [
        ("zéro", 0),
        ("seize", 16),
        ("dix-neuf", 19),
        ("trente et un", 31),
        ("soixante-dix", 70),
        ("soixante-dix-sept", 77),
        ("quatre-vingt-un", 81),
        ("quatre-vingt-onze", 91),
        ("cent vingt", 120),
        ("neuf cent quatre-vingt-dix-neuf", 999),
        ("mille deux cents", 1200),
        ("deux mille vingt-six", 2026),
        ("2026", 2026),
    ],
)
def test_french_numbers(words: str, number: int) -> None:
    assert parse_number(normalise(words).split()) == number


@pytest.mark.parametrize("words", ["", "vingt dix", "deux trois", "un cent", "un mille", "cent ans", "et un"])
def test_not_numbers(words: str) -> None:
    assert parse_number(normalise(words).split()) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("le 3", "2026-12-03"),
        ("le 26", "2026-11-26"),
        ("le 25 décembre 2027", "2027-12-25"),
        ("le 31 février", None),
        ("le jour de l'an", "2027-01-01"),
        ("la Toussaint", "2027-11-01"),
        ("le 14 juillet", "2027-07-14"),
        ("lundi de Pâques", "2027-03-29"),
        ("la semaine dernière", "2026-W47"),
        ("le mois prochain", "2026-12"),
        ("ce mois-ci", "2026-11"),
        ("le mois dernier", "2026-10"),
        ("décembre deux mille vingt-sept", "2027-12"),
        ("dans trois jours", "2026-11-29"),
        ("maintenant", "PRESENT_REF"),
        ("demain soir", "2026-11-27"),
        ("la piscine", None),
    ],
)
def test_dates(words: str, value: str | None) -> None:
    assert parse_date(normalise(words).split(), THURSDAY) == value


def test_easter() -> None:
    assert [easter(y) for y in (2026, 2027, 2028)] == [date(2026, 4, 5), date(2027, 3, 28), date(2028, 4, 16)]


def test_a_weekend_asked_on_sunday_is_this_one() -> None:
    assert parse_date(["ce", "week", "end"], date(2026, 11, 29)) == "2026-W48-WE"
