"""Magazine and podcasts through lambda_handler: speech, AudioPlayer directives and saved positions."""

from __future__ import annotations

from typing import Any

from tests.skill.envelopes import (
    audio_event,
    controller_event,
    directives,
    fixture,
    intent,
    send,
    slot,
    speech,
)

DEPARDON = "podcast:metamorphoses:depardon"
MAAS = "podcast:metamorphoses:maas"


def only_play(result: dict[str, Any]) -> dict[str, Any]:
    found = directives(result)
    assert len(found) == 1 and found[0]["type"] == "AudioPlayer.Play"
    return found[0]


def assert_silent(result: dict[str, Any]) -> None:
    response = result["response"]
    assert "outputSpeech" not in response and "card" not in response and "reprompt" not in response


def test_this_months_magazine_summary() -> None:
    result = send(intent("MagazineIntent", at="2026-11-26T09:00:00Z"))
    said = speech(result)
    assert said.startswith("Au sommaire de Point d'Appui de novembre 2026 :")
    assert "Issy, berceau de l'aviation" in said
    assert "Ce sommaire est un exemple" in said
    assert result["response"]["card"]["title"].startswith("Point d'Appui")


def test_a_previous_month_on_request() -> None:
    said = speech(send(intent("MagazineIntent", [slot("month", "2026-10")], at="2026-11-26T09:00:00Z")))
    assert said.startswith("Au sommaire de Point d'Appui d'octobre 2026 :")


def test_magazine_audio_edition_plays() -> None:
    play = only_play(send(intent("MagazineAudioIntent", at="2026-11-26T09:00:00Z")))
    assert play["audioItem"]["stream"]["token"] == "magazine:2026-11"
    assert play["audioItem"]["stream"]["url"].startswith("https://")


def test_play_the_latest_podcast(user: str) -> None:
    result = send(intent("PlayPodcastIntent", user=user))
    play = only_play(result)
    assert play["playBehavior"] == "REPLACE_ALL"
    stream = play["audioItem"]["stream"]
    assert stream["token"] == MAAS
    assert stream["url"].startswith("https://")
    assert stream["offsetInMilliseconds"] == 0
    assert "expectedPreviousToken" not in stream
    assert play["audioItem"]["metadata"]["title"] == "La nature et la ville sont indissociables"
    assert speech(result).startswith("Voici l'épisode 2 de Métamorphoses")
    assert result["response"]["shouldEndSession"] is True


def test_play_by_guest_and_by_number(user: str) -> None:
    by_guest = send(intent("PlayPodcastIntent", [slot("episode", "depardon", "metamorphoses:depardon", "EPISODE")]))
    assert only_play(by_guest)["audioItem"]["stream"]["token"] == DEPARDON
    by_number = send(intent("PlayPodcastIntent", [slot("number", "1")], user=user))
    assert only_play(by_number)["audioItem"]["stream"]["token"] == DEPARDON


def test_unknown_episode_number_asks_back() -> None:
    result = send(intent("PlayPodcastIntent", [slot("number", "42")]))
    assert directives(result) == []
    assert "Voulez-vous la liste des épisodes ?" in speech(result)


def test_device_without_audio_player_gets_speech_not_a_directive() -> None:
    result = send(intent("PlayPodcastIntent", device="voice"))
    assert directives(result) == []
    assert speech(result).startswith("Cet appareil ne peut pas lire de contenu audio.")


def test_list_episodes() -> None:
    said = speech(send(intent("ListEpisodesIntent")))
    assert "compte 2 épisodes" in said and "Raymond Depardon" in said and "Winy Maas" in said


def test_pause_then_resume_in_a_new_session_continues_at_the_offset(user: str) -> None:
    send(intent("PlayPodcastIntent", [slot("number", "1")], user=user))
    assert_silent(send(audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 0, user=user)))
    paused = send(
        intent(
            "AMAZON.PauseIntent",
            user=user,
            player={"token": DEPARDON, "offsetInMilliseconds": 754_000, "playerActivity": "PLAYING"},
        )
    )
    assert directives(paused)[0]["type"] == "AudioPlayer.Stop"
    assert_silent(send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 754_000, user=user, activity="STOPPED")))
    # days later, a new session, the device player is idle
    resumed = send(
        intent("AMAZON.ResumeIntent", user=user, at="2026-11-30T18:00:00Z", player={"playerActivity": "IDLE"})
    )
    stream = only_play(resumed)["audioItem"]["stream"]
    assert stream["token"] == DEPARDON
    assert stream["offsetInMilliseconds"] == 754_000


def test_nearly_finished_enqueues_the_next_episode_once(user: str) -> None:
    result = send(audio_event("AudioPlayer.PlaybackNearlyFinished", DEPARDON, 1_500_000, user=user))
    assert_silent(result)
    play = only_play(result)
    assert play["playBehavior"] == "ENQUEUE"
    assert play["audioItem"]["stream"]["token"] == MAAS
    assert play["audioItem"]["stream"]["expectedPreviousToken"] == DEPARDON
    again = send(audio_event("AudioPlayer.PlaybackNearlyFinished", DEPARDON, 1_500_000, user=user))
    assert directives(again) == []


def test_nearly_finished_on_the_last_episode_enqueues_nothing(user: str) -> None:
    result = send(audio_event("AudioPlayer.PlaybackNearlyFinished", MAAS, 10_000, user=user))
    assert result["response"] == {}


def test_next_and_previous_at_both_ends(user: str) -> None:
    player = {"token": MAAS, "offsetInMilliseconds": 5000, "playerActivity": "PLAYING"}
    at_end = send(intent("AMAZON.NextIntent", user=user, player=player))
    assert directives(at_end) == [] and speech(at_end).startswith("C'était le dernier épisode")
    previous = send(intent("AMAZON.PreviousIntent", user=user, player=player))
    assert only_play(previous)["audioItem"]["stream"]["token"] == DEPARDON
    first = {"token": DEPARDON, "offsetInMilliseconds": 5000, "playerActivity": "PLAYING"}
    at_start = send(intent("AMAZON.PreviousIntent", user=user, player=first))
    assert speech(at_start).startswith("C'est déjà le premier épisode")
    following = send(intent("AMAZON.NextIntent", user=user, player=first))
    assert only_play(following)["audioItem"]["stream"]["token"] == MAAS


def test_start_over_plays_from_zero(user: str) -> None:
    player = {"token": DEPARDON, "offsetInMilliseconds": 600_000, "playerActivity": "PLAYING"}
    stream = only_play(send(intent("AMAZON.StartOverIntent", user=user, player=player)))["audioItem"]["stream"]
    assert stream["token"] == DEPARDON and stream["offsetInMilliseconds"] == 0


def test_loop_and_shuffle_get_a_polite_answer() -> None:
    for name in ("AMAZON.LoopOnIntent", "AMAZON.ShuffleOnIntent", "AMAZON.LoopOffIntent", "AMAZON.ShuffleOffIntent"):
        said = speech(send(intent(name)))
        assert said.startswith("Désolée,") and "n'est pas disponible" in said


def test_stop_while_playing_stops_silently() -> None:
    player = {"token": DEPARDON, "offsetInMilliseconds": 1000, "playerActivity": "PLAYING"}
    result = send(intent("AMAZON.StopIntent", player=player))
    assert directives(result)[0]["type"] == "AudioPlayer.Stop"
    assert "outputSpeech" not in result["response"]


def test_device_buttons_resume_and_skip_without_speech(user: str) -> None:
    play = send(controller_event("PlaybackController.PlayCommandIssued", DEPARDON, 120_000, user=user))
    assert_silent(play)
    assert only_play(play)["audioItem"]["stream"]["offsetInMilliseconds"] == 120_000
    following = send(controller_event("PlaybackController.NextCommandIssued", DEPARDON, 120_000, user=user))
    assert_silent(following)
    assert only_play(following)["audioItem"]["stream"]["token"] == MAAS
    pause = send(controller_event("PlaybackController.PauseCommandIssued", DEPARDON, 130_000, user=user))
    assert_silent(pause)
    assert directives(pause)[0]["type"] == "AudioPlayer.Stop"


def test_failed_playback_and_exceptions_get_empty_responses() -> None:
    assert send(fixture("playback_failed"))["response"] == {}
    assert send(fixture("exception_encountered"))["response"] == {}


def test_resume_of_an_episode_staff_removed_is_graceful(user: str) -> None:
    player = {"token": "podcast:metamorphoses:retire", "offsetInMilliseconds": 1000, "playerActivity": "PAUSED"}
    result = send(intent("AMAZON.ResumeIntent", user=user, player=player))
    assert directives(result) == []
    assert speech(result).startswith("Je n'ai rien à reprendre.")


def test_play_by_guest_slot() -> None:
    result = send(intent("PlayPodcastIntent", [slot("guest", "winy maas", "metamorphoses:maas", "PODCAST_GUEST")]))
    assert only_play(result)["audioItem"]["stream"]["token"] == MAAS


def test_a_month_name_means_the_last_such_month() -> None:
    # Alexa resolves "octobre" asked in November 2026 to 2027-10: the resident means October 2026
    said = speech(send(intent("MagazineIntent", [slot("month", "2027-10")], at="2026-11-26T09:00:00Z")))
    assert said.startswith("Au sommaire de Point d'Appui d'octobre 2026 :")
