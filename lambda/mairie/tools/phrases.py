"""Sentence templates → the sample utterances of the interaction model (build time only).

The phrasings residents use live in `phrases/fr-FR/*.yaml`, written as templates in the syntax of
Home Assistant's `hassil` (alternatives `(a|b)`, optional words `[a]`, shared pieces `<rule>`,
slots `{slot}`), and `mairie build` expands them into the `samples` of `fr-FR.json`:

```yaml
intents:
  IsOpenIntent:
    - "[<dis_moi_si>] {facility} est (ouvert|ouverte) [{date}]"
slot_samples:                 # what a resident answers when Alexa asks for one slot
  IdProcedureIntent:
    situation:
      - "[c'est] [pour] (un|une) {situation}"
expansion_rules:              # shared by every file of the folder
  dis_moi_si: "(dis-moi|dites-moi) si"
```

hassil parses the templates (a build-time dependency: the Lambda never imports this module). The
lines describe far more phrasings than Alexa's model can hold; `TemplateSet.expand` gives each line
a share of the model's budget (`MODEL_SAMPLE_BUDGET`, see `tools.grammar`), and the local resolver
reads utterances against the lines themselves (`TemplateSet.grammar`).

Every template is checked and every problem reported as `file:line: message`, in French, before
anything is written: templates whose phrasings cannot fit the model, or a model past the limits of
Alexa's model builder (see `tools.model_limits`), fail the build instead of failing later in the
Alexa developer console.
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from hassil.errors import HassilError
from hassil.expression import Expression, Group, RuleReference
from hassil.parse_expression import parse_sentence
from hassil.parser import ParseError
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from mairie.catalogue.problems import Problem
from mairie.tools.examples import EXAMPLES, ExamplePhrasing, SlotValues, Usage, learn, read_examples
from mairie.tools.grammar import (
    Grammar,
    GrammarLine,
    compile_expression,
    count_phrasings,
    quotas,
    required_words,
    sample_line,
)

MODEL_SAMPLE_BUDGET = 23000
"""How many samples the model gets in all (before duplicates are dropped): about 21,000 samples of 42
characters on average, 930,000 characters with the slot types, within the model size Alexa accepts
(`tools.model_limits`) with room for a larger catalogue. Measured on the blind corpora, going from
22,000 to 25,000 samples gains half a point of exact matching."""
MIN_SHARE = 20
"""When the budget leaves a template line fewer phrasings than this, there are too many lines or
they are too long: the build fails rather than leave most phrasings out of the model."""
MAX_SAMPLE_CHARACTERS = 200
"""Our own cap for one sample utterance: far longer than anything a resident says in one breath."""

_SLOT = re.compile(r"\{(\w+)\}")
_ALLOWED = re.compile(r"^[a-zàâäçéèêëîïôöùûüÿœæ' -]+$")


@dataclass(frozen=True)
class Origin:
    """Where a sample comes from: the template's file and line."""

    file: Path
    line: int


@dataclass
class Templates:
    """Expanded samples, by intent and by (intent, slot), each with the template it came from."""

    samples: dict[str, dict[str, Origin]] = field(default_factory=dict)
    slot_samples: dict[tuple[str, str], dict[str, Origin]] = field(default_factory=dict)
    barren: list[Origin] = field(default_factory=list)
    """Lines that gave no sample: every phrasing of theirs has a slot twice."""

    def origin(self, intent: str, sample: str) -> Origin | None:
        return self.samples.get(intent, {}).get(sample)


@dataclass(frozen=True)
class TemplateLine:
    """One template line, parsed: where it is, and the intent (and slot, for answers) it serves."""

    file: Path
    line: int
    text: str
    intent: str
    slot: str | None
    expression: Expression


@dataclass
class TemplateSet:
    """Every template line of a folder, parsed, and the shared rules; `usage`: what the phrasings
    of residents teach the sampler (see `tools.examples`)."""

    lines: list[TemplateLine] = field(default_factory=list)
    rules: dict[str, Expression] = field(default_factory=dict)
    usage: Usage = field(default_factory=Usage)

    def learn(self, examples: Sequence[ExamplePhrasing], values: SlotValues | None = None) -> None:
        """Read `examples` against the lines (`values`: what each slot accepts): the alternatives,
        lines and phrasings they use go first."""
        lines = [(line.intent, line.slot, line.expression) for line in self.lines]
        self.usage = learn(examples, lines, self.rules, values)

    def counts(self) -> list[int]:
        """How many phrasings each line gives, in line order."""
        return [count_phrasings(line.expression, self.rules) for line in self.lines]

    def shares(self, budget: int = MODEL_SAMPLE_BUDGET) -> list[int]:
        """How many phrasings of each line go into the model, besides the examples: an equal share,
        grown for the lines the examples use (see `grammar.quotas`)."""
        examples = sum(len(samples) for samples in self.usage.samples.values())
        weights = [math.sqrt(1 + self.usage.lines[index]) for index in range(len(self.lines))]
        return quotas(self.counts(), max(0, budget - examples), weights)

    def share(self, budget: int = MODEL_SAMPLE_BUDGET) -> int:
        """The share of a line no example uses, when the budget cuts it short."""
        counts, shares = self.counts(), self.shares(budget)
        cut = [
            share
            for index, (count, share) in enumerate(zip(counts, shares, strict=True))
            if share < count and not self.usage.lines[index]
        ]
        return min(cut, default=max(counts, default=0))

    def expand(self, budget: int = MODEL_SAMPLE_BUDGET) -> Templates:
        """The model's samples: the example phrasings, then each line's own, up to its share."""
        order = self.usage.order if self.usage.alternatives else None
        result = Templates()
        for index, (line, share) in enumerate(zip(self.lines, self.shares(budget), strict=True)):
            target = (
                result.samples.setdefault(line.intent, {})
                if line.slot is None
                else result.slot_samples.setdefault((line.intent, line.slot), {})
            )
            examples = list(self.usage.samples.get(index, ()))
            kept = 0
            for sample in [*examples, *sample_line(line.expression, self.rules, share, order)]:
                names = _SLOT.findall(sample)
                if len(names) == len(set(names)):  # "{document} {situation} … {situation}": not a phrasing
                    target.setdefault(sample, Origin(line.file, line.line))
                    kept += 1
            if not kept:
                result.barren.append(Origin(line.file, line.line))
        return result

    def grammar(self) -> Grammar:
        """The lines as a grammar the local resolver matches utterances against."""
        rules = {name: compile_expression(rule) for name, rule in self.rules.items()}
        lines = []
        for order, line in enumerate(self.lines):
            node = compile_expression(line.expression)
            required = required_words(node, rules)
            lines.append(GrammarLine(line.intent, line.slot, node, required, order, line.text))
        return Grammar(lines, rules)


# -- reading ---------------------------------------------------------------------------------------


def read_templates(folder: Path) -> tuple[TemplateSet, list[Problem]]:
    """Every template of `folder/*.yaml`, parsed; problems in French with file and line."""
    problems: list[Problem] = []
    files = sorted(folder.glob("*.yaml")) if folder.is_dir() else []
    if not files:
        problems.append(Problem(folder, 1, "aucun fichier de phrases (*.yaml) dans ce dossier."))
        return TemplateSet(), problems
    raw: list[_Template] = []
    rules: dict[str, tuple[Origin, str]] = {}
    for file in files:
        _read_file(file, raw, rules, problems)
    result = TemplateSet(rules=_parse_rules(rules, problems))
    for template in raw:
        expression = _parse(template, result.rules, problems)
        if expression is not None:
            result.lines.append(
                TemplateLine(template.file, template.line, template.text, template.intent, template.slot, expression)
            )
    return result, problems


def read_phrasings(
    folder: Path, budget: int = MODEL_SAMPLE_BUDGET, values: SlotValues | None = None
) -> tuple[Templates, list[Problem]]:
    """The model's samples from the templates of `folder` (steered by its examples, their slots read
    with `values`), and the problems found on the way."""
    template_set, problems = read_templates(folder)
    examples, unreadable = read_examples(folder / EXAMPLES)
    if problems or unreadable:
        return Templates(), problems + unreadable
    template_set.learn(examples, values)
    share = template_set.share(budget)
    if share < MIN_SHARE and share < max(template_set.counts(), default=0):  # the budget cuts lines short
        return Templates(), _crowded(template_set, share)
    templates = template_set.expand(budget)
    problems += [
        Problem(origin.file, origin.line, "une même case apparaît deux fois dans chaque phrase de cette ligne.")
        for origin in templates.barren
    ]
    return templates, problems


def _crowded(template_set: TemplateSet, share: int) -> list[Problem]:
    counts = template_set.counts()
    biggest = sorted(range(len(counts)), key=lambda i: -counts[i])[:5]
    problems = []
    for index in biggest:
        line = template_set.lines[index]
        problems.append(
            Problem(
                line.file,
                line.line,
                f"cette ligne donne {counts[index]} variantes ; avec toutes les lignes, le modèle d'Alexa "
                f"ne pourrait en garder que {share} par ligne (au moins {MIN_SHARE} sont nécessaires) : "
                "retirez des mots facultatifs ou des lignes.",
            )
        )
    return problems


@dataclass(frozen=True)
class _Template:
    file: Path
    line: int
    text: str
    intent: str
    slot: str | None = None


def _read_file(
    file: Path, templates: list[_Template], rules: dict[str, tuple[Origin, str]], problems: list[Problem]
) -> None:
    try:
        root = yaml.compose(file.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else 1
        problems.append(Problem(file, line, f"YAML illisible ({getattr(error, 'problem', error)})."))
        return
    except (OSError, UnicodeDecodeError) as error:
        problems.append(Problem(file, 1, f"fichier illisible ({error})."))
        return
    if root is None:
        return
    if not isinstance(root, MappingNode):
        problems.append(Problem(file, _line(root), "le fichier doit être un bloc de clés (intents, slot_samples…)."))
        return
    for key, value in _pairs(root):
        if key.value == "intents":
            for intent, sentences in _pairs_of(value, file, problems, "intents"):
                for line, text in _sentences(sentences, file, problems, intent.value):
                    templates.append(_Template(file, line, text, intent.value))
        elif key.value == "slot_samples":
            for intent, slots in _pairs_of(value, file, problems, "slot_samples"):
                for slot, sentences in _pairs_of(slots, file, problems, intent.value):
                    for line, text in _sentences(sentences, file, problems, f"{intent.value} › {slot.value}"):
                        templates.append(_Template(file, line, text, intent.value, slot.value))
        elif key.value == "expansion_rules":
            for name, body in _pairs_of(value, file, problems, "expansion_rules"):
                if not isinstance(body, ScalarNode):
                    problems.append(Problem(file, _line(body), f"règle <{name.value}> : il faut un texte."))
                elif name.value in rules:
                    first = rules[name.value][0]
                    problems.append(
                        Problem(
                            file, _line(name), f"règle <{name.value}> déjà définie ({first.file.name}:{first.line})."
                        )
                    )
                else:
                    rules[name.value] = (Origin(file, _line(body)), body.value)
        elif key.value != "language":
            problems.append(
                Problem(
                    file,
                    _line(key),
                    f"clé inconnue « {key.value} » : les clés possibles sont intents, slot_samples, "
                    "expansion_rules et language.",
                )
            )


def _line(node: Node) -> int:
    return int(node.start_mark.line) + 1


def _pairs(node: MappingNode) -> Iterator[tuple[ScalarNode, Node]]:
    for key, value in node.value:
        if isinstance(key, ScalarNode):
            yield key, value


def _pairs_of(node: Node, file: Path, problems: list[Problem], where: str) -> Iterator[tuple[ScalarNode, Node]]:
    if not isinstance(node, MappingNode):
        problems.append(Problem(file, _line(node), f"{where} : il faut un bloc de clés."))
        return
    yield from _pairs(node)


def _sentences(node: Node, file: Path, problems: list[Problem], where: str) -> Iterator[tuple[int, str]]:
    if not isinstance(node, SequenceNode):
        problems.append(Problem(file, _line(node), f"{where} : il faut une liste de phrases (« - … »)."))
        return
    for item in node.value:
        if isinstance(item, ScalarNode) and item.value.strip():
            yield _line(item), item.value
        else:
            problems.append(Problem(file, _line(item), f"{where} : chaque élément doit être une phrase."))


# -- parsing and expanding -------------------------------------------------------------------------


def _parse_rules(rules: Mapping[str, tuple[Origin, str]], problems: list[Problem]) -> dict[str, Expression]:
    parsed: dict[str, Expression] = {}
    for name, (origin, text) in rules.items():
        try:
            parsed[name] = parse_sentence(text).expression
        except (HassilError, ParseError, ValueError, IndexError) as error:
            problems.append(Problem(origin.file, origin.line, f"règle <{name}> illisible : {_why(error)}"))
    for name, expression in parsed.items():
        missing = sorted(_rule_names(expression) - set(parsed))
        if missing:
            origin = rules[name][0]
            problems.append(Problem(origin.file, origin.line, f"règle <{name}> : règle inconnue <{missing[0]}>."))
    return parsed


def _why(error: Exception) -> str:
    return f"vérifiez les parenthèses et les crochets ({error})."


def _parse(template: _Template, rules: Mapping[str, Expression], problems: list[Problem]) -> Expression | None:
    try:
        expression = parse_sentence(template.text).expression
    except (HassilError, ParseError, ValueError, IndexError) as error:
        problems.append(Problem(template.file, template.line, f"phrase illisible : {_why(error)}"))
        return None
    missing = sorted(_rule_names(expression, rules) - set(rules))
    if missing:
        problems.append(
            Problem(
                template.file,
                template.line,
                f"règle inconnue <{missing[0]}> : définissez-la sous expansion_rules.",
            )
        )
        return None
    return expression


def _rule_names(expression: Expression, rules: Mapping[str, Expression] | None = None) -> set[str]:
    """Rule names used by `expression` (and, given `rules`, by the rules it uses, transitively)."""
    found: set[str] = set()
    pending = [expression]
    while pending:
        current = pending.pop()
        if isinstance(current, RuleReference):
            if current.rule_name not in found:
                found.add(current.rule_name)
                if rules is not None and current.rule_name in rules:
                    pending.append(rules[current.rule_name])
        elif isinstance(current, Group):
            pending.extend(current.items)
    return found


# -- the model -------------------------------------------------------------------------------------


def apply_templates_to_model(model: dict[str, Any], templates: Templates) -> dict[str, Any]:
    """`model` with the samples of each intent (and of each slot) that templates name replaced."""
    language = model["interactionModel"]["languageModel"]
    for intent in language.get("intents", []):
        name = intent.get("name")
        if name in templates.samples:
            intent["samples"] = list(templates.samples[name])
        for slot in intent.get("slots", []):
            key = (name, slot.get("name"))
            if key in templates.slot_samples:
                slot["samples"] = list(templates.slot_samples[key])
    return model


def sample_problems(sample: str, declared: Mapping[str, str]) -> list[str]:
    """What Alexa's model builder would refuse in one sample (French, for the template's author)."""
    problems = []
    names = _SLOT.findall(sample)
    words = _SLOT.sub(" ", sample)
    if len(sample) > MAX_SAMPLE_CHARACTERS:
        problems.append(f"phrase trop longue ({len(sample)} caractères, au plus {MAX_SAMPLE_CHARACTERS})")
    if words.strip() and not _ALLOWED.match(words.strip()):
        bad = sorted({c for c in words if not _ALLOWED.match(c)})
        problems.append(
            f"caractères refusés par Alexa : {' '.join(bad)} (lettres minuscules, espaces, apostrophes et tirets "
            "seulement ; les nombres s'écrivent en lettres)"
        )
    if re.search(r"(^|\s)['-]|['-](\s|$)", words):
        problems.append("une apostrophe ou un tiret doit être entre deux lettres")
    if re.search(r"[^ ]\{|\}[^ ]", sample):
        problems.append("une case {…} doit être entourée d'espaces (« de {facility} », pas « d'{facility} »)")
    undeclared = sorted({n for n in names if n not in declared})
    if undeclared:
        known = ", ".join(f"{{{n}}}" for n in declared) or "aucune"
        problems.append(f"case {{{undeclared[0]}}} inconnue pour cette intention (cases possibles : {known})")
    if len(names) != len(set(names)):
        problems.append("une même case ne peut apparaître qu'une fois")
    return problems


def model_problems(model: Mapping[str, Any], templates: Templates, templates_dir: Path) -> list[Problem]:
    """Template problems found once the samples stand in the model: unknown intents or slots, samples
    Alexa refuses, a sample shared by two intents, a slot alone in an intent with a dialog model.

    One problem per template line and kind of mistake, with the first phrasing that shows it."""
    language = model["interactionModel"]["languageModel"]
    intents = {str(i["name"]): i for i in language.get("intents", [])}
    dialog = {str(i.get("name")) for i in (model["interactionModel"].get("dialog") or {}).get("intents", [])}
    found: dict[tuple[Path, int, str], list[str]] = {}

    def report(origin: Origin, sample: str, message: str) -> None:
        found.setdefault((origin.file, origin.line, message), []).append(sample)

    for name, samples in [*templates.samples.items(), *((k[0], v) for k, v in templates.slot_samples.items())]:
        if name not in intents:
            origin = next(iter(samples.values()), Origin(templates_dir, 1))
            report(origin, "", _unknown_intent(name, intents))
    for (name, slot), samples in templates.slot_samples.items():
        slots = {str(s["name"]) for s in intents.get(name, {}).get("slots", [])}
        if name in intents and slot not in slots:
            report(next(iter(samples.values())), "", f"{name} n'a pas de case « {slot} ».")
    owners: dict[str, str] = {}
    for name, samples in templates.samples.items():
        declared = _declared(intents, name)
        for sample, origin in samples.items():
            for message in sample_problems(sample, declared):
                report(origin, sample, message)
            if name in dialog and not _SLOT.sub("", sample).strip():
                report(
                    origin,
                    sample,
                    f"{name} a un modèle de dialogue, et Alexa y refuse une phrase faite seulement de cases ; "
                    "ajoutez au moins un mot",
                )
            owner = owners.setdefault(sample, name)
            if owner != name:
                first = templates.origin(owner, sample) or origin
                report(
                    origin,
                    sample,
                    f"déjà une phrase de {owner} ({first.file.name}:{first.line}) : une phrase ne peut mener "
                    "qu'à une seule intention",
                )
    for (name, slot), samples in templates.slot_samples.items():
        declared = _declared(intents, name)
        for sample, origin in samples.items():
            for message in sample_problems(sample, declared):
                report(origin, sample, message)
            if name in intents and f"{{{slot}}}" not in sample:
                report(origin, sample, f"une réponse pour la case « {slot} » doit contenir {{{slot}}}")
    return [_problem(file, line, message, samples) for (file, line, message), samples in found.items()]


def _declared(intents: Mapping[str, Any], name: str) -> dict[str, str]:
    return {str(s["name"]): str(s["type"]) for s in intents.get(name, {}).get("slots", [])}


def _problem(file: Path, line: int, message: str, samples: list[str]) -> Problem:
    if not samples or not samples[0]:
        return Problem(file, line, message)
    others = len(samples) - 1
    more = f" (et {others} autre{'s' if others > 1 else ''} variante{'s' if others > 1 else ''})" if others else ""
    return Problem(file, line, f"« {samples[0]} »{more} : {message}.")


def _unknown_intent(name: str, intents: Mapping[str, Any]) -> str:
    known = ", ".join(sorted(intents))
    return f"intention inconnue « {name} » (intentions du modèle : {known})."
