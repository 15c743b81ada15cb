"""The exact French sentences about opening hours (Europe/Paris, fixed instants)."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from mairie.catalogue.model import DateException, DayRanges, Facility, SeasonalPeriod, TimeRange, WeeklyHours
from mairie.domain.calendar import PublicHolidays
from mairie.voice.hours import (
    hours_card_text,
    say_hours_on,
    say_hours_unknown,
    say_is_open,
    say_next_opening,
    say_open_of_kind,
    say_until_when,
    say_week,
)

PARIS = ZoneInfo("Europe/Paris")
HOLIDAYS = PublicHolidays()


def hm(text: str) -> int:
    hours, minutes = text.split(":")
    return int(hours) * 60 + int(minutes)


def ranges(*spans: str) -> DayRanges:
    return tuple(TimeRange(hm(s.split("-")[0]), hm(s.split("-")[1])) for s in spans)


def every_day(day: DayRanges) -> WeeklyHours:
    return WeeklyHours((day,) * 7)


def at(text: str, fold: int = 0) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=PARIS, fold=fold)


def easter_monday(year: int) -> date:
    a, b, c = year % 19, year // 100, year % 100
    h = (19 * a + b - b // 4 - (b - (b + 8) // 25 + 1) // 3 + 15) % 30
    lk = (32 + 2 * (b % 4) + 2 * (c // 4) - h - c % 4) % 7
    m = (a + 11 * h + 22 * lk) // 451
    month, day = divmod(h + lk - 7 * m + 114, 31)
    return date(year, month, day + 1) + timedelta(days=1)


WORKDAY = ranges("08:30-12:00", "13:30-18:00")
MAIRIE = Facility(
    id="mairie",
    name="la mairie",
    kind="mairie",
    feminine=True,
    address="62 rue du Général-Leclerc, 92130 Issy-les-Moulineaux",
    phone="01 41 23 80 00",
    website="https://www.issy.com",
    weekly=WeeklyHours(
        (WORKDAY, WORKDAY, WORKDAY, ranges("08:30-12:00", "13:30-19:00"), WORKDAY, ranges("08:30-12:00"), ())
    ),
    exceptions=(DateException(date(2026, 12, 31), date(2026, 12, 31), ranges("08:30-16:00"), "réveillon"),),
)
LIBRARY_DAY = ranges("10:00-19:00")
LIBRARY = Facility(
    id="mediatheque-centre-ville",
    name="la médiathèque centre-ville",
    kind="médiathèque",
    feminine=True,
    weekly=WeeklyHours(
        ((), LIBRARY_DAY, LIBRARY_DAY, LIBRARY_DAY, LIBRARY_DAY, ranges("10:00-18:00"), ranges("14:00-18:00"))
    ),
    periods=(
        SeasonalPeriod(
            "horaires d'été",
            date(2026, 7, 6),
            date(2026, 8, 30),
            WeeklyHours(((),) + (ranges("10:00-13:00"),) * 5 + ((),)),
        ),
    ),
)
AQUAZENA = Facility(
    id="aquazena",
    name="la piscine Aquazena",
    kind="piscine",
    feminine=True,
    weekly=every_day(ranges("09:00-20:00")),
    exceptions=(DateException(date(2026, 12, 28), date(2027, 1, 3), (), "vidange annuelle"),),
)
SEVESTRE = Facility(
    id="sevestre",
    name="la piscine Sevestre",
    kind="piscine",
    feminine=True,
    weekly=WeeklyHours((ranges("12:00-19:00"),) * 6 + ((),)),
)
MUSEUM = Facility(
    id="musee",
    name="le musée de la Carte à jouer",
    kind="musée",
    feminine=False,
    weekly=WeeklyHours(((), (), ranges("10:00-18:00"), ranges("10:00-18:00"), ranges("10:00-18:00"), (), ())),
)
UNKNOWN = Facility(
    id="conservatoire",
    name="le conservatoire",
    kind="conservatoire",
    feminine=False,
    where_to_check="sur le site issy.com",
    phone="01 41 23 00 00",
)


# --- Is it open? ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facility", "instant", "sentence"),
    [
        (LIBRARY, "2026-12-22T15:00", "Oui, la médiathèque centre-ville est ouverte jusqu'à 19 heures."),
        (
            LIBRARY,
            "2026-12-22T18:40",
            "Oui, la médiathèque centre-ville est ouverte, mais elle ferme dans 20 minutes, à 19 heures.",
        ),
        (
            LIBRARY,
            "2026-12-22T18:30",
            "Oui, la médiathèque centre-ville est ouverte, mais elle ferme dans 30 minutes, à 19 heures.",
        ),
        (LIBRARY, "2026-12-22T18:29", "Oui, la médiathèque centre-ville est ouverte jusqu'à 19 heures."),
        (
            MAIRIE,
            "2026-12-28T10:00",
            "Oui, la mairie est ouverte jusqu'à midi, puis de 13 heures 30 à 18 heures.",
        ),
        (
            MAIRIE,
            "2026-12-28T11:45",
            "Oui, la mairie est ouverte, mais elle ferme dans 15 minutes, à midi. Elle rouvre à 13 heures 30.",
        ),
        (MAIRIE, "2026-12-28T12:10", "Non, la mairie est fermée en ce moment. Elle rouvre à 13 heures 30."),
        (MAIRIE, "2026-12-28T07:10", "Non, la mairie est fermée en ce moment. Elle ouvre à 8 heures 30."),
        (
            MAIRIE,
            "2026-12-28T18:05",
            "Non, la mairie est fermée en ce moment. Elle rouvre demain à 8 heures 30.",
        ),
        (
            MAIRIE,
            "2026-12-26T13:00",
            "Non, la mairie est fermée en ce moment. Elle rouvre lundi 28 décembre à 8 heures 30.",
        ),
        (
            MAIRIE,
            "2026-12-27T10:00",
            "Non, la mairie est fermée aujourd'hui. Elle rouvre demain à 8 heures 30.",
        ),
        (
            MAIRIE,
            "2026-12-25T09:00",
            "Non, la mairie est fermée aujourd'hui : c'est le jour de Noël. Elle rouvre demain à 8 heures 30.",
        ),
        (
            MAIRIE,
            "2027-01-01T09:00",
            "Non, la mairie est fermée aujourd'hui : c'est le jour de l'An. Elle rouvre demain à 8 heures 30.",
        ),
        (MAIRIE, "2026-12-31T15:00", "Oui, la mairie est ouverte jusqu'à 16 heures (réveillon)."),
        (
            AQUAZENA,
            "2026-12-29T10:00",
            "Non, la piscine Aquazena est fermée aujourd'hui (vidange annuelle). "
            "Elle rouvre lundi 4 janvier à 9 heures.",
        ),
        (MUSEUM, "2026-12-23T11:00", "Oui, le musée de la Carte à jouer est ouvert jusqu'à 18 heures."),
        (
            MUSEUM,
            "2026-12-28T11:00",
            "Non, le musée de la Carte à jouer est fermé aujourd'hui. Il rouvre mercredi 30 décembre à 10 heures.",
        ),
    ],
)
def test_say_is_open(facility: Facility, instant: str, sentence: str) -> None:
    assert say_is_open(facility, at(instant), HOLIDAYS) == sentence


@pytest.mark.parametrize("year", [2026, 2027])
def test_say_is_open_on_easter_monday(year: int) -> None:
    now = datetime.combine(easter_monday(year), time(10), PARIS)
    assert say_is_open(MAIRIE, now, HOLIDAYS) == (
        "Non, la mairie est fermée aujourd'hui : c'est le lundi de Pâques. Elle rouvre demain à 8 heures 30."
    )


def test_say_is_open_exceptional_closure_without_reason() -> None:
    closed = Facility(
        "m",
        "la mairie",
        "mairie",
        True,
        weekly=every_day(WORKDAY),
        exceptions=(DateException(date(2026, 6, 3), date(2026, 6, 3), ()),),
    )
    assert say_is_open(closed, at("2026-06-03T10:00"), HOLIDAYS) == (
        "Non, la mairie est exceptionnellement fermée aujourd'hui. Elle rouvre demain à 8 heures 30."
    )


def test_say_is_open_always_open_and_never_open() -> None:
    park = Facility(
        "parc",
        "le parc",
        "parc",
        False,
        weekly=every_day(ranges("00:00-24:00")),
        open_on_public_holidays=True,
    )
    assert say_is_open(park, at("2026-12-25T03:00"), HOLIDAYS) == "Oui, le parc est ouvert en ce moment."
    kiosk = Facility("kiosque", "le kiosque", "kiosque", False, weekly=every_day(()))
    assert say_is_open(kiosk, at("2026-12-22T03:00"), HOLIDAYS) == (
        "Non, le kiosque est fermé aujourd'hui. Je ne sais pas quand il rouvrira."
    )


def test_say_is_open_until_midnight_and_beyond() -> None:
    late = Facility("salle", "la salle", "salle", True, weekly=every_day(ranges("18:00-24:00")))
    assert say_is_open(late, at("2026-12-22T20:00"), HOLIDAYS) == "Oui, la salle est ouverte jusqu'à minuit."
    night = Facility("salle", "la salle", "salle", True, weekly=every_day(ranges("00:00-02:00", "18:00-24:00")))
    assert say_is_open(night, at("2026-12-22T20:00"), HOLIDAYS) == "Oui, la salle est ouverte jusqu'à demain 2 heures."


def test_say_is_open_on_the_night_clocks_go_forward() -> None:
    # Closing "at 02:30" on 2026-03-29 means closing when the clock jumps to 03:00: say what the clock shows.
    night = Facility("salle", "la salle", "salle", True, weekly=every_day(ranges("00:00-02:30")))
    assert say_is_open(night, at("2026-03-29T01:50"), HOLIDAYS) == (
        "Oui, la salle est ouverte, mais elle ferme dans 10 minutes, à 3 heures."
    )


def test_note_and_example_come_last() -> None:
    library = Facility(
        "m",
        "la médiathèque",
        "médiathèque",
        True,
        weekly=every_day(LIBRARY_DAY),
        hours_note="Accès aux espaces de lecture uniquement",
        where_to_check="sur le site des médiathèques.",
        example=True,
    )
    assert say_is_open(library, at("2026-12-22T15:00"), HOLIDAYS) == (
        "Oui, la médiathèque est ouverte jusqu'à 19 heures. Accès aux espaces de lecture uniquement. "
        "Ces horaires sont donnés à titre d'exemple : vérifiez-les sur le site des médiathèques."
    )
    by_website = Facility(
        "m",
        "la médiathèque",
        "médiathèque",
        True,
        weekly=every_day(LIBRARY_DAY),
        website="https://www.issy.com/mediatheques",
        example=True,
    )
    assert say_is_open(by_website, at("2026-12-22T15:00"), HOLIDAYS).endswith(
        "Ces horaires sont donnés à titre d'exemple : vérifiez-les sur le site issy.com."
    )
    nowhere = Facility("m", "la médiathèque", "médiathèque", True, weekly=every_day(LIBRARY_DAY), example=True)
    assert say_is_open(nowhere, at("2026-12-22T15:00"), HOLIDAYS).endswith(
        "Ces horaires sont donnés à titre d'exemple : vérifiez-les avant de vous déplacer."
    )


# --- Until when, next opening --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facility", "instant", "sentence"),
    [
        (MAIRIE, "2026-12-28T10:00", "La mairie est ouverte jusqu'à midi, puis de 13 heures 30 à 18 heures."),
        (
            MAIRIE,
            "2026-12-28T11:45",
            "La mairie ferme dans 15 minutes, à midi, puis rouvre de 13 heures 30 à 18 heures.",
        ),
        (MAIRIE, "2026-12-28T17:40", "La mairie ferme dans 20 minutes, à 18 heures."),
        (MAIRIE, "2026-12-28T12:10", "La mairie est fermée en ce moment. Elle rouvre à 13 heures 30."),
        (
            MAIRIE,
            "2026-12-25T09:00",
            "La mairie est fermée aujourd'hui : c'est le jour de Noël. Elle rouvre demain à 8 heures 30.",
        ),
        (UNKNOWN, "2026-12-28T10:00", say_hours_unknown(UNKNOWN)),
    ],
)
def test_say_until_when(facility: Facility, instant: str, sentence: str) -> None:
    assert say_until_when(facility, at(instant), HOLIDAYS) == sentence


@pytest.mark.parametrize(
    ("facility", "instant", "sentence"),
    [
        (MAIRIE, "2026-12-28T10:00", "La mairie est ouverte en ce moment, jusqu'à midi."),
        (MAIRIE, "2026-12-28T07:00", "La mairie ouvre à 8 heures 30."),
        (MAIRIE, "2026-12-28T12:10", "La mairie rouvre à 13 heures 30."),
        (MAIRIE, "2026-12-26T13:00", "La mairie rouvre lundi 28 décembre à 8 heures 30."),
        (
            MAIRIE,
            "2026-12-25T09:00",
            "La mairie rouvre demain à 8 heures 30. Aujourd'hui, elle est fermée : c'est le jour de Noël.",
        ),
        (
            AQUAZENA,
            "2026-12-29T10:00",
            "La piscine Aquazena rouvre lundi 4 janvier à 9 heures. Aujourd'hui, elle est fermée (vidange annuelle).",
        ),
        (MUSEUM, "2026-12-28T10:00", "Le musée de la Carte à jouer rouvre mercredi 30 décembre à 10 heures."),
    ],
)
def test_say_next_opening(facility: Facility, instant: str, sentence: str) -> None:
    assert say_next_opening(facility, at(instant), HOLIDAYS) == sentence


# --- A given day ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("facility", "day", "sentence"),
    [
        (
            MAIRIE,
            date(2026, 12, 28),
            "Lundi 28 décembre, la mairie est ouverte de 8 heures 30 à midi et de 13 heures 30 à 18 heures.",
        ),
        (
            MAIRIE,
            date(2026, 12, 23),
            "Aujourd'hui, la mairie est ouverte de 8 heures 30 à midi et de 13 heures 30 à 18 heures.",
        ),
        (
            MAIRIE,
            date(2026, 12, 24),
            "Demain, la mairie est ouverte de 8 heures 30 à midi et de 13 heures 30 à 19 heures.",
        ),
        (MAIRIE, date(2026, 12, 26), "Samedi 26 décembre, la mairie est ouverte de 8 heures 30 à midi."),
        (MAIRIE, date(2026, 12, 27), "Dimanche 27 décembre, la mairie est fermée."),
        (MAIRIE, date(2026, 12, 25), "Vendredi 25 décembre, la mairie est fermée : c'est le jour de Noël."),
        (
            MAIRIE,
            date(2026, 12, 22),
            "Hier, la mairie était ouverte de 8 heures 30 à midi et de 13 heures 30 à 18 heures.",
        ),
        (
            MAIRIE,
            date(2026, 12, 31),
            "Jeudi 31 décembre, la mairie est ouverte de 8 heures 30 à 16 heures (réveillon).",
        ),
        (MAIRIE, date(2027, 1, 1), "Vendredi 1er janvier, la mairie est fermée : c'est le jour de l'An."),
        (
            AQUAZENA,
            date(2026, 12, 30),
            "Mercredi 30 décembre, la piscine Aquazena est fermée (vidange annuelle).",
        ),
        (
            AQUAZENA,
            date(2026, 12, 25),
            "Vendredi 25 décembre, la piscine Aquazena est fermée : c'est le jour de Noël.",
        ),
        (
            LIBRARY,
            date(2027, 7, 14),
            "Mercredi 14 juillet 2027, la médiathèque centre-ville est fermée : c'est la fête nationale.",
        ),
        (MUSEUM, date(2026, 12, 28), "Lundi 28 décembre, le musée de la Carte à jouer est fermé."),
    ],
)
def test_say_hours_on(facility: Facility, day: date, sentence: str) -> None:
    assert say_hours_on(facility, day, at("2026-12-23T10:00"), HOLIDAYS) == sentence


def test_say_hours_on_in_a_period_and_on_a_holiday_when_open() -> None:
    now = at("2026-07-10T10:00")
    assert say_hours_on(LIBRARY, date(2026, 7, 15), now, HOLIDAYS) == (
        "Mercredi 15 juillet, la médiathèque centre-ville est ouverte de 10 heures à 13 heures (horaires d'été)."
    )
    pool = Facility(
        "p",
        "la piscine",
        "piscine",
        True,
        weekly=every_day(ranges("09:00-13:00")),
        open_on_public_holidays=True,
    )
    assert say_hours_on(pool, date(2026, 7, 14), now, HOLIDAYS) == (
        "Mardi 14 juillet, la piscine est ouverte de 9 heures à 13 heures, même si c'est la fête nationale."
    )


# --- The week ------------------------------------------------------------------------------------


def test_say_week_with_a_holiday() -> None:
    assert say_week(MAIRIE, at("2026-12-21T10:00"), HOLIDAYS) == (
        "La mairie est ouverte du lundi au mercredi et le vendredi, de 8 heures 30 à midi et de 13 "
        "heures 30 à "
        "18 heures. Le jeudi, de 8 heures 30 à midi et de 13 heures 30 à 19 heures. Le samedi, de 8 "
        "heures 30 à "
        "midi. Elle est fermée le dimanche. Attention, vendredi 25 décembre, elle est fermée : c'est "
        "le jour de Noël."
    )


def test_say_week_groups_and_special_hours() -> None:
    assert say_week(MAIRIE, at("2026-12-28T10:00"), HOLIDAYS).endswith(
        "Elle est fermée le dimanche. Attention, jeudi 31 décembre, elle est ouverte de 8 heures 30 "
        "à 16 heures "
        "(réveillon). Vendredi 1er janvier, elle est fermée : c'est le jour de l'An."
    )


def test_say_week_with_a_closure_running_past_the_week() -> None:
    assert say_week(AQUAZENA, at("2026-12-29T10:00"), HOLIDAYS) == (
        "La piscine Aquazena est ouverte tous les jours de 9 heures à 20 heures. "
        "Attention, jusqu'au dimanche 3 janvier, elle est fermée (vidange annuelle)."
    )
    assert say_week(AQUAZENA, at("2026-12-24T10:00"), HOLIDAYS) == (
        "La piscine Aquazena est ouverte tous les jours de 9 heures à 20 heures. "
        "Attention, demain, elle est fermée : c'est le jour de Noël. "
        "Du lundi 28 décembre au dimanche 3 janvier, elle est fermée (vidange annuelle)."
    )


def test_say_week_when_a_period_starts_or_is_running() -> None:
    assert say_week(LIBRARY, at("2026-07-02T10:00"), HOLIDAYS) == (
        "La médiathèque centre-ville est ouverte du mardi au vendredi de 10 heures à 19 heures. Le "
        "samedi, de "
        "10 heures à 18 heures. Le dimanche, de 14 heures à 18 heures. Elle est fermée le lundi. "
        "À partir du lundi 6 juillet (horaires d'été), elle est ouverte du mardi au samedi de 10 heures à "
        "13 heures. Elle est fermée le lundi et le dimanche."
    )
    assert say_week(LIBRARY, at("2026-08-10T10:00"), HOLIDAYS) == (
        "Jusqu'au dimanche 30 août (horaires d'été), la médiathèque centre-ville est ouverte du "
        "mardi au samedi "
        "de 10 heures à 13 heures. Elle est fermée le lundi et le dimanche. "
        "Attention, samedi 15 août, elle est fermée : c'est l'Assomption."
    )


def test_say_week_closed_all_week_and_unknown() -> None:
    kiosk = Facility("kiosque", "le kiosque", "kiosque", False, weekly=every_day(()))
    assert say_week(kiosk, at("2026-12-21T10:00"), HOLIDAYS) == "Le kiosque est fermé tous les jours."
    assert say_week(UNKNOWN, at("2026-12-21T10:00"), HOLIDAYS) == say_hours_unknown(UNKNOWN)


# --- Facilities of a kind ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("instant", "sentence"),
    [
        (
            "2027-01-04T15:00",
            "Les deux piscines sont ouvertes en ce moment : la piscine Aquazena jusqu'à 20 heures "
            "et la piscine Sevestre jusqu'à 19 heures.",
        ),
        (
            "2027-01-04T10:00",
            "Une seule piscine est ouverte en ce moment : la piscine Aquazena jusqu'à 20 heures. "
            "La piscine Sevestre est fermée.",
        ),
        (
            "2026-12-29T10:00",
            "Aucune piscine n'est ouverte en ce moment. La première à ouvrir sera la piscine Sevestre, à midi.",
        ),
        (
            "2027-01-03T21:00",
            "Aucune piscine n'est ouverte en ce moment. La première à ouvrir sera la piscine Aquazena, "
            "demain à 9 heures.",
        ),
    ],
)
def test_say_open_of_kind(instant: str, sentence: str) -> None:
    assert say_open_of_kind([AQUAZENA, SEVESTRE], at(instant), HOLIDAYS) == sentence


def test_say_open_of_kind_ties_unknown_single_and_empty() -> None:
    twin = Facility("t", "la piscine du parc", "piscine", True, weekly=SEVESTRE.weekly)
    pools = [SEVESTRE, twin, Facility("x", "la piscine des Épinettes", "piscine", True)]
    assert say_open_of_kind(pools, at("2026-12-28T10:00"), HOLIDAYS) == (
        "Aucune piscine n'est ouverte en ce moment. La piscine Sevestre et la piscine du parc "
        "ouvriront à midi. "
        "Je n'ai pas les horaires de la piscine des Épinettes."
    )
    assert say_open_of_kind([MUSEUM], at("2026-12-23T11:00"), HOLIDAYS) == (
        "Le musée de la Carte à jouer est ouvert jusqu'à 18 heures."
    )
    museums = [MUSEUM, Facility("m2", "le musée de l'eau", "musée", False, weekly=MUSEUM.weekly)]
    assert say_open_of_kind(museums, at("2026-12-23T11:00"), HOLIDAYS, kind_plural="musées") == (
        "Les deux musées sont ouverts en ce moment : le musée de la Carte à jouer jusqu'à 18 heures "
        "et le musée de l'eau jusqu'à 18 heures."
    )
    assert say_open_of_kind([], at("2026-12-23T11:00"), HOLIDAYS) == "Je ne connais pas d'équipement de ce type."


# --- Hours unknown, card -------------------------------------------------------------------------


def test_say_hours_unknown() -> None:
    assert say_hours_unknown(UNKNOWN) == (
        "Je n'ai pas les horaires du conservatoire. Vous pouvez les vérifier sur le site issy.com, "
        "ou appeler le 01 41 23 00 00."
    )
    library = Facility(
        "m", "la médiathèque centre-ville", "médiathèque", True, website="https://www.issy.com/mediatheques"
    )
    assert say_hours_unknown(library) == (
        "Je n'ai pas les horaires de la médiathèque centre-ville. Vous pouvez les vérifier sur le site issy.com."
    )
    bare = Facility("h", "l'espace jeunes", "espace", False, phone="01 02 03 04 05", hours_note="Sur rendez-vous.")
    assert say_hours_unknown(bare) == (
        "Je n'ai pas les horaires de l'espace jeunes. Vous pouvez appeler le 01 02 03 04 05. Sur rendez-vous."
    )
    assert say_hours_unknown(Facility("x", "le kiosque", "kiosque", False)) == "Je n'ai pas les horaires du kiosque."


def test_hours_card_text() -> None:
    assert hours_card_text(MAIRIE, at("2026-12-21T10:00"), HOLIDAYS) == "\n".join(
        [
            "Adresse : 62 rue du Général-Leclerc, 92130 Issy-les-Moulineaux",
            "Téléphone : 01 41 23 80 00",
            "Horaires :",
            "Lundi 21 décembre : 8 h 30 – 12 h, 13 h 30 – 18 h",
            "Mardi 22 décembre : 8 h 30 – 12 h, 13 h 30 – 18 h",
            "Mercredi 23 décembre : 8 h 30 – 12 h, 13 h 30 – 18 h",
            "Jeudi 24 décembre : 8 h 30 – 12 h, 13 h 30 – 19 h",
            "Vendredi 25 décembre : fermée (jour férié)",
            "Samedi 26 décembre : 8 h 30 – 12 h",
            "Dimanche 27 décembre : fermée",
            "Site : https://www.issy.com",
        ]
    )


def test_hours_card_text_closure_example_and_unknown() -> None:
    pool = Facility(
        "p",
        "la piscine Aquazena",
        "piscine",
        True,
        weekly=AQUAZENA.weekly,
        exceptions=(
            *AQUAZENA.exceptions,
            DateException(date(2027, 1, 4), date(2027, 1, 4), ranges("12:00-20:00"), "reprise"),
        ),
        hours_note="Évacuation des bassins 15 minutes avant la fermeture.",
        website="https://www.issy.com/piscines",
        example=True,
    )
    text = hours_card_text(pool, at("2027-01-02T10:00"), HOLIDAYS)
    assert text.splitlines() == [
        "Horaires :",
        "Samedi 2 janvier : fermée (vidange annuelle)",
        "Dimanche 3 janvier : fermée (vidange annuelle)",
        "Lundi 4 janvier : 12 h – 20 h (reprise)",
        "Mardi 5 janvier : 9 h – 20 h",
        "Mercredi 6 janvier : 9 h – 20 h",
        "Jeudi 7 janvier : 9 h – 20 h",
        "Vendredi 8 janvier : 9 h – 20 h",
        "Évacuation des bassins 15 minutes avant la fermeture.",
        "Ces horaires sont donnés à titre d'exemple : vérifiez-les sur https://www.issy.com/piscines.",
    ]
    assert hours_card_text(UNKNOWN, at("2027-01-02T10:00"), HOLIDAYS) == (
        "Téléphone : 01 41 23 00 00\nHoraires : non disponibles."
    )
