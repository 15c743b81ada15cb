"""What a resident hears about gymnasiums' hours (the fixture commune plus three gymnasiums of
tests/fixtures/gymnases.yaml), and the magazine month, through `lambda_handler`.

Thursday 26 November 2026 unless said otherwise (09:00 UTC is 10:00 in Paris).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mairie.catalogue.loader import load_catalogue
from tests.skill.envelopes import intent, send, slot, speech
from tests.skill.on_commune import COMMUNE, commune_with_facilities, content_folder

GYMNASES = COMMUNE.parent / "gymnases.yaml"
THURSDAY = "2026-11-26T09:00:00Z"
MORE = " Puis-je vous aider pour autre chose ?"


@pytest.fixture(scope="module")
def gymnases(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = commune_with_facilities(GYMNASES, tmp_path_factory.mktemp("commune-gymnases"))
    with content_folder(folder):
        yield folder


def facility(facility_id: str) -> dict[str, Any]:
    return slot("facility", "le gymnase", facility_id, "FACILITY")


def said(name: str, slots: list[dict[str, Any]], at: str = THURSDAY) -> str:
    return speech(send(intent(name, slots, at=at)))


def which_are_open(kind: str, said_kind: str, at: str) -> str:
    return said("OpenFacilitiesIntent", [slot("kind", said_kind, kind, "FACILITY_KIND")], at)


def which_gymnasiums_are_open(at: str) -> str:
    return which_are_open("gymnase", "les gymnases", at)


def test_the_week_merges_touching_ranges_says_all_day_and_the_exceptions_with_their_reason(gymnases: Path) -> None:
    assert said("WeekHoursIntent", [facility("gymnase-du-parc")]) == (
        "Le gymnase du Parc est ouvert du lundi au vendredi de 8 heures à 16 heures. "
        "Le samedi, toute la journée. Il est fermé le dimanche. "
        "Attention, samedi 28 novembre, il est ouvert de 10 heures à midi (tournoi de handball). "
        "Lundi 30 novembre, il est fermé (désinfection)." + MORE
    )


def test_a_week_closed_two_days_in_a_row(gymnases: Path) -> None:
    assert said("WeekHoursIntent", [facility("gymnase-sud")]) == (
        "Le gymnase Sud est ouvert du lundi au vendredi de 8 heures à midi. "
        "Il est fermé le samedi et le dimanche." + MORE
    )


def test_exceptional_hours_on_their_day_come_with_their_reason(gymnases: Path) -> None:
    day = [facility("gymnase-du-parc"), slot("date", "2026-11-28")]
    assert said("OpeningHoursIntent", day) == (
        "Samedi 28 novembre, le gymnase du Parc est ouvert de 10 heures à midi (tournoi de handball)." + MORE
    )
    # that Saturday at 11:00 in Paris
    assert said("IsOpenIntent", [facility("gymnase-du-parc")], "2026-11-28T10:00:00Z") == (
        "Oui, le gymnase du Parc est ouvert jusqu'à midi (tournoi de handball)." + MORE
    )


def test_a_one_day_closure_is_accepted_and_said(gymnases: Path) -> None:
    parc = load_catalogue(gymnases).facility("gymnase-du-parc")
    assert parc is not None
    assert [(e.start.isoformat(), e.end.isoformat(), e.ranges, e.reason) for e in parc.exceptions] == [
        ("2026-11-28", "2026-11-28", parc.exceptions[0].ranges, "tournoi de handball"),
        ("2026-11-30", "2026-11-30", (), "désinfection"),
    ]
    day = [facility("gymnase-du-parc"), slot("date", "2026-11-30")]
    assert said("OpeningHoursIntent", day) == "Lundi 30 novembre, le gymnase du Parc est fermé (désinfection)." + MORE
    # the day after, the usual hours are back
    following = [facility("gymnase-du-parc"), slot("date", "2026-12-01")]
    assert said("OpeningHoursIntent", following) == (
        "Mardi 1er décembre, le gymnase du Parc est ouvert de 8 heures à 16 heures." + MORE
    )


def test_one_gymnasium_open_and_the_two_others_closed(gymnases: Path) -> None:
    # Thursday 17:00 in Paris
    assert which_gymnasiums_are_open("2026-11-26T16:00:00Z") == (
        "Un seul gymnase est ouvert en ce moment : le gymnase des Épinettes jusqu'à 19 heures. "
        "Le gymnase du Parc et le gymnase Sud sont fermés." + MORE
    )


def test_two_gymnasiums_open_and_one_closed(gymnases: Path) -> None:
    # Thursday 14:00 in Paris: the Sud closed at noon
    assert which_gymnasiums_are_open("2026-11-26T13:00:00Z") == (
        "Deux gymnases sont ouverts en ce moment : le gymnase du Parc jusqu'à 16 heures et "
        "le gymnase des Épinettes jusqu'à 19 heures. Le gymnase Sud est fermé." + MORE
    )


def test_all_three_open(gymnases: Path) -> None:
    # Thursday 10:00 in Paris
    assert which_gymnasiums_are_open(THURSDAY) == (
        "Les trois gymnases sont ouverts en ce moment : le gymnase du Parc jusqu'à 16 heures, "
        "le gymnase des Épinettes jusqu'à 19 heures et le gymnase Sud jusqu'à midi." + MORE
    )


def test_no_gymnasium_open_says_which_opens_first_past_a_closure(gymnases: Path) -> None:
    # Sunday 10:00 in Paris; on Monday the Parc is closed (désinfection): the Sud opens first
    assert which_gymnasiums_are_open("2026-11-29T09:00:00Z") == (
        "Aucun gymnase n'est ouvert en ce moment. Le premier à ouvrir sera le gymnase Sud, demain à 8 heures." + MORE
    )


def test_no_gymnasium_open_and_two_open_first_together(gymnases: Path) -> None:
    # Thursday 19:30 in Paris
    assert which_gymnasiums_are_open("2026-11-26T18:30:00Z") == (
        "Aucun gymnase n'est ouvert en ce moment. "
        "Le gymnase du Parc et le gymnase Sud ouvriront demain à 8 heures." + MORE
    )


# --- the magazine month --------------------------------------------------------------------------


@pytest.mark.parametrize("resolved", ["2026-11", "2027-11"])
def test_the_november_magazine_asked_in_november_is_this_years(resolved: str) -> None:
    # Alexa may resolve « novembre » to this November or to the next one: the resident means this one
    with content_folder():
        answer = said("MagazineIntent", [slot("month", resolved)], "2026-11-26T09:00:00Z")
    assert answer.startswith("Au sommaire de Point d'Appui de novembre 2026 :")


def test_the_october_magazine_asked_on_the_last_day_of_october_is_this_years() -> None:
    with content_folder():
        answer = said("MagazineIntent", [slot("month", "2026-10")], "2026-10-31T09:00:00Z")
    assert answer.startswith("Au sommaire de Point d'Appui d'octobre 2026 :")


# --- « quels stades sont ouverts samedi ? » ---------------------------------------------------


def of_kind_on(kind: str, said_kind: str, day: str) -> str:
    return said("OpenFacilitiesIntent", [slot("kind", said_kind, kind, "FACILITY_KIND"), slot("date", day)])


def test_each_one_on_the_day_asked_then_those_whose_hours_are_unknown_in_one_sentence(gymnases: Path) -> None:
    assert of_kind_on("stade", "les stades", "2026-11-28") == (
        "Samedi 28 novembre, le stade du Moulin est ouvert de 9 heures à 18 heures. "
        "Je n'ai pas les horaires du stade Nord et du stade Sud. Vous pouvez les vérifier sur le site issy.com." + MORE
    )


def test_the_weekend_is_both_days(gymnases: Path) -> None:
    assert of_kind_on("stade", "les stades", "2026-W48-WE") == (
        "Samedi 28 novembre, le stade du Moulin est ouvert de 9 heures à 18 heures. "
        "Dimanche 29 novembre, le stade du Moulin est fermé. "
        "Je n'ai pas les horaires du stade Nord et du stade Sud. Vous pouvez les vérifier sur le site issy.com." + MORE
    )


def test_every_gymnasium_on_a_day_with_exceptional_hours(gymnases: Path) -> None:
    assert of_kind_on("gymnase", "les gymnases", "2026-11-28") == (
        "Samedi 28 novembre, le gymnase du Parc est ouvert de 10 heures à midi (tournoi de handball). "
        "Samedi 28 novembre, le gymnase des Épinettes est fermé. Samedi 28 novembre, le gymnase Sud est fermé." + MORE
    )


def test_no_hours_known_for_any_of_them(gymnases: Path) -> None:
    assert of_kind_on("piscine", "les piscines", "2026-11-29") == (
        "Je n'ai pas les horaires de la piscine Aquazena et de la piscine Alfred Sevestre. "
        "Vous pouvez les vérifier sur le site issy.com." + MORE
    )
    assert of_kind_on("musée", "les musées", "2026-11-29") == (
        "Je n'ai pas les horaires du Musée français de la Carte à Jouer. "
        "Vous pouvez les vérifier sur le site issy.com, ou appeler le 01 41 23 83 60." + MORE
    )


def test_open_now_among_facilities_whose_hours_are_partly_unknown(gymnases: Path) -> None:
    assert which_are_open("stade", "les stades", THURSDAY) == (
        "Un seul stade est ouvert en ce moment : le stade du Moulin jusqu'à 22 heures. "
        "Je n'ai pas les horaires du stade Nord et du stade Sud." + MORE
    )
