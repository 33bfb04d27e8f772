"""Command line: build a PDF (or its accessible HTML twin) from a workbook file, or a blank list.

    python -m pdf WORKBOOK.json -o OUT.pdf [--document questions|summary|caregiver|medicines]
                  [--paper letter|a4] [--large-print] [--no-notes] [--date YYYY-MM-DD]
                  [--by-treatment] [--html]
    python -m pdf --blank [--modality NAME] [--answer-lines] -o OUT.pdf

Exit 0 on success; exit 2 with one short line on stderr (and no file written)
when the input is not a valid workbook or the arguments are wrong.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import NoReturn

from content.library import SECTION_ORDER, load_library
from pdf.build import Options, build_html, build_pdf
from workbook.files import WorkbookFileError, import_json


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:  # one line, exit 2, no usage dump
        print(f"pdf: {message}", file=sys.stderr)
        raise SystemExit(2)


def _parser() -> argparse.ArgumentParser:
    p = _Parser(prog="python -m pdf", description="Build a workbook PDF.")
    p.add_argument("workbook", nargs="?", type=Path, help="workbook file (.json)")
    p.add_argument("-o", "--output", type=Path, required=True, help="where to write the PDF")
    p.add_argument(
        "--document", choices=("questions", "summary", "caregiver", "medicines"), default="summary"
    )
    p.add_argument("--paper", choices=("letter", "a4"), default="letter")
    p.add_argument("--large-print", action="store_true")
    p.add_argument("--no-notes", action="store_true", help="leave notes and answers out of the summary")
    p.add_argument("--blank", action="store_true", help="a blank question list; no workbook needed")
    p.add_argument("--modality", choices=SECTION_ORDER, help="with --blank: one section only")
    p.add_argument("--date", type=date.fromisoformat, default=None, help="date to print (default: today)")
    p.add_argument("--html", action="store_true", help="write the accessible HTML version instead")
    p.add_argument("--by-treatment", action="store_true", help="question list grouped by treatment page")
    p.add_argument(
        "--answer-lines", action="store_true", help="with --blank: answer lines under every question"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.blank == (args.workbook is not None):
        print("pdf: give a workbook file, or --blank, but not both", file=sys.stderr)
        return 2
    wb = None
    if args.workbook is not None:
        try:
            wb = import_json(args.workbook.read_bytes())
        except OSError as exc:
            print(f"pdf: cannot read {args.workbook}: {exc.strerror}", file=sys.stderr)
            return 2
        except WorkbookFileError as exc:
            print(f"pdf: {exc}", file=sys.stderr)
            return 2
    options = Options(
        made_on=args.date or date.today(),  # noqa: DTZ011 (the local day is the one to print)
        document="blank" if args.blank else args.document,
        paper=args.paper,
        large_print=args.large_print,
        include_notes=not args.no_notes,
        modality=args.modality,
        group_by_treatment=args.by_treatment,
        answer_lines=args.answer_lines,
    )
    data = (build_html if args.html else build_pdf)(wb, load_library(), options)
    try:
        args.output.write_bytes(data)
    except OSError as exc:
        print(f"pdf: cannot write {args.output}: {exc.strerror}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
