"""`mairie phrases` and `mairie calibrer` as staff run them, with ask-cli replaced by a stand-in that
answers Amazon's recorded responses (`tests/e2e/fake_ask.py`), on the fixture commune.

Also what staff see when ask-cli is missing, not configured, or when the skill's id is unknown:
a French message and exit 1, never a traceback.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from tests.e2e.fake_ask import NOT_CONFIGURED, calls, fake_ask
from tests.phrases.corpus import load_corpus

ROOT = Path(__file__).resolve().parents[2]
COMMUNE = ROOT / "tests" / "fixtures" / "commune"
SKILL = "amzn1.ask.skill.00000000-0000-4000-8000-000000000001"


def run(command: str, *args: str, path: Path, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """`mairie COMMAND ARGS`, with only `path` on PATH (where `ask` is, or is not)."""
    clean = {k: v for k, v in os.environ.items() if k not in ("SKILL_ID", "FAKE_ASK_ERROR")}
    clean.update(PYTHONPATH=str(ROOT / "lambda"), MAIRIE_CONTENT=str(COMMUNE), PATH=str(path), **env)
    return subprocess.run(
        [sys.executable, "-m", "mairie.tools.cli", command, *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


@pytest.fixture
def ask(tmp_path: Path) -> Path:
    """A PATH folder holding the stand-in `ask`; its calls are logged in `tmp_path / "ask-log"`."""
    folder = tmp_path / "bin"
    fake_ask(folder, tmp_path / "ask-log")
    return folder


PHRASES_REPORT = """\
Historique des requêtes d'Alexa (étape live) : 8 phrases reçues. Amazon ne transmet que les phrases des \
30 derniers jours, dites par assez de personnes différentes (au moins 10 par jour et par langue), sans \
aucune information sur qui les a dites.
4 phrases à traiter (incomprises, ou comprises sans certitude), avec l'intention à atteindre d'après le \
modèle local :

1. « est-ce que la ludothèque est ouverte »
   Alexa : pas comprise (AMAZON.FallbackIntent), confiance haute
   Devrait atteindre : IsOpenIntent ; facility = non reconnu (« la ludothèque ») — à ajouter dans \
phrases/fr-FR/horaires.yaml
   Nom inconnu du catalogue (case facility) : « la ludothèque » — ajoutez-le, ou ajoutez-le comme synonyme, \
dans content/.

2. « c'est quand la piscine »
   Alexa : comprise comme IsOpenIntent, confiance faible ; non transmise à la skill
   Devrait atteindre : ClosingTimeIntent ; facility = piscine-aquazena ou piscine-sevestre — à ajouter dans \
phrases/fr-FR/horaires.yaml
   Désaccord : Alexa a choisi IsOpenIntent.

3. « blablabla truc machin »
   Alexa : pas comprise (AMAZON.FallbackIntent), confiance haute
   Modèle local : aucune intention ne correspond — à classer.

4. « je veux refaire mon passeport »
   Alexa : comprise comme IdProcedureIntent, confiance moyenne
   Devrait atteindre : IdProcedureIntent ; document = passeport — à ajouter dans phrases/fr-FR/demarches.yaml

Pour chaque phrase : ajoutez la formulation au fichier indiqué (dossier phrases/), ou un synonyme dans \
content/ quand c'est un nom d'équipement, puis « mairie build » et « mairie deploy ».
"""


def test_phrases_lists_what_alexa_did_not_understand_with_the_intent_to_reach(ask: Path, tmp_path: Path) -> None:
    done = run("phrases", "--skill-id", SKILL, path=ask, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == PHRASES_REPORT
    assert calls(tmp_path / "ask-log") == [
        ["smapi", "get-utterance-data", "--skill-id", SKILL, "--stage", "live"],
        ["smapi", "get-utterance-data", "--skill-id", SKILL, "--stage", "live", "--next-token", "page-2"],
    ]


def test_the_skill_id_and_profile_come_from_the_last_deployment(ask: Path, tmp_path: Path) -> None:
    states = {"askcliStatesVersion": "2020-03-31", "profiles": {"ville": {"skillId": SKILL}}}
    (tmp_path / ".ask").mkdir()
    (tmp_path / ".ask" / "ask-states.json").write_text(json.dumps(states), encoding="utf-8")
    done = run("phrases", "--profile", "ville", "--stage", "development", path=ask, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert calls(tmp_path / "ask-log")[0] == [
        "smapi", "get-utterance-data", "--skill-id", SKILL, "--stage", "development", "--profile", "ville"
    ]  # fmt: skip


def corpus(folder: Path) -> Path:
    """A small corpus in the format of tests/phrases/fr: two intents, five sentences."""
    folder.mkdir()
    files = {
        "IsOpenIntent.yaml": [
            ("est-ce que la piscine est ouverte", "{facility: [piscine-aquazena, piscine-sevestre]}")
        ],
        "ClosingTimeIntent.yaml": [("à quelle heure ferme la mairie", "{facility: mairie}")],
        "NextOpeningIntent.yaml": [("c'est quand que la médiathèque ouvre", "{facility: mediatheque-centre-ville}")],
        "IdProcedureIntent.yaml": [
            ("refaire ma carte d'identité", "{document: carte-identite}"),
            ("je veux refaire mon passeport", "{document: passeport}"),
        ],
    }
    for name, tests in files.items():
        lines = ["language: fr", f"intent: {name.removesuffix('.yaml')}", "tests:"]
        for sentence, slots in tests:
            lines += [f'  - sentences: ["{sentence}"]', f"    slots: {slots}"]
        (folder / name).write_text("\n".join(lines) + "\n", encoding="utf-8")
    return folder


CALIBRATION_REPORT = f"""\
Calibrage : 5 phrases du corpus comparées avec la compréhension d'Alexa (skill {SKILL}, étape development, fr-FR).
Accord : 2 phrases. Désaccords : 3.

« refaire ma carte d'identité » (corpus : IdProcedureIntent, IdProcedureIntent.yaml)
  Alexa        : AMAZON.FallbackIntent
  modèle local : IdProcedureIntent ; document = carte-identite
  diffère sur  : l'intention, la case document

« je veux refaire mon passeport » (corpus : IdProcedureIntent, IdProcedureIntent.yaml)
  Alexa        : IdProcedureIntent ; document = non reconnu (« mon passeport »)
  modèle local : IdProcedureIntent ; document = passeport
  diffère sur  : la case document

« c'est quand que la médiathèque ouvre » (corpus : NextOpeningIntent, NextOpeningIntent.yaml)
  Alexa        : IsOpenIntent ; facility = mediatheque-centre-ville
  modèle local : NextOpeningIntent ; facility = mediatheque-centre-ville
  diffère sur  : l'intention

Quand Alexa se trompe : ajoutez la phrase (ou un synonyme) dans phrases/ ou content/, puis « mairie build » et \
« mairie deploy ». Quand c'est le modèle local : signalez-le aux développeurs.
"""


def test_calibrer_reports_every_phrase_where_alexa_and_the_local_model_disagree(ask: Path, tmp_path: Path) -> None:
    done = run("calibrer", "--corpus", str(corpus(tmp_path / "corpus")), path=ask, cwd=tmp_path, SKILL_ID=SKILL)
    assert done.returncode == 1  # disagreements: work to do
    assert done.stdout == CALIBRATION_REPORT
    sent = calls(tmp_path / "ask-log")
    assert len(sent) == 5
    assert sent[0] == [
        "smapi", "profile-nlu", "--utterance", "à quelle heure ferme la mairie",
        "--skill-id", SKILL, "--stage", "development", "--locale", "fr-FR",
    ]  # fmt: skip


def test_calibrer_reads_the_projects_corpus_by_default(ask: Path, tmp_path: Path) -> None:
    done = run("calibrer", "--intent", "MagazineIntent", "--limit", "2", path=ask, cwd=tmp_path, SKILL_ID=SKILL)
    assert done.stdout.startswith("Calibrage : 2 phrases du corpus comparées")
    expected = [p.sentence for p in load_corpus() if p.intent == "MagazineIntent"][:2]
    assert [call[3] for call in calls(tmp_path / "ask-log")] == expected


def test_a_phrase_where_both_agree_everywhere_exits_0(ask: Path, tmp_path: Path) -> None:
    folder = corpus(tmp_path / "corpus")
    done = run(
        "calibrer", "--corpus", str(folder), "--intent", "ClosingTimeIntent", path=ask, cwd=tmp_path, SKILL_ID=SKILL
    )
    assert done.returncode == 0
    assert done.stdout.splitlines()[1] == "Accord : 1 phrase. Désaccords : 0."


# --- when ask-cli cannot answer ------------------------------------------------------------------------


@pytest.mark.parametrize("command", ["phrases", "calibrer"])
def test_without_ask_cli_staff_are_told_how_to_install_it(command: str, tmp_path: Path) -> None:
    empty = tmp_path / "vide"
    empty.mkdir()
    done = run(command, "--skill-id", SKILL, path=empty, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("ask-cli n'est pas installé (commande « ask » introuvable). Installez-le avec")
    assert "Traceback" not in done.stderr and done.stdout == ""


@pytest.mark.parametrize("command", ["phrases", "calibrer"])
def test_ask_cli_not_configured_gets_a_french_message(command: str, ask: Path, tmp_path: Path) -> None:
    done = run(command, "--skill-id", SKILL, path=ask, cwd=tmp_path, FAKE_ASK_ERROR=NOT_CONFIGURED)
    assert done.returncode == 1
    assert done.stderr.startswith(
        f"« ask smapi {'get-utterance-data' if command == 'phrases' else 'profile-nlu'} » a échoué (code 1) : "
        "ask-cli n'est pas relié au compte Amazon de la ville : lancez « ask configure »."
    )
    assert "Traceback" not in done.stderr


def test_no_network_for_ask_cli_gets_a_french_message(ask: Path, tmp_path: Path) -> None:
    error = '{"message": "getaddrinfo ENOTFOUND api.amazonalexa.com", "code": "ENOTFOUND"}'
    done = run("phrases", "--skill-id", SKILL, path=ask, cwd=tmp_path, FAKE_ASK_ERROR=error)
    assert done.returncode == 1
    assert "pas de connexion au service d'Amazon : vérifiez la connexion à Internet" in done.stderr


@pytest.mark.parametrize("command", ["phrases", "calibrer"])
def test_an_unknown_skill_id_gets_a_french_message(command: str, ask: Path, tmp_path: Path) -> None:
    done = run(command, path=ask, cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("Identifiant de la skill inconnu : indiquez-le avec --skill-id amzn1.ask.skill.…")
    assert calls(tmp_path / "ask-log") == []
