"""A tiny stand-in for `lambda_function.lambda_handler`, to test the local tools on their own."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from tools_support import real_resolver

from mairie.tools.local_skill import LocalSkill

EPISODES = {
    "podcast:s:un": ("Premier épisode", "https://media.exemple.fr/un.mp3"),
    "podcast:s:deux": ("Second épisode", "https://media.exemple.fr/deux.mp3"),
}


def speech(text: str, end: bool | None = None, attributes: dict[str, Any] | None = None) -> dict[str, Any]:
    response: dict[str, Any] = {"outputSpeech": {"type": "SSML", "ssml": f"<speak>{text}</speak>"}}
    if end is False:
        response["reprompt"] = {"outputSpeech": {"type": "SSML", "ssml": "<speak>Autre chose ?</speak>"}}
    if end is not None:
        response["shouldEndSession"] = end
    envelope: dict[str, Any] = {"version": "1.0", "response": response}
    if attributes is not None:
        envelope["sessionAttributes"] = attributes
    return envelope


def play(token: str, behavior: str = "REPLACE_ALL", offset: int = 0, previous: str | None = None) -> dict[str, Any]:
    title, url = EPISODES[token]
    stream: dict[str, Any] = {"url": url, "token": token, "offsetInMilliseconds": offset}
    if previous:
        stream["expectedPreviousToken"] = previous
    return {
        "type": "AudioPlayer.Play",
        "playBehavior": behavior,
        "audioItem": {"stream": stream, "metadata": {"title": title}},
    }


class StubHandler:
    """Answers like a small audio skill and records every request it receives."""

    def __init__(self) -> None:
        self.requests: list[dict[str, Any]] = []
        self.saved: tuple[str, int] | None = None
        self.fail_on: str | None = None

    def of_type(self, kind: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["request"]["type"] == kind]

    def __call__(self, event: dict[str, Any], context: Any) -> dict[str, Any]:
        self.requests.append(event)
        request = event["request"]
        kind = request["type"]
        intent = (request.get("intent") or {}).get("name")
        if self.fail_on is not None and self.fail_on in (kind, intent):
            raise RuntimeError("panne simulée")
        if kind == "LaunchRequest":
            return speech("Bonjour &amp; bienvenue.", end=False, attributes={"tours": 1})
        if kind == "AudioPlayer.PlaybackNearlyFinished" and request["token"] == "podcast:s:un":
            return {
                "version": "1.0",
                "response": {"directives": [play("podcast:s:deux", "ENQUEUE", previous="podcast:s:un")]},
            }
        if kind in ("AudioPlayer.PlaybackStopped", "AudioPlayer.PlaybackStarted"):
            self.saved = (request["token"], request["offsetInMilliseconds"])
            return {"version": "1.0", "response": {}}
        if kind.startswith(("AudioPlayer.", "PlaybackController.", "System.", "SessionEnded")):
            return {"version": "1.0", "response": {}}
        if intent == "PlayPodcastIntent":
            envelope = speech("Voici le premier épisode.", end=True)
            envelope["response"]["directives"] = [play("podcast:s:un")]
            return envelope
        if intent == "AMAZON.PauseIntent":
            return {
                "version": "1.0",
                "response": {"directives": [{"type": "AudioPlayer.Stop"}], "shouldEndSession": True},
            }
        if intent == "AMAZON.ResumeIntent" and self.saved:
            return {
                "version": "1.0",
                "response": {"directives": [play(self.saved[0], offset=self.saved[1])], "shouldEndSession": True},
            }
        if intent == "AMAZON.StopIntent":
            return speech("Au revoir.", end=True)
        attributes = dict((event.get("session") or {}).get("attributes") or {})
        attributes["tours"] = int(attributes.get("tours", 0)) + 1
        return speech(f"Intention {intent}.", end=False, attributes=attributes)


def stub_skill() -> tuple[LocalSkill, StubHandler]:
    handler = StubHandler()
    return LocalSkill(real_resolver(), handler, ZoneInfo("Europe/Paris")), handler
