"""`city.yaml`: the city, its time zone and how the skill introduces itself."""

from __future__ import annotations

import re
import zoneinfo

from holidays.countries.france import France
from yaml.nodes import Node

from mairie.catalogue.model import City
from mairie.catalogue.reading.nodes import Reader, suggest
from mairie.catalogue.reading.values import BadValue, q

CITY_KEYS = (
    "nom",
    "nom_assistant",
    "nom_invocation",
    "surnoms",
    "fuseau_horaire",
    "site_web",
    "accueil",
    "a_propos",
    "image",
    "zone_jours_feries",
    "adresse_flux",
)
_INVOCATION_RE = re.compile(r"[a-zà-öø-ÿœæ' .]+")
LAUNCH_WORDS = frozenset({"ouvre", "lance", "demande", "dis", "alexa", "amazon", "echo", "écho", "computer"})
"""Words that start a skill or wake the device: Alexa refuses them in an invocation name."""
SMALL_WORDS = frozenset(
    {"le", "la", "les", "l'", "un", "une", "des", "de", "du", "d'", "à", "au", "aux", "en", "pour", "sur", "et"}
)
"""Articles and prepositions, not allowed in an invocation name of only two words."""
EXAMPLE_INVOCATION = "la mairie de ma ville"


def parse_invocation(raw: str) -> str:
    name = " ".join(raw.replace("’", "'").split())
    if name != name.lower():
        raise BadValue(f"{q(raw)} doit être écrit en minuscules, par exemple {q(name.lower())}.")
    if not _INVOCATION_RE.fullmatch(name):
        raise BadValue(
            f"{q(raw)} ne doit contenir que des lettres, des espaces et des apostrophes "
            "(les nombres s'écrivent en toutes lettres)."
        )
    words = name.split()
    if len(words) < 2:
        raise BadValue(f"{q(raw)} doit contenir au moins deux mots, par exemple {q(EXAMPLE_INVOCATION)}.")
    for word in words:
        if word.strip(".") in LAUNCH_WORDS:
            raise BadValue(
                f"{q(raw)} contient {q(word)}, un mot qui sert à lancer ou à réveiller Alexa ; "
                f"retirez-le, par exemple {q(EXAMPLE_INVOCATION)}."
            )
    small = [found for found in map(_small_word, words) if found]
    if len(words) == 2 and small:
        raise BadValue(
            f"{q(raw)} n'a que deux mots, dont {q(small[0])} : un nom de deux mots ne peut contenir ni article "
            f"ni préposition ; ajoutez un mot, par exemple {q(EXAMPLE_INVOCATION)}."
        )
    return name


def _small_word(word: str) -> str | None:
    """The article or preposition `word` is or starts with (elided: « l'hôtel », « d'issy »), else None."""
    if word in SMALL_WORDS:
        return word
    return word[:2] if len(word) > 2 and word[:2] in SMALL_WORDS else None


def parse_timezone(raw: str) -> str:
    name = raw.strip()
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError):
        guess = suggest(name, sorted(zoneinfo.available_timezones()))
        hint = f"vouliez-vous dire {q(guess)} ?" if guess else f"écrivez par exemple {q('Europe/Paris')}."
        raise BadValue(f"{q(name)} n'est pas un fuseau horaire connu ; {hint}") from None
    return name


def parse_holiday_zone(raw: str) -> str:
    zones = [str(zone) for zone in France.subdivisions]
    if raw.strip() in zones:
        return raw.strip()
    raise BadValue(
        f"{q(raw)} n'est pas une zone de jours fériés connue ; supprimez la ligne pour la métropole, "
        f"ou écrivez l'une de : {', '.join(zones)}."
    )


def read_city(reader: Reader, root: Node) -> City | None:
    top = reader.top(root, "ville")
    fields = None if top is None else top.block("ville", CITY_KEYS, required=True)
    if fields is None:
        return None
    name = fields.text("nom")
    city = City(
        name=name or "",
        skill_name=fields.text("nom_assistant") or "",
        invocation_name=fields.parsed("nom_invocation", parse_invocation, required=True) or "",
        timezone=fields.parsed("fuseau_horaire", parse_timezone, required=True) or "Europe/Paris",
        website=fields.url("site_web", required=True) or "",
        welcome=fields.text("accueil") or "",
        about=fields.text("a_propos") or "",
        holiday_subdivision=fields.parsed("zone_jours_feries", parse_holiday_zone),
        image_url=fields.url("image"),
        aliases=fields.texts("surnoms") or ((name,) if name else ()),
        feeds_url=fields.url("adresse_flux"),
    )
    return city
