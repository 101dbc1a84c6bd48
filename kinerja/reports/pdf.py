"""PDF rendering of document templates with WeasyPrint.

A document template extends ``reports/print_base.html``; :func:`render_pdf` renders it with Django's
template engine and lays it out with WeasyPrint on A4 (210 x 297 mm) or F4/folio (215 x 330 mm, the
folio size Indonesian offices print on [S]).
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation

from kinerja.accounts.selectors import holds_sample_data
from kinerja.organisations.models import Organisation


@dataclass(frozen=True)
class Paper:
    key: str
    label: str
    width_mm: int
    height_mm: int

    @property
    def css_size(self) -> str:
        return f"{self.width_mm}mm {self.height_mm}mm"


PAPERS: dict[str, Paper] = {
    "A4": Paper("A4", "A4 (210 × 297 mm)", 210, 297),
    "F4": Paper("F4", "F4 / folio (215 × 330 mm)", 215, 330),
}
"""Paper sizes a document may be printed on; A4 is the default."""

MARGINS_MM = {"top": 20, "right": 20, "bottom": 20, "left": 25}
"""Page margins: a wider left margin for binding, as in office documents [D]."""


def paper_for(key: str) -> Paper:
    """The paper named ``key`` ("A4" or "F4", case-insensitive; "folio" is F4); ``ValueError`` else."""
    normalised = (key or "").strip().upper()
    if normalised == "FOLIO":
        normalised = "F4"
    try:
        return PAPERS[normalised]
    except KeyError:
        raise ValueError(f"unknown paper {key!r}; choose one of {', '.join(PAPERS)}") from None


def print_context(context: Mapping[str, Any], paper: str = "A4") -> dict[str, Any]:
    """The context a print template needs besides its own: the paper, the margins and whether the
    document is sample data (``sample_data``: the DATA CONTOH watermark of ``print_base.html``)."""
    chosen = paper_for(paper)
    return {**context, "paper": chosen, "margins": MARGINS_MM, "sample_data": is_sample(context)}


def is_sample(context: Mapping[str, Any]) -> bool:
    """Whether a document shows the DATA CONTOH mark: ``sample_data`` when the context says so, else
    whether its ``organisation`` holds sample data (every document names its organisation)."""
    if "sample_data" in context:
        return bool(context["sample_data"])
    organisation = context.get("organisation")
    return isinstance(organisation, Organisation) and holds_sample_data(organisation)


def render_html(template_name: str, context: Mapping[str, Any], *, paper: str = "A4") -> str:
    """The document's HTML as it goes to WeasyPrint (documents are Indonesian: rendered in ``id``)."""
    with translation.override("id"):
        return render_to_string(template_name, print_context(context, paper))


_local = threading.local()


def _font_config() -> Any:
    """This thread's WeasyPrint ``FontConfiguration``, made once and reused: Pango keeps the fonts
    it has loaded and measured in it, so the next document does not load them again (about a
    tenth of the layout time of the LKjIP). One per thread, as Pango's font map is not shared
    safely between threads."""
    config = getattr(_local, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _local.font_config = FontConfiguration()
    return config


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while WeasyPrint builds and paints the boxes.

    Laying out a document allocates hundreds of thousands of small objects, which triggers full
    collections that walk every object of the process (Django's included) again and again: a
    quarter of the CPU time of the LKjIP (bench/README.md). The boxes are freed by reference
    counting anyway; whatever cycles they leave are collected once the collector runs again.
    Only re-enabled when this call disabled it (another thread's render may still be running)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def render_document(template_name: str, context: Mapping[str, Any], *, paper: str = "A4") -> Any:
    """The laid-out WeasyPrint document (pages and boxes), e.g. to check the layout in tests."""
    from weasyprint import HTML  # imported late: WeasyPrint is heavy and only needed here

    html = render_html(template_name, context, paper=paper)
    with _collector_paused():
        return HTML(string=html, base_url=str(settings.BASE_DIR)).render(font_config=_font_config())


def render_pdf(template_name: str, context: Mapping[str, Any], *, paper: str = "A4") -> bytes:
    """Render ``template_name`` with ``context`` to PDF bytes on ``paper`` ("A4" or "F4")."""
    document = render_document(template_name, context, paper=paper)
    with _collector_paused():
        pdf: bytes = document.write_pdf()
    return pdf
