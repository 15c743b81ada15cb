"""The generated parts of the interaction model: invocation name and catalogue slot types.

`apply_catalogue_to_model` returns a copy of the hand-written model where only the invocation name
and the slot types below are replaced; intents, samples and other types are left as they are.
"""

from __future__ import annotations

import copy
import re
from typing import Any

from mairie.catalogue.model import Catalogue

FACILITY = "FACILITY"
FACILITY_KIND = "FACILITY_KIND"
DOCUMENT_TYPE = "DOCUMENT_TYPE"
EPISODE = "EPISODE"
PODCAST_GUEST = "PODCAST_GUEST"
CITY_NAME = "CITY_NAME"
MAGAZINE_ARTICLE = "MAGAZINE_ARTICLE"
MAGAZINE_NAME = "MAGAZINE_NAME"
PODCAST_SERIES = "PODCAST_SERIES"
GENERATED_TYPES = (
    FACILITY,
    FACILITY_KIND,
    DOCUMENT_TYPE,
    EPISODE,
    PODCAST_GUEST,
    CITY_NAME,
    MAGAZINE_ARTICLE,
    MAGAZINE_NAME,
    PODCAST_SERIES,
)
MAGAZINE_ID = "magazine"
CITY_ID = "city"

_DETERMINER_RE = re.compile(r"^(?:(?:le|la|les|un|une|des|mon|ma|mes|son|sa|ses|notre|nos)\s+|l['’]\s*)", re.IGNORECASE)
_ARTICLE_RE = re.compile(r"^(?:la|le|les)\s+|^l'\s*", re.IGNORECASE)
_DROPPED_RE = re.compile(r"[\[\](){}«»\"“”]")
_SPACED_RE = re.compile(r"[^\w\s'\-]|_")

SlotValue = dict[str, Any]


def apply_catalogue_to_model(model: dict[str, Any], catalogue: Catalogue) -> dict[str, Any]:
    """A new model dict with the invocation name and the generated types taken from `catalogue`.

    A generated type replaces the type of the same name where it stands; a generated type that the
    model lacks is appended (in `GENERATED_TYPES` order) only if a slot of the model uses it.
    """
    result = copy.deepcopy(model)
    language_model = result["interactionModel"]["languageModel"]
    language_model["invocationName"] = catalogue.city.invocation_name
    generated = generated_types(catalogue)
    used = {slot.get("type") for intent in language_model.get("intents", []) for slot in intent.get("slots", [])}
    types: list[dict[str, Any]] = []
    present = set()
    for slot_type in language_model.get("types", []):
        name = slot_type.get("name")
        if name in generated:
            present.add(name)
            types.append(generated[name])
        else:
            types.append(slot_type)
    types.extend(generated[name] for name in GENERATED_TYPES if name not in present and name in used)
    language_model["types"] = types
    return result


def generated_types(catalogue: Catalogue) -> dict[str, dict[str, Any]]:
    """Every generated slot type, by name."""
    values = {
        FACILITY: facility_values(catalogue),
        FACILITY_KIND: kind_values(catalogue),
        DOCUMENT_TYPE: document_values(catalogue),
        EPISODE: episode_values(catalogue),
        PODCAST_GUEST: guest_values(catalogue),
        CITY_NAME: city_values(catalogue),
        MAGAZINE_ARTICLE: article_values(catalogue),
        MAGAZINE_NAME: magazine_values(catalogue),
        PODCAST_SERIES: series_values(catalogue),
    }
    return {name: {"name": name, "values": values[name]} for name in GENERATED_TYPES}


def facility_values(catalogue: Catalogue) -> list[SlotValue]:
    return [slot_value(f.id, without_article(f.name), [f.name, *f.synonyms]) for f in catalogue.facilities]


def kind_values(catalogue: Catalogue) -> list[SlotValue]:
    """Each kind by its plural and singular, and by the common nouns staff gave its facilities as
    synonyms ("la bibliothèque" for a médiathèque: « quelles bibliothèques sont ouvertes »)."""
    plurals: dict[str, str] = {}
    nouns: dict[str, set[str]] = {}
    for facility in catalogue.facilities:
        plurals.setdefault(facility.kind, facility.kind_plural or f"{facility.kind}s")
        for synonym in facility.synonyms:
            noun = without_determiner(synonym)
            if " " not in noun and noun[:1].islower():  # a common noun, not a proper name ("Aquazena")
                nouns.setdefault(noun, set()).add(facility.kind)
    extra: dict[str, list[str]] = {}
    for noun, kinds in nouns.items():
        if len(kinds) == 1:  # a noun two kinds share would say neither
            extra.setdefault(next(iter(kinds)), []).extend([noun, f"{noun}s"])
    return [slot_value(kind, plural, [kind, *extra.get(kind, [])]) for kind, plural in plurals.items()]


def document_values(catalogue: Catalogue) -> list[SlotValue]:
    """Each document by its names, and each name with the determiners residents put before it
    ("ma cni", "son passeport", "une carte d'identité"): the samples then need no determiner."""
    values = []
    for procedure in catalogue.procedures:
        names = [procedure.name, *procedure.synonyms]
        forms = [
            form
            for name in names
            for form in with_determiners(without_determiner(name), _is_feminine(name, procedure.feminine))
        ]
        values.append(slot_value(procedure.id, without_article(procedure.name), [*names, *forms]))
    return values


_FEMININE_ARTICLE = re.compile(r"^(?:la|une|ma|ta|sa)\s", re.IGNORECASE)
_MASCULINE_ARTICLE = re.compile(r"^(?:le|un|mon|ton|son)\s", re.IGNORECASE)
DETERMINERS_BEFORE = {
    True: ("la", "une", "ma", "sa", "ta", "votre", "notre", "leur"),
    False: ("le", "un", "mon", "son", "ton", "votre", "notre", "leur"),
}
"""Determiners by gender (feminine first); before a vowel sound, "la"/"le" elide and "ma"/"sa"/"ta"
become "mon"/"son"/"ton"."""


def _is_feminine(name: str, default: bool) -> bool:
    if _FEMININE_ARTICLE.match(name):
        return True
    if _MASCULINE_ARTICLE.match(name):
        return False
    return default


def with_determiners(noun: str, feminine: bool) -> list[str]:
    """ "carte d'identité" → "la carte d'identité", "une carte d'identité", "ma carte d'identité"…"""
    if not noun:
        return []
    if starts_with_vowel_sound(noun):
        elided = {"la": "l'", "le": "l'", "ma": "mon", "sa": "son", "ta": "ton"}
        return [
            f"{elided[d]}{noun}" if elided.get(d) == "l'" else f"{elided.get(d, d)} {noun}"
            for d in DETERMINERS_BEFORE[feminine]
        ]
    return [f"{determiner} {noun}" for determiner in DETERMINERS_BEFORE[feminine]]


def episode_values(catalogue: Catalogue) -> list[SlotValue]:
    return [
        slot_value(f"{series.id}:{episode.id}", episode.title, guest_names(episode.guests))
        for series in catalogue.podcasts
        for episode in series.episodes
    ]


def guest_values(catalogue: Catalogue) -> list[SlotValue]:
    return [
        slot_value(f"{series.id}:{episode.id}", episode.guests[0], guest_names(episode.guests)[1:])
        for series in catalogue.podcasts
        for episode in series.episodes
        if episode.guests
    ]


def guest_names(guests: tuple[str, ...]) -> list[str]:
    """Each guest's full name, then each last name alone ("Raymond Depardon", "Depardon")."""
    last_names = [guest.split()[-1] for guest in guests if len(guest.split()) > 1]
    return [*guests, *last_names]


def city_values(catalogue: Catalogue) -> list[SlotValue]:
    """The city's names, and their elided forms ("d'issy"): a slot stands between spaces, so
    "l'histoire d'issy" can only match "l'histoire {city}" with "d'issy" among the values."""
    names = [*catalogue.city.aliases, catalogue.city.name]
    elided = [f"d'{name}" for name in names if starts_with_vowel_sound(name)]
    town = [f"la ville {de_name(name)}" for name in names] + [f"la commune {de_name(name)}" for name in names]
    return [slot_value(CITY_ID, names[0], [*names[1:], *elided, *town])]


def de_name(name: str) -> str:
    """ "d'Issy", "de Vanves"."""
    return f"d'{name}" if starts_with_vowel_sound(name) else f"de {name}"


def magazine_values(catalogue: Catalogue) -> list[SlotValue]:
    """The magazine's name ("point d'appui"); no magazine, no value (the type then stays empty)."""
    if catalogue.magazine is None:
        return []
    magazine = catalogue.magazine
    return [slot_value(MAGAZINE_ID, without_article(magazine.name), [magazine.name, *magazine.synonyms])]


def series_values(catalogue: Catalogue) -> list[SlotValue]:
    """Each podcast series by its title and by the title's first part ("métamorphoses")."""
    values = []
    for series in catalogue.podcasts:
        short = re.split(r"[,:;]", series.title, maxsplit=1)[0]
        values.append(slot_value(series.id, short, [series.title, without_article(series.title)]))
    return values


def starts_with_vowel_sound(name: str) -> bool:
    return name[:1].lower() in "aeiouyhàâéèêîôûœ"


def article_values(catalogue: Catalogue) -> list[SlotValue]:
    """Magazine items by title (id `issue:item`, newest issue first; a title already taken is skipped)."""
    issues = reversed(catalogue.magazine.issues) if catalogue.magazine else ()
    values: list[SlotValue] = []
    seen: set[str] = set()
    for issue in issues:
        for item in issue.items:
            short = re.split(r"[,:;]", item.title, maxsplit=1)[0]  # "La Cité des Sports, avenue Jean-Bouin"
            shorts = [short] if len(without_article(short).split()) > 1 else []  # not "Issy" alone
            entry = slot_value(
                f"{issue.id}:{item.id}", without_article(item.title), [item.title, *shorts, *item.synonyms]
            )
            if entry["name"]["value"] not in seen:
                seen.add(entry["name"]["value"])
                values.append(entry)
    return values


def slot_value(value_id: str, name: str, synonyms: list[str]) -> SlotValue:
    """`{"id", "name": {"value", "synonyms"}}`: lower-case spoken forms Alexa accepts, no duplicates."""
    value = spoken_form(name)
    seen = {value}
    unique = []
    # each synonym with and without its article or possessive: in "comment refaire ma {document}",
    # Alexa fills the slot with "carte d'identité" alone, which must match a value to resolve
    forms = [form for synonym in synonyms for form in (synonym, without_determiner(synonym))]
    for synonym in map(spoken_form, forms):
        if synonym and synonym not in seen:
            seen.add(synonym)
            unique.append(synonym)
    entry: SlotValue = {"value": value}
    if unique:
        entry["synonyms"] = unique
    return {"id": value_id, "name": entry}


def spoken_form(text: str) -> str:
    """Lower case; only letters, digits, spaces, apostrophes and hyphens ("&" becomes "et"):
    "Métamorphoses : Issy se [ré]invente" → "métamorphoses issy se réinvente"."""
    text = text.lower().replace("’", "'").replace("&", " et ")
    text = _SPACED_RE.sub(" ", _DROPPED_RE.sub("", text))
    return " ".join(text.split()).strip("-' ")


def without_determiner(text: str) -> str:
    """ "ma carte d'identité", "la cni", "un passeport" → "carte d'identité", "cni", "passeport"."""
    return _DETERMINER_RE.sub("", text.strip(), count=1) or text


def without_article(name: str) -> str:
    """ "la médiathèque centre-ville" → "médiathèque centre-ville"."""
    return _ARTICLE_RE.sub("", name.strip(), count=1) or name
