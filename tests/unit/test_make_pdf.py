"""`make pdf` runs the PDF command with the venv's Python, from any folder."""

import subprocess
from pathlib import Path

from pypdf import PdfReader

ROOT = Path(__file__).resolve().parents[2]


def test_make_pdf_builds_a_blank_list(tmp_path):
    out = tmp_path / "list.pdf"
    done = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "pdf", f"PDF_ARGS=--blank --modality radiation -o {out}"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert len(PdfReader(out).pages) >= 1


def test_make_pdf_alone_prints_the_arguments():
    done = subprocess.run(["make", "-s", "-C", str(ROOT), "pdf"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0
    assert "--document" in done.stdout
    assert "--blank" in done.stdout


def test_make_pdf_passes_on_a_bad_workbook_as_a_failure(tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("{not json")
    done = subprocess.run(
        ["make", "-s", "-C", str(ROOT), "pdf", f"PDF_ARGS={bad} -o {tmp_path / 'x.pdf'}"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode != 0
    assert not (tmp_path / "x.pdf").exists()
