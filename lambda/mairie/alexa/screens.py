"""Echo Show screens: an APL document after hours, procedure and episode-list answers.

Sent only when the device declares `Alexa.Presentation.APL` with a runtime at least as recent as
the document's `version` (`runtime.maxVersion`: APL is backward-compatible, so a device renders any
document up to its maxVersion and no later one; Amazon, "Alexa.Presentation.APL" interface,
developer.amazon.com/docs/alexa-voice-service/presentation-apl-1-1.html).

A response interceptor, so the feature handlers stay unaware of screens; the screen is chosen from
the handler that answered (`ANSWERED_BY`, set by the skill's router), never from the intent alone:
a « oui » may answer a procedure's offer or start a podcast, and only the first shows the checklist.
No screen goes with an `AudioPlayer.Play`: the device shows its own player then.
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
ANSWERED_BY = "mairie.answered_by"
"""Request attribute: the name of the handler that answered (`skill.Router`)."""
HOURS_HANDLERS = ("FacilityHoursHandler",)
CHECKLIST_HANDLERS = ("IdProcedureHandler", "ProcedureYesHandler")
DOCUMENTS_INTENT = "ProcedureDocumentsIntent"
"""`ProcedureFollowUpHandler` shows the checklist for this follow-up question only."""
EPISODES_HANDLERS = ("ListEpisodesHandler", "ListOfferedEpisodesHandler")


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

    handler = handler_input.attributes_manager.request_attributes.get(ANSWERED_BY)
    name = intent_name(handler_input)
    catalogue = turn.catalogue()
    if handler in HOURS_HANDLERS and name in HOURS_INTENTS:
        facility_id = turn.slot_id(handler_input, "facility")
        facility = catalogue.facility(facility_id) if facility_id else None
        return week_screen(facility, turn.today(handler_input), turn.holidays()) if facility else None
    if handler in CHECKLIST_HANDLERS or (handler == "ProcedureFollowUpHandler" and name == DOCUMENTS_INTENT):
        context = turn.session(handler_input).get(PROCEDURE_CONTEXT)
        if not isinstance(context, dict) or context.get("eliciting") or "case" not in context:
            return None  # still asking about the resident's case
        procedure = catalogue.procedure(str(context.get("procedure")))
        if procedure is None:
            return None
        case = next((c for c in procedure.cases if c.id == context.get("case")), None)
        return checklist_screen(procedure, case)
    if handler in EPISODES_HANDLERS:
        series = playlist.default_series(catalogue)
        return episodes_screen(series) if series is not None and series.episodes else None
    return None


def renders(max_version: str | None, version: str) -> bool:
    """Whether a device whose APL runtime goes up to `max_version` renders a document of `version`
    ("1.8" < "2023.2"); a device that does not say (None) is trusted."""
    if max_version is None:
        return True
    return _version_key(version) <= _version_key(max_version)


def _version_key(version: str) -> tuple[int, ...]:
    try:
        return tuple(int(part) for part in version.strip().split("."))
    except ValueError:
        return (0,)  # unreadable: the oldest, so that nothing newer is sent to it


def _plays(response: Response) -> bool:
    return any(getattr(d, "object_type", None) == "AudioPlayer.Play" for d in response.directives or [])


class ScreenInterceptor(AbstractResponseInterceptor):
    """Adds the screen to spoken answers on devices with a screen."""

    def process(self, handler_input: HandlerInput, response: Response | None) -> None:
        if response is None or response.output_speech is None or not turn.has_session(handler_input):
            return
        if not turn.supports_apl(handler_input) or _plays(response):
            return
        if not renders(turn.apl_max_version(handler_input), str(document()["version"])):
            return  # an older screen: the speech and the card carry the answer
        screen = screen_for(handler_input)
        if screen is None:
            return
        from ask_sdk_model.interfaces.alexa.presentation.apl import RenderDocumentDirective

        directive = RenderDocumentDirective(token=TOKEN, document=document(), datasources=datasource(screen))
        response.directives = [*(response.directives or []), directive]
