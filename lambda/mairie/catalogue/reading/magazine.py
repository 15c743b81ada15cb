"""`magazine.yaml`: the municipal magazine and its monthly issues."""

from __future__ import annotations

from datetime import date

from yaml.nodes import Node

from mairie.catalogue.directories import feed_issues, has_audio_editions
from mairie.catalogue.model import Magazine, MagazineIssue, MagazineItem
from mairie.catalogue.reading import feeds
from mairie.catalogue.reading.common import UniqueIds
from mairie.catalogue.reading.nodes import Fields, Reader
from mairie.catalogue.reading.values import parse_duration, parse_month

MAGAZINE_KEYS = ("nom", "synonymes", "description", "site_web", "image", *feeds.FEED_KEYS, "numeros")
ISSUE_KEYS = ("mois", "titre", "exemple", "audio", *feeds.MEDIA_KEYS, "duree", "image", "sommaire")
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
    magazine = Magazine(
        name=fields.text("nom") or "",
        description=fields.text("description") or "",
        website=fields.url("site_web"),
        issues=tuple(sorted(issues, key=lambda issue: issue.month)),
        synonyms=fields.texts("synonymes"),
        image_url=fields.url("image"),
        feed=feeds.read_feed_settings(fields),
    )
    if has_audio_editions(magazine):  # else there is no feed to speak of
        feeds.note_channel(fields, magazine.image_url, magazine.feed, len(feed_issues(magazine)), "numéro audio")
        feeds.note_description(fields, "description", magazine.description)
    return magazine


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
    media = feeds.read_media(fields)
    issue = MagazineIssue(
        id=month.strftime("%Y-%m") if month else "",
        month=month or date.min,
        title=fields.text("titre") or "",
        items=tuple(items),
        audio_url=fields.url("audio"),
        image_url=fields.url("image"),
        example=fields.flag("exemple"),
        audio_bytes=media[0],
        audio_type=media[1],
        duration_seconds=fields.parsed("duree", parse_duration),
    )
    if not issue.example and issue.audio_url:
        feeds.note_item(fields, issue.audio_url, media, issue.duration_seconds)
        feeds.note_artwork(fields, "image", issue.image_url)
    return issue
