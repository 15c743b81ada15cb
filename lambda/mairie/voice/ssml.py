"""SSML for Alexa: escaping plain text, building `<speak>`, and back to plain text for cards and tools.

Voice functions return plain text; only the ASK layer turns it into SSML, through `speak()` (which
escapes), `escape()` or `fit()`. Markup made here on purpose (a pause) is an `Ssml` and is not escaped.

Alexa silently drops speech that is not well-formed XML, so whatever the content or what was heard:
- characters XML 1.0 forbids (controls, lone surrogates, U+FFFE/U+FFFF) and C1 controls are removed
  before escaping (`clean`);
- text is trimmed *before* it is escaped (`fit`), so a cut can never fall inside an entity (a long
  staff text once ended in `d&apos</speak>`); it stops at the end of a sentence, else between words;
- SSML that is already built is only shortened tag by tag (`shorten`), closing what it opened.
"""

from __future__ import annotations

import re
from functools import cache

_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ('"', "&quot;"), ("'", "&apos;"))
"""In this order ("&" first). Chained `str.replace` is much faster than `str.translate` with a dict
on accented French text (it is on every response)."""
_BREAKING_TAGS = r"(?i)<\s*/?\s*(?:break|p|s|speak|audio)\b[^>]*>"
_TAG = r"<[^>]*>"
_SPACES = r"\s+"
_SPACE_BEFORE_POINT = r" ([.,])"
"""Patterns of `strip_ssml` (tools and tests), compiled on first use rather than on every cold start."""


_FORBIDDEN = "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]"
"""What XML 1.0 forbids (C0 controls but tab and line ends, lone surrogates, U+FFFE, U+FFFF), plus DEL and
the C1 controls. Written as the forbidden ranges, not as the complement of the allowed ones: the same set,
but compiled in 0.4 ms instead of 3.4 ms (a negated class reaching U+10FFFF), paid by the first answer
with an accent, at every cold start."""
_SSML_TOKEN = r"<[^>]*>|&[#\w]+;|[^<&]+"


@cache
def _pattern(source: str) -> re.Pattern[str]:
    """Patterns compiled on first use rather than at every cold start."""
    return re.compile(source)


class Ssml(str):
    """A piece of markup that `speak()` must not escape."""

    __slots__ = ()


def clean(text: str) -> str:
    """`text` without the characters XML forbids (and C1 controls)."""
    if text.isascii() and text.isprintable():  # the usual case, decided without a regular expression
        return text
    return _pattern(_FORBIDDEN).sub("", text)


def escape(text: str) -> str:
    """Escape the five XML special characters (& < > " ') of plain text, forbidden characters removed."""
    return _escape_clean(clean(text))


def _escape_clean(text: str) -> str:
    """`escape` of a text already `clean`."""
    for special, entity in _ESCAPES:
        if special in text:
            text = text.replace(special, entity)
    return text


def _escaped_length(char: str) -> int:
    for special, entity in _ESCAPES:
        if char == special:
            return len(entity)
    return 1


def fit(text: str, max_chars: int) -> str:
    """`text` escaped, at most `max_chars` long: trimmed first (at a sentence end, else between words)."""
    text = clean(text)
    escaped = _escape_clean(text)
    if len(escaped) <= max_chars:
        return escaped
    used = end = 0
    while used + _escaped_length(text[end]) <= max_chars:  # the longest prefix whose escaped form fits
        used += _escaped_length(text[end])
        end += 1
    return _escape_clean(_cut_prefix(text[:end])).rstrip()


def cut_text(text: str, max_chars: int) -> str:
    """Plain text cut to `max_chars` at a sentence end, else between words."""
    return text if len(text) <= max_chars else _cut_prefix(text[:max_chars])


def _cut_prefix(prefix: str) -> str:
    """`prefix` up to its last sentence end, else its last space (whole if it has neither)."""
    cut = prefix.rfind(". ")
    if cut > 0:
        return prefix[: cut + 1]
    space = prefix.rfind(" ")
    return prefix[:space] if space > 0 else prefix


def shorten(ssml: str, max_chars: int) -> str:
    """Well-formed SSML cut to at most `max_chars`: whole tags and entities only, open tags closed."""
    if len(ssml) <= max_chars:
        return ssml
    kept: list[str] = []
    open_tags: list[str] = []
    used = 0
    for token in _pattern(_SSML_TOKEN).findall(ssml):
        closing = sum(len(f"</{name}>") for name in open_tags)
        if token.startswith("</"):
            if open_tags:
                kept.append(token)
                used += len(token)
                open_tags.pop()
            continue
        if token.startswith("<"):
            name = token[1:].split()[0].rstrip("/>") if len(token) > 2 else ""
            opens = not token.endswith("/>")
            cost = len(token) + (len(f"</{name}>") if opens else 0)
            if used + closing + cost > max_chars:
                break
            kept.append(token)
            used += len(token)
            if opens:
                open_tags.append(name)
            continue
        room = max_chars - used - closing
        if len(token) <= room:
            kept.append(token)
            used += len(token)
            continue
        space = token.rfind(" ", 0, room + 1)
        if not token.startswith("&") and space > 0:
            kept.append(token[:space])
        break
    kept.extend(f"</{name}>" for name in reversed(open_tags))
    return "".join(kept)


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
