"""Reading records of the Annuaire de l'administration: both forms (JSON inside strings in the API,
real arrays in the download), day ranges, empty hours meaning unknown, and format changes refused.

The records are the real ones recorded in `tests/fixtures/annuaire` (see its README); a record is
written inline only where the point is a format the real ones do not show.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mairie.tools.annuaire.entries import imported, weekly_hours
from mairie.tools.annuaire.kinds import kind_of
from mairie.tools.annuaire.records import FormatChanged, read_office
from mairie.tools.annuaire.source import offices_of, read_records

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "annuaire"

# The DDT of the Cher (6 place de la Pyrotechnie, Bourges): `plage_ouverture` as the API sends it,
# verbatim from the Aides-territoires test quoted in shared/reference/open-data-apis.md, §1.5.
DDT_HOURS = (
    '[{"nom_jour_debut": "Lundi", "nom_jour_fin": "Jeudi", "valeur_heure_debut_1": "08:30:00", '
    '"valeur_heure_fin_1": "12:00:00", "valeur_heure_debut_2": "13:30:00", "valeur_heure_fin_2": "17:00:00", '
    '"commentaire": ""}, {"nom_jour_debut": "Vendredi", "nom_jour_fin": "Vendredi", "valeur_heure_debut_1": '
    '"08:30:00", "valeur_heure_fin_1": "12:00:00", "valeur_heure_debut_2": "13:30:00", "valeur_heure_fin_2": '
    '"16:00:00", "commentaire": ""}]'
)


def record(name: str) -> dict[str, Any]:
    found: dict[str, Any] = read_records(FIXTURES / name)[0]  # type: ignore[assignment]
    return found


def test_a_day_range_covers_its_first_and_last_day() -> None:
    office = read_office({"id": "ddt-18", "nom": "DDT du Cher", "plage_ouverture": DDT_HOURS})
    assert office.hours is not None
    assert weekly_hours(office.hours) == {
        "lundi": "08:30-12:00, 13:30-17:00",
        "mardi": "08:30-12:00, 13:30-17:00",
        "mercredi": "08:30-12:00, 13:30-17:00",
        "jeudi": "08:30-12:00, 13:30-17:00",
        "vendredi": "08:30-12:00, 13:30-16:00",
        "samedi": "fermé",
        "dimanche": "fermé",
    }
    assert office.hours.notes == ()


def test_the_download_form_a_mairie_with_its_address_phone_hours_and_comment() -> None:
    office = read_office(record("fontaine-le-port-77188.json"))
    assert (office.id, office.name, office.kinds) == (
        "00007e4d-264c-43a0-b0b7-7f3b7dd995ab",
        "Mairie - Fontaine-le-Port",
        ("mairie",),
    )
    assert office.address == "3 rue du Général-Roux, 77590 Fontaine-le-Port"
    assert office.town == "Fontaine-le-Port"
    assert office.phones == ("01 64 38 30 52",)
    assert office.websites == ("http://www.ville-fontaineleport.fr",)
    assert office.modified is not None and office.modified.isoformat() == "2023-08-09"
    assert office.hours is not None
    assert weekly_hours(office.hours)["mardi"] == "09:00-12:00, 18:00-19:00"
    assert weekly_hours(office.hours)["mercredi"] == "09:00-12:00"  # empty second slot: "" is nothing
    assert weekly_hours(office.hours)["jeudi"] == "fermé"  # named by no range
    assert office.hours.notes == ("Le mardi : Accueil ouvert uniquement hors vacances scolaires l'après-midi.",)


def test_the_api_form_json_inside_strings_and_a_commune_named_only_in_pivot() -> None:
    office = read_office(record("mission-locale-paris-11.json"))
    assert office.communes == {"75111"}
    assert office.kinds == ("mission_locale",)
    assert office.address == "29-31 rue des Boulets, 75011 Paris"
    assert office.hours is not None
    assert weekly_hours(office.hours)["vendredi"] == "09:00-11:30, 13:30-15:30"
    assert office.hours.notes[0].startswith("Du lundi au jeudi : Accueil sans rendez-vous uniquement")
    assert office.hours.notes[1].startswith("Le vendredi : Accueil sans rendez-vous")


@pytest.mark.parametrize("empty", ["", None, "[]", []])
def test_no_hours_means_unknown_never_closed(empty: object) -> None:
    office = read_office({"id": "x", "nom": "Mairie - X", "plage_ouverture": empty})
    assert office.hours is None
    result = imported(office, kind_of(("mairie",)))  # type: ignore[arg-type]
    assert "horaires" not in result.values


def test_a_record_without_hours_field_as_selected_in_the_recorded_response() -> None:
    offices = offices_of("16025", read_records(FIXTURES / "mairies-2026-08-06.json"), "fichier")
    assert [office.name for office in offices] == ["Mairie - Baignes-Sainte-Radegonde"]
    assert offices[0].hours is None


def test_the_kind_is_found_whatever_the_order_of_pivot() -> None:
    office = read_office(record("mairies-2026-08-06.json"))  # Saint-Barthélemy: "cg", then "mairie"
    assert office.kinds == ("cg", "mairie")
    kind = kind_of(office.kinds)
    assert kind is not None and kind.kind == "mairie"
    assert office.websites[0] == "https://www.comstbarth.fr"  # the site with no label comes first


def test_values_the_catalogue_cannot_hold_are_left_out_and_said() -> None:
    for name, expected in [
        (
            "Mairie - Baignes-Sainte-Radegonde",
            "site « http://www.baignes-sainte-radegonde.fr » non importé : pas en https://",
        ),
        ("Mairie - Bajus", "site « www.bajus.fr » non importé : pas une adresse web complète"),
    ]:
        office = next(o for o in map(read_office, read_records(FIXTURES / "mairies-2026-08-06.json")) if o.name == name)
        result = imported(office, kind_of(office.kinds))  # type: ignore[arg-type]
        assert "site_web" not in result.values
        assert result.left_out[0].startswith(expected)


def test_a_range_over_the_weekend_wraps_around_and_overlapping_slots_are_joined() -> None:
    ranges = [
        {
            "nom_jour_debut": "Samedi",
            "nom_jour_fin": "Lundi",
            "valeur_heure_debut_1": "10:00:00",
            "valeur_heure_fin_1": "12:00:00",
        },
        {
            "nom_jour_debut": "Lundi",
            "nom_jour_fin": "Lundi",
            "valeur_heure_debut_1": "11:00:00",
            "valeur_heure_fin_1": "13:00:00",
        },
    ]
    office = read_office({"id": "x", "nom": "X", "plage_ouverture": json.dumps(ranges)})
    assert office.hours is not None
    hours = weekly_hours(office.hours)
    assert (hours["samedi"], hours["dimanche"], hours["lundi"], hours["mardi"]) == (
        "10:00-12:00",
        "10:00-12:00",
        "10:00-13:00",
        "fermé",
    )


@pytest.mark.parametrize(
    ("field", "value", "said"),
    [
        ("plage_ouverture", "pas du JSON", "« plage_ouverture » n'est pas du JSON lisible"),
        ("plage_ouverture", '{"nom_jour_debut": "Lundi"}', "« plage_ouverture » devrait être une liste"),
        ("plage_ouverture", '[{"nom_jour_debut": "Lundy", "nom_jour_fin": "Lundy"}]', "« Lundy » n'est pas un jour"),
        (
            "plage_ouverture",
            '[{"nom_jour_debut": "Lundi", "valeur_heure_debut_1": "8h30"}]',
            "« 8h30 » n'est pas une heure",
        ),
        ("pivot", '"mairie"', "« pivot » devrait être une liste"),
    ],
)
def test_a_format_change_names_the_record_and_the_field(field: str, value: str, said: str) -> None:
    with pytest.raises(FormatChanged) as raised:
        read_office({"id": "abc", "nom": "Mairie - X", field: value})
    assert str(raised.value).startswith("la fiche « Mairie - X » (abc)")
    assert said in str(raised.value)
