"""Where a listener's podcast resumes, and what the speaker says around it, on the fixture commune.

Each test is a scene a resident lives: the words said (or the silence), the AudioPlayer directive
sent, the place kept for « reprends » days later, and whether the microphone stays open.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.skill.envelopes import audio_event, controller_event, directives, fixture, intent, send, speech
from tests.skill.on_commune import content_folder

DEPARDON = "podcast:metamorphoses:depardon"
MAAS = "podcast:metamorphoses:maas"
IDLE = {"playerActivity": "IDLE"}
DAYS_LATER = "2026-11-30T18:00:00Z"


@pytest.fixture(autouse=True, scope="module")
def commune() -> Iterator[None]:
    with content_folder():
        yield


def played(result: dict[str, Any]) -> tuple[str, int]:
    """(token, offset) of the one Play directive sent."""
    found = directives(result)
    assert [d["type"] for d in found] == ["AudioPlayer.Play"], found
    stream = found[0]["audioItem"]["stream"]
    return stream["token"], stream["offsetInMilliseconds"]


def resume_days_later(user: str) -> dict[str, Any]:
    """« Alexa, demande à la mairie de reprendre » in a new session: the device has forgotten the stream."""
    return send(intent("AMAZON.ResumeIntent", user=user, at=DAYS_LATER, player=IDLE))


def stopped_at(user: str, token: str, offset_ms: int) -> None:
    send(audio_event("AudioPlayer.PlaybackStopped", token, offset_ms, user=user, activity="STOPPED"))


def ends_session(result: dict[str, Any]) -> bool:
    return bool(result["response"].get("shouldEndSession"))


# --- « reprends » ------------------------------------------------------------------------------


def test_resume_after_an_episode_finished_starts_it_from_the_beginning(user: str) -> None:
    stopped_at(user, DEPARDON, 754_000)
    send(audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 754_000, user=user))
    send(audio_event("AudioPlayer.PlaybackFinished", DEPARDON, 1_600_000, user=user, activity="FINISHED"))
    result = resume_days_later(user)
    assert played(result) == (DEPARDON, 0)
    assert speech(result) == (
        "Je reprends l'épisode 1 de Métamorphoses, Issy se réinvente : L'architecte est le héros d'aujourd'hui."
    )


def test_a_finished_episode_of_another_user_changes_nothing_here(user: str) -> None:
    stopped_at(user, DEPARDON, 754_000)
    send(audio_event("AudioPlayer.PlaybackFinished", DEPARDON, 1_600_000, user=user + "x", activity="FINISHED"))
    assert played(resume_days_later(user)) == (DEPARDON, 754_000)


def test_finishing_an_episode_other_than_the_saved_one_keeps_the_saved_place(user: str) -> None:
    stopped_at(user, MAAS, 42_000)
    send(audio_event("AudioPlayer.PlaybackFinished", DEPARDON, 1_600_000, user=user, activity="FINISHED"))
    assert played(resume_days_later(user)) == (MAAS, 42_000)


def test_the_device_place_wins_over_an_older_saved_place(user: str) -> None:
    stopped_at(user, DEPARDON, 100_000)
    held = {"token": DEPARDON, "offsetInMilliseconds": 300_000, "playerActivity": "PAUSED"}
    result = send(intent("AMAZON.ResumeIntent", user=user, player=held))
    assert played(result) == (DEPARDON, 300_000)
    assert speech(result) == ""  # just after a pause: no need to say what resumes
    assert ends_session(result)
    # the place resumed from is now the saved one
    assert played(resume_days_later(user)) == (DEPARDON, 300_000)


def test_a_device_at_zero_on_the_saved_stream_resumes_at_the_saved_place(user: str) -> None:
    stopped_at(user, DEPARDON, 250_000)
    at_zero = {"token": DEPARDON, "offsetInMilliseconds": 0, "playerActivity": "STOPPED"}
    assert played(send(intent("AMAZON.ResumeIntent", user=user, player=at_zero))) == (DEPARDON, 250_000)


def test_a_device_on_another_episode_resumes_that_episode_where_the_device_is(user: str) -> None:
    stopped_at(user, DEPARDON, 250_000)
    other = {"token": MAAS, "offsetInMilliseconds": 0, "playerActivity": "STOPPED"}
    assert played(send(intent("AMAZON.ResumeIntent", user=user, player=other))) == (MAAS, 0)


def test_nothing_saved_offers_nothing_and_keeps_listening(user: str) -> None:
    result = resume_days_later(user)
    assert directives(result) == []
    assert speech(result).startswith("Je n'ai rien à reprendre.")
    assert result["response"]["shouldEndSession"] is False


# --- « pause » ---------------------------------------------------------------------------------


def test_pause_while_nothing_plays_keeps_the_saved_place(user: str) -> None:
    stopped_at(user, DEPARDON, 754_000)
    paused = send(intent("AMAZON.PauseIntent", user=user, player=IDLE))
    assert speech(paused) == "Rien n'est en cours de lecture."
    assert directives(paused) == []
    assert ends_session(paused)
    assert played(resume_days_later(user)) == (DEPARDON, 754_000)


def test_pause_while_paused_says_nothing_and_keeps_the_place(user: str) -> None:
    stopped_at(user, DEPARDON, 754_000)
    held = {"token": DEPARDON, "offsetInMilliseconds": 754_000, "playerActivity": "PAUSED"}
    result = send(intent("AMAZON.PauseIntent", user=user, player=held))
    assert "outputSpeech" not in result["response"]
    assert [d["type"] for d in directives(result)] == ["AudioPlayer.Stop"]
    assert ends_session(result)
    assert played(resume_days_later(user)) == (DEPARDON, 754_000)


def test_pause_while_playing_saves_the_place_the_device_reached(user: str) -> None:
    stopped_at(user, DEPARDON, 10_000)
    playing = {"token": DEPARDON, "offsetInMilliseconds": 500_000, "playerActivity": "PLAYING"}
    result = send(intent("AMAZON.PauseIntent", user=user, player=playing))
    assert "outputSpeech" not in result["response"]
    assert played(resume_days_later(user)) == (DEPARDON, 500_000)


def test_pause_during_a_stream_staff_removed_keeps_the_last_known_place(user: str) -> None:
    stopped_at(user, DEPARDON, 10_000)
    removed = {"token": "podcast:metamorphoses:retire", "offsetInMilliseconds": 99_000, "playerActivity": "PLAYING"}
    assert "outputSpeech" not in send(intent("AMAZON.PauseIntent", user=user, player=removed))["response"]
    assert played(resume_days_later(user)) == (DEPARDON, 10_000)


def test_stop_while_a_stream_waits_in_the_buffer_stops_silently(user: str) -> None:
    buffering = {"token": DEPARDON, "offsetInMilliseconds": 5_000, "playerActivity": "BUFFER_UNDERRUN"}
    result = send(intent("AMAZON.StopIntent", user=user, player=buffering))
    assert "outputSpeech" not in result["response"]
    assert [d["type"] for d in directives(result)] == ["AudioPlayer.Stop"]


def test_stop_when_nothing_plays_is_not_a_pause(user: str) -> None:
    stopped_at(user, DEPARDON, 754_000)
    result = send(intent("AMAZON.StopIntent", user=user, player=IDLE))
    assert directives(result) == []  # the ordinary goodbye, not an AudioPlayer.Stop
    assert played(resume_days_later(user)) == (DEPARDON, 754_000)


# --- failures ----------------------------------------------------------------------------------


RETRIED_DEPARDON = DEPARDON + "#reprise"
"""A retried stream carries the mark of its retry (`playlist.RETRY_MARK`): its own failure then stops."""


def failed(user: str, state: dict[str, Any] | None) -> dict[str, Any]:
    """PlaybackFailed of Depardon's episode (the request has no offset of its own, only `currentPlaybackState`)."""
    event = fixture("playback_failed")
    event["context"]["System"]["user"]["userId"] = f"amzn1.ask.account.{user}"
    if state is None:
        event["request"].pop("currentPlaybackState")
    else:
        event["request"]["currentPlaybackState"] = state
    return event


def test_a_failure_reported_at_zero_is_retried_from_the_saved_place(user: str) -> None:
    stopped_at(user, DEPARDON, 420_000)
    retry = send(failed(user, None))
    assert played(retry) == (RETRIED_DEPARDON, 420_000)
    assert "outputSpeech" not in retry["response"] and "shouldEndSession" not in retry["response"]


def test_a_retried_stream_that_fails_again_stops_silently(user: str) -> None:
    stopped_at(user, DEPARDON, 420_000)
    event = failed(user, None)
    event["request"]["token"] = RETRIED_DEPARDON
    event["context"]["AudioPlayer"]["token"] = RETRIED_DEPARDON
    stopped = send(event)
    assert directives(stopped) == [{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ALL"}]
    assert "outputSpeech" not in stopped["response"]


def test_a_failure_whose_state_says_zero_is_retried_from_the_saved_place(user: str) -> None:
    stopped_at(user, DEPARDON, 420_000)
    state = {"token": DEPARDON, "offsetInMilliseconds": 0, "playerActivity": "PLAYING"}
    assert played(send(failed(user, state))) == (RETRIED_DEPARDON, 420_000)


def test_a_failure_at_zero_of_an_episode_never_saved_starts_it_at_zero(user: str) -> None:
    stopped_at(user, MAAS, 420_000)
    assert played(send(failed(user, None))) == (RETRIED_DEPARDON, 0)


def test_the_state_of_another_stream_does_not_move_the_retry(user: str) -> None:
    stopped_at(user, DEPARDON, 420_000)
    state = {"token": MAAS, "offsetInMilliseconds": 30_000, "playerActivity": "PLAYING"}
    assert played(send(failed(user, state))) == (RETRIED_DEPARDON, 420_000)


def test_after_a_failure_a_nearly_finished_enqueues_the_next_episode_again(user: str) -> None:
    first = send(audio_event("AudioPlayer.PlaybackNearlyFinished", DEPARDON, 1_500_000, user=user))
    assert played(first) == (MAAS, 0)
    send(failed(user, None))  # the queue was dropped with the failed stream
    again = send(audio_event("AudioPlayer.PlaybackNearlyFinished", DEPARDON, 1_520_000, user=user))
    assert played(again) == (MAAS, 0)


# --- either end of the series ------------------------------------------------------------------


def test_next_after_the_last_episode_says_so_and_closes_the_session(user: str) -> None:
    last = {"token": MAAS, "offsetInMilliseconds": 5_000, "playerActivity": "PLAYING"}
    result = send(intent("AMAZON.NextIntent", user=user, player=last))
    assert directives(result) == []
    assert speech(result).startswith("C'était le dernier épisode")
    assert result["response"]["shouldEndSession"] is True


def test_previous_before_the_first_episode_says_so_and_closes_the_session(user: str) -> None:
    first = {"token": DEPARDON, "offsetInMilliseconds": 5_000, "playerActivity": "PLAYING"}
    result = send(intent("AMAZON.PreviousIntent", user=user, player=first))
    assert directives(result) == []
    assert speech(result).startswith("C'est déjà le premier épisode")
    assert result["response"]["shouldEndSession"] is True


def test_next_plays_the_following_episode_from_its_start_and_saves_it(user: str) -> None:
    first = {"token": DEPARDON, "offsetInMilliseconds": 5_000, "playerActivity": "PLAYING"}
    result = send(intent("AMAZON.NextIntent", user=user, player=first))
    assert played(result) == (MAAS, 0)
    assert ends_session(result)
    assert played(resume_days_later(user)) == (MAAS, 0)


def test_next_with_nothing_playing_says_so_and_keeps_listening(user: str) -> None:
    result = send(intent("AMAZON.NextIntent", user=user, player=IDLE))
    assert directives(result) == []
    assert speech(result) == ("Rien n'est en cours de lecture. Puis-je vous aider pour autre chose ?")
    assert result["response"]["shouldEndSession"] is False


def test_the_magazine_has_no_next_episode(user: str) -> None:
    magazine = {"token": "magazine:2026-11", "offsetInMilliseconds": 5_000, "playerActivity": "PLAYING"}
    result = send(intent("AMAZON.NextIntent", user=user, player=magazine))
    assert directives(result) == []
    assert speech(result) == "Désolée, passer au suivant ou au précédent n'est pas disponible pour ces contenus."


def test_start_over_saves_the_beginning(user: str) -> None:
    held = {"token": DEPARDON, "offsetInMilliseconds": 600_000, "playerActivity": "PAUSED"}
    assert played(send(intent("AMAZON.StartOverIntent", user=user, player=held))) == (DEPARDON, 0)
    assert played(resume_days_later(user)) == (DEPARDON, 0)


# --- the device's buttons ----------------------------------------------------------------------


def test_the_play_button_resumes_the_device_place_even_if_another_was_saved(user: str) -> None:
    stopped_at(user, DEPARDON, 10_000)
    result = send(controller_event("PlaybackController.PlayCommandIssued", DEPARDON, 130_000, user=user))
    assert played(result) == (DEPARDON, 130_000)
    assert played(resume_days_later(user)) == (DEPARDON, 130_000)


def test_the_pause_button_saves_the_device_place(user: str) -> None:
    stopped_at(user, DEPARDON, 10_000)
    send(controller_event("PlaybackController.PauseCommandIssued", DEPARDON, 130_000, user=user))
    assert played(resume_days_later(user)) == (DEPARDON, 130_000)


def test_the_previous_button_plays_the_previous_episode_from_its_start(user: str) -> None:
    result = send(controller_event("PlaybackController.PreviousCommandIssued", MAAS, 130_000, user=user))
    assert played(result) == (DEPARDON, 0)
    assert played(resume_days_later(user)) == (DEPARDON, 0)


def test_the_next_button_on_the_last_episode_does_nothing(user: str) -> None:
    stopped_at(user, MAAS, 10_000)
    result = send(controller_event("PlaybackController.NextCommandIssued", MAAS, 130_000, user=user))
    assert result["response"] == {}
    assert played(resume_days_later(user)) == (MAAS, 10_000)


def test_resume_just_after_the_last_episode_finished_starts_it_again(user: str) -> None:
    # the device still holds the finished stream, its offset at the very end
    send(audio_event("AudioPlayer.PlaybackStarted", MAAS, 754_000, user=user))
    send(audio_event("AudioPlayer.PlaybackFinished", MAAS, 1_600_000, user=user, activity="FINISHED"))
    finished = {"token": MAAS, "offsetInMilliseconds": 1_600_000, "playerActivity": "FINISHED"}
    assert played(send(intent("AMAZON.ResumeIntent", user=user, player=finished))) == (MAAS, 0)
    button = controller_event("PlaybackController.PlayCommandIssued", MAAS, 1_600_000, user=user)
    button["context"]["AudioPlayer"]["playerActivity"] = "FINISHED"
    assert played(send(button)) == (MAAS, 0)


def test_when_an_episode_ends_into_the_enqueued_one_the_saved_place_is_the_new_ones_start(user: str) -> None:
    send(audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 754_000, user=user))
    assert played(send(audio_event("AudioPlayer.PlaybackNearlyFinished", DEPARDON, 1_500_000, user=user))) == (
        MAAS,
        0,
    )
    send(audio_event("AudioPlayer.PlaybackFinished", DEPARDON, 1_600_000, user=user, activity="FINISHED"))
    # the resident stopped the speaker before the next episode reported its start
    result = resume_days_later(user)
    assert played(result) == (MAAS, 0)
    assert speech(result).startswith("Je reprends l'épisode 2 de Métamorphoses")


# --- what is not offered -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "sentence"),
    [
        ("AMAZON.LoopOnIntent", "Désolée, la lecture en boucle n'est pas disponible pour ces contenus."),
        ("AMAZON.LoopOffIntent", "Désolée, la lecture en boucle n'est pas disponible pour ces contenus."),
        ("AMAZON.ShuffleOnIntent", "Désolée, la lecture aléatoire n'est pas disponible pour ces contenus."),
        ("AMAZON.ShuffleOffIntent", "Désolée, la lecture aléatoire n'est pas disponible pour ces contenus."),
    ],
)
def test_loop_and_shuffle_are_declined_and_the_session_closes(user: str, name: str, sentence: str) -> None:
    playing = {"token": DEPARDON, "offsetInMilliseconds": 5_000, "playerActivity": "PLAYING"}
    result = send(intent(name, user=user, player=playing))
    assert speech(result) == sentence
    assert directives(result) == []
    assert result["response"]["shouldEndSession"] is True


NO_AUDIO = (
    "Cet appareil ne peut pas lire de contenu audio. "
    "Essayez depuis une enceinte Echo, ou demandez-moi la liste des épisodes."
)


@pytest.mark.parametrize("name", ["AMAZON.ResumeIntent", "AMAZON.StartOverIntent", "AMAZON.NextIntent"])
def test_a_speaker_without_audio_says_so_and_keeps_the_place(user: str, name: str) -> None:
    stopped_at(user, DEPARDON, 250_000)
    result = send(intent(name, user=user, device="voice", player=IDLE))
    assert speech(result).startswith(NO_AUDIO)
    assert directives(result) == []
    assert result["response"]["shouldEndSession"] is False
    assert played(resume_days_later(user)) == (DEPARDON, 250_000)


def test_start_over_with_nothing_saved_says_there_is_nothing_to_resume(user: str) -> None:
    result = send(intent("AMAZON.StartOverIntent", user=user, player=IDLE))
    assert directives(result) == []
    assert speech(result).startswith("Je n'ai rien à reprendre. Dites par exemple « joue le dernier podcast ».")


def test_the_play_button_with_nothing_saved_does_nothing(user: str) -> None:
    assert send(controller_event("PlaybackController.PlayCommandIssued", None, user=user))["response"] == {}


def test_the_pause_button_on_a_stream_staff_removed_stops_without_losing_the_place(user: str) -> None:
    stopped_at(user, DEPARDON, 10_000)
    removed = send(
        controller_event("PlaybackController.PauseCommandIssued", "podcast:metamorphoses:retire", 5, user=user)
    )
    assert [d["type"] for d in directives(removed)] == ["AudioPlayer.Stop"]
    assert played(resume_days_later(user)) == (DEPARDON, 10_000)
