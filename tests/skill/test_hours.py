"""Opening hours through lambda_handler, at fixed request timestamps (Europe/Paris)."""

from __future__ import annotations

from typing import Any

from tests.skill.envelopes import intent, reprompt, send, session_attributes, slot, speech


def facility(facility_id: str, said: str) -> dict[str, Any]:
    return slot("facility", said, facility_id, "FACILITY")


def test_is_the_mairie_open_on_christmas_day() -> None:
    result = send(intent("IsOpenIntent", [facility("mairie", "la mairie")], at="2026-12-25T09:00:00Z"))
    said = speech(result)
    assert said.startswith("Non, la mairie est fermée aujourd'hui : c'est le jour de Noël.")
    assert "Elle rouvre demain à 8 heures 30." in said
    assert "à titre d'exemple" in said  # the mairie's hours are marked as an example in content/


def test_the_id_desk_is_open_on_a_thursday_evening_until_19_h() -> None:
    # Thursday 26 November 2026, 17:00 in Paris (16:00 UTC)
    said = speech(send(intent("IsOpenIntent", [facility("etat-civil", "l'état civil")], at="2026-11-26T16:00:00Z")))
    assert said.startswith("Oui, le service de l'état civil est ouvert jusqu'à 19 heures.")


def test_closing_within_30_minutes_is_said() -> None:
    said = speech(send(intent("IsOpenIntent", [facility("etat-civil", "l'état civil")], at="2026-11-27T16:40:00Z")))
    assert "ferme dans 20 minutes" in said


def test_until_when_and_next_opening() -> None:
    until = speech(send(intent("ClosingTimeIntent", [facility("etat-civil", "x")], at="2026-11-28T08:00:00Z")))
    assert "midi" in until
    nxt = speech(send(intent("NextOpeningIntent", [facility("etat-civil", "x")], at="2026-11-28T18:00:00Z")))
    assert "lundi" in nxt.lower() and "8 heures 30" in nxt


def test_hours_on_a_given_date() -> None:
    event = intent(
        "OpeningHoursIntent",
        [facility("etat-civil", "x"), slot("date", "2026-12-05")],
        at="2026-11-26T09:00:00Z",
    )
    said = speech(send(event))
    assert "5 décembre" in said and "8 heures 30" in said and "midi" in said


def test_week_hours_and_card_with_address() -> None:
    result = send(intent("WeekHoursIntent", [facility("etat-civil", "x")], at="2026-11-26T09:00:00Z"))
    said = speech(result)
    assert "du lundi au" in said
    card = result["response"]["card"]
    assert card["title"] == "Le service de l'état civil"
    assert "47 rue du Général Leclerc" in card["content"]
    assert "8 h 30" in card["content"]


def test_hours_unknown_says_so_and_points_where_to_check() -> None:
    said = speech(send(intent("OpeningHoursIntent", [facility("mediatheque-centre-ville", "la médiathèque")])))
    assert said.startswith("Je n'ai pas les horaires de la médiathèque centre-ville.")
    assert "mediatheque.ville-issy.fr" in said


def test_missing_facility_gets_a_question_then_a_bare_name_answers_it() -> None:
    asked = send(intent("IsOpenIntent", at="2026-11-26T16:00:00Z"))
    assert speech(asked).startswith("De quel équipement voulez-vous les horaires ?")
    assert asked["response"]["shouldEndSession"] is False
    answer = send(
        intent(
            "OpeningHoursIntent",
            [facility("etat-civil", "l'état civil")],
            at="2026-11-26T16:00:00Z",
            session_attributes=session_attributes(asked),
        )
    )
    assert speech(answer).startswith("Oui, le service de l'état civil est ouvert")


def test_an_unknown_facility_gets_examples_without_its_name_said_back() -> None:
    result = send(intent("IsOpenIntent", [slot("facility", "la patinoire", None, "FACILITY")]))
    said = speech(result)
    assert said == (
        "Je ne connais pas cet équipement. Par exemple le service de l'état civil, la mairie ou la médiathèque "
        "centre-ville. Lequel voulez-vous ?"
    )
    assert "Quel équipement" in reprompt(result)


def test_which_facilities_of_a_kind_are_open() -> None:
    result = send(intent("OpenFacilitiesIntent", [slot("kind", "piscines", "piscine", "FACILITY_KIND")]))
    said = speech(result)
    assert "piscine" in said.lower()


def test_a_name_shared_by_two_facilities_asks_which_one_then_answers() -> None:
    shared = slot("facility", "la piscine", None, "FACILITY")
    shared["resolutions"]["resolutionsPerAuthority"][0]["status"]["code"] = "ER_SUCCESS_MATCH"
    shared["resolutions"]["resolutionsPerAuthority"][0]["values"] = [
        {"value": {"name": "piscine aquazena", "id": "piscine-aquazena"}},
        {"value": {"name": "piscine alfred sevestre", "id": "piscine-sevestre"}},
    ]
    asked = send(intent("IsOpenIntent", [shared]))
    assert speech(asked) == "Laquelle : la piscine Aquazena ou la piscine Alfred Sevestre ?"
    answer = send(
        intent(
            "OpeningHoursIntent",
            [facility("piscine-sevestre", "sevestre")],
            session_attributes=session_attributes(asked),
        )
    )
    assert speech(answer).startswith("Je n'ai pas les horaires de la piscine Alfred Sevestre.")
