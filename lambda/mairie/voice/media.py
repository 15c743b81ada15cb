"""French answers about the municipal magazine and the podcasts."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from mairie.catalogue.model import Episode, Magazine, MagazineIssue, MagazineItem, PodcastSeries
from mairie.domain.playlist import Track
from mairie.voice.french import MONTHS, SPOKEN_LIST_MAX, capitalize_first, de, join_list, say_count


def _month_phrase(month: date) -> str:
    name = MONTHS[month.month - 1]
    return f"d'{name}" if name[0] in "aeiou" else f"de {name}"


def say_issue_summary(magazine: Magazine, issue: MagazineIssue) -> str:
    titles = [item.title for item in issue.items]
    # one sentence per title, so that the first sentence stays short
    listed = "".join(titles[:1]) + "".join(f". Ensuite, {title}" for title in titles[1:-1])
    listed += f". Et enfin, {titles[-1]}" if len(titles) > 1 else ""
    text = f"Au sommaire {de(magazine.name)} {_month_phrase(issue.month)} {issue.month.year} : {listed}."
    if issue.audio_url:
        text += " Dites « écoute le magazine » pour la version audio."
    if issue.example:
        where = f" sur {spoken_site(magazine.website)}" if magazine.website else ""
        text += f" Ce sommaire est un exemple : retrouvez le vrai magazine{where}."
    return text


def say_listen_elsewhere(track: Track, website: str) -> str:
    """ "L'épisode 1 de Métamorphoses n'est pas encore disponible à l'écoute ici. Vous pouvez
    l'écouter sur le site metamorphoses.lepodcast.fr." (its audio is an example, never streamed)"""
    if track.episode is not None and track.series is not None:
        what = f"L'épisode {track.episode.number} de {track.series.title}"
    elif track.issue is not None:
        month = track.issue.month
        what = f"La version audio du magazine {track.subtitle} {_month_phrase(month)} {month.year}"
    else:
        what = f"« {track.title} »"
    return f"{what} n'est pas encore disponible à l'écoute ici. Vous pouvez l'écouter sur {spoken_site(website)}."


def spoken_site(url: str) -> str:
    """ "https://www.issy.com/magazine" → "le site issy.com"."""
    host = url.split("://", 1)[-1].split("/", 1)[0]
    return f"le site {host.removeprefix('www.')}"


def ask_read_item(issue: MagazineIssue) -> str:
    if not issue.items:
        return "Que voulez-vous savoir d'autre ?"
    return f"Voulez-vous que je vous lise le premier article, « {issue.items[0].title} » ?"


def say_no_issue(magazine: Magazine | None, month: date | None) -> str:
    """ "Je n'ai pas le numéro de décembre 2026 de Point d'Appui. J'ai ceux d'octobre et de novembre 2026." """
    if magazine is None:
        return "Je n'ai pas encore de magazine municipal à vous présenter."
    if month is not None:
        text = f"Je n'ai pas le numéro {_month_phrase(month)} {month.year} {de_magazine(magazine)}."
    else:
        text = f"Je n'ai pas encore de numéro {de_magazine(magazine)} pour ce mois-ci."
    on_file = say_issues_on_file(magazine)
    return f"{text} {on_file}" if on_file else text


ISSUES_NAMED = 3
"""At most this many issues are named (the latest ones): a longer list is lost by ear."""


def say_issues_on_file(magazine: Magazine) -> str:
    """ "J'ai celui de novembre 2026.", "J'ai ceux d'octobre et de novembre 2026.", or, past
    `ISSUES_NAMED`, "Les plus récents sont ceux de septembre, d'octobre et de novembre 2026." """
    months = sorted(issue.month for issue in magazine.issues)
    if not months:
        return ""
    named = months[-ISSUES_NAMED:]
    # the year once per run of months of the same year: "de décembre 2025 et de janvier 2026"
    phrases = [
        f"{_month_phrase(month)} {month.year}"
        if index == len(named) - 1 or named[index + 1].year != month.year
        else _month_phrase(month)
        for index, month in enumerate(named)
    ]
    if len(named) == 1:
        return f"J'ai celui {phrases[0]}."
    if len(months) > len(named):
        return f"Les plus récents sont ceux {join_list(phrases)}."
    return f"J'ai ceux {join_list(phrases)}."


def de_magazine(magazine: Magazine) -> str:
    return de(magazine.name)


def say_no_magazine_audio(magazine: Magazine, issue: MagazineIssue) -> str:
    return (
        f"Le numéro {_month_phrase(issue.month)} {issue.month.year} {de_magazine(magazine)} "
        "n'a pas de version audio. Voulez-vous que je vous lise son sommaire ?"
    )


def say_magazine_audio_intro(magazine: Magazine, issue: MagazineIssue) -> str:
    return f"Voici le magazine {magazine.name} {_month_phrase(issue.month)} {issue.month.year}, en version audio."


def say_play_episode(series: PodcastSeries, episode: Episode, resumed: bool = False) -> str:
    guests = f", avec {join_list(list(episode.guests))}" if episode.guests else ""
    if resumed:
        return f"Je reprends l'épisode {episode.number} de {series.title} : {episode.title}."
    return f"Voici l'épisode {episode.number} de {series.title}{guests} : {episode.title}."


FULL_LIST_IN_APP = "La liste complète est dans l'application Alexa."
"""Said when a list was cut to `SPOKEN_LIST_MAX`: the answer's card holds every item."""


def is_capped(series: PodcastSeries) -> bool:
    """Whether the spoken list of episodes leaves some out (the card then lists them all)."""
    return len(series.episodes) > SPOKEN_LIST_MAX


def _latest(series: PodcastSeries) -> list[Episode]:
    """The `SPOKEN_LIST_MAX` most recent episodes, the newest first."""
    return sorted(series.episodes, key=lambda e: e.number, reverse=True)[:SPOKEN_LIST_MAX]


def say_episode_list(series: PodcastSeries) -> str:
    count = len(series.episodes)
    if count == 0:
        return f"La série {series.title} n'a pas encore d'épisode."
    if is_capped(series):
        entries = [f"l'épisode {e.number}, {_guest_or_title(e)}" for e in _latest(series)]
        return (
            f"{series.title} compte {count} épisodes. Les {say_count(SPOKEN_LIST_MAX)} plus récents : "
            f"{join_list(entries)}. {FULL_LIST_IN_APP}"
        )
    entries = [f"l'épisode {e.number}, {_guest_or_title(e)}" for e in series.episodes]
    plural = "épisodes" if count > 1 else "épisode"
    # The count is a sentence of its own: the first sentence stays short however many episodes staff add.
    return f"{series.title} compte {count} {plural}. {capitalize_first(join_list(entries))}."


def episode_list_card(series: PodcastSeries) -> str:
    """Every episode, one a line (the card of a list said in part)."""
    return "\n".join(f"Épisode {e.number} : {_guest_or_title(e)}" for e in series.episodes)


WHICH_EPISODE = "Lequel voulez-vous écouter ?"
LISTEN_TO_IT = "Voulez-vous l'écouter ?"


def ask_which_episode(series: PodcastSeries) -> str:
    """After « oui » to "Lequel voulez-vous écouter ?": the choice, spelled out (the most recent ones,
    and any other number, when there are more than `SPOKEN_LIST_MAX`)."""
    if is_capped(series):
        entries = [f"l'épisode {e.number}, {_guest_or_title(e)}" for e in _latest(series)]
        return f"Lequel : {join_list(entries, 'ou')}, ou un autre numéro ?"
    entries = [f"l'épisode {e.number}, {_guest_or_title(e)}" for e in series.episodes]
    return f"Lequel : {join_list(entries, 'ou')} ?"


def _guest_or_title(episode: Episode) -> str:
    return f"avec {join_list(list(episode.guests))}" if episode.guests else episode.title


def say_episode_info(series: PodcastSeries, episode: Episode) -> str:
    return f"L'épisode {episode.number} de {series.title} s'intitule « {episode.title} ». {episode.description}"


def say_no_such_episode(series: PodcastSeries, number: int | None) -> str:
    """ "Je ne trouve pas l'épisode 7 dans Métamorphoses. Voulez-vous la liste des épisodes ?" """
    what = f"l'épisode {number}" if number is not None else "cet épisode"
    return f"Je ne trouve pas {what} dans {series.title}. {offer_episode_list()}"


def offer_episode_list() -> str:
    return "Voulez-vous la liste des épisodes ?"


def say_no_podcast() -> str:
    return "Je n'ai pas encore de podcast à vous proposer."


def say_no_audio_device() -> str:
    return (
        "Cet appareil ne peut pas lire de contenu audio. "
        "Essayez depuis une enceinte Echo, ou demandez-moi la liste des épisodes."
    )


def say_end_of_series(series: PodcastSeries) -> str:
    return f"C'était le dernier épisode de {series.title}."


def say_start_of_series(series: PodcastSeries) -> str:
    return f"C'est déjà le premier épisode de {series.title}."


def say_nothing_to_resume(offer_latest: bool) -> str:
    """ "Je n'ai rien à reprendre. Dites par exemple « joue le dernier podcast »." (the example only
    when an episode's audio is confirmed: `domain.promises`)"""
    return "Je n'ai rien à reprendre." + (" Dites par exemple « joue le dernier podcast »." if offer_latest else "")


def say_nothing_playing() -> str:
    return "Rien n'est en cours de lecture."


def say_not_supported(action: str) -> str:
    return f"Désolée, {action} n'est pas disponible pour ces contenus."


def say_resume(track: Track) -> str:
    """What resumes, said before the stream continues (in a new conversation)."""
    if track.series is not None and track.episode is not None:
        return say_play_episode(track.series, track.episode, resumed=True)
    if track.issue is not None:
        return f"Je reprends le magazine {track.subtitle} {_month_phrase(track.issue.month)} {track.issue.month.year}."
    return f"Je reprends {track.title}."


def say_track_removed(series: PodcastSeries, latest: Episode) -> str:
    return (
        "Ce que vous écoutiez n'est plus disponible. "
        f"Voulez-vous écouter le dernier épisode de {series.title}, « {latest.title} » ?"
    )


def ask_play_latest() -> str:
    return "Voulez-vous écouter le dernier épisode ?"


# --- magazine articles ---------------------------------------------------------------------


def say_article(item: MagazineItem, is_last: bool) -> str:
    body = item.text or item.summary
    ending = " C'était le dernier article du sommaire." if is_last else ""
    return f"{_sentence(item.title)} {_sentence(body)}{ending}"


def _sentence(text: str) -> str:
    text = " ".join(text.split())
    return text if text.endswith((".", "!", "?", "…")) else f"{text}."


def ask_next_article() -> str:
    return "Voulez-vous entendre le point suivant ?"


def say_no_article(issue: MagazineIssue) -> str:
    """No such article (the words heard are not repeated back: they may be anything)."""
    titles = [f"« {item.title} »" for item in issue.items]
    return (
        f"Je ne trouve pas cet article dans le numéro {_month_phrase(issue.month)} {issue.month.year}. "
        f"Au sommaire : {join_list(titles)}. Lequel voulez-vous ?"
    )


def say_end_of_issue(issue: MagazineIssue) -> str:
    return (
        f"Vous avez entendu tous les articles du numéro {_month_phrase(issue.month)} {issue.month.year}. "
        "Que voulez-vous faire d'autre ?"
    )


def reprompt_read_item() -> str:
    return "Voulez-vous que je vous lise le premier article ? Dites « oui », ou « stop » pour terminer."


def reprompt_next_article() -> str:
    return "Dites « oui » pour entendre le point suivant, ou « stop » pour terminer."


def reprompt_sommaire() -> str:
    return "Voulez-vous le sommaire de ce numéro ? Dites « oui », ou « stop » pour terminer."


def say_series_list(series: Sequence[PodcastSeries]) -> str:
    """With several series, name them first ("" with one: the episode list names it)."""
    if len(series) < 2:
        return ""
    return f"La ville propose {len(series)} séries de podcasts : {join_list([s.title for s in series])}."
