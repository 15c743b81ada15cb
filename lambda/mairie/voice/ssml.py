"""SSML for Alexa: escaping plain text, building `<speak>`, and back to plain text for cards and tools.

Voice functions return plain text; only the ASK layer turns it into SSML, through `speak()` (which
escapes) or `escape()`. Markup made here on purpose (a pause) is an `Ssml` and is not escaped.
"""

from __future__ import annotations

import re

_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&apos;"))
"""In this order ("&" first). Chained `str.replace` is much faster than `str.translate` with a dict
on accented French text (it is on every response)."""
_BREAKING_TAGS = r"(?i)<\s*/?\s*(?:break|p|s|speak|audio)\b[^>]*>"
_TAG = r"<[^>]*>"
_SPACES = r"\s+"
_SPACE_BEFORE_POINT = r" ([.,])"
"""Patterns of `strip_ssml` (tools and tests), compiled on first use rather than on every cold start."""


class Ssml(str):
    """A piece of markup that `speak()` must not escape."""

    __slots__ = ()


def escape(text: str) -> str:
    """Escape the five XML special characters (& < > " ') of plain text."""
    for special, entity in _ESCAPES:
        if special in text:
            text = text.replace(special, entity)
    return text


def pause(milliseconds: int) -> Ssml:
    """A `<break>` of at most 10 seconds (Alexa's limit)."""
    return Ssml(f'<break time="{max(0, min(milliseconds, 10_000))}ms"/>')


def speak(*parts: str) -> str:
    """`<speak>…</speak>` from plain sentences (escaped) and `Ssml` pieces (kept), space-separated."""
    body = " ".join(part if isinstance(part, Ssml) else escape(part.strip()) for part in parts if part.strip())
    return f"<speak>{body}</speak>"


def strip_ssml(ssml: str) -> str:
    """Plain text from SSML: tags removed (a pause becomes a space), entities decoded."""
    import html  # tools and tests only: the Lambda never imports it (~2 ms and 0.5 MiB on a cold start)

    text = re.sub(_BREAKING_TAGS, " ", ssml)
    text = re.sub(_TAG, "", text)
    text = re.sub(_SPACES, " ", html.unescape(text)).strip()
    return re.sub(_SPACE_BEFORE_POINT, r"\1", text)
