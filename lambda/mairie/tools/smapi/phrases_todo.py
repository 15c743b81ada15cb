"""`mairie phrases`: what residents said that Alexa did not understand, or understood without being
sure, next to the intent the local resolver finds for it — the list of phrasings and synonyms to add.

The phrases come from Alexa's Intent Request History (`smapi.history`): anonymous, aggregated, only
phrases said by enough distinct people. Kept: those that ended in `AMAZON.FallbackIntent` and those
whose confidence was LOW (never sent to the skill) or MEDIUM, once each. For each one, the local
resolver (this project's model and templates) says which intent it should reach; when it finds none
either, the phrase is « à classer » by a person.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TextIO

import yaml

from mairie.tools.resolution import FALLBACK_INTENT
from mairie.tools.resolver import Resolver
from mairie.tools.smapi.history import HeardPhrase
from mairie.tools.smapi.understanding import Understanding, describe, from_resolution

CONFIDENCE = {"HIGH": "confiance haute", "MEDIUM": "confiance moyenne", "LOW": "confiance faible"}
LIMITS = (
    "Amazon ne transmet que les phrases des 30 derniers jours, dites par assez de personnes différentes "
    "(au moins 10 par jour et par langue), sans aucune information sur qui les a dites."
)


@dataclass(frozen=True)
class Suggestion:
    phrase: HeardPhrase
    local: Understanding

    @property
    def classified(self) -> bool:
        return self.local.intent not in (None, FALLBACK_INTENT)


def to_review(phrases: Sequence[HeardPhrase], locale: str) -> list[HeardPhrase]:
    """The phrases to look at, once each (first seen kept), in this locale (or without one)."""
    seen: set[str] = set()
    kept = []
    for phrase in phrases:
        key = " ".join(phrase.text.lower().split())
        if not phrase.to_review or key in seen or (phrase.locale and phrase.locale != locale):
            continue
        seen.add(key)
        kept.append(phrase)
    return kept


def suggest(phrases: Sequence[HeardPhrase], resolver: Resolver, today: date) -> list[Suggestion]:
    return [Suggestion(p, from_resolution(resolver.resolve(p.text, today))) for p in phrases]


def intent_files(phrases_dir: Path) -> dict[str, str]:
    """Intent → the file of `phrases/fr-FR/` holding its templates (where to add a phrasing)."""
    found: dict[str, str] = {}
    for path in sorted(phrases_dir.glob("*.yaml")):
        try:
            document = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        except (OSError, yaml.YAMLError):
            continue
        intents = document.get("intents") if isinstance(document, dict) else None
        for intent in intents if isinstance(intents, dict) else {}:
            found.setdefault(str(intent), f"{phrases_dir.parent.name}/{phrases_dir.name}/{path.name}")
    return found


def render(suggestions: Sequence[Suggestion], heard: int, files: dict[str, str], stage: str) -> list[str]:
    received = f"{heard} phrase reçue" if heard <= 1 else f"{heard} phrases reçues"
    lines = [f"Historique des requêtes d'Alexa (étape {stage}) : {received}. {LIMITS}"]
    if not suggestions:
        lines.append("Aucune phrase incomprise ni douteuse : rien à ajouter pour le moment.")
        return lines
    count = f"{len(suggestions)} phrase à traiter" if len(suggestions) == 1 else f"{len(suggestions)} phrases à traiter"
    lines.append(
        f"{count} (incomprises, ou comprises sans certitude), avec l'intention à atteindre d'après le modèle local :"
    )
    for number, suggestion in enumerate(suggestions, 1):
        lines.append("")
        lines.extend(_entry(number, suggestion, files))
    lines.append("")
    lines.append(
        "Pour chaque phrase : ajoutez la formulation au fichier indiqué (dossier phrases/), ou un synonyme dans "
        "content/ quand c'est un nom d'équipement, puis « mairie build » et « mairie deploy »."
    )
    return lines


def _entry(number: int, suggestion: Suggestion, files: dict[str, str]) -> list[str]:
    phrase = suggestion.phrase
    heard = "pas comprise (AMAZON.FallbackIntent)" if phrase.not_understood else f"comprise comme {phrase.intent}"
    confidence = CONFIDENCE.get(phrase.confidence or "", "")
    note = " ; non transmise à la skill" if phrase.confidence == "LOW" else ""
    lines = [
        f"{number}. « {phrase.text} »",
        f"   Alexa : {heard}{f', {confidence}' if confidence else ''}{note}"
        + (f" (réponse à une question : {phrase.dialog_act})" if phrase.dialog_act else ""),
    ]
    local = suggestion.local
    if not suggestion.classified:
        lines.append("   Modèle local : aucune intention ne correspond — à classer.")
        return lines
    where = files.get(local.intent or "")
    lines.append(f"   Devrait atteindre : {describe(local)}" + (f" — à ajouter dans {where}" if where else ""))
    for name, slot in sorted(local.slots.items()):
        if slot.custom and not slot.ids:
            lines.append(
                f"   Nom inconnu du catalogue (case {name}) : « {slot.value} » — ajoutez-le, ou ajoutez-le comme "
                "synonyme, dans content/."
            )
    if phrase.intent and phrase.intent != local.intent and not phrase.not_understood:
        lines.append(f"   Désaccord : Alexa a choisi {phrase.intent}.")
    return lines


def run_phrases(
    phrases: Sequence[HeardPhrase],
    resolver: Resolver,
    today: date | None,
    locale: str,
    phrases_dir: Path,
    stage: str,
    out: TextIO,
) -> int:
    review = to_review(phrases, locale)
    suggestions = suggest(review, resolver, today or datetime.now(UTC).date())
    for line in render(suggestions, len(phrases), intent_files(phrases_dir), stage):
        print(line, file=out)
    return 0
