"""The city's audio as podcast feeds: one RSS 2.0 file per podcast series and one for the magazine's audio
editions, written by `mairie build` into `flux/` (outside `lambda/`: the Lambda never ships them).

A podcast feed is what every speaker, phone and car can play: HomePod through Apple Podcasts, Google
and Nest speakers through YouTube Music, Sonos, Echo without the skill, and every podcast app.

- **Stable guids.** An item's `guid` is the entry's content id, the same string as its AudioPlayer
  token (`podcast:metamorphoses:depardon`, `magazine:2026-11`): editing a title, a description or even
  the audio URL never shows up in a directory as a new episode.
- **Same catalogue, same bytes.** Nothing comes from the clock or the machine: the channel's
  `pubDate` is its newest item's, dates are midnight in the city's time zone, elements come in a fixed
  order. An item's XML depends only on its own entry, so adding an episode adds one item and leaves
  the others byte for byte as they were.
- **What is left out** (see `catalogue.directories`): entries marked `exemple`, and episodes whose
  audio size or type is unknown; optional elements without a value. `mairie validate` says why.

Written with the standard library's ElementTree: the Python feed writers (feedgen 1.0.0, its last
release, December 2023) write `itunes:explicit` as yes/no/clean, while Apple now documents only
`true` and `false`, and stamp `lastBuildDate` with the clock.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, datetime
from email.utils import format_datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from mairie.catalogue.directories import (
    LANGUAGE,
    enclosure_type,
    feed_episodes,
    feed_issues,
    has_audio_editions,
    is_artwork,
)
from mairie.catalogue.model import Catalogue, Episode, FeedSettings, Magazine, MagazineIssue, PodcastSeries
from mairie.domain.playlist import episode_token, magazine_token

FEEDS = Path("flux")
"""The generated feeds' folder, at the project's top level; put online as is (see README)."""
ITUNES = "http://www.itunes.com/dtds/podcast-1.0.dtd"
ATOM = "http://www.w3.org/2005/Atom"
ET.register_namespace("itunes", ITUNES)
ET.register_namespace("atom", ATOM)


def feed_files(catalogue: Catalogue) -> dict[Path, str]:
    """Every feed of the catalogue: its path under the project root, and its XML text."""
    files = {FEEDS / series_file(series): series_feed(catalogue, series) for series in catalogue.podcasts}
    magazine = catalogue.magazine
    if magazine is not None and has_audio_editions(magazine):
        files[FEEDS / MAGAZINE_FILE] = magazine_feed(catalogue, magazine)
    return files


MAGAZINE_FILE = "magazine.xml"


def series_file(series: PodcastSeries) -> str:
    """ "podcast-metamorphoses.xml": the prefix keeps a series called « magazine » apart from the magazine."""
    return f"podcast-{series.id}.xml"


def series_feed(catalogue: Catalogue, series: PodcastSeries) -> str:
    """The series' feed: its episodes (not examples, enclosure known), newest first."""
    zone = ZoneInfo(catalogue.city.timezone)
    episodes = feed_episodes(series)
    items = [_episode_item(series, episode, zone) for episode in episodes]
    dates = [episode.published for episode in episodes if episode.published]
    channel = _channel(
        catalogue,
        title=series.title,
        link=series.website,
        description=series.description,
        image=series.image_url,
        settings=series.feed,
        self_name=series_file(series),
    )
    return _document(channel, items, max(dates, default=None), zone)


def magazine_feed(catalogue: Catalogue, magazine: Magazine) -> str:
    """The magazine's audio editions (not examples, enclosure known), newest first."""
    zone = ZoneInfo(catalogue.city.timezone)
    issues = feed_issues(magazine)
    channel = _channel(
        catalogue,
        title=magazine.name,
        link=magazine.website,
        description=magazine.description,
        image=magazine.image_url,
        settings=magazine.feed,
        self_name=MAGAZINE_FILE,
    )
    items = [_issue_item(issue, zone) for issue in issues]
    return _document(channel, items, max((issue.month for issue in issues), default=None), zone)


def _channel(
    catalogue: Catalogue,
    *,
    title: str,
    link: str | None,
    description: str,
    image: str | None,
    settings: FeedSettings,
    self_name: str,
) -> ET.Element:
    """The channel's own elements, in a fixed order (its `pubDate` and items come in `_document`)."""
    channel = ET.Element("channel")
    _text(channel, "title", title)
    _text(channel, "link", link or catalogue.city.website)
    _text(channel, "description", description)
    _text(channel, "language", LANGUAGE)
    if catalogue.city.feeds_url:
        href = f"{catalogue.city.feeds_url.rstrip('/')}/{self_name}"
        ET.SubElement(channel, f"{{{ATOM}}}link", href=href, rel="self", type="application/rss+xml")
    _text(channel, f"{{{ITUNES}}}author", settings.author or catalogue.city.name)
    if settings.owner_email:
        owner = ET.SubElement(channel, f"{{{ITUNES}}}owner")
        _text(owner, f"{{{ITUNES}}}name", settings.owner_name or settings.author or catalogue.city.name)
        _text(owner, f"{{{ITUNES}}}email", settings.owner_email)
    if image and is_artwork(image):
        ET.SubElement(channel, f"{{{ITUNES}}}image", href=image)
    if settings.category:
        category = ET.SubElement(channel, f"{{{ITUNES}}}category", text=settings.category)
        if settings.subcategory:
            ET.SubElement(category, f"{{{ITUNES}}}category", text=settings.subcategory)
    _text(channel, f"{{{ITUNES}}}explicit", _true_false(settings.explicit))
    _text(channel, f"{{{ITUNES}}}type", "episodic")
    return channel


def _episode_item(series: PodcastSeries, episode: Episode, zone: ZoneInfo) -> ET.Element:
    item = _item(
        title=episode.title,
        description=episode.description,
        url=episode.audio_url,
        length=episode.audio_bytes,
        kind=enclosure_type(episode.audio_url, episode.audio_type),
        guid=episode_token(series, episode),
    )
    if episode.published:
        _text(item, "pubDate", _rfc2822(episode.published, zone))
    _media_details(item, episode.duration_seconds, episode.image_url)
    _text(item, f"{{{ITUNES}}}episode", str(episode.number))
    return _closing(item, series.feed.explicit)


def _issue_item(issue: MagazineIssue, zone: ZoneInfo) -> ET.Element:
    item = _item(
        title=issue.title,
        description="Au sommaire : " + " ; ".join(entry.title for entry in issue.items) + ".",
        url=issue.audio_url or "",
        length=issue.audio_bytes,
        kind=enclosure_type(issue.audio_url or "", issue.audio_type),
        guid=magazine_token(issue),
    )
    _text(item, "pubDate", _rfc2822(issue.month, zone))
    _media_details(item, issue.duration_seconds, issue.image_url)
    return _closing(item, explicit=False)


def _item(*, title: str, description: str, url: str, length: int | None, kind: str | None, guid: str) -> ET.Element:
    """`title`, `description`, the `enclosure` (url, length in bytes, MIME type) and the stable `guid`."""
    item = ET.Element("item")
    _text(item, "title", title)
    _text(item, "description", description)
    ET.SubElement(item, "enclosure", url=url, length=str(length), type=kind or "")
    _text(item, "guid", guid).set("isPermaLink", "false")
    return item


def _media_details(item: ET.Element, duration_seconds: int | None, image: str | None) -> None:
    if duration_seconds is not None:
        _text(item, f"{{{ITUNES}}}duration", str(duration_seconds))  # Apple recommends seconds
    if image and is_artwork(image):
        ET.SubElement(item, f"{{{ITUNES}}}image", href=image)


def _closing(item: ET.Element, explicit: bool) -> ET.Element:
    _text(item, f"{{{ITUNES}}}episodeType", "full")
    _text(item, f"{{{ITUNES}}}explicit", _true_false(explicit))
    return item


def _document(channel: ET.Element, items: list[ET.Element], newest: date | None, zone: ZoneInfo) -> str:
    """The whole feed, indented, with the XML declaration and the namespaces on the `rss` line."""
    if newest is not None:
        _text(channel, "pubDate", _rfc2822(newest, zone))
    channel.extend(items)
    rss = ET.Element("rss", version="2.0")
    rss.append(channel)
    ET.indent(rss, space="  ")
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(rss, encoding="unicode") + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = text
    return element


def _rfc2822(day: date, zone: ZoneInfo) -> str:
    """Midnight of `day` in the city's time zone: "Tue, 01 Dec 2026 00:00:00 +0100"."""
    return format_datetime(datetime(day.year, day.month, day.day, tzinfo=zone))


def _true_false(flag: bool) -> str:
    return "true" if flag else "false"
