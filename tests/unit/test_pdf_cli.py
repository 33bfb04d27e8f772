import subprocess
import sys
from pathlib import Path

import pytest

from tests.pdf_text import pdf_text

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pdf", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_default_is_the_full_summary(tmp_path):
    out = tmp_path / "out.pdf"
    result = run("examples/full.json", "-o", str(out), "--date", "2026-11-25")
    assert result.returncode == 0, result.stderr
    assert "full summary" in pdf_text(out.read_bytes())


@pytest.mark.parametrize(
    "extra",
    [
        ["--document", "questions", "--paper", "a4", "--large-print"],
        ["--document", "caregiver"],
        ["--no-notes"],
    ],
)
def test_options(tmp_path, extra):
    out = tmp_path / "out.pdf"
    assert run("examples/full.json", "-o", str(out), *extra).returncode == 0
    assert out.read_bytes().startswith(b"%PDF")


def test_blank_list(tmp_path):
    out = tmp_path / "blank.pdf"
    assert run("--blank", "--modality", "surgery", "-o", str(out)).returncode == 0
    assert "Surgery" in pdf_text(out.read_bytes())


@pytest.mark.parametrize(
    "content", [b"not json", b"[]", b'{"schema_version": 99}', b'{"schema_version": "x"}', b"{}"]
)
def test_invalid_workbook_exits_2_with_one_line_and_writes_nothing(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    out = tmp_path / "out.pdf"
    result = run(str(bad), "-o", str(out))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "Traceback" not in result.stderr
    assert not out.exists()


def test_missing_file_and_bad_arguments_exit_2(tmp_path):
    assert run(str(tmp_path / "nope.json"), "-o", str(tmp_path / "o.pdf")).returncode == 2
    assert run("-o", str(tmp_path / "o.pdf")).returncode == 2
    result = run("examples/full.json", "-o", str(tmp_path / "o.pdf"), "--paper", "tabloid")
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1


def test_html_twin_and_layout_options(tmp_path):
    out = tmp_path / "out.html"
    assert run("examples/full.json", "-o", str(out), "--document", "questions", "--html").returncode == 0
    assert out.read_bytes().startswith(b"<!DOCTYPE html>")
    assert b'lang="en"' in out.read_bytes()
    pdf = tmp_path / "grouped.pdf"
    assert (
        run("examples/full.json", "-o", str(pdf), "--document", "questions", "--by-treatment").returncode == 0
    )
    assert "Hormone therapy" in pdf_text(pdf.read_bytes())
    blank = tmp_path / "blank.pdf"
    assert run("--blank", "--modality", "radiation", "--answer-lines", "-o", str(blank)).returncode == 0
