"""`mairie validate` and `mairie build [--check]`: check `content/`, then write what the Lambda ships
and the podcast feeds (`flux/`, see `tools.feeds`; not shipped).

Problems go to stdout, one per line (`file:line: message`); the French summary goes to stderr. What the
feeds still need (notes) goes to stdout the same way from `mairie validate`, after a valid catalogue
only: it never makes the content invalid, and `mairie build` only counts it.
Never imported by the Lambda.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

from mairie.catalogue.compiled import dump_catalogue
from mairie.catalogue.holiday_table import compute_table, dump_table
from mairie.catalogue.loader import FILES, MAGAZINE_FILE, PODCASTS_FILE, read_content_and_notes
from mairie.catalogue.model import Catalogue
from mairie.catalogue.problems import Problem, display_path
from mairie.catalogue.reading.examples import example_entries
from mairie.catalogue.slots import apply_catalogue_to_model
from mairie.tools.examples import slot_values
from mairie.tools.feeds import FEEDS, feed_files
from mairie.tools.grammar import Grammar
from mairie.tools.model_limits import dialog_problems, limit_problems
from mairie.tools.phrases import apply_templates_to_model, model_problems, read_phrasings, read_templates
from mairie.tools.store_page import MANIFEST, apply_store_page, example_phrases_of, store_page

COMPILED = Path("lambda/mairie/data/catalogue.json")
MODEL = Path("skill-package/interactionModels/custom/fr-FR.json")
HOLIDAYS = Path("lambda/mairie/data/holidays.json")
PHRASES = Path("phrases/fr-FR")
"""The sentence templates the samples of `MODEL` are expanded from (see `tools.phrases`)."""


def run_validate(content_dir: Path) -> int:
    """0 when `content_dir` is valid (whatever the feeds still need), else 1 after listing every problem."""
    catalogue, problems, notes = read_content_and_notes(content_dir)
    if catalogue is None:
        _print_problems(problems)
        _say(f"{_count(len(problems), 'problème trouvé', 'problèmes trouvés')} dans {_folder(content_dir)}.")
        return 1
    marked = example_entries(content_dir, FILES)
    _print_problems(marked + notes)
    sys.stdout.flush()  # the lines, then what they mean
    _say_valid(catalogue, listed=bool(marked))
    for name, topic in ((MAGAZINE_FILE, "de magazine municipal"), (PODCASTS_FILE, "de podcasts")):
        if not (content_dir / name).is_file():
            _say(
                f"Pas de fichier {name} : l'assistant ne propose pas {topic} (c'est permis ; pour en ajouter, "
                "voir content/LISEZMOI.md)."
            )
    if notes:
        _say(
            f"Flux de podcasts : {_count(len(notes), 'information à compléter', 'informations à compléter')} "
            "(ci-dessus) avant de les proposer à Apple Podcasts, Spotify ou YouTube Music ; elles ne concernent "
            "que les flux, pas la skill Alexa."
        )
    return 0


def run_build(content_dir: Path, root: Path, check: bool) -> int:
    """Write the compiled catalogue, the generated parts of the interaction model and the podcast feeds
    under `root`.

    Nothing is written when the content is invalid. With `check`, nothing is written either: the
    result is 1 when a generated file is missing, out of date, or a feed no longer made by the content.
    """
    catalogue, problems, notes = read_content_and_notes(content_dir)
    if catalogue is None:
        _print_problems(problems)
        found = _count(len(problems), "problème trouvé", "problèmes trouvés")
        _say(f"{found} dans {_folder(content_dir)} : rien n'a été construit.")
        return 1
    model_text = _generated_model(root / MODEL, root / PHRASES, catalogue)
    if model_text is None:
        return 1
    outputs = {
        root / COMPILED: dump_catalogue(catalogue),
        root / MODEL: model_text,
        root / HOLIDAYS: dump_table(compute_table(catalogue.city.holiday_subdivision)),
    }
    outputs.update({root / path: text for path, text in feed_files(catalogue).items()})
    readable, manifest = _generated_manifest(root / MANIFEST, catalogue)
    if not readable:
        return 1
    if manifest is not None:
        outputs[root / MANIFEST] = manifest
    stale = [path for path, text in outputs.items() if _read(path) != text]
    unused = _unused_feeds(root, outputs)
    if check:
        _report_broken_promises(root / MANIFEST, outputs.get(root / MANIFEST))
        return _report_check(stale, unused)
    if not _write_all(stale, outputs, unused):
        return 1
    _say_valid(catalogue)
    if notes:
        infos = _count(len(notes), "information manque", "informations manquent")
        _say(f"Flux de podcasts : {infos} pour les publier ; détail avec « mairie validate ».")
    changed = len(stale) + len(unused)
    _say(f"{_count(changed, 'fichier mis', 'fichiers mis')} à jour." if changed else "Tout était déjà à jour.")
    return 0


def _generated_manifest(path: Path, catalogue: Catalogue) -> tuple[bool, str | None]:
    """`skill.json` with the store page's promises drawn from the catalogue (`tools.store_page`):
    (True, None) when the project has no `skill.json`; (False, None), and why, when a key is missing."""
    text = _read(path)
    if text is None:
        return True, None
    try:
        return True, apply_store_page(text, store_page(catalogue))
    except ValueError as error:
        _say(f"{display_path(path)} : {error} ; rien n'a été construit.")
        return False, None


def _report_broken_promises(path: Path, generated: str | None) -> None:
    """The store page's example phrases the catalogue can no longer answer, one per line."""
    current = _read(path)
    if generated is None or current is None or current == generated:
        return
    kept = set(example_phrases_of(generated))
    for phrase in example_phrases_of(current):
        if phrase not in kept:
            print(
                f"{display_path(path)}: l'exemple « {phrase} » ne correspond plus au catalogue (un équipement "
                "sans horaires confirmés, un épisode ou une démarche retirés) : « mairie build » le remplace."
            )


def _unused_feeds(root: Path, outputs: dict[Path, str]) -> list[Path]:
    """Feeds in `flux/` that the content no longer makes (a series removed or renamed)."""
    folder = root / FEEDS
    found = sorted(folder.glob("*.xml")) if folder.is_dir() else []
    return [path for path in found if path not in outputs]


def _write_all(stale: list[Path], outputs: dict[Path, str], unused: list[Path]) -> bool:
    """Write what changed, remove the feeds no longer made; False (and why) when the disk refuses."""
    try:
        for path in stale:
            _write(path, outputs[path])
            _say(f"Écrit : {display_path(path)}")
        for path in unused:
            path.unlink()
            _say(f"Supprimé (plus dans le contenu) : {display_path(path)}")
    except OSError as error:
        _say(f"Impossible d'écrire {display_path(Path(error.filename or '?'))} : {error.strerror}.")
        return False
    return True


def _generated_model(path: Path, phrases: Path, catalogue: Catalogue) -> str | None:
    """The interaction model with its generated parts, or None (and every problem) if unusable."""
    model = _read_model(path)
    if model is None:
        return None
    generated = build_model(model, phrases, catalogue)
    if isinstance(generated, list):
        _print_problems(generated)
        found = _count(len(generated), "problème trouvé", "problèmes trouvés")
        _say(f"{found} dans les phrases du modèle d'interaction : rien n'a été construit.")
        return None
    return json.dumps(generated, indent=2, ensure_ascii=False) + "\n"


def build_model(model: dict[str, Any], phrases: Path, catalogue: Catalogue) -> dict[str, Any] | list[Problem]:
    """`model` with its samples expanded from the templates in `phrases` and its slot types taken from
    `catalogue`; or every problem found (templates, Alexa's sample rules, Alexa's model limits)."""
    typed = apply_catalogue_to_model(model, catalogue)
    templates, problems = read_phrasings(phrases, values=slot_values(typed))
    if problems:
        return problems
    generated = apply_templates_to_model(typed, templates)
    problems = model_problems(generated, templates, phrases)
    problems += [Problem(phrases, 1, message) for message in limit_problems(generated)]
    problems += [Problem(MODEL, 1, message) for message in dialog_problems(generated)]
    return problems or generated


def load_grammar(phrases: Path) -> Grammar | None:
    """The templates of `phrases` as the local resolver's grammar; None when they cannot be read
    (the resolver then uses the model's samples only)."""
    template_set, problems = read_templates(phrases)
    return None if problems else template_set.grammar()


def _read_model(path: Path) -> dict[str, Any] | None:
    text = _read(path)
    if text is None:
        _say(f"Modèle d'interaction introuvable : {display_path(path)} ; rien n'a été construit.")
        return None
    try:
        model: dict[str, Any] = json.loads(text)
        if not isinstance(model["interactionModel"]["languageModel"], dict):
            raise TypeError
    except json.JSONDecodeError as error:
        print(f"{display_path(path)}:{error.lineno}: JSON invalide ({error.msg}).")
        _say("Le modèle d'interaction n'est pas du JSON valide : rien n'a été construit.")
        return None
    except (KeyError, TypeError):
        print(f"{display_path(path)}:1: il manque « interactionModel › languageModel ».")
        _say("Le modèle d'interaction est incomplet : rien n'a été construit.")
        return None
    return model


def _report_check(stale: list[Path], unused: list[Path]) -> int:
    for path in stale:
        print(f"{display_path(path)}: pas à jour par rapport au contenu.")
    for path in unused:
        print(f"{display_path(path)}: ce flux ne correspond plus au contenu.")
    if stale or unused:
        files = _count(len(stale) + len(unused), "fichier généré n'est", "fichiers générés ne sont")
        _say(f"{files} pas à jour : lancez « mairie build ».")
        return 1
    _say("Les fichiers générés sont à jour.")
    return 0


def summary(catalogue: Catalogue) -> str:
    """« 7 équipements, 2 démarches, 2 numéros du magazine, 1 série de podcasts (2 épisodes) »."""
    issues = len(catalogue.magazine.issues) if catalogue.magazine else 0
    episodes = sum(len(series.episodes) for series in catalogue.podcasts)
    return ", ".join(
        (
            _count(len(catalogue.facilities), "équipement", "équipements"),
            _count(len(catalogue.procedures), "démarche", "démarches"),
            _count(issues, "numéro du magazine", "numéros du magazine"),
            _count(len(catalogue.podcasts), "série de podcasts", "séries de podcasts")
            + f" ({_count(episodes, 'épisode', 'épisodes')})",
        )
    )


def examples(catalogue: Catalogue) -> int:
    """How many entries staff marked `exemple: true`."""
    issues = catalogue.magazine.issues if catalogue.magazine else ()
    episodes = [episode for series in catalogue.podcasts for episode in series.episodes]
    flags = [f.example for f in catalogue.facilities] + [i.example for i in issues]
    return sum(flags + [e.example for e in episodes])


def _say_valid(catalogue: Catalogue, *, listed: bool = False) -> None:
    """The summary; `listed` when the example entries were just listed, one line each, above."""
    _say(f"Catalogue valide : {summary(catalogue)}.")
    count = examples(catalogue)
    if count:
        entries = _count(count, "entrée est marquée", "entrées sont marquées")
        them = "la" if count == 1 else "les"
        where = " (ci-dessus)" if listed else ""
        _say(f"À vérifier : {entries} « exemple »{where} ; remplacez-{them} par des informations confirmées.")


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem.render())


def _say(message: str) -> None:
    print(message, file=sys.stderr)


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number <= 1 else plural}"


def _folder(path: Path) -> str:
    shown = display_path(path)
    return shown if shown.endswith("/") else f"{shown}/"


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return None


def _write(path: Path, text: str) -> None:
    """Write atomically: a reader never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o644
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as file:
            file.write(text)
        Path(temporary).chmod(mode)  # mkstemp makes 0600 files; the Lambda runtime must read them
        Path(temporary).replace(path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
