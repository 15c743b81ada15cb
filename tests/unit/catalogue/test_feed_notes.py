"""What the podcast feeds still need: exact French notes on the right line, never a reason to refuse the content."""

from __future__ import annotations

from pathlib import Path

from catalogue_helpers import write

from mairie.catalogue.loader import read_content_and_notes

FEED = "pour le flux de podcast, "


def notes(folder: Path) -> list[tuple[str, int, str]]:
    catalogue, problems, found = read_content_and_notes(folder)
    assert problems == [] and catalogue is not None, "feed fields never make the catalogue invalid"
    return [(note.file.name, note.line, note.message) for note in found]


def test_a_catalogue_without_audio_needs_nothing_for_feeds(minimal: Path) -> None:
    assert notes(minimal) == []


def test_what_a_series_and_its_episodes_still_need(minimal: Path) -> None:
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
                description: Le premier.
                audio: https://exemple.fr/1.mp3
              - id: deux
                numero: 2
                titre: Deux
                description: Le deuxième.
                audio: https://exemple.fr/2.ogg
                taille_audio: 1200
                date: 2026-01-02
                duree: 12:00
                image: https://exemple.fr/2.webp
              - id: exemple
                numero: 3
                titre: Trois
                description: Un exemple, dont rien ne manque puisqu'il n'est jamais publié.
                audio: https://exemple.fr/3.mp3
                exemple: true
        """,
    )
    where = "podcasts[1] (serie)"
    assert notes(minimal) == [
        (
            "city.yaml",
            1,
            f"ville : {FEED}il manque « adresse_flux » : l'adresse web du dossier où les flux seront déposés, "
            "par exemple « https://www.ville.fr/podcasts/ » ; chaque flux y indique sa propre adresse.",
        ),
        (
            "podcasts.yaml",
            2,
            f"{where} : {FEED}il manque « image » : la pochette carrée, de 1400 × 1400 à 3000 × 3000 pixels, "
            "en JPEG ou PNG, qu'exige Apple Podcasts.",
        ),
        (
            "podcasts.yaml",
            2,
            f"{where} : {FEED}il manque « categorie » : une catégorie d'Apple Podcasts, en anglais, par exemple "
            "« Government » (la liste est dans content/LISEZMOI.md).",
        ),
        (
            "podcasts.yaml",
            2,
            f"{where} : {FEED}il manque « proprietaire › email » : Spotify et YouTube y envoient le code qui prouve "
            "que le flux appartient à la ville.",
        ),
        (
            "podcasts.yaml",
            2,
            f"{where} : {FEED}aucun épisode n'y figure encore (exemples ou incomplets) ; Apple Podcasts n'accepte "
            "pas un flux vide.",
        ),
        (
            "podcasts.yaml",
            6,
            f"{where} › episodes[1] (un) : {FEED}il manque « taille_audio » : la taille du fichier audio en octets "
            "(dans ses propriétés) ; il n'apparaît pas dans le flux tant qu'elle manque.",
        ),
        (
            "podcasts.yaml",
            6,
            f"{where} › episodes[1] (un) : {FEED}il manque « duree » (minutes:secondes), que les applications de "
            "podcasts affichent.",
        ),
        (
            "podcasts.yaml",
            6,
            f"{where} › episodes[1] (un) : {FEED}il manque « date » : la date de publication, que les applications "
            "de podcasts affichent.",
        ),
        (
            "podcasts.yaml",
            11,
            f"{where} › episodes[2] (deux) : {FEED}le type du fichier ne se déduit pas de "
            "« https://exemple.fr/2.ogg » ; écrivez « type_audio: audio/mpeg » (MP3) ou « type_audio: audio/x-m4a » "
            "(M4A) ; il n'apparaît pas dans le flux tant qu'il manque.",
        ),
        (
            "podcasts.yaml",
            19,
            f"{where} › episodes[2] (deux) › image : {FEED}l'image doit être un fichier .jpg ou .png (exigence "
            "d'Apple Podcasts) ; elle n'y figure pas.",
        ),
    ]


def test_unusable_feed_values_are_noted_where_they_are_and_left_out(minimal: Path) -> None:
    write(
        minimal, "city.yaml", (minimal / "city.yaml").read_text() + "  adresse_flux: https://www.testville.fr/flux/\n"
    )
    write(
        minimal,
        "podcasts.yaml",
        """\
        podcasts:
          - id: serie
            titre: La série
            description: Une série.
            image: https://exemple.fr/pochette.jpg
            categorie: Gouvernement
            sous_categorie: Local
            proprietaire:
              nom: Mairie
              email: mairie-at-testville.fr
            explicite: peut-être
            episodes:
              - id: un
                numero: 1
                titre: Un
                description: Le premier.
                audio: https://exemple.fr/1.mp3
                taille_audio: 27 Mo
                type_audio: ogg
                date: 2026-01-02
                duree: 12:00
        """,
    )
    catalogue, _, _ = read_content_and_notes(minimal)
    assert catalogue is not None
    [series] = catalogue.podcasts
    assert (series.feed.category, series.feed.owner_email, series.feed.explicit) == (None, None, False)
    assert (series.episodes[0].audio_bytes, series.episodes[0].audio_type) == (None, None)
    where = "podcasts[1] (serie)"
    assert notes(minimal) == [
        (
            "podcasts.yaml",
            2,
            f"{where} : {FEED}aucun épisode n'y figure encore (exemples ou incomplets) ; Apple Podcasts n'accepte "
            "pas un flux vide.",
        ),
        (
            "podcasts.yaml",
            6,
            f"{where} › categorie : {FEED}« Gouvernement » n'est pas une catégorie d'Apple Podcasts ; "
            "vouliez-vous dire « Government » ?",
        ),
        (
            "podcasts.yaml",
            10,
            f"{where} › proprietaire › email : {FEED}« mairie-at-testville.fr » n'est pas une adresse e-mail ; "
            "écrivez par exemple « podcasts@ville.fr ».",
        ),
        (
            "podcasts.yaml",
            11,
            f"{where} › explicite : {FEED}« peut-être » n'est pas accepté ; écrivez « true » ou « false ».",
        ),
        (
            "podcasts.yaml",
            18,
            f"{where} › episodes[1] (un) › taille_audio : {FEED}« 27 Mo » n'est pas une taille en octets ; écrivez le "
            "nombre d'octets que donnent les propriétés du fichier, par exemple « 28512345 ».",
        ),
        (
            "podcasts.yaml",
            19,
            f"{where} › episodes[1] (un) › type_audio : {FEED}« ogg » n'est pas accepté ; écrivez « audio/mpeg » (MP3) "
            "ou « audio/x-m4a » (M4A).",
        ),
    ]


def test_subcategories_belong_to_their_category(minimal: Path) -> None:
    write(
        minimal,
        "podcasts.yaml",
        """\
        podcasts:
          - id: a
            titre: A
            description: A.
            categorie: society & culture
            sous_categorie: documentaire
            episodes:
              - {id: un, numero: 1, titre: Un, description: Un., audio: "https://exemple.fr/1.mp3", exemple: true}
          - id: b
            titre: B
            description: B.
            categorie: Government
            sous_categorie: Local
            episodes:
              - {id: un, numero: 1, titre: Un, description: Un., audio: "https://exemple.fr/1.mp3", exemple: true}
        """,
    )
    catalogue, _, found = read_content_and_notes(minimal)
    assert catalogue is not None and catalogue.podcasts[0].feed.category == "Society & Culture"
    assert [(note.line, note.message) for note in found if "sous_categorie" in note.message] == [
        (
            6,
            f"podcasts[1] (a) › sous_categorie : {FEED}« documentaire » n'est pas une sous-catégorie d'Apple "
            "Podcasts ; vouliez-vous dire « Documentary » ?",
        ),
        (
            13,
            f"podcasts[2] (b) › sous_categorie : {FEED}la catégorie « Government » n'a pas de sous-catégorie ; "
            "supprimez la ligne.",
        ),
    ]


def test_a_magazine_without_audio_editions_has_no_feed_to_complete(minimal: Path) -> None:
    write(
        minimal,
        "magazine.yaml",
        """\
        magazine:
          nom: Le Mag
          description: Le magazine.
          numeros:
            - mois: 2026-11
              titre: Novembre
              sommaire:
                - {id: a, titre: A, resume: Un sujet.}
        """,
    )
    assert notes(minimal) == []


def test_an_audio_edition_needs_its_size_and_duration(minimal: Path) -> None:
    write(
        minimal,
        "magazine.yaml",
        """\
        magazine:
          nom: Le Mag
          description: Le magazine.
          image: https://exemple.fr/mag.png
          categorie: Government
          proprietaire:
            email: mag@testville.fr
          numeros:
            - mois: 2026-11
              titre: Novembre
              audio: https://exemple.fr/2026-11.mp3
              sommaire:
                - {id: a, titre: A, resume: Un sujet.}
        """,
    )
    assert [(name, line, message.split(" : ", 1)[1]) for name, line, message in notes(minimal)[1:]] == [
        (
            "magazine.yaml",
            1,
            f"{FEED}aucun numéro audio n'y figure encore (exemples ou incomplets) ; Apple Podcasts "
            "n'accepte pas un flux vide.",
        ),
        (
            "magazine.yaml",
            9,
            f"{FEED}il manque « taille_audio » : la taille du fichier audio en octets (dans ses "
            "propriétés) ; il n'apparaît pas dans le flux tant qu'elle manque.",
        ),
        (
            "magazine.yaml",
            9,
            f"{FEED}il manque « duree » (minutes:secondes), que les applications de podcasts affichent.",
        ),
    ]


def test_no_notes_while_the_content_has_a_problem(minimal: Path) -> None:
    write(minimal, "podcasts.yaml", "podcasts:\n  - id: serie\n    titre: La série\n")
    catalogue, problems, found = read_content_and_notes(minimal)
    assert catalogue is None and problems and found == []


def test_a_misshapen_feed_field_is_noted_not_refused(minimal: Path) -> None:
    write(
        minimal,
        "podcasts.yaml",
        """\
        podcasts:
          - id: serie
            titre: La série
            description: Une série.
            categorie: [Government, History]
            proprietaire: podcasts@testville.fr
            episodes:
              - {id: un, numero: 1, titre: Un, description: Un., audio: "https://exemple.fr/1.mp3", exemple: true}
        """,
    )
    found = [(line, message) for name, line, message in notes(minimal) if "›" in message.split(" : ")[0]]
    assert found == [
        (5, f"podcasts[1] (serie) › categorie : {FEED}il faut un texte ici, pas une liste."),
        (
            6,
            f"podcasts[1] (serie) › proprietaire : {FEED}écrivez « proprietaire: » seul sur sa ligne, puis en "
            "dessous, décalés de deux espaces, « nom: » et « email: ».",
        ),
    ]
