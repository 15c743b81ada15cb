"""No crash on any input: thousands of generated and mutated envelopes through the real `lambda_handler`.

Every one must get a valid response envelope; requests from outside a conversation (AudioPlayer,
PlaybackController, System, skill events) never get speech, a card or a reprompt.
"""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.skill.envelopes import FIXTURES, fixture, intent, launch, send, speech

MODEL = Path(__file__).resolve().parents[2] / "skill-package" / "interactionModels" / "custom" / "fr-FR.json"
INTENTS: dict[str, list[str]] = {
    entry["name"]: [s["name"] for s in entry.get("slots", [])]
    for entry in json.loads(MODEL.read_text(encoding="utf-8"))["interactionModel"]["languageModel"]["intents"]
}
FIXTURE_NAMES = sorted(path.stem for path in FIXTURES.glob("*.json"))
SILENT_PREFIXES = ("AudioPlayer.", "PlaybackController.", "System.", "AlexaSkillEvent.")
REQUEST_TYPES = [
    "LaunchRequest",
    "IntentRequest",
    "SessionEndedRequest",
    "CanFulfillIntentRequest",
    "AudioPlayer.PlaybackStarted",
    "AudioPlayer.PlaybackStopped",
    "AudioPlayer.PlaybackNearlyFinished",
    "AudioPlayer.PlaybackFinished",
    "AudioPlayer.PlaybackFailed",
    "PlaybackController.PlayCommandIssued",
    "PlaybackController.PauseCommandIssued",
    "PlaybackController.NextCommandIssued",
    "PlaybackController.PreviousCommandIssued",
    "System.ExceptionEncountered",
    "AlexaSkillEvent.SkillEnabled",
    "AlexaSkillEvent.SkillDisabled",
    "AlexaSkillEvent.SkillPermissionAccepted",
    "Alexa.Presentation.APL.UserEvent",
    "Connections.Response",
    "Messaging.MessageReceived",
    "Display.ElementSelected",
]
TOKENS = [
    "podcast:metamorphoses:depardon",
    "podcast:metamorphoses:maas",
    "podcast:metamorphoses:episode-retire-par-le-personnel",
    "podcast:inconnu:x",
    "magazine:2026-11",
    "magazine:1999-13",
    "",
    "::",
    "x" * 2000,
]
ABSURD = st.one_of(
    st.text(max_size=40),
    st.sampled_from(
        ["-1", "0", "99999999999999999999", "1e309", "NaN", "?", "2026-W99", "XXXX-XX", "PRESENT_REF", "🙂" * 50]
    ),
    st.just("a" * 9000),
)
JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=30),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=6,
)


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found: list[tuple[Any, ...]] = []
    if isinstance(value, dict):
        items: list[tuple[Any, Any]] = list(value.items())
    elif isinstance(value, list):
        items = list(enumerate(value))
    else:
        return found
    for key, child in items:
        found.append((*prefix, key))
        found.extend(paths(child, (*prefix, key)))
    return found


def parent_of(event: dict[str, Any], path: tuple[Any, ...]) -> Any:
    node: Any = event
    for key in path[:-1]:
        node = node[key]
    return node


def slot_entry(name: str, value: str | None, resolved: str | None) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": name, "confirmationStatus": "NONE"}
    if value is not None:
        entry["value"] = value
    if resolved is not None:
        entry["resolutions"] = {
            "resolutionsPerAuthority": [
                {
                    "authority": "amzn1.er-authority.echo-sdk.amzn1.ask.skill.mairie-vocale-tests.X",
                    "status": {"code": "ER_SUCCESS_MATCH"},
                    "values": [{"value": {"name": value or "", "id": resolved}}],
                }
            ]
        }
    return entry


@st.composite
def intent_requests(draw: st.DrawFn) -> dict[str, Any]:
    """A well-formed intent request: a real or unknown intent, with absurd or missing slots."""
    event = fixture("intent")
    name = draw(st.sampled_from([*INTENTS, "IntentionInconnue", "AMAZON.SearchAction<object@WeatherForecast>", ""]))
    extra = draw(st.lists(st.sampled_from(["x", "facility", "date"]), max_size=2))
    slot_names = [*INTENTS.get(name, []), "inconnu", *extra]
    slots = {}
    for slot_name in draw(st.lists(st.sampled_from(slot_names), unique=True, max_size=len(slot_names))):
        value = draw(st.none() | ABSURD)
        resolved = draw(st.none() | st.sampled_from(["mediatheque", "perte-vol", "INCONNU", ""]) | st.text(max_size=10))
        slots[slot_name] = slot_entry(slot_name, value, resolved)
    event["request"]["intent"] = {"name": name, "confirmationStatus": "NONE", "slots": slots}
    event["request"]["dialogState"] = draw(st.sampled_from(["STARTED", "IN_PROGRESS", "COMPLETED"]))
    event["session"]["new"] = draw(st.booleans())
    event["session"]["attributes"] = draw(
        st.just({}) | st.dictionaries(st.sampled_from(["last_answer", "offer", "misunderstood", "x"]), JSON_VALUES)
    )
    if draw(st.booleans()):
        event["context"]["AudioPlayer"] = {
            "token": draw(st.sampled_from(TOKENS)),
            "offsetInMilliseconds": draw(st.integers(min_value=-(10**12), max_value=10**12)),
            "playerActivity": draw(
                st.sampled_from(["PLAYING", "PAUSED", "IDLE", "STOPPED", "FINISHED", "BUFFER_UNDERRUN"])
            ),
        }
    elif draw(st.booleans()):
        event["context"].pop("AudioPlayer", None)
    return event


@st.composite
def mutated_envelopes(draw: st.DrawFn) -> dict[str, Any]:
    """A real fixture, then a few mutations: fields dropped, replaced by wrong types, unknown types, tokens."""
    event = fixture(draw(st.sampled_from(FIXTURE_NAMES)))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        kind = draw(st.sampled_from(["drop", "replace", "type", "token", "no-player", "offset"]))
        request = event.get("request")
        if kind == "type" and isinstance(request, dict):
            request["type"] = draw(st.sampled_from(REQUEST_TYPES) | st.text(max_size=20))
        elif kind == "token" and isinstance(request, dict):
            request["token"] = draw(st.sampled_from(TOKENS) | st.text(max_size=20))
        elif kind == "offset" and isinstance(request, dict):
            request["offsetInMilliseconds"] = draw(JSON_VALUES)
        elif kind == "no-player" and isinstance(event.get("context"), dict):
            event["context"].pop("AudioPlayer", None)
        else:
            candidates = paths(event)
            if not candidates:
                break
            path = draw(st.sampled_from(candidates))
            parent = parent_of(event, path)
            if kind == "drop":
                del parent[path[-1]]
            else:
                parent[path[-1]] = draw(JSON_VALUES)
    return event


def assert_valid_response(event: dict[str, Any], result: Any) -> None:
    assert isinstance(result, dict)
    assert result.get("version") == "1.0"
    response = result.get("response")
    assert isinstance(response, dict)
    json.dumps(result)
    speech = response.get("outputSpeech")
    if speech is not None:
        ssml = speech.get("ssml", "")
        assert ssml.startswith("<speak>") and ssml.endswith("</speak>") and len(ssml) <= 8000
    request = event.get("request")
    kind = request.get("type") if isinstance(request, dict) else None
    if isinstance(kind, str) and kind.startswith(SILENT_PREFIXES):
        assert "outputSpeech" not in response and "card" not in response and "reprompt" not in response


SILENT_ENDINGS = ("AMAZON.PauseIntent", "AMAZON.StopIntent", "AMAZON.CancelIntent")  # may end without a word
ROBUST = settings(
    max_examples=1000, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)


@settings(ROBUST, max_examples=2000)
@given(mutated_envelopes())
def test_mutated_envelopes_always_get_a_valid_response(event: dict[str, Any]) -> None:
    original = copy.deepcopy(event)
    assert_valid_response(original, send(event))


@ROBUST
@given(intent_requests())
def test_any_intent_with_absurd_slots_gets_a_valid_response(event: dict[str, Any]) -> None:
    result = send(event)
    assert_valid_response(event, result)
    if event["request"]["intent"]["name"] in SILENT_ENDINGS:
        assert result["response"].get("shouldEndSession") is True
    else:
        plays = any(d.get("type") == "AudioPlayer.Play" for d in result["response"].get("directives", []))
        assert result["response"].get("outputSpeech") or plays, "a resident in a conversation always hears something"


def test_an_intent_the_skill_does_not_know_is_treated_as_not_understood() -> None:
    result = send(intent("IntentionInconnue"))
    assert speech(result).startswith("Désolée, je n'ai pas compris. Vous pouvez dire par exemple")
    assert result["response"]["shouldEndSession"] is False


def test_an_unreadable_envelope_in_a_conversation_gets_an_apology_and_the_session_stays_open() -> None:
    event = intent("AMAZON.HelpIntent")
    event["request"]["dialogState"] = "PAS_UN_ETAT"
    result = send(event)
    assert speech(result) == (
        "Désolée, un problème m'empêche de répondre pour le moment. Pouvez-vous reformuler votre question ?"
    )
    assert result["response"]["shouldEndSession"] is False


def test_an_unreadable_event_gets_an_empty_response() -> None:
    event = fixture("audioplayer_event")
    event["request"]["offsetInMilliseconds"] = "pas un nombre"
    assert send(event) == {"version": "1.0", "response": {}}


def test_an_unknown_request_type_out_of_session_gets_an_empty_response() -> None:
    event = launch()
    del event["session"]
    event["request"]["type"] = "Messaging.MessageReceived"
    result = send(event)
    assert result["version"] == "1.0" and result["response"] == {}
