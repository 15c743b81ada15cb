"""Sessions, the simulated AudioPlayer and its events, with a stand-in skill."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from stub_skill import stub_skill

from mairie.tools.conversation import Conversation
from mairie.tools.envelopes import Caller

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 26, 10, 0, tzinfo=PARIS)


def test_a_session_carries_its_attributes_until_it_ends() -> None:
    skill, handler = stub_skill()
    conversation = Conversation(skill, Caller())
    first = conversation.speak("ouvre la mairie d'issy", NOW)
    assert first.session_open
    assert first.lines[0] == "Bonjour & bienvenue."
    conversation.speak("quels sont les épisodes", NOW)
    second = handler.requests[-1]
    assert second["session"]["new"] is False
    assert second["session"]["attributes"] == {"tours": 1}
    assert second["session"]["sessionId"] == handler.requests[0]["session"]["sessionId"]
    conversation.speak("stop", NOW)
    assert conversation.session is None
    conversation.speak("quels sont les épisodes", NOW)
    assert handler.requests[-1]["session"]["new"] is True
    assert handler.requests[-1]["session"]["attributes"] == {}


def test_launching_again_starts_a_new_session() -> None:
    skill, handler = stub_skill()
    conversation = Conversation(skill, Caller())
    conversation.speak("ouvre la mairie d'issy", NOW)
    conversation.speak("ouvre la mairie d'issy", NOW)
    first, second = handler.requests
    assert second["session"]["new"] is True
    assert second["session"]["sessionId"] != first["session"]["sessionId"]


def test_playing_sends_playback_started_and_the_context_follows_the_clock() -> None:
    skill, handler = stub_skill()
    conversation = Conversation(skill, Caller())
    turn = conversation.speak("joue le podcast", NOW)
    assert "▶ Lecture : Premier épisode — https://media.exemple.fr/un.mp3" in turn.lines
    assert "(lecture démarrée : Premier épisode — 0 min 00)" in turn.lines
    started = handler.of_type("AudioPlayer.PlaybackStarted")
    assert [(r["request"]["token"], "session" in r) for r in started] == [("podcast:s:un", False)]
    later = NOW + timedelta(minutes=3, seconds=20)
    assert conversation.player.status(later) == "(lecture en cours : Premier épisode — 3 min 20)"
    conversation.speak("pause", later)
    pause = handler.of_type("IntentRequest")[-1]
    assert pause["context"]["AudioPlayer"] == {
        "playerActivity": "PLAYING",
        "token": "podcast:s:un",
        "offsetInMilliseconds": 200_000,
    }
    stopped = handler.of_type("AudioPlayer.PlaybackStopped")[-1]["request"]
    assert (stopped["token"], stopped["offsetInMilliseconds"]) == ("podcast:s:un", 200_000)
    assert conversation.player.activity == "STOPPED"
    assert conversation.player.status(later + timedelta(minutes=5)) is None


def test_resume_plays_from_the_saved_offset() -> None:
    skill, _ = stub_skill()
    conversation = Conversation(skill, Caller())
    conversation.speak("joue le podcast", NOW)
    conversation.speak("pause", NOW + timedelta(minutes=12, seconds=30))
    turn = conversation.speak("reprends", NOW + timedelta(hours=1))
    assert any(line.endswith("(à partir de 12 min 30)") for line in turn.lines)
    assert conversation.player.position(NOW + timedelta(hours=1, minutes=1)) == 810_000


def test_the_end_of_a_stream_plays_what_was_enqueued() -> None:
    skill, handler = stub_skill()
    conversation = Conversation(skill, Caller())
    conversation.speak("joue le podcast", NOW)
    lines, warnings = conversation.finish_stream(NOW + timedelta(minutes=30))
    assert warnings == []
    kinds = [r["request"]["type"] for r in handler.requests[-3:]]
    assert kinds == [
        "AudioPlayer.PlaybackNearlyFinished",
        "AudioPlayer.PlaybackFinished",
        "AudioPlayer.PlaybackStarted",
    ]
    assert handler.requests[-1]["request"]["token"] == "podcast:s:deux"
    assert "(lecture terminée : Premier épisode)" in lines
    assert conversation.player.current is not None
    assert conversation.player.current.token == "podcast:s:deux"
    lines, _ = conversation.finish_stream(NOW + timedelta(hours=1))
    assert conversation.player.activity == "FINISHED"
    assert conversation.finish_stream(NOW + timedelta(hours=2)) == (["(aucune lecture en cours)"], [])


def test_a_device_without_audio_player_sends_no_player_context_nor_events() -> None:
    skill, handler = stub_skill()
    conversation = Conversation(skill, Caller(device="voice"))
    conversation.speak("joue le podcast", NOW)
    assert "AudioPlayer" not in handler.requests[-1]["context"]
    assert handler.of_type("AudioPlayer.PlaybackStarted") == []


def test_speech_in_reply_to_an_audio_player_event_is_reported() -> None:
    skill, handler = stub_skill()
    conversation = Conversation(skill, Caller())

    def talkative(event: dict[str, object], context: object) -> dict[str, object]:
        if str(event["request"]["type"]).startswith("AudioPlayer."):  # type: ignore[index]
            return {"version": "1.0", "response": {"outputSpeech": {"type": "PlainText", "text": "Bonjour"}}}
        return handler(event, context)

    skill.handler = talkative
    turn = conversation.speak("joue le podcast", NOW)
    assert any("AudioPlayer.PlaybackStarted" in w and "parole" in w for w in turn.warnings)


def test_leaving_ends_the_session_and_stops_the_device() -> None:
    skill, handler = stub_skill()
    conversation = Conversation(skill, Caller())
    conversation.speak("joue le podcast", NOW)
    conversation.speak("quels sont les épisodes", NOW + timedelta(minutes=1))
    lines, _ = conversation.leave(NOW + timedelta(minutes=2))
    kinds = [r["request"]["type"] for r in handler.requests[-2:]]
    assert kinds == ["SessionEndedRequest", "AudioPlayer.PlaybackStopped"]
    assert handler.requests[-2]["request"]["reason"] == "USER_INITIATED"
    assert "(lecture arrêtée : Premier épisode — 2 min 00)" in lines


def test_buttons_send_playback_controller_requests() -> None:
    skill, handler = stub_skill()
    conversation = Conversation(skill, Caller())
    conversation.press("NextCommandIssued", NOW)
    request = handler.requests[-1]
    assert request["request"]["type"] == "PlaybackController.NextCommandIssued"
    assert "session" not in request
