"""Shared by the catalogue tests: a small valid content folder, the fixture commune, `write`."""

from __future__ import annotations

import textwrap
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
COMMUNE = ROOT / "tests" / "fixtures" / "commune"
"""The catalogue of the behaviour tests; never the city's own `content/`, which staff change."""

MINIMAL = {
    "city.yaml": """\
        ville:
          nom: Testville
          nom_assistant: la Mairie de Testville
          nom_invocation: la mairie de testville
          surnoms: [Testville]
          fuseau_horaire: Europe/Paris
          site_web: https://www.testville.fr
          accueil: Bonjour, ici la Mairie de Testville.
          a_propos: Testville est une ville de test.
        """,
    "facilities.yaml": """\
        equipements:
          - id: piscine
            nom: la piscine
            type: piscine
            horaires:
              lundi: fermé
              mardi: 08:30-12:00
              mercredi: 8h30-12h, 14h-18h
              jeudi:
                - 14:00-18:00
                - 08:30-12:00
              vendredi: 08:30-12:00
              samedi: 9h-12h
              dimanche: fermé
          - id: mairie
            nom: l'hôtel de ville
            genre: masculin
            type: mairie
        """,
    "procedures.yaml": """\
        demarches:
          - id: passeport
            nom: le passeport
            resume: Faites la pré-demande en ligne.
            etapes: [Faites la pré-demande.]
            documents: [une photo]
            cout: 86 euros.
            delais: Quelques semaines.
            lieu: mairie
        """,
}


def write(folder: Path, name: str, text: str) -> Path:
    """Write `text` (dedented) as `folder/name`."""
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path
