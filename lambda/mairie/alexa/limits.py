"""Alexa's limits on what a response holds, kept whatever the content or what Alexa heard.

- What the resident said (slot values, as Alexa transcribed them) is cleaned of the characters XML
  forbids and capped to `MAX_HEARD_CHARS` before any handler reads it (`heard`): it is echoed in the
  ElicitSlot directive, in the session and sometimes in speech, and a 100,000-character slot value
  once made a 309 KB response. Alexa's own transcriptions are a few words long.
- The whole response, measured as Lambda sends it (JSON with non-ASCII characters escaped: the
  largest form), stays under `MAX_RESPONSE_BYTES` (`fit_response`). Amazon's request and response
  reference gave 24 KB for the response; a later version is quoted at 120 KB: we keep the smaller.
  Past it, what matters least goes first: the screen's APL document, the card's text, the copy of
  the answer kept for « répète », then the reprompt and the speech are shortened (whole tags and
  entities only, `ssml.shorten`).

Cost on a usual response: one `json.dumps` of about 2 KB (tens of microseconds).
"""

from __future__ import annotations

import json
from typing import Any

from mairie.voice.ssml import clean, cut_text, shorten

MAX_HEARD_CHARS = 100
MAX_RESPONSE_BYTES = 24 * 1024
CARD_TEXT_WHEN_TOO_LARGE = 1000
LAST_ANSWER = "last_answer"
"""`respond.LAST_ANSWER` (not imported: `respond` imports the ASK model, this module runs before it)."""


def heard_text(value: str) -> str:
    """A slot value cleaned and capped (between words when it can)."""
    text = clean(value)
    if len(text) <= MAX_HEARD_CHARS:
        return text
    cut = text.rfind(" ", 0, MAX_HEARD_CHARS + 1)
    return text[: cut if cut > 0 else MAX_HEARD_CHARS]


def heard(event: dict[str, Any]) -> dict[str, Any]:
    """`event` with its slot values cleaned and capped; the same object when nothing needed it."""
    request = event.get("request")
    intent = request.get("intent") if isinstance(request, dict) else None
    slots = intent.get("slots") if isinstance(intent, dict) else None
    if not isinstance(slots, dict):
        return event
    changed = {}
    for name, slot in slots.items():
        fixed = _slot(slot)
        if fixed is not slot:
            changed[name] = fixed
    if not changed:
        return event
    new_intent = {**intent, "slots": {**slots, **changed}}  # type: ignore[dict-item]
    return {**event, "request": {**request, "intent": new_intent}}  # type: ignore[dict-item]


def _slot(slot: Any) -> Any:
    if not isinstance(slot, dict):
        return slot
    fixed = {key: _heard_value(key, value) for key, value in slot.items()}
    return slot if all(fixed[key] is slot[key] for key in slot) else fixed


def _heard_value(key: str, value: Any) -> Any:
    """`value` and `slotValue` (a simple value, or a list of them, nested) hold what was heard."""
    if key == "value" and isinstance(value, str):
        fixed = heard_text(value)
        return value if fixed == value else fixed
    if key == "slotValue" and isinstance(value, dict):
        return _slot(value)
    if key == "values" and isinstance(value, list):
        items = [_slot(item) for item in value[:MAX_HEARD_CHARS]]
        return value if len(items) == len(value) and all(a is b for a, b in zip(items, value, strict=True)) else items
    return value


def response_size(result: dict[str, Any]) -> int:
    return len(json.dumps(result))


def fit_response(result: dict[str, Any], limit: int = MAX_RESPONSE_BYTES) -> dict[str, Any]:
    """`result` (a serialised response envelope) within `limit` bytes, shedding in order (see module)."""
    if response_size(result) <= limit:
        return result
    fitted: dict[str, Any] = json.loads(json.dumps(result))
    response = fitted.setdefault("response", {})
    for shed in (_drop_screens, _shorten_card, _drop_last_answer):
        shed(fitted, response)
        if response_size(fitted) <= limit:
            return fitted
    for path in (("reprompt", "outputSpeech"), ("outputSpeech",)):
        _shorten_speech(fitted, response, path, limit)
        if response_size(fitted) <= limit:
            return fitted
    response.pop("directives", None)  # nothing else is left to shed: an answer with no directive
    return fitted


def _drop_screens(_: dict[str, Any], response: dict[str, Any]) -> None:
    directives = response.get("directives")
    if isinstance(directives, list):
        kept = [d for d in directives if not str(d.get("type", "")).startswith("Alexa.Presentation.")]
        response["directives"] = kept


def _shorten_card(_: dict[str, Any], response: dict[str, Any]) -> None:
    card = response.get("card")
    if isinstance(card, dict):
        for key in ("content", "text"):
            if isinstance(card.get(key), str):
                card[key] = cut_text(card[key], CARD_TEXT_WHEN_TOO_LARGE)


def _drop_last_answer(envelope: dict[str, Any], _: dict[str, Any]) -> None:
    attributes = envelope.get("sessionAttributes")
    if isinstance(attributes, dict):
        attributes.pop(LAST_ANSWER, None)


def _shorten_speech(envelope: dict[str, Any], response: dict[str, Any], path: tuple[str, ...], limit: int) -> None:
    holder: Any = response
    for key in path:
        holder = holder.get(key) if isinstance(holder, dict) else None
    if not isinstance(holder, dict) or not isinstance(holder.get("ssml"), str):
        return
    ssml: str = holder["ssml"]
    excess = response_size(envelope) - limit
    # escaped JSON may take up to 6 bytes per character: take off enough characters in one go
    holder["ssml"] = shorten(ssml, max(len("<speak></speak>"), len(ssml) - excess))
    while response_size(envelope) > limit and len(holder["ssml"]) > len("<speak></speak>"):
        holder["ssml"] = shorten(holder["ssml"], len(holder["ssml"]) * 3 // 4)
