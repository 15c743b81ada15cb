"""Reading Alexa's answers: the history's phrases to review, the profiler's intent and slot ids, and
when Alexa and the local resolver agree."""

from __future__ import annotations

import json
from pathlib import Path

from mairie.tools.resolution import Resolution, ResolvedSlot, ResolvedValue
from mairie.tools.smapi.history import read_page
from mairie.tools.smapi.phrases_todo import to_review
from mairie.tools.smapi.understanding import (
    SlotReading,
    Understanding,
    describe,
    differences,
    from_profile,
    from_resolution,
)

RECORDINGS = Path(__file__).resolve().parents[2] / "fixtures" / "smapi"
PROFILES = json.loads((RECORDINGS / "profile_nlu.json").read_text(encoding="utf-8"))


def page(number: int) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((RECORDINGS / f"intent_requests_page{number}.json").read_text("utf-8"))
    return loaded


def test_a_history_page_gives_its_phrases_and_the_next_token() -> None:
    phrases, token = read_page(page(1))
    assert token == "page-2"
    assert [p.text for p in phrases][:2] == ["est-ce que la ludothèque est ouverte", "les horaires du musée"]
    assert phrases[2].intent == "IsOpenIntent" and phrases[2].confidence == "LOW" and phrases[2].slots == ("facility",)
    last, none = read_page(page(2))
    assert none is None
    assert last[1].dialog_act == "Dialog.ElicitSlot"


def test_phrases_to_review_are_fallbacks_and_unsure_ones_once_each_in_the_locale() -> None:
    phrases = read_page(page(1))[0] + read_page(page(2))[0]
    assert [p.text for p in to_review(phrases, "fr-FR")] == [
        "est-ce que la ludothèque est ouverte",  # the same sentence with a capital is not listed twice
        "c'est quand la piscine",
        "blablabla truc machin",
        "je veux refaire mon passeport",
    ]


def test_the_profilers_intent_and_ids_are_read() -> None:
    pool = from_profile(PROFILES["est-ce que la piscine est ouverte"])
    assert pool == Understanding(
        "IsOpenIntent", {"facility": SlotReading("la piscine", ("piscine-aquazena", "piscine-sevestre"))}
    )  # the unfilled `date` slot is not a slot said
    unresolved = from_profile(PROFILES["je veux refaire mon passeport"])
    assert unresolved.slots == {"document": SlotReading("mon passeport", ())}
    assert describe(unresolved) == "IdProcedureIntent ; document = non reconnu (« mon passeport »)"


def test_resolved_values_wrapped_as_in_request_envelopes_are_read_too() -> None:
    answer = json.loads(json.dumps(PROFILES["à quelle heure ferme la mairie"]))
    authority = answer["selectedIntent"]["slots"]["facility"]["resolutions"]["resolutionsPerAuthority"][0]
    authority["values"] = [{"value": {"name": "mairie", "id": "mairie"}}]
    assert from_profile(answer).slots["facility"].ids == ("mairie",)


def test_agreement_compares_intents_ids_and_built_in_values() -> None:
    local = from_resolution(
        Resolution(
            "intent",
            "IsOpenIntent",
            {
                "facility": ResolvedSlot(
                    "facility",
                    "FACILITY",
                    "piscine",
                    "ER_SUCCESS_MATCH",
                    (ResolvedValue("piscine-sevestre", "s"), ResolvedValue("piscine-aquazena", "a")),
                ),
                "date": ResolvedSlot("date", "AMAZON.DATE", None),
            },
        )
    )
    assert differences(from_profile(PROFILES["est-ce que la piscine est ouverte"]), local) == []
    dated = Understanding("IsOpenIntent", {**local.slots, "date": SlotReading("2026-11-27", custom=False)})
    assert differences(dated, local) == ["date"]
    assert differences(Understanding("NextOpeningIntent", local.slots), local) == ["intent"]
    both_unknown = Understanding("IsOpenIntent", {"facility": SlotReading("la patinoire")})
    assert differences(both_unknown, Understanding("IsOpenIntent", {"facility": SlotReading("patinoire")})) == []
    assert describe(Understanding(None)) == "aucune intention"
