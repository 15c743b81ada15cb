"""`facilities.yaml`: public facilities, their kind and their opening hours."""

from __future__ import annotations

from yaml.nodes import Node

from mairie.catalogue.model import Facility
from mairie.catalogue.reading.common import UniqueIds, read_gender
from mairie.catalogue.reading.hours import read_exceptions, read_periods, read_week
from mairie.catalogue.reading.nodes import Fields, Reader
from mairie.catalogue.reading.values import parse_phone, q

FACILITY_KEYS = (
    "id",
    "nom",
    "genre",
    "type",
    "type_pluriel",
    "synonymes",
    "adresse",
    "telephone",
    "site_web",
    "description",
    "exemple",
    "horaires",
    "periodes",
    "fermetures",
    "horaires_exceptionnels",
    "jours_feries",
    "note_horaires",
    "ou_verifier",
)
HOLIDAYS = {"fermé": False, "ouvert": True, "fermée": False, "ouverte": True}


def read_facilities(reader: Reader, root: Node) -> list[Facility]:
    top = reader.top(root, "equipements")
    if top is None:
        return []
    ids = UniqueIds(reader)
    plurals: dict[str, tuple[str, int]] = {}
    facilities = []
    for fields in top.items("equipements", FACILITY_KEYS, required=True):
        facility = read_facility(fields)
        ids.check(facility.id or None, fields)
        _check_plural(fields, facility, plurals)
        facilities.append(facility)
    return facilities


def read_facility(fields: Fields) -> Facility:
    name = fields.text("nom")
    kind = fields.text("type")
    hours = fields.get("horaires")
    return Facility(
        id=fields.ident() or "",
        name=name or "",
        kind=kind or "",
        kind_plural=fields.text("type_pluriel", required=False) or (f"{kind}s" if kind else None),
        feminine=read_gender(fields, name),
        synonyms=fields.texts("synonymes"),
        address=fields.text("adresse", required=False),
        phone=fields.parsed("telephone", parse_phone),
        website=fields.url("site_web"),
        weekly=None
        if hours is None
        else read_week(fields.reader, hours, fields.at("horaires"), fields.key_line("horaires")),
        periods=read_periods(fields),
        exceptions=read_exceptions(fields),
        open_on_public_holidays=bool(fields.choice("jours_feries", HOLIDAYS)),
        hours_note=fields.text("note_horaires", required=False),
        where_to_check=fields.text("ou_verifier", required=False),
        description=fields.text("description", required=False),
        example=fields.flag("exemple"),
    )


def _check_plural(fields: Fields, facility: Facility, plurals: dict[str, tuple[str, int]]) -> None:
    """Facilities of the same kind must agree on its plural (it names one FACILITY_KIND value)."""
    if not facility.kind or not facility.kind_plural:
        return
    line = fields.line
    seen = plurals.setdefault(facility.kind, (facility.kind_plural, line))
    if seen[0] != facility.kind_plural:
        fields.reader.report(
            fields.get("type_pluriel") or line,
            fields.at("type_pluriel"),
            f"{q(facility.kind_plural)} ne correspond pas au pluriel {q(seen[0])} donné pour le même "
            f"type {q(facility.kind)} à la ligne {seen[1]} ; écrivez le même partout.",
        )
