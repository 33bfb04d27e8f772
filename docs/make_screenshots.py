"""Screenshots of the main pages (desktop and phone) and page 1 of each PDF, for the README.

make docs        (needs Debian's chromium and poppler-utils' pdftoppm)
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from content.library import load_library  # noqa: E402
from pdf import Options, build_pdf  # noqa: E402
from tests.e2e.server import CHROMIUM, CHROMIUM_FLAGS, running_app, wait_idle  # noqa: E402
from workbook import store  # noqa: E402
from workbook.files import import_json  # noqa: E402

DOCS = ROOT / "docs"
PAGES = {
    "welcome": "",
    "about-me": "about_me",
    "hormone": "hormone",
    "my-questions": "my_questions",
    "export": "export",
}
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}


def page_shots(url: str, workbook_id: str) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        for size, (w, h) in WIDTHS.items():
            page = browser.new_page(viewport={"width": w, "height": h})
            for name, path in PAGES.items():
                page.goto(f"{url}/{path}?wb={workbook_id}")
                wait_idle(page)
                page.locator("h1").first.wait_for()
                page.screenshot(path=str(DOCS / f"page-{name}-{size}.png"))
            page.close()
        browser.close()


def pdf_shots(wb) -> None:
    lib = load_library()
    for document in ("questions", "summary", "caregiver"):
        data = build_pdf(wb, lib, Options(made_on=date(2026, 11, 25), document=document))
        with tempfile.TemporaryDirectory() as tmp:
            pdf = Path(tmp) / "doc.pdf"
            pdf.write_bytes(data)
            subprocess.run(
                [
                    "pdftoppm",
                    "-png",
                    "-r",
                    "70",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-singlefile",
                    str(pdf),
                    str(DOCS / f"pdf-{document}"),
                ],
                check=True,
            )


def main() -> None:
    wb = import_json((ROOT / "examples" / "full.json").read_bytes())
    pdf_shots(wb)
    with tempfile.TemporaryDirectory() as data_dir:
        import os

        os.environ[store.DATA_DIR_ENV] = data_dir
        store.create(wb)
        with running_app(Path(data_dir)) as url:
            page_shots(url, wb.id)


if __name__ == "__main__":
    main()
