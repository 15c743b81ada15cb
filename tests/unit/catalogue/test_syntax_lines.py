"""A YAML file that cannot be read is reported at the line staff must fix, with the French message.

PyYAML notices a missing space after a colon, or a key indented too little, one line (or one key)
later; `reading.syntax_lines` finds the line to fix. Each case is a typing slip staff really make,
in a copy of the fixture commune; the expected line is the edited one.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue_helpers import write

from mairie.catalogue.validation import validate
from mairie.tools.build import run_validate

NO_COLON = "syntaxe YAML incorrecte : il manque « : » après le nom d'une clé."
NOT_ALLOWED = (
    "syntaxe YAML incorrecte : un « : » est inattendu ici ; si le texte contient « : », mettez-le entre "
    "guillemets, sinon vérifiez l'indentation."
)
INDENT = "syntaxe YAML incorrecte : l'indentation est incorrecte ; alignez les clés d'un même bloc."
CLOSURE = "    jours_feries: fermé\n"


def _edit(folder: Path, name: str, old: str, new: str, marker: str) -> int:
    """Replace `old` by `new` (once) in `name`; the 1-based line of `marker` in the result."""
    text = (folder / name).read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    edited = text.replace(old, new, 1)
    write(folder, name, edited)
    return edited.splitlines().index(marker) + 1


CASES = [
    pytest.param(
        "facilities.yaml",
        CLOSURE,
        CLOSURE + "    fermetures:\n      - date: 2026-12-26\n        motif:sans-espace\n",
        "        motif:sans-espace",
        NO_COLON,
        id="missing-space-last-key-of-a-block",
    ),
    pytest.param(
        "facilities.yaml",
        CLOSURE,
        CLOSURE + "    fermetures:\n      - date:2026-12-26\n        motif: inventaire\n",
        "      - date:2026-12-26",
        NOT_ALLOWED,
        id="missing-space-list-item",
    ),
    pytest.param(
        "podcasts.yaml",
        "    titre: Métamorphoses, Issy se réinvente\n",
        "    titre:Métamorphoses, Issy se réinvente\n",
        "    titre:Métamorphoses, Issy se réinvente",
        NO_COLON,
        id="missing-space-then-a-folded-text",
    ),
    pytest.param(
        "podcasts.yaml",
        "      - id: depardon\n",
        "     - id: depardon\n",
        "     - id: depardon",
        NOT_ALLOWED,
        id="list-item-indented-too-little",
    ),
    pytest.param(
        "city.yaml",
        "  accueil: Bonjour, ici la Mairie d'Issy.\n",
        "accueil: >\n    Bonjour, ici la Mairie d'Issy.\n",
        "accueil: >",
        INDENT,
        id="key-indented-too-little-before-a-folded-text",
    ),
    pytest.param(
        "city.yaml",
        "  nom: Issy-les-Moulineaux\n",
        " nom: Issy-les-Moulineaux\n",
        " nom: Issy-les-Moulineaux",
        NOT_ALLOWED,
        id="first-key-indented-too-little",
    ),
    pytest.param(
        "facilities.yaml",
        CLOSURE,
        CLOSURE + "    fermetures:\n      - date: 2026-12-26\n       motif: inventaire\n",
        "       motif: inventaire",
        INDENT,
        id="key-one-space-short",
    ),
    pytest.param(
        "procedures.yaml",
        "        etapes_en_plus:\n",
        "       etapes_en_plus:\n",
        "       etapes_en_plus:",
        INDENT,
        id="nested-key-one-space-short",
    ),
    pytest.param(
        "magazine.yaml",
        "    - mois: 2026-11\n",
        "    - mois:2026-11\n",
        "    - mois:2026-11",
        NOT_ALLOWED,
        id="missing-space-magazine-issue",
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "marker", "message"), CASES)
def test_the_line_to_fix_is_reported(
    content_copy: Path, name: str, old: str, new: str, marker: str, message: str
) -> None:
    line = _edit(content_copy, name, old, new, marker)
    assert [(p.file.name, p.line, p.message) for p in validate(content_copy)] == [(name, line, message)]


def test_validate_prints_file_line_and_message(content_copy: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = _edit(content_copy, "facilities.yaml", *CASES[0].values[1:4])
    assert run_validate(content_copy) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == [f"{content_copy / 'facilities.yaml'}:{line}: {NO_COLON}"]
    assert err == f"1 problème trouvé dans {content_copy}/.\n"


def test_a_colon_inside_a_value_stays_on_its_own_line(content_copy: Path) -> None:
    line = _edit(
        content_copy,
        "facilities.yaml",
        CLOSURE,
        CLOSURE + "    fermetures:\n      - date: 2026-12-26\n        motif: Travaux : bassin fermé\n",
        "        motif: Travaux : bassin fermé",
    )
    assert [(p.line, p.message) for p in validate(content_copy)] == [(line, NOT_ALLOWED)]
