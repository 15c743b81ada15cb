"""Magazine and podcasts asked by voice: sommaire, audio edition, episodes, play."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import respond, state, turn
from mairie.alexa.base import IntentHandler
from mairie.catalogue.model import Episode, PodcastSeries
from mairie.domain import playlist
from mairie.domain.dates import parse_amazon_date
from mairie.voice import media as spoken
from mairie.voice.assistant import anything_else


def start_track(handler_input: HandlerInput, track: playlist.Track, text: str, offset_ms: int = 0) -> Response:
    """Play a track now, or explain when this device has no audio player."""
    if not turn.supports_audio_player(handler_input):
        return respond.answer(handler_input, spoken.say_no_audio_device(), ask=anything_else())
    state.remember_position(handler_input, track.token, offset_ms)
    card = respond.Card(title=track.title, text=track.subtitle, image_url=track.image_url)
    return respond.play(handler_input, track, text=text, offset_ms=offset_ms, card=card)


class MagazineHandler(IntentHandler):
    intents = ("MagazineIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        asked = parse_amazon_date(turn.slot_value(handler_input, "month"))
        month = playlist.past_month(asked.start, turn.today(handler_input)) if asked is not None else None
        if month is not None:
            issue = playlist.magazine_issue_for_month(catalogue, month)
        else:
            issue = playlist.current_magazine_issue(catalogue, turn.today(handler_input))
        if issue is None or catalogue.magazine is None:
            text = f"{spoken.say_no_issue(catalogue.magazine, month)} {anything_else()}"
            return respond.answer(handler_input, text, ask=anything_else())
        text = f"{spoken.say_issue_summary(catalogue.magazine, issue)} {anything_else()}"
        lines = [f"• {item.title} : {item.summary}" for item in issue.items]
        card = respond.Card(title=issue.title, text="\n".join(lines))
        return respond.answer(handler_input, text, ask=anything_else(), card=card)


class MagazineAudioHandler(IntentHandler):
    intents = ("MagazineAudioIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        issue = playlist.current_magazine_issue(catalogue, turn.today(handler_input))
        if issue is None or catalogue.magazine is None:
            text = f"{spoken.say_no_issue(catalogue.magazine, None)} {anything_else()}"
            return respond.answer(handler_input, text, ask=anything_else())
        track = playlist.magazine_track(catalogue, issue)
        if track is None:
            text = spoken.say_no_magazine_audio(catalogue.magazine, issue)
            return respond.answer(handler_input, text, ask=anything_else())
        return start_track(handler_input, track, spoken.say_magazine_audio_intro(catalogue.magazine, issue))


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
        series = playlist.default_series(catalogue)
        episode_id = _episode_slot_id(handler_input)
        if episode_id and (found := playlist.find_episode(catalogue, episode_id)):
            series = found[0]
        if series is None:
            return respond.answer(handler_input, f"{spoken.say_no_podcast()} {anything_else()}", ask=anything_else())
        episode = _choose_episode(handler_input, series)
        if episode is None:
            said = (
                turn.slot_value(handler_input, "episode")
                or turn.slot_value(handler_input, "guest")
                or turn.slot_value(handler_input, "number")
            )
            return respond.answer(
                handler_input,
                spoken.say_no_such_episode(series, said),
                ask="Voulez-vous la liste des épisodes ?",
            )
        track = playlist.episode_track(series, episode)
        return start_track(handler_input, track, spoken.say_play_episode(series, episode))


class ListEpisodesHandler(IntentHandler):
    intents = ("ListEpisodesIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        series = playlist.default_series(turn.catalogue())
        if series is None:
            return respond.answer(handler_input, f"{spoken.say_no_podcast()} {anything_else()}", ask=anything_else())
        return respond.answer(handler_input, spoken.say_episode_list(series), ask="Quel épisode voulez-vous écouter ?")


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
        text = f"{spoken.say_episode_info(series, episode)} Voulez-vous l'écouter ?"
        turn.session(handler_input)["offer_episode"] = playlist.episode_token(series, episode)
        return respond.answer(handler_input, text, ask="Voulez-vous écouter cet épisode ?")


class PlayOfferedEpisodeHandler(IntentHandler):
    """ "Oui" after "Voulez-vous l'écouter ?"."""

    intents = ("AMAZON.YesIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and bool(turn.session(handler_input).get("offer_episode"))

    def handle(self, handler_input: HandlerInput) -> Response:
        token = str(turn.session(handler_input).pop("offer_episode"))
        track = playlist.track_for_token(turn.catalogue(), token)
        if track is None or track.series is None or track.episode is None:
            return respond.answer(handler_input, spoken.say_nothing_to_resume(), ask=anything_else())
        return start_track(handler_input, track, spoken.say_play_episode(track.series, track.episode))
