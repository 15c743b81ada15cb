"""The resident's speech-rate preference ("parle plus lentement"), kept per user across sessions.

Stored in the user's persistent state (`speech_rate`: "lent", "rapide" or absent for normal) and
applied by `respond` to every later answer and reprompt with SSML `<prosody rate>`. The session
keeps a copy, so the store is read at most once per session for it.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from mairie.alexa import state, turn
from mairie.voice.assistant import FAST, NORMAL, SLOW

KEY = "speech_rate"
PROSODY_RATES = {SLOW: "85%", FAST: "115%"}


def preferred(handler_input: HandlerInput) -> str:
    """ "lent", "rapide" or "normal" (the default, and whatever is stored that is not understood).

    Read from the store once per session, then from the session (the store is not read again).
    """
    session = turn.session(handler_input)
    remembered = session.get(KEY)
    if remembered in (*PROSODY_RATES, NORMAL):
        return str(remembered)
    stored = state.user_state(handler_input).get(KEY)
    rate = stored if stored in PROSODY_RATES else NORMAL
    session[KEY] = rate
    return rate


def prefer(handler_input: HandlerInput, rate: str) -> None:
    stored = state.user_state(handler_input)
    if rate in PROSODY_RATES:
        stored[KEY] = rate
    else:
        stored.pop(KEY, None)
    turn.session(handler_input)[KEY] = rate if rate in PROSODY_RATES else NORMAL


def apply(ssml: str, rate: str) -> str:
    """Speech (already escaped SSML, without `<speak>`) at the given rate."""
    prosody = PROSODY_RATES.get(rate)
    if prosody is None or not ssml:
        return ssml
    return f'<prosody rate="{prosody}">{ssml}</prosody>'
