"""How long each page's rerun takes, as a ratio to a trivial Streamlit script in the same run.

Every page of app.py's navigation (read from the app's own st.navigation call), for the
full example and for a workbook ten times larger. Both the page and the trivial script go
through AppTest, so its fixed overhead is in the baseline too, and their runs alternate,
so a busy machine slows both alike. Prints a table; pages above the target are flagged
and the exit status is 1.

A running server compiles each script once (one ScriptCache per server) and reruns the
compiled code; AppTest makes a new ScriptCache for every run, so it would count compiling
app.py and the page (about 10 ms for app.py alone) in every rerun, a cost nobody waits
for. So one cache is shared by all runs here, as in the server, for the pages and the
baseline alike; `--compile-each-run` measures the old way.

    python benchmarks/page_rerun.py [--runs N] [--target 15] [--compile-each-run]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402
import streamlit.testing.v1.app_test as _app_test  # noqa: E402
import streamlit.testing.v1.local_script_runner as _local_runner  # noqa: E402
from streamlit.logger import get_logger  # noqa: E402
from streamlit.runtime.scriptrunner.script_cache import ScriptCache  # noqa: E402
from streamlit.testing.v1 import AppTest  # noqa: E402

from content.library import load_library  # noqa: E402
from workbook import edits, store  # noqa: E402
from workbook.files import import_json  # noqa: E402
from workbook.model import Workbook, new_id  # noqa: E402

BASELINE = "import streamlit as st\nst.title('Baseline')\nst.checkbox('A box')\n"
TIMEOUT = 60
# How a person asks again: their own follow-ups, not copies with a counter.
FOLLOW_UPS = (
    "Coming back to this: {q}",
    "{q} Has anything changed since last time?",
    "Could you go over this again? {q}",
    "{q} What would change your answer?",
    "My daughter asked me to check: {q}",
    "{q} Is that still true with my new scan?",
    "Asking again after my last visit: {q}",
    "{q} What should I watch for?",
    "One more time, in plain words: {q}",
)


def ten_times(wb: Workbook) -> Workbook:
    """The same person after many visits: every question followed up nine times, with the
    answers the first one got, and ten times the notes and own words."""
    big = wb.snapshot()
    big.id = new_id()  # stored beside the original
    for sid, section in big.sections.items():
        for q in list(section.questions):
            for template in FOLLOW_UPS:
                copy = edits.add_own_question(big, sid, template.format(q=q.text))
                for answer in q.answers:
                    edits.record_answer(big, copy.id, answer.appointment_id, answer.text)
        if section.notes.strip():
            section.notes = "\n\n".join([section.notes] * 10)
    for field in ("side_effects_to_avoid", "in_my_words"):
        text = getattr(big.values, field)
        if text.strip():
            setattr(big.values, field, "\n\n".join([text] * 10))
    if big.profile.treatments_so_far.strip():
        big.profile.treatments_so_far = "\n".join([big.profile.treatments_so_far] * 10)
    return big


def app_pages(workbook_id: str) -> list[tuple[str, str]]:
    """(title, path relative to the project) of every page app.py hands to st.navigation."""
    seen: list[tuple[str, str]] = []
    real = st.navigation

    def recording(pages, *args, **kwargs):
        groups = pages.values() if isinstance(pages, dict) else [pages]
        seen[:] = [
            (p.title, _relative(p._page)) for group in groups for p in group if isinstance(p._page, Path)
        ]
        return real(pages, *args, **kwargs)

    st.navigation = recording  # type: ignore[misc]  # recorded, then put back
    try:
        _open(workbook_id)
    finally:
        st.navigation = real  # type: ignore[misc]
    return seen


def _relative(page: Path) -> str:
    path = page if page.is_absolute() else ROOT / page
    return path.resolve().relative_to(ROOT).as_posix()


def _open(workbook_id: str, page: str | None = None) -> AppTest:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=TIMEOUT)
    at.query_params["wb"] = workbook_id
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def _timed(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


def measure(at: AppTest, baseline: AppTest, runs: int) -> tuple[float, float, float]:
    """Median page rerun, median baseline rerun, and the median of each pair's ratio.

    Runs alternate, baseline then page: a pair shares the machine's load of that moment,
    which the other helpers' tests on a shared machine make uneven."""
    for _ in range(2):  # warm caches on both sides
        at.run(), baseline.run()
    page_times, base_times = [], []
    for _ in range(runs):
        base_times.append(_timed(baseline))
        page_times.append(_timed(at))
    ratios = [p / b for p, b in zip(page_times, base_times, strict=True)]
    return statistics.median(page_times), statistics.median(base_times), statistics.median(ratios)


def problem(at: AppTest) -> str:
    """A page that failed would look fast: say so in the table."""
    if at.exception:
        return "exception"
    failed = load_library().t("app.error")
    return "shows an error" if any(e.value == failed for e in at.error) else ""


def compile_once() -> None:
    """Every AppTest run from here on reuses one compiled copy of each script, as the server does."""
    shared = ScriptCache()
    for module in (_app_test, _local_runner):  # both make their own for every run
        module.ScriptCache = lambda: shared  # type: ignore[attr-defined]


def main(argv: list[str] | None = None) -> int:
    # AppTest's set-up outside a script run warns each time; the table is what matters here.
    get_logger("streamlit.runtime.scriptrunner_utils.script_run_context").addFilter(
        lambda record: "missing ScriptRunContext" not in record.getMessage()
    )
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--runs", type=int, default=15)
    p.add_argument("--target", type=float, default=15.0, help="highest ratio allowed")
    p.add_argument(
        "--compile-each-run",
        action="store_true",
        help="compile app.py and the page on every run (AppTest's own way)",
    )
    args = p.parse_args(argv)
    if not args.compile_each_run:
        compile_once()
    os.environ["WORKBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-")  # never the person's own
    full = import_json((ROOT / "examples" / "full.json").read_bytes())
    big = ten_times(full)
    for wb in (full, big):
        store.create(wb)
    baseline = AppTest.from_string(BASELINE, default_timeout=TIMEOUT).run()
    pages = app_pages(full.id)
    if not pages:  # the app failed before its navigation: nothing would be measured
        print("app.py registered no pages (it failed at start?); nothing measured", file=sys.stderr)
        return 2
    questions = sum(len(s.questions) for s in big.sections.values())
    print(f"{len(pages)} pages; 10x workbook: {questions} questions; {args.runs} alternating runs each\n")
    print(f"| {'workbook':12} | {'page':22} | {'page ms':>8} | {'trivial ms':>10} | {'ratio':>6} | |")
    print(f"|{'-' * 14}|{'-' * 24}|{'-' * 10}|{'-' * 12}|{'-' * 8}|---|")
    over = []
    for label, wb in (("full example", full), ("10x workbook", big)):
        for title, path in pages:
            at = _open(wb.id, path)
            took, base, ratio = measure(at, baseline, args.runs)
            flag = f"OVER {args.target:g}x" if ratio > args.target else ""
            note = ", ".join(x for x in (flag, problem(at)) if x)
            if flag:
                over.append(f"{label}: {title}")
            print(
                f"| {label:12} | {title[:22]:22} | {took * 1000:8.1f} | {base * 1000:10.1f} | "
                f"{ratio:5.1f}x | {note} |",
                flush=True,
            )
    print(f"\n{len(over)} page(s) above {args.target:g}x" + (": " + "; ".join(over) if over else ""))
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())
