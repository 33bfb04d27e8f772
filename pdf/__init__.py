"""PDF exports: `build_pdf(workbook, library, Options(...)) -> bytes`."""

from pdf.build import Options, build_pdf

__all__ = ["Options", "build_pdf"]
