"""The podcast feeds `mairie build` writes, read back by an independent parser (feedparser) as a directory would.

The catalogue is the fixture commune with its examples confirmed and the fields directories need
filled in, plus a podcast series written here: one complete episode, one example episode (never
published) and one whose audio size is unknown (left out until it is given).
"""

from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pytest

from mairie.catalogue.loader import load_catalogue
from mairie.tools.feeds import FEEDS, feed_files

ROOT = Path(__file__).resolve().parents[3]
COMMUNE = ROOT / "tests" / "fixtures" / "commune"
ITUNES = "{http://www.itunes.com/dtds/podcast-1.0.dtd}"
SERIES_FEED = FEEDS / "podcast-metamorphoses.xml"
MAGAZINE_FEED = FEEDS / "magazine.xml"

PODCASTS = """\
podcasts:
  - id: metamorphoses
    titre: Métamorphoses, Issy se réinvente
    description: Architectes & habitants racontent comment la ville se transforme.
    image: https://media.exemple.fr/metamorphoses/pochette.jpg
    site_web: https://metamorphoses.exemple.fr
    categorie: Society & Culture
    sous_categorie: Documentary
    proprietaire:
      nom: Service communication
      email: podcasts@exemple.fr
    episodes:
      - id: depardon
        numero: 1
        titre: L'architecte est le héros d'aujourd'hui
        invites: [Raymond Depardon]
        description: Le photographe Raymond Depardon et les bâtiments d'Issy.
        audio: https://media.exemple.fr/metamorphoses/01-depardon.mp3
        taille_audio: 28 512 345
        date: 2019-03-01
        duree: 25:30
        image: https://media.exemple.fr/metamorphoses/01.png
      - id: maas
        numero: 2
        titre: La nature et la ville sont indissociables
        invites: [Winy Maas]
        description: L'architecte Winy Maas présente le projet La Serre.
        audio: https://media.exemple.fr/metamorphoses/02-maas.m4a
        taille_audio: 31000000
        date: 2019-04-05
        duree: 1:02:03
      - id: brouillon
        numero: 3
        titre: Un épisode pas encore confirmé
        description: Ceci est un exemple.
        audio: https://media.exemple.fr/metamorphoses/03.mp3
        taille_audio: 1000
        exemple: true
      - id: sans-taille
        numero: 4
        titre: Un épisode dont on ignore la taille
        description: Sa taille manque.
        audio: https://media.exemple.fr/metamorphoses/04.mp3
"""

NEW_EPISODE = """\
      - id: farman
        numero: 5
        titre: Henri Farman et le premier kilomètre
        description: Le 13 janvier 1908, à Issy.
        audio: https://media.exemple.fr/metamorphoses/05-farman.mp3
        taille_audio: 20000000
        date: 2019-06-07
        duree: 18:00
"""


def _replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def commune(tmp_path: Path) -> Path:
    """The fixture commune, examples confirmed, ready for publication; its feeds go online at flux.exemple.fr."""
    folder = tmp_path / "content"
    shutil.copytree(COMMUNE, folder)
    (folder / "podcasts.yaml").write_text(PODCASTS, encoding="utf-8")
    magazine = folder / "magazine.yaml"
    magazine.write_text(magazine.read_text(encoding="utf-8").replace("      exemple: true\n", ""), encoding="utf-8")
    _replace(
        magazine,
        "  site_web: https://www.issy.com\n",
        "  site_web: https://www.issy.com\n  image: https://media.exemple.fr/point-d-appui/pochette.png\n"
        "  categorie: Government\n  proprietaire:\n    email: magazine@exemple.fr\n",
    )
    _replace(
        magazine,
        "      audio: https://media.exemple.fr/point-d-appui/2026-11.mp3\n",
        "      audio: https://media.exemple.fr/point-d-appui/2026-11.mp3\n      taille_audio: 15000000\n"
        "      duree: 32:10\n",
    )
    _replace(
        folder / "city.yaml",
        "  fuseau_horaire:",
        "  adresse_flux: https://flux.exemple.fr/podcasts/\n  fuseau_horaire:",
    )
    return folder


def feeds_of(folder: Path) -> dict[Path, str]:
    return feed_files(load_catalogue(folder))


def items(feed: str) -> list[str]:
    """Each `<item>` of a feed, as written."""
    return re.findall(r"<item>.*?</item>", feed, flags=re.DOTALL)


def test_one_feed_per_series_and_one_for_the_magazine(commune: Path) -> None:
    assert sorted(feeds_of(commune)) == [MAGAZINE_FEED, SERIES_FEED]


def test_the_series_feed_has_what_apple_podcasts_requires_of_a_show(commune: Path) -> None:
    text = feeds_of(commune)[SERIES_FEED]
    parsed = feedparser.parse(text)
    assert not parsed.bozo and parsed.version == "rss20"
    assert parsed.namespaces["itunes"] == "http://www.itunes.com/dtds/podcast-1.0.dtd"
    feed = parsed.feed
    assert feed.title == "Métamorphoses, Issy se réinvente"
    assert feed.subtitle == "Architectes & habitants racontent comment la ville se transforme."
    assert feed.link == "https://metamorphoses.exemple.fr"
    assert feed.language == "fr"
    assert feed.image.href == "https://media.exemple.fr/metamorphoses/pochette.jpg"
    assert [tag.term for tag in feed.tags] == ["Society & Culture", "Documentary"]
    assert feed.publisher_detail == {"name": "Service communication", "email": "podcasts@exemple.fr"}
    assert feed.itunes_type == "episodic"
    self_links = [link.href for link in feed.links if link.rel == "self"]
    assert self_links == ["https://flux.exemple.fr/podcasts/podcast-metamorphoses.xml"]
    assert feed.published == "Fri, 05 Apr 2019 00:00:00 +0200", "the newest episode's date"
    # feedparser reads « false » as unknown: the standard library checks Apple's true/false spelling.
    channel = ET.fromstring(text).find("channel")
    assert channel is not None
    assert channel.findtext(f"{ITUNES}explicit") == "false"
    assert channel.findtext(f"{ITUNES}author") == "Issy-les-Moulineaux"
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<rss xmlns:atom=')
    assert text.splitlines()[1].endswith('version="2.0">'), "namespaces declared on the rss line"


def test_each_episode_has_its_enclosure_stable_guid_date_and_duration(commune: Path) -> None:
    text = feeds_of(commune)[SERIES_FEED]
    entries = feedparser.parse(text).entries
    assert [entry.id for entry in entries] == ["podcast:metamorphoses:maas", "podcast:metamorphoses:depardon"]
    maas, depardon = entries
    assert not depardon.guidislink
    assert depardon.title == "L'architecte est le héros d'aujourd'hui"
    assert depardon.summary == "Le photographe Raymond Depardon et les bâtiments d'Issy."
    assert [(e.href, e.length, e.type) for e in depardon.enclosures] == [
        ("https://media.exemple.fr/metamorphoses/01-depardon.mp3", "28512345", "audio/mpeg")
    ]
    assert [(e.href, e.length, e.type) for e in maas.enclosures] == [
        ("https://media.exemple.fr/metamorphoses/02-maas.m4a", "31000000", "audio/x-m4a")
    ]
    assert depardon.published == "Fri, 01 Mar 2019 00:00:00 +0100"
    assert maas.published == "Fri, 05 Apr 2019 00:00:00 +0200", "the city's summer time"
    assert (depardon.itunes_duration, maas.itunes_duration) == ("1530", "3723")
    assert (depardon.itunes_episode, depardon.itunes_episodetype) == ("1", "full")
    assert depardon.image.href == "https://media.exemple.fr/metamorphoses/01.png"
    item = ET.fromstring(text).find("channel/item")
    assert item is not None and item.findtext(f"{ITUNES}explicit") == "false"


def test_an_example_episode_never_appears(commune: Path) -> None:
    text = feeds_of(commune)[SERIES_FEED]
    assert "brouillon" not in text and "pas encore confirmé" not in text and "03.mp3" not in text


def test_an_episode_whose_audio_size_is_unknown_is_left_out(commune: Path) -> None:
    text = feeds_of(commune)[SERIES_FEED]
    assert "sans-taille" not in text and "04.mp3" not in text


def test_the_magazine_feed_holds_its_audio_editions(commune: Path) -> None:
    parsed = feedparser.parse(feeds_of(commune)[MAGAZINE_FEED])
    assert not parsed.bozo
    assert (parsed.feed.title, parsed.feed.language) == ("Point d'Appui", "fr")
    assert parsed.feed.image.href == "https://media.exemple.fr/point-d-appui/pochette.png"
    assert [tag.term for tag in parsed.feed.tags] == ["Government"]
    assert parsed.feed.publisher_detail == {"name": "Issy-les-Moulineaux", "email": "magazine@exemple.fr"}
    [issue] = parsed.entries  # October has no audio edition
    assert (issue.id, issue.title) == ("magazine:2026-11", "Point d'Appui, novembre 2026")
    assert [(e.href, e.length, e.type) for e in issue.enclosures] == [
        ("https://media.exemple.fr/point-d-appui/2026-11.mp3", "15000000", "audio/mpeg")
    ]
    assert issue.published == "Sun, 01 Nov 2026 00:00:00 +0100"
    assert issue.itunes_duration == "1930"
    assert issue.summary == (
        "Au sommaire : Le Musée français de la Carte à Jouer ; Métamorphoses, les podcasts qui racontent la ville ; "
        "Issy, berceau de l'aviation."
    )


def test_an_example_issue_never_appears(commune: Path) -> None:
    _replace(
        commune / "magazine.yaml",
        "      taille_audio: 15000000\n",
        "      taille_audio: 15000000\n      exemple: true\n",
    )
    parsed = feedparser.parse(feeds_of(commune)[MAGAZINE_FEED])
    assert parsed.entries == []
    assert parsed.feed.title == "Point d'Appui", "the feed itself is still written"


def test_adding_an_episode_adds_exactly_one_item_and_leaves_the_others_byte_identical(commune: Path) -> None:
    before = feeds_of(commune)[SERIES_FEED]
    with (commune / "podcasts.yaml").open("a", encoding="utf-8") as file:
        file.write(NEW_EPISODE)
    after = feeds_of(commune)[SERIES_FEED]
    ids_before = {entry.id for entry in feedparser.parse(before).entries}
    ids_after = {entry.id for entry in feedparser.parse(after).entries}
    assert ids_after - ids_before == {"podcast:metamorphoses:farman"}
    assert ids_before <= ids_after
    assert items(after)[1:] == items(before), "the older items, byte for byte"
    assert len(items(after)) == len(items(before)) + 1


def test_editing_an_episode_keeps_its_guid(commune: Path) -> None:
    before = feedparser.parse(feeds_of(commune)[SERIES_FEED]).entries
    _replace(commune / "podcasts.yaml", "01-depardon.mp3", "01-depardon-v2.mp3")
    _replace(commune / "podcasts.yaml", "titre: L'architecte est le héros", "titre: L'architecte, héros")
    after = feedparser.parse(feeds_of(commune)[SERIES_FEED]).entries
    assert [entry.id for entry in after] == [entry.id for entry in before]
    assert after[1].title == "L'architecte, héros d'aujourd'hui"


def test_the_same_catalogue_gives_the_same_bytes(commune: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "ailleurs"
    shutil.copytree(commune, elsewhere)
    assert feeds_of(commune) == feeds_of(elsewhere) == feeds_of(commune)


def test_without_the_optional_fields_the_feed_is_still_well_formed(tmp_path: Path) -> None:
    """The bundled commune as it is: examples only, no artwork, no owner, no feed address."""
    files = feeds_of(COMMUNE)
    for text in files.values():
        parsed = feedparser.parse(text)
        assert not parsed.bozo and parsed.entries == []
        assert parsed.feed.language == "fr"
        assert "itunes:owner" not in text and "atom:link" not in text and "itunes:image" not in text


def test_the_fixture_commune_as_is_publishes_no_example_and_invents_no_owner() -> None:
    """Every episode and issue of the fixture commune is an example: its feeds are empty, and no e-mail is made up."""
    files = feeds_of(COMMUNE)
    assert sorted(files) == [MAGAZINE_FEED, SERIES_FEED]
    for text in files.values():
        assert feedparser.parse(text).entries == [] and "@" not in text


def test_the_feeds_are_never_shipped_to_amazon() -> None:
    """ask-cli zips the code folder and uploads the skill package; an Alexa-hosted skill builds `lambda/`."""
    profile = json.loads((ROOT / "ask-resources.json").read_text(encoding="utf-8"))["profiles"]["default"]
    shipped = [Path(profile["code"]["default"]["src"]), Path(profile["skillMetadata"]["src"]), Path("lambda")]
    for path in feeds_of(COMMUNE):
        assert not any(path.is_relative_to(folder) for folder in shipped), path
