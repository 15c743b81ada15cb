"""Changes waiting to be written: replayed over any stored document, bounded in memory."""

from __future__ import annotations

import threading

from mairie.alexa.pending import Patch, PendingStates, diff, unseen_diff

STORED = {"playback": {"token": "a", "offset_ms": 1}, "visits": 3, "rate": "lent"}


def test_a_diff_replayed_over_the_stored_document_gives_the_new_one() -> None:
    after = {"playback": {"token": "a", "offset_ms": 99}, "visits": 3}
    change = diff(STORED, after)
    assert change == Patch({"playback": {"token": "a", "offset_ms": 99}}, frozenset({"rate"}))
    assert change.apply(STORED) == after
    assert STORED["playback"] == {"token": "a", "offset_ms": 1}, "the stored document is left alone"


def test_no_change_is_an_empty_patch() -> None:
    assert not diff(STORED, dict(STORED))


def test_a_change_made_without_seeing_the_store_only_touches_its_own_keys() -> None:
    earlier = Patch({"rate": "rapide"}, frozenset())
    state = earlier.apply({})
    state["playback"] = {"token": "b", "offset_ms": 5}
    del state["rate"]
    change = unseen_diff(earlier, state)
    assert change.apply(STORED) == {"playback": {"token": "b", "offset_ms": 5}, "visits": 3}


def test_an_applied_patch_is_a_copy_later_changes_do_not_reach() -> None:
    change = Patch({"playback": {"token": "a", "offset_ms": 7}})
    document = change.apply({})
    document["playback"]["offset_ms"] = 8
    assert change.apply({}) == {"playback": {"token": "a", "offset_ms": 7}}


def test_the_least_recently_changed_users_go_first_past_the_capacity() -> None:
    pending = PendingStates(capacity=3)
    for key in ("u1", "u2", "u3"):
        pending.put(key, Patch({"visits": 1}))
    pending.put("u1", Patch({"visits": 2}))
    pending.put("u4", Patch({"visits": 1}))
    assert len(pending) == 3
    assert pending.get("u2") is None
    assert pending.get("u1") == Patch({"visits": 2})
    pending.discard("u1")
    pending.discard("absent")
    assert (len(pending), pending.get("u1")) == (2, None)


def test_the_default_capacity_bounds_memory_under_many_threads() -> None:
    pending = PendingStates()

    def fill(start: int) -> None:
        for index in range(start, start + 600):
            pending.put(f"user{index}", Patch({"visits": index}))

    threads = [threading.Thread(target=fill, args=(n * 600,)) for n in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(pending) == 1000
