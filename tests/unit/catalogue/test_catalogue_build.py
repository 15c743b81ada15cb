"""`mairie validate` and `mairie build [--check]`, through `run_validate` and `run_build`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from catalogue_helpers import write

from mairie.catalogue.compiled import load_compiled
from mairie.tools.build import COMPILED, MODEL, PHRASES, run_build, run_validate
from mairie.tools.feeds import FEEDS
from mairie.tools.store_page import MANIFEST

REPOSITORY = Path(__file__).resolve().parents[3]

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
    assert err.splitlines() == [
        "Catalogue valide : 2 équipements, 1 démarche, 0 numéro du magazine, 0 série de podcasts (0 épisode).",
        "Pas de fichier magazine.yaml : l'assistant ne propose pas de magazine municipal (c'est permis ; pour en "
        "ajouter, voir content/LISEZMOI.md).",
        "Pas de fichier podcasts.yaml : l'assistant ne propose pas de podcasts (c'est permis ; pour en ajouter, "
        "voir content/LISEZMOI.md).",
    ]


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
    line = text.splitlines().index("    exemple: true") + 1
    assert run_validate(content) == 0
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        f"content/facilities.yaml:{line}: equipements[2] (mairie) : entrée marquée « exemple » : informations à "
        "confirmer, puis retirez la ligne « exemple: true »."
    ]
    assert err.splitlines()[1] == (
        "À vérifier : 1 entrée est marquée « exemple » (ci-dessus) ; remplacez-la par des informations confirmées."
    )


def test_every_example_entry_is_listed_by_file_and_line(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Nested entries too (an episode), with where they are; `exemple: false` is not listed."""
    series = SERIES.replace("            duree: 12:00\n", "            duree: 12:00\n            exemple: oui\n")
    write(content, "podcasts.yaml", series)
    facilities = (content / "facilities.yaml").read_text(encoding="utf-8")
    write(
        content, "facilities.yaml", facilities.replace("    type: mairie\n", "    type: mairie\n    exemple: false\n")
    )
    assert run_validate(content) == 0
    out = capsys.readouterr().out.splitlines()
    line = (content / "podcasts.yaml").read_text(encoding="utf-8").splitlines().index("        exemple: oui") + 1
    assert out[0] == (
        f"content/podcasts.yaml:{line}: podcasts[1] (serie) › episodes[1] (un) : entrée marquée « exemple » : "
        "informations à confirmer, puis retirez la ligne « exemple: true »."
    )
    assert sum("« exemple »" in row for row in out) == 1


SERIES = """\
    podcasts:
      - id: serie
        titre: La série
        description: Une série.
        episodes:
          - id: un
            numero: 1
            titre: Un
            description: Le premier.
            audio: https://exemple.fr/1.mp3
            taille_audio: 1200
            date: 2026-01-02
            duree: 12:00
    """


def test_validate_lists_what_the_feeds_need_and_stays_valid(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content, "podcasts.yaml", SERIES)
    assert run_validate(content) == 0
    out, err = capsys.readouterr()
    assert out.splitlines()[:2] == [
        "content/city.yaml:1: ville : pour le flux de podcast, il manque « adresse_flux » : l'adresse web du dossier "
        "où les flux seront déposés, par exemple « https://www.ville.fr/podcasts/ » ; chaque flux y indique sa "
        "propre adresse.",
        "content/podcasts.yaml:2: podcasts[1] (serie) : pour le flux de podcast, il manque « image » : la pochette "
        "carrée, de 1400 × 1400 à 3000 × 3000 pixels, en JPEG ou PNG, qu'exige Apple Podcasts.",
    ]
    assert len(out.splitlines()) == 4
    assert err.splitlines() == [
        "Catalogue valide : 2 équipements, 1 démarche, 0 numéro du magazine, 1 série de podcasts (1 épisode).",
        "Pas de fichier magazine.yaml : l'assistant ne propose pas de magazine municipal (c'est permis ; pour en "
        "ajouter, voir content/LISEZMOI.md).",
        "Flux de podcasts : 4 informations à compléter (ci-dessus) avant de les proposer à Apple Podcasts, Spotify "
        "ou YouTube Music ; elles ne concernent que les flux, pas la skill Alexa.",
    ]


def test_build_writes_the_feeds_and_check_keeps_them_in_sync(
    root: Path, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write(content, "podcasts.yaml", SERIES)
    assert run_build(content, root, check=False) == 0
    err = capsys.readouterr().err.splitlines()
    assert "Écrit : flux/podcast-serie.xml" in err
    assert err[-2:] == [
        "Flux de podcasts : 4 informations manquent pour les publier ; détail avec « mairie validate ».",
        "4 fichiers mis à jour.",
    ]
    feed = (root / FEEDS / "podcast-serie.xml").read_text(encoding="utf-8")
    assert '<guid isPermaLink="false">podcast:serie:un</guid>' in feed

    text = (content / "podcasts.yaml").read_text(encoding="utf-8")
    write(content, "podcasts.yaml", text.replace("duree: 12:00", "duree: 12:30"))
    assert run_build(content, root, check=True) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [
        "lambda/mairie/data/catalogue.json: pas à jour par rapport au contenu.",
        "flux/podcast-serie.xml: pas à jour par rapport au contenu.",
    ]
    assert (root / FEEDS / "podcast-serie.xml").read_text(encoding="utf-8") == feed, "--check writes nothing"


def test_a_removed_series_loses_its_feed(root: Path, content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(content, "podcasts.yaml", SERIES)
    assert run_build(content, root, check=False) == 0
    (content / "podcasts.yaml").unlink()
    capsys.readouterr()
    assert run_build(content, root, check=True) == 1
    out, err = capsys.readouterr()
    assert out.splitlines()[-1] == "flux/podcast-serie.xml: ce flux ne correspond plus au contenu."
    assert err == "2 fichiers générés ne sont pas à jour : lancez « mairie build ».\n"
    assert run_build(content, root, check=False) == 0
    assert "Supprimé (plus dans le contenu) : flux/podcast-serie.xml" in capsys.readouterr().err.splitlines()
    assert not (root / FEEDS / "podcast-serie.xml").exists()
    assert run_build(content, root, check=True) == 0


def test_the_store_page_promises_only_what_the_catalogue_answers_and_check_says_when_one_falls(
    root: Path, content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    manifest = root / MANIFEST
    manifest.parent.mkdir(parents=True, exist_ok=True)
    shutil.copy(REPOSITORY / MANIFEST, manifest)
    assert run_build(content, root, check=False) == 0
    locale = json.loads(manifest.read_text(encoding="utf-8"))["manifest"]["publishingInformation"]["locales"]["fr-FR"]
    assert locale["examplePhrases"] == [
        "Alexa, ouvre la mairie de testville",
        "Alexa, demande à la mairie de testville si la piscine est ouverte",
        "Alexa, demande à la mairie de testville comment refaire mon passeport",
    ]
    assert "Demandez si la piscine est ouverte aujourd'hui" in locale["description"]
    assert (
        "« est-ce que la piscine est ouverte »"
        in json.loads(manifest.read_text(encoding="utf-8"))["manifest"]["publishingInformation"]["testingInstructions"]
    )
    assert '"distributionCountries": ["FR"],' in manifest.read_text(encoding="utf-8"), "the layout is kept"

    # staff remove the hours of the facility the store page names
    text = (content / "facilities.yaml").read_text(encoding="utf-8")
    hours = text[text.index("    horaires:") : text.index("  - id: mairie")]
    write(content, "facilities.yaml", text.replace(hours, ""))
    capsys.readouterr()
    assert run_build(content, root, check=True) == 1
    out, err = capsys.readouterr()
    assert (
        "skill-package/skill.json: l'exemple « Alexa, demande à la mairie de testville si la piscine est ouverte » "
        "ne correspond plus au catalogue (un équipement sans horaires confirmés, un épisode ou une démarche "
        "retirés) : « mairie build » le remplace."
    ) in out.splitlines()
    assert "skill-package/skill.json: pas à jour par rapport au contenu." in out.splitlines()
    assert err.endswith("pas à jour : lancez « mairie build ».\n")

    assert run_build(content, root, check=False) == 0
    rebuilt = manifest.read_text(encoding="utf-8")
    assert "piscine" not in json.dumps(json.loads(rebuilt)["manifest"]["publishingInformation"], ensure_ascii=False)
