"""Opening hours: is X open, until when, when does it open, hours on a day or this week, which are open."""

from __future__ import annotations

from datetime import timedelta

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import respond, turn
from mairie.alexa.base import IntentHandler, intent_name
from mairie.alexa.log import EXAMPLE_CONTENT, FACILITY_UNKNOWN, HOURS_UNKNOWN
from mairie.catalogue.model import Catalogue, Facility
from mairie.domain.dates import parse_amazon_date
from mairie.voice import hours as spoken
from mairie.voice.assistant import anything_else
from mairie.voice.french import capitalize_first, join_list

EXPECTING = "expecting_facility_for"
HOURS_INTENTS = (
    "OpeningHoursIntent",
    "IsOpenIntent",
    "ClosingTimeIntent",
    "NextOpeningIntent",
    "WeekHoursIntent",
)
DETAIL_INTENTS = ("FacilityAddressIntent", "FacilityPhoneIntent", "FacilityInfoIntent")
"""`facilities.DETAIL_INTENTS`: a bare facility name may answer their question too."""


def facility_card(handler_input: HandlerInput, facility: Facility) -> respond.Card:
    text = spoken.hours_card_text(facility, turn.now(handler_input), turn.holidays())
    return respond.Card(title=capitalize_first(facility.name), text=text)


def note_facility(handler_input: HandlerInput, facility: Facility) -> None:
    """Hours unknown, or facts only an example: noted for the log line, with the facility's catalogue id."""
    if facility.weekly is None:  # the only way to an unknown answer (`domain.hours`: None ⇔ no weekly hours)
        respond.note(handler_input, HOURS_UNKNOWN, facility.id)
    elif facility.example:
        respond.note(handler_input, EXAMPLE_CONTENT, facility.id)


def note_kind(handler_input: HandlerInput, facilities: list[Facility]) -> None:
    """Facilities of a kind: hours unknown when none has hours, else example when one answered is."""
    known = [f for f in facilities if f.weekly is not None]
    if not known:
        note_facility(handler_input, facilities[0])
    elif examples := [f for f in known if f.example]:
        note_facility(handler_input, examples[0])


def ask_for_facility(handler_input: HandlerInput, catalogue: Catalogue, asked_for: str, said: str | None) -> Response:
    """Which facility? (none was named, or one the catalogue does not know: the words heard are not
    repeated back, they may be anything)."""
    names = [f.name for f in catalogue.facilities[:3]]
    example = f" Par exemple {join_list(names, 'ou')}." if names else ""
    if said:
        respond.note(handler_input, FACILITY_UNKNOWN)
        text = f"Je ne connais pas cet équipement.{example} Lequel voulez-vous ?"
    else:
        text = f"De quel équipement voulez-vous les horaires ?{example}"
    turn.session(handler_input)[EXPECTING] = asked_for
    return respond.answer(handler_input, text, ask=f"Quel équipement ?{example}")


def facilities_named(handler_input: HandlerInput) -> list[Facility]:
    """The facilities the `facility` slot resolved to (several for a shared name: « la piscine »)."""
    catalogue = turn.catalogue()
    return [f for f in map(catalogue.facility, turn.slot_ids(handler_input, "facility")) if f is not None]


def ask_which_one(handler_input: HandlerInput, matches: list[Facility], asked_for: str) -> Response:
    """A name several facilities share ("la piscine"): ask which one, then answer the same question."""
    turn.session(handler_input)[EXPECTING] = asked_for
    choices = join_list([f.name for f in matches[:4]], "ou")
    question = f"{'Laquelle' if matches[0].feminine else 'Lequel'} : {choices} ?"
    return respond.answer(handler_input, question, ask=question)


class FacilityHoursHandler(IntentHandler):
    intents = HOURS_INTENTS

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        asked = intent_name(handler_input) or "OpeningHoursIntent"
        expected = turn.session(handler_input).pop(EXPECTING, None)
        bare = asked == "OpeningHoursIntent" and not turn.slot_value(handler_input, "date")
        if bare and expected in (*HOURS_INTENTS, *DETAIL_INTENTS):
            asked = expected  # a bare facility name answering our question
        matches = facilities_named(handler_input)
        if len(matches) > 1:
            return ask_which_one(handler_input, matches, asked)
        facility = matches[0] if matches else None
        if facility is not None and asked in DETAIL_INTENTS:
            from mairie.alexa.facilities import answer_detail

            return answer_detail(handler_input, asked, facility)
        if facility is None:
            return ask_for_facility(handler_input, catalogue, asked, turn.slot_value(handler_input, "facility"))
        text = self.answer_for(handler_input, asked, facility)
        note_facility(handler_input, facility)
        return respond.answer(
            handler_input,
            f"{text} {anything_else()}",
            ask=anything_else(),
            card=facility_card(handler_input, facility),
        )

    @staticmethod
    def answer_for(handler_input: HandlerInput, asked: str, facility: Facility) -> str:
        now = turn.now(handler_input)
        holidays = turn.holidays()
        if facility.weekly is None:
            return spoken.say_hours_unknown(facility)
        asked_date = parse_amazon_date(turn.slot_value(handler_input, "date"))
        if asked == "WeekHoursIntent" or (asked_date is not None and asked_date.kind in ("week", "month")):
            return spoken.say_week(facility, now, holidays)
        if asked_date is not None and asked_date.start != now.date():
            days = [asked_date.start]
            if asked_date.kind == "weekend":
                days.append(asked_date.start + timedelta(days=1))
            return " ".join(spoken.say_hours_on(facility, day, now, holidays) for day in days)
        if asked == "ClosingTimeIntent":
            return spoken.say_until_when(facility, now, holidays)
        if asked == "NextOpeningIntent":
            return spoken.say_next_opening(facility, now, holidays)
        if asked == "IsOpenIntent":
            return spoken.say_is_open(facility, now, holidays)
        return spoken.say_hours_today(facility, now, holidays)


class OpenFacilitiesHandler(IntentHandler):
    intents = ("OpenFacilitiesIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        kind = turn.slot_id(handler_input, "kind")
        facilities = [f for f in catalogue.facilities if f.kind == kind] if kind else []
        if not facilities:
            respond.note(handler_input, FACILITY_UNKNOWN)
            kinds = sorted({f.kind for f in catalogue.facilities})
            text = (
                "Je ne connais pas ce type d'équipement. "
                f"Je connais par exemple : {join_list(kinds[:5])}. Lequel vous intéresse ?"
            )
            return respond.answer(handler_input, text, ask="Quel type d'équipement ?")
        now = turn.now(handler_input)
        asked_date = parse_amazon_date(turn.slot_value(handler_input, "date"))
        if asked_date is not None and asked_date.start != now.date():
            # « quelles piscines sont ouvertes dimanche » : each one's hours that day
            days = [asked_date.start]
            if asked_date.kind == "weekend":
                days.append(asked_date.start + timedelta(days=1))
            text = spoken.say_kind_on(facilities[:4], days, now, turn.holidays())
        else:
            text = spoken.say_open_of_kind(facilities, now, turn.holidays())
        note_kind(handler_input, facilities)
        return respond.answer(handler_input, f"{text} {anything_else()}", ask=anything_else())
