"""`podcasts.yaml`: podcast series and their episodes."""

from __future__ import annotations

from yaml.nodes import Node

from mairie.catalogue.directories import feed_episodes
from mairie.catalogue.model import Episode, PodcastSeries
from mairie.catalogue.reading import feeds
from mairie.catalogue.reading.common import UniqueIds
from mairie.catalogue.reading.nodes import Fields, Reader
from mairie.catalogue.reading.values import parse_date, parse_duration

SERIES_KEYS = ("id", "titre", "description", "image", "site_web", *feeds.FEED_KEYS, "episodes")
EPISODE_KEYS = (
    "id",
    "numero",
    "titre",
    "invites",
    "description",
    "audio",
    *feeds.MEDIA_KEYS,
    "date",
    "duree",
    "image",
    "exemple",
)


def read_podcasts(reader: Reader, root: Node) -> list[PodcastSeries]:
    top = reader.top(root, "podcasts")
    if top is None:
        return []
    ids = UniqueIds(reader)
    series = []
    for fields in top.items("podcasts", SERIES_KEYS, required=True):
        one = read_series(fields)
        ids.check(one.id or None, fields)
        series.append(one)
    return series


def read_series(fields: Fields) -> PodcastSeries:
    ids = UniqueIds(fields.reader)
    numbers = UniqueIds(fields.reader, "le numéro")
    episodes = []
    for episode_fields in fields.items("episodes", EPISODE_KEYS, required=True):
        episode = read_episode(episode_fields)
        ids.check(episode.id or None, episode_fields)
        numbers.check(str(episode.number) if episode.number else None, episode_fields, "numero")
        episodes.append(episode)
    series = PodcastSeries(
        id=fields.ident() or "",
        title=fields.text("titre") or "",
        description=fields.text("description") or "",
        image_url=fields.url("image"),
        episodes=tuple(sorted(episodes, key=lambda episode: episode.number)),
        website=fields.url("site_web"),
        feed=feeds.read_feed_settings(fields),
    )
    feeds.note_channel(fields, series.image_url, series.feed, len(feed_episodes(series)), "épisode")
    feeds.note_description(fields, "description", series.description)
    return series


def read_episode(fields: Fields) -> Episode:
    media = feeds.read_media(fields)
    episode = Episode(
        id=fields.ident() or "",
        number=fields.integer("numero", required=True, low=1) or 0,
        title=fields.text("titre") or "",
        guests=fields.texts("invites"),
        description=fields.text("description") or "",
        audio_url=fields.url("audio", required=True) or "",
        published=fields.parsed("date", parse_date),
        duration_seconds=fields.parsed("duree", parse_duration),
        image_url=fields.url("image"),
        example=fields.flag("exemple"),
        audio_bytes=media[0],
        audio_type=media[1],
    )
    if not episode.example and episode.audio_url:
        feeds.note_item(fields, episode.audio_url, media, episode.duration_seconds)
        feeds.note_publication_date(fields)
        feeds.note_artwork(fields, "image", episode.image_url)
        feeds.note_description(fields, "description", episode.description)
    return episode
