"""`mairie validate` and `mairie build [--check]`, through `run_validate` and `run_build`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from catalogue_helpers import write

from mairie.catalogue.compiled import load_compiled
from mairie.tools.build import COMPILED, MODEL, PHRASES, run_build, run_validate

MODEL_TEXT = {
    "interactionModel": {
        "languageModel": {
            "invocationName": "à remplacer",
            "intents": [
                {"name": "OpeningHoursIntent", "slots": [{"name": "f", "type": "FACILITY"}], "samples": ["{f}"]}
            ],
            "types": [{"name": "FACILITY", "values": []}],
        }
    }
}


@pytest.fixture
def root(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A project root with the hand-written model; the working directory, so paths print short."""
    project = tmp_path / "projet"
    (project / MODEL).parent.mkdir(parents=True)
    (project / MODEL).write_text(json.dumps(MODEL_TEXT, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    (project / PHRASES).mkdir(parents=True)
    (project / PHRASES / "horaires.yaml").write_text(
        'intents:\n  OpeningHoursIntent:\n    - "{f}"\n    - "(les|) horaires (de|du) {f}"\n', encoding="utf-8"
    )
    monkeypatch.chdir(project)
    return project


@pytest.fixture
def content(root: Path, minimal: Path) -> Path:
    folder = root / "content"
    minimal.rename(folder)
    return folder


def test_validate_ok(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_validate(content) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert err == (
        "Catalogue valide : 2 équipements, 1 démarche, 0 numéro du magazine, 0 série de podcasts (0 épisode).\n"
    )


def test_validate_lists_problems(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (content / "facilities.yaml").read_text().replace("mardi: 08:30-12:00", "mardi: 8h30-25h")
    write(content, "facilities.yaml", text.replace("    genre: masculin\n", ""))
    assert run_validate(content) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "content/facilities.yaml:7: equipements[1] (piscine) › horaires › mardi : « 8h30-25h » n'est pas une "
        "heure valide ; écrivez par exemple « 08:30-12:00 ».",
        "content/facilities.yaml:15: equipements[2] (mairie) : il manque « genre » (« féminin » ou « masculin ») : "
        "il ne peut pas être deviné d'après « l'hôtel de ville ».",
    ]
    assert err == "2 problèmes trouvés dans content/.\n"


def test_build_writes_then_check_passes(root: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_build(content, root, check=True) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "lambda/mairie/data/catalogue.json: pas à jour par rapport au contenu.",
        "skill-package/interactionModels/custom/fr-FR.json: pas à jour par rapport au contenu.",
        "lambda/mairie/data/holidays.json: pas à jour par rapport au contenu.",
    ]
    assert err == "3 fichiers générés ne sont pas à jour : lancez « mairie build ».\n"
    assert not (root / COMPILED).exists()

    assert run_build(content, root, check=False) == 0
    out, err = capsys.readouterr()
    assert err.splitlines() == [
        "Écrit : lambda/mairie/data/catalogue.json",
        "Écrit : skill-package/interactionModels/custom/fr-FR.json",
        "Écrit : lambda/mairie/data/holidays.json",
        "Catalogue valide : 2 équipements, 1 démarche, 0 numéro du magazine, 0 série de podcasts (0 épisode).",
        "3 fichiers mis à jour.",
    ]
    assert load_compiled(root / COMPILED).city.name == "Testville"
    assert (root / COMPILED).stat().st_mode & 0o444 == 0o444, "the Lambda runtime must be able to read it"
    model = json.loads((root / MODEL).read_text(encoding="utf-8"))
    assert model["interactionModel"]["languageModel"]["invocationName"] == "la mairie de testville"
    assert (root / MODEL).read_text(encoding="utf-8").endswith("]\n    }\n  }\n}\n")

    assert run_build(content, root, check=True) == 0
    assert capsys.readouterr().err == "Les fichiers générés sont à jour.\n"
    assert run_build(content, root, check=False) == 0
    assert capsys.readouterr().err.splitlines()[-1] == "Tout était déjà à jour."


def test_check_detects_stale_content(root: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run_build(content, root, check=False) == 0
    text = (content / "facilities.yaml").read_text().replace("samedi: 9h-12h", "samedi: 9h-13h")
    write(content, "facilities.yaml", text)
    before = (root / COMPILED).read_text(encoding="utf-8")
    capsys.readouterr()
    assert run_build(content, root, check=True) == 1
    out, _ = capsys.readouterr()
    assert out == "lambda/mairie/data/catalogue.json: pas à jour par rapport au contenu.\n"
    assert (root / COMPILED).read_text(encoding="utf-8") == before, "--check writes nothing"


def test_build_refuses_invalid_content(root: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content, "city.yaml", "ville:\n  nom: Testville\n  nom:\n")
    model_before = (root / MODEL).read_text(encoding="utf-8")
    assert run_build(content, root, check=False) == 1
    out, err = capsys.readouterr()
    assert "content/city.yaml:3: ville : la clé « nom » apparaît deux fois (déjà à la ligne 2)" in out
    assert err.endswith("problèmes trouvés dans content/ : rien n'a été construit.\n")
    assert not (root / COMPILED).exists()
    assert (root / MODEL).read_text(encoding="utf-8") == model_before


def test_build_needs_the_hand_written_model(root: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (root / MODEL).unlink()
    assert run_build(content, root, check=False) == 1
    assert capsys.readouterr().err == (
        "Modèle d'interaction introuvable : skill-package/interactionModels/custom/fr-FR.json ; "
        "rien n'a été construit.\n"
    )
    (root / MODEL).write_text('{"interactionModel": \n', encoding="utf-8")
    assert run_build(content, root, check=False) == 1
    out, err = capsys.readouterr()
    assert out.startswith("skill-package/interactionModels/custom/fr-FR.json:2: JSON invalide")
    assert err == "Le modèle d'interaction n'est pas du JSON valide : rien n'a été construit.\n"
    assert not (root / COMPILED).exists()


def test_examples_are_counted(root: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        (content / "facilities.yaml").read_text().replace("    type: mairie\n", "    type: mairie\n    exemple: true\n")
    )
    write(content, "facilities.yaml", text)
    assert run_validate(content) == 0
    assert capsys.readouterr().err.splitlines()[1] == (
        "À vérifier : 1 entrée est marquée « exemple » ; remplacez-la par des informations confirmées."
    )
