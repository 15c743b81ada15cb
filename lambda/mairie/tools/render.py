"""A skill response, told in French for a terminal: the speech as plain text, the card, the directives."""

from __future__ import annotations

import re
from html import unescape
from typing import Any

_SUB = re.compile(r"<sub\b[^>]*\balias\s*=\s*(['\"])(.*?)\1[^>]*>.*?</sub>", re.DOTALL)
_AUDIO = re.compile(r"<audio\b[^>]*/?>", re.DOTALL)
_BREAK = re.compile(r"<break\b[^>]*/?>")
_TAG = re.compile(r"<[^>]+>")
_SPACES = re.compile(r"\s+")


def ssml_to_text(ssml: str) -> str:
    """What the SSML says, as plain text (substitutions spoken, tags dropped, entities decoded)."""
    text = _SUB.sub(lambda m: m.group(2), ssml)
    text = _AUDIO.sub(" [son] ", text)
    text = _BREAK.sub(" ", text)
    text = _TAG.sub("", text)
    text = _SPACES.sub(" ", unescape(text)).strip()
    return re.sub(r" ([.,])", r"\1", text)


def speech_text(output_speech: Any) -> str | None:
    if not isinstance(output_speech, dict):
        return None
    if output_speech.get("type") == "PlainText":
        return str(output_speech.get("text") or "").strip() or None
    return ssml_to_text(str(output_speech.get("ssml") or "")) or None


def body(response_envelope: Any) -> dict[str, Any]:
    """The `response` object of a response envelope ({} when absent)."""
    if isinstance(response_envelope, dict) and isinstance(response_envelope.get("response"), dict):
        result: dict[str, Any] = response_envelope["response"]
        return result
    return {}


def format_offset(milliseconds: int) -> str:
    """`750000` → "12 min 30"; `3725000` → "1 h 02 min 05"."""
    seconds = max(0, int(milliseconds)) // 1000
    hours, rest = divmod(seconds, 3600)
    minutes, seconds = divmod(rest, 60)
    if hours:
        return f"{hours} h {minutes:02d} min {seconds:02d}"
    return f"{minutes} min {seconds:02d}"


def stream_title(directive: dict[str, Any]) -> str:
    item = directive.get("audioItem") or {}
    metadata = item.get("metadata") or {}
    stream = item.get("stream") or {}
    return str(metadata.get("title") or stream.get("token") or "sans titre")


def directive_line(directive: dict[str, Any]) -> str:
    kind = str(directive.get("type", "?"))
    if kind == "AudioPlayer.Play":
        stream = (directive.get("audioItem") or {}).get("stream") or {}
        line = f"▶ Lecture : {stream_title(directive)} — {stream.get('url', '?')}"
        offset = int(stream.get("offsetInMilliseconds") or 0)
        if offset > 0:
            line += f" (à partir de {format_offset(offset)})"
        behavior = directive.get("playBehavior")
        if behavior == "ENQUEUE":
            line += " [à la suite]"
        elif behavior == "REPLACE_ENQUEUED":
            line += " [remplace la suite]"
        return line
    if kind == "AudioPlayer.Stop":
        return "■ Arrêt de la lecture"
    if kind == "AudioPlayer.ClearQueue":
        if directive.get("clearBehavior") == "CLEAR_ALL":
            return "■ Arrêt de la lecture et file d'attente vidée"
        return "⏏ File d'attente vidée"
    if kind == "Alexa.Presentation.APL.RenderDocument":
        return "▣ Écran : document APL affiché"
    if kind.startswith("Dialog."):
        slot = directive.get("slotToElicit") or directive.get("slotToConfirm")
        return f"Directive de dialogue : {kind}" + (f" ({slot})" if slot else "")
    return f"Directive : {kind}"


def card_lines(card: Any) -> list[str]:
    if not isinstance(card, dict):
        return []
    title = str(card.get("title") or "").strip()
    text = str(card.get("content") or card.get("text") or "").strip()
    lines = [f"Carte « {title} »" if title else "Carte"]
    lines.extend(f"  {line}" for line in text.splitlines() if line.strip())
    return lines


def describe(response_envelope: Any, prefix: str = "") -> list[str]:
    """Lines telling what the device does with this response: speech, reprompt, card, directives."""
    response = body(response_envelope)
    lines: list[str] = []
    speech = speech_text(response.get("outputSpeech"))
    if speech:
        lines.append(f"{prefix}{speech}")
    reprompt = speech_text((response.get("reprompt") or {}).get("outputSpeech"))
    if reprompt:
        lines.append(f"(relance : {reprompt})")
    lines.extend(card_lines(response.get("card")))
    lines.extend(directive_line(d) for d in response.get("directives") or [] if isinstance(d, dict))
    return lines


def session_stays_open(response_envelope: Any) -> bool:
    """True when Alexa keeps listening: `shouldEndSession` is explicitly false."""
    return body(response_envelope).get("shouldEndSession") is False
