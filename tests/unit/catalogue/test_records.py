"""`frozen_dataclass` behaves like `dataclass(frozen=True)`: same construction, equality, hash, repr, errors."""

from __future__ import annotations

import dataclasses
import functools
from typing import Any

import pytest

from mairie.catalogue.model import Catalogue, Facility, TimeRange
from mairie.catalogue.records import frozen_dataclass


def declare(decorator: Any) -> Any:
    @decorator(frozen=True)
    class Entry:
        id: str
        count: int
        tags: tuple[str, ...] = ()
        notes: list[str] = dataclasses.field(default_factory=list, compare=False, repr=False)

        @functools.cached_property
        def label(self) -> str:
            return f"{self.id}:{self.count}"

    return Entry


REAL, OURS = declare(dataclasses.dataclass), declare(frozen_dataclass)


@pytest.mark.parametrize("cls", [REAL, OURS], ids=["dataclass", "frozen_dataclass"])
def test_construction_defaults_and_fields(cls: Any) -> None:
    entry = cls("a", 1)
    assert (entry.id, entry.count, entry.tags, entry.notes) == ("a", 1, (), [])
    assert cls("a", count=1, tags=("x",)).tags == ("x",)
    assert [f.name for f in dataclasses.fields(cls)] == ["id", "count", "tags", "notes"]
    assert dataclasses.replace(entry, count=2) == cls("a", 2)
    assert dataclasses.asdict(entry) == {"id": "a", "count": 1, "tags": (), "notes": []}
    assert entry.label == "a:1"


def test_same_behaviour_as_a_dataclass() -> None:
    for args in (("a", 1), ("a", 1, ("x",)), ("b", 2, (), ["note"])):
        real, ours = REAL(*args), OURS(*args)
        assert repr(ours) == repr(real).replace(REAL.__qualname__, OURS.__qualname__)
        assert hash(ours) == hash(real)
        assert ours == OURS(*args)
    assert OURS("a", 1, (), ["one"]) == OURS("a", 1, (), ["other"])  # compare=False
    assert OURS("a", 1) != OURS("a", 2)
    assert OURS("a", 1) != REAL("a", 1)


@pytest.mark.parametrize("cls", [REAL, OURS], ids=["dataclass", "frozen_dataclass"])
def test_frozen_and_argument_errors(cls: Any) -> None:
    entry = cls("a", 1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        entry.count = 2
    with pytest.raises(dataclasses.FrozenInstanceError):
        del entry.id
    with pytest.raises(TypeError):
        cls("a")
    with pytest.raises(TypeError):
        cls("a", 1, count=2)
    with pytest.raises(TypeError):
        cls("a", 1, colour="bleu")
    with pytest.raises(TypeError):
        cls("a", 1, (), [], "extra")


def test_the_catalogue_model_uses_it_and_keeps_its_api() -> None:
    opening = TimeRange(opens=540, closes=720)
    assert opening == TimeRange(540, 720) and {opening, TimeRange(540, 720)} == {opening}
    with pytest.raises(dataclasses.FrozenInstanceError):
        opening.opens = 0  # type: ignore[misc]
    facility = Facility(id="mairie", name="la mairie", kind="mairie", feminine=True)
    assert dataclasses.replace(facility, hours_note="Sur rendez-vous.").hours_note == "Sur rendez-vous."
    catalogue = Catalogue(city=None, facilities=(facility,), procedures=(), magazine=None, podcasts=())  # type: ignore[arg-type]
    assert catalogue.facility("mairie") is facility and catalogue.facility("piscine") is None
    assert catalogue.indexes is catalogue.indexes  # built once, on first use
