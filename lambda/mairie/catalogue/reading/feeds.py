"""The keys only the podcast feeds read, and the notes that say what a feed still needs.

The skill never reads these keys, so none of them can make the catalogue invalid: an unusable value
is left out, and what is missing for Apple Podcasts, Spotify or YouTube Music becomes a note
(`Reader.note`) that `mairie validate` prints, with its file and line, after « Catalogue valide ».
An entry marked `exemple` is never published, so nothing is noted about it. What is required, and
why, is in `catalogue.directories`.
"""

from __future__ import annotations

import re

from yaml.nodes import MappingNode, ScalarNode

from mairie.catalogue.directories import (
    APPLE_CATEGORIES,
    AUDIO_TYPES,
    MAX_DESCRIPTION_BYTES,
    enclosure_type,
    is_artwork,
)
from mairie.catalogue.model import FeedSettings
from mairie.catalogue.reading.nodes import Fields, parse_flag, suggest
from mairie.catalogue.reading.values import BadValue, q

FEED_KEYS = ("categorie", "sous_categorie", "proprietaire", "auteur", "explicite")
"""Keys of a feed (a podcast series, or the magazine's audio editions)."""
OWNER_KEYS = ("nom", "email")
MEDIA_KEYS = ("taille_audio", "type_audio")
"""Keys of an audio file (an episode, or an issue's audio edition)."""

FOR_FEED = "pour le flux de podcast, "
"""Every note starts so: it concerns the feed only, never what Alexa says."""
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_TYPE_WORDS = {"mp3": "audio/mpeg", "m4a": "audio/x-m4a", **{kind: kind for kind in AUDIO_TYPES.values()}}


def parse_category(raw: str) -> str:
    return _apple_name(raw, tuple(APPLE_CATEGORIES), "une catégorie", "« Government » ou « Society & Culture »")


def parse_email(raw: str) -> str:
    address = raw.strip()
    if _EMAIL_RE.fullmatch(address):
        return address
    raise BadValue(f"{q(address)} n'est pas une adresse e-mail ; écrivez par exemple {q('podcasts@ville.fr')}.")


def parse_bytes(raw: str) -> int:
    """ "28512345" or "28 512 345" (as the file's properties show it) → 28512345."""
    digits = "".join(raw.split())
    if digits.isdigit() and int(digits) > 0:
        return int(digits)
    raise BadValue(
        f"{q(raw.strip())} n'est pas une taille en octets ; écrivez le nombre d'octets que donnent les propriétés "
        f"du fichier, par exemple {q('28512345')}."
    )


def parse_audio_type(raw: str) -> str:
    word = raw.strip().lower()
    if word in _TYPE_WORDS:
        return _TYPE_WORDS[word]
    raise BadValue(f"{q(raw.strip())} n'est pas accepté ; écrivez {q('audio/mpeg')} (MP3) ou {q('audio/x-m4a')} (M4A).")


def read_feed_settings(fields: Fields) -> FeedSettings:
    """The feed keys of a series or of the magazine; unusable values are noted and left out."""
    category = fields.feed_value("categorie", parse_category, FOR_FEED)
    owner = _owner(fields)
    return FeedSettings(
        category=category,
        subcategory=_subcategory(fields, category),
        owner_name=None if owner is None else owner.text("nom", required=False, spoken=False),
        owner_email=None if owner is None else owner.feed_value("email", parse_email, FOR_FEED),
        author=fields.text("auteur", required=False, spoken=False),
        explicit=bool(fields.feed_value("explicite", parse_flag, FOR_FEED)),
    )


def read_media(fields: Fields) -> tuple[int | None, str | None]:
    """An audio file's size in bytes and MIME type, as staff wrote them (None when absent or unusable)."""
    return (
        fields.feed_value("taille_audio", parse_bytes, FOR_FEED),
        fields.feed_value("type_audio", parse_audio_type, FOR_FEED),
    )


def note_channel(fields: Fields, image_url: str | None, settings: FeedSettings, published: int, items: str) -> None:
    """What a feed still needs: artwork, category, the owner's e-mail, and at least one of its `items`
    (« épisode », « numéro audio »)."""
    if image_url is None:
        _note(
            fields,
            "il manque « image » : la pochette carrée, de 1400 × 1400 à 3000 × 3000 pixels, en JPEG ou PNG, "
            "qu'exige Apple Podcasts.",
        )
    else:
        _note_artwork(fields, "image", image_url)
    if settings.category is None and not fields.has("categorie"):
        _note(
            fields,
            "il manque « categorie » : une catégorie d'Apple Podcasts, en anglais, par exemple « Government » "
            "(la liste est dans content/LISEZMOI.md).",
        )
    if settings.owner_email is None and not _has_owner_email(fields):
        _note(
            fields,
            "il manque « proprietaire › email » : Spotify et YouTube y envoient le code qui prouve que le flux "
            "appartient à la ville.",
        )
    if not published:
        _note(
            fields,
            f"aucun {items} n'y figure encore (exemples ou incomplets) ; Apple Podcasts n'accepte pas un flux vide.",
        )


def note_item(
    fields: Fields,
    audio_url: str,
    media: tuple[int | None, str | None],
    duration_seconds: int | None,
) -> None:
    """What an episode (or an audio edition) still needs to be in its feed, or to show well there."""
    audio_bytes, audio_type = media
    if audio_bytes is None and not fields.has("taille_audio"):
        _note(
            fields,
            "il manque « taille_audio » : la taille du fichier audio en octets (dans ses propriétés) ; "
            "il n'apparaît pas dans le flux tant qu'elle manque.",
        )
    if audio_type is None and enclosure_type(audio_url, None) is None and not fields.has("type_audio"):
        _note(
            fields,
            f"le type du fichier ne se déduit pas de {q(audio_url)} ; écrivez « type_audio: audio/mpeg » (MP3) "
            "ou « type_audio: audio/x-m4a » (M4A) ; il n'apparaît pas dans le flux tant qu'il manque.",
        )
    if duration_seconds is None and not fields.has("duree"):
        _note(fields, "il manque « duree » (minutes:secondes), que les applications de podcasts affichent.")


def note_publication_date(fields: Fields) -> None:
    if not fields.has("date"):
        _note(fields, "il manque « date » : la date de publication, que les applications de podcasts affichent.")


def note_artwork(fields: Fields, key: str, url: str | None) -> None:
    """An episode's or an issue's own image goes into the feed only as JPEG or PNG."""
    if url is not None:
        _note_artwork(fields, key, url)


def note_description(fields: Fields, key: str, text: str) -> None:
    size = len(text.encode("utf-8"))
    if size > MAX_DESCRIPTION_BYTES:
        fields.reader.note(
            fields.get(key) or fields.line,
            fields.at(key),
            f"{FOR_FEED}le texte fait {size} octets ; Apple Podcasts n'en garde que {MAX_DESCRIPTION_BYTES}.",
        )


def _subcategory(fields: Fields, category: str | None) -> str | None:
    if not fields.has("sous_categorie") or category is None:
        return None
    choices = APPLE_CATEGORIES[category]
    if not choices:
        fields.reader.note(
            fields.get("sous_categorie") or fields.line,
            fields.at("sous_categorie"),
            f"{FOR_FEED}la catégorie {q(category)} n'a pas de sous-catégorie ; supprimez la ligne.",
        )
        return None
    shown = ", ".join(q(choice) for choice in choices)
    return fields.feed_value(
        "sous_categorie", lambda raw: _apple_name(raw, choices, "une sous-catégorie", shown), FOR_FEED
    )


def _apple_name(raw: str, choices: tuple[str, ...], what: str, examples: str) -> str:
    """The name as Apple spells it; case and spaces forgiven, the closest one suggested."""
    wanted = " ".join(raw.split()).casefold()
    for choice in choices:
        if choice.casefold() == wanted:
            return choice
    guess = suggest(raw, choices)
    hint = f"vouliez-vous dire {q(guess)} ?" if guess else f"écrivez par exemple {examples}."
    raise BadValue(f"{q(raw.strip())} n'est pas {what} d'Apple Podcasts ; {hint}")


def _owner(fields: Fields) -> Fields | None:
    """The `proprietaire:` block; anything else there is noted (the skill does not need it)."""
    node = fields.get("proprietaire")
    if node is None or isinstance(node, MappingNode):
        return fields.block("proprietaire", OWNER_KEYS)
    fields.reader.note(
        node,
        fields.at("proprietaire"),
        f"{FOR_FEED}écrivez « proprietaire: » seul sur sa ligne, puis en dessous, décalés de deux espaces, "
        "« nom: » et « email: ».",
    )
    return None


def _has_owner_email(fields: Fields) -> bool:
    """True when `proprietaire` has an `email` key (an unusable one was noted where it is)."""
    owner = fields.get("proprietaire")
    if not isinstance(owner, MappingNode):
        return False
    return any(isinstance(key, ScalarNode) and key.value == "email" for key, _ in owner.value)


def _note_artwork(fields: Fields, key: str, url: str) -> None:
    if not is_artwork(url):
        fields.reader.note(
            fields.get(key) or fields.line,
            fields.at(key),
            f"{FOR_FEED}l'image doit être un fichier .jpg ou .png (exigence d'Apple Podcasts) ; elle n'y figure pas.",
        )


def _note(fields: Fields, message: str) -> None:
    fields.reader.note(fields.line, fields.where, f"{FOR_FEED}{message}")
