"""The compiled JSON round-trips exactly, loads without YAML, and `get_catalogue` picks its source."""

from __future__ import annotations

import dataclasses
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from catalogue_helpers import COMMUNE, ROOT

from mairie.catalogue import current
from mairie.catalogue.compiled import FORMAT, dump_catalogue, load_compiled
from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.model import (
    AgeGroup,
    Catalogue,
    City,
    DateException,
    Episode,
    Facility,
    FeedSettings,
    Link,
    Magazine,
    MagazineIssue,
    MagazineItem,
    PodcastSeries,
    Procedure,
    ProcedureCase,
    SeasonalPeriod,
    Situation,
    TimeRange,
    WeeklyHours,
)

DAY = (TimeRange(510, 720), TimeRange(840, 1080))
FEED = FeedSettings("Society & Culture", "Documentary", "Service communication", "podcasts@v.fr", "La Ville", True)
WEEK = WeeklyHours((DAY, DAY, (), DAY, DAY, (TimeRange(540, 720),), ()))


def full_catalogue() -> Catalogue:
    """Every optional field set to a non-default value, so a forgotten field cannot round-trip."""
    return Catalogue(
        city=City(
            "Ville",
            "la Mairie",
            "la mairie",
            "Europe/Paris",
            "https://v.fr",
            "Bonjour.",
            "Ville.",
            "57",
            "https://v.fr/i.png",
            ("Ville", "V"),
            "https://v.fr/flux/",
        ),
        facilities=(
            Facility(
                id="f",
                name="la f",
                kind="piscine",
                feminine=True,
                synonyms=("a", "b"),
                address="1 rue",
                phone="01 23 45 67 89",
                website="https://f.fr",
                weekly=WEEK,
                periods=(SeasonalPeriod("été", date(2026, 7, 1), date(2026, 8, 31), WEEK),),
                exceptions=(
                    DateException(date(2026, 12, 25), date(2026, 12, 26), (), "Noël"),
                    DateException(date(2026, 12, 31), date(2026, 12, 31), DAY),
                ),
                open_on_public_holidays=True,
                hours_note="Note.",
                where_to_check="sur f.fr",
                description="Desc.",
                example=True,
                kind_plural="piscinettes",
            ),
        ),
        procedures=(
            Procedure(
                id="passeport",
                name="le passeport",
                feminine=False,
                synonyms=("p",),
                summary="S.",
                steps=("1.", "2."),
                documents=("d",),
                cost="86 euros.",
                delays="Long.",
                facility_id="f",
                links=(Link("ANTS", "https://ants.gouv.fr"),),
                cases=(
                    ProcedureCase(
                        "c",
                        (Situation.RENEWAL, Situation.LOST_OR_STOLEN),
                        (AgeGroup.MINOR,),
                        1,
                        14,
                        "R.",
                        "17 euros.",
                        ("e",),
                        ("x",),
                    ),
                ),
                offline_help="France Services aide.",
            ),
        ),
        magazine=Magazine(
            "Mag",
            "D.",
            "https://m.fr",
            (
                MagazineIssue(
                    "2026-11",
                    date(2026, 11, 1),
                    "T",
                    (MagazineItem("a", "A", "R.", "Texte.", ("l'article a",)),),
                    "https://m.fr/a.mp3",
                    "https://m.fr/i.png",
                    True,
                    12_345_678,
                    "audio/x-m4a",
                    1800,
                ),
            ),
            ("le mag",),
            "https://m.fr/pochette.jpg",
            FeedSettings("Government", owner_email="mag@v.fr"),
        ),
        podcasts=(
            PodcastSeries(
                "s",
                "S",
                "D.",
                "https://p.fr/i.png",
                (
                    Episode(
                        "e",
                        1,
                        "E",
                        ("G",),
                        "D.",
                        "https://p.fr/e.mp3",
                        date(2026, 1, 2),
                        1530,
                        "https://p.fr/e.png",
                        True,
                        28_512_345,
                        "audio/mpeg",
                    ),
                ),
                "https://p.fr/serie",
                FEED,
            ),
        ),
    )


def test_every_model_field_is_set_somewhere_in_the_full_catalogue() -> None:
    """Each field of each class holds a non-default value at least once (`feminine` is a bool)."""
    fields_seen: set[str] = set()
    fields_set: set[str] = set()

    def walk(value: object) -> None:
        if dataclasses.is_dataclass(value) and not isinstance(value, type):
            for f in (f for f in dataclasses.fields(value) if f.init):
                name = f"{type(value).__name__}.{f.name}"
                attribute = getattr(value, f.name)
                fields_seen.add(name)
                if attribute not in (None, (), False):
                    fields_set.add(name)
                walk(attribute)
        elif isinstance(value, tuple):
            for item in value:
                walk(item)

    walk(full_catalogue())
    assert fields_seen - fields_set == {"Procedure.feminine"}


@pytest.mark.parametrize("catalogue", [full_catalogue(), load_catalogue(COMMUNE)], ids=["full", "commune"])
def test_round_trip(catalogue: Catalogue) -> None:
    text = dump_catalogue(catalogue)
    again = load_compiled(text)
    assert again == catalogue
    assert dump_catalogue(again) == text
    assert again.facility(catalogue.facilities[0].id) == catalogue.facilities[0]


def test_dump_is_deterministic_json() -> None:
    text = dump_catalogue(full_catalogue())
    assert text.endswith("}\n") and "été" in text
    data = json.loads(text)
    assert data["format"] == FORMAT
    assert json.dumps(data, sort_keys=True, ensure_ascii=False, indent=1) + "\n" == text
    assert data["facilities"][0]["weekly"]["days"][0] == [{"closes": 720, "opens": 510}, {"closes": 1080, "opens": 840}]


def test_load_from_path_and_refuse_other_formats(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(dump_catalogue(full_catalogue()), encoding="utf-8")
    assert load_compiled(path) == full_catalogue()
    with pytest.raises(ValueError, match="mairie build"):
        load_compiled(json.dumps({"format": FORMAT + 1}))


def test_compiled_loading_does_not_import_yaml(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(dump_catalogue(full_catalogue()), encoding="utf-8")
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from mairie.catalogue import current\n"
        f"current.COMPILED_PATH = Path({str(path)!r})\n"
        "assert current.get_catalogue().city.name == 'Ville'\n"
        "assert 'yaml' not in sys.modules, 'yaml imported'\n"
    )
    env = {"PYTHONPATH": str(ROOT / "lambda"), "PATH": ""}
    result = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr


def test_get_catalogue_reads_compiled_file_once(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    path = tmp_path / "catalogue.json"
    path.write_text(dump_catalogue(full_catalogue()), encoding="utf-8")
    monkeypatch.delenv("MAIRIE_CONTENT", raising=False)
    monkeypatch.delenv("MAIRIE_CATALOGUE", raising=False)
    monkeypatch.setattr(current, "COMPILED_PATH", path)
    current.reset_catalogue_cache()
    try:
        first = current.get_catalogue()
        path.unlink()
        assert current.get_catalogue() is first and first.city.name == "Ville"
        current.reset_catalogue_cache()
        with pytest.raises(FileNotFoundError, match="mairie build"):
            current.get_catalogue()
    finally:
        current.reset_catalogue_cache()


def test_get_catalogue_reads_yaml_from_mairie_content(monkeypatch: pytest.MonkeyPatch, minimal: Path) -> None:
    monkeypatch.setenv("MAIRIE_CONTENT", str(minimal))
    current.reset_catalogue_cache()
    try:
        assert current.get_catalogue().city.name == "Testville"
    finally:
        current.reset_catalogue_cache()
