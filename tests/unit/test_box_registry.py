"""The boxes remembered beyond their session (views/box_registry.py)."""

from __future__ import annotations

from views import box_registry


def test_a_box_is_found_by_its_owner_and_key_only(monkeypatch):
    monkeypatch.setattr(box_registry, "_seen", type(box_registry._seen)())
    apply = lambda book, v: None  # noqa: E731
    box_registry.remember("owner-a", "notes.wb1.1", apply)
    assert box_registry.find("owner-a", "notes.wb1.1") is apply
    assert box_registry.find("owner-b", "notes.wb1.1") is None  # another session's token
    assert box_registry.find(None, "notes.wb1.1") is None
    assert box_registry.find(["owner-a"], "notes.wb1.1") is None  # whatever the browser sends


def test_the_oldest_boxes_go_first_when_full(monkeypatch):
    monkeypatch.setattr(box_registry, "_seen", type(box_registry._seen)())
    monkeypatch.setattr(box_registry, "LIMIT", 3)
    for name in ("k0", "k1", "k2", "k0", "k3"):  # k0 drawn again: newest, kept longer than k1
        box_registry.remember("o", name, lambda book, v: None)
    assert [box_registry.find("o", f"k{i}") is not None for i in range(4)] == [True, False, True, True]
