"""Widget keys are unique across the app: a key used on two pages is one widget to
Streamlit, so its value and callbacks leak between pages (a status radio shared by
every treatment page stored null and made workbooks unreadable)."""

from __future__ import annotations

import json
from collections import defaultdict

from tests.app.conftest import PAGES, fresh, goto

APP_WIDE = "app."  # drawn by app.py on every page on purpose (the keeper, conflict buttons)


def widget_keys(node) -> list[str]:
    """Every user key of a widget (or custom component) on the page, depth first."""
    found = []
    key = getattr(node, "key", None)
    if isinstance(key, str):
        found.append(key)
    proto = getattr(node, "proto", None)
    if getattr(node, "type", None) == "bidi_component" or type(node).__name__ == "UnknownElement":
        component_id = getattr(proto, "id", "") if proto is not None else ""
        if component_id:
            found.append(component_id.rsplit("-", 1)[-1])
    for child in getattr(node, "children", {}).values():
        found.extend(widget_keys(child))
    return found


def keys_by_page(at) -> dict[str, set[str]]:
    pages: dict[str, set[str]] = {}
    for page in PAGES:
        at = goto(at, page)
        pages[page] = set(widget_keys(at._tree))
    return pages


def test_no_widget_key_is_used_on_two_pages(saved_full):
    at = fresh(saved_full.id)
    owners: dict[str, list[str]] = defaultdict(list)
    for page, keys in keys_by_page(at).items():
        for key in keys:
            if not key.startswith(APP_WIDE):
                owners[key].append(page)
    shared = {key: pages for key, pages in owners.items() if len(pages) > 1}
    assert not shared, shared
    assert len(owners) > 100  # the walk really found the widgets


def test_every_treatment_page_has_its_own_status_notes_and_question_keys(saved_full):
    at = fresh(saved_full.id)
    for sid in ("hormone", "targeted", "general"):
        at = goto(at, f"views/{sid}.py")
        keys = widget_keys(at._tree)
        assert any(k.startswith(f"{sid}.status.") for k in keys)
        assert any(k.startswith(f"{sid}.notes.") for k in keys)


def _keeper_boxes(at) -> list[str]:
    for node in at._tree.children.values():
        for element in _walk(node):
            proto = getattr(element, "proto", None)
            if proto is not None and getattr(proto, "component_name", "") == "workbook_keeper":
                return json.loads(proto.json)["boxes"]
    raise AssertionError("the keeper is not on the page")


def _walk(node):
    yield node
    for child in getattr(node, "children", {}).values():
        yield from _walk(child)


def test_every_text_box_on_every_page_is_saved_while_typing(saved_full):
    """One helper for every text box: each text box is registered with the keeper."""
    at = fresh(saved_full.id)
    for page in PAGES:
        at = goto(at, page)
        _all_boxes_registered(at, page)
    at = goto(at, "views/my_questions.py")
    at.get("button_group")[0].set_value("after").run()  # my question list, after the visit
    _all_boxes_registered(at, "views/my_questions.py (after the visit)")


def _all_boxes_registered(at, page: str) -> None:
    boxes = set(_keeper_boxes(at))
    typed = {w.key for w in [*at.text_area, *at.text_input] if not w.disabled}
    if page.endswith(("about_me.py", "hormone.py", "after the visit)")):
        assert typed, page  # these pages have text boxes: the walk must see them
    assert typed <= boxes, (page, typed - boxes)


def test_the_keeper_remembers_the_open_workbook_and_nothing_else(saved_full):
    from views.components import keeper

    at = fresh(saved_full.id)
    data = next(
        json.loads(e.proto.json)
        for e in _walk(at._tree)
        if getattr(getattr(e, "proto", None), "component_name", "") == "workbook_keeper"
    )
    assert data["remember"] == saved_full.id
    assert "fetch(" not in keeper._JS
    assert "innerHTML" not in keeper._JS
    assert "http" not in keeper._JS
