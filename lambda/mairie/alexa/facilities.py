"""A facility itself: its address, its phone number, what it is (« c'est où la médiathèque »)."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import respond, turn
from mairie.alexa.base import IntentHandler, intent_name
from mairie.alexa.hours import EXPECTING, ask_which_one, facilities_named
from mairie.alexa.log import EXAMPLE_CONTENT, FACILITY_UNKNOWN
from mairie.catalogue.model import Facility
from mairie.voice import facilities as spoken
from mairie.voice.assistant import anything_else
from mairie.voice.french import capitalize_first

ADDRESS_INTENT = "FacilityAddressIntent"
PHONE_INTENT = "FacilityPhoneIntent"
INFO_INTENT = "FacilityInfoIntent"
DETAIL_INTENTS = (ADDRESS_INTENT, PHONE_INTENT, INFO_INTENT)


def answer_detail(handler_input: HandlerInput, asked: str, facility: Facility) -> Response:
    """The address, the phone number or the presentation of `facility`, with its card."""
    if asked == ADDRESS_INTENT:
        text = spoken.say_address(facility)
    elif asked == PHONE_INTENT:
        text = spoken.say_phone(facility)
    else:
        text = spoken.say_about(facility)
    card = respond.Card(title=capitalize_first(facility.name), text=spoken.card_text(facility))
    if facility.example:
        respond.note(handler_input, EXAMPLE_CONTENT, facility.id)
    return respond.answer(handler_input, f"{text} {anything_else()}", ask=anything_else(), card=card)


class FacilityDetailsHandler(IntentHandler):
    intents = DETAIL_INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        asked = intent_name(handler_input) or INFO_INTENT
        turn.session(handler_input).pop(EXPECTING, None)
        matches = facilities_named(handler_input)
        if len(matches) > 1:
            return ask_which_one(handler_input, matches, asked)
        if not matches:
            return ask_facility(handler_input, asked)
        return answer_detail(handler_input, asked, matches[0])


def ask_facility(handler_input: HandlerInput, asked: str) -> Response:
    """No facility understood (or one the catalogue does not have): which one? The words heard are
    not repeated back: they may be anything."""
    catalogue = turn.catalogue()
    if turn.slot_value(handler_input, "facility"):
        respond.note(handler_input, FACILITY_UNKNOWN)
    turn.session(handler_input)[EXPECTING] = asked
    question = spoken.ask_which_facility(catalogue.facilities)
    return respond.answer(handler_input, question, ask=question)
