"""`mairie preview`: the question asked for each facility and the report's heading, in correct French."""

from __future__ import annotations

from datetime import datetime

from mairie.catalogue.model import Facility
from mairie.tools.deploy import ask_command
from mairie.tools.preview import heading, question


def test_the_question_agrees_with_the_facility() -> None:
    pool = Facility(id="piscine", name="la piscine Aquazena", kind="piscine", feminine=True)
    museum = Facility(id="musee", name="le musée", kind="musée", feminine=False)
    assert question(pool) == "est-ce que la piscine Aquazena est ouverte"
    assert question(museum) == "est-ce que le musée est ouvert"


def test_heading_names_the_day_in_french() -> None:
    assert heading(datetime(2026, 7, 14, 10, 5)) == "Aperçu au mardi 14 juillet 2026 à 10 h 05 (heure de la ville)"
    assert heading(datetime(2026, 8, 1, 9, 0)) == "Aperçu au samedi 1er août 2026 à 9 h 00 (heure de la ville)"


def test_ask_deploy_command() -> None:
    assert ask_command(None) == ["ask", "deploy"]
    assert ask_command("issy") == ["ask", "deploy", "--profile", "issy"]
