"""Echo Show screens: an APL document after hours, procedure and episode-list answers.

Sent only when the device declares `Alexa.Presentation.APL`. A response interceptor, so the
feature handlers stay unaware of screens: it looks at what was just answered (intent, slots,
session) and adds a `RenderDocument` directive with the one document `apl/liste.json`, whose
only data is the datasource built here.
"""

from __future__ import annotations

import functools
import json
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ask_sdk_core.dispatch_components import AbstractResponseInterceptor
from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import turn
from mairie.alexa.base import intent_name

if TYPE_CHECKING:
    from mairie.voice.screens import Screen

# The APL model, the screens' words and the feature modules are imported on the first screen only:
# devices without a screen (and cold starts) never pay for them.
DOCUMENT = Path(__file__).with_name("apl") / "liste.json"
TOKEN = "mairie-ecran"
CHECKLIST_INTENTS = ("IdProcedureIntent", "ProcedureDocumentsIntent", "AMAZON.YesIntent")


@functools.cache
def document() -> dict[str, Any]:
    loaded: dict[str, Any] = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    return loaded


def datasource(screen: Screen) -> dict[str, Any]:
    """The APL datasource for a screen: everything the document refers to, as `payload.screen`."""
    fields = asdict(screen)
    fields["rows"] = [asdict(row) for row in screen.rows]  # a JSON array, not a tuple
    return {"screen": fields}


def screen_for(handler_input: HandlerInput) -> Screen | None:
    """What to show after the answer just given, or None."""
    from mairie.alexa.hours import HOURS_INTENTS
    from mairie.alexa.procedures import CONTEXT as PROCEDURE_CONTEXT
    from mairie.domain import playlist
    from mairie.voice.screens import checklist_screen, episodes_screen, week_screen

    name = intent_name(handler_input)
    catalogue = turn.catalogue()
    if name in HOURS_INTENTS:
        facility_id = turn.slot_id(handler_input, "facility")
        facility = catalogue.facility(facility_id) if facility_id else None
        return week_screen(facility, turn.today(handler_input), turn.holidays()) if facility else None
    if name in CHECKLIST_INTENTS:
        context = turn.session(handler_input).get(PROCEDURE_CONTEXT)
        if not isinstance(context, dict) or context.get("eliciting") or "case" not in context:
            return None  # still asking about the resident's case
        procedure = catalogue.procedure(str(context.get("procedure")))
        if procedure is None:
            return None
        case = next((c for c in procedure.cases if c.id == context.get("case")), None)
        return checklist_screen(procedure, case)
    if name == "ListEpisodesIntent":
        series = playlist.default_series(catalogue)
        return episodes_screen(series) if series is not None and series.episodes else None
    return None


class ScreenInterceptor(AbstractResponseInterceptor):
    """Adds the screen to spoken answers on devices with a screen."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if response is None or response.output_speech is None or not turn.has_session(handler_input):
            return
        if not turn.supports_apl(handler_input):
            return
        screen = screen_for(handler_input)
        if screen is None:
            return
        from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

        directive = RenderDocumentDirective(token=TOKEN, document=document(), datasources=datasource(screen))
        response.directives = [*(response.directives or []), directive]
