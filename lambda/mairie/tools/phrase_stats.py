"""`mairie build --stats`: how the phrasing templates fill the interaction model, in French.

For staff and developers who add phrasings: how many samples each intent gets, how close the model is
to Alexa's size limit, which template lines describe the most phrasings (those lines only give the
model a share of them; see `tools.grammar`), and which example phrasings no line describes (each one
a phrasing Alexa's exact matching would miss: a line to add; see `tools.examples`).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, TextIO

from mairie.catalogue.problems import display_path
from mairie.tools.examples import EXAMPLES, ExamplePhrasing, read_examples
from mairie.tools.model_limits import MAX_MODEL_CHARACTERS, model_size
from mairie.tools.phrases import MODEL_SAMPLE_BUDGET, read_templates

TOP_LINES = 10
UNDESCRIBED_SHOWN = 40


def print_stats(phrases: Path, model: Mapping[str, Any], out: TextIO) -> int:
    """The report; 1 when the templates cannot be read."""
    template_set, problems = read_templates(phrases)
    examples, unreadable = read_examples(phrases / EXAMPLES)
    problems += unreadable
    if problems:
        for problem in problems:
            print(problem.render(), file=out)
        return 1
    language = model["interactionModel"]["languageModel"]
    per_intent = Counter({str(i["name"]): len(i.get("samples", [])) for i in language.get("intents", [])})
    total = sum(per_intent.values())
    size = model_size(model)
    template_set.learn(examples)
    share = template_set.share()
    print(f"Modèle d'interaction : {total} phrases, {size} caractères sur {MAX_MODEL_CHARACTERS} acceptés.", file=out)
    print(f"Budget : {MODEL_SAMPLE_BUDGET} phrases ; au plus {share} variantes par ligne de modèle.", file=out)
    print("Phrases par intention :", file=out)
    for intent, count in per_intent.most_common():
        if count:
            print(f"  {count:6d}  {intent}", file=out)
    counts, shares = template_set.counts(), template_set.shares()
    biggest = sorted(range(len(counts)), key=lambda i: -counts[i])[:TOP_LINES]
    print("Lignes qui décrivent le plus de variantes (le modèle n'en garde qu'une part) :", file=out)
    for index in biggest:
        line = template_set.lines[index]
        kept = shares[index] + len(template_set.usage.samples.get(index, ()))
        where = f"{display_path(line.file)}:{line.line}"
        print(f"  {where} : {counts[index]} variantes, {kept} dans le modèle ({line.intent})", file=out)
    _print_undescribed(template_set.usage.undescribed, len(examples), phrases / EXAMPLES, out)
    return 0


def _print_undescribed(undescribed: Sequence[ExamplePhrasing], total: int, folder: Path, out: TextIO) -> None:
    if not total:
        return
    print(
        f"Exemples de phrases ({display_path(folder)}) : {total}, dont {len(undescribed)} "
        "qu'aucune ligne ne décrit mot pour mot (Alexa ne les reconnaîtra qu'à peu près) :",
        file=out,
    )
    for example in undescribed[:UNDESCRIBED_SHOWN]:
        print(f"  {display_path(example.file)} : {example.intent} : « {example.sentence} »", file=out)
    if len(undescribed) > UNDESCRIBED_SHOWN:
        print(f"  … et {len(undescribed) - UNDESCRIBED_SHOWN} autres.", file=out)
