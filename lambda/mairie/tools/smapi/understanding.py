"""What a phrase was understood as, by Alexa's NLU profiler or by the local resolver, in one shape,
so that the two can be compared: the intent, and for each filled slot its entity-resolution ids
(custom types) or its value (built-in types such as AMAZON.DATE).

Alexa's side is the Utterance Profiler's answer (`ask smapi profile-nlu`, SMAPI `POST /v1/skills/
{skillId}/stages/{stage}/interactionModel/locales/{locale}/profileNlu`):
`{"sessionEnded", "selectedIntent": {"name", "confirmationStatus", "slots": {name: {"name", "value",
"confirmationStatus", "resolutions": {"resolutionsPerAuthority": [{"authority", "status": {"code"},
"values": [...]}]}}}}, "consideredIntents": [...], "multiTurn": {...}}` (ask-smapi-model
`v1/skill/evaluations/profile_nlu_response.py` and the classes it names; developer.amazon.com/docs/
smapi/utterance-profiler-api.html). The model gives each resolved value as `{"name", "id"}`; request
envelopes wrap it as `{"value": {"name", "id"}}`: both are read.

Two understandings agree when the intent is the same and the same slots are filled with the same ids
(custom types; unresolved on both sides counts as agreeing, the words heard may differ in spelling)
or the same value (built-in types).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mairie.tools.resolution import Resolution

MATCH = "ER_SUCCESS_MATCH"
LAUNCH = "LaunchRequest"


@dataclass(frozen=True)
class SlotReading:
    value: str | None
    """What was heard (custom types) or the built-in value ("2026-11-27", "3")."""
    ids: tuple[str, ...] = ()
    """Entity-resolution ids, sorted; empty when not resolved."""
    custom: bool = True


@dataclass(frozen=True)
class Understanding:
    intent: str | None
    """The intent name; `LAUNCH` for an opening of the skill; None when nothing was selected."""
    slots: dict[str, SlotReading] = field(default_factory=dict)
    """Filled slots only."""


def from_profile(body: Mapping[str, Any]) -> Understanding:
    """Alexa's understanding, from the Utterance Profiler's answer."""
    selected = body.get("selectedIntent")
    if not isinstance(selected, dict):
        return Understanding(None)
    slots: dict[str, SlotReading] = {}
    raw_slots = selected.get("slots")
    for name, slot in (raw_slots if isinstance(raw_slots, dict) else {}).items():
        if isinstance(slot, dict) and slot.get("value") not in (None, ""):
            slots[str(name)] = _profiled_slot(slot)
    name = selected.get("name")
    return Understanding(str(name) if name else None, slots)


def _profiled_slot(slot: Mapping[str, Any]) -> SlotReading:
    resolutions = slot.get("resolutions")
    authorities = resolutions.get("resolutionsPerAuthority") if isinstance(resolutions, dict) else None
    if not isinstance(authorities, list) or not authorities:
        return SlotReading(str(slot["value"]), custom=False)
    ids: set[str] = set()
    for authority in authorities:
        if not isinstance(authority, dict) or _code(authority) != MATCH:
            continue
        for item in authority.get("values") or []:
            value = item.get("value", item) if isinstance(item, dict) else None
            if isinstance(value, dict) and value.get("id"):
                ids.add(str(value["id"]))
    return SlotReading(str(slot["value"]), tuple(sorted(ids)))


def _code(authority: Mapping[str, Any]) -> str | None:
    status = authority.get("status")
    code = status.get("code") if isinstance(status, dict) else None
    return str(code) if code else None


def from_resolution(resolution: Resolution) -> Understanding:
    """The local resolver's understanding."""
    if resolution.kind == "launch":
        return Understanding(LAUNCH)
    slots = {
        name: SlotReading(
            slot.value,
            tuple(sorted({v.id for v in slot.values if v.id})) if slot.status == MATCH else (),
            custom=slot.is_custom,
        )
        for name, slot in resolution.filled.items()
    }
    return Understanding(resolution.intent, slots)


def differences(alexa: Understanding, local: Understanding) -> list[str]:
    """What differs (intent, slot names), empty when the two agree."""
    found = []
    if alexa.intent != local.intent:
        found.append("intent")
    for name in sorted(set(alexa.slots) | set(local.slots)):
        if not _same(alexa.slots.get(name), local.slots.get(name)):
            found.append(name)
    return found


def _same(alexa: SlotReading | None, local: SlotReading | None) -> bool:
    if alexa is None or local is None:
        return alexa is local
    if alexa.custom or local.custom:
        return alexa.ids == local.ids
    return (alexa.value or "").strip().lower() == (local.value or "").strip().lower()


def describe(understanding: Understanding) -> str:
    """ "IsOpenIntent ; facility = piscine-aquazena, date = 2026-11-27", in the words of the model."""
    if understanding.intent is None:
        return "aucune intention"
    if understanding.intent == LAUNCH:
        return "ouverture de la skill"
    slots = [f"{name} = {_slot_text(slot)}" for name, slot in sorted(understanding.slots.items())]
    return understanding.intent + (f" ; {', '.join(slots)}" if slots else "")


def _slot_text(slot: SlotReading) -> str:
    if slot.ids:
        return " ou ".join(slot.ids)
    if slot.custom:
        return f"non reconnu (« {slot.value} »)"
    return slot.value or ""
