"""Podcasts asked by voice: list, play (latest, first, number, guest), "de quoi parle cet épisode"."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import respond, state, turn
from mairie.alexa.base import IntentHandler
from mairie.alexa.log import EXAMPLE_CONTENT
from mairie.alexa.offers import OFFER_EPISODE, OFFER_LIST, OFFER_PICK, offer, offered
from mairie.catalogue.model import Episode, PodcastSeries
from mairie.domain import playlist
from mairie.domain.promises import playable_episodes, track_playable
from mairie.voice import media as spoken
from mairie.voice.assistant import anything_else


def start_track(handler_input: HandlerInput, track: playlist.Track, text: str, offset_ms: int = 0) -> Response:
    """Play a track now, or explain when this device has no audio player."""
    if not turn.supports_audio_player(handler_input):
        return respond.answer(handler_input, spoken.say_no_audio_device(), ask=anything_else())
    if not track_playable(track):  # a placeholder address: say where to listen, remember nothing
        return respond.play(handler_input, track)
    state.remember_position(handler_input, track.token, offset_ms)
    card = respond.Card(title=track.title, text=track.subtitle, image_url=track.image_url)
    return respond.play(handler_input, track, text=text, offset_ms=offset_ms, card=card)


def _named_series(handler_input: HandlerInput) -> PodcastSeries | None:
    """The series the resident named (« je veux écouter métamorphoses »), if any."""
    series_id = turn.slot_id(handler_input, "series")
    return turn.catalogue().series(series_id) if series_id else None


def _episode_slot_id(handler_input: HandlerInput) -> str | None:
    """An episode named by its title (`episode`) or by a guest (`guest`)."""
    return turn.slot_id(handler_input, "episode") or turn.slot_id(handler_input, "guest")


def _choose_episode(handler_input: HandlerInput, series: PodcastSeries) -> Episode | None:
    episode_id = _episode_slot_id(handler_input)
    if episode_id:
        found = playlist.find_episode(turn.catalogue(), episode_id)
        return found[1] if found else None
    number = turn.slot_int(handler_input, "number")
    if number is not None:
        return playlist.episode_by_number(series, number)
    if turn.slot_id(handler_input, "position") == "premier":
        return playlist.first_episode(series)
    if turn.slot_value(handler_input, "episode") or turn.slot_value(handler_input, "guest"):
        return None
    return playlist.latest_episode(series)


class PlayPodcastHandler(IntentHandler):
    intents = ("PlayPodcastIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        series = _named_series(handler_input) or playlist.default_series(catalogue)
        episode_id = _episode_slot_id(handler_input)
        if episode_id and (found := playlist.find_episode(catalogue, episode_id)):
            series = found[0]
        if series is None:
            return respond.answer(handler_input, f"{spoken.say_no_podcast()} {anything_else()}", ask=anything_else())
        episode = _choose_episode(handler_input, series)
        if episode is None:
            # the words heard are not repeated back (they may be anything); a number is
            text = spoken.say_no_such_episode(series, turn.slot_int(handler_input, "number"))
            question = spoken.offer_episode_list()
            offer(handler_input, OFFER_LIST, series.id, question)
            return respond.answer(handler_input, text, ask=question)
        track = playlist.episode_track(series, episode)
        return start_track(handler_input, track, spoken.say_play_episode(series, episode))


class ListEpisodesHandler(IntentHandler):
    intents = ("ListEpisodesIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        series = _named_series(handler_input) or playlist.default_series(catalogue)
        if series is None:
            return respond.answer(handler_input, f"{spoken.say_no_podcast()} {anything_else()}", ask=anything_else())
        text = f"{spoken.say_series_list(catalogue.podcasts)} {spoken.say_episode_list(series)}".strip()
        if len(series.episodes) == 1:  # « oui » then plays it
            question = spoken.LISTEN_TO_IT
            offer(handler_input, OFFER_EPISODE, playlist.episode_token(series, series.episodes[0]), question)
        elif series.episodes:  # « oui » then gets the choice spelled out
            question = spoken.WHICH_EPISODE
            offer(handler_input, OFFER_PICK, series.id, question)
        else:
            question = anything_else()
        return respond.answer(handler_input, f"{text} {question}", ask=question, card=_episodes_card(series))


class EpisodeInfoHandler(IntentHandler):
    intents = ("EpisodeInfoIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        token, _, _ = turn.player_state(handler_input)
        track = playlist.track_for_token(catalogue, token or state.saved_position(handler_input)[0])
        if track is not None and track.series is not None and track.episode is not None:
            series, episode = track.series, track.episode
        else:
            found_series = playlist.default_series(catalogue)
            latest = playlist.latest_episode(found_series) if found_series else None
            if found_series is None or latest is None:
                return respond.answer(
                    handler_input, f"{spoken.say_no_podcast()} {anything_else()}", ask=anything_else()
                )
            series, episode = found_series, latest
        question = "Voulez-vous écouter cet épisode ?"
        if episode.example:
            respond.note(handler_input, EXAMPLE_CONTENT)
        offer(handler_input, OFFER_EPISODE, playlist.episode_token(series, episode), question)
        return respond.answer(handler_input, f"{spoken.say_episode_info(series, episode)} {question}", ask=question)


class ListOfferedEpisodesHandler(IntentHandler):
    """ "Oui" after "Voulez-vous la liste des épisodes ?"."""

    intents = ("AMAZON.YesIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and offered(handler_input, OFFER_LIST) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        turn.session(handler_input).pop(OFFER_LIST, None)
        return ListEpisodesHandler().handle(handler_input)


class ChooseListedEpisodeHandler(IntentHandler):
    """ "Oui" after "Lequel voulez-vous écouter ?": which one is still to be said, so the choice is
    spelled out (and asked again)."""

    intents = ("AMAZON.YesIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and offered(handler_input, OFFER_PICK) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        series_id = offered(handler_input, OFFER_PICK)
        series = next((s for s in turn.catalogue().podcasts if s.id == series_id and s.episodes), None)
        if series is None:
            turn.session(handler_input).pop(OFFER_PICK, None)
            return respond.answer(handler_input, f"{spoken.say_no_podcast()} {anything_else()}", ask=anything_else())
        question = spoken.ask_which_episode(series)
        offer(handler_input, OFFER_PICK, series.id, question)
        return respond.answer(handler_input, question, ask=question, card=_episodes_card(series))


def _episodes_card(series: PodcastSeries) -> respond.Card | None:
    """When the spoken list leaves episodes out, the card lists them all."""
    if not spoken.is_capped(series):
        return None
    return respond.Card(series.title, spoken.episode_list_card(series))


class PlayOfferedEpisodeHandler(IntentHandler):
    """ "Oui" after "Voulez-vous l'écouter ?"."""

    intents = ("AMAZON.YesIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and offered(handler_input, OFFER_EPISODE) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        token = offered(handler_input, OFFER_EPISODE)
        turn.session(handler_input).pop(OFFER_EPISODE, None)
        track = playlist.track_for_token(turn.catalogue(), token)
        if track is None or track.series is None or track.episode is None:
            nothing = spoken.say_nothing_to_resume(bool(playable_episodes(turn.catalogue())))
            return respond.answer(handler_input, nothing, ask=anything_else())
        return start_track(handler_input, track, spoken.say_play_episode(track.series, track.episode))
