"""The fixture commune (a frozen copy of Issy's catalogue) is valid and holds what the behaviour tests rely on.

The city's own `content/` is checked by the content-agnostic rules of `tests/content_rules/` only.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path

from catalogue_helpers import COMMUNE, write

from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.model import AgeGroup, Situation
from mairie.catalogue.validation import validate


def test_content_is_valid() -> None:
    assert validate(COMMUNE) == []


def test_counts_and_ids() -> None:
    catalogue = load_catalogue(COMMUNE)
    assert [f.id for f in catalogue.facilities] == [
        "etat-civil",
        "mairie",
        "mediatheque-centre-ville",
        "piscine-aquazena",
        "piscine-sevestre",
        "musee-carte-a-jouer",
        "parc-ile-saint-germain",
    ]
    assert [p.id for p in catalogue.procedures] == ["carte-identite", "passeport"]
    assert catalogue.magazine is not None
    assert [i.id for i in catalogue.magazine.issues] == ["2026-10", "2026-11"]
    assert [(s.id, [e.id for e in s.episodes]) for s in catalogue.podcasts] == [("metamorphoses", ["depardon", "maas"])]


def test_city() -> None:
    city = load_catalogue(COMMUNE).city
    assert city.invocation_name == "la mairie d'issy"
    assert city.skill_name == "la Mairie d'Issy"
    assert city.timezone == "Europe/Paris"
    assert city.holiday_subdivision is None
    assert city.aliases == ("Issy", "Issy-les-Moulineaux")
    assert "Habeo semper alas" in city.about and "\n" not in city.about


def test_id_desk_hours() -> None:
    desk = load_catalogue(COMMUNE).facility("etat-civil")
    assert desk is not None and desk.weekly is not None and not desk.example
    spans = [[(r.opens // 60, r.opens % 60, r.closes // 60, r.closes % 60) for r in day] for day in desk.weekly.days]
    weekday = [(8, 30, 18, 0)]
    assert spans == [weekday, weekday, weekday, [(8, 30, 19, 0)], weekday, [(8, 30, 12, 0)], []]
    assert desk.hours_note is not None and "rendez-vous" in desk.hours_note
    assert desk.address is not None and "47 rue du Général Leclerc" in desk.address


def test_unconfirmed_facts_are_absent_or_marked() -> None:
    catalogue = load_catalogue(COMMUNE)
    town_hall = catalogue.facility("mairie")
    assert town_hall is not None and town_hall.example and town_hall.address is None and town_hall.phone is None
    for facility_id in ("mediatheque-centre-ville", "piscine-aquazena", "piscine-sevestre", "musee-carte-a-jouer"):
        facility = catalogue.facility(facility_id)
        assert facility is not None and facility.weekly is None and facility.where_to_check
    assert catalogue.magazine is not None and all(issue.example for issue in catalogue.magazine.issues)
    for episode in catalogue.podcasts[0].episodes:
        assert episode.example and episode.audio_url.startswith("https://media.exemple.fr/metamorphoses/")


def test_procedure_cases() -> None:
    passport = load_catalogue(COMMUNE).procedure("passeport")
    assert passport is not None and passport.facility_id == "etat-civil" and not passport.feminine
    bands = {(c.min_age, c.max_age): c.cost for c in passport.cases if Situation.RENEWAL in c.situations}
    assert bands == {
        (None, None): "Il faut un timbre fiscal de 86 euros.",
        (15, 17): "Il faut un timbre fiscal de 42 euros.",
        (0, 14): "Il faut un timbre fiscal de 17 euros.",
    }
    card = load_catalogue(COMMUNE).procedure("carte-identite")
    assert card is not None and card.feminine
    combos = {(s, a) for c in card.cases for s in c.situations for a in c.age_groups}
    assert combos == {(s, a) for s in Situation for a in AgeGroup}


def test_magazine_issue_dates() -> None:
    magazine = load_catalogue(COMMUNE).magazine
    assert magazine is not None and magazine.name == "Point d'Appui"
    assert [issue.month for issue in magazine.issues] == [date(2026, 10, 1), date(2026, 11, 1)]
    assert magazine.issues[1].audio_url == "https://media.exemple.fr/point-d-appui/2026-11.mp3"


def test_problems_point_at_the_real_line(content_copy: Path) -> None:
    text = (content_copy / "facilities.yaml").read_text(encoding="utf-8")
    broken = text.replace("      jeudi: 08:30-19:00\n", "      jeudi: 08:30-19:70\n", 1)
    write(content_copy, "facilities.yaml", broken)
    line = broken.splitlines().index("      jeudi: 08:30-19:70") + 1
    [problem] = validate(content_copy)
    assert (problem.file.name, problem.line) == ("facilities.yaml", line)
    assert problem.message == (
        "equipements[1] (etat-civil) › horaires › jeudi : « 08:30-19:70 » n'est pas une heure valide ; "
        "écrivez par exemple « 08:30-12:00 »."
    )


def test_every_problem_is_reported_at_once(content_copy: Path) -> None:
    for name, old, new in (
        ("city.yaml", "fuseau_horaire: Europe/Paris", "fuseau_horaire: Europe/Issy"),
        ("procedures.yaml", "lieu: etat-civil", "lieu: etat-civl"),
        ("podcasts.yaml", "numero: 2", "numero: deux"),
    ):
        path = content_copy / name
        path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    assert [(p.file.name, p.message.split(" : ")[0]) for p in validate(content_copy)] == [
        ("city.yaml", "ville › fuseau_horaire"),
        ("procedures.yaml", "demarches[1] (carte-identite) › lieu"),
        ("podcasts.yaml", "podcasts[1] (metamorphoses) › episodes[2] (maas) › numero"),
    ]
