"""The staff guide's example edits never turn the suite red: applied to a copy of `content/`, every
content rule still holds (what CI checks after staff follow `content/LISEZMOI.md`)."""

from __future__ import annotations

import shutil
from pathlib import Path

from mairie.catalogue.loader import load_catalogue
from tests.content_rules import rules
from tests.content_rules.guide_edits import NEW_SYNONYM, apply_guide_edits, guide_examples

CONTENT = rules.ROOT / "content"


def test_every_example_of_the_guide_is_applied_and_every_rule_holds(tmp_path: Path) -> None:
    edited = tmp_path / "content"
    shutil.copytree(CONTENT, edited)
    before = load_catalogue(edited)
    done = apply_guide_edits(edited)
    assert len(done) == len(guide_examples()) + 1, done
    assert {line.split(":")[0] for line in done} >= {
        "Changer les horaires pour l'été",
        "Fermer un équipement pour un jour",
        "Ajouter un épisode de podcast",
        "Publier le magazine du mois",
        "Ajouter un équipement ou un synonyme",
    }

    after = load_catalogue(edited)
    assert sum(len(s.episodes) for s in after.podcasts) == sum(len(s.episodes) for s in before.podcasts) + 1
    assert before.magazine is not None and after.magazine is not None
    assert len(after.magazine.issues) == len(before.magazine.issues) + 1
    assert any(NEW_SYNONYM in facility.synonyms for facility in after.facilities)
    assert sum(len(f.exceptions) for f in after.facilities) == sum(len(f.exceptions) for f in before.facilities) + 2
    assert any(period.name == "été" for f in after.facilities for period in f.periods)

    assert rules.summary(rules.every_rule(edited)) == {}
