"""What the local resolver understood from an utterance: the request Alexa would send, in short."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

MatchStatus = Literal["ER_SUCCESS_MATCH", "ER_SUCCESS_NO_MATCH"]
FALLBACK_INTENT = "AMAZON.FallbackIntent"


@dataclass(frozen=True)
class ResolvedValue:
    """One entity-resolution candidate: the slot type value's id and canonical name."""

    id: str | None
    name: str


@dataclass(frozen=True)
class ResolvedSlot:
    name: str
    slot_type: str
    value: str | None = None
    """What the resident said (custom types) or the built-in type's value ("12", "2026-12-25").

    None when the slot is not filled."""
    status: MatchStatus | None = None
    """Entity resolution, for custom slot types only."""
    values: tuple[ResolvedValue, ...] = ()

    @property
    def id(self) -> str | None:
        return self.values[0].id if self.status == "ER_SUCCESS_MATCH" and self.values else None

    @property
    def is_custom(self) -> bool:
        return not self.slot_type.startswith("AMAZON.")

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {"type": self.slot_type, "value": self.value}
        if self.status is not None:
            data["resolution"] = self.status
            data["ids"] = [{"id": v.id, "name": v.name} for v in self.values]
        return data


@dataclass(frozen=True)
class Resolution:
    kind: Literal["launch", "intent"]
    intent: str | None
    slots: dict[str, ResolvedSlot] = field(default_factory=dict)
    """Every slot the intent declares, filled or not."""
    sample: str | None = None
    """The sample utterance (or built-in phrase) that matched, for explanations."""
    one_shot: bool = False
    """True when the invocation name was said with a request ("demande à … si …")."""

    @property
    def filled(self) -> dict[str, ResolvedSlot]:
        return {name: slot for name, slot in self.slots.items() if slot.value is not None}

    def to_dict(self) -> dict[str, Any]:
        return {
            "type": "LaunchRequest" if self.kind == "launch" else "IntentRequest",
            "intent": self.intent,
            "sample": self.sample,
            "one_shot": self.one_shot,
            "slots": {name: slot.to_dict() for name, slot in self.filled.items()},
        }
