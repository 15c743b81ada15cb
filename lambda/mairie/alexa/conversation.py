"""Launch, about the city, help, fallback, repeat, yes/no without context, stop and cancel."""

from __future__ import annotations

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import respond, speech_rate, state, topics, turn
from mairie.alexa.base import IntentHandler, RequestTypeHandler, intent_name
from mairie.alexa.log import NOT_UNDERSTOOD
from mairie.voice import assistant as spoken

MISUNDERSTOOD = "misunderstood"
VISITS = "visits"


class LaunchHandler(RequestTypeHandler):
    """The city's introduction the first time; a shorter greeting once the resident knows the skill."""

    request_types = ("LaunchRequest",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        stored = state.user_state(handler_input)
        try:
            visits = max(0, int(stored.get(VISITS) or 0))
        except (TypeError, ValueError):
            visits = 0
        if visits == 0:
            stored[VISITS] = 1  # "has been here before": written once, not on every launch
        if visits == 0:  # the welcome lists what the skill does: the reprompt only gives an example
            return respond.answer(handler_input, spoken.welcome(catalogue), ask=spoken.launch_reprompt(catalogue))
        return respond.answer(handler_input, spoken.welcome_back(catalogue), ask=spoken.help_text(catalogue))


class AboutCityHandler(IntentHandler):
    intents = ("AboutCityIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        if turn.slot_value(handler_input, "city") and not turn.slot_id(handler_input, "city"):
            # « c'est quoi [something unknown] »: not a question about the city
            return FallbackHandler().handle(handler_input)
        city = turn.catalogue().city
        text = f"{city.about} {spoken.anything_else()}"
        card = respond.Card(title=city.name, text=f"{city.about}\n\n{city.website}", image_url=city.image_url)
        return respond.answer(handler_input, text, ask=spoken.anything_else(), card=card)


class HelpHandler(IntentHandler):
    intents = ("AMAZON.HelpIntent", "AMAZON.NavigateHomeIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        turn.session(handler_input)[MISUNDERSTOOD] = 0
        catalogue = turn.catalogue()
        topic = topics.current(handler_input)
        text = spoken.help_text(catalogue) if topic == topics.HELP else spoken.help_for(catalogue, topic)
        return respond.answer(handler_input, text, ask=spoken.what_now())


class SpeechRateHandler(IntentHandler):
    """ "Parle plus lentement" / "plus vite" / "normalement": kept for this resident's later sessions."""

    intents = ("SpeechRateIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        rate = turn.slot_id(handler_input, "rate")
        if rate not in (spoken.SLOW, spoken.FAST, spoken.NORMAL):
            return respond.answer(handler_input, spoken.rate_options(), ask=spoken.what_now())
        previous = speech_rate.preferred(handler_input)
        speech_rate.prefer(handler_input, rate)
        text = f"{spoken.rate_changed(rate, previous)} {spoken.anything_else()}"
        return respond.answer(handler_input, text, ask=spoken.anything_else())


class FallbackHandler(IntentHandler):
    """Not understood: rephrase with an example, then offer the list, then end politely (no loop)."""

    intents = ("AMAZON.FallbackIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        respond.note(handler_input, NOT_UNDERSTOOD)
        session = turn.session(handler_input)
        count = int(session.get(MISUNDERSTOOD) or 0) + 1
        session[MISUNDERSTOOD] = count
        catalogue = turn.catalogue()
        if count == 1:
            return respond.answer(handler_input, spoken.not_understood(catalogue), ask=spoken.what_now())
        if count == 2:
            return respond.answer(handler_input, spoken.not_understood_again(catalogue), ask=spoken.what_now())
        return respond.answer(handler_input, spoken.give_up(), end_session=True)


class RepeatHandler(IntentHandler):
    intents = ("AMAZON.RepeatIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        last = turn.session(handler_input).get(respond.LAST_ANSWER)
        if isinstance(last, dict) and last.get("text"):
            ask = last.get("ask")
            if ask:
                return respond.answer(handler_input, str(last["text"]), ask=str(ask))
            return respond.answer(handler_input, str(last["text"]), end_session=True)
        if not turn.has_session(handler_input):
            return respond.answer(handler_input, spoken.no_previous_answer(), end_session=True)
        return respond.answer(handler_input, spoken.no_previous_answer(), ask=spoken.what_now())


class YesNoHandler(IntentHandler):
    """ "Oui" / "non" when nothing was offered."""

    intents = ("AMAZON.YesIntent", "AMAZON.NoIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        if turn.has_session(handler_input) and intent_name(handler_input) == "AMAZON.YesIntent":
            return respond.answer(handler_input, spoken.help_text(turn.catalogue()), ask=spoken.what_now())
        return respond.answer(handler_input, spoken.goodbye(), end_session=True)


class StopHandler(IntentHandler):
    intents = ("AMAZON.StopIntent", "AMAZON.CancelIntent")

    def handle(self, handler_input: HandlerInput) -> Response:
        return respond.answer(handler_input, spoken.goodbye(), end_session=True)
