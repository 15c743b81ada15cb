"""Only the generated parts of the interaction model change; the hand-written parts stay as they are."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

from catalogue_helpers import COMMUNE, write

from mairie.catalogue.loader import load_catalogue
from mairie.catalogue.slots import apply_catalogue_to_model, spoken_form, without_article


def hand_written() -> dict[str, Any]:
    return {
        "interactionModel": {
            "languageModel": {
                "invocationName": "ancien nom",
                "intents": [
                    {
                        "name": "OpeningHoursIntent",
                        "slots": [{"name": "facility", "type": "FACILITY"}],
                        "samples": ["horaires de {facility}"],
                    },
                    {
                        "name": "GuestIntent",
                        "slots": [{"name": "guest", "type": "PODCAST_GUEST"}],
                        "samples": ["{guest}"],
                    },
                    {"name": "AMAZON.StopIntent", "samples": []},
                ],
                "types": [
                    {"name": "SITUATION", "values": [{"id": "renouvellement", "name": {"value": "renouvellement"}}]},
                    {"name": "FACILITY", "values": [{"id": "old", "name": {"value": "vieux"}}]},
                    {"name": "PERSON", "values": [{"id": "moi", "name": {"value": "moi"}}]},
                ],
            },
            "dialog": {"intents": []},
        },
        "version": "1",
    }


def types_of(model: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    return {t["name"]: t["values"] for t in model["interactionModel"]["languageModel"]["types"]}


def test_only_generated_parts_change(minimal: Path) -> None:
    original = hand_written()
    kept = copy.deepcopy(original)
    model = apply_catalogue_to_model(original, load_catalogue(minimal))
    assert original == kept, "the input must not be modified"
    language = model["interactionModel"]["languageModel"]
    assert language["invocationName"] == "la mairie de testville"
    assert language["intents"] == kept["interactionModel"]["languageModel"]["intents"]
    assert model["interactionModel"]["dialog"] == {"intents": []} and model["version"] == "1"
    # FACILITY replaced where it stood; PODCAST_GUEST (used by a slot, absent) appended; unused ones not added.
    assert [t["name"] for t in language["types"]] == ["SITUATION", "FACILITY", "PERSON", "PODCAST_GUEST"]
    types = types_of(model)
    assert types["SITUATION"] == kept["interactionModel"]["languageModel"]["types"][0]["values"]
    assert types["FACILITY"] == [
        {"id": "piscine", "name": {"value": "piscine", "synonyms": ["la piscine"]}},
        {"id": "mairie", "name": {"value": "hôtel de ville", "synonyms": ["l'hôtel de ville"]}},
    ]
    assert types["PODCAST_GUEST"] == []


def test_generated_types_from_content() -> None:
    model = hand_written()
    language = model["interactionModel"]["languageModel"]
    language["types"] += [
        {"name": name, "values": []} for name in ("FACILITY_KIND", "DOCUMENT_TYPE", "EPISODE", "CITY_NAME")
    ]
    types = types_of(apply_catalogue_to_model(model, load_catalogue(COMMUNE)))
    kinds = {v["id"]: (v["name"]["value"], v["name"]["synonyms"]) for v in types["FACILITY_KIND"]}
    assert kinds == {
        "service municipal": ("services municipaux", ["service municipal"]),
        "mairie": ("mairies", ["mairie"]),
        "médiathèque": ("médiathèques", ["médiathèque", "bibliothèque", "bibliothèques"]),
        "piscine": ("piscines", ["piscine"]),
        "musée": ("musées", ["musée"]),
        "parc": ("parcs", ["parc"]),
    }
    mediatheque = next(v for v in types["FACILITY"] if v["id"] == "mediatheque-centre-ville")
    assert mediatheque["name"]["value"] == "médiathèque centre-ville"
    assert mediatheque["name"]["synonyms"][:2] == ["la médiathèque centre-ville", "la médiathèque"]
    pools = [v["id"] for v in types["FACILITY"] if "la piscine" in v["name"].get("synonyms", [])]
    assert pools == ["piscine-aquazena", "piscine-sevestre"]
    assert [(v["id"], v["name"]["value"]) for v in types["DOCUMENT_TYPE"]] == [
        ("carte-identite", "carte nationale d'identité"),
        ("passeport", "passeport"),
    ]
    assert types["EPISODE"][0] == {
        "id": "metamorphoses:depardon",
        "name": {"value": "l'architecte est le héros d'aujourd'hui", "synonyms": ["raymond depardon", "depardon"]},
    }
    assert types["PODCAST_GUEST"][1] == {
        "id": "metamorphoses:maas",
        "name": {"value": "winy maas", "synonyms": ["maas"]},
    }
    city = types["CITY_NAME"][0]
    assert (city["id"], city["name"]["value"]) == ("city", "issy")
    # « l'histoire d'Issy », « la ville d'Issy »: elided forms, since a slot stands between spaces
    assert {"issy-les-moulineaux", "d'issy", "la ville d'issy", "la commune d'issy-les-moulineaux"} <= set(
        city["name"]["synonyms"]
    )


def test_output_is_deterministic_and_idempotent() -> None:
    catalogue = load_catalogue(COMMUNE)
    once = apply_catalogue_to_model(hand_written(), catalogue)
    twice = apply_catalogue_to_model(once, catalogue)
    assert json.dumps(once, ensure_ascii=False) == json.dumps(twice, ensure_ascii=False)


def test_spoken_forms() -> None:
    assert spoken_form("Métamorphoses : Issy se [ré]invente") == "métamorphoses issy se réinvente"
    assert spoken_form("Salwa & Selma Mikou") == "salwa et selma mikou"
    assert spoken_form("L’Île « Saint-Germain », 92130.") == "l'île saint-germain 92130"
    assert without_article("l'hôtel de ville") == "hôtel de ville"
    assert without_article("Le Musée") == "Musée"
    assert without_article("la") == "la"


def test_duplicate_synonyms_are_dropped(minimal: Path) -> None:
    text = (
        (minimal / "facilities.yaml")
        .read_text()
        .replace(
            "    type: piscine\n", "    type: piscine\n    synonymes: [La Piscine, piscine, « piscine », Aquazena]\n"
        )
    )
    write(minimal, "facilities.yaml", text)
    types = types_of(apply_catalogue_to_model(hand_written(), load_catalogue(minimal)))
    assert types["FACILITY"][0]["name"] == {"value": "piscine", "synonyms": ["la piscine", "aquazena"]}


def test_synonyms_also_come_without_their_article_or_possessive() -> None:
    from mairie.catalogue.slots import slot_value

    entry = slot_value("carte-identite", "carte nationale d'identité", ["ma carte d'identité", "la CNI", "l'identité"])
    assert entry["name"]["synonyms"] == [
        "ma carte d'identité",
        "carte d'identité",
        "la cni",
        "cni",
        "l'identité",
        "identité",
    ]
