"""The ownership rule of `mairie importer annuaire`, on a small hand-written catalogue.

Rule under test: only entries carrying the importer's marker change, and in them only the imported
fields that nobody touched since; everything staff wrote stays byte for byte and every value kept
against the directory is reported with its file and line. A run with nothing new writes nothing.

The directory's answer is the real Fontaine-le-Port record (`tests/fixtures/annuaire`); where a test
needs the directory to have changed, it changes that record and says so.
"""

from __future__ import annotations

import copy
import io
import json
import textwrap
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from mairie.catalogue.model import Facility
from mairie.catalogue.reading.facilities import read_facilities
from mairie.catalogue.reading.nodes import Reader, compose_file
from mairie.tools.annuaire.command import run_import_annuaire

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "annuaire"
FONTAINE = json.loads((FIXTURES / "fontaine-le-port-77188.json").read_text(encoding="utf-8"))
RECORD_ID = "00007e4d-264c-43a0-b0b7-7f3b7dd995ab"
TODAY = date(2026, 11, 27)
FINGERPRINTS = "adresse=48d8b7ad telephone=1d48b146 horaires=805b62ca note_horaires=11082c2a"

TESTVILLE = textwrap.dedent(
    """\
    # Les équipements de Testville (écrit à la main).

    equipements:
      # La piscine : horaires confirmés par le service des sports.
      - id: piscine
        nom: la piscine
        type: piscine
        horaires:
          lundi: fermé
          mardi: '10:00-19:00'
          mercredi: 10:00-19:00
          jeudi: 10:00-19:00
          vendredi: 10:00-19:00
          samedi: 9h-18h
          dimanche: fermé

        ou_verifier: sur le site de la ville
    """
)


class Run:
    def __init__(self, code: int, out: str, err: str) -> None:
        self.code, self.out, self.err = code, out, err


@pytest.fixture
def content(tmp_path: Path) -> Path:
    folder = tmp_path / "content"
    folder.mkdir()
    (folder / "facilities.yaml").write_text(TESTVILLE, encoding="utf-8")
    return folder


def facilities(content: Path) -> str:
    return (content / "facilities.yaml").read_text(encoding="utf-8")


def answer(tmp_path: Path, record: dict[str, Any] | None = None) -> Path:
    path = tmp_path / "reponse.json"
    path.write_text(json.dumps({"service": [record or FONTAINE["service"][0]]}, ensure_ascii=False), encoding="utf-8")
    return path


def run(content: Path, response: Path, commune: str = "77188") -> Run:
    out, err = io.StringIO(), io.StringIO()
    code = run_import_annuaire(commune, response, content, TODAY, out, err)
    return Run(code, out.getvalue(), err.getvalue())


def changed(**fields: Any) -> dict[str, Any]:
    record: dict[str, Any] = copy.deepcopy(FONTAINE["service"][0])
    record.update(fields)
    return record


def test_a_new_entry_is_appended_with_its_source_and_the_rest_stays_byte_for_byte(
    content: Path, tmp_path: Path
) -> None:
    result = run(content, answer(tmp_path))
    assert result.code == 0, result.err
    text = facilities(content)
    assert text.startswith(TESTVILLE)
    added = text[len(TESTVILLE) :]
    assert added == block(
        f"""\
        # Source : Annuaire de l'administration, Service-Public.fr / DILA, Licence Ouverte 2.0
        # https://lannuaire.service-public.fr/ile-de-france/seine-et-marne/{RECORD_ID}
        # annuaire: {RECORD_ID} (fiche du 2023-08-09), importé le 2026-11-27 : {FINGERPRINTS}
        - id: mairie-fontaine-le-port
          nom: la mairie de Fontaine-le-Port
          type: mairie
          adresse: 3 rue du Général-Roux, 77590 Fontaine-le-Port
          telephone: 01 64 38 30 52
          horaires:
            lundi: fermé
            mardi: 09:00-12:00, 18:00-19:00
            mercredi: 09:00-12:00
            jeudi: fermé
            vendredi: 09:00-12:00
            samedi: fermé
            dimanche: fermé
          note_horaires: "Le mardi : Accueil ouvert uniquement hors vacances scolaires l'après-midi."
          ou_verifier: sur service-public.fr, dans l'annuaire de l'administration
        """
    )
    assert (
        "Ajouté : mairie-fontaine-le-port (la mairie de Fontaine-le-Port) : adresse, téléphone, horaires" in result.out
    )


def test_a_second_run_changes_nothing(content: Path, tmp_path: Path) -> None:
    response = answer(tmp_path)
    run(content, response)
    before = (content / "facilities.yaml").read_bytes()
    again = run(content, response)
    assert again.code == 0
    assert (content / "facilities.yaml").read_bytes() == before
    assert again.out.splitlines()[-1].startswith("Rien à changer : ")


def test_untouched_imported_fields_follow_the_directory(content: Path, tmp_path: Path) -> None:
    run(content, answer(tmp_path))
    # the directory changed: a new phone number, and Friday afternoons
    friday = [*FONTAINE["service"][0]["plage_ouverture"][:2]]
    friday.append(
        {
            **FONTAINE["service"][0]["plage_ouverture"][2],
            "valeur_heure_debut_2": "14:00:00",
            "valeur_heure_fin_2": "17:00:00",
        }
    )
    result = run(content, answer(tmp_path, changed(telephone=[{"valeur": "01 64 38 30 53"}], plage_ouverture=friday)))
    assert result.code == 0, result.err
    assert "Mis à jour : mairie-fontaine-le-port : téléphone, horaires." in result.out
    text = facilities(content)
    assert "    telephone: 01 64 38 30 53\n" in text
    assert "      vendredi: 09:00-12:00, 14:00-17:00\n" in text
    assert text.startswith(TESTVILLE)


def test_a_value_changed_by_hand_is_kept_and_reported_at_every_run(content: Path, tmp_path: Path) -> None:
    response = answer(tmp_path)
    run(content, response)
    path = content / "facilities.yaml"
    path.write_text(
        facilities(content).replace("telephone: 01 64 38 30 52", "telephone: 01 64 38 30 99"), encoding="utf-8"
    )
    edited = path.read_bytes()
    for _ in range(2):
        result = run(content, answer(tmp_path, changed(telephone=[{"valeur": "01 64 38 30 53"}])))
        assert result.code == 0
        assert path.read_bytes() == edited
        line = facilities(content).splitlines().index("    telephone: 01 64 38 30 99") + 1
        assert (
            f"facilities.yaml:{line}: equipements[2] (mairie-fontaine-le-port) › telephone : modifié à la main "
            in result.out
        )
        assert "l'annuaire indique « 01 64 38 30 53 »" in result.out
        assert "écrivez « telephone=manuel » sur la ligne « # annuaire: »" in result.out


def test_a_field_marked_manuel_is_never_touched_nor_reported(content: Path, tmp_path: Path) -> None:
    run(content, answer(tmp_path))
    path = content / "facilities.yaml"
    text = facilities(content).replace("telephone: 01 64 38 30 52", "telephone: 01 64 38 30 99")
    text = text.replace("telephone=1d48b146", "telephone=manuel")
    path.write_text(text, encoding="utf-8")
    result = run(content, answer(tmp_path, changed(telephone=[{"valeur": "01 64 38 30 53"}])))
    assert result.code == 0
    assert facilities(content) == text
    assert "telephone" not in result.out


def test_a_field_deleted_by_hand_is_not_put_back(content: Path, tmp_path: Path) -> None:
    run(content, answer(tmp_path))
    path = content / "facilities.yaml"
    text = facilities(content).replace("    adresse: 3 rue du Général-Roux, 77590 Fontaine-le-Port\n", "")
    path.write_text(text, encoding="utf-8")
    result = run(content, answer(tmp_path))
    assert facilities(content) == text
    assert "› adresse : retiré à la main ; il n'est pas rétabli" in result.out


def test_hours_the_directory_no_longer_gives_become_unknown_not_closed(content: Path, tmp_path: Path) -> None:
    run(content, answer(tmp_path))
    result = run(content, answer(tmp_path, changed(plage_ouverture=[])))
    assert (
        "Mis à jour : mairie-fontaine-le-port : horaires retiré (l'annuaire ne le donne plus), remarque sur"
        in result.out
    )
    text = facilities(content)
    imported_part = text[len(TESTVILLE) :]
    assert "horaires" not in imported_part.split("- id:")[1]
    assert "fermé" not in imported_part
    assert read_back(content)["mairie-fontaine-le-port"].weekly is None


def test_an_entry_written_by_hand_is_never_replaced(content: Path, tmp_path: Path) -> None:
    hand_written = TESTVILLE + block(
        """\
        - id: mairie-fontaine-le-port
          nom: la mairie
          type: mairie
          telephone: 01 64 38 30 99
        """
    )
    (content / "facilities.yaml").write_text(hand_written, encoding="utf-8")
    result = run(content, answer(tmp_path))
    assert result.code == 0
    assert facilities(content) == hand_written
    assert "l'équipement a été écrit à la main ; il n'est pas modifié et la fiche n'est pas importée" in result.out
    assert f"ajoutez au-dessus de son « - id: » la ligne « # annuaire: {RECORD_ID} »" in result.out


def test_a_marker_added_by_hand_links_an_entry_and_only_fills_what_is_missing_or_equal(
    content: Path, tmp_path: Path
) -> None:
    linked = TESTVILLE + block(
        f"""\
        # annuaire: {RECORD_ID}
        - id: mairie
          nom: la mairie
          type: mairie
          synonymes:
            - l'hôtel de ville
          adresse: 3, rue du Général-Roux,  77590 Fontaine-le-Port
          telephone: 01 64 38 30 99
          description: Une description écrite à la main.
          ou_verifier: sur le site de la ville
        """
    )
    (content / "facilities.yaml").write_text(linked, encoding="utf-8")
    result = run(content, answer(tmp_path))
    assert result.code == 0, result.err
    text = facilities(content)
    entry = text[len(TESTVILLE) :]
    # the address differs (a comma): kept, reported; the phone differs: kept, reported; hours: added
    # after the description, where the catalogue's order puts them; the rest untouched
    assert "    adresse: 3, rue du Général-Roux,  77590 Fontaine-le-Port\n" in entry
    assert "    telephone: 01 64 38 30 99\n" in entry
    assert (
        entry.index("description:")
        < entry.index("horaires:")
        < entry.index("note_horaires:")
        < entry.index("ou_verifier:")
    )
    assert "› telephone : écrit à la main, différent de l'annuaire ; gardé tel quel" in result.out
    assert "Mis à jour : mairie : horaires ajouté, remarque sur les horaires ajouté." in result.out
    assert (
        f"  # annuaire: {RECORD_ID} (fiche du 2023-08-09), importé le 2026-11-27 : {FINGERPRINTS.split(' ', 2)[2]}\n"
        in entry
    )
    assert read_back(content)["mairie"].weekly is not None


def test_a_value_retyped_the_same_way_is_not_a_change(content: Path, tmp_path: Path) -> None:
    run(content, answer(tmp_path))
    path = content / "facilities.yaml"
    text = facilities(content).replace("mardi: 09:00-12:00, 18:00-19:00", "mardi: 9h-12h, 18h-19h")
    text = text.replace("telephone: 01 64 38 30 52", "telephone: 01.64.38.30.52")
    path.write_text(text, encoding="utf-8")
    result = run(content, answer(tmp_path))
    assert facilities(content) == text
    assert "gardé tel quel" not in result.out


def test_a_missing_facilities_file_is_created_and_valid(tmp_path: Path) -> None:
    content = tmp_path / "nouvelle"
    content.mkdir()
    result = run(content, answer(tmp_path))
    assert result.code == 0, result.err
    assert facilities(content).startswith("# Les équipements publics et leurs horaires.\n")
    assert list(read_back(content)) == ["mairie-fontaine-le-port"]


def test_an_invalid_facilities_file_is_left_alone(content: Path, tmp_path: Path) -> None:
    broken = TESTVILLE.replace("samedi: 9h-18h", "samedi: 9h-25h")
    (content / "facilities.yaml").write_text(broken, encoding="utf-8")
    result = run(content, answer(tmp_path))
    assert result.code == 1
    assert facilities(content) == broken
    assert "corrigez-les d'abord (« mairie validate »)" in result.err
    assert result.err.rstrip().endswith("Rien n'a été modifié.")


def block(text: str) -> str:
    """Entries written at column 0 in the test, as they sit in the file: two spaces in, after a blank line."""
    return "\n" + textwrap.indent(textwrap.dedent(text), "  ")


def read_back(content: Path) -> dict[str, Facility]:
    """The facilities as the catalogue reads them; the file must be valid."""
    reader = Reader(content / "facilities.yaml")
    root = compose_file(reader)
    assert root is not None
    found = read_facilities(reader, root)
    assert reader.problems == []
    return {facility.id: facility for facility in found}
