"""Identity card and passport: answer first, then narrow with at most one question.

Every question the resident asks carries what it can: « combien coûte un passeport pour ma fille de
8 ans » names the document, the person and the age, and is answered in one turn with that case's
price. When the case is not clear, the answer first gives what every case shares (the steps, or the
prices by age), then asks one question with `Dialog.ElicitSlot` on `IdProcedureIntent` (the slots
already known travel in `updatedIntent`): the situation when nothing is known, the age for a minor
when prices differ by age. Once the situation is known an adult is assumed: never two questions in a
row, never a question about something already said. "Je ne sais pas" (or an answer Alexa cannot
place) gets the general answer, and so does silence, through the reprompt. The session keeps
`procedure` = {procedure, case, offer, eliciting, asked, known, topic} for the follow-up questions
(documents, cost, where, delays) and the "oui" / "non" after an offer.
"""

from __future__ import annotations

from typing import Any

from ask_sdk_core.dispatch_components import AbstractRequestInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Intent, IntentConfirmationStatus, IntentRequest, Response, Slot, SlotConfirmationStatus
from ask_sdk_model.dialog import ElicitSlotDirective

from mairie.alexa import respond, turn
from mairie.alexa.base import IntentHandler, intent_name
from mairie.alexa.log import NOT_UNDERSTOOD
from mairie.alexa.offers import is_last_question
from mairie.catalogue.model import Procedure, ProcedureCase, Situation
from mairie.domain.procedures import CaseQuery, find_case, missing_detail
from mairie.voice import hours as hours_voice
from mairie.voice import procedures as spoken
from mairie.voice.assistant import anything_else

INTENT = "IdProcedureIntent"
SLOTS = ("document", "situation", "age", "person")
DOCUMENT_SLOT = "document"
CONTEXT = "procedure"
OFFER_DOCUMENTS = "documents"
OFFER_WHERE = "where"
TOPIC_DOCUMENTS = "documents"
TOPIC_COST = "cost"
TOPIC_WHERE = "where"
TOPIC_DELAYS = "delays"
FOLLOW_UPS = {
    "ProcedureDocumentsIntent": TOPIC_DOCUMENTS,
    "ProcedureCostIntent": TOPIC_COST,
    "ProcedureWhereIntent": TOPIC_WHERE,
    "ProcedureDelayIntent": TOPIC_DELAYS,
}
DONT_KNOW_INTENT = "DontKnowIntent"
DIALOG_INTENTS = (INTENT, DONT_KNOW_INTENT, "AMAZON.FallbackIntent")


def context_of(handler_input: HandlerInput) -> dict[str, Any] | None:
    context = turn.session(handler_input).get(CONTEXT)
    return context if isinstance(context, dict) else None


def pending_offer(handler_input: HandlerInput) -> dict[str, Any] | None:
    """The procedure context when its offer is what the skill's last question asked (not a stale one)."""
    context = context_of(handler_input)
    if context is None or not context.get("offer"):
        return None
    question = OFFER_QUESTIONS.get(str(context["offer"]))
    return context if question is not None and is_last_question(handler_input, question()) else None


OFFER_QUESTIONS = {OFFER_DOCUMENTS: spoken.offer_documents, OFFER_WHERE: spoken.offer_where}


def eliciting(handler_input: HandlerInput) -> dict[str, Any] | None:
    context = context_of(handler_input)
    return context if context is not None and context.get("eliciting") else None


def _dialog_so_far(handler_input: HandlerInput) -> dict[str, Any]:
    """The context of the dialog this request continues; empty for a new request (dialogState STARTED, or
    another document named than the one being discussed)."""
    previous = eliciting(handler_input) or {}
    request = handler_input.request_envelope.request
    state = getattr(getattr(request, "dialog_state", None), "value", None)
    document = turn.slot_id(handler_input, DOCUMENT_SLOT)
    if state == "STARTED" or (document and previous.get("procedure") not in (None, document)):
        return {"topic": previous.get("topic")}
    return previous


def _known(handler_input: HandlerInput, previous: dict[str, Any]) -> dict[str, str]:
    """What the resident said so far: this request's resolved slots, else what the dialog already knew
    (the slots of `updatedIntent` come back as said; the session keeps their resolution too)."""
    known = {str(k): str(v) for k, v in (previous.get("known") or {}).items() if v is not None}
    for name in ("document", "situation", "person"):
        resolved = turn.slot_id(handler_input, name)
        if resolved:
            known[name] = resolved
    age = turn.slot_int(handler_input, "age")
    if age is not None and 0 <= age <= 120:
        known["age"] = str(age)
    return known


def _query(known: dict[str, str]) -> CaseQuery:
    situation = next((s for s in Situation if s.value == known.get("situation")), None)
    age = int(known["age"]) if known.get("age", "").isdigit() else None
    person = known.get("person")
    return CaseQuery(situation=situation, age=age, for_child=person == "enfant", for_self=person == "moi")


def _intent_to_update(handler_input: HandlerInput) -> Intent:
    """`IdProcedureIntent` with the slots said so far, resolutions included (empty after another intent)."""
    request = handler_input.request_envelope.request
    said: dict[str, Slot] = {}
    if isinstance(request, IntentRequest) and request.intent is not None and request.intent.name == INTENT:
        said = {name: slot for name, slot in (request.intent.slots or {}).items() if slot is not None}
    slots = {
        name: Slot(
            name=name,
            value=getattr(said.get(name), "value", None),
            confirmation_status=SlotConfirmationStatus.NONE,
            resolutions=getattr(said.get(name), "resolutions", None),
        )
        for name in SLOTS
    }
    return Intent(name=INTENT, slots=slots, confirmation_status=IntentConfirmationStatus.NONE)


def _elicit(handler_input: HandlerInput, slot: str, text: str, reprompt: str) -> Response:
    directive = ElicitSlotDirective(slot_to_elicit=slot, updated_intent=_intent_to_update(handler_input))
    handler_input.response_builder.add_directive(directive)
    return respond.answer(handler_input, text, ask=reprompt)


def _card(procedure: Procedure, case: ProcedureCase | None) -> respond.Card:
    return respond.Card(title=spoken.card_title(procedure), text=spoken.card_text(procedure, case))


class IdProcedureHandler(IntentHandler):
    intents = (INTENT,)

    def handle(self, handler_input: HandlerInput) -> Response:
        catalogue = turn.catalogue()
        if not catalogue.procedures:
            return respond.answer(handler_input, spoken.no_procedures(), end_session=True)
        previous = _dialog_so_far(handler_input)
        known = _known(handler_input, previous)
        session = turn.session(handler_input)
        procedure = catalogue.procedure(known["document"]) if known.get("document") else None
        if procedure is None and len(catalogue.procedures) == 1:
            procedure = catalogue.procedures[0]
        if procedure is None:
            question = spoken.ask_which_document(catalogue.procedures)
            said = turn.slot_value(handler_input, DOCUMENT_SLOT)
            text = spoken.not_a_document(catalogue.procedures) if said else question
            session[CONTEXT] = {"eliciting": DOCUMENT_SLOT, "asked": [], "known": known, "topic": previous.get("topic")}
            return _elicit(handler_input, DOCUMENT_SLOT, text, question)
        asked = [str(a) for a in previous.get("asked") or []]
        query = _query(known)
        detail = missing_detail(procedure, query, asked)
        if detail is not None and previous.get("topic") in FOLLOW_UPS.values():
            detail = None  # a question was asked (« combien ça coûte ? »): answer it now, generally if need be
        if detail is not None:
            session[CONTEXT] = {
                "procedure": procedure.id,
                "eliciting": detail.value,
                "asked": [*asked, detail.value],
                "known": known,
                "topic": previous.get("topic"),
            }
            question = spoken.ask_detail(detail)
            text = f"{spoken.say_common(procedure, detail)} {question}"
            return _elicit(handler_input, detail.value, text, spoken.ask_detail_again(procedure, detail))
        case = find_case(procedure, query)
        return _answer(handler_input, procedure, case, topic=previous.get("topic"), known=known)


def _answer(
    handler_input: HandlerInput,
    procedure: Procedure,
    case: ProcedureCase | None,
    *,
    topic: Any = None,
    intro: str = "",
    known: dict[str, str] | None = None,
) -> Response:
    """The short answer for a case (or the general one), or the answer to a question asked before the case."""
    context: dict[str, Any] = {"procedure": procedure.id, "case": case.id if case else None, "known": known or {}}
    turn.session(handler_input)[CONTEXT] = context
    if topic in FOLLOW_UPS.values():
        return _follow_up(handler_input, context, procedure, case, str(topic), card=_card(procedure, case))
    context["offer"] = OFFER_DOCUMENTS
    text = f"{intro}{spoken.say_first_answer(procedure, case)} {spoken.offer_documents()}"
    return respond.answer(handler_input, text, ask=spoken.offer_documents(), card=_card(procedure, case))


def _resolve(context: dict[str, Any]) -> tuple[Procedure, ProcedureCase | None] | None:
    procedure = turn.catalogue().procedure(str(context.get("procedure")))
    if procedure is None:
        return None
    case = next((c for c in procedure.cases if c.id == context.get("case")), None)
    return procedure, case


def _follow_up(
    handler_input: HandlerInput,
    context: dict[str, Any],
    procedure: Procedure,
    case: ProcedureCase | None,
    topic: str,
    card: respond.Card | None = None,
) -> Response:
    """One detail of the procedure; after the documents, where and when is offered."""
    facility = turn.catalogue().facility(procedure.facility_id) if procedure.facility_id else None
    context["offer"] = None
    if topic == TOPIC_DOCUMENTS:
        text = spoken.say_documents_and_cost(procedure, case)
        if facility is not None:
            context["offer"] = OFFER_WHERE
            return respond.answer(handler_input, f"{text} {spoken.offer_where()}", ask=spoken.offer_where(), card=card)
    elif topic == TOPIC_COST:
        text = spoken.say_cost_of(procedure, case)
    elif topic == TOPIC_DELAYS:
        text = spoken.say_delays(procedure)
    elif facility is None:
        text = spoken.no_place(procedure)
    else:
        where = spoken.say_where(procedure, facility)
        if facility.weekly is not None:
            hours = hours_voice.say_week(facility, turn.now(handler_input), turn.holidays())
        else:
            hours = hours_voice.say_hours_unknown(facility)
        text = f"{where} {hours}"
    return respond.answer(handler_input, f"{text} {anything_else()}", ask=anything_else(), card=card)


class ProcedureFollowUpHandler(IntentHandler):
    """ "Quels documents ?", "combien ça coûte ?", "où ?", "quels délais ?": about the document named in the
    question (« combien coûte un passeport pour ma fille de 8 ans »), else the one of the session.

    What the question says about the case (situation, person, age) is added to what the session knew,
    and the answer is the case's when it is clear, else the general one (the prices by age, the full
    list): a question gets an answer, not another question. Without any document, the document is
    asked (on `IdProcedureIntent`), and the question is answered once known.
    """

    intents = tuple(FOLLOW_UPS)

    def handle(self, handler_input: HandlerInput) -> Response:
        topic = FOLLOW_UPS[str(intent_name(handler_input))]
        catalogue = turn.catalogue()
        procedures = catalogue.procedures
        if not procedures:
            return respond.answer(handler_input, spoken.no_procedures(), end_session=True)
        context = context_of(handler_input) or {}
        named = turn.slot_id(handler_input, DOCUMENT_SLOT)
        in_session = context.get("procedure") if not context.get("eliciting") else None
        procedure = catalogue.procedure(str(named or in_session or ""))
        if procedure is None and len(procedures) == 1:
            procedure = procedures[0]
        if procedure is None:
            said = turn.slot_value(handler_input, DOCUMENT_SLOT)
            question = spoken.ask_which_document(procedures)
            text = spoken.not_a_document(procedures) if said else question
            known = _known(handler_input, {})
            turn.session(handler_input)[CONTEXT] = {
                "eliciting": DOCUMENT_SLOT,
                "asked": [],
                "known": known,
                "topic": topic,
            }
            return _elicit(handler_input, DOCUMENT_SLOT, text, question)
        same = context.get("procedure") == procedure.id
        known = _known(handler_input, context if same else {})
        known["document"] = procedure.id
        case = find_case(procedure, _query(known))
        if case is None and same and not _said_about_case(handler_input):
            case = next((c for c in procedure.cases if c.id == context.get("case")), None)
        new_context: dict[str, Any] = {"procedure": procedure.id, "case": case.id if case else None, "known": known}
        turn.session(handler_input)[CONTEXT] = new_context
        return _follow_up(handler_input, new_context, procedure, case, topic, card=_card(procedure, case))


def _said_about_case(handler_input: HandlerInput) -> bool:
    """Whether this request says anything about the case (situation, person or age)."""
    return any(turn.slot_value(handler_input, name) for name in ("situation", "person", "age"))


class DontKnowHandler(IntentHandler):
    """ "Je ne sais pas" (or words Alexa cannot place) while a question of the dialog is pending: the general
    answer. Outside the dialog, "je ne sais pas" alone gets an offer of help."""

    intents = (DONT_KNOW_INTENT, "AMAZON.FallbackIntent")

    def can_handle(self, handler_input: HandlerInput) -> bool:
        if not super().can_handle(handler_input):
            return False
        return intent_name(handler_input) == DONT_KNOW_INTENT or eliciting(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        if intent_name(handler_input) != DONT_KNOW_INTENT:
            respond.note(handler_input, NOT_UNDERSTOOD)  # words Alexa could not place, answered in general
        context = eliciting(handler_input)
        if context is None:
            return respond.answer(handler_input, f"Ce n'est pas grave. {anything_else()}", ask=anything_else())
        procedure = turn.catalogue().procedure(str(context.get("procedure") or ""))
        if procedure is None:
            turn.session(handler_input).pop(CONTEXT, None)
            text = f"{spoken.no_document_chosen(turn.catalogue().procedures)} {anything_else()}"
            return respond.answer(handler_input, text, ask=anything_else())
        intro = spoken.general_intro() + " "
        return _answer(handler_input, procedure, None, topic=context.get("topic"), intro=intro)


class DialogInterceptor(AbstractRequestInterceptor):
    """Another request than an answer to the pending question ends the dialog (the case stays known)."""

    def process(self, handler_input: HandlerInput) -> None:
        context = eliciting(handler_input)
        if context is not None and intent_name(handler_input) not in DIALOG_INTENTS:
            context["eliciting"] = None


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
        topic = TOPIC_DOCUMENTS if context.get("offer") == OFFER_DOCUMENTS else TOPIC_WHERE
        return _follow_up(handler_input, context, *resolved, topic)


class ProcedureNoHandler(IntentHandler):
    intents = ("AMAZON.NoIntent",)

    def can_handle(self, handler_input: HandlerInput) -> bool:
        return super().can_handle(handler_input) and pending_offer(handler_input) is not None

    def handle(self, handler_input: HandlerInput) -> Response:
        context = pending_offer(handler_input) or {}
        context["offer"] = None
        return respond.answer(handler_input, f"D'accord. {anything_else()}", ask=anything_else())
