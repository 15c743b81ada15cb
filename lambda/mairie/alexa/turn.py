"""Reading one request: the catalogue, "now" in the city, slots, session and device facts.

Everything here tolerates partial or odd envelopes: a missing field reads as "unknown".
"""

from __future__ import annotations

import functools
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import IntentRequest

from mairie.catalogue.current import get_catalogue
from mairie.catalogue.holiday_table import load_table
from mairie.catalogue.model import Catalogue
from mairie.domain.calendar import PublicHolidays

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

ER_SUCCESS_MATCH = "ER_SUCCESS_MATCH"


def catalogue() -> Catalogue:
    return get_catalogue()


@functools.cache
def _holidays(subdivision: str | None) -> PublicHolidays:
    return PublicHolidays(subdivision, table=load_table())


def holidays() -> PublicHolidays:
    return _holidays(catalogue().city.holiday_subdivision)


@functools.cache
def _zone(name: str) -> ZoneInfo:
    """The city's time zone; `zoneinfo` is imported by the first request that needs "now" (it reads
    `sysconfig` at import: 1 to 1.5 ms of a cold start that a launch does not need)."""
    from zoneinfo import ZoneInfo

    return ZoneInfo(name)


def now(handler_input: HandlerInput) -> datetime:
    """The request's timestamp in the city's time zone (never the machine clock, unless absent)."""
    stamp = getattr(handler_input.request_envelope.request, "timestamp", None)
    if not isinstance(stamp, datetime):
        stamp = datetime.now(UTC)
    elif stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.astimezone(_zone(catalogue().city.timezone))


def today(handler_input: HandlerInput) -> date:
    return now(handler_input).date()


def _slot(handler_input: HandlerInput, name: str) -> Any:
    request = handler_input.request_envelope.request
    if not isinstance(request, IntentRequest) or request.intent is None or not request.intent.slots:
        return None
    return request.intent.slots.get(name)


def slot_value(handler_input: HandlerInput, name: str) -> str | None:
    """What the resident said for a slot, or None."""
    slot = _slot(handler_input, name)
    value = getattr(slot, "value", None)
    return (str(value).strip() or None) if value else None


def slot_ids(handler_input: HandlerInput, name: str) -> list[str]:
    """Every entity-resolution id a custom slot matched (several when a synonym is shared)."""
    slot = _slot(handler_input, name)
    resolutions = getattr(slot, "resolutions", None)
    found: list[str] = []
    for authority in getattr(resolutions, "resolutions_per_authority", None) or []:
        code = getattr(getattr(authority, "status", None), "code", None)
        if getattr(code, "value", code) != ER_SUCCESS_MATCH:
            continue
        for wrapper in authority.values or []:
            value = getattr(wrapper, "value", None)
            if value is not None and value.id and str(value.id) not in found:
                found.append(str(value.id))
    return found


def slot_id(handler_input: HandlerInput, name: str) -> str | None:
    """The (first) entity-resolution id of a custom slot, or None when it did not resolve."""
    ids = slot_ids(handler_input, name)
    return ids[0] if ids else None


def slot_int(handler_input: HandlerInput, name: str) -> int | None:
    value = slot_value(handler_input, name)
    if value is None:
        return None
    try:
        number = int(value)
    except ValueError:
        return None
    return number if -1_000_000 < number < 1_000_000 else None


def has_session(handler_input: HandlerInput) -> bool:
    return handler_input.request_envelope.session is not None


def session(handler_input: HandlerInput) -> dict[str, Any]:
    """Session attributes, or a throw-away dict for out-of-session requests."""
    if not has_session(handler_input):
        return {}
    attributes = handler_input.attributes_manager.session_attributes
    return attributes if attributes is not None else {}


def supports_audio_player(handler_input: HandlerInput) -> bool:
    interfaces = _supported_interfaces(handler_input)
    return getattr(interfaces, "audio_player", None) is not None


def supports_apl(handler_input: HandlerInput) -> bool:
    interfaces = _supported_interfaces(handler_input)
    return getattr(interfaces, "alexa_presentation_apl", None) is not None


def apl_max_version(handler_input: HandlerInput) -> str | None:
    """The most recent APL version the device renders (`Alexa.Presentation.APL.runtime.maxVersion`), if said."""
    apl = getattr(_supported_interfaces(handler_input), "alexa_presentation_apl", None)
    version = getattr(getattr(apl, "runtime", None), "max_version", None)
    return str(version) if version else None


def _supported_interfaces(handler_input: HandlerInput) -> Any:
    context = handler_input.request_envelope.context
    system = getattr(context, "system", None)
    device = getattr(system, "device", None)
    return getattr(device, "supported_interfaces", None)


def player_state(handler_input: HandlerInput) -> tuple[str | None, int, str | None]:
    """`(token, offset in ms, player activity)` from `context.AudioPlayer`, when present."""
    player = getattr(handler_input.request_envelope.context, "audio_player", None)
    if player is None:
        return None, 0, None
    activity = getattr(player, "player_activity", None)
    offset = getattr(player, "offset_in_milliseconds", None)
    return (
        player.token or None,
        int(offset) if isinstance(offset, int) and offset > 0 else 0,
        getattr(activity, "value", activity),
    )
