"""Identity card and passport: a short answer first, details offered ("voulez-vous la liste ?")."""

from __future__ import annotations

from typing import Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import respond, turn
from mairie.alexa.base import IntentHandler
from mairie.catalogue.model import Procedure, ProcedureCase, Situation
from mairie.domain.procedures import CaseQuery, find_case
from mairie.voice import hours as hours_voice
from mairie.voice import procedures as spoken
from mairie.voice.assistant import anything_else
from mairie.voice.french import a as to_place

CONTEXT = "procedure"
OFFER_DOCUMENTS = "documents"
OFFER_WHERE = "where"


def _query(handler_input: HandlerInput) -> CaseQuery:
    situation_id = turn.slot_id(handler_input, "situation")
    situation = next((s for s in Situation if s.value == situation_id), None)
    age = turn.slot_int(handler_input, "age")
    if age is not None and not 0 <= age <= 120:
        age = None
    return CaseQuery(situation=situation, age=age, for_child=turn.slot_id(handler_input, "person") == "enfant")


class IdProcedureHandler(IntentHandler):
    intents = ("IdProcedureIntent",)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        if not catalogue.procedures:
            return respond.answer(handler_input, "Je n'ai pas d'information sur les démarches.", end_session=True)
        procedure_id = turn.slot_id(handler_input, "document")
        procedure = catalogue.procedure(procedure_id) if procedure_id else None
        if procedure is None and len(catalogue.procedures) == 1:
            procedure = catalogue.procedures[0]
        if procedure is None:
            said = turn.slot_value(handler_input, "document")
            if said:
                text = spoken.not_a_document(said, catalogue.procedures)
            else:
                text = spoken.ask_which_document(catalogue.procedures)
            return respond.answer(handler_input, text, ask=spoken.ask_which_document(catalogue.procedures))
        case = find_case(procedure, _query(handler_input))
        turn.session(handler_input)[CONTEXT] = {
            "procedure": procedure.id,
            "case": case.id if case else None,
            "offer": OFFER_DOCUMENTS,
        }
        text = f"{spoken.say_procedure(procedure, case)} {spoken.offer_documents()}"
        card = respond.Card(title=spoken.card_title(procedure), text=spoken.card_text(procedure, case))
        return respond.answer(handler_input, text, ask=spoken.offer_documents(), card=card)


def pending_offer(handler_input: HandlerInput) -> dict[str, Any] | None:
    context = turn.session(handler_input).get(CONTEXT)
    return context if isinstance(context, dict) and context.get("offer") else None


def _resolve(context: dict[str, Any]) -> tuple[Procedure, ProcedureCase | None] | None:
    procedure = turn.catalogue().procedure(str(context.get("procedure")))
    if procedure is None:
        return None
    case = next((c for c in procedure.cases if c.id == context.get("case")), None)
    return procedure, case


class ProcedureYesHandler(IntentHandler):
    """ "Oui" after an offer of details about a procedure."""

    intents = ("AMAZON.YesIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and pending_offer(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        context = pending_offer(handler_input) or {}
        resolved = _resolve(context)
        if resolved is None:
            turn.session(handler_input).pop(CONTEXT, None)
            return respond.answer(handler_input, anything_else(), ask=anything_else())
        procedure, case = resolved
        if context.get("offer") == OFFER_DOCUMENTS:
            facility = turn.catalogue().facility(procedure.facility_id) if procedure.facility_id else None
            if facility is not None:
                context["offer"] = OFFER_WHERE
                question = "Voulez-vous savoir où et quand faire la demande ?"
                text = f"{spoken.say_documents(procedure, case)} {spoken.say_cost(procedure, case)} {question}"
                return respond.answer(handler_input, text, ask=question)
            context["offer"] = None
            text = f"{spoken.say_documents(procedure, case)} {spoken.say_cost(procedure, case)} {anything_else()}"
            return respond.answer(handler_input, text, ask=anything_else())
        context["offer"] = None
        facility = turn.catalogue().facility(procedure.facility_id) if procedure.facility_id else None
        if facility is None:
            return respond.answer(handler_input, anything_else(), ask=anything_else())
        where = f"La demande se fait {to_place(facility.name)}"
        where += f", {facility.address}." if facility.address else "."
        if facility.weekly is not None:
            hours = hours_voice.say_week(facility, turn.now(handler_input), turn.holidays())
        else:
            hours = hours_voice.say_hours_unknown(facility)
        text = f"{where} {hours} {spoken.say_delays(procedure)} {anything_else()}"
        return respond.answer(handler_input, text, ask=anything_else())


class ProcedureNoHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and pending_offer(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        turn.session(handler_input).pop(CONTEXT, None)
        return respond.answer(handler_input, f"D'accord. {anything_else()}", ask=anything_else())
