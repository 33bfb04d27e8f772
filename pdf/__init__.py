"""PDF exports: `build_pdf(workbook, library, Options(...)) -> bytes`."""

from pdf.build import DOCUMENTS, Options, build_pdf

__all__ = ["DOCUMENTS", "Options", "build_pdf"]
