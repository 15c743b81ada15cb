"""Stable tokens, navigation in a series and magazine articles, on the bundled catalogue."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from mairie.alexa.respond import play_directive
from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.model import Catalogue, Magazine, MagazineIssue
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


def _magazine_of(*months: str) -> Catalogue:
    issues = tuple(
        MagazineIssue(month, date.fromisoformat(f"{month}-01"), f"Numéro {month}", ()) for month in sorted(months)
    )
    return replace(CATALOGUE, magazine=Magazine("Point d'Appui", "Le magazine.", None, issues))


@pytest.mark.parametrize(
    ("on_file", "alexa_sends", "today", "issue", "named"),
    [
        # « octobre » said in November: Alexa sends next October, the resident means the one just out
        (("2026-10", "2026-11"), "2027-10", "2026-11-26", "2026-10", "2026-10"),
        # « le mois dernier » and « ce mois-ci » are the month itself
        (("2026-10", "2026-11"), "2026-10", "2026-11-26", "2026-10", "2026-10"),
        (("2026-10", "2026-11"), "2026-11", "2026-11-26", "2026-11", "2026-11"),
        # « le mois prochain » (or « décembre ») in November: December 2026, published early or not yet there
        (("2026-10", "2026-11", "2026-12"), "2026-12", "2026-11-26", "2026-12", "2026-12"),
        (("2026-10", "2026-11"), "2026-12", "2026-11-26", None, "2026-12"),
        # « décembre » in November is the coming one, not last year's, eleven months old
        (("2025-12", "2026-11"), "2026-12", "2026-11-26", None, "2026-12"),
        # « avril » in November is last April, even when it is not on file
        (("2026-10", "2026-11"), "2027-04", "2026-11-26", None, "2026-04"),
        # an issue staff put on file far ahead is still found
        (("2026-11", "2027-04"), "2027-04", "2026-11-26", "2027-04", "2027-04"),
        # « le mois dernier » in January is last December, which is not on file
        (("2026-10", "2026-11"), "2026-12", "2027-01-10", None, "2026-12"),
        # both on file: the one just published
        (("2026-05", "2027-05"), "2027-05", "2026-11-26", "2026-05", "2026-05"),
        # two months ahead is already last year's, when both are on file
        (("2026-01", "2027-01"), "2027-01", "2026-11-26", "2026-01", "2026-01"),
        # « janvier » in December is the coming January, across the new year
        (("2026-01", "2027-01"), "2027-01", "2026-12-15", "2027-01", "2027-01"),
        # a year said out loud, in the past: taken as said
        (("2025-10", "2026-10"), "2025-10", "2026-11-26", "2025-10", "2025-10"),
    ],
)
def test_the_month_asked_means_the_nearest_sensible_issue(
    on_file: tuple[str, ...], alexa_sends: str, today: str, issue: str | None, named: str
) -> None:
    found, month = playlist.asked_magazine_issue(
        _magazine_of(*on_file), date.fromisoformat(f"{alexa_sends}-01"), date.fromisoformat(today)
    )
    assert (found.id if found else None, month.isoformat()[:7]) == (issue, named)


def test_a_retried_stream_is_marked_once_and_keeps_its_content_id() -> None:
    token = "podcast:metamorphoses:depardon"
    retried = playlist.retry_token(token)
    assert retried == token + "#reprise" and playlist.retry_token(retried) == retried
    assert playlist.is_retry(retried) and not playlist.is_retry(token) and not playlist.is_retry(None)
    assert playlist.stable_token(retried) == token
