"""Trend charts for the diary: each symptom over time, treatment starts marked, the same numbers as a table.

Streamlit's bundled Vega-Lite (st.altair_chart) draws the chart in the page; nothing
is fetched from anywhere. The table beside it (st.table, a plain HTML table) is
for screen readers and for anyone who prefers numbers.
"""

from __future__ import annotations

import datetime as dt
import functools
import json

import altair as alt
import pandas as pd  # type: ignore[import-untyped]
import streamlit as st

from content.library import Library
from views import session
from views.session import t
from workbook import diary, labels
from workbook.model import Workbook

WIDTH = 290
PERIODS = {"weeks8": 56, "months6": 183, "all": None}
Rows = tuple[tuple[dt.date, str, int], ...]  # (day, symptom name, rating 0-4)
Starts = tuple[tuple[dt.date, str], ...]  # (day, treatment name)


def _start(period: str, today: dt.date) -> dt.date | None:
    days = PERIODS.get(period)
    return None if days is None else today - dt.timedelta(days=days)


def charts(wb: Workbook, lib: Library, today: dt.date) -> None:
    d = lib.diary
    st.header(t("diary.charts_heading"))
    if not wb.checkins:
        st.caption(t("diary.charts_none"))
        return
    period = (
        st.segmented_control(
            t("diary.period_label"),
            list(PERIODS),
            default="weeks8",
            required=True,
            format_func=lambda p: t(f"diary.period_{p}"),
            key=session.key("diary.period"),
        )
        or "weeks8"
    )
    start = _start(period, today)
    rows = [
        (day, d.label(sid), rating)
        for sid, points in diary.series(wb).items()
        for day, rating in points
        if start is None or day >= start
    ]
    if not rows:
        st.caption(t("diary.charts_none_period"))
        return
    # Only symptoms that were there at some point: a flat line of "None" tells nothing.
    present = {symptom for _, symptom, rating in rows if rating > 0}
    if not present:
        st.caption(t("diary.charts_all_none"))
    else:
        starts = tuple(
            (day, name) for day, name in diary.treatment_starts(wb) if start is None or day >= start
        )
        words = tuple(d.scale_word(rating) for rating in range(len(d.scale)))
        texts = tuple(t(f"diary.{k}") for k in ("table_day", "table_rating", "table_mark", "started"))
        shown = tuple(row for row in rows if row[1] in present)
        st.vega_lite_chart(json.loads(_spec(shown, starts, words, texts)), width="stretch")
        st.caption(t("diary.chart_help"))
    _table(wb, lib, start)


@functools.lru_cache(maxsize=16)
def _spec(rows: Rows, starts: Starts, words: tuple[str, ...], texts: tuple[str, ...]) -> str:
    """The chart as Vega-Lite JSON. Altair builds and validates it in tens of milliseconds, and
    the page reruns on every tap, so it is built once per set of numbers and words."""
    spec = _chart(rows, starts, words, texts).to_dict()
    spec.pop("config", None)  # Altair's default theme sizes; Streamlit's theme applies instead
    return json.dumps(spec)


def _chart(rows: Rows, starts: Starts, words: tuple[str, ...], texts: tuple[str, ...]) -> alt.FacetChart:
    day_title, rating_title, mark_title, started = texts
    data = pd.DataFrame(rows, columns=["day", "symptom", "rating"])
    data = data.assign(
        word=data["rating"].map(lambda r: words[r] if 0 <= r < len(words) else str(r)), kind="rating", what=""
    )
    symptoms = list(dict.fromkeys(data["symptom"]))
    marks = pd.DataFrame(
        [(day, s, None, "", "start", started.format(name=name)) for day, name in starts for s in symptoms],
        columns=["day", "symptom", "rating", "word", "kind", "what"],
    )
    both = pd.concat([data, marks], ignore_index=True) if not marks.empty else data
    both["day"] = pd.to_datetime(both["day"])
    x = alt.X("day:T", title=None, axis=alt.Axis(format="%d %b", labelAngle=0))
    line = (
        alt.Chart()
        .transform_filter(alt.datum.kind == "rating")
        .mark_line(point=True)
        .encode(
            x=x,
            y=alt.Y(
                "rating:Q", title=None, scale=alt.Scale(domain=[0, 4]), axis=alt.Axis(values=[0, 1, 2, 3, 4])
            ),
            tooltip=[
                alt.Tooltip("day:T", title=day_title, format="%d %b %Y"),
                alt.Tooltip("word:N", title=rating_title),
            ],
        )
    )
    rule = (
        alt.Chart()
        .transform_filter(alt.datum.kind == "start")
        .mark_rule(strokeDash=[4, 3], color="#b00020")
        .encode(x=x, tooltip=[alt.Tooltip("what:N", title=mark_title)])
    )
    return (
        alt.layer(line, rule, data=both)
        # A fixed width that fits a 390 px phone: a faceted chart cannot follow its container.
        .properties(height=60, width=WIDTH)
        .facet(
            row=alt.Row(
                "symptom:N",
                title=None,
                sort=symptoms,
                header=alt.Header(labelAngle=0, labelOrient="top", labelAnchor="start", labelFontSize=13),
            ),
        )
        .resolve_scale(x="shared")
    )


def _table(wb: Workbook, lib: Library, start: dt.date | None) -> None:
    """The same numbers: one row per check-in, one column per symptom rated in the period."""
    d = lib.diary
    shown = [c for c in diary.ordered(wb.checkins) if start is None or c.day >= start]
    ids = list(dict.fromkeys(sid for c in shown for sid in c.ratings))
    header = [t("diary.table_day"), *(d.label(s) for s in ids), t("diary.table_interference")]
    body = [
        [
            labels.long_date(c.day),
            *(f"{c.ratings[s]} {d.scale_word(c.ratings[s])}" if s in c.ratings else "" for s in ids),
            f"{c.interference} {d.interference_word(c.interference)}" if c.interference is not None else "",
        ]
        for c in reversed(shown)
    ]
    with st.expander(t("diary.table_heading"), expanded=False):
        st.table(pd.DataFrame(body, columns=header).set_index(header[0]))
