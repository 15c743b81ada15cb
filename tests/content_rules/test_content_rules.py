"""The city's own `content/`, checked by rules that hold for any content (`rules.py`), never by its facts."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from mairie.catalogue.loader import load_catalogue
from mairie.tools.build import run_build
from tests.commune import COMMUNE
from tests.content_rules import rules

CONTENT = rules.ROOT / "content"


@pytest.fixture(scope="module")
def city() -> Iterator[rules.CityUnderTest]:
    with rules.city_under_test(CONTENT) as opened:
        yield opened


def test_the_content_validates() -> None:
    assert rules.validation_problems(CONTENT) == []


def test_the_generated_files_are_up_to_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert run_build(CONTENT, rules.ROOT, check=True) == 0, capsys.readouterr().out


def test_the_interaction_model_builds() -> None:
    assert rules.model_problems(CONTENT) == []


def test_the_feeds_publish_no_example_and_invent_no_owner() -> None:
    assert rules.feed_leaks(load_catalogue(CONTENT)) == []


def test_every_facility_is_understood_by_its_name_and_each_synonym(city: rules.CityUnderTest) -> None:
    assert rules.facilities_not_understood(city) == []


def test_every_episode_and_magazine_issue_can_be_asked_for(city: rules.CityUnderTest) -> None:
    assert rules.media_not_reachable(city) == []


def test_every_first_sentence_is_short(city: rules.CityUnderTest) -> None:
    assert rules.long_first_sentences(city) == []


def test_every_promise_gets_a_real_answer(city: rules.CityUnderTest) -> None:
    phrases = rules.promises(city.catalogue)
    assert len(phrases) >= 8, phrases
    assert rules.promises_not_kept(city) == []


def test_the_rules_catch_a_name_another_facility_already_answers_to(tmp_path: Path) -> None:
    """On a broken copy of the fixture commune: the facility rule reports exactly the facility concerned."""
    broken = tmp_path / "content"
    shutil.copytree(COMMUNE, broken)
    with (broken / "facilities.yaml").open("a", encoding="utf-8") as file:
        file.write("\n  - id: hotel-de-ville\n    nom: l'hôtel de ville\n    genre: masculin\n    type: mairie\n")
    with rules.city_under_test(broken) as city:
        failures = rules.facilities_not_understood(city)
    assert failures == [
        "hotel-de-ville: « l'hôtel de ville » → IsOpenIntent ['mairie', 'hotel-de-ville']: "
        "Laquelle : la mairie ou l'hôtel de ville ?"
    ]
