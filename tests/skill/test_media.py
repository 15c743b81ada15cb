"""Magazine and podcasts through lambda_handler: speech, AudioPlayer directives and saved positions."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from mairie.alexa import turn
from mairie.catalogue.current import get_catalogue, reset_catalogue_cache
from tests.commune import COMMUNE
from tests.confirmed_audio import confirmed_audio_commune
from tests.skill.envelopes import (
    audio_event,
    controller_event,
    directives,
    fixture,
    intent,
    send,
    session_attributes,
    slot,
    speech,
)

pytestmark = pytest.mark.usefixtures("confirmed_audio")  # playback itself (tests/skill/conftest.py)

DEPARDON = "podcast:metamorphoses:depardon"
MAAS = "podcast:metamorphoses:maas"
LAMBDA_DIR = Path(__file__).resolve().parents[2] / "lambda"


def only_play(result: dict[str, Any]) -> dict[str, Any]:
    found = directives(result)
    assert len(found) == 1 and found[0]["type"] == "AudioPlayer.Play"
    return found[0]


def assert_silent(result: dict[str, Any]) -> None:
    response = result["response"]
    assert "outputSpeech" not in response and "card" not in response and "reprompt" not in response


def test_this_months_magazine_summary(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(turn, "get_catalogue", get_catalogue)  # the issue as the city marked it: an example
    result = send(intent("MagazineIntent", at="2026-11-26T09:00:00Z"))
    said = speech(result)
    assert said.startswith("Au sommaire de Point d'Appui de novembre 2026 :")
    assert "Issy, berceau de l'aviation" in said
    assert "Ce sommaire est un exemple" in said
    assert result["response"]["card"]["title"].startswith("Point d'Appui")


def test_a_previous_month_on_request() -> None:
    said = speech(send(intent("MagazineIntent", [slot("month", "2026-10")], at="2026-11-26T09:00:00Z")))
    assert said.startswith("Au sommaire de Point d'Appui d'octobre 2026 :")


def test_next_months_issue_published_early_is_found_by_its_month(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Staff publish December's issue at the end of November (the guide's example): « le magazine de
    décembre » is that issue, not December of last year."""
    commune = tmp_path / "commune"
    shutil.copytree(COMMUNE, commune)
    with (commune / "magazine.yaml").open("a", encoding="utf-8") as file:
        file.write(
            "    - mois: 2026-12\n      titre: Point d'Appui, décembre 2026\n      sommaire:\n"
            "        - id: marche-de-noel\n          titre: Le marché de Noël\n          resume: Il ouvre samedi.\n"
        )
    monkeypatch.setenv("MAIRIE_CONTENT", str(commune))
    monkeypatch.setattr(turn, "get_catalogue", get_catalogue)  # this copy, not the module's confirmed catalogue
    reset_catalogue_cache()
    try:
        december = speech(send(intent("MagazineIntent", [slot("month", "2026-12")], at="2026-11-26T09:00:00Z")))
        october = speech(send(intent("MagazineIntent", [slot("month", "2027-10")], at="2026-11-26T09:00:00Z")))
    finally:
        monkeypatch.delenv("MAIRIE_CONTENT")
        reset_catalogue_cache()
    assert december.startswith("Au sommaire de Point d'Appui de décembre 2026 : Le marché de Noël.")
    assert october.startswith("Au sommaire de Point d'Appui d'octobre 2026 :"), "a month to come means the last one"


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
    assert said == (
        "Métamorphoses, Issy se réinvente compte 2 épisodes. L'épisode 1, avec Raymond Depardon et l'épisode 2, "
        "avec Winy Maas. Lequel voulez-vous écouter ?"
    ), "the count is a sentence of its own: the first sentence stays short however many episodes there are"


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


def _as_user(event: dict[str, Any], user: str) -> dict[str, Any]:
    event["context"]["System"]["user"]["userId"] = f"amzn1.ask.account.{user}"
    return event


def test_failed_playback_is_retried_once_from_where_it_stopped_then_stopped_cleanly(user: str) -> None:
    retry = send(_as_user(fixture("playback_failed"), user))
    assert_silent(retry)
    play = only_play(retry)
    assert play["playBehavior"] == "REPLACE_ALL"
    assert play["audioItem"]["stream"]["token"] == DEPARDON + "#reprise"
    assert play["audioItem"]["stream"]["offsetInMilliseconds"] == 61_000
    assert "expectedPreviousToken" not in play["audioItem"]["stream"]
    again = send(_as_user(fixture("playback_failed"), user))
    assert_silent(again)
    assert directives(again) == [{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ALL"}]
    third = send(_as_user(fixture("playback_failed"), user))
    assert directives(third) == [{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ALL"}]
    # the place is kept: "reprends" later continues where the stream failed
    resumed = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "STOPPED"}))
    assert only_play(resumed)["audioItem"]["stream"]["offsetInMilliseconds"] == 61_000


def test_a_stream_that_starts_again_after_a_failure_gets_a_new_retry(user: str) -> None:
    send(_as_user(fixture("playback_failed"), user))
    send(audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 61_000, user=user))
    assert only_play(send(_as_user(fixture("playback_failed"), user)))["playBehavior"] == "REPLACE_ALL"


def test_failure_of_an_unknown_stream_clears_the_queue_silently(user: str) -> None:
    event = _as_user(fixture("playback_failed"), user)
    event["request"]["token"] = event["request"]["currentPlaybackState"]["token"] = "podcast:metamorphoses:retire"
    result = send(event)
    assert_silent(result)
    assert directives(result) == [{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ALL"}]


def test_exceptions_get_empty_responses() -> None:
    assert send(fixture("exception_encountered"))["response"] == {}


def test_resume_of_an_episode_staff_removed_is_graceful(user: str) -> None:
    player = {"token": "podcast:metamorphoses:retire", "offsetInMilliseconds": 1000, "playerActivity": "PAUSED"}
    result = send(intent("AMAZON.ResumeIntent", user=user, player=player))
    assert directives(result) == []
    assert speech(result) == (
        "Ce que vous écoutiez n'est plus disponible. Voulez-vous écouter le dernier épisode de "
        "Métamorphoses, Issy se réinvente, « La nature et la ville sont indissociables » ?"
    )
    yes = send(intent("AMAZON.YesIntent", user=user, session_attributes=session_attributes(result)))
    assert only_play(yes)["audioItem"]["stream"]["token"] == MAAS


def test_a_saved_episode_staff_removed_is_graceful_days_later(user: str) -> None:
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 5_000, user=user, activity="STOPPED"))
    send(audio_event("AudioPlayer.PlaybackStopped", "podcast:metamorphoses:retire", 9_000, user=user))
    # the unknown token was not saved: the last known place stays
    resumed = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"}))
    assert only_play(resumed)["audioItem"]["stream"]["token"] == DEPARDON


def test_nothing_saved_means_nothing_to_resume(user: str) -> None:
    result = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"}))
    assert directives(result) == []
    assert speech(result).startswith("Je n'ai rien à reprendre.")


def test_resume_in_a_new_session_says_what_resumes(user: str) -> None:
    send(audio_event("AudioPlayer.PlaybackStopped", DEPARDON, 300_000, user=user, activity="STOPPED"))
    result = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"}))
    assert speech(result) == (
        "Je reprends l'épisode 1 de Métamorphoses, Issy se réinvente : L'architecte est le héros d'aujourd'hui."
    )
    assert only_play(result)["audioItem"]["stream"]["offsetInMilliseconds"] == 300_000
    # just after a pause, the device still holds the stream: resume without a word
    held = {"token": DEPARDON, "offsetInMilliseconds": 300_000, "playerActivity": "PAUSED"}
    quiet = send(intent("AMAZON.ResumeIntent", user=user, player=held))
    assert "outputSpeech" not in quiet["response"]
    assert only_play(quiet)["audioItem"]["stream"]["offsetInMilliseconds"] == 300_000


def test_pause_when_nothing_plays_says_so(user: str) -> None:
    result = send(intent("AMAZON.PauseIntent", user=user, player={"playerActivity": "IDLE"}))
    assert speech(result) == "Rien n'est en cours de lecture."
    assert directives(result) == []


def test_the_enqueued_episode_becomes_the_saved_place_when_the_first_finishes(user: str) -> None:
    send(audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 0, user=user))
    enqueued = send(audio_event("AudioPlayer.PlaybackNearlyFinished", DEPARDON, 1_500_000, user=user))
    assert only_play(enqueued)["audioItem"]["stream"]["expectedPreviousToken"] == DEPARDON
    assert_silent(send(audio_event("AudioPlayer.PlaybackFinished", DEPARDON, 1_600_000, user=user)))
    assert_silent(send(audio_event("AudioPlayer.PlaybackStarted", MAAS, 0, user=user)))
    stopped = send(audio_event("AudioPlayer.PlaybackStopped", MAAS, 42_000, user=user, activity="STOPPED"))
    assert_silent(stopped)
    resumed = send(intent("AMAZON.ResumeIntent", user=user, player={"playerActivity": "IDLE"}))
    stream = only_play(resumed)["audioItem"]["stream"]
    assert (stream["token"], stream["offsetInMilliseconds"]) == (MAAS, 42_000)


def test_after_a_pause_and_resume_nearly_finished_enqueues_again(user: str) -> None:
    send(audio_event("AudioPlayer.PlaybackNearlyFinished", DEPARDON, 10_000, user=user))
    send(audio_event("AudioPlayer.PlaybackStarted", DEPARDON, 10_000, user=user))  # REPLACE_ALL emptied the queue
    again = send(audio_event("AudioPlayer.PlaybackNearlyFinished", DEPARDON, 20_000, user=user))
    assert only_play(again)["playBehavior"] == "ENQUEUE"


def test_every_event_response_is_free_of_speech_and_cards(user: str) -> None:
    events = [
        audio_event(kind, DEPARDON, 1_000, user=user)
        for kind in (
            "AudioPlayer.PlaybackStarted",
            "AudioPlayer.PlaybackNearlyFinished",
            "AudioPlayer.PlaybackStopped",
            "AudioPlayer.PlaybackFinished",
        )
    ]
    events += [
        controller_event(f"PlaybackController.{kind}CommandIssued", token, 1_000, user=user)
        for kind in ("Play", "Pause", "Next", "Previous")
        for token in (DEPARDON, MAAS, None)
    ]
    events += [_as_user(fixture("playback_failed"), user), fixture("exception_encountered")]
    for event in events:
        result = send(event)
        assert_silent(result)
        assert "shouldEndSession" not in result["response"], event["request"]["type"]


# --- magazine: sommaire, articles, "le point suivant" -----------------------------------------

NOVEMBER = "2026-11-26T09:00:00Z"


def test_the_sommaire_offers_the_first_article_and_yes_reads_it(user: str) -> None:
    sommaire = send(intent("MagazineIntent", user=user, at=NOVEMBER))
    assert speech(sommaire).endswith(
        "Voulez-vous que je vous lise le premier article, « Le Musée français de la Carte à Jouer » ?"
    )
    first = send(intent("AMAZON.YesIntent", user=user, at=NOVEMBER, session_attributes=session_attributes(sommaire)))
    said = speech(first)
    assert said.startswith("Le Musée français de la Carte à Jouer. Fondé en 1986")
    assert said.endswith("Voulez-vous entendre le point suivant ?")
    assert first["response"]["card"]["title"] == "Le Musée français de la Carte à Jouer"
    second = send(intent("NextArticleIntent", user=user, at=NOVEMBER, session_attributes=session_attributes(first)))
    assert speech(second).startswith("Métamorphoses, les podcasts qui racontent la ville. Le photographe")
    third = send(intent("AMAZON.YesIntent", user=user, at=NOVEMBER, session_attributes=session_attributes(second)))
    assert speech(third).startswith("Issy, berceau de l'aviation. Le 13 janvier 1908")
    assert "C'était le dernier article du sommaire." in speech(third)
    after = send(intent("NextArticleIntent", user=user, at=NOVEMBER, session_attributes=session_attributes(third)))
    assert speech(after) == (
        "Vous avez entendu tous les articles du numéro de novembre 2026. Que voulez-vous faire d'autre ?"
    )


def test_read_an_article_by_its_title(user: str) -> None:
    topic = slot("topic", "la cité des sports", "2026-10:cite-des-sports", "MAGAZINE_ARTICLE")
    result = send(intent("MagazineArticleIntent", [topic], user=user, at=NOVEMBER))
    assert speech(result).startswith("La Cité des Sports, avenue Jean-Bouin. Construite sur l'ancien parc")
    # "suivant" (no audio playing) goes on with the same issue
    following = send(intent("AMAZON.NextIntent", user=user, at=NOVEMBER, session_attributes=session_attributes(result)))
    assert speech(following).startswith("Des médiathèques ouvertes le dimanche.")
    assert directives(following) == []


def test_read_an_article_from_free_words_when_the_slot_did_not_resolve(user: str) -> None:
    topic = slot("topic", "l'aviation", None, "MAGAZINE_ARTICLE")
    result = send(intent("MagazineArticleIntent", [topic], user=user, at=NOVEMBER))
    assert speech(result).startswith("Issy, berceau de l'aviation.")


def test_an_unknown_article_lists_the_sommaire(user: str) -> None:
    topic = slot("topic", "la météo", None, "MAGAZINE_ARTICLE")
    result = send(intent("MagazineArticleIntent", [topic], user=user, at=NOVEMBER))
    assert speech(result) == (
        "Je ne trouve pas cet article dans le numéro de novembre 2026. Au sommaire : "
        "« Le Musée français de la Carte à Jouer », « Métamorphoses, les podcasts qui racontent la ville » "
        "et « Issy, berceau de l'aviation ». Lequel voulez-vous ?"
    )


def test_next_point_without_a_sommaire_gives_the_sommaire(user: str) -> None:
    result = send(intent("NextArticleIntent", user=user, at=NOVEMBER))
    assert speech(result).startswith("Au sommaire de Point d'Appui de novembre 2026 :")


def test_yes_is_not_an_article_request_once_the_conversation_moved_on(user: str) -> None:
    sommaire = send(intent("MagazineIntent", user=user, at=NOVEMBER))
    episodes = send(intent("ListEpisodesIntent", user=user, session_attributes=session_attributes(sommaire)))
    yes = send(intent("AMAZON.YesIntent", user=user, session_attributes=session_attributes(episodes)))
    assert not speech(yes).startswith("Le Musée français")


def test_play_by_guest_slot() -> None:
    result = send(intent("PlayPodcastIntent", [slot("guest", "winy maas", "metamorphoses:maas", "PODCAST_GUEST")]))
    assert only_play(result)["audioItem"]["stream"]["token"] == MAAS


def test_a_month_name_means_the_last_such_month() -> None:
    # Alexa resolves "octobre" asked in November 2026 to 2027-10: the resident means October 2026
    said = speech(send(intent("MagazineIntent", [slot("month", "2027-10")], at="2026-11-26T09:00:00Z")))
    assert said.startswith("Au sommaire de Point d'Appui d'octobre 2026 :")


def test_what_is_this_episode_about_then_yes_plays_it(user: str) -> None:
    player = {"token": DEPARDON, "offsetInMilliseconds": 90_000, "playerActivity": "PAUSED"}
    info = send(intent("EpisodeInfoIntent", user=user, player=player))
    assert "L'architecte est le héros d'aujourd'hui" in speech(info)
    assert "Le photographe Raymond Depardon" in speech(info)
    assert speech(info).endswith("Voulez-vous écouter cet épisode ?")
    yes = send(intent("AMAZON.YesIntent", user=user, session_attributes=session_attributes(info)))
    assert only_play(yes)["audioItem"]["stream"]["token"] == DEPARDON


def test_play_the_first_episode_by_position(user: str) -> None:
    position = slot("position", "premier", "premier", "EPISODE_POSITION")
    assert only_play(send(intent("PlayPodcastIntent", [position], user=user)))["audioItem"]["stream"]["token"] == (
        DEPARDON
    )


def test_an_issue_without_audio_offers_its_sommaire(user: str) -> None:
    october = "2026-10-15T09:00:00Z"
    result = send(intent("MagazineAudioIntent", user=user, at=october))
    assert directives(result) == []
    assert speech(result) == (
        "Le numéro d'octobre 2026 de Point d'Appui n'a pas de version audio. "
        "Voulez-vous que je vous lise son sommaire ?"
    )
    yes = send(intent("AMAZON.YesIntent", user=user, at=october, session_attributes=session_attributes(result)))
    assert speech(yes).startswith("Au sommaire de Point d'Appui d'octobre 2026 :")


def test_a_removed_stream_on_the_device_falls_back_to_the_saved_place(user: str) -> None:
    send(audio_event("AudioPlayer.PlaybackStopped", MAAS, 77_000, user=user, activity="STOPPED"))
    player = {"token": "podcast:metamorphoses:retire", "offsetInMilliseconds": 1000, "playerActivity": "STOPPED"}
    stream = only_play(send(intent("AMAZON.ResumeIntent", user=user, player=player)))["audioItem"]["stream"]
    assert (stream["token"], stream["offsetInMilliseconds"]) == (MAAS, 77_000)


def _in_fresh_container_without_store(event: dict[str, Any], **extra: str) -> dict[str, Any]:
    """The event answered by a new Python process (a new Lambda container) with no store configured."""
    env = {k: v for k, v in os.environ.items() if k not in ("MAIRIE_STATE", "DYNAMODB_PERSISTENCE_TABLE_NAME")}
    env["PYTHONPATH"] = str(LAMBDA_DIR)
    env.update(extra)
    code = (
        "import json, sys; from lambda_function import lambda_handler; "
        "print(json.dumps(lambda_handler(json.load(sys.stdin), None)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], input=json.dumps(event), capture_output=True, text=True, env=env, check=True
    )
    result: dict[str, Any] = json.loads(done.stdout.strip().splitlines()[-1])
    return result


def test_without_any_store_a_failing_stream_is_retried_once_then_stopped(user: str, tmp_path: Path) -> None:
    # each report reaches another container, none with a store: only the request carries what happened
    content = str(confirmed_audio_commune(tmp_path))  # example audio is never streamed
    failed = _as_user(fixture("playback_failed"), user)
    first = _in_fresh_container_without_store(failed, MAIRIE_CONTENT=content)
    retried = only_play(first)["audioItem"]["stream"]
    assert retried["offsetInMilliseconds"] == 61_000
    answers = []
    for _ in range(2):  # Alexa reports the failure with the token of the stream that failed: the retried one
        failed["request"]["token"] = retried["token"]
        failed["request"]["currentPlaybackState"]["token"] = retried["token"]
        failed["context"]["AudioPlayer"]["token"] = retried["token"]
        answers.append(_in_fresh_container_without_store(failed, MAIRIE_CONTENT=content))
    for answer in answers:
        assert_silent(answer)
        assert directives(answer) == [{"type": "AudioPlayer.ClearQueue", "clearBehavior": "CLEAR_ALL"}]


def test_repeat_while_a_podcast_plays_replays_the_last_seconds_without_opening_a_conversation(user: str) -> None:
    playing = {"token": DEPARDON, "offsetInMilliseconds": 95_000, "playerActivity": "PLAYING"}
    result = send(intent("AMAZON.RepeatIntent", user=user, player=playing))
    play = only_play(result)
    assert play["audioItem"]["stream"]["token"] == DEPARDON
    assert play["audioItem"]["stream"]["offsetInMilliseconds"] == 65_000
    assert "outputSpeech" not in result["response"] and "reprompt" not in result["response"]
    assert result["response"]["shouldEndSession"] is True
    # near the start, from the start; a retried stream replays under its plain token
    early = {"token": DEPARDON + "#reprise", "offsetInMilliseconds": 10_000, "playerActivity": "PLAYING"}
    stream = only_play(send(intent("AMAZON.RepeatIntent", user=user, player=early)))["audioItem"]["stream"]
    assert (stream["token"], stream["offsetInMilliseconds"]) == (DEPARDON, 0)


def test_repeat_after_the_podcast_stopped_repeats_the_last_answer(user: str) -> None:
    stopped = {"token": DEPARDON, "offsetInMilliseconds": 95_000, "playerActivity": "STOPPED"}
    result = send(intent("AMAZON.RepeatIntent", user=user, player=stopped))
    assert directives(result) == []
    assert speech(result)


def test_a_long_episode_list_is_said_in_part_and_the_card_lists_every_episode(tmp_path: Path) -> None:
    from mairie.catalogue.compiled import dump_catalogue
    from mairie.catalogue.current import get_catalogue
    from mairie.tools.bench_catalogue import scaled_catalogue

    grown = tmp_path / "catalogue.json"
    grown.write_text(dump_catalogue(scaled_catalogue(get_catalogue())), encoding="utf-8")
    result = _in_fresh_container_without_store(intent("ListEpisodesIntent"), MAIRIE_CATALOGUE=str(grown))
    said = speech(result)
    assert "épisodes. Les cinq plus récents : l'épisode " in said
    assert "La liste complète est dans l'application Alexa." in said
    assert said.count("l'épisode ") == 5
    card = result["response"]["card"]
    episodes = card["content"].splitlines()
    assert episodes[0].startswith("Épisode 1 : ") and len(episodes) > 5
