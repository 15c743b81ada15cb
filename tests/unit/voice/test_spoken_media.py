"""French sentences about podcasts and magazine articles."""

from __future__ import annotations

from mairie.catalogue.model import Episode, MagazineItem, PodcastSeries
from mairie.voice import media


def _series(series_id: str, title: str) -> PodcastSeries:
    episode = Episode("e1", 1, "Premier pas", ("Jeanne Martin",), "Une rencontre.", "https://exemple.fr/e1.mp3")
    return PodcastSeries(series_id, title, "Une série.", None, (episode,))


def test_several_series_are_named_before_the_episodes() -> None:
    one = _series("a", "Métamorphoses")
    assert media.say_series_list([one]) == ""
    two = [one, _series("b", "Issy d'hier")]
    assert media.say_series_list(two) == "La ville propose 2 séries de podcasts : Métamorphoses et Issy d'hier."


def test_an_article_is_its_title_then_its_text_as_sentences() -> None:
    item = MagazineItem("x", "Le parc Henri-Barbusse", "Un parc rénové", None)
    assert media.say_article(item, is_last=False) == "Le parc Henri-Barbusse. Un parc rénové."
    assert media.say_article(item, is_last=True).endswith("Un parc rénové. C'était le dernier article du sommaire.")
    asked = MagazineItem("y", "Qui a construit la Cité des Sports ?", "Réponse dans ce numéro.")
    assert media.say_article(asked, is_last=False) == "Qui a construit la Cité des Sports ? Réponse dans ce numéro."
