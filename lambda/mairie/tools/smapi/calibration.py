"""`mairie calibrer`: the phrasing corpus sent to Alexa's own NLU (the Utterance Profiler), compared
with the local resolver, phrase by phrase.

The local resolver imitates Alexa offline (`tools.resolver`); the tests trust it. This is how to know
where it is wrong: every phrase where Alexa's profiler and the local resolver pick a different
intent, or fill the slots differently (ids for the catalogue's values, values for dates and numbers:
`smapi.understanding`), is reported with what the corpus expects. Both read the same interaction
model only if the deployed one is current: run `mairie deploy` first.

One `ask smapi profile-nlu` per phrase (about a second each): `--intent` and `--limit` narrow the run.
The first failure of ask-cli stops it (a missing profile or network fails every phrase alike), with
what was compared so far.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TextIO

from mairie.tools.phrase_corpus import Phrasing
from mairie.tools.resolver import Resolver
from mairie.tools.smapi.ask_cli import AskCliError
from mairie.tools.smapi.understanding import Understanding, describe, differences, from_profile, from_resolution

COMMAND = "profile-nlu"
LOCALE = "fr-FR"
PROGRESS_EVERY = 25

Profile = Callable[[str], dict[str, Any]]
"""Alexa's Utterance Profiler answer for one sentence."""


@dataclass(frozen=True)
class Comparison:
    phrasing: Phrasing
    alexa: Understanding
    local: Understanding

    @property
    def differs(self) -> list[str]:
        return differences(self.alexa, self.local)


def profile_arguments(sentence: str, skill_id: str, stage: str) -> list[str]:
    return ["--utterance", sentence, "--skill-id", skill_id, "--stage", stage, "--locale", LOCALE]


def compare(
    phrasings: Sequence[Phrasing], profile: Profile, resolver: Resolver, today: date, progress: TextIO | None = None
) -> tuple[list[Comparison], AskCliError | None]:
    """Each phrasing through both; stops at the first failure of the profiler (returned with the rest)."""
    done: list[Comparison] = []
    for index, phrasing in enumerate(phrasings, 1):
        try:
            alexa = from_profile(profile(phrasing.sentence))
        except AskCliError as error:
            return done, error
        local = from_resolution(resolver.resolve(phrasing.sentence, today))
        done.append(Comparison(phrasing, alexa, local))
        if progress is not None and index % PROGRESS_EVERY == 0 and index < len(phrasings):
            print(f"… {index} phrases sur {len(phrasings)} comparées", file=progress, flush=True)
    return done, None


def render(comparisons: Sequence[Comparison], planned: int, skill_id: str, stage: str) -> list[str]:
    disagreements = [c for c in comparisons if c.differs]
    compared = _phrases(len(comparisons)) + ("" if planned == len(comparisons) else f" sur {planned}")
    lines = [
        f"Calibrage : {compared} du corpus comparée{'s' if len(comparisons) > 1 else ''} avec la compréhension "
        f"d'Alexa (skill {skill_id}, étape {stage}, {LOCALE}).",
        f"Accord : {_phrases(len(comparisons) - len(disagreements))}. Désaccords : {len(disagreements)}.",
    ]
    for comparison in disagreements:
        phrasing = comparison.phrasing
        lines.append("")
        lines.append(f"« {phrasing.sentence} » (corpus : {phrasing.intent}, {phrasing.file})")
        lines.append(f"  Alexa        : {describe(comparison.alexa)}")
        lines.append(f"  modèle local : {describe(comparison.local)}")
        lines.append(f"  diffère sur  : {', '.join(_field(name) for name in comparison.differs)}")
    if disagreements:
        lines.append("")
        lines.append(
            "Quand Alexa se trompe : ajoutez la phrase (ou un synonyme) dans phrases/ ou content/, puis "
            "« mairie build » et « mairie deploy ». Quand c'est le modèle local : signalez-le aux développeurs."
        )
    return lines


def _phrases(n: int) -> str:
    return f"{n} phrase" if n <= 1 else f"{n} phrases"


def _field(name: str) -> str:
    return "l'intention" if name == "intent" else f"la case {name}"


def run_calibrate(
    phrasings: Sequence[Phrasing],
    profile: Profile,
    resolver: Resolver,
    today: date,
    skill_id: str,
    stage: str,
    out: TextIO,
) -> int:
    """0 when Alexa and the local resolver agree on every phrase; 1 otherwise (or when ask-cli failed)."""
    comparisons, failure = compare(phrasings, profile, resolver, today, progress=sys.stderr)
    if failure is not None and not comparisons:
        print(str(failure), file=sys.stderr)
        return 1
    for line in render(comparisons, len(phrasings), skill_id, stage):
        print(line, file=out)
    if failure is not None:
        print(str(failure), file=sys.stderr)
        print(f"Calibrage interrompu après {len(comparisons)} phrases.", file=sys.stderr)
        return 1
    return 1 if any(c.differs for c in comparisons) else 0
