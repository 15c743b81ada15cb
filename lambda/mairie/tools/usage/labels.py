"""French names, for city staff, of the features and outcomes the skill logs under English ids."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from mairie.tools.usage.summary import UNKNOWN_FEATURE, UsageSummary
from mairie.voice.french import say_full_date

FEATURES = {
    "hours": "Horaires des équipements",
    "facilities": "Adresse et téléphone des équipements",
    "procedures": "Démarches (carte d'identité, passeport)",
    "magazine": "Magazine municipal",
    "media": "Podcasts",
    "playback": "Lecture audio (pause, reprise…)",
    "launch": "Ouverture de la skill",
    "city": "Présentation de la ville",
    "speech_rate": "Débit de parole",
    "conversation": "Aide, répétition, oui, non, au revoir",
    "fallback": "Demandes non comprises",
    "privacy": "Désactivation de la skill",
    UNKNOWN_FEATURE: "Sans réponse (erreur)",
}
OUTCOMES = {
    "answered": "réponse donnée",
    "not_understood": "pas compris",
    "hours_unknown": "horaires inconnus",
    "facility_unknown": "équipement inconnu",
    "example_content": "réponse tirée d'un exemple",
    "error": "erreur",
    "refused": "refusée (autre skill)",
}

FacilityNames = Callable[[str], str | None]
"""A facility's name from its catalogue id (None when the catalogue does not have it)."""


def feature_name(feature: str) -> str:
    return FEATURES.get(feature, feature)


def outcome_name(outcome: str) -> str:
    return OUTCOMES.get(outcome, outcome)


def facility_label(facility_id: str, names: FacilityNames) -> str:
    """ "La médiathèque du centre-ville (mediatheque-centre-ville)", or the id alone."""
    name = names(facility_id)
    return f"{name[:1].upper()}{name[1:]} ({facility_id})" if name else facility_id


def week_label(monday: date) -> str:
    """ "semaine du 2 novembre 2026"."""
    return f"semaine du {say_full_date(monday, weekday=False, year=True)}"


def day_label(day: date) -> str:
    return say_full_date(day, weekday=False, year=True)


def period_label(summary: UsageSummary) -> str:
    """ "du 2 novembre 2026 au 29 novembre 2026", "le 26 novembre 2026", or the whole file."""
    first, last = summary.first, summary.last
    if first is None or last is None:
        return "sur toute la période du fichier"
    if first == last:
        return f"le {day_label(first)}"
    return f"du {day_label(first)} au {day_label(last)}"


def number(n: int) -> str:
    """1234 → "1 234" (French thousands separator, a narrow no-break space)."""
    return f"{n:,}".replace(",", "\u202f")


def percent(share: float) -> str:
    """0.125 → "12,5 %"."""
    return f"{share * 100:.1f}".replace(".", ",") + "\u00a0%"


def milliseconds(value: float) -> str:
    return f"{value:.1f}".replace(".", ",") + "\u00a0ms"
