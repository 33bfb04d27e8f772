"""The keeper: saves what is typed in any text box within about a second of the
last keystroke, without leaving the box, and remembers which workbook this
browser used last.

Streamlit's own text boxes commit only when the person leaves the box (or
presses Ctrl+Enter), so a refresh or a closed tab lost what was typed. The
boxes stay Streamlit's (a real label, the keyboard, the value set as text):
the keeper only listens. For every box registered with the session (the one
helper, views/parts.text_field, registers them) it sends the box's text after
a pause, and at once when the box loses focus or the page is hidden. The
session saves it like a committed value (views/session.typed).

It also writes the open workbook's id into a cookie (`twb_last`, the opaque id
only, SameSite=Strict, this site only) when it is drawn and whenever the person
clicks or types in the tab, so the bare address reopens the workbook worked on last: the
first run of a new session reads it with st.context.cookies. Nothing is ever
fetched from anywhere; the JavaScript reads `.value` and never writes HTML.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from views import session

KEY = "app.keeper"
DELAY_MS = 1000  # a pause this long after the last keystroke sends the text
REMEMBER_DAYS = 400

_JS = """
export default function (component) {
  const { data, setTriggerValue } = component;
  const ctl = window.__workbookKeeper || (window.__workbookKeeper = {
    pending: new Map(), timer: null, send: null, boxes: new Map(), token: 0,
    delay: 1000, installed: false,
  });
  const token = ++ctl.token;
  const cfg = data || {};
  ctl.send = setTriggerValue;
  ctl.delay = cfg.delay || 1000;
  ctl.owner = String(cfg.owner || "");  // names the session that drew these boxes
  // Streamlit marks each keyed element with the class "st-key-" + the key, cleaned like this.
  ctl.boxes = new Map((cfg.boxes || []).map(
    (k) => ["st-key-" + String(k).trim().replace(/[^a-zA-Z0-9_-]/g, "-"), k]));
  // Written when the keeper is drawn and whenever the person clicks or types in this tab:
  // with two tabs open, the bare address reopens the one worked in last (a tab's page may
  // rerun without drawing the keeper anew).
  ctl.mark = () => {
    if (cfg.cookie && cfg.remember) {
      document.cookie = cfg.cookie + "=" + encodeURIComponent(cfg.remember) +
        "; path=/; max-age=" + cfg.maxAge + "; SameSite=Strict";
    }
  };
  if (cfg.cookie && cfg.remember) {
    ctl.mark();
  } else if (cfg.cookie && cfg.forget) {
    document.cookie = cfg.cookie + "=; path=/; max-age=0; SameSite=Strict";
  }
  // Every batch stays in this tab's sessionStorage (keyed by workbook id; the text never
  // leaves this tab on this computer) until a later run says the server received it: a
  // batch lost in a page switch, refresh or closed tab is sent again on the next run.
  ctl.wb = String(cfg.wb || "");
  const slot = () => "twb_keeper:" + ctl.wb;
  const load = () => {
    try {
      const kept = JSON.parse(window.sessionStorage.getItem(slot()) || "null");
      if (kept && typeof kept === "object" && kept.items) return kept;
    } catch (e) { /* storage off or damaged: keep going without it */ }
    return { seq: 0, items: {} };
  };
  const keep = (kept) => {
    try { window.sessionStorage.setItem(slot(), JSON.stringify(kept)); } catch (e) { /* full or off */ }
  };
  ctl.load = load;
  ctl.keep = keep;
  ctl.sendKept = (kept) => {
    const items = Object.values(kept.items);
    if (!ctl.send || items.length === 0) return;
    ctl.sentAt = Date.now();
    ctl.sentPage = location.pathname;
    ctl.send("typed", items.map((it) => (
      { key: it.key, value: it.value, seq: it.seq, wb: ctl.wb, owner: it.owner })));
    // Streamlit can drop a batch (a rerun that replaces the one carrying it) and the page
    // may then stay idle: try again after a wait, a few times only, so a batch the server
    // never confirms cannot keep the page rerunning. A run that confirms it clears it.
    clearTimeout(ctl.retry);
    ctl.retry = setTimeout(() => {
      const again = ctl.load();
      if (Object.keys(again.items).length && (ctl.retries || 0) < 5) {
        ctl.retries = (ctl.retries || 0) + 1;
        ctl.sendKept(again);
      }
    }, 1600);
  };
  ctl.flush = () => {
    clearTimeout(ctl.timer);
    ctl.timer = null;
    if (ctl.pending.size === 0) return;
    const kept = ctl.load();
    kept.seq = (Number(kept.seq) || 0) + 1;
    for (const item of ctl.pending.values()) {
      kept.items[item.key] = { key: item.key, value: item.value, seq: kept.seq, owner: item.owner };
    }
    ctl.keep(kept);
    if (!ctl.send) return;  // kept: the next run sends it
    ctl.pending.clear();
    ctl.sendKept(kept);
  };
  {
    const kept = load();
    const confirmed = Number(cfg.confirmed) || 0;
    let dropped = false;
    for (const [k, it] of Object.entries(kept.items)) {
      if (!(Number(it.seq) > confirmed)) { delete kept.items[k]; dropped = true; }
    }
    if (dropped) keep(kept);
    // Not yet received: send again. A batch sent just before a page switch can be dropped
    // by Streamlit (the switch's rerun replaces the one carrying it), and this run on the
    // new page is the first chance to know: send at once. On the same page a batch may
    // still be on its way: wait a little between tries instead of rerunning on every run.
    // The server applies a batch once (its seq), so sending it again is harmless.
    const waiting = Object.keys(kept.items).length > 0;
    if (!waiting) { ctl.retries = 0; clearTimeout(ctl.retry); }
    if (waiting && (location.pathname !== ctl.sentPage || Date.now() - (ctl.sentAt || 0) > 1500)) {
      setTimeout(() => ctl.sendKept(ctl.load()), 0);
    }
  }
  const boxOf = (el) => {
    if (!(el instanceof HTMLTextAreaElement || el instanceof HTMLInputElement)) return null;
    for (let node = el.parentElement; node; node = node.parentElement) {
      for (const cls of node.classList || []) {
        if (ctl.boxes.has(cls)) return ctl.boxes.get(cls);
      }
    }
    return null;
  };
  ctl.boxOf = boxOf;
  if (!ctl.installed) {
    ctl.installed = true;
    document.addEventListener("input", (event) => {
      const key = ctl.boxOf(event.target);
      if (!key) return;
      ctl.pending.set(key, { key: key, value: event.target.value, owner: ctl.owner });
      clearTimeout(ctl.timer);
      ctl.timer = setTimeout(() => ctl.flush(), ctl.delay);
    }, true);
    document.addEventListener("focusout", (event) => {
      if (ctl.boxOf(event.target)) ctl.flush();
    }, true);
    window.addEventListener("pagehide", () => ctl.flush());
    document.addEventListener("pointerdown", () => ctl.mark(), true);
    document.addEventListener("keydown", () => ctl.mark(), true);
    document.addEventListener("visibilitychange", () => {
      if (document.visibilityState === "hidden") ctl.flush();
    });
  }
  if (ctl.pending.size && !ctl.timer) ctl.timer = setTimeout(() => ctl.flush(), ctl.delay);
  return () => { if (ctl.token === token) ctl.send = null; };
}
"""

# Streamlit's "Press Enter to apply" hint is wrong here: every box saves as the person types.
_CSS = """
[data-testid='InputInstructions'] {
  display: none;
}
"""

_component = st.components.v2.component("workbook_keeper", js=_JS, css=_CSS, isolate_styles=False)


def _typed() -> None:
    state = st.session_state.get(KEY) or {}
    batch = state.get("typed") if hasattr(state, "get") else None
    if not isinstance(batch, list):
        return
    for item in batch[:50]:  # one pause sends a few boxes at most; never trust the size
        if isinstance(item, dict):
            session.typed(item.get("key"), item.get("value"), item.get("seq"), item.get("owner"))
            if item.get("wb") == session.workbook().id:
                session.confirm_typed(item["wb"], item.get("seq"))


def mount() -> None:
    """Once per run, after the page is drawn (so every text box is registered)."""
    data: dict[str, Any] = {
        "boxes": session.boxes(),
        "delay": DELAY_MS,
        "cookie": session.COOKIE,
        "maxAge": REMEMBER_DAYS * 86400,
        "wb": session.workbook().id,
        "owner": session.box_owner(),
        "confirmed": session.typed_confirmed(session.workbook().id),
    }
    if session.is_saved():
        data["remember"] = session.workbook().id
    elif session.flag("forget"):
        data["forget"] = True
    _component(key=KEY, data=data, height=0, on_typed_change=_typed)
