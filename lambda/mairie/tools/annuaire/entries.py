"""A directory record as catalogue fields: the imported ones, and those written once for a new entry.

Imported fields (`IMPORTED`), kept up to date by later runs: `adresse`, `telephone`, `site_web`,
`horaires` (all seven days; a day the directory does not name is `fermé`) and `note_horaires` (the
directory's comments on the hours, with their days). A record without hours gets no `horaires`: the
skill then says it does not know them, never that the counter is closed.

Written once, then left to staff: `id`, `nom` (« la mairie de Fontaine-le-Port »: the kind's name and
the town of the address), `genre` when the name starts with « l' », `type`, `type_pluriel`,
`synonymes` and `ou_verifier`.

Nothing is made up: a value the catalogue cannot hold (a site in `http://`, a phone that is not ten
digits) is left out and the report says so.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from mairie.catalogue.reading.values import BadValue, parse_phone, parse_url, slugify
from mairie.tools.annuaire.kinds import Kind
from mairie.tools.annuaire.records import DAYS, PublicOffice, WeeklyTable
from mairie.voice.french import de

IMPORTED = ("adresse", "telephone", "site_web", "horaires", "note_horaires")
WHERE_TO_CHECK = "sur service-public.fr, dans l'annuaire de l'administration"

Value = str | dict[str, str] | list[str]


@dataclass
class Imported:
    """What one record gives the catalogue."""

    office: PublicOffice
    kind: Kind
    values: dict[str, Value]
    """The imported fields that have a value, in `IMPORTED` order."""
    left_out: list[str] = field(default_factory=list)
    """Why a value was not imported, in French: « site « http://… » : pas en https:// »."""


def imported(office: PublicOffice, kind: Kind) -> Imported:
    result = Imported(office, kind, {})
    if office.address:
        result.values["adresse"] = office.address
    phone = _first_valid(office.phones, parse_phone, "téléphone", result.left_out)
    if phone:
        result.values["telephone"] = phone
    site = _first_valid(office.websites, parse_url, "site", result.left_out)
    if site:
        result.values["site_web"] = site
    if office.hours is not None:
        result.values["horaires"] = weekly_hours(office.hours)
        if office.hours.notes:
            result.values["note_horaires"] = " ".join(office.hours.notes)
    result.left_out.extend(f"plage horaire incomplète non importée : {slot}" for slot in office.skipped_slots)
    return result


def _first_valid(
    candidates: tuple[str, ...], parse: Callable[[str], str], label: str, left_out: list[str]
) -> str | None:
    """The first (main) value, when the catalogue can hold it: a second one is another thing (the
    appointment page, a fax), never a stand-in."""
    if not candidates:
        return None
    try:
        return parse(candidates[0])
    except BadValue:
        left_out.append(f"{label} « {candidates[0]} » non importé : {_why(label, candidates[0])}")
        return None


def _why(label: str, value: str) -> str:
    if label == "site" and value.lower().startswith("http://"):
        return "pas en https://, qu'Alexa exige ; vérifiez si le site existe en https:// et ajoutez-le à la main"
    if label == "site":
        return "pas une adresse web complète (https://…) ; vérifiez-la et ajoutez-la à la main"
    return "pas un numéro à dix chiffres ; vérifiez-le et ajoutez-le à la main"


def weekly_hours(table: WeeklyTable) -> dict[str, str]:
    """{"lundi": "fermé", "mardi": "09:00-12:00, 18:00-19:00", …}, the catalogue's own format."""
    return {
        day: ", ".join(f"{start}-{end}" for start, end in slots) if slots else "fermé"
        for day, slots in zip(DAYS, table.days, strict=True)
    }


def spoken_name(kind: Kind, office: PublicOffice) -> str:
    """ "la mairie de Fontaine-le-Port", "l'espace France services d'Issy-les-Moulineaux"."""
    town = office.town or _town_in_name(office.name)
    return f"{kind.name} {de(town)}" if town else kind.name


def detailed_name(kind: Kind, office: PublicOffice) -> str:
    """For a second counter of the same kind in the same town: the directory's own words added
    (« la mairie de Lyon 1er arrondissement »)."""
    parts = [part.strip() for part in office.name.split(" - ")[1:] if part.strip()]
    details = [part for part in parts if part != office.town]
    base = spoken_name(kind, office)
    return f"{base} {' '.join(details)}" if details else base


def _town_in_name(name: str) -> str | None:
    """ "Mairie - Bajus" → "Bajus"."""
    parts = [part.strip() for part in name.split(" - ")]
    return parts[1] if len(parts) > 1 and parts[1] else None


def entry_id(kind: Kind, office: PublicOffice) -> str:
    town = office.town or _town_in_name(office.name)
    return f"{kind.slug}-{slugify(town)}" if town else kind.slug


def new_entry(result: Imported, entry: str, name: str) -> dict[str, Value]:
    """Every field of a new entry, in the catalogue's usual order."""
    kind = result.kind
    fields: dict[str, Value] = {"id": entry, "nom": name}
    if name.lower().startswith(("l'", "l’")):
        fields["genre"] = "féminin" if kind.feminine else "masculin"
    fields["type"] = kind.kind
    if kind.plural:
        fields["type_pluriel"] = kind.plural
    if kind.synonyms:
        fields["synonymes"] = list(kind.synonyms)
    fields.update(result.values)
    fields["ou_verifier"] = WHERE_TO_CHECK
    return fields
