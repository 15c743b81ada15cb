"""`load_compiled` walks the JSON entry by entry: any valid layout, the same catalogue, shared values."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from catalogue_helpers import COMMUNE

from mairie.catalogue.compiled import FORMAT, dump_catalogue, load_compiled
from mairie.catalogue.loader import load_catalogue
from mairie.tools.bench_catalogue import scaled_catalogue


@pytest.fixture(scope="module")
def text() -> str:
    return dump_catalogue(scaled_catalogue(load_catalogue(COMMUNE), 2))


@pytest.mark.parametrize("indent", [None, 0, 2, "\t"], ids=["compact", "indent-0", "indent-2", "tabs"])
def test_any_json_layout_gives_the_same_catalogue(text: str, indent: int | str | None, tmp_path: Path) -> None:
    other = json.dumps(json.loads(text), indent=indent, ensure_ascii=True)
    path = tmp_path / "catalogue.json"
    path.write_text(other, encoding="utf-8")
    assert load_compiled(other) == load_compiled(path) == load_compiled(text)


def test_equal_strings_and_opening_hours_are_shared(text: str) -> None:
    catalogue = load_compiled(text)
    copy = next(f for f in catalogue.facilities if f.id.endswith("-2"))
    original = next(f for f in catalogue.facilities if f.id == copy.id.removesuffix("-2"))
    assert copy.name != original.name
    assert copy.kind is original.kind
    assert copy.weekly is original.weekly or copy.weekly is None


@pytest.mark.parametrize(
    "broken",
    ['{"format": 1, "facilities": [', '{"format": 1} trailing', '{"facilities": [1, 2] "x"}', "[]"],
    ids=["cut", "trailing", "no-comma", "not-an-object"],
)
def test_broken_json_is_refused(broken: str) -> None:
    with pytest.raises(ValueError, match="mairie build"):
        load_compiled(broken)


def test_another_format_is_refused_before_or_after_its_entries(text: str) -> None:
    data = json.loads(text)
    data["format"] = FORMAT + 1
    data["facilities"] = [{"nom": "ancien format"}]
    with pytest.raises(ValueError, match="mairie build"):
        load_compiled(json.dumps(data, sort_keys=True))
