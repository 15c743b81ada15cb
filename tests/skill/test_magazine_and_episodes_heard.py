"""Which issue, article or episode a resident gets, on the fixture commune (and on copies of it with
a third episode and a cover image), through `lambda_handler` and the playlist rules it uses."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mairie.catalogue.loader import load_catalogue
from mairie.domain import playlist
from tests.skill.envelopes import audio_event, directives, intent, send, slot, speech
from tests.skill.on_commune import COMMUNE, content_folder

CATALOGUE = load_catalogue(COMMUNE)
NOVEMBER = "2026-11-26T09:00:00Z"
MORE = " Puis-je vous aider pour autre chose ?"
NO_PODCAST = "Je n'ai pas encore de podcast à vous proposer." + MORE
THIRD_EPISODE = """
      - id: troisieme
        numero: 3
        titre: Un troisième épisode pour les tests
        invites:
          - Une invitée
        description: Un épisode fictif, publié après les deux autres.
        audio: https://media.exemple.fr/metamorphoses/03-tests.mp3
        exemple: true
"""
COVER = "      image: https://media.exemple.fr/point-d-appui/2026-11.jpg\n"


@pytest.fixture(scope="module")
def commune() -> Iterator[None]:
    with content_folder():
        yield


@pytest.fixture(scope="module")
def richer_commune(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The fixture commune with a third episode and a cover for November's issue."""
    folder = tmp_path_factory.mktemp("commune-riche")
    for source in COMMUNE.iterdir():
        (folder / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    podcasts = folder / "podcasts.yaml"
    podcasts.write_text(podcasts.read_text(encoding="utf-8").rstrip("\n") + "\n" + THIRD_EPISODE, encoding="utf-8")
    magazine = folder / "magazine.yaml"
    audio = "      audio: https://media.exemple.fr/point-d-appui/2026-11.mp3\n"
    magazine.write_text(magazine.read_text(encoding="utf-8").replace(audio, audio + COVER), encoding="utf-8")
    with content_folder(folder):
        yield folder


def the_play(result: dict[str, Any]) -> dict[str, Any]:
    found = directives(result)
    assert [d["type"] for d in found] == ["AudioPlayer.Play"], found
    play: dict[str, Any] = found[0]["audioItem"]
    return play


# --- the magazine ------------------------------------------------------------------------------


def test_a_month_without_an_issue_is_said(commune: None) -> None:
    answer = speech(send(intent("MagazineIntent", [slot("month", "2026-08")], at=NOVEMBER)))
    assert (
        answer == "Je n'ai pas le numéro d'août 2026 de Point d'Appui. J'ai ceux d'octobre et de novembre 2026." + MORE
    )


def test_before_the_first_issue_there_is_no_magazine_yet(commune: None) -> None:
    september = "2026-09-15T09:00:00Z"
    expected = (
        "Je n'ai pas encore de numéro de Point d'Appui pour ce mois-ci. J'ai ceux d'octobre et de novembre 2026." + MORE
    )
    assert speech(send(intent("MagazineIntent", at=september))) == expected
    assert speech(send(intent("MagazineAudioIntent", at=september))) == expected


def test_on_the_first_of_the_month_the_new_issue_is_this_months(commune: None) -> None:
    answer = speech(send(intent("MagazineIntent", at="2026-11-01T09:00:00Z")))
    assert answer.startswith("Au sommaire de Point d'Appui de novembre 2026 :")


def test_a_magazine_resumed_days_later_is_named(commune: None, user: str) -> None:
    send(audio_event("AudioPlayer.PlaybackStopped", "magazine:2026-11", 95_000, user=user, activity="STOPPED"))
    result = send(
        intent("AMAZON.ResumeIntent", user=user, at="2026-11-30T09:00:00Z", player={"playerActivity": "IDLE"})
    )
    assert speech(result) == "Je reprends le magazine Point d'Appui de novembre 2026."
    stream = the_play(result)["stream"]
    assert (stream["token"], stream["offsetInMilliseconds"]) == ("magazine:2026-11", 95_000)


def test_the_magazine_cover_is_shown_with_its_audio_edition(richer_commune: Path) -> None:
    audio = the_play(send(intent("MagazineAudioIntent", at=NOVEMBER)))
    assert audio["metadata"]["title"] == "Point d'Appui, novembre 2026"
    assert audio["metadata"]["subtitle"] == "Point d'Appui"
    assert audio["metadata"]["art"]["sources"] == [{"url": COVER.split(": ")[1].strip()}]


# --- episodes ----------------------------------------------------------------------------------


def test_the_latest_episode_is_the_last_one_published(richer_commune: Path) -> None:
    result = send(intent("PlayPodcastIntent"))
    assert the_play(result)["stream"]["token"] == "podcast:metamorphoses:troisieme"
    series = load_catalogue(richer_commune).series("metamorphoses")
    assert series is not None
    assert [playlist.latest_episode(series), playlist.first_episode(series)] == [series.episodes[2], series.episodes[0]]


def test_unknown_tokens_designate_nothing() -> None:
    for token in ("podcast:2026-11", "magazine:metamorphoses:depardon", "magazine:2026-10", "podcast:metamorphoses"):
        assert playlist.track_for_token(CATALOGUE, token) is None, token  # October has no audio edition
    found = playlist.track_for_token(CATALOGUE, "magazine:2026-11")
    assert found is not None and found.issue is not None and found.issue.id == "2026-11"


# --- articles asked in free words ("lis-moi l'article sur …") ---------------------------------

ISSUE = CATALOGUE.magazine_issue("2026-11")


@pytest.mark.parametrize(
    ("said", "item"),
    [
        ("l'aviation", 2),  # « Issy, berceau de l'aviation »: words, not punctuation, are compared
        ("Conti", 0),  # a word of the summary only is enough
        ("le château des princes de Conti", 0),  # several words of one summary
        ("Issy", 2),  # in a title and a summary beats a summary alone
        ("le 13", 2),  # « Le 13 janvier 1908, Henri Farman… »: two characters are a word
        ("d", None),  # a lone letter (« d' ») is no word
    ],
)
def test_the_article_meant_by_free_words(said: str, item: int | None) -> None:
    assert ISSUE is not None
    assert playlist.match_article(ISSUE, said) == item


def test_a_title_word_weighs_two_summary_words_and_a_tie_is_no_answer() -> None:
    # « aviation » is in one title; « château » and « princes » in another item's summary: a tie
    assert ISSUE is not None
    assert playlist.match_article(ISSUE, "aviation château princes") is None
    assert playlist.match_article(ISSUE, "aviation château") == 2


def test_a_commune_without_podcasts_says_so(tmp_path: Path) -> None:
    for source in COMMUNE.iterdir():
        if source.name != "podcasts.yaml":
            (tmp_path / source.name).write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with content_folder(tmp_path):
        result = send(intent("PlayPodcastIntent"))
    assert directives(result) == []
    assert speech(result) == NO_PODCAST
