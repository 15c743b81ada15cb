"""`mairie say "TEXTE"`: one utterance through the skill, and what Alexa would answer."""

from __future__ import annotations

import json
from datetime import datetime
from typing import TextIO

from mairie.tools.conversation import Conversation, Turn, warning_line
from mairie.tools.envelopes import Caller
from mairie.tools.local_skill import LocalSkill

SESSION_OPEN_NOTE = "(Alexa attend une réponse : la session reste ouverte)"
NOTHING_SAID = "(pas de réponse parlée)"


def say_once(skill: LocalSkill, text: str, at: datetime, caller: Caller) -> Turn:
    """`text` said at `at` (a naive time is the city's local time) on a fresh device."""
    return Conversation(skill, caller).speak(text, skill.local_time(at))


def print_turn(turn: Turn, out: TextIO) -> None:
    lines = list(turn.lines) or [NOTHING_SAID]
    for line in lines:
        print(line, file=out)
    if turn.session_open:
        print(SESSION_OPEN_NOTE, file=out)
    for warning in turn.warnings:
        print(warning_line(warning), file=out)


def print_turn_json(turn: Turn, out: TextIO) -> None:
    document = {
        "resolution": turn.resolution.to_dict(),
        "request": turn.request,
        "response": turn.response,
        "problems": turn.warnings,
    }
    print(json.dumps(document, ensure_ascii=False, indent=2), file=out)


def run_say(skill: LocalSkill, text: str, at: datetime, caller: Caller, as_json: bool, out: TextIO) -> int:
    turn = say_once(skill, text, at, caller)
    if as_json:
        print_turn_json(turn, out)
    else:
        print_turn(turn, out)
    return 0
