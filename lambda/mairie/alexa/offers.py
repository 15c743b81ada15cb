"""What "oui" means: an offer made by the skill's last question, and only by it.

An offer is kept in the session with the reprompt that made it; once the conversation moves on
(another question was asked), a "oui" no longer accepts it.
"""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput

from mairie.alexa import respond, turn

OFFER_ARTICLE = "offer_article"
OFFER_EPISODE = "offer_episode"
OFFER_SOMMAIRE = "offer_sommaire"
OFFER_LIST = "offer_episode_list"
OFFER_PICK = "offer_episode_pick"
OFFERS = (OFFER_ARTICLE, OFFER_EPISODE, OFFER_SOMMAIRE, OFFER_LIST, OFFER_PICK)


def offer(handler_input: HandlerInput, key: str, value: str, question: str) -> None:
    """Remember what "oui" will mean, valid only while `question` is the skill's last reprompt."""
    session = turn.session(handler_input)
    for other in OFFERS:
        session.pop(other, None)
    session[key] = {"value": value, "ask": question}


def is_last_question(handler_input: HandlerInput, question: object) -> bool:
    """True when `question` is the reprompt of the skill's last answer in this session."""
    last = turn.session(handler_input).get(respond.LAST_ANSWER)
    return isinstance(last, dict) and question is not None and last.get("ask") == question


def offered(handler_input: HandlerInput, key: str) -> str | None:
    """The pending offer under `key`, if the skill's last question was the one that made it."""
    pending = turn.session(handler_input).get(key)
    if not isinstance(pending, dict) or not is_last_question(handler_input, pending.get("ask")):
        return None
    value = pending.get("value")
    return str(value) if value else None
