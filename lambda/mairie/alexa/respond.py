"""Turning plain French text into an Alexa response: the one place where text becomes SSML.

Every string from the catalogue or the voice layer is escaped here, so content such as
"Musée & Co" can never break the SSML. The last answer is kept in the session for "répète".

Handlers also say here what became of the request when it was not a plain answer (`note`): not
understood, hours unknown, facility unknown, example content. It goes to the anonymous log line
(`log.REPORT`, copied by `skill.Router`), with a facility's catalogue id, never the words said.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ask_sdk_core.handler_input import HandlerInput
from ask_sdk_model import Response

from mairie.alexa import speech_rate, topics, turn
from mairie.alexa.log import EXAMPLE_CONTENT
from mairie.domain.playlist import Track
from mairie.domain.promises import listening_site, track_playable
from mairie.voice.assistant import anything_else, rephrase
from mairie.voice.media import say_listen_elsewhere
from mairie.voice.ssml import fit

if TYPE_CHECKING:
    from dataclasses import dataclass

    from ask_sdk_model.interfaces.audioplayer import PlayBehavior, PlayDirective
    from ask_sdk_model.ui import SimpleCard, StandardCard
else:  # the same class, without code generated at import: 1 ms per class at cold start (see `catalogue.records`)
    from mairie.catalogue.records import frozen_dataclass as dataclass

# The AudioPlayer, display and card models (ask_sdk_model.interfaces.audioplayer alone is 25 modules, about
# 2 ms) are imported by the first answer that uses them: a cold start on a spoken answer does not pay for them.

LAST_ANSWER = "last_answer"
MAX_SPEECH_CHARS = 7800
OUTCOME = "mairie.outcome"
"""Request attribute: one of `log.OUTCOMES` (absent: answered)."""
FACILITY = "mairie.facility"
"""Request attribute: the catalogue id of the facility the outcome is about."""


@dataclass(frozen=True)
class Card:
    title: str
    text: str
    image_url: str | None = None


def note(handler_input: HandlerInput, outcome: str, facility_id: str | None = None) -> None:
    """What became of this request, for the log line (`outcome` from `log.OUTCOMES`; the last note wins)."""
    attributes = handler_input.attributes_manager.request_attributes
    attributes[OUTCOME] = outcome
    attributes[FACILITY] = facility_id


def to_ssml(text: str) -> str:
    """Escaped speech, trimmed before escaping to what Alexa accepts (8000 characters of SSML)."""
    return fit(text, MAX_SPEECH_CHARS)


def answer(
    handler_input: HandlerInput,
    text: str,
    *,
    ask: str | None = None,
    card: Card | None = None,
    end_session: bool | None = None,
) -> Response:
    """A spoken answer. With `ask`, the session stays open and `ask` is the reprompt.

    Speech and reprompt follow the resident's speech rate; a reprompt that would only repeat the
    answer's last question is rephrased. The answer is kept for "répète" and its topic for "aide".
    """
    builder = handler_input.response_builder
    builder.speak(_spoken(handler_input, text))
    if ask is not None:
        last_question = text.rstrip().endswith(ask.strip())
        builder.ask(_spoken(handler_input, rephrase(ask) if last_question else ask))
    elif end_session is not None:
        builder.set_should_end_session(end_session)
    if card is not None:
        builder.set_card(_card(card))
    if turn.has_session(handler_input):
        turn.session(handler_input)[LAST_ANSWER] = {"text": text, "ask": ask}
        topics.remember(handler_input)
    return builder.response


def _spoken(handler_input: HandlerInput, text: str) -> str:
    """Escaped speech at the resident's preferred rate."""
    return speech_rate.apply(to_ssml(text), speech_rate.preferred(handler_input))


def _card(card: Card) -> SimpleCard | StandardCard:
    from ask_sdk_model.ui import Image as CardImage
    from ask_sdk_model.ui import SimpleCard, StandardCard

    if card.image_url:
        return StandardCard(
            title=card.title,
            text=card.text,
            image=CardImage(small_image_url=card.image_url, large_image_url=card.image_url),
        )
    return SimpleCard(title=card.title, content=card.text)


def play(
    handler_input: HandlerInput,
    track: Track,
    *,
    text: str | None = None,
    offset_ms: int = 0,
    behavior: PlayBehavior | None = None,
    expected_previous_token: str | None = None,
    card: Card | None = None,
) -> Response:
    """Start (or enqueue: `behavior`, REPLACE_ALL by default) a track. Speech and card only for voice
    requests, never for events.

    A track whose audio is marked as example is never sent: its address is a placeholder that would
    fail on the device; a voice request hears where to listen instead, an event gets nothing."""
    if not track_playable(track):
        return _listen_elsewhere(handler_input, track)
    builder = handler_input.response_builder
    if text is not None:
        builder.speak(_spoken(handler_input, text))
    if card is not None:
        builder.set_card(_card(card))
    builder.add_directive(play_directive(track, offset_ms, behavior, expected_previous_token))
    if turn.has_session(handler_input):
        builder.set_should_end_session(True)
    return builder.response


def _listen_elsewhere(handler_input: HandlerInput, track: Track) -> Response:
    if getattr(handler_input.request_envelope.request, "object_type", None) != "IntentRequest":  # an event: no speech
        return empty(handler_input)
    note(handler_input, EXAMPLE_CONTENT)
    text = say_listen_elsewhere(track, listening_site(turn.catalogue(), track))
    return answer(handler_input, text, ask=anything_else())


def play_directive(
    track: Track,
    offset_ms: int = 0,
    behavior: PlayBehavior | None = None,
    expected_previous_token: str | None = None,
) -> PlayDirective:
    from ask_sdk_model.interfaces.audioplayer import AudioItem, AudioItemMetadata, PlayBehavior, PlayDirective, Stream
    from ask_sdk_model.interfaces.display import Image, ImageInstance

    behavior = behavior or PlayBehavior.REPLACE_ALL
    art = None
    if track.image_url:
        art = Image(content_description=track.title, sources=[ImageInstance(url=track.image_url)])
    return PlayDirective(
        play_behavior=behavior,
        audio_item=AudioItem(
            stream=Stream(
                token=track.token,
                url=track.url,
                offset_in_milliseconds=max(0, int(offset_ms)),
                expected_previous_token=expected_previous_token if behavior == PlayBehavior.ENQUEUE else None,
            ),
            metadata=AudioItemMetadata(title=track.title, subtitle=track.subtitle, art=art),
        ),
    )


def stop(handler_input: HandlerInput, text: str | None = None) -> Response:
    from ask_sdk_model.interfaces.audioplayer import StopDirective

    builder = handler_input.response_builder
    if text is not None:
        builder.speak(_spoken(handler_input, text))
    builder.add_directive(StopDirective())
    if turn.has_session(handler_input):
        builder.set_should_end_session(True)
    return builder.response


def empty(handler_input: HandlerInput) -> Response:
    """The answer to events that allow no speech: nothing."""
    return handler_input.response_builder.response
