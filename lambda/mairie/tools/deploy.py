"""`mairie deploy`: validate, build, then publish the skill with ask-cli or a git push (Alexa-hosted).

Self-hosted: `ask deploy` with ask-cli's `@ask-cli/cfn-deployer` (ask-resources.json): the CloudFormation
template `infrastructure/cfn-deployer/skill-stack.yaml` creates the function, its table and its log
group; ask-cli builds the code with `hooks/build.sh` (`mairie package`), which needs a Python of the
Lambda's version: checked here first, so that nothing is half deployed.

Alexa-hosted: Alexa builds only two branches of the hosted repository, `master` (development stage) and
`prod` (live stage) (ask-cli docs/concepts/Alexa-Hosted-Skill-Commands.md). The current commit is pushed
to one of them by name (`git push REMOTE HEAD:refs/heads/master`), whatever the local branch is called,
so a push can never land on a branch Alexa ignores and be reported as deployed.

Nothing is deployed when the content is invalid or a tool is missing: every refusal says, in French,
what to do. The tools run as real processes in the project folder, their output shown as is.
Never imported by the Lambda.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mairie.catalogue.loader import read_content
from mairie.tools.build import COMPILED, MODEL, run_build
from mairie.tools.hosted_runtime import NEEDED, hosted_runtime
from mairie.tools.package import PackageError, lambda_interpreter
from mairie.tools.tool_errors import explain

ASK_INSTALL = (
    "ask-cli n'est pas installé (commande « ask » introuvable). Installez-le avec « npm install -g ask-cli » "
    "(il faut Node.js), puis connectez-le au compte Amazon de la ville avec « ask configure »."
)
GIT_INSTALL = (
    "git n'est pas installé (commande « git » introuvable). Installez-le (https://git-scm.com), puis recommencez."
)
NOTHING_DEPLOYED = "Rien n'a été déployé."
SHIPPED = ("content", str(COMPILED), str(MODEL))
"""What must be committed before a push: the content and the files `mairie build` generates."""
TEMPLATE = Path("infrastructure") / "cfn-deployer" / "skill-stack.yaml"
BUILD_HOOK = Path("hooks") / "build.sh"
HOSTED_BRANCHES = {False: "master", True: "prod"}
"""The branches an Alexa-hosted skill builds: master for the development stage, prod for the live one."""
HOSTED_STAGES = {False: "la version de développement", True: "la version en ligne"}
NEEDED_LABEL = f"Python {NEEDED[0]}.{NEEDED[1]}"
HOSTED_PYTHON_UNKNOWN = (
    f"Impossible de vérifier le Python de la skill hébergée (ask-cli absent, ou identifiant de skill inconnu) : "
    f"le code demande {NEEDED_LABEL} ou plus récent, et les skills hébergées Python sont créées en Python 3.8, "
    "sur lequel la skill ne démarrerait pas. Vérifiez le runtime dans la console développeur Alexa, onglet Code."
)


@dataclass(frozen=True)
class DeployOptions:
    hosted: bool = False
    """Alexa-hosted skill: `git push` instead of `ask deploy`."""
    profile: str | None = None
    """ask-cli profile (`ask deploy --profile`); None for ask-cli's default."""
    remote: str = "origin"
    """git remote of the Alexa-hosted skill."""
    live: bool = False
    """Alexa-hosted: push to `prod` (live stage) instead of `master` (development stage)."""


def run_deploy(content_dir: Path, root: Path, options: DeployOptions) -> int:
    """0 once the deployment command succeeded; 1 (with a French message) when nothing was deployed."""
    catalogue, _ = read_content(content_dir)
    if catalogue is None:
        run_build(content_dir, root, check=False)  # lists every problem and writes nothing
        _say(NOTHING_DEPLOYED)
        return 1
    tool = "git" if options.hosted else "ask"
    if shutil.which(tool) is None:
        _say(GIT_INSTALL if options.hosted else ASK_INSTALL)
        _say(NOTHING_DEPLOYED)
        return 1
    if not options.hosted and not _ready_for_ask(root):
        _say(NOTHING_DEPLOYED)
        return 1
    if run_build(content_dir, root, check=False) != 0:
        _say(NOTHING_DEPLOYED)
        return 1
    if options.hosted:
        return _push(root, options.remote, options.live, options.profile)
    return _ask_deploy(root, options.profile)


def _ready_for_ask(root: Path) -> bool:
    """What ask-cli will need, checked before anything is sent: the template, the build hook, and a
    Python of the Lambda's version to compile the bytecode (`mairie package`)."""
    for needed in (TEMPLATE, BUILD_HOOK):
        if not (root / needed).is_file():
            _say(f"{needed} est introuvable : il fait partie du projet, restaurez-le (git checkout -- {needed}).")
            return False
    if not os.access(root / BUILD_HOOK, os.X_OK):
        _say(f"{BUILD_HOOK} doit être exécutable : chmod +x {BUILD_HOOK}")
        return False
    try:
        lambda_interpreter(root, os.environ.get("MAIRIE_PYTHON") or None)
    except PackageError as error:
        _say(str(error))
        return False
    return True


def ask_command(profile: str | None) -> list[str]:
    return ["ask", "deploy", *(["--profile", profile] if profile else [])]


def _ask_deploy(root: Path, profile: str | None) -> int:
    command = ask_command(profile)
    _say(f"Déploiement avec ask-cli : {' '.join(command)}")
    code, output = _run(command, root)
    if code != 0:
        _say(
            f"« {' '.join(command)} » a échoué (code {code}) ; lisez les messages ci-dessus. "
            "Si c'est le premier déploiement, vérifiez « ask configure » et les droits AWS du profil."
        )
        for explanation in explain("ask", output):
            _say(explanation)
        return 1
    _say("Déploiement terminé : la skill et la fonction Lambda sont à jour.")
    return 0


def _runtime_runs_the_code(root: Path, profile: str | None) -> bool:
    """False when Amazon says the hosted skill runs a Python older than the code needs (or not Python);
    True otherwise, with a warning when it could not be asked (`tools.hosted_runtime`)."""
    found = hosted_runtime(root, profile)
    if found is None:
        _say(HOSTED_PYTHON_UNKNOWN)
        return True
    runtime, version = found
    if version is None or version < NEEDED:
        _say(
            f"La skill hébergée par Alexa exécute {runtime} ; ce code demande {NEEDED_LABEL} ou plus récent et n'y "
            "démarrerait pas. Le runtime d'une skill hébergée ne peut pas être changé : déployez sur votre propre "
            "compte AWS avec « mairie deploy » (sans --hosted)."
        )
        return False
    _say(f"La skill hébergée par Alexa exécute {runtime} : le code y fonctionne.")
    return True


def _push(root: Path, remote: str, live: bool, profile: str | None) -> int:
    unsaved = _uncommitted(root)
    if unsaved is None:
        _say(f"{root} n'est pas un dépôt git : clonez d'abord le dépôt de la skill hébergée par Alexa.")
        _say(NOTHING_DEPLOYED)
        return 1
    if unsaved:
        _say("Ces fichiers ont des modifications non enregistrées dans git :")
        for path in unsaved:
            _say(f"  {path}")
        _say(
            "Enregistrez-les d'abord : « git add content lambda skill-package » puis "
            '« git commit -m "Mise à jour du contenu" ».'
        )
        _say(NOTHING_DEPLOYED)
        return 1
    if not _runtime_runs_the_code(root, profile):
        _say(NOTHING_DEPLOYED)
        return 1
    branch = HOSTED_BRANCHES[live]
    command = ["git", "push", remote, f"HEAD:refs/heads/{branch}"]
    _say(f"Envoi vers la branche {branch} de la skill hébergée par Alexa ({HOSTED_STAGES[live]}) : {' '.join(command)}")
    code, output = _run(command, root)
    if code != 0:
        _say(f"« {' '.join(command)} » a échoué (code {code}) ; lisez les messages ci-dessus.")
        for explanation in explain("git", output):
            _say(explanation)
        _say(NOTHING_DEPLOYED)
        return 1
    _say(f"Envoyé sur la branche {branch} : Alexa reconstruit {HOSTED_STAGES[live]} de la skill.")
    return 0


def _uncommitted(root: Path) -> list[str] | None:
    """Shipped files with changes not committed; None when `root` is not a git work tree."""
    result = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=all", "--", *SHIPPED],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        return None
    return [line[3:] for line in result.stdout.splitlines() if line.strip()]


def _run(command: Sequence[str], cwd: Path) -> tuple[int, str]:
    """Run a tool in the project folder, its output shown line by line as it comes: the exit code and
    that output (for `tool_errors.explain`)."""
    sys.stdout.flush()
    sys.stderr.flush()
    output: list[str] = []
    try:
        with subprocess.Popen(
            list(command), cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
        ) as process:
            assert process.stdout is not None
            for line in process.stdout:
                output.append(line)
                print(line, end="", flush=True)
            code = process.wait()
    except OSError as error:
        _say(f"Impossible de lancer « {command[0]} » : {error.strerror}.")
        return 1, ""
    return code, "".join(output)


def _say(message: str) -> None:
    print(message, file=sys.stderr)
