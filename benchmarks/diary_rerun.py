"""How long the diary page ("How I have been") reruns with two years of weekly check-ins,
as a ratio to the About me page in the same run (issue 11: within 3x).

Both pages run through AppTest on the same saved workbook, their runs alternate (a busy
machine slows both alike), and the median of each is compared. The workbook is the full
example with 104 weekly check-ins (every symptom rated, notes on some) and its medicines.
The diary page opens on "Last 8 weeks" (as a person sees it first); `--all` times it
with "Everything" chosen too.

    python benchmarks/diary_rerun.py [--runs N] [--target 3] [--all]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from content.library import load_library  # noqa: E402
from workbook.files import import_json  # noqa: E402
from workbook.model import CheckIn, Workbook, new_id  # noqa: E402

APP = str(ROOT / "app.py")
WEEKS = 104


def two_years(wb: Workbook, today: dt.date) -> Workbook:
    """The same person after two years of weekly check-ins (ratings that wander 0-4)."""
    big = wb.snapshot()
    big.id = new_id()
    symptoms = [s.id for s in load_library().diary.symptoms]
    checkins = []
    for week in range(WEEKS):
        day = today - dt.timedelta(weeks=WEEKS - 1 - week)
        ratings = {s: (week + 3 * n) % 5 if (week + n) % 3 else 0 for n, s in enumerate(symptoms)}
        notes = (
            f"Week {week + 1}: tired after the clinic day, better by the weekend." if week % 4 == 0 else ""
        )
        checkins.append(CheckIn(day=day, ratings=ratings, interference=week % 5, notes=notes))
    big.checkins = checkins
    return big


def _at(workbook_id: str, page: str) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60)
    at.query_params["wb"] = workbook_id
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _time(at: AppTest) -> float:
    start = time.perf_counter()
    at.run()
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--target", type=float, default=3.0)
    parser.add_argument("--all", action="store_true", help="also time the diary with 'Everything' shown")
    args = parser.parse_args()
    os.environ["WORKBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="diary-bench-")
    from workbook import store  # reads the data folder from the environment

    full = import_json((ROOT / "examples" / "full.json").read_bytes())
    big = two_years(full, dt.datetime.now(dt.UTC).date())
    store.create(big)
    diary, about = _at(big.id, "views/diary.py"), _at(big.id, "views/about_me.py")
    rows = [("diary (last 8 weeks)", diary)]
    if args.all:
        everything = _at(big.id, "views/diary.py")
        period = next(
            w for w in everything.get("button_group") if w.label == load_library().t("diary.period_label")
        )
        period.set_value("all").run()
        rows.append(("diary (everything)", everything))
    times: dict[str, list[float]] = {name: [] for name, _ in rows}
    base: list[float] = []
    for _ in range(args.runs):
        base.append(_time(about))
        for name, at in rows:
            times[name].append(_time(at))
    about_ms = statistics.median(base) * 1000
    print(f"{len(big.checkins)} check-ins; About me median {about_ms:.0f} ms over {args.runs} runs")
    worst = 0.0
    for name, samples in times.items():
        ms = statistics.median(samples) * 1000
        ratio = ms / about_ms
        worst = max(worst, ratio)
        flag = "" if ratio <= args.target else f"  ABOVE {args.target}x"
        print(f"{name:24} {ms:7.0f} ms  {ratio:4.2f}x About me{flag}")
    return 0 if worst <= args.target else 1


if __name__ == "__main__":
    sys.exit(main())
