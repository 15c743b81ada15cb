"""The phrasing templates (`phrases/`) as `mairie build` reads, checks, samples and reports them.

Each test writes a small templates folder of its own: what a template author sees (the samples the
model gets, the French problem with file and line), not the city's own templates.
"""

from __future__ import annotations

import io
import json
from pathlib import Path
from typing import Any

import pytest
from hassil.parse_expression import parse_sentence

from mairie.tools.examples import EXAMPLES, learn, read_examples
from mairie.tools.grammar import quotas, sample_line
from mairie.tools.model_limits import MAX_MODEL_CHARACTERS, limit_problems
from mairie.tools.phrase_stats import print_stats
from mairie.tools.phrases import apply_templates_to_model, model_problems, read_phrasings, read_templates


def _folder(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "phrases"
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def _model(dialog: bool = False) -> dict[str, Any]:
    model: dict[str, Any] = {
        "interactionModel": {
            "languageModel": {
                "invocationName": "mairie test",
                "intents": [
                    {"name": "CostIntent", "slots": [{"name": "document", "type": "DOCUMENT"}], "samples": []},
                    {"name": "WhereIntent", "slots": [{"name": "document", "type": "DOCUMENT"}], "samples": []},
                ],
                "types": [{"name": "DOCUMENT", "values": [{"id": "passeport", "name": {"value": "passeport"}}]}],
            }
        }
    }
    if dialog:
        model["interactionModel"]["dialog"] = {"intents": [{"name": "CostIntent", "slots": []}]}
    return model


def _problems(tmp_path: Path, template: str, dialog: bool = False) -> list[str]:
    folder = _folder(tmp_path, {"demarches.yaml": f'intents:\n  CostIntent:\n    - "{template}"\n'})
    templates, problems = read_phrasings(folder)
    assert not problems
    model = apply_templates_to_model(_model(dialog), templates)
    return [problem.render() for problem in model_problems(model, templates, folder)]


def _sample(template: str, quota: int, rules: dict[str, str] | None = None) -> list[str]:
    parsed = {name: parse_sentence(text).expression for name, text in (rules or {}).items()}
    return sample_line(parse_sentence(template).expression, parsed, quota)


# -- reading: French problems with file and line ---------------------------------------------------


def test_a_broken_template_is_reported_with_its_file_and_line(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "demarches.yaml": 'intents:\n  CostIntent:\n    - "combien coûte {document}"\n'
            '    - "combien (coûte|vaut {document}"\n'
        },
    )
    _, problems = read_templates(folder)
    assert len(problems) == 1
    assert (
        problems[0]
        .render()
        .startswith(f"{folder / 'demarches.yaml'}:4: phrase illisible : vérifiez les parenthèses et les crochets")
    )


def test_unknown_rules_keys_and_unreadable_yaml_are_explained_in_french(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "a.yaml": 'intents:\n  CostIntent:\n    - "<combien> {document}"\n',
            "b.yaml": "intentions:\n  CostIntent: []\n",
            "c.yaml": 'intents:\n  CostIntent:\n    - "oui\n',
        },
    )
    _, problems = read_templates(folder)
    messages = {(p.file.name, p.line): p.message for p in problems}
    assert messages[("a.yaml", 3)] == "règle inconnue <combien> : définissez-la sous expansion_rules."
    assert messages[("b.yaml", 1)].startswith("clé inconnue « intentions » : les clés possibles sont intents")
    assert messages[("c.yaml", 4)].startswith("YAML illisible")


def test_a_rule_defined_twice_names_the_first_definition(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "a.yaml": 'expansion_rules:\n  svp: "(s\'il vous plaît)"\n',
            "b.yaml": 'expansion_rules:\n  svp: "(s\'il te plaît)"\n',
        },
    )
    _, problems = read_templates(folder)
    assert [(p.file.name, p.line, p.message) for p in problems] == [
        ("b.yaml", 2, "règle <svp> déjà définie (a.yaml:2).")
    ]


def test_an_empty_folder_is_a_problem(tmp_path: Path) -> None:
    _, problems = read_templates(tmp_path)
    assert [p.message for p in problems] == ["aucun fichier de phrases (*.yaml) dans ce dossier."]


# -- the model's rules, checked on the samples -----------------------------------------------------


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("combien pour {document} de 8 ans", "caractères refusés par Alexa : 8"),
        ("combien coûte d'{document}", "une case {…} doit être entourée d'espaces"),
        ("combien coûte {person}", "case {person} inconnue pour cette intention (cases possibles : {document})"),
    ],
)
def test_samples_alexa_would_refuse_fail_the_build_in_french(tmp_path: Path, template: str, expected: str) -> None:
    problems = _problems(tmp_path, template)
    assert any(expected in problem for problem in problems), problems
    assert all(problem.startswith(f"{tmp_path / 'phrases' / 'demarches.yaml'}:3: ") for problem in problems)


def test_a_line_whose_phrasings_all_repeat_a_slot_fails_the_build(tmp_path: Path) -> None:
    folder = _folder(tmp_path, {"demarches.yaml": 'intents:\n  CostIntent:\n    - "{document} ou {document}"\n'})
    _, problems = read_phrasings(folder)
    assert [(p.line, p.message) for p in problems] == [
        (3, "une même case apparaît deux fois dans chaque phrase de cette ligne.")
    ]


def test_a_slot_alone_is_refused_only_in_an_intent_with_a_dialog_model(tmp_path: Path) -> None:
    assert _problems(tmp_path, "{document}") == []
    (problem,) = _problems(tmp_path, "{document}", dialog=True)
    assert "CostIntent a un modèle de dialogue, et Alexa y refuse une phrase faite seulement de cases" in problem


def test_a_sample_shared_by_two_intents_names_both_lines(tmp_path: Path) -> None:
    folder = _folder(
        tmp_path,
        {
            "demarches.yaml": 'intents:\n  CostIntent:\n    - "le prix (du|de) {document}"\n'
            '  WhereIntent:\n    - "le prix du {document}"\n'
        },
    )
    templates, _ = read_phrasings(folder)
    problems = model_problems(apply_templates_to_model(_model(), templates), templates, folder)
    assert len(problems) == 1
    assert problems[0].line == 5 and "CostIntent" in problems[0].message and "demarches.yaml:3" in problems[0].message


def test_too_many_lines_for_the_budget_fail_with_the_biggest_lines(tmp_path: Path) -> None:
    alternatives = "|".join(f"mot{chr(97 + i)}" for i in range(10))
    folder = _folder(
        tmp_path,
        {"demarches.yaml": f'intents:\n  CostIntent:\n    - "({alternatives}) ({alternatives}) {{document}}"\n'},
    )
    _, problems = read_phrasings(folder, budget=15)
    assert len(problems) == 1
    assert problems[0].line == 3
    assert problems[0].message.startswith("cette ligne donne 100 variantes ; avec toutes les lignes, le modèle")


# -- Alexa's model limits ----------------------------------------------------------------------------


def test_the_limits_of_alexas_model_builder_are_explained() -> None:
    model = _model()
    language = model["interactionModel"]["languageModel"]
    language["intents"] += [{"name": f"Intent{i}", "samples": []} for i in range(260)]
    language["types"][0]["values"].append({"id": "long", "name": {"value": "mot " * 40}})
    language["intents"][0]["samples"] = ["combien coûte le passeport " * 4] * (MAX_MODEL_CHARACTERS // 100)
    problems = limit_problems(model)
    assert problems[0] == "le modèle a 262 intentions ; Alexa en accepte au plus 250."
    assert "Alexa en accepte au plus 140 par valeur." in problems[1] and "160 caractères" in problems[1]
    assert problems[2].startswith("le modèle fait ") and "« mairie build --stats »" in problems[2]


def test_a_model_within_the_limits_has_no_problem() -> None:
    assert limit_problems(_model()) == []


# -- sampling -----------------------------------------------------------------------------------------


def test_a_small_line_gives_all_its_phrasings() -> None:
    assert sorted(_sample("(quel|combien) [pour] {document}", 10)) == sorted(
        ["quel {document}", "combien {document}", "quel pour {document}", "combien pour {document}"]
    )


def test_a_big_line_gives_its_usual_words_first_and_always_the_same() -> None:
    # the author's first alternatives, optional words left out: what residents say most
    samples = _sample("(combien coûte|quel est le prix de|c'est combien) [donc] {document} [s'il vous plaît]", 3)
    assert samples == ["combien coûte {document}", "quel est le prix de {document}", "c'est combien {document}"]
    assert _sample("(combien coûte|quel est le prix de|c'est combien) [donc] {document} [s'il vous plaît]", 3) == (
        samples
    )


def test_an_empty_alternative_is_left_out_first_like_an_optional_word() -> None:
    assert _sample("les papiers (à fournir|à apporter|) pour {document}", 1) == ["les papiers pour {document}"]


def test_rules_are_expanded_in_samples() -> None:
    assert _sample("<combien> {document}", 1, {"combien": "(combien coûte|quel prix pour)"}) == [
        "combien coûte {document}"
    ]


def test_quotas_share_the_budget_and_weights_give_more_to_used_lines() -> None:
    assert quotas([5, 100, 100], 1000) == [5, 100, 100]
    assert quotas([5, 100, 100], 105) == [5, 50, 50]
    assert quotas([5, 100, 100], 105, [1.0, 1.0, 2.0]) == [5, 33, 66]


# -- example phrasings steer the sampler -------------------------------------------------------------

TEMPLATES = """intents:
  CostIntent:
    - "(combien coûte|quel est le prix de|combien vaut|c'est combien) {document} [pour {person}]"
  WhereIntent:
    - "où (faire|demander) {document}"
"""


def _examples(tmp_path: Path, text: str) -> Path:
    return _folder(tmp_path, {"demarches.yaml": TEMPLATES, f"{EXAMPLES}/lot/CostIntent.yaml": text})


def test_examples_put_what_residents_say_into_the_model(tmp_path: Path) -> None:
    folder = _examples(
        tmp_path,
        "language: fr\nintent: CostIntent\ntests:\n"
        '  - sentences: ["c\'est combien le passeport pour ma fille", "c\'est combien un passeport"]\n'
        "    slots: {document: passeport}\n",
    )
    template_set, _ = read_templates(folder)
    examples, problems = read_examples(folder / EXAMPLES)
    assert not problems and len(examples) == 2
    # the first example fills a slot its label does not name: still a reading (labels may omit slots)
    passeport = frozenset({("le", "passeport"), ("un", "passeport")})
    template_set.learn(examples, {("CostIntent", "document"): passeport, ("CostIntent", "person"): None})
    assert template_set.usage.undescribed == []
    assert list(template_set.usage.samples[0]) == ["c'est combien {document} pour {person}", "c'est combien {document}"]
    templates = template_set.expand(budget=7)
    # the examples, then the line's own phrasings: the alternative residents used first, then the
    # author's order (the line's share grows with its examples: 3 here, 2 for the other line)
    assert list(templates.samples["CostIntent"]) == [
        "c'est combien {document} pour {person}",
        "c'est combien {document}",
        "combien coûte {document}",
        "quel est le prix de {document}",
    ]
    assert list(templates.samples["WhereIntent"]) == ["où faire {document}", "où demander {document}"]


def test_an_example_no_line_describes_is_listed_not_guessed(tmp_path: Path) -> None:
    folder = _examples(
        tmp_path,
        "language: fr\nintent: CostIntent\ntests:\n"
        '  - sentences: ["prix passeport", "quel prix pour un passeport"]\n'
        "    slots: {document: passeport}\n"
        '  - sentences: ["combien coûte un passeport"]\n'
        "    slots: {document: passeport, age: 8}\n",
    )
    template_set, _ = read_templates(folder)
    examples, _ = read_examples(folder / EXAMPLES)
    template_set.learn(examples)
    # the last one names a slot (age) no reading fills: it is not what the line means
    assert [e.sentence for e in template_set.usage.undescribed] == [
        "prix passeport",
        "quel prix pour un passeport",
        "combien coûte un passeport",
    ]
    assert template_set.usage.samples == {}


def test_out_of_scope_examples_teach_nothing_and_are_not_gaps(tmp_path: Path) -> None:
    folder = _examples(
        tmp_path, 'language: fr\nintent: AMAZON.FallbackIntent\ntests:\n  - sentences: ["quel temps fait-il"]\n'
    )
    template_set, _ = read_templates(folder)
    examples, _ = read_examples(folder / EXAMPLES)
    usage = learn(examples, [(line.intent, line.slot, line.expression) for line in template_set.lines], {})
    assert usage.undescribed == [] and usage.samples == {}


def test_unreadable_examples_stop_the_build_with_file_and_line(tmp_path: Path) -> None:
    folder = _examples(tmp_path, 'language: fr\nintent: CostIntent\ntests:\n  - sentences: ["oui\n')
    _, problems = read_phrasings(folder)
    assert len(problems) == 1
    assert problems[0].file.name == "CostIntent.yaml" and problems[0].message.startswith("fichier illisible")
    folder = _examples(tmp_path, "language: fr\ntests: []\n")
    _, problems = read_phrasings(folder)
    assert [p.message for p in problems] == ["il faut « intent: NomDeLIntention » et une liste « tests »."]


def test_build_stats_show_samples_size_big_lines_and_undescribed_examples(tmp_path: Path) -> None:
    folder = _examples(
        tmp_path,
        'language: fr\nintent: CostIntent\ntests:\n  - sentences: ["prix passeport"]\n'
        "    slots: {document: passeport}\n",
    )
    templates, _ = read_phrasings(folder)
    model = apply_templates_to_model(_model(), templates)
    out = io.StringIO()
    assert print_stats(folder, model, out) == 0
    report = out.getvalue()
    size = len(json.dumps(model, ensure_ascii=False, separators=(",", ":")))
    assert f"Modèle d'interaction : 10 phrases, {size} caractères sur 1000000 acceptés." in report
    assert "       8  CostIntent" in report and "       2  WhereIntent" in report
    assert "demarches.yaml:3 : 8 variantes, 8 dans le modèle (CostIntent)" in report
    assert "Exemples de phrases" in report and ": 1, dont 1 qu'aucune ligne ne décrit mot pour mot" in report
    assert "CostIntent.yaml : CostIntent : « prix passeport »" in report
