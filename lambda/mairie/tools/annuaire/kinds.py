"""The kinds of public counter the importer writes into the catalogue, by directory type code.

A catalogue entry needs a spoken name with its article and a grammatical gender, which the directory
does not give; so only the counters residents ask a city hall about are imported, each with its
name written once here. The codes are the directory's `type_service_local` values (the mapping of
`MTES-MCT/acceslibre`, `erp/imports/mapper/service_public.py`). A record of any other type is listed
in the report, not imported: staff add it by hand if residents ask for it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Kind:
    slug: str
    """The start of the entry's id: « mairie » → « mairie-fontaine-le-port »."""
    name: str
    """Spoken, with its article: « la mairie »; the town follows (« la mairie de Fontaine-le-Port »)."""
    kind: str
    """The catalogue's `type`, singular, no article."""
    feminine: bool
    plural: str | None = None
    """The catalogue's `type_pluriel` when it is not `kind` + « s »."""
    synonyms: tuple[str, ...] = ()


KINDS: dict[str, Kind] = {
    "mairie": Kind("mairie", "la mairie", "mairie", True),
    "mairie_com": Kind("mairie", "la mairie", "mairie", True),
    "paris_mairie": Kind("mairie", "la mairie", "mairie", True),
    "ccas": Kind(
        "ccas",
        "le centre communal d'action sociale",
        "centre communal d'action sociale",
        False,
        "centres communaux d'action sociale",
        ("le CCAS",),
    ),
    "msap": Kind(
        "france-services", "l'espace France services", "espace France services", False, "espaces France services"
    ),
    "france_travail": Kind(
        "france-travail", "l'agence France Travail", "agence France Travail", True, "agences France Travail"
    ),
    "pole_emploi": Kind(
        "france-travail", "l'agence France Travail", "agence France Travail", True, "agences France Travail"
    ),
    "mission_locale": Kind("mission-locale", "la mission locale", "mission locale", True, "missions locales"),
    "caf": Kind(
        "caf",
        "la caisse d'allocations familiales",
        "caisse d'allocations familiales",
        True,
        "caisses d'allocations familiales",
        ("la CAF",),
    ),
    "cpam": Kind(
        "cpam",
        "la caisse primaire d'assurance maladie",
        "caisse primaire d'assurance maladie",
        True,
        "caisses primaires d'assurance maladie",
        ("la CPAM",),
    ),
    "commissariat_police": Kind("commissariat", "le commissariat de police", "commissariat", False),
    "gendarmerie": Kind("gendarmerie", "la gendarmerie", "gendarmerie", True),
    "sip": Kind(
        "impots",
        "le service des impôts des particuliers",
        "service des impôts",
        False,
        "services des impôts",
        ("le centre des impôts",),
    ),
    "tresorerie": Kind("tresorerie", "la trésorerie", "trésorerie", True),
    "prefecture": Kind("prefecture", "la préfecture", "préfecture", True),
    "sous_pref": Kind("sous-prefecture", "la sous-préfecture", "sous-préfecture", True),
    "cio": Kind(
        "cio",
        "le centre d'information et d'orientation",
        "centre d'information et d'orientation",
        False,
        "centres d'information et d'orientation",
        ("le CIO",),
    ),
    "pmi": Kind(
        "pmi",
        "le centre de protection maternelle et infantile",
        "centre de protection maternelle et infantile",
        False,
        "centres de protection maternelle et infantile",
        ("la PMI",),
    ),
    "point_justice": Kind("point-justice", "le point-justice", "point-justice", False, "points-justice"),
}


def kind_of(codes: tuple[str, ...]) -> Kind | None:
    """The first of a record's type codes that the importer knows (a record can be « cg » and « mairie »)."""
    return next((KINDS[code] for code in codes if code in KINDS), None)
