"""Stable tokens, navigation in a series and magazine articles, on the bundled catalogue."""

from __future__ import annotations

from pathlib import Path

from mairie.alexa.respond import play_directive
from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.slots import article_values
from mairie.domain import playlist

COMMUNE = Path(__file__).resolve().parents[3] / "tests" / "fixtures" / "commune"
CATALOGUE = load_catalogue(COMMUNE)


def test_tokens_come_from_content_ids_and_unknown_tokens_resolve_to_nothing() -> None:
    track = playlist.track_for_token(CATALOGUE, "podcast:metamorphoses:depardon")
    assert track is not None and track.episode is not None and track.episode.number == 1
    assert playlist.track_for_token(CATALOGUE, "magazine:2026-11") is not None
    for token in ("podcast:metamorphoses:retire", "magazine:2020-01", "podcast:x", "", None, "autre:chose"):
        assert playlist.track_for_token(CATALOGUE, token) is None


def test_articles_by_slot_id_and_by_free_words() -> None:
    october = CATALOGUE.magazine_issue("2026-10")
    assert october is not None
    assert playlist.find_article(CATALOGUE, "2026-10:cite-des-sports") == (october, 1)
    assert playlist.find_article(CATALOGUE, "2026-10:inconnu") is None
    assert playlist.match_article(october, "la cité des sports") == 1
    assert playlist.match_article(october, "les médiathèques le dimanche") == 2
    assert playlist.match_article(october, "la météo") is None
    assert playlist.match_article(october, "de la") is None
    assert [playlist.next_article(october, i) for i in (-1, 0, 1, 2)] == [0, 1, 2, None]
    november = CATALOGUE.magazine_issue("2026-11")
    assert november is not None
    assert playlist.match_article_in(CATALOGUE, "la cité des sports", november) == (october, 1)
    assert playlist.match_article_in(CATALOGUE, "le musée", november) == (november, 0)


def test_article_slot_values_are_unique_and_name_the_issue() -> None:
    values = article_values(CATALOGUE)
    assert values[0] == {
        "id": "2026-11:musee-carte-a-jouer",
        "name": {
            "value": "musée français de la carte à jouer",
            "synonyms": [
                "le musée français de la carte à jouer",
                "le musée de la carte à jouer",
                "musée de la carte à jouer",
                "le musée",
                "musée",
                "les cartes à jouer",
                "cartes à jouer",
            ],
        },
    }
    spoken = [v["name"]["value"] for v in values]
    assert len(spoken) == len(set(spoken)) == 6


def test_play_directive_carries_title_subtitle_and_art_when_the_catalogue_has_an_image() -> None:
    track = playlist.track_for_token(CATALOGUE, "podcast:metamorphoses:maas")
    assert track is not None
    with_art = playlist.Track(**{**track.__dict__, "image_url": "https://images.exemple.fr/metamorphoses.jpg"})
    metadata = play_directive(with_art).audio_item.metadata
    assert (metadata.title, metadata.subtitle) == ("La nature et la ville sont indissociables", track.subtitle)
    assert metadata.art.sources[0].url == "https://images.exemple.fr/metamorphoses.jpg"
    assert play_directive(track).audio_item.metadata.art is None
