"""Words a resident adds that carry no meaning, and the small words a request can do without.

Alexa's language understanding is statistical, not a word-for-word comparison: it understands
« euh bonjour, est-ce que la mairie est ouverte s'il vous plaît » and « horaires mairie » as well as
the samples they resemble. The local resolver imitates that in two measured steps, used only when no
sample matches word for word (see `tools.resolver`):

- `strip_fillers`: hesitations anywhere (« euh »), greetings at the start (« bonjour madame »),
  politeness and thanks at the end (« s'il vous plaît », « merci »); then also the opener of the
  request (« dites-moi », « je voudrais savoir »); never the whole request;
- `FUNCTION_WORDS`: articles and prepositions that a sample may have and the resident may leave out.

Works on normalised tokens (see `tools.text`: no accents, "l'" → "le", "du" → "de le").
"""

from __future__ import annotations

from mairie.tools.text import Token, Tokens, normalise

HESITATIONS = frozenset({"euh", "heu", "hum", "hmm", "bah", "ben", "bof", "hein", "wesh", "genre"})
"""Removed wherever they stand."""

_GREETINGS = (
    "alexa",
    "bonjour",
    "bonsoir",
    "salut",
    "coucou",
    "alors",
    "bon",
    "ok",
    "oui",
    "excuse-moi",
    "excusez-moi",
    "pardon",
    "madame",
    "monsieur",
    "s'il vous plaît",
    "s'il te plaît",
    "vas-y",
    "allez",
    "allez-y",
    "ma foi",
    "bon ben",
    "écoute",
    "écoutez",
    "je vous prie",
)
"""Removed at the start, repeatedly (« bonjour madame euh … »): they never carry the request."""

_OPENERS = (
    "dis-moi",
    "dites-moi",
    "dis",
    "dites",
    "tu peux me dire",
    "vous pouvez me dire",
    "peux-tu me dire",
    "pouvez-vous me dire",
    "pourriez-vous me dire",
    "pourrais-tu me dire",
    "est-ce que tu peux me dire",
    "est-ce que vous pouvez me dire",
    "je voudrais savoir",
    "j'aimerais savoir",
    "je veux savoir",
    "je voulais savoir",
    "je souhaiterais savoir",
    "je me demandais",
    "j'ai une question",
    "une question",
    "tu sais",
    "vous savez",
    "sais-tu",
    "savez-vous",
    "je voudrais",
    "j'aimerais",
    "je veux",
    "je souhaiterais",
    "je souhaite",
    "il me faudrait",
    "je voudrais connaître",
    "j'aimerais connaître",
    "je voudrais avoir",
    "pourriez-vous m'indiquer",
    "pouvez-vous m'indiquer",
    "tu peux m'indiquer",
    "vous pouvez m'indiquer",
    "pourriez-vous me donner",
    "pouvez-vous me donner",
    "auriez-vous l'amabilité de me dire",
    "auriez-vous la gentillesse de me dire",
    "seriez-vous assez aimable pour me dire",
)
"""Removed at the start after the greetings (« dites-moi … », « je voudrais savoir … »), when the
request is not understood with them."""

_CLOSERS = (
    "s'il vous plaît",
    "s'il te plaît",
    "svp",
    "merci",
    "merci beaucoup",
    "merci bien",
    "alexa",
    "là",
    "madame",
    "monsieur",
    "par hasard",
    "exactement",
    "en fait",
    "donc",
    "alors",
    "déjà",
    "encore",
    "je vous prie",
    "je vous remercie",
    "merci madame",
    "merci monsieur",
    "bonne journée",
    "bonne soirée",
    "ou pas",
    "ou non",
    "maintenant",
)
"""Removed at the end, repeatedly (« … s'il vous plaît merci »)."""

FUNCTION_WORDS = frozenset(
    normalise(word)
    for word in (
        "le",
        "la",
        "les",
        "l'",
        "un",
        "une",
        "des",
        "de",
        "d'",
        "du",
        "à",
        "au",
        "aux",
        "pour",
        "en",
        "est",
        "ce",
        "c'est",
        "que",
        "qu'",
        "il",
        "elle",
        "y",
        "a",
        "mon",
        "ma",
        "mes",
        "son",
        "sa",
        "ses",
        "votre",
        "vos",
        "sur",
        "avec",
    )
    for word in normalise(word).split()
)
"""Small words a sample may have that a resident may leave out (« passeport enfant »)."""


def _phrases(words: tuple[str, ...]) -> tuple[tuple[str, ...], ...]:
    # longest first, so that "s'il vous plaît" goes before "s'il"
    return tuple(sorted({tuple(normalise(w).split()) for w in words}, key=len, reverse=True))


GREETINGS = _phrases(_GREETINGS)
OPENERS = _phrases(_OPENERS)
CLOSERS = _phrases(_CLOSERS)


def strip_fillers(tokens: Tokens) -> list[Tokens]:
    """`tokens` less and less padded: without hesitations, greetings and closers; then also without
    the request's opener. Never empty; the same `tokens` once if there is nothing to strip."""
    kept = [token for token in tokens.tokens if token.norm not in HESITATIONS]
    kept = _strip(kept, GREETINGS, CLOSERS)
    light = kept
    kept = _strip(kept, OPENERS + GREETINGS, CLOSERS)
    versions: list[Tokens] = []
    for version in (light, kept):
        if version and (not versions or tuple(version) != versions[-1].tokens):
            versions.append(Tokens(tokens.words, tuple(version)))
    return versions or [tokens]


def _strip(kept: list[Token], heads: tuple[tuple[str, ...], ...], tails: tuple[tuple[str, ...], ...]) -> list[Token]:
    changed = True
    while changed:
        changed = False
        norms = tuple(t.norm for t in kept)
        for phrase in heads:
            if len(norms) > len(phrase) and norms[: len(phrase)] == phrase:
                kept = kept[len(phrase) :]
                changed = True
                break
        norms = tuple(t.norm for t in kept)
        for phrase in tails:
            if len(norms) > len(phrase) and norms[-len(phrase) :] == phrase:
                kept = kept[: -len(phrase)]
                changed = True
                break
    return kept
