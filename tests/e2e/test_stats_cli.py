"""`mairie stats` as a staff member runs it: on a copy of the log, or on CloudWatch Logs (a real
moto server speaking the CloudWatch Logs protocol on 127.0.0.1), report in French, page in HTML.

The day of log is generated with known counts (`tests/e2e/usage_logs.py`); facility names come from
the fixture commune.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import boto3
import pytest
from moto.server import ThreadedMotoServer
from tests.e2e.usage_logs import as_log_file, generated_day

ROOT = Path(__file__).resolve().parents[2]
COMMUNE = ROOT / "tests" / "fixtures" / "commune"
DAY = date(2026, 11, 26)
GROUP = "/aws/lambda/ask-mairie-vocale-default-eu-west-1-1700000000000"
FUNCTION_ARN = "arn:aws:lambda:eu-west-1:123456789012:function:ask-mairie-vocale-default-eu-west-1-1700000000000"
AWS_VARIABLES = ("AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_DEFAULT_REGION")


def run_stats(*args: str, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in (*AWS_VARIABLES, "AWS_ENDPOINT_URL", "SKILL_ID")}
    clean.update(
        PYTHONPATH=str(ROOT / "lambda"),
        MAIRIE_CONTENT=str(COMMUNE),
        AWS_CONFIG_FILE=str(cwd / "absent-aws-config"),
        AWS_SHARED_CREDENTIALS_FILE=str(cwd / "absent-aws-credentials"),
        AWS_EC2_METADATA_DISABLED="true",
    )
    clean.update(env)
    return subprocess.run(
        [sys.executable, "-m", "mairie.tools.cli", "stats", *args],
        cwd=cwd,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture
def day_log(tmp_path: Path) -> Path:
    path = tmp_path / "journee.log"
    path.write_text(as_log_file(generated_day(DAY)), encoding="utf-8")
    return path


REPORT = """\
Utilisation de la skill le 26 novembre 2026 (source : fichier journee.log).
112 requêtes d'habitants, et 8 événements du lecteur audio ou d'Alexa (non comptés ci-dessous) ; 1 en erreur.

Requêtes par fonction et par semaine :
  semaine du 23 novembre 2026 : 112
    Horaires des équipements : 59
    Ouverture de la skill : 20
    Démarches (carte d'identité, passeport) : 16
    Demandes non comprises : 10
    Podcasts : 6
    Aide, répétition, oui, non, au revoir : 1
  Total par fonction :
    Horaires des équipements : 59 (52,7 %)
    Ouverture de la skill : 20 (17,9 %)
    Démarches (carte d'identité, passeport) : 16 (14,3 %)
    Demandes non comprises : 10 (8,9 %)
    Podcasts : 6 (5,4 %)
    Aide, répétition, oui, non, au revoir : 1 (0,9 %)

Non compris : 8,9 % des requêtes (10 sur 112).
  Pour savoir ce qui a été dit : « mairie phrases » (historique anonyme d'Alexa).

Équipements demandés dont les horaires sont inconnus (les plus demandés d'abord) :
  La médiathèque centre-ville (mediatheque-centre-ville) : 12 demandes
  La piscine Aquazena (piscine-aquazena) : 5 demandes
  Ajoutez leurs horaires dans content/facilities.yaml (clé « horaires »), puis « mairie build ».

Équipements inconnus du catalogue : 4 demandes (le nom dit n'est jamais enregistré ; « mairie phrases » \
montre les phrases fréquentes).
  Un équipement manque, ou il lui faut un synonyme : content/facilities.yaml (clé « synonymes »).

Réponses tirées d'un exemple (faits non confirmés) : 14. Confirmez ces informations, puis retirez « exemple: true ».
  La mairie (mairie) : 8
  Podcasts : 6

Fonctions les plus lentes (temps de traitement : médiane, 95 % des requêtes en moins de, maximum) :
  Démarches (carte d'identité, passeport) : 3,0 ms, 9,5 ms, 9,5 ms (16 requêtes)
  Aide, répétition, oui, non, au revoir : 4,0 ms, 4,0 ms, 4,0 ms (1 requête)
  Podcasts : 2,5 ms, 2,5 ms, 2,5 ms (6 requêtes)
  Ouverture de la skill : 2,0 ms, 2,0 ms, 2,0 ms (20 requêtes)
  Horaires des équipements : 1,0 ms, 1,5 ms, 1,5 ms (59 requêtes)
""".replace("\u00a0", " ")


def plain(text: str) -> str:
    """French typography uses no-break spaces (« 8,9 % »); compare as plain spaces."""
    return text.replace("\u00a0", " ").replace("\u202f", " ")


# --- the French report and the HTML page -----------------------------------------------------------


def test_a_day_of_log_gives_the_french_report(day_log: Path, tmp_path: Path) -> None:
    done = run_stats("--file", str(day_log), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert plain(done.stdout) == REPORT
    assert done.stderr == ""


class Page(HTMLParser):
    """What a browser would load and show: tags, scripts, outside references, text."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.outside: list[str] = []
        self.text: list[str] = []
        self.svg_titles: list[str] = []
        self._in_svg_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name in ("src", "href", "xlink:href", "action") or (value and "url(" in value):
                self.outside.append(f"{tag} {name}={value}")
        self._in_svg_title = tag == "title" and "svg" in self.tags and self.tags.count("svg") > 0

    def handle_data(self, data: str) -> None:
        if data.strip():
            self.text.append(data.strip())
            if self._in_svg_title:
                self.svg_titles.append(data.strip())

    def handle_endtag(self, tag: str) -> None:
        self._in_svg_title = False


def test_the_html_page_has_charts_and_the_same_numbers_and_loads_nothing(day_log: Path, tmp_path: Path) -> None:
    page_path = tmp_path / "rapport.html"
    done = run_stats("--file", str(day_log), "--html", str(page_path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert plain(done.stdout).endswith(f"Rapport HTML écrit : {page_path} (à ouvrir dans un navigateur).\n")
    html = page_path.read_text(encoding="utf-8")
    page = Page()
    page.feed(html)
    assert html.startswith('<!DOCTYPE html>\n<html lang="fr">')
    assert page.tags.count("svg") == 5  # features, weeks, not understood, hours unknown, latency
    assert page.tags.count("rect") >= 20
    assert "script" not in page.tags and "link" not in page.tags and "img" not in page.tags
    assert page.outside == []
    text = plain(" ".join(page.text))
    for expected in (
        "Utilisation de la skill le 26 novembre 2026",
        "Requêtes par fonction",
        "8,9 % des requêtes n'ont pas été comprises (10 sur 112)",
        "Équipements demandés dont les horaires sont inconnus",
        "La médiathèque centre-ville (mediatheque-centre-ville)",
        "Fonctions les plus lentes",
        "ni identifiant, ni session, ni mot prononcé",
    ):
        assert expected in text
    assert "La médiathèque centre-ville (mediatheque-centre-ville) : 12" in plain(" ".join(page.svg_titles))


def test_json_lines_from_mairie_serve_and_lambdas_json_format_are_read_too(tmp_path: Path) -> None:
    plain_line = {"request": "LaunchRequest", "intent": None, "feature": "launch", "outcome": "answered"}
    lambda_json = {
        "timestamp": "2026-11-26T09:00:00.123Z",
        "level": "INFO",
        "message": json.dumps({**plain_line, "feature": "hours", "facility": None, "latency_ms": 1.0}),
        "logger": "mairie",
        "requestId": "0000-1111",
    }
    old_line = {"request": "IntentRequest", "intent": "AMAZON.HelpIntent", "latency_ms": 0.2, "outcome": "ok"}
    path = tmp_path / "serve.jsonl"
    path.write_text(
        "\n".join(
            [
                json.dumps({**plain_line, "facility": None, "latency_ms": 2.0, "day": "2026-11-26"}),
                json.dumps(lambda_json),
                "Démarrage du serveur…",
                f"[INFO]\t2026-11-26T10:00:00.000Z\tabc\t{json.dumps(old_line)}",
            ]
        ),
        encoding="utf-8",
    )
    done = run_stats("--file", str(path), cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = plain(done.stdout)
    assert "3 requêtes d'habitants." in out
    assert "    Ouverture de la skill : 1\n" in out and "    Horaires des équipements : 1\n" in out
    assert "    Sans réponse (erreur) : 1\n" in out  # a line from before features were logged


def test_days_outside_the_period_are_left_out(day_log: Path, tmp_path: Path) -> None:
    done = run_stats("--file", str(day_log), "--since", "2026-11-27", cwd=tmp_path)
    assert done.returncode == 0
    assert plain(done.stdout).splitlines()[1:] == [
        "0 requête d'habitants.",
        "Aucune requête d'habitant sur cette période.",
    ]


# --- CloudWatch Logs -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def cloudwatch() -> Iterator[str]:
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def put_day(endpoint: str, day: date) -> None:
    client = boto3.client(
        "logs",
        endpoint_url=endpoint,
        region_name="eu-west-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )
    if not client.describe_log_groups(logGroupNamePrefix=GROUP)["logGroups"]:
        client.create_log_group(logGroupName=GROUP)
    stream = f"{day.isoformat()}/[$LATEST]0123456789abcdef"
    client.create_log_stream(logGroupName=GROUP, logStreamName=stream)
    events = [{"timestamp": e.timestamp_ms, "message": e.message} for e in generated_day(day)]
    for start in range(0, len(events), 100):
        client.put_log_events(logGroupName=GROUP, logStreamName=stream, logEvents=events[start : start + 100])


STACK_ID = "arn:aws:cloudformation:eu-west-1:123456789012:stack/ask-mairie-default-skillStack-1/0a1b2c3d"


def deployed_project(folder: Path, deployer: str = "cfn") -> Path:
    """A project folder after `mairie deploy`: ask-cli's `.ask/ask-states.json` holds the stack's outputs
    (cfn-deployer, as `ask-resources.json` asks now) or the function's ARN (lambda-deployer, before)."""
    infrastructure: dict[str, Any] = {
        "cfn": {
            "@ask-cli/cfn-deployer": {
                "deployState": {
                    "default": {
                        "s3": {"bucket": "ask-mairie", "key": "endpoint/build.zip"},
                        "stackId": STACK_ID,
                        "outputs": [
                            {"OutputKey": "SkillEndpoint", "OutputValue": FUNCTION_ARN},
                            {"OutputKey": "LogGroupName", "OutputValue": GROUP},
                        ],
                    }
                }
            }
        },
        "lambda": {
            "@ask-cli/lambda-deployer": {
                "deployState": {"default": {"lambda": {"arn": FUNCTION_ARN, "revisionId": "1"}}}
            }
        },
    }[deployer]
    states = {
        "askcliStatesVersion": "2020-03-31",
        "profiles": {
            "default": {
                "skillId": "amzn1.ask.skill.00000000-0000-4000-8000-000000000001",
                "skillInfrastructure": infrastructure,
            }
        },
    }
    (folder / ".ask").mkdir(parents=True, exist_ok=True)
    (folder / ".ask" / "ask-states.json").write_text(json.dumps(states), encoding="utf-8")
    return folder


def test_the_log_group_is_found_from_either_deployers_state(tmp_path: Path) -> None:
    from mairie.tools.usage.cloudwatch import LogGroup, deployed_log_group

    for deployer in ("cfn", "lambda"):
        project = deployed_project(tmp_path / deployer, deployer)
        assert deployed_log_group(project) == LogGroup(GROUP, "eu-west-1"), deployer
    assert deployed_log_group(tmp_path / "nulle-part") is None


def test_cloudwatch_logs_of_the_deployed_function_give_the_same_report(cloudwatch: str, tmp_path: Path) -> None:
    yesterday = datetime.now(UTC).date() - timedelta(days=1)  # CloudWatch keeps no event older than 14 days
    put_day(cloudwatch, yesterday)
    project = deployed_project(tmp_path / "projet")
    credentials = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_ENDPOINT_URL": cloudwatch}
    done = run_stats("--html", "rapport.html", cwd=project, **credentials)
    assert done.returncode == 0, done.stderr
    copy = tmp_path / "copie.log"
    copy.write_text(as_log_file(generated_day(yesterday)), encoding="utf-8")
    from_file = run_stats("--file", str(copy), cwd=tmp_path)
    lines, expected = plain(done.stdout).splitlines(), plain(from_file.stdout).splitlines()
    assert lines[0].endswith(f"(source : CloudWatch Logs, {GROUP} (eu-west-1)).")
    assert lines[0].startswith("Utilisation de la skill du ")  # the last four weeks
    assert lines[1:-2] == expected[1:]
    assert (project / "rapport.html").is_file()


def test_missing_aws_credentials_get_a_french_message(cloudwatch: str, tmp_path: Path) -> None:
    project = deployed_project(tmp_path)
    done = run_stats(cwd=project, AWS_ENDPOINT_URL=cloudwatch)
    assert done.returncode == 1
    assert done.stderr.startswith("Aucun identifiant AWS trouvé : configurez l'accès au compte AWS de la ville")
    assert "Traceback" not in done.stderr and done.stdout == ""


def test_no_network_gets_a_french_message(tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nothing listens on
        probe.bind(("127.0.0.1", 0))
        closed = probe.getsockname()[1]
    credentials = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test"}
    endpoint = f"http://127.0.0.1:{closed}"
    done = run_stats(
        "--log-group", GROUP, "--region", "eu-west-1", cwd=tmp_path, AWS_ENDPOINT_URL=endpoint, **credentials
    )
    assert done.returncode == 1
    assert done.stderr.startswith("Impossible de joindre CloudWatch Logs (pas de réseau, ou service injoignable)")
    assert "Traceback" not in done.stderr


def test_an_unknown_log_group_gets_a_french_message(cloudwatch: str, tmp_path: Path) -> None:
    credentials = {"AWS_ACCESS_KEY_ID": "test", "AWS_SECRET_ACCESS_KEY": "test", "AWS_ENDPOINT_URL": cloudwatch}
    done = run_stats("--log-group", "/aws/lambda/inconnue", "--region", "eu-west-1", cwd=tmp_path, **credentials)
    assert done.returncode == 1
    assert done.stderr.startswith("Le groupe de journaux « /aws/lambda/inconnue » n'existe pas dans cette région")


def test_without_a_file_or_a_deployment_it_says_where_logs_are_read(tmp_path: Path) -> None:
    done = run_stats(cwd=tmp_path)
    assert done.returncode == 1
    assert done.stderr.startswith("Je ne sais pas où lire les journaux : indiquez un fichier (--file journal.jsonl)")


def test_a_missing_file_and_a_reversed_period_get_french_messages(tmp_path: Path) -> None:
    done = run_stats("--file", str(tmp_path / "absent.log"), cwd=tmp_path)
    assert (done.returncode, done.stderr) == (
        1,
        f"Impossible de lire « {tmp_path / 'absent.log'} » : fichier ou dossier introuvable.\n",
    )
    done = run_stats("--file", "x", "--since", "2026-11-27", "--until", "2026-11-01", cwd=tmp_path)
    assert done.stderr == "La période est à l'envers : du 27 novembre 2026 au 1er novembre 2026.\n"
    done = run_stats("--since", "hier", cwd=tmp_path)
    assert done.returncode == 2 and "date invalide : « hier » (exemple : 2026-11-02)" in done.stderr
