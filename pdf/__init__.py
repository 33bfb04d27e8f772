"""Documents: `build_pdf(workbook, library, Options(...)) -> bytes`, and `build_html` for
the accessible twin; `build_blocks` gives the document model both are rendered from."""

from pdf.build import Options, build_blocks, build_html, build_pdf

__all__ = ["Options", "build_blocks", "build_html", "build_pdf"]
