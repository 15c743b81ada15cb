"""What city staff do, end to end, in a copy of the project: edit, preview, build, say, deploy.

Real processes throughout: `mairie` itself, git, and a stand-in `ask` executable that records how it
was called (ask-cli needs an Amazon account; everything before it runs for real).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from staff_sandbox import COMPILED, MODEL, ROOT, fake_ask, fake_python, mairie, make_sandbox, replace_in, tool_dir

GUIDE = ROOT / "content" / "LISEZMOI.md"


def guide_summer_hours() -> str:
    """The `horaires:` and `periodes:` the staff guide shows in « Changer les horaires pour l'été »."""
    section = GUIDE.read_text(encoding="utf-8").split("### Changer les horaires pour l'été", 1)[1]
    block = section.split("```yaml\n", 1)[1].split("```", 1)[0]
    return block[block.index("    horaires:") :]


@pytest.fixture
def sandbox(tmp_path: Path) -> Path:
    return make_sandbox(tmp_path / "projet")


def guide_example(title: str, index: int = 0) -> str:
    """The `index`-th YAML example under the heading `title` of the staff guide."""
    section = GUIDE.read_text(encoding="utf-8").split(f"### {title}\n", 1)[1].split("\n### ", 1)[0]
    return section.split("```yaml\n")[index + 1].split("```", 1)[0]


def _add_summer_hours(sandbox: Path) -> None:
    """Follow the guide: the pool gets weekly hours and a summer period (made up, in a copy only)."""
    facilities = sandbox / "content" / "facilities.yaml"
    anchor = "    ou_verifier: sur le site issy.com\n\n  - id: piscine-sevestre"
    replace_in(facilities, anchor, anchor.replace("\n\n", "\n" + guide_summer_hours() + "\n"))


def _calls(log: Path) -> list[dict[str, object]]:
    calls = log / "calls.jsonl"
    if not calls.exists():
        return []
    return [json.loads(line) for line in calls.read_text(encoding="utf-8").splitlines()]


# -- preview -------------------------------------------------------------------------------------


def test_the_guide_walkthrough_summer_hours_then_preview(sandbox: Path) -> None:
    _add_summer_hours(sandbox)
    validated = mairie(sandbox, "validate")
    assert validated.returncode == 0, validated.stdout
    assert validated.stderr.startswith("Catalogue valide : 7 équipements,")
    result = mairie(sandbox, "preview", "--at", "2026-07-14T11:00")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "Aperçu au mardi 14 juillet 2026 à 11 h 00 (heure de la ville)"
    start = lines.index("La piscine Aquazena (piscine-aquazena)")
    assert lines[start + 1] == "  « est-ce que la piscine Aquazena est ouverte ? »"
    assert lines[start + 2].startswith(
        "  Non, la piscine Aquazena est fermée aujourd'hui : c'est la fête nationale. Elle rouvre demain à 10 heures."
    )
    assert lines[-1] == "7 équipements ; relisez chaque réponse avant de lancer « mairie build »."

    summer_day = mairie(sandbox, "preview", "--at", "2026-07-15T11:00")
    lines = summer_day.stdout.splitlines()
    answer = lines[lines.index("La piscine Aquazena (piscine-aquazena)") + 2]
    assert answer.startswith("  Oui, la piscine Aquazena est ouverte jusqu'à 20 heures.")

    autumn = mairie(sandbox, "preview", "--at", "2026-09-01T11:00")
    lines = autumn.stdout.splitlines()
    answer = lines[lines.index("La piscine Aquazena (piscine-aquazena)") + 2]
    assert answer == (
        "  Non, la piscine Aquazena est fermée en ce moment. Elle ouvre à midi. Puis-je vous aider pour autre chose ?"
    )


def test_preview_of_invalid_content_lists_the_problems(sandbox: Path) -> None:
    _add_summer_hours(sandbox)
    facilities = sandbox / "content" / "facilities.yaml"
    replace_in(facilities, "      dimanche: 09:00-13:00\n", "      dimanche: 9h-25h\n")
    line = facilities.read_text(encoding="utf-8").splitlines().index("      dimanche: 9h-25h") + 1
    result = mairie(sandbox, "preview", "content")
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [
        "Le catalogue n'est pas valide (lancez « mairie validate ») :",
        f"content/facilities.yaml:{line}: equipements[4] (piscine-aquazena) › horaires › dimanche : « 9h-25h » "
        "n'est pas une heure valide ; écrivez par exemple « 08:30-12:00 ».",
    ]


def test_preview_warns_when_a_name_is_shared(sandbox: Path) -> None:
    with (sandbox / "content" / "facilities.yaml").open("a", encoding="utf-8") as file:
        file.write("\n  - id: piscine-fort\n    nom: la piscine du Fort\n    type: piscine\n")
    result = mairie(sandbox, "preview", "--at", "2026-11-26T10:00")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    start = lines.index("La piscine du Fort (piscine-fort)")
    assert lines[start + 2] == "  Laquelle : la piscine Aquazena ou la piscine du Fort ?"
    assert (
        "  ⚠ le nom « la piscine du Fort » désigne aussi « piscine-aquazena » (nom ou synonyme) : Alexa doit "
        "demander lequel ; changez le nom ou retirez le synonyme en double dans facilities.yaml."
    ) in lines[start:]
    assert lines[-2:] == [
        "8 équipements ; relisez chaque réponse avant de lancer « mairie build ».",
        "⚠ 1 équipement n'est pas compris par son nom : corrigez facilities.yaml avant de publier.",
    ]


def test_preview_flags_a_synonym_shared_by_two_facilities(sandbox: Path) -> None:
    """The guide: « L'aperçu marque d'un ⚠ … un équipement qu'Alexa confond avec un autre (même nom ou même
    synonyme) ». A synonym may be shared on purpose (« la piscine »): said, not counted as misunderstood."""
    with (sandbox / "content" / "facilities.yaml").open("a", encoding="utf-8") as file:
        file.write("\n  - id: bassin-ete\n    nom: le bassin d'été\n    type: piscine\n")
        file.write("    synonymes:\n      - la piscine\n")
    result = mairie(sandbox, "preview", "--at", "2026-11-26T10:00")
    assert result.returncode == 0, result.stdout + result.stderr
    lines = result.stdout.splitlines()
    start = lines.index("Le bassin d'été (bassin-ete)")
    assert (
        "  ⚠ le synonyme « la piscine » désigne aussi « piscine-aquazena », « piscine-sevestre » (nom ou synonyme) : "
        "Alexa demandera lequel ; si ce n'est pas voulu, retirez le synonyme en double dans facilities.yaml."
    ) in lines[start:]
    pool = lines.index("La piscine Aquazena (piscine-aquazena)")
    assert (
        "  ⚠ le synonyme « la piscine » désigne aussi « piscine-sevestre », « bassin-ete » (nom ou synonyme) : "
        "Alexa demandera lequel ; si ce n'est pas voulu, retirez le synonyme en double dans facilities.yaml."
    ) in lines[pool:start]
    assert lines[-1] == "8 équipements ; relisez chaque réponse avant de lancer « mairie build »."


def test_the_guide_examples_work_as_written(sandbox: Path) -> None:
    content = sandbox / "content"
    closures = guide_example("Fermer un équipement pour un jour") + guide_example(
        "Fermer un équipement pour un jour", 1
    )
    replace_in(content / "facilities.yaml", "    jours_feries: fermé\n", "    jours_feries: fermé\n" + closures)
    with (content / "podcasts.yaml").open("a", encoding="utf-8") as file:
        file.write(guide_example("Ajouter un épisode de podcast"))
    with (content / "magazine.yaml").open("a", encoding="utf-8") as file:
        file.write(guide_example("Publier le magazine du mois"))
    validated = mairie(sandbox, "validate")
    assert validated.returncode == 0, validated.stdout
    assert validated.stderr.startswith(
        "Catalogue valide : 7 équipements, 2 démarches, 3 numéros du magazine, 1 série de podcasts (3 épisodes)."
    )
    built = mairie(sandbox, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    series_feed = (sandbox / "flux" / "podcast-metamorphoses.xml").read_text(encoding="utf-8")
    assert '<guid isPermaLink="false">podcast:metamorphoses:nom-de-l-invite</guid>' in series_feed
    assert 'length="28512345" type="audio/mpeg"' in series_feed
    assert "depardon" not in series_feed, "the examples stay out of the feed"
    assert '<guid isPermaLink="false">magazine:2026-12</guid>' in (sandbox / "flux" / "magazine.xml").read_text(
        encoding="utf-8"
    )

    def said(at: str, text: str) -> str:
        result = mairie(sandbox, "say", "--at", at, text)
        assert result.returncode == 0, result.stderr
        return result.stdout.splitlines()[0]

    assert said("2026-12-26T10:00", "est-ce que la mairie est ouverte").startswith(
        "Non, la mairie est fermée aujourd'hui (inventaire). Elle rouvre lundi 28 décembre à 8 heures 30."
    )
    assert said("2026-12-24T10:00", "quels sont les horaires de la mairie").startswith(
        "Aujourd'hui, la mairie est ouverte de 8 heures 30 à midi (veille de Noël)."
    )
    new_episode = "Voici l'épisode 3 de Métamorphoses, Issy se réinvente, avec Prénom Nom : Le titre de l'épisode."
    assert said("2026-12-05T10:00", "joue l'épisode trois") == new_episode
    assert said("2026-12-05T10:00", "joue l'épisode avec prénom nom") == new_episode, "the guest is a slot value"
    assert said("2026-12-05T10:00", "quoi de neuf dans le magazine").startswith(
        "Au sommaire de Point d'Appui de décembre 2026 : Le marché de Noël."
    )


# -- build, then say ------------------------------------------------------------------------------


def test_a_new_facility_is_understood_by_its_synonym_after_build(sandbox: Path, tmp_path: Path) -> None:
    facilities = sandbox / "content" / "facilities.yaml"
    with facilities.open("a", encoding="utf-8") as file:
        file.write(
            "\n  - id: stade-voltaire\n    nom: le stade Voltaire\n    type: stade\n"
            "    synonymes:\n      - le terrain de foot du quartier\n"
            "    ou_verifier: auprès du service des sports\n"
        )
    built = mairie(sandbox, "build")
    assert built.returncode == 0, built.stdout + built.stderr
    assert built.stderr.splitlines()[:2] == [f"Écrit : {COMPILED}", f"Écrit : {MODEL}"]

    # From another folder and without MAIRIE_CONTENT: only what `mairie build` wrote is used.
    elsewhere = tmp_path / "ailleurs"
    elsewhere.mkdir()
    said = mairie(
        sandbox,
        "say",
        "--at",
        "2026-11-26T10:00",
        "est-ce que le terrain de foot du quartier est ouvert",
        cwd=elsewhere,
    )
    assert said.returncode == 0, said.stderr
    assert said.stdout.splitlines()[0] == (
        "Je n'ai pas les horaires du stade Voltaire. Vous pouvez les vérifier auprès du service des sports. "
        "Puis-je vous aider pour autre chose ?"
    )


# -- deploy with ask-cli --------------------------------------------------------------------------


def test_deploy_without_ask_cli_says_how_to_install_it(sandbox: Path, tmp_path: Path) -> None:
    _add_summer_hours(sandbox)
    compiled_before = (sandbox / COMPILED).read_text(encoding="utf-8")
    result = mairie(sandbox, "deploy", path=tool_dir(tmp_path / "bin", "git"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "ask-cli n'est pas installé (commande « ask » introuvable). Installez-le avec « npm install -g ask-cli » "
        "(il faut Node.js), puis connectez-le au compte Amazon de la ville avec « ask configure ».",
        "Rien n'a été déployé.",
    ]
    assert (sandbox / COMPILED).read_text(encoding="utf-8") == compiled_before, "nothing built either"


def test_deploy_refuses_invalid_content_and_never_calls_ask(sandbox: Path, tmp_path: Path) -> None:
    bin_dir = tool_dir(tmp_path / "bin", "git")
    fake_ask(bin_dir, tmp_path / "ask-log")
    replace_in(sandbox / "content" / "city.yaml", "  fuseau_horaire: Europe/Paris\n", "  fuseau_horaire: Europe/Pari\n")
    compiled_before = (sandbox / COMPILED).read_text(encoding="utf-8")
    result = mairie(sandbox, "deploy", path=bin_dir)
    assert result.returncode == 1
    line = (
        (sandbox / "content" / "city.yaml")
        .read_text(encoding="utf-8")
        .splitlines()
        .index("  fuseau_horaire: Europe/Pari")
    )
    assert result.stdout.splitlines() == [
        f"content/city.yaml:{line + 1}: ville › fuseau_horaire : « Europe/Pari » n'est pas un fuseau horaire connu ; "
        "vouliez-vous dire « Europe/Paris » ?"
    ]
    assert result.stderr.splitlines() == [
        "1 problème trouvé dans content/ : rien n'a été construit.",
        "Rien n'a été déployé.",
    ]
    assert _calls(tmp_path / "ask-log") == []
    assert (sandbox / COMPILED).read_text(encoding="utf-8") == compiled_before


def test_deploy_without_the_lambdas_python_says_so_and_never_calls_ask(sandbox: Path, tmp_path: Path) -> None:
    bin_dir = tool_dir(tmp_path / "bin", "git")
    fake_ask(bin_dir, tmp_path / "ask-log")
    result = mairie(sandbox, "deploy", path=bin_dir)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "« python3.12 » est introuvable. La fonction Lambda exécute python3.12 (ask-resources.json) et son bytecode "
        "doit être compilé par ce même Python : installez python3.12, ou indiquez-le avec « --python CHEMIN » "
        "(ou la variable MAIRIE_PYTHON pour « mairie deploy »).",
        "Rien n'a été déployé.",
    ]
    assert _calls(tmp_path / "ask-log") == []


def test_deploy_builds_then_runs_ask_deploy(sandbox: Path, tmp_path: Path) -> None:
    bin_dir = tool_dir(tmp_path / "bin", "git")
    log = tmp_path / "ask-log"
    fake_ask(bin_dir, log)
    fake_python(bin_dir, "3.12")
    _add_summer_hours(sandbox)
    result = mairie(sandbox, "deploy", "--profile", "issy", path=bin_dir)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _calls(log) == [{"args": ["deploy", "--profile", "issy"], "cwd": str(sandbox)}]
    shipped = json.loads((log / "catalogue.json").read_text(encoding="utf-8"))
    pool = next(f for f in shipped["facilities"] if f["id"] == "piscine-aquazena")
    assert [period["name"] for period in pool["periods"]] == ["été"], "ask deployed the freshly built catalogue"
    assert (log / "catalogue.json").read_text(encoding="utf-8") == (sandbox / COMPILED).read_text(encoding="utf-8")
    assert "ask: déploiement simulé" in result.stdout
    assert result.stderr.splitlines()[-2:] == [
        "Déploiement avec ask-cli : ask deploy --profile issy",
        "Déploiement terminé : la skill et la fonction Lambda sont à jour.",
    ]


def test_a_failing_ask_deploy_is_reported(sandbox: Path, tmp_path: Path) -> None:
    bin_dir = tool_dir(tmp_path / "bin", "git")
    fake_ask(bin_dir, tmp_path / "ask-log", exit_code=3)
    fake_python(bin_dir, "3.12")
    result = mairie(sandbox, "deploy", path=bin_dir)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == (
        "« ask deploy » a échoué (code 3) ; lisez les messages ci-dessus. Si c'est le premier déploiement, "
        "vérifiez « ask configure » et les droits AWS du profil."
    )


def test_an_ask_error_is_explained_in_french(sandbox: Path, tmp_path: Path) -> None:
    """ask-cli v2's message for an unknown profile (alexa/ask-cli#295), then what it means and what to do."""
    bin_dir = tool_dir(tmp_path / "bin", "git")
    message = (
        "[Error]: Can't resolve profile [issy] as it doesn't exist. Please run \"ask configure --profile issy\" first."
    )
    fake_ask(bin_dir, tmp_path / "ask-log", exit_code=1, error=message)
    fake_python(bin_dir, "3.12")
    result = mairie(sandbox, "deploy", "--profile", "issy", path=bin_dir)
    assert result.returncode == 1
    assert message in result.stdout, "the tool's own output is shown as is"
    assert result.stderr.splitlines()[-2:] == [
        "« ask deploy --profile issy » a échoué (code 1) ; lisez les messages ci-dessus. Si c'est le premier "
        "déploiement, vérifiez « ask configure » et les droits AWS du profil.",
        "En clair : ce profil ask-cli n'existe pas : lancez « ask configure » (ou « ask configure --profile NOM »), "
        "ou vérifiez le nom donné à « --profile ».",
    ]


# -- deploy an Alexa-hosted skill (git push) ---------------------------------------------------------


def _git(folder: Path, *args: str) -> str:
    result = subprocess.run(
        ["git", "-c", "user.name=Agent", "-c", "user.email=agent@example.org", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


def test_hosted_deploy_pushes_committed_work_only(sandbox: Path, tmp_path: Path) -> None:
    remote = tmp_path / "hebergee.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    _git(sandbox, "init", "--quiet", "--initial-branch=master")
    _git(sandbox, "add", ".")
    _git(sandbox, "commit", "--quiet", "-m", "Skill")
    _git(sandbox, "remote", "add", "origin", str(remote))
    bin_dir = tool_dir(tmp_path / "bin", "git")

    _add_summer_hours(sandbox)
    refused = mairie(sandbox, "deploy", "--hosted", path=bin_dir)
    assert refused.returncode == 1
    assert refused.stderr.splitlines()[-5:] == [
        "Ces fichiers ont des modifications non enregistrées dans git :",
        "  content/facilities.yaml",
        f"  {COMPILED}",
        "Enregistrez-les d'abord : « git add content lambda skill-package » puis "
        '« git commit -m "Mise à jour du contenu" ».',
        "Rien n'a été déployé.",
    ]
    assert _git(remote, "branch", "--list") == ""

    _git(sandbox, "add", "content", "lambda", "skill-package")
    _git(sandbox, "commit", "--quiet", "-m", "Horaires d'été de la piscine")
    pushed = mairie(sandbox, "deploy", "--hosted", path=bin_dir)
    assert pushed.returncode == 0, pushed.stderr
    assert _git(remote, "rev-parse", "master") == _git(sandbox, "rev-parse", "HEAD")
    assert pushed.stderr.splitlines()[-1] == (
        "Envoyé sur la branche master : Alexa reconstruit la version de développement de la skill."
    )


def test_hosted_deploy_lands_on_a_branch_alexa_builds_whatever_the_local_branch(sandbox: Path, tmp_path: Path) -> None:
    remote = tmp_path / "hebergee.git"
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    _git(sandbox, "init", "--quiet", "--initial-branch=main")  # Alexa builds master and prod only
    _git(sandbox, "add", ".")
    _git(sandbox, "commit", "--quiet", "-m", "Skill")
    _git(sandbox, "remote", "add", "origin", str(remote))
    bin_dir = tool_dir(tmp_path / "bin", "git")

    development = mairie(sandbox, "deploy", "--hosted", path=bin_dir)
    assert development.returncode == 0, development.stderr
    assert _git(remote, "branch", "--list", "--format=%(refname:short)").splitlines() == ["master"]
    assert _git(remote, "rev-parse", "master") == _git(sandbox, "rev-parse", "HEAD")
    assert "Envoi vers la branche master de la skill hébergée par Alexa (la version de développement) : " in (
        development.stderr
    )

    live = mairie(sandbox, "deploy", "--hosted", "--live", path=bin_dir)
    assert live.returncode == 0, live.stderr
    assert _git(remote, "rev-parse", "prod") == _git(sandbox, "rev-parse", "HEAD")
    assert live.stderr.splitlines()[-1] == (
        "Envoyé sur la branche prod : Alexa reconstruit la version en ligne de la skill."
    )


def test_a_refused_push_is_never_reported_as_deployed(sandbox: Path, tmp_path: Path) -> None:
    _git(sandbox, "init", "--quiet", "--initial-branch=master")
    _git(sandbox, "add", ".")
    _git(sandbox, "commit", "--quiet", "-m", "Skill")
    _git(sandbox, "remote", "add", "origin", str(tmp_path / "absent.git"))
    result = mairie(sandbox, "deploy", "--hosted", path=tool_dir(tmp_path / "bin", "git"))
    assert result.returncode == 1
    assert result.stderr.splitlines()[-1] == "Rien n'a été déployé."
    assert "Envoyé" not in result.stderr


def test_live_is_only_for_the_hosted_route(sandbox: Path, tmp_path: Path) -> None:
    result = mairie(sandbox, "deploy", "--live", path=tool_dir(tmp_path / "bin", "git"))
    assert result.returncode == 1
    assert result.stderr.splitlines() == [
        "--live ne s'utilise qu'avec --hosted (skill hébergée par Alexa). Rien n'a été déployé."
    ]


def _ask_answering_runtime(folder: Path, runtime: str) -> Path:
    """An `ask` whose `smapi get-alexa-hosted-skill-metadata` answers as SMAPI does, with `runtime`."""
    answer = {"alexaHosted": {"repository": {"url": "https://git.example/skill", "type": "GIT"}, "runtime": runtime}}
    script = folder / "ask"
    script.write_text(
        f"#!{sys.executable}\n"
        "import sys\n"
        "assert sys.argv[1:4] == ['smapi', 'get-alexa-hosted-skill-metadata', '--skill-id'], sys.argv\n"
        "assert sys.argv[4] == 'amzn1.ask.skill.hebergee'\n"
        f"print({json.dumps(answer)!r})\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script


def _hosted_clone(sandbox: Path, remote: Path) -> None:
    subprocess.run(["git", "init", "--quiet", "--bare", str(remote)], check=True)
    (sandbox / ".ask").mkdir()
    states = {"askcliStatesVersion": "2020-03-31", "profiles": {"default": {"skillId": "amzn1.ask.skill.hebergee"}}}
    (sandbox / ".ask" / "ask-states.json").write_text(json.dumps(states), encoding="utf-8")
    _git(sandbox, "init", "--quiet", "--initial-branch=master")
    _git(sandbox, "add", ".")
    _git(sandbox, "commit", "--quiet", "-m", "Skill")
    _git(sandbox, "remote", "add", "origin", str(remote))


def test_hosted_deploy_refuses_a_skill_whose_python_cannot_run_the_code(sandbox: Path, tmp_path: Path) -> None:
    remote = tmp_path / "hebergee.git"
    _hosted_clone(sandbox, remote)
    bin_dir = tool_dir(tmp_path / "bin", "git")
    _ask_answering_runtime(bin_dir, "PYTHON_3_8")
    result = mairie(sandbox, "deploy", "--hosted", path=bin_dir)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "La skill hébergée par Alexa exécute PYTHON_3_8 ; ce code demande Python 3.11 ou plus récent et n'y "
        "démarrerait pas. Le runtime d'une skill hébergée ne peut pas être changé : déployez sur votre propre "
        "compte AWS avec « mairie deploy » (sans --hosted).",
        "Rien n'a été déployé.",
    ]
    assert _git(remote, "branch", "--list") == ""


def test_hosted_deploy_pushes_to_a_skill_whose_python_runs_the_code(sandbox: Path, tmp_path: Path) -> None:
    remote = tmp_path / "hebergee.git"
    _hosted_clone(sandbox, remote)
    bin_dir = tool_dir(tmp_path / "bin", "git")
    _ask_answering_runtime(bin_dir, "PYTHON_3_12")
    result = mairie(sandbox, "deploy", "--hosted", path=bin_dir)
    assert result.returncode == 0, result.stderr
    assert "La skill hébergée par Alexa exécute PYTHON_3_12 : le code y fonctionne." in result.stderr
    assert _git(remote, "rev-parse", "master") == _git(sandbox, "rev-parse", "HEAD")


def test_hosted_deploy_explains_git_errors_in_french(sandbox: Path, tmp_path: Path) -> None:
    """Real git: a remote that does not exist, then a hosted repository that has changes we do not have."""
    _git(sandbox, "init", "--quiet", "--initial-branch=master")
    _git(sandbox, "add", ".")
    _git(sandbox, "commit", "--quiet", "-m", "Skill")
    bin_dir = tool_dir(tmp_path / "bin", "git")

    missing = mairie(sandbox, "deploy", "--hosted", "--remote", "hebergee", path=bin_dir)
    assert missing.returncode == 1
    assert "does not appear to be a git repository" in missing.stdout
    assert missing.stderr.splitlines()[-3:] == [
        "« git push hebergee HEAD:refs/heads/master » a échoué (code 128) ; lisez les messages ci-dessus.",
        "En clair : le dépôt distant est introuvable : vérifiez son nom (« --remote », « origin » par défaut) avec "
        "« git remote -v » ; son adresse est dans la console Alexa, onglet « Code ».",
        "Rien n'a été déployé.",
    ]

    remote = tmp_path / "hebergee.git"
    subprocess.run(["git", "init", "--quiet", "--bare", "--initial-branch=master", str(remote)], check=True)
    other = tmp_path / "collegue"
    subprocess.run(["git", "clone", "--quiet", str(remote), str(other)], check=True, capture_output=True)
    (other / "NOTE.md").write_text("Modifié dans la console.\n", encoding="utf-8")
    _git(other, "add", "NOTE.md")
    _git(other, "commit", "--quiet", "-m", "Console")
    _git(other, "push", "--quiet", "origin", "HEAD:master")
    _git(sandbox, "remote", "add", "origin", str(remote))
    rejected = mairie(sandbox, "deploy", "--hosted", path=bin_dir)
    assert rejected.returncode == 1
    assert "[rejected]" in rejected.stdout
    assert rejected.stderr.splitlines()[-2:] == [
        "En clair : le dépôt hébergé a des modifications que vous n'avez pas : récupérez-les avec « git pull », "
        "puis relancez « mairie deploy --hosted ».",
        "Rien n'a été déployé.",
    ]
