"""Every script prints (pdf/fonts.py, pdf/scripts.py): fonts embedded, CJK drawn from the embedded
TrueType font, Hebrew and Arabic shaped and right to left; metadata, viewer hints, outline."""

from __future__ import annotations

import io
import shutil
import subprocess
import unicodedata
from datetime import date
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from pypdf import PdfReader

from pdf import Options, build_pdf
from pdf.blocks import Document, Para
from pdf.fonts import cjk_path
from pdf.render_pdf import render
from pdf.scripts import visual
from tests.nasty import NASTY
from tests.pdf_text import pdf_text
from workbook import edits as E
from workbook.model import Workbook

DAY = date(2026, 11, 25)
SCRIPTS = [
    "中文",
    "日本語",
    "ひらがな",
    "한국어",
    "עברית",
    "العربية",
    "Zażółć",
    "Ελληνικά",
    "Русский",
    "Tiếng Việt",
]


def need(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: .ci/run installs poppler-utils")
    return path


def every_script() -> Workbook:
    wb = Workbook()
    E.update_profile(wb, name=" ".join(SCRIPTS), treatments_so_far=NASTY[13])
    for text in [*SCRIPTS, NASTY[10], NASTY[11], NASTY[12], NASTY[13]]:
        q = E.add_own_question(wb, "general", text)
    E.set_star(wb, q.id, True)
    return wb


def test_the_cjk_font_is_installed_by_the_project():
    assert cjk_path() is not None, "fonts-wqy-microhei is missing: .ci/run installs it (pdf/fonts/README.md)"


@pytest.mark.parametrize("document", ["questions", "summary", "caregiver", "blank"])
@pytest.mark.parametrize("large", [False, True])
def test_every_font_is_embedded(tmp_path, library, document, large):
    wb = None if document == "blank" else every_script()
    path = tmp_path / "doc.pdf"
    path.write_bytes(build_pdf(wb, library, Options(made_on=DAY, document=document, large_print=large)))
    out = subprocess.run([need("pdffonts"), str(path)], capture_output=True, text=True, check=True).stdout
    rows = out.splitlines()[2:]
    assert rows, out
    for row in rows:
        name, emb = row.split()[0], row.split()[-5]
        assert emb == "yes", row
        assert "Helvetica" not in name, row
        assert "STSong" not in name, row
    if document != "blank":
        assert any("WenQuanYi" in r for r in rows), out


def ink_image(tmp_path: Path, text: str, name: str) -> Image.Image:
    doc = Document(title="t", subject="s", author="a", lang="en", blocks=(Para(text),), page_label="")
    pdf = tmp_path / f"{name}.pdf"
    pdf.write_bytes(render(doc)[0])
    subprocess.run(
        [
            need("pdftoppm"),
            "-gray",
            "-r",
            "100",
            "-png",
            "-singlefile",
            "-y",
            "0",
            "-H",
            "160",
            str(pdf),
            str(tmp_path / name),
        ],
        check=True,
    )
    return Image.open(tmp_path / f"{name}.png").convert("L")


def ink(img: Image.Image) -> int:
    return sum(img.point(lambda v: 255 if v < 128 else 0).histogram()[255:])


def test_cjk_korean_and_kana_render_as_real_glyphs_not_boxes(tmp_path):
    """Empty boxes look alike; real glyphs differ from each other and have ink."""
    chars = ["中", "文", "日", "本", "한", "국", "ひ", "カ"]
    images = {c: ink_image(tmp_path, c, f"c{ord(c):x}") for c in chars}
    blank = ink_image(tmp_path, " ", "blank")
    for c, img in images.items():
        assert ink(ImageChops.darker(img, img)) > ink(blank) + 20, c
    for a in chars:
        for b in chars:
            if a < b:
                diff = ImageChops.difference(images[a], images[b])
                assert diff.getbbox() is not None, (a, b)
    text = pdf_text(render(Document("t", "s", "a", "en", (Para("".join(chars)),), page_label=""))[0])
    assert "".join(chars) in "".join(text.split())


def test_a_glyph_no_font_has_prints_the_visible_replacement(tmp_path):
    img = ink_image(tmp_path, "\U0001f397", "emoji")
    assert ink(img) > ink(ink_image(tmp_path, " ", "blank")) + 20


def test_hebrew_is_laid_out_right_to_left_and_arabic_is_joined():
    assert visual("שלום") == "םולש"
    assert visual("abc שלום def") == "abc םולש def"
    assert visual("abc שלום 123") == "abc 123 םולש"  # digits join the Hebrew run (Unicode bidi rule N1)
    arabic = visual("سلام")
    assert all(0xFE70 <= ord(ch) <= 0xFEFF for ch in arabic)  # joined presentation forms
    assert "".join(unicodedata.normalize("NFKC", ch) for ch in arabic[::-1]) == "سلام"  # display order
    assert visual("plain text") == "plain text"


def test_right_to_left_text_comes_back_out_of_the_pdf(library):
    wb = Workbook()
    E.add_own_question(wb, "general", "שלום עולם")
    E.add_own_question(wb, "general", "مرحبا بالعالم")
    text = unicodedata.normalize(
        "NFKC", pdf_text(build_pdf(wb, library, Options(made_on=DAY, document="questions")))
    )
    squashed = "".join(text.split())
    assert "שלוםעולם" in squashed or "םלועםולש" in squashed
    for word in ("مرحبا", "بالعالم"):
        assert word in text or word[::-1] in text


def test_xmp_metadata_display_title_and_outline(full_wb, library):
    data = build_pdf(full_wb, library, Options(made_on=DAY, document="summary"))
    reader = PdfReader(io.BytesIO(data))
    xmp = reader.xmp_metadata
    assert xmp is not None
    assert xmp.dc_title["x-default"] == library.t("pdf.title_summary")
    assert xmp.dc_language == ["en"]
    root = reader.trailer["/Root"]
    assert (
        root["/ViewerPreferences"]["/DisplayDocTitle"] is True
        or str(root["/ViewerPreferences"]["/DisplayDocTitle"]) == "True"
    )
    titles = [o.title for o in reader.outline if not isinstance(o, list)]
    assert titles[0] == library.t("pdf.title_summary")
    nested = (
        [o.title for o in reader.outline[1] if not isinstance(o, list)]
        if isinstance(reader.outline[1], list)
        else []
    )
    assert library.t("pdf.about_heading") in nested
    assert full_wb.profile.name not in data.decode("latin-1").split("<x:xmpmeta")[1].split("</x:xmpmeta>")[0]


def test_the_quick_right_to_left_check_misses_no_letter():
    import sys

    from pdf.scripts import _RTL_BLOCKS

    rtl = [chr(cp) for cp in range(sys.maxunicode + 1) if unicodedata.bidirectional(chr(cp)) in ("R", "AL")]
    assert rtl
    assert all(_RTL_BLOCKS.match(ch) for ch in rtl)
