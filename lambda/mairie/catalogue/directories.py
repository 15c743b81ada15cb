"""What podcast directories (Apple Podcasts, Spotify, YouTube Music) require of a feed and its episodes.

Shared by the reader, which tells staff what is missing (`reading.feeds`), and by the writer of the
feeds (`tools.feeds`), so that both agree on which entries a feed holds:

- an entry marked `exemple` is never published (its media are placeholders);
- an episode needs its audio file's URL, size in bytes and MIME type: RSS 2.0 makes the three
  `enclosure` attributes required, and Apple Podcasts refuses an episode without them. The type
  is told by the file's extension (`.mp3`, `.m4a`) unless staff wrote it;
- artwork is a square JPEG or PNG of 1400 to 3000 pixels: only the extension can be checked offline.

Rules as published by Apple ("A Podcaster's Guide to RSS", archived in the Podcast Index namespace
repository as `itunes_reference.md`; "Technical updates for hosting providers", 22 August 2022, which
makes `guid` required and stops using `itunes:owner`) and by Spotify and YouTube (both send the code
that proves ownership to the feed's `itunes:owner` e-mail). Used by the YAML reader and the tools, never
by the deployed Lambda (which reads the compiled catalogue).
"""

from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from mairie.catalogue.model import Episode, Magazine, MagazineIssue, PodcastSeries

LANGUAGE = "fr"
"""The feeds' `language` (ISO 639): the city speaks French."""

AUDIO_TYPES = {".mp3": "audio/mpeg", ".m4a": "audio/x-m4a"}
"""The audio types Apple Podcasts accepts, by file extension (its list also has video and PDF)."""

ARTWORK_EXTENSIONS = (".jpg", ".jpeg", ".png")

MAX_DESCRIPTION_BYTES = 4000
"""Apple Podcasts keeps at most 4000 bytes of a show's or an episode's description."""

APPLE_CATEGORIES: dict[str, tuple[str, ...]] = {
    "Arts": ("Books", "Design", "Fashion & Beauty", "Food", "Performing Arts", "Visual Arts"),
    "Business": ("Careers", "Entrepreneurship", "Investing", "Management", "Marketing", "Non-Profit"),
    "Comedy": ("Comedy Interviews", "Improv", "Stand-Up"),
    "Education": ("Courses", "How To", "Language Learning", "Self-Improvement"),
    "Fiction": ("Comedy Fiction", "Drama", "Science Fiction"),
    "Government": (),
    "History": (),
    "Health & Fitness": ("Alternative Health", "Fitness", "Medicine", "Mental Health", "Nutrition", "Sexuality"),
    "Kids & Family": ("Education for Kids", "Parenting", "Pets & Animals", "Stories for Kids"),
    "Leisure": (
        "Animation & Manga",
        "Automotive",
        "Aviation",
        "Crafts",
        "Games",
        "Hobbies",
        "Home & Garden",
        "Video Games",
    ),
    "Music": ("Music Commentary", "Music History", "Music Interviews"),
    "News": (
        "Business News",
        "Daily News",
        "Entertainment News",
        "News Commentary",
        "Politics",
        "Sports News",
        "Tech News",
    ),
    "Religion & Spirituality": ("Buddhism", "Christianity", "Hinduism", "Islam", "Judaism", "Religion", "Spirituality"),
    "Science": (
        "Astronomy",
        "Chemistry",
        "Earth Sciences",
        "Life Sciences",
        "Mathematics",
        "Natural Sciences",
        "Nature",
        "Physics",
        "Social Sciences",
    ),
    "Society & Culture": ("Documentary", "Personal Journals", "Philosophy", "Places & Travel", "Relationships"),
    "Sports": (
        "Baseball",
        "Basketball",
        "Cricket",
        "Fantasy Sports",
        "Football",
        "Golf",
        "Hockey",
        "Rugby",
        "Running",
        "Soccer",
        "Swimming",
        "Tennis",
        "Volleyball",
        "Wilderness",
        "Wrestling",
    ),
    "Technology": (),
    "True Crime": (),
    "TV & Film": ("After Shows", "Film History", "Film Interviews", "Film Reviews", "TV Reviews"),
}
"""Apple Podcasts' categories and their subcategories (19 and 91), in the English the feed must use."""


def _extension(url: str) -> str:
    return PurePosixPath(urlsplit(url).path).suffix.lower()


def enclosure_type(url: str, declared: str | None) -> str | None:
    """The MIME type of the audio file at `url`: the one staff wrote, else the one its extension tells."""
    return declared or AUDIO_TYPES.get(_extension(url))


def is_artwork(url: str) -> bool:
    """True when the image's extension is one Apple Podcasts accepts (JPEG or PNG)."""
    return _extension(url) in ARTWORK_EXTENSIONS


def episode_in_feed(episode: Episode) -> bool:
    """Published: not an example, and its `enclosure` can be written whole."""
    return (
        not episode.example
        and episode.audio_bytes is not None
        and enclosure_type(episode.audio_url, episode.audio_type) is not None
    )


def issue_in_feed(issue: MagazineIssue) -> bool:
    """Published: an audio edition, not an example, whose `enclosure` can be written whole."""
    return (
        not issue.example
        and issue.audio_url is not None
        and issue.audio_bytes is not None
        and enclosure_type(issue.audio_url, issue.audio_type) is not None
    )


def feed_episodes(series: PodcastSeries) -> tuple[Episode, ...]:
    """The episodes of the series' feed, newest (highest number) first."""
    return tuple(episode for episode in reversed(series.episodes) if episode_in_feed(episode))


def feed_issues(magazine: Magazine) -> tuple[MagazineIssue, ...]:
    """The audio editions of the magazine's feed, newest first."""
    return tuple(issue for issue in reversed(magazine.issues) if issue_in_feed(issue))


def has_audio_editions(magazine: Magazine) -> bool:
    """True when the magazine has (or announces, as examples) audio editions: it then gets a feed."""
    return any(issue.audio_url for issue in magazine.issues)
