"""Whatever Alexa heard, the response is one Alexa accepts: well-formed SSML, echoed words capped,
the whole envelope under 24 KiB (Amazon's request and response reference)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mairie.alexa.limits import MAX_HEARD_CHARS, MAX_RESPONSE_BYTES, fit_response
from tests.skill import envelopes

ANY_CHARACTER = st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"])
HEARD = st.one_of(
    st.text(ANY_CHARACTER, max_size=200),
    st.builds(lambda word, count: word * count, st.text(ANY_CHARACTER, min_size=1, max_size=8), st.integers(1, 20000)),
)
SLOTTED_INTENTS = [
    ("IdProcedureIntent", ["document", "situation", "person", "age"]),
    ("IsOpenIntent", ["facility", "date"]),
    ("MagazineArticleIntent", ["topic"]),
    ("PlayPodcastIntent", ["episode", "guest"]),
    ("AboutCityIntent", ["city"]),
    ("SpeechRateIntent", ["rate"]),
]


def speeches(result: dict[str, Any]) -> list[str]:
    response = result.get("response", {})
    found = [response.get("outputSpeech", {}).get("ssml")]
    found.append(response.get("reprompt", {}).get("outputSpeech", {}).get("ssml"))
    return [ssml for ssml in found if ssml]


def assert_acceptable(result: dict[str, Any]) -> None:
    sent = json.dumps(result, ensure_ascii=False).encode("utf-8")  # a lone surrogate would fail here
    assert len(json.dumps(result)) <= MAX_RESPONSE_BYTES
    assert len(sent) <= MAX_RESPONSE_BYTES
    for ssml in speeches(result):
        assert len(ssml) <= 8000
        ET.fromstring(ssml.encode("utf-8"))


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(SLOTTED_INTENTS), st.data())
def test_whatever_was_heard_the_response_is_valid_for_alexa(named: tuple[str, list[str]], data: Any) -> None:
    name, slot_names = named
    slots = [envelopes.slot(slot, data.draw(HEARD), slot_type="X") for slot in slot_names]
    result = envelopes.send(envelopes.intent(name, slots))
    assert_acceptable(result)
    echoed = json.dumps(result, ensure_ascii=False)
    for slot in slots:
        if len(slot["value"]) > MAX_HEARD_CHARS:
            assert slot["value"] not in echoed


def test_a_hundred_thousand_character_slot_value_is_not_copied_into_the_response() -> None:
    said = "carte " * 20_000
    result = envelopes.send(envelopes.intent("IdProcedureIntent", [envelopes.slot("document", said, slot_type="X")]))
    assert_acceptable(result)
    assert len(json.dumps(result)) < 4000
    elicit = envelopes.directives(result)[0]
    assert elicit["type"] == "Dialog.ElicitSlot"
    assert len(elicit["updatedIntent"]["slots"]["document"]["value"]) <= MAX_HEARD_CHARS


def test_control_characters_and_u_fffe_in_a_slot_keep_the_speech_well_formed() -> None:
    said = "piscine\x07\x1b\ufffe\ud800 d'Issy"
    result = envelopes.send(envelopes.intent("IsOpenIntent", [envelopes.slot("facility", said, slot_type="X")]))
    assert_acceptable(result)
    assert "Je ne connais pas cet équipement." in envelopes.speech(result)


def test_an_oversized_response_sheds_the_screen_the_card_and_the_copy_before_shortening_speech() -> None:
    long_text = "Été à l'hôtel de ville, réservé aux élèves. " * 170  # accents: 6 bytes each once escaped
    result = {
        "version": "1.0",
        "sessionAttributes": {"last_answer": {"text": long_text, "ask": None}, "speech_rate": "lent"},
        "response": {
            "outputSpeech": {"type": "SSML", "ssml": f'<speak><prosody rate="85%">{long_text}</prosody></speak>'},
            "card": {"type": "Simple", "title": "Titre", "content": long_text},
            "directives": [{"type": "Alexa.Presentation.APL.RenderDocument", "document": {"x": long_text}}],
        },
    }
    fitted = fit_response(result)
    assert_acceptable(fitted)
    assert fitted["response"]["directives"] == []
    assert "last_answer" not in fitted["sessionAttributes"]
    assert fitted["sessionAttributes"]["speech_rate"] == "lent"
    assert fitted["response"]["outputSpeech"]["ssml"] == result["response"]["outputSpeech"]["ssml"]
    assert fitted["response"]["card"]["content"].endswith("élèves.")


def test_a_response_within_the_limit_is_returned_as_it_is() -> None:
    small = {"version": "1.0", "response": {"outputSpeech": {"type": "SSML", "ssml": "<speak>Bonjour.</speak>"}}}
    assert fit_response(small) is small
