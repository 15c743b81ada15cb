"""The `mairie` command: talk to the skill, check and build the catalogue, learn from real use (help texts
in French)."""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from mairie.tools.envelopes import DEVICES, SKILL_ID, Caller

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from mairie.tools.phrase_corpus import Phrasing
    from mairie.tools.resolver import Resolver

NOT_YET: tuple[str, ...] = ()

_ARGPARSE_FR = (
    (r"the following arguments are required: (.*)", r"arguments obligatoires manquants : \1"),
    (
        r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)",
        r"argument \1 : choix invalide \2 (au choix : \3)",
    ),
    (r"argument (\S+): expected one argument", r"argument \1 : une valeur est attendue"),
    (r"argument (\S+): not allowed with argument (\S+)", r"argument \1 : incompatible avec l'argument \2"),
    (r"argument (\S+): (.*)", r"argument \1 : \2"),
    (r"unrecognized arguments: (.*)", r"arguments non reconnus : \1"),
    (r"invalid choice: (.*?) \(choose from (.*)\)", r"choix invalide \1 (au choix : \2)"),
)


class _FrenchFormatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(
        self,
        usage: str | None,
        actions: Iterable[argparse.Action],
        groups: Iterable[argparse._MutuallyExclusiveGroup],
        prefix: str | None = None,
    ) -> None:
        super().add_usage(usage, actions, groups, prefix="utilisation : " if prefix is None else prefix)


class _FrenchParser(argparse.ArgumentParser):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("formatter_class", _FrenchFormatter)
        kwargs.setdefault("add_help", False)
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._positionals.title = "arguments"
        self._optionals.title = "options"
        self.add_argument("-h", "--help", "--aide", action="help", help="afficher cette aide et quitter")

    def error(self, message: str) -> NoReturn:
        for pattern, replacement in _ARGPARSE_FR:
            translated, count = re.subn(pattern, replacement, message)
            if count:
                message = translated
                break
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog} : erreur : {message}\n")


def parse_at(text: str) -> datetime:
    """`--at`: ISO-8601 ("2026-12-25T09:00", "2026-12-25T08:00:00Z"); without offset, the city's time."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(
            f"date et heure invalides : « {text} » (exemple : 2026-12-25T09:00, heure de la ville)"
        ) from error


def build_parser() -> argparse.ArgumentParser:
    parser = _FrenchParser(
        prog="mairie",
        description="Mairie vocale : parler à la skill Alexa de la ville, vérifier et construire le catalogue.",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMANDE", parser_class=_FrenchParser)
    commands.required = True

    def talk_options(sub: argparse.ArgumentParser) -> None:
        sub.add_argument(
            "--at",
            type=parse_at,
            metavar="DATE",
            help="date et heure de la requête, ISO-8601 (ex. 2026-12-25T09:00, heure de la ville) ; "
            "par défaut : maintenant",
        )
        sub.add_argument(
            "--user",
            default="local",
            metavar="ID",
            help="identifiant de l'utilisateur (l'état est gardé par utilisateur)",
        )
        sub.add_argument(
            "--device",
            choices=DEVICES,
            default="audio",
            help="appareil simulé : audio (Echo), screen (Echo Show), voice (sans lecteur audio) ; par défaut : audio",
        )

    say = commands.add_parser(
        "say",
        help="envoyer une phrase à la skill et afficher la réponse",
        description="Envoie une phrase à la skill.",
    )
    say.add_argument("text", metavar="TEXTE", help="ce que l'on dit à Alexa, entre guillemets")
    talk_options(say)
    say.add_argument("--json", action="store_true", help="afficher l'intention reconnue et la réponse complète en JSON")

    chat = commands.add_parser(
        "chat",
        help="converser avec la skill dans le terminal",
        description="Conversation avec la skill, avec un lecteur audio simulé (tapez :aide pendant la conversation).",
    )
    talk_options(chat)
    chat.add_argument(
        "--sans-horloge",
        dest="frozen_clock",
        action="store_true",
        help="le temps ne passe qu'avec la commande :avance (utile pour des démonstrations reproductibles)",
    )

    validate = commands.add_parser(
        "validate", help="vérifier le catalogue", description="Vérifie le catalogue et liste chaque problème."
    )
    validate.add_argument("folder", nargs="?", metavar="DOSSIER", help="dossier du catalogue (par défaut : content)")

    build = commands.add_parser(
        "build",
        help="compiler le catalogue et régénérer le modèle d'interaction",
        description="Valide le catalogue, le compile et régénère les valeurs de slots du modèle d'interaction.",
    )
    build.add_argument("--check", action="store_true", help="ne rien écrire ; échouer si un fichier généré est périmé")
    build.add_argument(
        "--stats",
        action="store_true",
        help="ne rien écrire ; montrer les phrases de chaque intention et les lignes de phrases/ les plus longues",
    )

    _add_staff_commands(commands)
    _add_import_commands(commands)
    _add_usage_commands(commands)
    _add_serve_command(commands)

    _add_bench_command(commands)
    return parser


def _add_bench_command(commands: argparse._SubParsersAction[_FrenchParser]) -> None:
    package = commands.add_parser(
        "package",
        help="écrire ce qui est envoyé à Lambda (le paquet de la fonction)",
        description="Écrit dans DOSSIER exactement ce qu'« ask deploy » envoie à Lambda : le code de la skill "
        "(sans les outils), les paquets de lambda/requirements.txt, et le bytecode compilé par le Python de la "
        "fonction Lambda (ask-resources.json), en mode unchecked-hash.",
    )
    package.add_argument("folder", metavar="DOSSIER", help="dossier à créer (absent ou vide)")
    package.add_argument("--zip", metavar="FICHIER", help="écrit aussi l'archive zip envoyée à Lambda")
    package.add_argument(
        "--python",
        metavar="CHEMIN",
        help="le Python qui compile le bytecode, de la version de la fonction Lambda "
        "(par défaut : MAIRIE_PYTHON, sinon python3.12 pour le runtime python3.12)",
    )
    bench = commands.add_parser(
        "bench",
        help="mesurer les performances face à une skill minimale",
        description="Mesure le démarrage à froid, la mémoire et les requêtes chaudes du paquet Lambda de la skill "
        "(« mairie package », dossier en lecture seule, sans écriture de bytecode), avec le catalogue de la ville "
        "et un catalogue 20 fois plus grand, face à une skill ask-sdk-core minimale empaquetée de même ; "
        "échoue si un objectif n'est pas atteint.",
    )
    bench.add_argument(
        "--repetitions", type=_positive, default=7, metavar="N", help="démarrages à froid par skill (par défaut : 7)"
    )
    bench.add_argument(
        "--rounds", type=_positive, default=200, metavar="N", help="tours de requêtes chaudes (par défaut : 200)"
    )


def _positive(text: str) -> int:
    if not text.isdigit() or int(text) < 1:
        raise argparse.ArgumentTypeError(f"un entier positif est attendu, et non « {text} »")
    return int(text)


def _package(args: argparse.Namespace) -> int:
    from mairie.tools.local_skill import repo_root
    from mairie.tools.package import run_package

    return run_package(repo_root(), Path(args.folder), Path(args.zip) if args.zip else None, args.python)


def _bench(args: argparse.Namespace) -> int:
    from mairie.catalogue.compiled import load_compiled
    from mairie.catalogue.current import COMPILED_PATH
    from mairie.tools.bench import run_bench
    from mairie.tools.local_skill import repo_root

    # the catalogue the Lambda ships (the measured processes ignore MAIRIE_CONTENT and MAIRIE_CATALOGUE)
    return run_bench(repo_root(), load_compiled(COMPILED_PATH), args.repetitions, args.rounds, sys.stdout)


def _add_staff_commands(commands: argparse._SubParsersAction[_FrenchParser]) -> None:
    preview = commands.add_parser(
        "preview",
        help="aperçu : ce que la skill répond pour chaque équipement",
        description="Pour chaque équipement, ce que la skill répond à « est-ce que … est ouvert ? », "
        "pour relire une modification avant de la publier.",
    )
    preview.add_argument(
        "--at",
        type=parse_at,
        metavar="DATE",
        help="date et heure de l'aperçu, ISO-8601 (ex. 2026-07-14T10:00, heure de la ville) ; par défaut : maintenant",
    )
    preview.add_argument("folder", nargs="?", metavar="DOSSIER", help="dossier du catalogue (par défaut : content)")

    deploy = commands.add_parser(
        "deploy",
        help="valider, construire et déployer la skill",
        description="Valide le catalogue, le construit, puis déploie avec « ask deploy » (Lambda, table et "
        "journaux de la ville, modèle CloudFormation infrastructure/cfn-deployer/skill-stack.yaml) ou, avec "
        "--hosted, envoie le commit courant à la branche master de la skill hébergée par Alexa (prod avec --live).",
    )
    deploy.add_argument(
        "--hosted", action="store_true", help="skill hébergée par Alexa : « git push » au lieu de « ask deploy »"
    )
    deploy.add_argument(
        "--live",
        action="store_true",
        help="avec --hosted : branche prod (la version en ligne) au lieu de master (la version de développement)",
    )
    deploy.add_argument("--profile", metavar="PROFIL", help="profil ask-cli à utiliser (par défaut : celui d'ask-cli)")
    deploy.add_argument(
        "--remote", default="origin", metavar="DÉPÔT", help="dépôt git de la skill hébergée (par défaut : origin)"
    )


def _add_import_commands(commands: argparse._SubParsersAction[_FrenchParser]) -> None:
    importer = commands.add_parser(
        "importer",
        help="importer des données publiques dans le catalogue (à relire, puis « mairie validate »)",
        description="Importe des données ouvertes dans le catalogue, pour relecture.",
    )
    sources = importer.add_subparsers(dest="source", metavar="SOURCE", parser_class=_FrenchParser)
    sources.required = True
    annuaire = sources.add_parser(
        "annuaire",
        help="la mairie et les guichets publics de la commune, d'après l'Annuaire de l'administration",
        description="Lit l'Annuaire de l'administration (Service-Public.fr / DILA, Licence Ouverte 2.0) et écrit "
        "ou met à jour, dans facilities.yaml, la mairie et les guichets publics de la commune : adresse, "
        "téléphone, site web, horaires de la semaine. Ce que vous avez écrit à la main n'est jamais remplacé. "
        "Relisez ensuite la différence, puis lancez « mairie validate ».",
    )
    annuaire.add_argument(
        "--commune", required=True, metavar="INSEE", help="code INSEE de la commune (92040 pour Issy-les-Moulineaux)"
    )
    annuaire.add_argument(
        "--fichier",
        type=Path,
        metavar="RÉPONSE.json",
        help="lire une réponse de l'annuaire enregistrée dans un fichier au lieu d'interroger l'API",
    )
    annuaire.add_argument("--contenu", metavar="DOSSIER", help="dossier du catalogue (par défaut : content)")


def _import(args: argparse.Namespace) -> int:
    from mairie.tools.annuaire.command import run_import_annuaire

    return run_import_annuaire(
        args.commune, args.fichier, _content_folder(args.contenu), date.today(), sys.stdout, sys.stderr
    )


def parse_day(text: str) -> date:
    """`--since` / `--until`: a day, AAAA-MM-JJ."""
    try:
        return date.fromisoformat(text.strip())
    except ValueError as error:
        raise argparse.ArgumentTypeError(f"date invalide : « {text} » (exemple : 2026-11-02)") from error


def _add_usage_commands(commands: argparse._SubParsersAction[_FrenchParser]) -> None:
    stats = commands.add_parser(
        "stats",
        help="ce que demandent les habitants, ce qui échoue (journaux anonymes)",
        description="Compte les requêtes des habitants d'après les journaux anonymes de la skill (CloudWatch Logs "
        "ou un fichier) : requêtes par fonction et par semaine, part de non compris, équipements demandés dont "
        "les horaires sont inconnus, fonctions les plus lentes. Aucun identifiant ni mot prononcé n'y figure.",
    )
    source = stats.add_mutually_exclusive_group()
    source.add_argument(
        "--file", type=Path, metavar="FICHIER", help="lire un fichier de journaux (une ligne JSON par requête)"
    )
    source.add_argument(
        "--log-group",
        metavar="GROUPE",
        help="groupe CloudWatch Logs de la fonction Lambda (par défaut : celui du dernier « mairie deploy »)",
    )
    stats.add_argument("--region", metavar="RÉGION", help="région AWS du groupe (par exemple eu-west-1)")
    stats.add_argument("--aws-profile", metavar="PROFIL", help="profil AWS à utiliser (fichier ~/.aws/config)")
    stats.add_argument(
        "--since",
        type=parse_day,
        metavar="DATE",
        help="premier jour compté, AAAA-MM-JJ (CloudWatch, par défaut : il y a 4 semaines)",
    )
    stats.add_argument(
        "--until", type=parse_day, metavar="DATE", help="dernier jour compté, AAAA-MM-JJ (par défaut : aujourd'hui)"
    )
    stats.add_argument(
        "--html", type=Path, metavar="FICHIER", help="écrire aussi le rapport en une page HTML avec graphiques"
    )

    phrases = commands.add_parser(
        "phrases",
        help="les phrases qu'Alexa n'a pas comprises (historique anonyme d'Amazon)",
        description="Lit l'historique anonyme des requêtes d'Alexa (ask-cli, « ask smapi get-utterance-data ») et "
        "liste les phrases des habitants qui n'ont pas été comprises ou l'ont été sans certitude, avec "
        "l'intention qu'elles devraient atteindre : la liste des formulations et synonymes à ajouter.",
    )
    _smapi_options(phrases, default_stage="live")
    phrases.add_argument("--locale", default="fr-FR", metavar="LANGUE", help="langue gardée (par défaut : fr-FR)")

    calibrate = commands.add_parser(
        "calibrer",
        help="comparer la compréhension d'Alexa et celle du modèle local",
        description="Envoie chaque phrase du corpus (tests/phrases/fr) à l'analyseur de phrases d'Alexa (ask-cli, "
        "« ask smapi profile-nlu ») et signale chaque phrase où Alexa et le modèle local ne comprennent pas la "
        "même chose. Déployez d'abord (« mairie deploy ») pour qu'Alexa ait le modèle à jour.",
    )
    _smapi_options(calibrate, default_stage="development")
    calibrate.add_argument(
        "--corpus", type=Path, metavar="DOSSIER", help="dossier du corpus (par défaut : tests/phrases/fr)"
    )
    calibrate.add_argument("--intent", metavar="INTENTION", help="seulement les phrases de cette intention")
    calibrate.add_argument("--limit", type=_positive, metavar="N", help="au plus N phrases")


def _smapi_options(sub: argparse.ArgumentParser, default_stage: str) -> None:
    sub.add_argument(
        "--skill-id",
        metavar="ID",
        help="identifiant de la skill (par défaut : SKILL_ID, ou celui du dernier « mairie deploy »)",
    )
    sub.add_argument(
        "--stage",
        choices=("development", "live"),
        default=default_stage,
        help=f"étape de la skill (par défaut : {default_stage})",
    )
    sub.add_argument("--profile", metavar="PROFIL", help="profil ask-cli à utiliser (par défaut : celui d'ask-cli)")


def _stats(args: argparse.Namespace) -> int:
    from mairie.tools.local_skill import repo_root
    from mairie.tools.usage.stats import StatsOptions, run_stats

    options = StatsOptions(
        file=args.file,
        log_group=args.log_group,
        region=args.region,
        aws_profile=args.aws_profile,
        since=args.since,
        until=args.until,
        html=args.html,
    )
    return run_stats(options, _project_root(repo_root()), _facility_names(), sys.stdout)


def _facility_names() -> Callable[[str], str | None]:
    """Facility names for reports, from the local catalogue (ids alone when it cannot be read)."""
    from mairie.catalogue.problems import CatalogueError
    from mairie.tools.local_skill import load_local_catalogue

    try:
        catalogue = load_local_catalogue()
    except (CatalogueError, OSError):
        return lambda _: None

    def name(facility_id: str) -> str | None:
        facility = catalogue.facility(facility_id)
        return facility.name if facility else None

    return name


def _phrases(args: argparse.Namespace) -> int:
    from mairie.tools.local_skill import phrases_path, repo_root
    from mairie.tools.smapi.ask_cli import AskCliError, find_skill_id, require_ask
    from mairie.tools.smapi.history import fetch_history
    from mairie.tools.smapi.phrases_todo import run_phrases

    try:
        require_ask()
        skill_id = find_skill_id(args.skill_id, _project_root(repo_root()), args.profile)
        heard = fetch_history(skill_id, args.stage, args.profile)
    except AskCliError as error:
        print(str(error), file=sys.stderr)
        return 1
    local = _local_resolver()
    if local is None:
        return 1
    resolver, zone = local
    today = datetime.now(zone).date()
    return run_phrases(heard, resolver, today, args.locale, phrases_path(), args.stage, sys.stdout)


def _calibrate(args: argparse.Namespace) -> int:
    from mairie.tools.local_skill import repo_root
    from mairie.tools.phrase_corpus import CORPUS
    from mairie.tools.smapi.ask_cli import AskCliError, find_skill_id, require_ask, run_smapi
    from mairie.tools.smapi.calibration import COMMAND, profile_arguments, run_calibrate

    try:
        require_ask()
        skill_id = find_skill_id(args.skill_id, _project_root(repo_root()), args.profile)
    except AskCliError as error:
        print(str(error), file=sys.stderr)
        return 1
    phrasings = _corpus(args.corpus or repo_root() / CORPUS, args.intent, args.limit)
    local = _local_resolver() if phrasings is not None else None
    if phrasings is None or local is None:
        return 1
    resolver, zone = local

    def profile(sentence: str) -> dict[str, object]:
        return run_smapi(COMMAND, profile_arguments(sentence, skill_id, args.stage), args.profile)

    return run_calibrate(phrasings, profile, resolver, datetime.now(zone).date(), skill_id, args.stage, sys.stdout)


def _corpus(folder: Path, intent: str | None, limit: int | None) -> list[Phrasing] | None:
    from mairie.tools.phrase_corpus import load_corpus

    try:
        phrasings = load_corpus(folder)
    except (OSError, ValueError, KeyError, TypeError) as error:
        print(f"Le corpus de phrases « {folder} » est illisible : {error}.", file=sys.stderr)
        return None
    if intent:
        phrasings = [p for p in phrasings if p.intent == intent]
    if not phrasings:
        print(f"Aucune phrase à comparer dans « {folder} »{f' pour {intent}' if intent else ''}.", file=sys.stderr)
        return None
    return phrasings[:limit] if limit else phrasings


def _local_resolver() -> tuple[Resolver, ZoneInfo] | None:
    from mairie.catalogue.problems import CatalogueError
    from mairie.tools.local_skill import open_local_resolver

    try:
        return open_local_resolver()
    except CatalogueError as error:
        print("Le catalogue n'est pas valide (lancez « mairie validate ») :", file=sys.stderr)
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return None
    except FileNotFoundError as error:
        print(f"Impossible de charger le modèle local : {error}", file=sys.stderr)
        return None


def _project_root(default: Path) -> Path:
    """Where `.ask/` is: the current folder when it has one (a city's own copy), else the repository."""
    return Path.cwd() if (Path.cwd() / ".ask").is_dir() else default


def _add_serve_command(commands: argparse._SubParsersAction[_FrenchParser]) -> None:
    serve = commands.add_parser(
        "serve",
        help="la skill en service web (POST /), requêtes d'Alexa vérifiées",
        description="Sert la skill en HTTP sur POST / (serveur waitress). Chaque requête doit prouver qu'elle vient "
        "d'Alexa (signature, certificat, horodatage) ; sinon : HTTP 400. Placez un proxy HTTPS devant (voir README).",
    )
    serve.add_argument(
        "--host", default="127.0.0.1", metavar="ADRESSE", help="adresse d'écoute (par défaut : 127.0.0.1)"
    )
    serve.add_argument("--port", type=_port, default=8080, help="port d'écoute (par défaut : 8080 ; 0 : un port libre)")
    serve.add_argument(
        "--no-verify",
        dest="verify",
        action="store_false",
        help="NE PAS vérifier que les requêtes viennent d'Alexa (essais en local uniquement)",
    )
    serve.add_argument(
        "--any-skill",
        action="store_true",
        help="accepter les requêtes de n'importe quelle skill quand SKILL_ID n'est pas défini (déconseillé)",
    )
    serve.add_argument(
        "--workers", type=_workers, default=4, metavar="N", help="requêtes traitées en parallèle (par défaut : 4)"
    )
    serve.add_argument(
        "--ca-bundle",
        metavar="FICHIER",
        help="autorités de certification de confiance, au format PEM (par défaut : celles de certifi)",
    )


def _port(text: str) -> int:
    if not text.strip().isdigit() or int(text) > 65535:
        raise argparse.ArgumentTypeError(f"port invalide : « {text} » (un nombre de 0 à 65535)")
    return int(text)


def _workers(text: str) -> int:
    if not text.strip().isdigit() or not 1 <= int(text) <= 256:
        raise argparse.ArgumentTypeError(f"nombre invalide : « {text} » (de 1 à 256)")
    return int(text)


def _serve(args: argparse.Namespace) -> int:
    from mairie.tools.serve import run_serve

    return run_serve(args.host, args.port, args.verify, args.workers, args.ca_bundle, any_skill=args.any_skill)


def _preview(args: argparse.Namespace) -> int:
    from mairie.catalogue.problems import CatalogueError
    from mairie.tools.local_skill import CONTENT_ENV, load_local_catalogue, open_local_skill
    from mairie.tools.preview import run_preview

    if args.folder:
        os.environ[CONTENT_ENV] = args.folder
    try:
        catalogue = load_local_catalogue()
        skill = open_local_skill()
    except CatalogueError as error:
        print("Le catalogue n'est pas valide (lancez « mairie validate ») :", file=sys.stderr)
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return 1
    caller = Caller(user="apercu", device="voice", skill_id=os.environ.get("SKILL_ID") or SKILL_ID)
    return run_preview(skill, catalogue, args.at or datetime.now(UTC), caller, sys.stdout)


def _deploy(args: argparse.Namespace) -> int:
    from mairie.tools.deploy import DeployOptions, run_deploy
    from mairie.tools.local_skill import repo_root

    if args.live and not args.hosted:
        print("--live ne s'utilise qu'avec --hosted (skill hébergée par Alexa). Rien n'a été déployé.", file=sys.stderr)
        return 1
    options = DeployOptions(hosted=args.hosted, profile=args.profile, remote=args.remote, live=args.live)
    return run_deploy(_content_folder(None), repo_root(), options)


def _content_folder(folder: str | None) -> Path:
    from mairie.tools.local_skill import content_dir, repo_root

    if folder:
        return Path(folder)
    return content_dir() or repo_root() / "content"


def _caller(args: argparse.Namespace) -> Caller:
    return Caller(user=args.user, device=args.device, skill_id=os.environ.get("SKILL_ID") or SKILL_ID)


def _talk(args: argparse.Namespace) -> int:
    from mairie.catalogue.problems import CatalogueError
    from mairie.tools.local_skill import open_local_skill

    try:
        skill = open_local_skill()
    except CatalogueError as error:
        print("Le catalogue n'est pas valide :", file=sys.stderr)
        for problem in error.problems:
            print(str(problem), file=sys.stderr)
        return 1
    except FileNotFoundError as error:
        print(f"Impossible de démarrer la skill : {error}", file=sys.stderr)
        return 1
    at = args.at or datetime.now(UTC)
    if args.command == "say":
        from mairie.tools.say import run_say

        return run_say(skill, args.text, at, _caller(args), args.json, sys.stdout)
    from mairie.tools.chat import run_chat

    return run_chat(skill, _caller(args), at, sys.stdout, wall_clock=not args.frozen_clock)


def _phrase_stats() -> int:
    from mairie.tools.build import PHRASES
    from mairie.tools.local_skill import filled_model, load_local_catalogue, repo_root
    from mairie.tools.phrase_stats import print_stats

    return print_stats(repo_root() / PHRASES, filled_model(load_local_catalogue()), sys.stdout)


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command. Piped into `head` or `less`, a command whose reader stops early ends quietly.

    When the reader of standard output goes away, writing raises `BrokenPipeError`; as the Python
    documentation recommends (library/signal.html, "Note on SIGPIPE"), standard output is then
    pointed at `os.devnull`, so that the final flush cannot fail again, and the exit code is 1.
    """
    try:
        code = _run(argv)
        sys.stdout.flush()
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    return code


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    if args.command in ("say", "chat"):
        return _talk(args)
    if args.command == "validate":
        from mairie.tools.build import run_validate

        return run_validate(_content_folder(args.folder))
    if args.command == "build":
        from mairie.tools.build import run_build
        from mairie.tools.local_skill import repo_root

        if args.stats:
            return _phrase_stats()
        return run_build(_content_folder(None), repo_root(), args.check)
    if args.command == "preview":
        return _preview(args)
    if args.command == "deploy":
        return _deploy(args)
    if args.command == "importer":
        return _import(args)
    if args.command == "serve":
        return _serve(args)
    if args.command == "bench":
        return _bench(args)
    if args.command == "package":
        return _package(args)
    if args.command == "stats":
        return _stats(args)
    if args.command == "phrases":
        return _phrases(args)
    if args.command == "calibrer":
        return _calibrate(args)
    print(f"mairie {args.command} : pas encore disponible.", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
