"""SSML escaping, building and stripping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from mairie.voice.ssml import Ssml, escape, pause, speak, strip_ssml


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("Musée & Co", "Musée &amp; Co"),
        ("a < b > c", "a &lt; b &gt; c"),
        ('dites "bonjour"', "dites &quot;bonjour&quot;"),
        ("l'hôtel", "l&apos;hôtel"),
        ("&amp;", "&amp;amp;"),
        ("« Point d’Appui »", "« Point d’Appui »"),
    ],
)
def test_escape(text: str, escaped: str) -> None:
    assert escape(text) == escaped


def test_speak_escapes_every_part_and_is_valid_xml() -> None:
    ssml = speak("Oui, l'espace <Jeunes> & co est ouvert.", "", "  Autre chose ?  ")
    assert ssml == "<speak>Oui, l&apos;espace &lt;Jeunes&gt; &amp; co est ouvert. Autre chose ?</speak>"
    ET.fromstring(ssml)


def test_speak_keeps_markup_made_on_purpose() -> None:
    ssml = speak("Bonjour.", pause(500), "Au revoir & merci.")
    assert ssml == '<speak>Bonjour. <break time="500ms"/> Au revoir &amp; merci.</speak>'
    assert isinstance(pause(1), Ssml)
    assert pause(60_000) == '<break time="10000ms"/>'


@pytest.mark.parametrize(
    ("ssml", "text"),
    [
        ("<speak>Oui, l&apos;hôtel &amp; co.</speak>", "Oui, l'hôtel & co."),
        ('<speak>Bonjour.<break time="1s"/>Au revoir.</speak>', "Bonjour. Au revoir."),
        (
            '<speak><prosody rate="90%">Lent</prosody>, puis <emphasis>fort</emphasis>.</speak>',
            "Lent, puis fort.",
        ),
        ("<speak><p>Un.</p><p>Deux.</p></speak>", "Un. Deux."),
        ("plain &lt;text&gt; &quot;quoted&quot;", 'plain <text> "quoted"'),
    ],
)
def test_strip_ssml(ssml: str, text: str) -> None:
    assert strip_ssml(ssml) == text


def test_round_trip() -> None:
    text = "Je n'ai pas les horaires « du musée » : vérifiez-les sur le site issy.com & ailleurs."
    assert strip_ssml(speak(text)) == text
