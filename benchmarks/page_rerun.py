"""How long a page's rerun takes, as a ratio to a trivial Streamlit script in the same run.

Both go through AppTest, so its fixed overhead is in the baseline too. Run with
the full example and a 10x larger workbook. Prints milliseconds and ratios.

    python benchmarks/page_rerun.py
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["WORKBOOK_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-")

from streamlit.testing.v1 import AppTest  # noqa: E402

from benchmarks.pdf_build import ten_times  # noqa: E402
from workbook import store  # noqa: E402
from workbook.files import import_json  # noqa: E402
from workbook.model import new_id  # noqa: E402

PAGES = ["views/welcome.py", "views/about_me.py", "views/values.py", "views/hormone.py",
         "views/general.py", "views/my_questions.py", "views/export.py"]
BASELINE = "import streamlit as st\nst.title('Baseline')\nst.checkbox('A box')\n"


def median_run(at: AppTest, runs: int = 15) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        at.run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    baseline = median_run(AppTest.from_string(BASELINE, default_timeout=30).run())
    print(f"baseline (trivial script)  {baseline * 1000:6.1f} ms")
    full = import_json((ROOT / "examples" / "full.json").read_bytes())
    big = ten_times(full)
    big.id = new_id()  # stored beside the full example
    for label, wb in (("full example", full), ("10x workbook", big)):
        store.create(wb)
        for page in PAGES:
            at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30)
            at.query_params["wb"] = wb.id
            at.run()
            at.switch_page(page).run()
            took = median_run(at)
            print(f"{label:13} {page:24} {took * 1000:6.1f} ms  {took / baseline:5.1f}x baseline")


if __name__ == "__main__":
    main()
