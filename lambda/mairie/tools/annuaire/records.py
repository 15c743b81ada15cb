"""One record of the Annuaire de l'administration, read into plain values (`PublicOffice`).

The same record comes in two forms (shared/reference/open-data-apis.md, §1.4 to §1.7): in the API v2.1
the nested fields (`pivot`, `adresse`, `telephone`, `site_internet`, `plage_ouverture`) are strings
holding JSON; in the data.gouv.fr download they are real arrays. Both are accepted, and `""`, `null`
and `"[]"` all mean "nothing".

Opening hours (`plage_ouverture`): each range names a first and a last day, both included
(« Lundi » to « Jeudi » is four days), and up to two time slots "HH:MM:SS". A day that no range
names is closed (the only reading consistent with every record seen). An empty or missing
`plage_ouverture` means the hours are **unknown**, never closed. The free-text `commentaire` of a
range (« uniquement le 2e et 4e samedis ») cannot be put in a weekly table: it is kept as written,
with its days, to be said after the hours.

Anything that is not one of these shapes is a format change: `FormatChanged` names the record and
the field, and the import stops before writing anything.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date, datetime

DAYS = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
_TIME = re.compile(r"^([01]\d|2[0-4]):([0-5]\d)(:[0-5]\d)?$")
_SLOTS = (("valeur_heure_debut_1", "valeur_heure_fin_1"), ("valeur_heure_debut_2", "valeur_heure_fin_2"))

Slot = tuple[str, str]
"""An opening slot, "HH:MM" to "HH:MM"."""


class AnnuaireError(Exception):
    """A failure the staff member can act on; the message is French and complete."""


class FormatChanged(AnnuaireError):
    """The directory answered in a shape this importer does not know."""


@dataclass(frozen=True)
class WeeklyTable:
    """Seven days, Monday first; an empty day is closed."""

    days: tuple[tuple[Slot, ...], ...]
    notes: tuple[str, ...] = ()
    """« Le mardi : accueil ouvert uniquement hors vacances scolaires l'après-midi. »"""


@dataclass(frozen=True)
class PublicOffice:
    """What the importer uses of one record (never the e-mail or the names of staff it holds)."""

    id: str
    name: str
    """The directory's own name: « Mairie - Fontaine-le-Port »."""
    kinds: tuple[str, ...]
    """`type_service_local` codes, in the record's order (« cg », then « mairie »)."""
    communes: frozenset[str]
    """INSEE codes: the record's own and those of its `pivot`."""
    town: str | None = None
    address: str | None = None
    phones: tuple[str, ...] = ()
    websites: tuple[str, ...] = ()
    """The main site first (the entry with no label)."""
    hours: WeeklyTable | None = None
    """None when the directory gives no hours: unknown, not closed."""
    page: str | None = None
    """The record's public page on lannuaire.service-public.fr."""
    modified: date | None = None
    published: bool = True
    skipped_slots: tuple[str, ...] = field(default=())
    """Slots given with a start and no end (or the reverse), left out: « le mardi, 09:00 sans heure de fin »."""


def read_office(record: object) -> PublicOffice:
    if not isinstance(record, dict):
        raise FormatChanged(f"une fiche de l'annuaire n'est pas un objet JSON ({_shown(record)}).")
    office_id = _text(record, "id")
    name = _text(record, "nom")
    if not office_id or not name:
        raise FormatChanged(f"une fiche de l'annuaire n'a pas de « id » ou de « nom » ({_shown(record)}).")
    where = f"la fiche « {name} » ({office_id})"
    pivots = _objects(record, "pivot", where)
    address, town = _address(_objects(record, "adresse", where))
    hours, skipped = _week(record, where)
    return PublicOffice(
        id=office_id,
        name=name,
        kinds=tuple(str(p.get("type_service_local") or "").strip() for p in pivots),
        communes=frozenset(_communes(record, pivots, where)),
        town=town,
        address=address,
        phones=tuple(_values(_objects(record, "telephone", where), "valeur")),
        websites=tuple(_websites(_objects(record, "site_internet", where))),
        hours=hours,
        page=_text(record, "url_service_public"),
        modified=_modified(record),
        published=str(record.get("statut_de_diffusion", "true")).strip().lower() in ("true", "", "none"),
        skipped_slots=tuple(skipped),
    )


def _shown(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "…"


def _text(record: dict[str, object], key: str) -> str | None:
    value = record.get(key)
    if value is None:
        return None
    text = " ".join(str(value).split())
    return text or None


def _objects(record: dict[str, object], key: str, where: str) -> list[dict[str, object]]:
    """A nested field: a JSON string (API) or an array (download); [] for null, "" or "[]"."""
    value = record.get(key)
    if value is None or value == "":
        return []
    if isinstance(value, str):
        try:
            value = json.loads(value)
        except json.JSONDecodeError:
            raise FormatChanged(f"{where} : « {key} » n'est pas du JSON lisible ({_shown(value)}).") from None
    if not isinstance(value, list):
        raise FormatChanged(f"{where} : « {key} » devrait être une liste ({_shown(value)}).")
    items: list[dict[str, object]] = []
    for item in value:
        if isinstance(item, str):  # a phone or a site given as bare text
            items.append({"valeur": item})
        elif isinstance(item, dict):
            items.append(item)
        else:
            raise FormatChanged(f"{where} : un élément de « {key} » n'est pas un objet ({_shown(item)}).")
    return items


def _communes(record: dict[str, object], pivots: list[dict[str, object]], where: str) -> set[str]:
    codes = {str(record["code_insee_commune"]).strip()} if record.get("code_insee_commune") else set()
    for pivot in pivots:
        listed = pivot.get("code_insee_commune") or []
        if isinstance(listed, str):
            listed = [listed]
        if not isinstance(listed, list):
            raise FormatChanged(f"{where} : « pivot › code_insee_commune » devrait être une liste ({_shown(listed)}).")
        codes.update(str(code).strip() for code in listed)
    return codes


def _values(items: list[dict[str, object]], key: str) -> list[str]:
    return [text for item in items if (text := " ".join(str(item.get(key) or "").split()))]


def _websites(items: list[dict[str, object]]) -> list[str]:
    """The sites, the one with no label (the main site) first."""
    unlabelled = [item for item in items if not str(item.get("libelle") or "").strip()]
    labelled = [item for item in items if str(item.get("libelle") or "").strip()]
    return _values(unlabelled + labelled, "valeur")


def _address(items: list[dict[str, object]]) -> tuple[str | None, str | None]:
    """The street address (`type_adresse` « Adresse », not the postal one) and its town."""
    streets = [item for item in items if str(item.get("type_adresse") or "").strip().lower() == "adresse"]
    if not streets:
        streets = [item for item in items if "postale" not in str(item.get("type_adresse") or "").lower()]
    if not streets:
        return None, None
    street = streets[0]
    part = {key: " ".join(str(street.get(key) or "").split()) for key in street}
    town = part.get("nom_commune") or None
    lines = [part.get(key, "") for key in ("complement1", "complement2", "numero_voie")]
    city_line = " ".join(text for text in (part.get("code_postal", ""), town or "") if text)
    if not part.get("numero_voie") and not part.get("complement1"):
        return None, town
    return ", ".join(text for text in [*lines, city_line] if text), town


def _modified(record: dict[str, object]) -> date | None:
    stamp = str(record.get("date_modification_datetime") or "").strip()
    if stamp:
        try:
            return datetime.fromisoformat(stamp).date()
        except ValueError:
            pass
    written = str(record.get("date_modification") or "").strip()  # "09/08/2023 13:30:19"
    try:
        return datetime.strptime(written.split(" ")[0], "%d/%m/%Y").date() if written else None
    except ValueError:
        return None


# --- opening hours ---------------------------------------------------------------------------------


def _week(record: dict[str, object], where: str) -> tuple[WeeklyTable | None, list[str]]:
    ranges = _objects(record, "plage_ouverture", f"{where}, horaires")
    if not ranges:
        return None, []
    days: list[list[Slot]] = [[] for _ in DAYS]
    notes: list[str] = []
    skipped: list[str] = []
    for entry in ranges:
        covered = _days_of(entry, where)
        said = _days_said(covered)
        for start_key, end_key in _SLOTS:
            start, end = _time(entry.get(start_key), where), _time(entry.get(end_key), where)
            if start and end and start < end:
                for day in covered:
                    days[day].append((start, end))
            elif start or end:
                skipped.append(f"{said.lower()}, {start or '?'} à {end or '?'}")
        comment = " ".join(str(entry.get("commentaire") or "").split())
        if comment:
            notes.append(f"{said} : {_sentence(comment)}")
    overall = " ".join(str(record.get("commentaire_plage_ouverture") or "").split())
    if overall:
        notes.append(_sentence(overall))
    week = tuple(tuple(_merged(day)) for day in days)
    return WeeklyTable(week, tuple(notes)), skipped


def _days_of(entry: dict[str, object], where: str) -> list[int]:
    """The days of a range, first and last included; a range over the weekend wraps around."""
    first = _day(entry.get("nom_jour_debut"), where)
    last = _day(entry.get("nom_jour_fin") or entry.get("nom_jour_debut"), where)
    if first <= last:
        return list(range(first, last + 1))
    return [*range(first, len(DAYS)), *range(0, last + 1)]


def _day(value: object, where: str) -> int:
    name = str(value or "").strip().lower()
    if name not in DAYS:
        raise FormatChanged(f"{where} : « {value} » n'est pas un jour de la semaine (attendu : Lundi … Dimanche).")
    return DAYS.index(name)


def _time(value: object, where: str) -> str | None:
    """ "08:30:00" → "08:30"; "" or null → None."""
    text = str(value or "").strip()
    if not text:
        return None
    if not _TIME.match(text):
        raise FormatChanged(f"{where} : « {text} » n'est pas une heure (attendu : HH:MM:SS).")
    return text[:5]


def _days_said(days: list[int]) -> str:
    """ "Le mardi", "Du lundi au jeudi"."""
    if len(days) == 1:
        return f"Le {DAYS[days[0]]}"
    return f"Du {DAYS[days[0]]} au {DAYS[days[-1]]}"


def _sentence(text: str) -> str:
    """A comment as written in the directory (its capitals kept: it may start with a name), with a full stop."""
    return text if text[-1] in ".!?…" else f"{text}."


def _merged(slots: list[Slot]) -> list[Slot]:
    """Sorted, with overlapping or touching slots joined (two ranges can name the same day)."""
    merged: list[Slot] = []
    for start, end in sorted(slots):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged
