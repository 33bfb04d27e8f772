"""The full summary with two years of weekly check-ins, against today's full summary (issue 11).

Baseline, measured in the same run: the full example's summary as it was before
the diary joined it (the same workbook without check-ins, medicines or care team).
Target: the summary with 104 weekly check-ins (plus the example's medicines and
care team) builds within 2x the baseline. Prints ratios; exits 1 if missed.

    python benchmarks/pdf_diary.py
"""

from __future__ import annotations

import sys
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.pdf_build import OPTIONS, best_of
from content.library import load_library
from pdf import build_pdf
from pdf.fonts import register
from workbook import edits
from workbook.files import import_json
from workbook.model import Workbook

ROOT = Path(__file__).resolve().parents[1]
TARGET = 2.0


def two_years(wb: Workbook, symptoms: list[str]) -> Workbook:
    """Weekly check-ins for 104 weeks up to the document's date, every symptom rated."""
    big = wb.snapshot()
    big.checkins = []
    for n in range(104):
        edits.add_checkin(
            big,
            day=OPTIONS.made_on - timedelta(weeks=103 - n),
            ratings={sid: (n + 3 * i) % 5 for i, sid in enumerate(symptoms)},
            interference=n % 5,
            notes="Felt a bit better after the weekend. " * 3,
        )
    return big


def main() -> int:
    register()
    lib = load_library()
    full = import_json((ROOT / "examples" / "full.json").read_bytes())
    before = full.snapshot()
    before.checkins, before.medicines, before.care_team = [], [], []
    diary = two_years(full, [s.id for s in lib.diary.symptoms])
    base, ours = best_of(lambda: build_pdf(before, lib, OPTIONS), lambda: build_pdf(diary, lib, OPTIONS))
    ratio = ours / base
    print(f"summary before the diary {base * 1000:7.1f} ms")
    print(f"with two years of diary  {ours * 1000:7.1f} ms  ratio {ratio:4.2f}x (target {TARGET}x)")
    ok = ratio <= TARGET
    print("target met" if ok else "TARGET MISSED")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
