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
GENERATED_TYPES = (FACILITY, FACILITY_KIND, DOCUMENT_TYPE, EPISODE, PODCAST_GUEST, CITY_NAME, MAGAZINE_ARTICLE)
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
    }
    return {name: {"name": name, "values": values[name]} for name in GENERATED_TYPES}


def facility_values(catalogue: Catalogue) -> list[SlotValue]:
    return [slot_value(f.id, without_article(f.name), [f.name, *f.synonyms]) for f in catalogue.facilities]


def kind_values(catalogue: Catalogue) -> list[SlotValue]:
    plurals: dict[str, str] = {}
    for facility in catalogue.facilities:
        plurals.setdefault(facility.kind, facility.kind_plural or f"{facility.kind}s")
    return [slot_value(kind, plural, [kind]) for kind, plural in plurals.items()]


def document_values(catalogue: Catalogue) -> list[SlotValue]:
    return [slot_value(p.id, without_article(p.name), [p.name, *p.synonyms]) for p in catalogue.procedures]


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
    names = [*catalogue.city.aliases, catalogue.city.name]
    return [slot_value(CITY_ID, names[0], names[1:])]


def article_values(catalogue: Catalogue) -> list[SlotValue]:
    """Magazine items by title (id `issue:item`, newest issue first; a title already taken is skipped)."""
    issues = reversed(catalogue.magazine.issues) if catalogue.magazine else ()
    values: list[SlotValue] = []
    seen: set[str] = set()
    for issue in issues:
        for item in issue.items:
            short = re.split(r"[,:;]", item.title, maxsplit=1)[0]  # "La Cité des Sports, avenue Jean-Bouin"
            entry = slot_value(f"{issue.id}:{item.id}", without_article(item.title), [item.title, short])
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
