"""Whatever the text (staff content, what Alexa heard), the speech is well-formed XML within Alexa's limits."""

from __future__ import annotations

import html
import xml.etree.ElementTree as ET

from hypothesis import given, settings
from hypothesis import strategies as st

from mairie.alexa import speech_rate
from mairie.alexa.respond import MAX_SPEECH_CHARS, to_ssml
from mairie.voice.ssml import clean, fit, shorten

ANY_CHARACTER = st.characters(categories=["L", "M", "N", "P", "S", "Z", "C"])
"""Every Unicode category, controls, lone surrogates, private use and unassigned code points included."""
XML_SPECIALS = st.sampled_from(["&", "<", ">", '"', "'", "&amp;", "&apos", ". ", " ", "\x00", "\ufffe", "\ud800"])
HOSTILE_TEXT = st.lists(st.one_of(st.text(ANY_CHARACTER, max_size=40), XML_SPECIALS), max_size=60).map("".join)


def well_formed(ssml: str) -> ET.Element:
    """Parsed as XML, from UTF-8 bytes as Alexa receives them (a lone surrogate cannot even be encoded)."""
    return ET.fromstring(ssml.encode("utf-8"))


@settings(max_examples=400, deadline=None)
@given(HOSTILE_TEXT, st.sampled_from(["lent", "rapide", "normal"]))
def test_any_text_becomes_well_formed_speech_at_any_rate(text: str, rate: str) -> None:
    ssml = f"<speak>{speech_rate.apply(to_ssml(text), rate)}</speak>"
    well_formed(ssml)
    assert len(ssml) <= 8000


@settings(max_examples=200, deadline=None)
@given(HOSTILE_TEXT, st.integers(min_value=1, max_value=300))
def test_a_trimmed_text_is_never_cut_inside_an_entity(text: str, budget: int) -> None:
    escaped = fit(text, budget)
    assert len(escaped) <= budget
    well_formed(f"<speak>{escaped}</speak>")
    assert clean(text).startswith(html.unescape(escaped))  # what is said is the start of the text


@settings(max_examples=200, deadline=None)
@given(HOSTILE_TEXT, st.integers(min_value=40, max_value=400))
def test_shortened_ssml_stays_well_formed(text: str, budget: int) -> None:
    ssml = f'<speak><prosody rate="85%">{to_ssml(text)} <break time="1s"/> {to_ssml(text)}</prosody></speak>'
    short = shorten(ssml, budget)
    assert len(short) <= budget
    well_formed(short)


def test_a_long_staff_text_full_of_apostrophes_ends_on_a_whole_sentence() -> None:
    sentence = "Pour l'état civil, présentez-vous à l'accueil d'Issy avec l'original. "
    text = sentence * (7400 // len(sentence) + 1)
    ssml = to_ssml(text)
    assert len(ssml) <= MAX_SPEECH_CHARS
    assert ssml.endswith("l&apos;original.")
    well_formed(f"<speak>{ssml}</speak>")


def test_characters_xml_forbids_are_removed_and_the_rest_kept() -> None:
    assert to_ssml("Piscine\x07 d'Issy\ufffe\ud800 \x85ouverte") == "Piscine d&apos;Issy ouverte"
