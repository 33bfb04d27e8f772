"""Blocks -> one self-contained HTML file (placeholder until the HTML step)."""

from __future__ import annotations

from pdf.blocks import Document


def render_html(doc: Document, large_print: bool = False) -> str:
    raise NotImplementedError
