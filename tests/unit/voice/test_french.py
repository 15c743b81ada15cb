"""Spoken French helpers."""

from __future__ import annotations

from datetime import date

import pytest

from mairie.voice.french import (
    a,
    agree,
    capitalize_first,
    day_of_month,
    de,
    join_list,
    pluralize,
    pronoun,
    say_count,
    say_date,
    say_date_span,
    say_duration_minutes,
    say_full_date,
    say_time,
    weekday_name,
    write_time,
)

TODAY = date(2026, 12, 23)  # a Wednesday


@pytest.mark.parametrize(
    ("minutes", "spoken"),
    [
        (0, "minuit"),
        (30, "0 heure 30"),
        (60, "une heure"),
        (75, "une heure 15"),
        (9 * 60, "9 heures"),
        (9 * 60 + 5, "9 heures 5"),
        (9 * 60 + 30, "9 heures 30"),
        (12 * 60, "midi"),
        (12 * 60 + 30, "12 heures 30"),
        (18 * 60 + 45, "18 heures 45"),
        (21 * 60, "21 heures"),
        (1440, "minuit"),
    ],
)
def test_say_time(minutes: int, spoken: str) -> None:
    assert say_time(minutes) == spoken


@pytest.mark.parametrize("minutes", [-1, 1441])
def test_say_time_refuses_what_is_not_a_time(minutes: int) -> None:
    with pytest.raises(ValueError):
        say_time(minutes)
    with pytest.raises(ValueError):
        write_time(minutes)


@pytest.mark.parametrize(
    ("minutes", "written"),
    [(0, "0 h"), (8 * 60 + 30, "8 h 30"), (9 * 60 + 5, "9 h 05"), (720, "12 h"), (1440, "24 h")],
)
def test_write_time(minutes: int, written: str) -> None:
    assert write_time(minutes) == written


@pytest.mark.parametrize(
    ("minutes", "spoken"),
    [
        (0, "0 minute"),
        (1, "une minute"),
        (20, "20 minutes"),
        (60, "une heure"),
        (75, "une heure 15"),
        (120, "2 heures"),
        (135, "2 heures 15"),
    ],
)
def test_say_duration_minutes(minutes: int, spoken: str) -> None:
    assert say_duration_minutes(minutes) == spoken


def test_say_duration_refuses_negative() -> None:
    with pytest.raises(ValueError):
        say_duration_minutes(-5)


def test_weekday_name() -> None:
    assert [weekday_name(i) for i in range(7)] == [
        "lundi",
        "mardi",
        "mercredi",
        "jeudi",
        "vendredi",
        "samedi",
        "dimanche",
    ]


@pytest.mark.parametrize(
    ("day", "spoken"),
    [
        (date(2026, 12, 23), "aujourd'hui"),
        (date(2026, 12, 24), "demain"),
        (date(2026, 12, 22), "hier"),
        (date(2026, 12, 26), "samedi"),
        (date(2026, 12, 29), "mardi"),  # six days ahead
        (date(2026, 12, 30), "mercredi 30 décembre"),  # same weekday as today: the date
        (date(2027, 1, 1), "vendredi 1er janvier"),
        (date(2026, 12, 14), "lundi 14 décembre"),
        (date(2027, 8, 2), "lundi 2 août 2027"),  # far ahead in another year
    ],
)
def test_say_date(day: date, spoken: str) -> None:
    assert say_date(day, TODAY) == spoken


@pytest.mark.parametrize(
    ("day", "weekday", "year", "spoken"),
    [
        (date(2026, 12, 28), True, False, "lundi 28 décembre"),
        (date(2027, 1, 1), False, False, "1er janvier"),
        (date(2027, 2, 1), True, True, "lundi 1er février 2027"),
    ],
)
def test_say_full_date(day: date, weekday: bool, year: bool, spoken: str) -> None:
    assert say_full_date(day, weekday=weekday, year=year) == spoken
    assert f"le {say_full_date(date(2027, 1, 1), weekday=False)}" == "le 1er janvier"


@pytest.mark.parametrize(
    ("first", "last", "spoken"),
    [
        (date(2026, 12, 28), date(2026, 12, 31), "du lundi 28 au jeudi 31 décembre"),
        (date(2026, 12, 31), date(2027, 1, 2), "du jeudi 31 décembre au samedi 2 janvier"),
        (date(2026, 12, 28), date(2026, 12, 28), "le lundi 28 décembre"),
    ],
)
def test_say_date_span(first: date, last: date, spoken: str) -> None:
    assert say_date_span(first, last, TODAY) == spoken


def test_day_of_month() -> None:
    assert [day_of_month(n) for n in (1, 2, 31)] == ["1er", "2", "31"]


@pytest.mark.parametrize(
    ("items", "conjunction", "joined"),
    [
        ([], "et", ""),
        (["a"], "et", "a"),
        (["a", "b"], "et", "a et b"),
        (["a", "b", "c"], "et", "a, b et c"),
        (["a", "", "c"], "ou", "a ou c"),
    ],
)
def test_join_list(items: list[str], conjunction: str, joined: str) -> None:
    assert join_list(items, conjunction) == joined


@pytest.mark.parametrize(
    ("name", "with_de", "with_a"),
    [
        ("la piscine Aquazena", "de la piscine Aquazena", "à la piscine Aquazena"),
        ("le musée", "du musée", "au musée"),
        ("Le Cube", "du Cube", "au Cube"),
        ("les archives", "des archives", "aux archives"),
        ("l'hôtel de ville", "de l'hôtel de ville", "à l'hôtel de ville"),
        ("l’espace jeunes", "de l’espace jeunes", "à l’espace jeunes"),
        ("Issy-les-Moulineaux", "d'Issy-les-Moulineaux", "à Issy-les-Moulineaux"),
        ("Élancourt", "d'Élancourt", "à Élancourt"),
        ("Point d'Appui", "de Point d'Appui", "à Point d'Appui"),
        ("Lemoine", "de Lemoine", "à Lemoine"),
        ("Hugo", "de Hugo", "à Hugo"),  # a mute h is not guessed
    ],
)
def test_de_and_a(name: str, with_de: str, with_a: str) -> None:
    assert de(name) == with_de
    assert a(name) == with_a


@pytest.mark.parametrize(
    ("text", "capitalized"), [("l'hôtel", "L'hôtel"), ("à demain", "À demain"), ("", ""), ("éte", "Éte")]
)
def test_capitalize_first(text: str, capitalized: str) -> None:
    assert capitalize_first(text) == capitalized


def test_pronoun_and_agreement() -> None:
    assert (pronoun(True), pronoun(False)) == ("elle", "il")
    assert [agree("ouvert", f) for f in (True, False)] == ["ouverte", "ouvert"]
    assert [agree("fermé", f) for f in (True, False)] == ["fermée", "fermé"]
    assert [agree("ouvert", f, plural=True) for f in (True, False)] == ["ouvertes", "ouverts"]
    assert agree("seul", True) == "seule"


@pytest.mark.parametrize(
    ("n", "feminine", "spoken"),
    [(1, True, "une"), (1, False, "un"), (2, True, "deux"), (20, False, "vingt"), (21, False, "21")],
)
def test_say_count(n: int, feminine: bool, spoken: str) -> None:
    assert say_count(n, feminine) == spoken


@pytest.mark.parametrize(
    ("singular", "plural"),
    [
        ("piscine", "piscines"),
        ("médiathèque", "médiathèques"),
        ("centre de loisirs", "centres de loisirs"),
        ("bureau de poste", "bureaux de poste"),
        ("hôpital", "hôpitaux"),
        ("festival", "festivals"),
        ("parc", "parcs"),
    ],
)
def test_pluralize(singular: str, plural: str) -> None:
    assert pluralize(singular) == plural
