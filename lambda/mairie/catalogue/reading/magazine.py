"""`magazine.yaml`: the municipal magazine and its monthly issues."""

from __future__ import annotations

from datetime import date

from yaml.nodes import Node

from mairie.catalogue.model import Magazine, MagazineIssue, MagazineItem
from mairie.catalogue.reading.common import UniqueIds
from mairie.catalogue.reading.nodes import Fields, Reader
from mairie.catalogue.reading.values import parse_month

MAGAZINE_KEYS = ("nom", "synonymes", "description", "site_web", "numeros")
ISSUE_KEYS = ("mois", "titre", "exemple", "audio", "image", "sommaire")
ITEM_KEYS = ("id", "titre", "synonymes", "resume", "texte")


def read_magazine(reader: Reader, root: Node) -> Magazine | None:
    top = reader.top(root, "magazine")
    fields = None if top is None else top.block("magazine", MAGAZINE_KEYS, required=True)
    if fields is None:
        return None
    months = UniqueIds(reader, "le mois")
    issues = []
    for issue_fields in fields.items("numeros", ISSUE_KEYS, required=True, id_key="mois"):
        issue = read_issue(issue_fields)
        months.check(issue.id or None, issue_fields, "mois")
        issues.append(issue)
    return Magazine(
        name=fields.text("nom") or "",
        description=fields.text("description") or "",
        website=fields.url("site_web"),
        issues=tuple(sorted(issues, key=lambda issue: issue.month)),
        synonyms=fields.texts("synonymes"),
    )


def read_issue(fields: Fields) -> MagazineIssue:
    month = fields.parsed("mois", parse_month, required=True)
    ids = UniqueIds(fields.reader)
    items = []
    for item_fields in fields.items("sommaire", ITEM_KEYS, required=True):
        item = MagazineItem(
            id=item_fields.ident() or "",
            title=item_fields.text("titre") or "",
            summary=item_fields.text("resume") or "",
            text=item_fields.text("texte", required=False),
            synonyms=item_fields.texts("synonymes"),
        )
        ids.check(item.id or None, item_fields)
        items.append(item)
    return MagazineIssue(
        id=month.strftime("%Y-%m") if month else "",
        month=month or date.min,
        title=fields.text("titre") or "",
        items=tuple(items),
        audio_url=fields.url("audio"),
        image_url=fields.url("image"),
        example=fields.flag("exemple"),
    )
