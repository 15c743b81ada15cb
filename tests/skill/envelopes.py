"""Real request envelopes (JSON fixtures in tests/fixtures/requests) adapted per test, and the
real `lambda_handler` to send them through."""

from __future__ import annotations

import copy
import json
import re
from html import unescape
from pathlib import Path
from typing import Any

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "requests"
SKILL_ID = "amzn1.ask.skill.mairie-vocale-tests"
AUTHORITY = f"amzn1.er-authority.echo-sdk.{SKILL_ID}"


def fixture(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads((FIXTURES / f"{name}.json").read_text(encoding="utf-8"))
    return copy.deepcopy(loaded)


def _customise(event: dict[str, Any], at: str, user: str, device: str) -> dict[str, Any]:
    event["request"]["timestamp"] = at
    system = event["context"]["System"]
    system["user"]["userId"] = f"amzn1.ask.account.{user}"
    if "session" in event:
        event["session"]["user"]["userId"] = f"amzn1.ask.account.{user}"
    interfaces = {
        "audio": {"AudioPlayer": {}},
        "voice": {},
        "screen": {"AudioPlayer": {}, "Alexa.Presentation.APL": {}},
    }
    system["device"]["supportedInterfaces"] = interfaces[device]
    return event


def slot(name: str, value: str | None, resolved_id: str | None = None, slot_type: str = "") -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if value is not None:
        entry["value"] = value
    if slot_type:
        if resolved_id:
            status = "ER_SUCCESS_MATCH"
            values = [{"value": {"name": value, "id": resolved_id}}]
        else:
            status, values = "ER_SUCCESS_NO_MATCH", []
        entry["resolutions"] = {
            "resolutionsPerAuthority": [
                {"authority": f"{AUTHORITY}.{slot_type}", "status": {"code": status}, "values": values}
            ]
        }
    return entry


def launch(at: str = "2026-11-26T09:00:00Z", user: str = "TESTUSER", device: str = "audio") -> dict[str, Any]:
    return _customise(fixture("launch"), at, user, device)


def intent(
    name: str,
    slots: list[dict[str, Any]] | None = None,
    *,
    at: str = "2026-11-26T09:00:00Z",
    user: str = "TESTUSER",
    device: str = "audio",
    session_attributes: dict[str, Any] | None = None,
    player: dict[str, Any] | None = None,
) -> dict[str, Any]:
    event = _customise(fixture("intent"), at, user, device)
    event["request"]["intent"] = {
        "name": name,
        "confirmationStatus": "NONE",
        "slots": {s["name"]: s for s in slots or []},
    }
    if session_attributes is not None:
        event["session"]["new"] = False
        event["session"]["attributes"] = session_attributes
    if player is not None:
        event["context"]["AudioPlayer"] = player
    return event


def audio_event(
    request_type: str,
    token: str,
    offset_ms: int = 0,
    *,
    at: str = "2026-11-26T09:00:00Z",
    user: str = "TESTUSER",
    activity: str = "PLAYING",
) -> dict[str, Any]:
    event = _customise(fixture("audioplayer_event"), at, user, "audio")
    event["request"].update({"type": request_type, "token": token, "offsetInMilliseconds": offset_ms})
    event["context"]["AudioPlayer"] = {
        "token": token,
        "offsetInMilliseconds": offset_ms,
        "playerActivity": activity,
    }
    return event


def controller_event(
    request_type: str, token: str | None, offset_ms: int = 0, *, user: str = "TESTUSER"
) -> dict[str, Any]:
    event = _customise(fixture("playback_controller"), "2026-11-26T09:00:00Z", user, "audio")
    event["request"]["type"] = request_type
    if token is None:
        event["context"].pop("AudioPlayer", None)
    else:
        event["context"]["AudioPlayer"] = {
            "token": token,
            "offsetInMilliseconds": offset_ms,
            "playerActivity": "PAUSED",
        }
    return event


def send(event: dict[str, Any]) -> dict[str, Any]:
    from lambda_function import lambda_handler

    # a real Lambda receives JSON: make sure the event survives the round trip
    result: dict[str, Any] = lambda_handler(json.loads(json.dumps(event)), None)
    json.dumps(result)  # the response must be serialisable as Alexa receives it
    return result


def speech(result: dict[str, Any]) -> str:
    """What Alexa says, as plain text."""
    output = result.get("response", {}).get("outputSpeech")
    if not output:
        return ""
    ssml = output.get("ssml") or output.get("text") or ""
    return unescape(re.sub(r"<[^>]+>", "", ssml)).strip()


def reprompt(result: dict[str, Any]) -> str:
    output = result.get("response", {}).get("reprompt", {}).get("outputSpeech")
    if not output:
        return ""
    return unescape(re.sub(r"<[^>]+>", "", output.get("ssml", ""))).strip()


def directives(result: dict[str, Any]) -> list[dict[str, Any]]:
    found: list[dict[str, Any]] = result.get("response", {}).get("directives", [])
    return found


def session_attributes(result: dict[str, Any]) -> dict[str, Any]:
    found: dict[str, Any] = result.get("sessionAttributes") or {}
    return found
