"""Alexa's Intent Request History: what residents said, as Amazon transcribed and understood it.

`ask smapi get-utterance-data --skill-id ID --stage live` (SMAPI `GET /v1/skills/{skillId}/history/
intentRequests`) answers pages of
`{"skillId", "isTruncated", "nextToken", "totalCount", "startIndex", "_links", "items": [...]}`, each
item `{"utteranceText", "locale", "stage", "publicationStatus", "interactionType",
"dialogAct": {"name"}, "intent": {"name", "confidence": {"bin": "HIGH|MEDIUM|LOW"}, "slots": {name: {"name"}}}}`
(ask-smapi-model `v1/skill/history/intent_requests.py`, `intent_request.py`; developer.amazon.com
/docs/smapi/intent-request-history.html). The data are aggregated and anonymous: the last 30 days,
only for a day and locale with at least 10 distinct users, no user id, no count per phrase. A LOW
confidence request was not sent to the skill at all.

Pages are read while `isTruncated` (at most `MAX_PAGES`), following `nextToken`. The locale is
filtered here rather than with `--locale`: the documented values of that filter (and of the model's
`IntentRequestLocales`) list no French locale.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from mairie.tools.smapi.ask_cli import run_smapi

COMMAND = "get-utterance-data"
FALLBACK = "AMAZON.FallbackIntent"
UNSURE = ("LOW", "MEDIUM")
MAX_PAGES = 200

Fetch = Callable[[str, list[str]], dict[str, Any]]


@dataclass(frozen=True)
class HeardPhrase:
    """One line of the history: a transcription and what Alexa made of it."""

    text: str
    intent: str | None
    confidence: str | None
    """ "HIGH", "MEDIUM" or "LOW"."""
    locale: str | None
    dialog_act: str | None
    """ "Dialog.ElicitSlot"… when the resident was answering a question of a dialog."""
    slots: tuple[str, ...]
    """The names of the slots Alexa filled (the history gives no values)."""

    @property
    def not_understood(self) -> bool:
        return self.intent in (None, FALLBACK)

    @property
    def unsure(self) -> bool:
        return self.confidence in UNSURE

    @property
    def to_review(self) -> bool:
        return self.not_understood or self.unsure


def read_page(body: Mapping[str, Any]) -> tuple[list[HeardPhrase], str | None]:
    """The phrases of one page, and the token of the next one (None on the last page)."""
    items = body.get("items")
    phrases = [p for p in map(_phrase, items if isinstance(items, list) else []) if p is not None]
    token = body.get("nextToken")
    more = bool(body.get("isTruncated")) and isinstance(token, str) and bool(token)
    return phrases, token if more else None


def _phrase(item: Any) -> HeardPhrase | None:
    if not isinstance(item, dict) or not isinstance(item.get("utteranceText"), str):
        return None
    intent = _mapping(item.get("intent"))
    slots = _mapping(intent.get("slots"))
    return HeardPhrase(
        text=item["utteranceText"].strip(),
        intent=_text(intent.get("name")),
        confidence=_text(_mapping(intent.get("confidence")).get("bin")),
        locale=_text(item.get("locale")),
        dialog_act=_text(_mapping(item.get("dialogAct")).get("name")),
        slots=tuple(sorted(str(name) for name in slots)),
    )


def _mapping(value: Any) -> Mapping[str, Any]:
    return value if isinstance(value, dict) else {}


def _text(value: Any) -> str | None:
    return str(value) if isinstance(value, str) and value else None


def fetch_history(skill_id: str, stage: str, profile: str | None, fetch: Fetch | None = None) -> list[HeardPhrase]:
    """Every phrase of the history for `stage`, page after page. Raises `AskCliError`."""
    return list(_pages(skill_id, stage, fetch or (lambda command, args: run_smapi(command, args, profile))))


def _pages(skill_id: str, stage: str, fetch: Fetch) -> Iterator[HeardPhrase]:
    token: str | None = None
    for _ in range(MAX_PAGES):
        arguments = ["--skill-id", skill_id, "--stage", stage, *(["--next-token", token] if token else [])]
        phrases, following = read_page(fetch(COMMAND, arguments))
        yield from phrases
        if following is None or following == token:
            return
        token = following
