"""French sentences about podcasts and magazine articles."""

from __future__ import annotations

from datetime import date

from mairie.catalogue.model import Episode, Magazine, MagazineIssue, MagazineItem, PodcastSeries
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


def _long_series(count: int) -> PodcastSeries:
    episodes = tuple(
        Episode(f"e{n}", n, f"Titre {n}", (), "Une rencontre.", f"https://exemple.fr/e{n}.mp3")
        for n in range(1, count + 1)
    )
    return PodcastSeries("long", "Métamorphoses", "Une série.", None, episodes)


def test_a_long_episode_list_says_the_five_most_recent_and_where_the_rest_is() -> None:
    series = _long_series(12)
    assert media.is_capped(series)
    assert media.say_episode_list(series) == (
        "Métamorphoses compte 12 épisodes. Les cinq plus récents : l'épisode 12, Titre 12, l'épisode 11, Titre 11, "
        "l'épisode 10, Titre 10, l'épisode 9, Titre 9 et l'épisode 8, Titre 8. "
        "La liste complète est dans l'application Alexa."
    )
    assert media.ask_which_episode(series) == (
        "Lequel : l'épisode 12, Titre 12, l'épisode 11, Titre 11, l'épisode 10, Titre 10, l'épisode 9, Titre 9 "
        "ou l'épisode 8, Titre 8, ou un autre numéro ?"
    )
    card = media.episode_list_card(series).splitlines()
    assert card[0] == "Épisode 1 : Titre 1" and card[-1] == "Épisode 12 : Titre 12" and len(card) == 12


def test_five_episodes_are_all_said() -> None:
    series = _long_series(5)
    assert not media.is_capped(series)
    said = media.say_episode_list(series)
    assert said.startswith("Métamorphoses compte 5 épisodes. L'épisode 1, Titre 1,")
    assert "application Alexa" not in said


def _magazine(*months: str) -> Magazine:
    issues = tuple(MagazineIssue(m, date.fromisoformat(f"{m}-01"), f"Numéro {m}", ()) for m in months)
    return Magazine("Point d'Appui", "Le magazine de la ville.", None, issues)


def test_a_missing_issue_is_named_with_the_issues_on_file() -> None:
    two = _magazine("2026-10", "2026-11")
    assert media.say_no_issue(two, date(2026, 12, 1)) == (
        "Je n'ai pas le numéro de décembre 2026 de Point d'Appui. J'ai ceux d'octobre et de novembre 2026."
    )
    assert media.say_no_issue(_magazine("2026-11"), date(2026, 8, 1)) == (
        "Je n'ai pas le numéro d'août 2026 de Point d'Appui. J'ai celui de novembre 2026."
    )
    assert media.say_no_issue(_magazine(), None) == "Je n'ai pas encore de numéro de Point d'Appui pour ce mois-ci."


def test_only_the_latest_issues_are_named_with_the_year_once_per_year() -> None:
    many = _magazine("2025-10", "2025-11", "2025-12", "2026-01")
    assert (
        media.say_issues_on_file(many) == "Les plus récents sont ceux de novembre, de décembre 2025 et de janvier 2026."
    )
