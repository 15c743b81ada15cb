"""Sentences about hours at their edges: when the year is said, a period starting tomorrow or
ending, what lies exactly a week ahead, a past holiday, a facility that never closes, staff notes
that end with their own punctuation, a website written without « https:// »."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from mairie.catalogue.model import DateException, Facility, SeasonalPeriod, TimeRange, WeeklyHours
from mairie.domain.calendar import PublicHolidays
from mairie.voice.hours import (
    hours_card_text,
    say_hours_on,
    say_hours_today,
    say_hours_unknown,
    say_next_opening,
    say_open_of_kind,
    say_until_when,
    say_week,
)

PARIS = ZoneInfo("Europe/Paris")
HOLIDAYS = PublicHolidays()
TODAY = date(2026, 11, 26)  # a Thursday
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS)
NINE_TO_SIX = (TimeRange(9 * 60, 18 * 60),)
WEEKDAYS = WeeklyHours((NINE_TO_SIX,) * 5 + ((), ()))
WINTER = WeeklyHours(((TimeRange(10 * 60, 16 * 60),),) * 5 + ((), ()))
ALWAYS = WeeklyHours(((TimeRange(0, 1440),),) * 7)


def museum(**changes: object) -> Facility:
    fields: dict[str, object] = {"id": "musee", "name": "le musée", "kind": "musée", "feminine": False}
    fields["weekly"] = WEEKDAYS
    fields.update(changes)
    return Facility(**fields)  # type: ignore[arg-type]


def test_the_year_is_said_for_a_day_more_than_six_months_away_in_another_year() -> None:
    facility = museum()
    in_180_days, in_181_days = TODAY + timedelta(days=180), TODAY + timedelta(days=181)
    assert say_hours_on(facility, in_180_days, NOW, HOLIDAYS).startswith("Mardi 25 mai, le musée est ouvert")
    assert say_hours_on(facility, in_181_days, NOW, HOLIDAYS).startswith("Mercredi 26 mai 2027, le musée est ouvert")


def test_a_past_holiday_is_said_in_the_past() -> None:
    armistice = say_hours_on(museum(), date(2026, 11, 11), NOW, HOLIDAYS)
    assert armistice == "Mercredi 11 novembre, le musée était fermé : c'était l'Armistice."


def test_a_period_starting_tomorrow_is_announced_with_its_name() -> None:
    winter = SeasonalPeriod("horaires d'hiver", TODAY + timedelta(days=1), date(2027, 2, 28), WINTER)
    assert say_week(museum(periods=(winter,)), NOW, HOLIDAYS) == (
        "Le musée est ouvert du lundi au vendredi de 9 heures à 18 heures. Il est fermé le samedi et le dimanche. "
        "À partir du vendredi 27 novembre (horaires d'hiver), il est ouvert du lundi au vendredi de 10 heures "
        "à 16 heures. Il est fermé le samedi et le dimanche."
    )


def test_a_period_ending_is_followed_by_the_usual_week_without_a_name() -> None:
    autumn = SeasonalPeriod("horaires d'automne", date(2026, 9, 1), TODAY + timedelta(days=2), WINTER)
    assert say_week(museum(periods=(autumn,)), NOW, HOLIDAYS) == (
        "Jusqu'au samedi 28 novembre (horaires d'automne), le musée est ouvert du lundi au vendredi de 10 heures "
        "à 16 heures. Il est fermé le samedi et le dimanche. À partir du dimanche 29 novembre, il est ouvert du "
        "lundi au vendredi de 9 heures à 18 heures. Il est fermé le samedi et le dimanche."
    )


def test_what_starts_a_week_ahead_is_not_in_this_weeks_summary() -> None:
    next_thursday = TODAY + timedelta(days=7)
    winter = SeasonalPeriod("horaires d'hiver", next_thursday, date(2027, 2, 28), WINTER)
    closure = DateException(next_thursday, next_thursday, (), "inventaire")
    assert say_week(museum(periods=(winter,), exceptions=(closure,)), NOW, HOLIDAYS) == (
        "Le musée est ouvert du lundi au vendredi de 9 heures à 18 heures. Il est fermé le samedi et le dimanche."
    )


def test_a_closure_from_today_says_until_when_with_the_year_only_when_far() -> None:
    near = DateException(TODAY, TODAY + timedelta(days=180), (), "travaux")
    far = DateException(TODAY, TODAY + timedelta(days=181), (), "travaux")
    assert "Attention, jusqu'au mardi 25 mai, il est fermé (travaux)." in say_week(
        museum(exceptions=(near,)), NOW, HOLIDAYS
    )
    assert "Attention, jusqu'au mercredi 26 mai 2027, il est fermé (travaux)." in say_week(
        museum(exceptions=(far,)), NOW, HOLIDAYS
    )


def test_a_facility_that_never_closes() -> None:
    hall = museum(name="le hall", kind="hall", weekly=ALWAYS, open_on_public_holidays=True)
    assert say_next_opening(hall, NOW, HOLIDAYS) == "Le hall est ouvert en ce moment."
    other = museum(id="hall-2", name="le hall nord", kind="hall", weekly=WEEKDAYS)
    assert say_open_of_kind([hall, other], NOW, HOLIDAYS) == (
        "Les deux halls sont ouverts en ce moment : le hall et le hall nord jusqu'à 18 heures."
    )


def test_today_closed_for_the_rest_of_the_day_says_when_it_reopens() -> None:
    evening = datetime(2026, 11, 26, 19, 0, tzinfo=PARIS)
    assert say_hours_today(museum(), evening, HOLIDAYS) == (
        "Aujourd'hui, le musée est ouvert de 9 heures à 18 heures. Il rouvre demain à 9 heures."
    )
    friday_evening = datetime(2026, 11, 27, 19, 0, tzinfo=PARIS)
    assert say_hours_today(museum(), friday_evening, HOLIDAYS) == (
        "Aujourd'hui, le musée est ouvert de 9 heures à 18 heures. Il rouvre lundi 30 novembre à 9 heures."
    )
    morning = datetime(2026, 11, 26, 8, 0, tzinfo=PARIS)
    assert say_hours_today(museum(), morning, HOLIDAYS) == "Aujourd'hui, le musée est ouvert de 9 heures à 18 heures."


def test_examples_among_facilities_of_a_kind_are_flagged_once() -> None:
    first = museum(example=True, where_to_check="sur le site issy.com")
    second = museum(id="musee-2", name="le musée nord", example=True)
    assert say_open_of_kind([first, second], NOW, HOLIDAYS) == (
        "Les deux musées sont ouverts en ce moment : le musée jusqu'à 18 heures et le musée nord jusqu'à "
        "18 heures. Ces horaires sont donnés à titre d'exemple : vérifiez-les sur le site issy.com."
    )
    unknown = museum(id="musee-3", name="le musée sud", example=True, weekly=None)
    assert say_open_of_kind([museum(), unknown], NOW, HOLIDAYS) == (
        "Un seul musée est ouvert en ce moment : le musée jusqu'à 18 heures. Je n'ai pas les horaires du musée sud."
    )


def test_staff_notes_keep_their_own_final_punctuation() -> None:
    for note in ("Pensez à réserver !", "Besoin d'aide ?", "Et bien plus…", "Sur rendez-vous"):
        said = say_hours_unknown(museum(weekly=None, hours_note=note))
        expected = note if note[-1] in "!?…" else note + "."
        assert said == f"Je n'ai pas les horaires du musée. {expected}"


def test_a_website_written_without_its_scheme_is_still_where_to_check() -> None:
    said = say_hours_unknown(museum(weekly=None, website="www.musee-issy.fr"))
    assert said == "Je n'ai pas les horaires du musée. Vous pouvez les vérifier sur le site musee-issy.fr."


def test_the_card_names_a_closure_without_a_reason() -> None:
    closure = DateException(TODAY + timedelta(days=1), TODAY + timedelta(days=1), ())
    card = hours_card_text(museum(exceptions=(closure,)), NOW, HOLIDAYS)
    assert "Vendredi 27 novembre : fermé (fermeture exceptionnelle)" in card.splitlines()


def test_until_when_thirty_minutes_before_closing_warns() -> None:
    half_past_five = datetime(2026, 11, 26, 17, 30, tzinfo=PARIS)
    assert say_until_when(museum(), half_past_five, HOLIDAYS) == "Le musée ferme dans 30 minutes, à 18 heures."


def test_the_only_one_of_its_kind_closed_now() -> None:
    sunday = datetime(2026, 11, 29, 10, 0, tzinfo=PARIS)
    assert say_open_of_kind([museum()], sunday, HOLIDAYS) == (
        "Le musée est fermé aujourd'hui. Il rouvre demain à 9 heures."
    )


def test_the_card_of_an_example_without_a_website_says_where_to_check() -> None:
    card = hours_card_text(museum(example=True, where_to_check="sur le site issy.com"), NOW, HOLIDAYS)
    assert card.splitlines()[-1] == "Ces horaires sont donnés à titre d'exemple : vérifiez-les sur le site issy.com."
