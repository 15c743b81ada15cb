"""Echo Show screens: APL only for devices that declare it, and documents that use only the data given."""

from __future__ import annotations

import copy
import json
import re
from dataclasses import replace
from typing import Any

import pytest

from mairie.alexa.respond import play_directive
from mairie.alexa.screens import DOCUMENT
from mairie.catalogue.current import get_catalogue
from mairie.domain.playlist import episode_track
from tests.skill.envelopes import directives, intent, send, session_attributes, slot, speech

RENDER = "Alexa.Presentation.APL.RenderDocument"
MAIRIE = [slot("facility", "la mairie", "mairie", "FACILITY")]
PASSPORT = [
    slot("document", "passeport", "passeport", "DOCUMENT_TYPE"),
    slot("person", "moi", "moi", "PERSON"),
    slot("age", "40"),
]
SCREENS = {
    "hours": ("WeekHoursIntent", MAIRIE),
    "checklist": ("IdProcedureIntent", PASSPORT),
    "episodes": ("ListEpisodesIntent", []),
}

# --- A checker for APL data-binding: every ${...} path must exist in what the skill sends ---------

_EXPRESSION = re.compile(r"\$\{([^}]*)\}")
_STRING = re.compile(r"'[^']*'|\"[^\"]*\"")
_PATH = re.compile(r"[A-Za-z_]\w*(?:\.[A-Za-z_]\w*)*")
_LITERALS = {"true", "false", "null"}


def _resolve(root: Any, path: list[str]) -> bool:
    node = root
    for key in path:
        if not isinstance(node, dict) or key not in node:
            return False
        node = node[key]
    return True


def _value(root: Any, path: list[str]) -> Any:
    for key in path:
        root = root[key]
    return root


def _paths(text: str) -> list[list[str]]:
    found = []
    for expression in _EXPRESSION.findall(text):
        for path in _PATH.findall(_STRING.sub("", expression)):
            if path not in _LITERALS:
                found.append(path.split("."))
    return found


def unbound_references(document: dict[str, Any], datasources: dict[str, Any]) -> list[str]:
    """Each `${…}` path that is not in the datasources (`payload.…`) or in every item of the enclosing data."""
    parameters = document["mainTemplate"]["parameters"]
    assert parameters == ["payload"]
    problems: list[str] = []

    def check_text(text: str, items: list[Any] | None) -> None:
        for path in _paths(text):
            root, rest = path[0], path[1:]
            if root == "payload" and _resolve(datasources, rest):
                continue
            if root == "data" and items and all(_resolve(item, rest) for item in items):
                continue
            problems.append(".".join(path))

    def walk(node: Any, items: list[Any] | None) -> None:
        if isinstance(node, str):
            check_text(node, items)
        elif isinstance(node, list):
            for child in node:
                walk(child, items)
        elif isinstance(node, dict):
            child_items = items
            if isinstance(node.get("data"), str):
                check_text(node["data"], items)
                paths = _paths(node["data"])
                known = bool(paths) and paths[0][0] == "payload" and _resolve(datasources, paths[0][1:])
                bound = _value(datasources, paths[0][1:]) if known else None
                child_items = bound if isinstance(bound, list) else None
            for key, value in node.items():
                if key != "data":
                    walk(value, child_items if key in ("items", "item") else items)

    walk(document["mainTemplate"], None)
    return problems


def render(result: dict[str, Any]) -> list[dict[str, Any]]:
    return [d for d in directives(result) if d["type"] == RENDER]


# --- Tests ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("screen", SCREENS)
def test_a_screen_is_sent_only_to_devices_with_apl(screen: str, user: str) -> None:
    name, slots = SCREENS[screen]
    assert render(send(intent(name, slots, user=user, device="audio"))) == []
    assert render(send(intent(name, slots, user=user, device="voice"))) == []
    shown = render(send(intent(name, slots, user=user, device="screen")))
    assert len(shown) == 1


@pytest.mark.parametrize("screen", SCREENS)
def test_the_document_is_valid_json_and_uses_only_the_data_it_is_given(screen: str, user: str) -> None:
    name, slots = SCREENS[screen]
    directive = render(send(intent(name, slots, user=user, device="screen")))[0]
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    assert directive["document"] == document
    assert document["type"] == "APL"
    assert unbound_references(directive["document"], directive["datasources"]) == []
    assert directive["datasources"]["screen"]["rows"]


def test_the_checker_finds_a_reference_to_missing_data() -> None:
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    datasources = {"screen": {"title": "t", "subtitle": "s", "footer": "f", "rows": [{"label": "l", "detail": "d"}]}}
    assert unbound_references(document, datasources) == ["data.highlighted", "data.highlighted"]
    broken = copy.deepcopy(document)
    broken["mainTemplate"]["items"][0]["items"][0]["text"] = "${payload.screen.nope}"
    datasources["screen"]["rows"][0]["highlighted"] = False
    assert unbound_references(broken, datasources) == ["payload.screen.nope"]


def test_the_hours_screen_shows_the_week_with_today_highlighted(user: str) -> None:
    directive = render(send(intent("WeekHoursIntent", MAIRIE, user=user, device="screen")))[0]
    screen = directive["datasources"]["screen"]
    assert screen["title"] == "La mairie"
    labels = [row["label"] for row in screen["rows"]]
    assert labels[0] == "Lundi 23 novembre"
    assert labels[-1] == "Dimanche 29 novembre"
    highlighted = [row for row in screen["rows"] if row["highlighted"]]
    assert [row["label"] for row in highlighted] == ["Jeudi 26 novembre (aujourd'hui)"]
    assert highlighted[0]["detail"] == "8 h 30 – 19 h"
    assert screen["rows"][-1]["detail"] == "Fermée"
    assert "à titre d'exemple" in screen["footer"]


def test_the_checklist_screen_lists_the_documents_the_resident_hears(user: str) -> None:
    answer = send(intent("IdProcedureIntent", PASSPORT, user=user, device="screen"))
    screen = render(answer)[0]["datasources"]["screen"]
    assert screen["title"] == "Le passeport"
    assert screen["subtitle"] == "Documents à apporter"
    assert [row["label"] for row in screen["rows"]][:2] == ["1.", "2."]
    assert screen["footer"].startswith("Coût : ")
    assert "86 euros" in screen["footer"]


def test_the_episode_screen_lists_every_episode(user: str) -> None:
    screen = render(send(intent("ListEpisodesIntent", user=user, device="screen")))[0]["datasources"]["screen"]
    assert screen["title"] == "Métamorphoses, Issy se réinvente"
    assert [row["label"] for row in screen["rows"]] == ["Épisode 1", "Épisode 2"]
    assert all(row["highlighted"] is False for row in screen["rows"])


@pytest.mark.usefixtures("confirmed_audio")
def test_playing_audio_sends_no_screen_but_the_player_metadata(user: str) -> None:
    result = send(intent("PlayPodcastIntent", user=user, device="screen"))
    found = directives(result)
    assert [d["type"] for d in found] == ["AudioPlayer.Play"]
    metadata = found[0]["audioItem"]["metadata"]
    assert metadata["subtitle"] == "Métamorphoses, Issy se réinvente"
    assert metadata["title"]


def test_a_hours_answer_without_a_known_facility_shows_nothing(user: str) -> None:
    unknown = [slot("facility", "le stade", None, "FACILITY")]
    assert render(send(intent("WeekHoursIntent", unknown, user=user, device="screen"))) == []


def test_the_player_shows_the_series_art_when_the_catalogue_has_one() -> None:
    catalogue = get_catalogue()
    series = replace(catalogue.podcasts[0], image_url="https://www.example.org/metamorphoses.png")
    episode = series.episodes[0]
    directive = play_directive(episode_track(replace(series, episodes=(replace(episode, image_url=None),)), episode))
    metadata = directive.audio_item.metadata
    assert metadata.title == episode.title
    assert metadata.subtitle == series.title
    assert [source.url for source in metadata.art.sources] == ["https://www.example.org/metamorphoses.png"]
    assert metadata.art.content_description == episode.title


def test_every_hours_card_shows_the_address_phone_and_site_the_catalogue_has(user: str) -> None:
    shown = 0
    for facility in get_catalogue().facilities:
        said = [slot("facility", facility.name, facility.id, "FACILITY")]
        card = send(intent("IsOpenIntent", said, user=user))["response"]["card"]
        for fact in (facility.address, facility.phone):
            if fact:
                assert fact in card["content"], facility.id
                shown += 1
        if facility.website and not facility.example:
            assert facility.website in card["content"], facility.id
    assert shown > 0


def test_the_about_card_links_to_the_city_website(user: str) -> None:
    card = send(intent("AboutCityIntent", user=user))["response"]["card"]
    assert get_catalogue().city.website in card["content"]


def _apl_up_to(event: dict[str, Any], max_version: str) -> dict[str, Any]:
    event["context"]["System"]["device"]["supportedInterfaces"]["Alexa.Presentation.APL"] = {
        "runtime": {"maxVersion": max_version}
    }
    return event


def test_the_highlight_is_the_background_of_a_frame_the_only_component_that_has_one() -> None:
    document = json.loads(DOCUMENT.read_text(encoding="utf-8"))
    holders: list[str] = []

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if "backgroundColor" in node:
                holders.append(str(node.get("type")))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for child in node:
                walk(child)

    walk(document["mainTemplate"])
    assert holders == ["Frame"]


def test_a_device_whose_apl_is_older_than_the_document_gets_the_answer_without_a_screen(user: str) -> None:
    version = json.loads(DOCUMENT.read_text(encoding="utf-8"))["version"]
    assert version == "1.1"  # Container, Frame, Sequence and Text: what the first Echo Show renders
    recent = send(_apl_up_to(intent("WeekHoursIntent", MAIRIE, user=user, device="screen"), "2024.1"))
    assert len(render(recent)) == 1
    older = send(_apl_up_to(intent("WeekHoursIntent", MAIRIE, user=user, device="screen"), "1.0"))
    assert render(older) == []
    assert "mairie" in speech(older)
    assert older["response"]["card"]["title"]


def test_yes_to_the_documents_offer_shows_the_checklist(user: str) -> None:
    first = send(intent("IdProcedureIntent", PASSPORT, user=user, device="screen"))
    attributes = session_attributes(first)
    assert attributes["procedure"]["offer"] == "documents"
    yes = send(intent("AMAZON.YesIntent", user=user, device="screen", session_attributes=attributes))
    assert render(yes)[0]["datasources"]["screen"]["subtitle"] == "Documents à apporter"


@pytest.mark.usefixtures("confirmed_audio")  # example audio is never streamed
def test_yes_that_starts_a_podcast_after_a_procedure_sends_no_checklist(user: str) -> None:
    first = send(intent("IdProcedureIntent", PASSPORT, user=user, device="screen"))
    attributes = session_attributes(first)
    attributes["procedure"]["offer"] = None  # the procedure's offer was answered; then an episode was offered
    question = "Voulez-vous l'écouter ?"
    attributes["offer_episode"] = {"value": "podcast:metamorphoses:depardon", "ask": question}
    attributes["last_answer"] = {"text": f"L'épisode 1 parle de photographie. {question}", "ask": question}
    yes = send(intent("AMAZON.YesIntent", user=user, device="screen", session_attributes=attributes))
    assert [d["type"] for d in directives(yes)] == ["AudioPlayer.Play"]
