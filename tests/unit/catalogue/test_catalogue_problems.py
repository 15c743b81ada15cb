"""Each kind of mistake staff can make gives one exact French message on the right line."""

from __future__ import annotations

from pathlib import Path

import pytest
from catalogue_helpers import write

from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.problems import CatalogueError, Problem
from mairie.catalogue.validation import validate


def found(folder: Path) -> list[tuple[str, int, str]]:
    return [(p.file.name, p.line, p.message) for p in validate(folder)]


def test_minimal_content_is_valid(minimal: Path) -> None:
    assert validate(minimal) == []
    catalogue = load_catalogue(minimal)
    pool = catalogue.facility("piscine")
    assert pool is not None and pool.weekly is not None
    days = [[(r.opens, r.closes) for r in day] for day in pool.weekly.days]
    assert days == [
        [],
        [(510, 720)],
        [(510, 720), (840, 1080)],
        [(510, 720), (840, 1080)],
        [(510, 720)],
        [(540, 720)],
        [],
    ]
    assert pool.feminine and pool.kind_plural == "piscines"
    town_hall = catalogue.facility("mairie")
    assert town_hall is not None and not town_hall.feminine and town_hall.weekly is None


def test_problem_renders_as_file_line_message(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.chdir(tmp_path)
    problem = Problem(tmp_path / "content" / "city.yaml", 3, "message.")
    assert problem.render() == "content/city.yaml:3: message."
    assert str(Problem(Path("/elsewhere/x.yaml"), 1, "m")) == "/elsewhere/x.yaml:1: m"


def test_load_catalogue_raises_with_every_problem(minimal: Path) -> None:
    write(
        minimal,
        "city.yaml",
        """\
        ville:
          nom: Testville
        """,
    )
    with pytest.raises(CatalogueError) as raised:
        load_catalogue(minimal)
    assert [p.message for p in raised.value.problems] == [
        f"ville : il manque « {key} », qui est obligatoire."
        for key in ("nom_assistant", "nom_invocation", "fuseau_horaire", "site_web", "accueil", "a_propos")
    ]
    assert str(raised.value).startswith("6 problèmes dans le catalogue :\n")


def test_yaml_syntax_error(minimal: Path) -> None:
    write(
        minimal,
        "city.yaml",
        """\
        ville:
          nom: Testville
          accueil: Bonjour : ici: la mairie
        """,
    )
    assert found(minimal) == [
        (
            "city.yaml",
            3,
            "syntaxe YAML incorrecte : un « : » est inattendu ici ; si le texte contient « : », "
            "mettez-le entre guillemets, sinon vérifiez l'indentation.",
        )
    ]


@pytest.mark.parametrize(
    ("text", "line", "hint"),
    [
        ("ville:\n  nom: a\n nom_assistant: b\n", 3, "l'indentation est incorrecte ; alignez les clés d'un même bloc."),
        ("ville:\n\tnom: a\n", 2, "les tabulations sont interdites ; indentez avec des espaces."),
        ("ville:\n  nom: 'Testville\n  site_web: x\n", 2, "un guillemet n'est pas refermé."),
        ("ville:\n  surnoms: [a, b\n", 2, "un « [ » n'est pas refermé par « ] »."),
    ],
)
def test_yaml_syntax_hints(minimal: Path, text: str, line: int, hint: str) -> None:
    write(minimal, "city.yaml", text)
    assert found(minimal) == [("city.yaml", line, f"syntaxe YAML incorrecte : {hint}")]


def test_not_utf8(minimal: Path) -> None:
    (minimal / "city.yaml").write_bytes("ville:\n  nom: Issy\n  accueil: \xe9t\xe9\n".encode("latin-1"))
    assert found(minimal) == [
        ("city.yaml", 3, "le fichier n'est pas enregistré en UTF-8 ; enregistrez-le en UTF-8 (Unicode).")
    ]


def test_empty_and_missing_files(minimal: Path) -> None:
    write(minimal, "facilities.yaml", "# rien\n")
    (minimal / "procedures.yaml").unlink()
    assert found(minimal) == [
        ("facilities.yaml", 1, "le fichier est vide."),
        ("procedures.yaml", 1, "fichier introuvable ; il est obligatoire : il décrit les démarches."),
    ]


def test_misnamed_file(minimal: Path) -> None:
    write(minimal, "podcast.yaml", "podcasts: []\n")
    assert found(minimal) == [("podcast.yaml", 1, "ce fichier n'est pas lu ; renommez-le « podcasts.yaml ».")]


def test_missing_folder(tmp_path: Path) -> None:
    assert found(tmp_path / "nulle-part") == [("nulle-part", 1, "le dossier du catalogue est introuvable.")]


def test_unknown_key_with_suggestion(minimal: Path) -> None:
    text = (
        (minimal / "facilities.yaml")
        .read_text()
        .replace("    type: mairie\n", "    type: mairie\n    synonimes: [x]\n")
    )
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        (
            "facilities.yaml",
            19,
            "equipements[2] (mairie) : clé inconnue « synonimes » ; vouliez-vous dire « synonymes » ?",
        )
    ]


def test_unknown_key_accents_forgiven_and_no_suggestion(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text()
    text = text.replace("    type: mairie\n", "    type: mairie\n    jours_fériés: fermé\n    couleur: bleu\n")
    write(minimal, "facilities.yaml", text)
    messages = [message for _, _, message in found(minimal)]
    assert (
        messages[0] == "equipements[2] (mairie) : clé inconnue « jours_fériés » ; vouliez-vous dire « jours_feries » ?"
    )
    assert messages[1].startswith(
        "equipements[2] (mairie) : clé inconnue « couleur » ; les clés possibles sont : id, nom,"
    )


def test_duplicate_key(minimal: Path) -> None:
    text = (
        (minimal / "facilities.yaml").read_text().replace("    type: mairie\n", "    type: mairie\n    type: musée\n")
    )
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        (
            "facilities.yaml",
            19,
            "equipements[2] (mairie) : la clé « type » apparaît deux fois (déjà à la ligne 18) ; gardez-en une seule.",
        )
    ]


def test_missing_required_field_and_empty_value(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text()
    text = text.replace("    nom: l'hôtel de ville\n", "").replace("    type: mairie\n", "    type:\n")
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        ("facilities.yaml", 15, "equipements[2] (mairie) : il manque « nom », qui est obligatoire."),
        ("facilities.yaml", 17, "equipements[2] (mairie) › type : la valeur est vide ; ce champ est obligatoire."),
    ]


def test_wrong_types(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text()
    text = text.replace(
        "    type: mairie\n", "    type: [mairie]\n    synonymes: hôtel de ville\n    exemple: peut-être\n"
    )
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        ("facilities.yaml", 18, "equipements[2] (mairie) › type : il faut un texte ici, pas une liste."),
        (
            "facilities.yaml",
            19,
            "equipements[2] (mairie) › synonymes : il faut une liste (une ligne « - … » par élément) ici, "
            "pas un texte.",
        ),
        (
            "facilities.yaml",
            20,
            "equipements[2] (mairie) › exemple : « peut-être » n'est pas accepté ; écrivez « true » ou « false ».",
        ),
    ]


def test_top_level_must_be_a_block(minimal: Path) -> None:
    write(minimal, "procedures.yaml", "- passeport\n")
    assert found(minimal) == [
        ("procedures.yaml", 1, "le fichier doit commencer par « demarches: », pas par une liste.")
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("8h30-25h", "« 8h30-25h » n'est pas une heure valide ; écrivez par exemple « 08:30-12:00 »."),
        ("08:30-12:61", "« 08:30-12:61 » n'est pas une heure valide ; écrivez par exemple « 08:30-12:00 »."),
        ("matin", "« matin » n'est pas une heure valide ; écrivez par exemple « 08:30-12:00 »."),
        (
            "18:00-08:30",
            "« 18:00-08:30 » finit avant de commencer ; l'heure de fin doit être après l'heure de début "
            "(une plage ne peut pas passer minuit).",
        ),
        (
            "08:30-12:00, 11:00-14:00",
            "les plages « 08:30-12:00 » et « 11:00-14:00 » se chevauchent ; "
            "corrigez-les ou réunissez-les en une seule.",
        ),
        ("fermé, 08:30-12:00", "« fermé » ne peut pas être mélangé avec des horaires."),
    ],
)
def test_invalid_hours(minimal: Path, value: str, message: str) -> None:
    text = (minimal / "facilities.yaml").read_text().replace("mardi: 08:30-12:00", f"mardi: {value}")
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [("facilities.yaml", 7, f"equipements[1] (piscine) › horaires › mardi : {message}")]


def test_invalid_range_in_a_list_points_at_its_line(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text().replace("- 08:30-12:00\n", "- 08:30-1200\n")
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        (
            "facilities.yaml",
            11,
            "equipements[1] (piscine) › horaires › jeudi : « 08:30-1200 » n'est pas une heure valide ; "
            "écrivez par exemple « 08:30-12:00 ».",
        )
    ]


def test_missing_days(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text().replace("      samedi: 9h-12h\n      dimanche: fermé\n", "")
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        (
            "facilities.yaml",
            5,
            "equipements[1] (piscine) › horaires : il manque samedi et dimanche ; pour un jour de fermeture, "
            "écrivez par exemple « samedi: fermé ».",
        )
    ]


def _with_exceptions(minimal: Path, block: str) -> None:
    text = (minimal / "facilities.yaml").read_text().replace("  - id: mairie\n", block + "  - id: mairie\n")
    write(minimal, "facilities.yaml", text)


def test_impossible_date_and_bad_format(minimal: Path) -> None:
    _with_exceptions(
        minimal,
        "    fermetures:\n      - date: 2026-02-30\n      - date: 30/12/2026\n",
    )
    assert found(minimal) == [
        (
            "facilities.yaml",
            16,
            "equipements[1] (piscine) › fermetures[1] (2026-02-30) › date : la date « 2026-02-30 » n'existe pas ; "
            "vérifiez le jour et le mois.",
        ),
        (
            "facilities.yaml",
            17,
            "equipements[1] (piscine) › fermetures[2] (30/12/2026) › date : « 30/12/2026 » n'est pas une date "
            "au format attendu ; écrivez l'année, le mois et le jour, par exemple « 2026-12-25 ».",
        ),
    ]


def test_start_after_end_and_incomplete_spans(minimal: Path) -> None:
    _with_exceptions(
        minimal,
        "    fermetures:\n"
        "      - du: 2026-08-31\n        au: 2026-07-01\n"
        "      - du: 2026-08-31\n"
        "      - date: 2026-05-01\n        du: 2026-05-01\n        au: 2026-05-02\n"
        "      - motif: travaux\n",
    )
    assert found(minimal) == [
        (
            "facilities.yaml",
            17,
            "equipements[1] (piscine) › fermetures[1] › au : la date de fin (2026-07-01) est avant la date "
            "de début (2026-08-31) ; vérifiez « du » et « au ».",
        ),
        (
            "facilities.yaml",
            18,
            "equipements[1] (piscine) › fermetures[2] : « du » est indiqué sans « au » ; ajoutez-le.",
        ),
        (
            "facilities.yaml",
            19,
            "equipements[1] (piscine) › fermetures[3] (2026-05-01) : indiquez soit « date », soit « du » et « au », "
            "pas les deux.",
        ),
        (
            "facilities.yaml",
            22,
            "equipements[1] (piscine) › fermetures[4] : il manque les dates : écrivez « date: 2026-12-25 », "
            "ou « du » et « au » pour plusieurs jours.",
        ),
    ]


def test_overlapping_exceptions_and_periods(minimal: Path) -> None:
    week = "".join(
        f"          {day}: 10:00-12:00\n"
        for day in ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
    )
    _with_exceptions(
        minimal,
        "    fermetures:\n"
        "      - du: 2026-12-24\n        au: 2027-01-02\n        motif: fêtes\n"
        "    horaires_exceptionnels:\n"
        "      - date: 2026-12-31\n        horaires: 10:00-12:00\n"
        "    periodes:\n"
        "      - nom: été\n        du: 2026-07-01\n        au: 2026-08-31\n        horaires:\n" + week + ""
        "      - nom: août\n        du: 2026-08-01\n        au: 2026-08-15\n        horaires:\n" + week,
    )
    problems = found(minimal)
    assert problems == [
        (
            "facilities.yaml",
            20,
            "equipements[1] (piscine) › horaires_exceptionnels[1] (2026-12-31) : les dates chevauchent celles "
            "de fermetures[1] (ligne 16) ; une date ne peut avoir qu'une seule exception.",
        ),
        (
            "facilities.yaml",
            34,
            "equipements[1] (piscine) › periodes[2] (août) : les dates chevauchent celles de la période « été » "
            "(ligne 23) ; une date ne peut appartenir qu'à une seule période.",
        ),
    ]


def test_exceptions_are_read(minimal: Path) -> None:
    _with_exceptions(
        minimal,
        "    jours_feries: ouvert\n"
        "    fermetures:\n      - date: 2026-12-25\n        motif: Noël\n"
        "    horaires_exceptionnels:\n      - du: 2026-12-30\n        au: 2026-12-31\n        horaires: 10h-12h\n",
    )
    pool = load_catalogue(minimal).facility("piscine")
    assert pool is not None and pool.open_on_public_holidays
    assert [(e.start.isoformat(), e.end.isoformat(), len(e.ranges), e.reason) for e in pool.exceptions] == [
        ("2026-12-25", "2026-12-25", 0, "Noël"),
        ("2026-12-30", "2026-12-31", 1, None),
    ]


def test_duplicate_ids_and_bad_id(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text().replace("  - id: mairie\n", "  - id: piscine\n")
    text += "  - id: Piscine Aquazena\n    nom: la piscine Aquazena\n    type: piscine\n"
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        (
            "facilities.yaml",
            15,
            "equipements[2] (piscine) › id : l'identifiant « piscine » est déjà utilisé à la ligne 2 ; "
            "chaque élément doit avoir le sien.",
        ),
        (
            "facilities.yaml",
            19,
            "equipements[3] (Piscine Aquazena) › id : « Piscine Aquazena » n'est pas un identifiant valide ; "
            "utilisez seulement des lettres minuscules sans accents, des chiffres et des tirets, "
            "par exemple « piscine-aquazena ».",
        ),
        (
            "procedures.yaml",
            9,
            "demarches[1] (passeport) › lieu : aucun équipement n'a l'identifiant « mairie » dans "
            "facilities.yaml ; les identifiants existants sont : piscine.",
        ),
    ]


def test_place_must_exist(minimal: Path) -> None:
    text = (minimal / "procedures.yaml").read_text().replace("lieu: mairie", "lieu: mairi")
    write(minimal, "procedures.yaml", text)
    assert found(minimal) == [
        (
            "procedures.yaml",
            9,
            "demarches[1] (passeport) › lieu : aucun équipement n'a l'identifiant « mairi » dans facilities.yaml ; "
            "vouliez-vous dire « mairie » ?",
        )
    ]


def test_place_not_checked_when_facilities_are_unreadable(minimal: Path) -> None:
    write(minimal, "facilities.yaml", "equipements: [\n")
    text = (minimal / "procedures.yaml").read_text().replace("lieu: mairie", "lieu: mairi")
    write(minimal, "procedures.yaml", text)
    assert [(name, line) for name, line, _ in found(minimal)] == [("facilities.yaml", 1)]


def test_https_urls(minimal: Path) -> None:
    text = (minimal / "city.yaml").read_text()
    text = text.replace("https://www.testville.fr", "http://www.testville.fr") + "  image: testville.fr/logo.png\n"
    write(minimal, "city.yaml", text)
    assert found(minimal) == [
        (
            "city.yaml",
            7,
            "ville › site_web : l'adresse « http://www.testville.fr » doit commencer par « https:// » : "
            "Alexa n'accepte que les liens sécurisés.",
        ),
        (
            "city.yaml",
            10,
            "ville › image : « testville.fr/logo.png » n'est pas une adresse web complète ; "
            "écrivez par exemple « https://www.issy.com ».",
        ),
    ]


def test_speech_checks(minimal: Path) -> None:
    text = (minimal / "city.yaml").read_text()
    text = text.replace("Bonjour, ici la Mairie de Testville.", '"Bonjour\\x07 !"')
    text = text.replace("Testville est une ville de test.", "Testville <break time='1s'/> est une ville.")
    write(minimal, "city.yaml", text)
    assert found(minimal) == [
        (
            "city.yaml",
            8,
            "ville › accueil : le texte contient un caractère invisible interdit (code U+0007) ; supprimez-le.",
        ),
        (
            "city.yaml",
            9,
            "ville › a_propos : le texte contient « < » ; les balises (SSML, HTML) ne sont pas permises : "
            "écrivez seulement le texte à lire.",
        ),
    ]


def test_ampersand_is_fine_and_mojibake_is_not(minimal: Path) -> None:
    text = (minimal / "city.yaml").read_text()
    text = text.replace("Bonjour, ici la Mairie de Testville.", "Sports & loisirs.")
    text = text.replace("Testville est une ville de test.", "Une ville dÃ©jÃ  connue.")
    write(minimal, "city.yaml", text)
    assert found(minimal) == [
        (
            "city.yaml",
            9,
            "ville › a_propos : le texte contient « Ã© », signe d'un problème d'encodage ; enregistrez le fichier "
            "en UTF-8 et retapez les lettres accentuées.",
        )
    ]


def test_speech_too_long(minimal: Path) -> None:
    text = (minimal / "city.yaml").read_text().replace("Testville est une ville de test.", "Bla. " * 1600)
    write(minimal, "city.yaml", text)
    assert found(minimal) == [
        (
            "city.yaml",
            9,
            "ville › a_propos : le texte fait 7 999 caractères, c'est trop long pour être lu par Alexa "
            "(au plus 7 500) ; raccourcissez-le ou découpez-le.",
        )
    ]


def test_time_zone_invocation_and_holiday_zone(minimal: Path) -> None:
    text = (minimal / "city.yaml").read_text()
    text = text.replace("Europe/Paris", "Europe/Pari").replace("la mairie de testville", "Testville")
    text += "  zone_jours_feries: Alsace\n"
    write(minimal, "city.yaml", text)
    assert found(minimal) == [
        (
            "city.yaml",
            4,
            "ville › nom_invocation : « Testville » doit être écrit en minuscules, par exemple « testville ».",
        ),
        (
            "city.yaml",
            6,
            "ville › fuseau_horaire : « Europe/Pari » n'est pas un fuseau horaire connu ; "
            "vouliez-vous dire « Europe/Paris » ?",
        ),
        (
            "city.yaml",
            10,
            "ville › zone_jours_feries : « Alsace » n'est pas une zone de jours fériés connue ; supprimez la ligne "
            "pour la métropole, ou écrivez l'une de : 57, 6AE, 971, 972, 973, 974, 976, BL, MF, NC, PF, PM, TF, "
            "WF, Zone A, Zone B, Zone C.",
        ),
    ]


@pytest.mark.parametrize(
    ("invocation", "message"),
    [
        ("testville", "« testville » doit contenir au moins deux mots, par exemple « la mairie de ma ville »."),
        (
            "la mairie 2",
            "« la mairie 2 » ne doit contenir que des lettres, des espaces et des apostrophes "
            "(les nombres s'écrivent en toutes lettres).",
        ),
        (
            "ouvre la mairie de testville",
            "« ouvre la mairie de testville » contient « ouvre », un mot qui sert à lancer ou à réveiller Alexa ; "
            "retirez-le, par exemple « la mairie de ma ville ».",
        ),
        (
            "alexa mairie",
            "« alexa mairie » contient « alexa », un mot qui sert à lancer ou à réveiller Alexa ; retirez-le, "
            "par exemple « la mairie de ma ville ».",
        ),
        (
            "la mairie",
            "« la mairie » n'a que deux mots, dont « la » : un nom de deux mots ne peut contenir ni article ni "
            "préposition ; ajoutez un mot, par exemple « la mairie de ma ville ».",
        ),
        (
            "mairie d'issy",
            "« mairie d'issy » n'a que deux mots, dont « d' » : un nom de deux mots ne peut contenir ni article "
            "ni préposition ; ajoutez un mot, par exemple « la mairie de ma ville ».",
        ),
    ],
)
def test_invocation_name_rules(minimal: Path, invocation: str, message: str) -> None:
    text = (minimal / "city.yaml").read_text().replace("la mairie de testville", invocation)
    write(minimal, "city.yaml", text)
    assert found(minimal) == [("city.yaml", 4, f"ville › nom_invocation : {message}")]


@pytest.mark.parametrize("invocation", ["mairie testville", "la mairie d'issy", "les services de testville"])
def test_invocation_names_alexa_accepts(minimal: Path, invocation: str) -> None:
    text = (minimal / "city.yaml").read_text().replace("la mairie de testville", invocation)
    write(minimal, "city.yaml", text)
    assert load_catalogue(minimal).city.invocation_name == invocation


def test_gender(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text().replace("    genre: masculin\n", "")
    text = text.replace("    type: piscine\n", "    type: piscine\n    genre: masculin\n")
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        (
            "facilities.yaml",
            5,
            "equipements[1] (piscine) › genre : « masculin » ne correspond pas à l'article de « la piscine » ; "
            "corrigez le genre ou le nom.",
        ),
        (
            "facilities.yaml",
            16,
            "equipements[2] (mairie) : il manque « genre » (« féminin » ou « masculin ») : il ne peut pas être "
            "deviné d'après « l'hôtel de ville ».",
        ),
    ]


def test_kind_plural_must_agree(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text()
    text += "  - id: sevestre\n    nom: la piscine Sevestre\n    type: piscine\n    type_pluriel: piscinnes\n"
    write(minimal, "facilities.yaml", text)
    assert found(minimal) == [
        (
            "facilities.yaml",
            22,
            "equipements[3] (sevestre) › type_pluriel : « piscinnes » ne correspond pas au pluriel « piscines » "
            "donné pour le même type « piscine » à la ligne 2 ; écrivez le même partout.",
        )
    ]


def test_phone(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text()
    write(
        minimal, "facilities.yaml", text.replace("    type: mairie\n", "    type: mairie\n    telephone: 01 41 23 8\n")
    )
    assert found(minimal) == [
        (
            "facilities.yaml",
            19,
            "equipements[2] (mairie) › telephone : « 01 41 23 8 » n'est pas un numéro de téléphone valide ; "
            "écrivez les dix chiffres, par exemple « 01 23 45 67 89 ».",
        )
    ]
    write(
        minimal,
        "facilities.yaml",
        text.replace("    type: mairie\n", "    type: mairie\n    telephone: +33141238360\n"),
    )
    town_hall = load_catalogue(minimal).facility("mairie")
    assert town_hall is not None and town_hall.phone == "01 41 23 83 60"


def test_procedure_cases(minimal: Path) -> None:
    text = (minimal / "procedures.yaml").read_text()
    text += (
        "    cas:\n"
        "      - id: mineur\n        situations: [renouvelement]\n        ages: [mineur]\n"
        "        age_min: 15\n        age_max: 12\n        resume: Pour un enfant.\n        cout: 42 euros.\n"
        "      - id: mineur\n        ages: [enfant]\n        age_min: vingt\n        resume: x\n        cout: y\n"
    )
    write(minimal, "procedures.yaml", text)
    assert found(minimal) == [
        (
            "procedures.yaml",
            12,
            "demarches[1] (passeport) › cas[1] (mineur) › situations[1] : « renouvelement » n'est pas accepté ici ; "
            "vouliez-vous dire « renouvellement » ?",
        ),
        (
            "procedures.yaml",
            15,
            "demarches[1] (passeport) › cas[1] (mineur) › age_max : l'âge maximum (12) est plus petit que l'âge "
            "minimum (15).",
        ),
        (
            "procedures.yaml",
            18,
            "demarches[1] (passeport) › cas[2] (mineur) › id : l'identifiant « mineur » est déjà utilisé à la "
            "ligne 11 ; chaque élément doit avoir le sien.",
        ),
        (
            "procedures.yaml",
            19,
            "demarches[1] (passeport) › cas[2] (mineur) › ages[1] : « enfant » n'est pas accepté ici ; "
            "écrivez « majeur » ou « mineur ».",
        ),
        (
            "procedures.yaml",
            20,
            "demarches[1] (passeport) › cas[2] (mineur) › age_min : « vingt » n'est pas accepté ; écrivez un "
            "nombre entier entre 0 et 130.",
        ),
    ]


def test_required_lists_must_not_be_empty(minimal: Path) -> None:
    text = (minimal / "procedures.yaml").read_text().replace("[Faites la pré-demande.]", "[]")
    write(minimal, "procedures.yaml", text)
    assert found(minimal) == [
        (
            "procedures.yaml",
            5,
            "demarches[1] (passeport) › etapes : la liste est vide ; elle doit contenir au moins un élément.",
        )
    ]


def test_magazine_and_podcast_problems(minimal: Path) -> None:
    write(
        minimal,
        "magazine.yaml",
        """\
        magazine:
          nom: Le Mag
          description: Le magazine.
          numeros:
            - mois: 2026-13
              titre: Treizième mois
              sommaire:
                - id: a
                  titre: A
                  resume: A.
            - mois: 2026-11
              titre: Novembre
              audio: http://exemple.fr/a.mp3
              sommaire:
                - id: a
                  titre: A
                  resume: A.
                - id: a
                  titre: B
                  resume: B.
            - mois: 2026-11
              titre: Encore novembre
              sommaire: []
        """,
    )
    write(
        minimal,
        "podcasts.yaml",
        """\
        podcasts:
          - id: serie
            titre: La série
            description: Une série.
            episodes:
              - id: un
                numero: 1
                titre: Un
                description: Premier.
                audio: https://exemple.fr/1.mp3
                duree: 25:75
                date: 2026-02-29
              - id: deux
                numero: 1
                titre: Deux
                description: Deuxième.
        """,
    )
    assert found(minimal) == [
        (
            "magazine.yaml",
            5,
            "magazine › numeros[1] (2026-13) › mois : « 2026-13 » n'est pas un mois valide ; écrivez l'année "
            "puis le mois, par exemple « 2026-11 ».",
        ),
        (
            "magazine.yaml",
            13,
            "magazine › numeros[2] (2026-11) › audio : l'adresse « http://exemple.fr/a.mp3 » doit commencer par "
            "« https:// » : Alexa n'accepte que les liens sécurisés.",
        ),
        (
            "magazine.yaml",
            18,
            "magazine › numeros[2] (2026-11) › sommaire[2] (a) › id : l'identifiant « a » est déjà utilisé à la "
            "ligne 15 ; chaque élément doit avoir le sien.",
        ),
        (
            "magazine.yaml",
            21,
            "magazine › numeros[3] (2026-11) › mois : le mois « 2026-11 » est déjà utilisé à la ligne 11 ; "
            "chaque élément doit avoir le sien.",
        ),
        (
            "magazine.yaml",
            23,
            "magazine › numeros[3] (2026-11) › sommaire : la liste est vide ; elle doit contenir au moins un élément.",
        ),
        (
            "podcasts.yaml",
            11,
            "podcasts[1] (serie) › episodes[1] (un) › duree : « 25:75 » n'est pas une durée valide : minutes et "
            "secondes vont de 00 à 59.",
        ),
        (
            "podcasts.yaml",
            12,
            "podcasts[1] (serie) › episodes[1] (un) › date : la date « 2026-02-29 » n'existe pas ; vérifiez le "
            "jour et le mois.",
        ),
        ("podcasts.yaml", 13, "podcasts[1] (serie) › episodes[2] (deux) : il manque « audio », qui est obligatoire."),
        (
            "podcasts.yaml",
            14,
            "podcasts[1] (serie) › episodes[2] (deux) › numero : le numéro « 1 » est déjà utilisé à la ligne 7 ; "
            "chaque élément doit avoir le sien.",
        ),
    ]


def test_holiday_rule_accepts_feminine_forms(minimal: Path) -> None:
    text = (minimal / "facilities.yaml").read_text()
    write(
        minimal,
        "facilities.yaml",
        text.replace("    type: piscine\n", "    type: piscine\n    jours_feries: ouverte\n"),
    )
    pool = load_catalogue(minimal).facility("piscine")
    assert pool is not None and pool.open_on_public_holidays
    write(
        minimal,
        "facilities.yaml",
        text.replace("    type: piscine\n", "    type: piscine\n    jours_feries: parfois\n"),
    )
    assert found(minimal) == [
        (
            "facilities.yaml",
            5,
            "equipements[1] (piscine) › jours_feries : « parfois » n'est pas accepté ici ; "
            "écrivez « fermé », « ouvert », « fermée » ou « ouverte ».",
        )
    ]


def test_podcast_audio_and_image_must_be_https(minimal: Path) -> None:
    write(
        minimal,
        "podcasts.yaml",
        """\
        podcasts:
          - id: serie
            titre: La série
            description: Une série.
            image: https://exemple.fr/serie.png
            episodes:
              - id: un
                numero: 1
                titre: Un
                description: Premier.
                audio: http://exemple.fr/1.mp3
                image: http://exemple.fr/1.png
        """,
    )
    assert found(minimal) == [
        (
            "podcasts.yaml",
            11,
            "podcasts[1] (serie) › episodes[1] (un) › audio : l'adresse « http://exemple.fr/1.mp3 » doit commencer "
            "par « https:// » : Alexa n'accepte que les liens sécurisés.",
        ),
        (
            "podcasts.yaml",
            12,
            "podcasts[1] (serie) › episodes[1] (un) › image : l'adresse « http://exemple.fr/1.png » doit commencer "
            "par « https:// » : Alexa n'accepte que les liens sécurisés.",
        ),
    ]
