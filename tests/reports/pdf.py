"""Test helpers for documents: PDF -> text (pdftotext -layout) and PNG pages (pdftoppm), and a check
that no table runs off the page, on WeasyPrint's own layout boxes."""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ARTIFACTS = Path(__file__).resolve().parent.parent.parent / "data" / "test-artifacts"


def pdf_text(pdf: bytes) -> str:
    """The PDF's text, laid out as on the page (``pdftotext -layout``)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(
            ["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True
        )
    return out.stdout.decode("utf-8")


def pdf_pages(pdf: bytes) -> int:
    """Number of pages (from ``pdfinfo``)."""
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfinfo", str(path)], check=True, capture_output=True, text=True)
    for line in out.stdout.splitlines():
        if line.startswith("Pages:"):
            return int(line.split()[1])
    raise AssertionError("pdfinfo printed no page count")


def pdf_to_png(pdf: bytes, out_dir: Path, *, prefix: str = "page", dpi: int = 60) -> list[Path]:
    """Render every page to ``out_dir/prefix-N.png`` with ``pdftoppm``; returns the files in order."""
    out_dir.mkdir(parents=True, exist_ok=True)
    for old in out_dir.glob(f"{prefix}-*.png"):
        old.unlink()
    source = out_dir / f"{prefix}.pdf"
    source.write_bytes(pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", str(dpi), str(source), str(out_dir / prefix)], check=True
    )
    return sorted(out_dir.glob(f"{prefix}-*.png"), key=lambda p: int(p.stem.rsplit("-", 1)[1]))


def _boxes(box: Any) -> Iterator[Any]:
    yield box
    for child in getattr(box, "children", ()) or ():
        yield from _boxes(child)


OFF_PAGE_BOXES = {
    "TableBox",
    "TableCellBox",
    "TableRowBox",
    "BlockReplacedBox",
    "InlineReplacedBox",
}
"""Tables, their rows and cells, and replaced boxes (the SVG charts, images)."""


def tables_off_page(document: Any) -> list[str]:
    """Tables (rows, cells) and charts that pass the page's content box, per page: the right edge
    (too wide) or the bottom edge (a row or chart taller than what is left of the page).

    ``document`` is WeasyPrint's rendered document (``HTML(...).render()``, or
    ``kinerja.reports.pdf.render_document``). Returns a description of each offender (empty: fine).
    """
    problems = []
    for number, page in enumerate(document.pages, 1):
        root = page._page_box
        content_right = root.content_box_x() + root.width
        content_bottom = root.content_box_y() + root.height
        for box in _boxes(root):
            name = type(box).__name__
            if name not in OFF_PAGE_BOXES:
                continue
            right = box.position_x + box.margin_width()
            bottom = box.position_y + box.margin_height()
            if right > content_right + 0.5:  # half a CSS pixel of rounding
                problems.append(f"page {number}: {name} ends at {right:.1f} > {content_right:.1f}")
            if bottom > content_bottom + 0.5:
                problems.append(
                    f"page {number}: {name} ends at y {bottom:.1f} > {content_bottom:.1f}"
                )
    return problems


def right_margin_blank(png: Path, *, margin_fraction: float = 0.06) -> bool:
    """Whether the rightmost ``margin_fraction`` of the page image is blank (white)."""
    from PIL import Image

    with Image.open(png) as image:
        grey = image.convert("L")
        width, height = grey.size
        strip = grey.crop((int(width * (1 - margin_fraction)), 0, width, height))
        return strip.getextrema()[0] >= 250
