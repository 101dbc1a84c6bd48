"""The registry of official document kinds (JENIS): ``iku``, ``pk``, ``pengukuran``, ``lkjip``, ``skm``.

A kind declares how its data are gathered and how each format is written, nothing else::

    register_document(
        "lkjip",
        label="LKjIP",
        context=context,  # (*, user, organisation, year, quarter) -> data
        renderers={"pdf": pdf_template("reports/lkjip.html"), "docx": lkjip_docx, "xlsx": lkjip_xlsx},
    )

:func:`generate` is the one door of the command ``kinerja laporan``, the download pages and the SKM
page: it checks the format, paper and quarter, gathers the data once with the requesting user's
scope and hands them to the renderer of the format (:data:`FORMATS`: a renderer of a paged format
gets the paper, Excel does not), then marks sample data. The pdf/docx/xlsx switch lives here only.

The built-in kinds live in ``kinerja/reports/<kind>_document.py`` and are imported on first use of the
registry (:func:`kinds`).

Reads: the context builders read through the other apps' selectors **as ``user``** (a member sees
drafts and unapproved values, the public only what is published; a command reads as an
:class:`~kinerja.accounts.access.OrganisationReader` of the organisation it was asked for). Who may
download what is still decided by the callers, through :meth:`DocumentKind.is_published`.
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kinerja.accounts.access import UserLike
from kinerja.common.downloads import GENERATED_TYPES
from kinerja.organisations.models import Organisation
from kinerja.reports.pdf import paper_for, render_pdf
from kinerja.reports.sample_mark import marked


@dataclass(frozen=True)
class Format:
    """An output format: its label on the pages, content type, and whether it is laid out on paper
    (its renderer is called ``renderer(data, paper)``; otherwise ``renderer(data)``)."""

    key: str
    label: str
    content_type: str
    paged: bool


FORMATS: dict[str, Format] = {
    "pdf": Format("pdf", "PDF", GENERATED_TYPES["pdf"], paged=True),
    "docx": Format("docx", "Word", GENERATED_TYPES["docx"], paged=True),
    "xlsx": Format("xlsx", "Excel", GENERATED_TYPES["xlsx"], paged=False),
}
KNOWN_KEYS = ("iku", "pk", "pengukuran", "lkjip", "skm")
"""The kinds issue 6 names."""

BUILTIN_MODULES = (
    "kinerja.reports.iku_document",
    "kinerja.reports.pk_document",
    "kinerja.reports.pengukuran_document",
    "kinerja.reports.skm_document",
    "kinerja.reports.lkjip_document",
)

ContextBuilder = Callable[..., Any]
"""``(*, user, organisation, year, quarter) -> data``; raises :class:`DocumentUnavailable`."""
Renderer = Callable[..., bytes]
"""``(data, paper) -> bytes`` for a paged format, ``(data) -> bytes`` for Excel."""


def pdf_template(template_name: str) -> Renderer:
    """The PDF renderer of a document whose data are its template's context."""

    def render(data: Any, paper: str) -> bytes:
        return render_pdf(template_name, data, paper=paper)

    render.__name__ = f"pdf:{template_name}"
    return render


class DocumentUnavailable(Exception):
    """The document cannot be produced for this organisation and period: no decree, no PK, …
    The message is for the user (translated)."""


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str
    """Indonesian name of the document as printed on the Dokumen page."""
    context: ContextBuilder
    renderers: Mapping[str, Renderer]
    """The renderer of each format the kind is written in, in the order of the buttons."""
    needs_quarter: bool = False
    published: Callable[[Organisation, int], bool] | None = None
    """Whether the document of (organisation, year) is public (e.g. a signed PK); ``None``: never."""
    order: int = 100
    slug: str = field(default="")

    @property
    def formats(self) -> tuple[str, ...]:
        return tuple(self.renderers)

    def is_published(self, organisation: Organisation, year: int) -> bool:
        return self.published is not None and self.published(organisation, year)

    def filename(
        self, *, organisation: Organisation, year: int, quarter: int | None, fmt: str
    ) -> str:
        parts = [self.slug or self.key, organisation.code.replace(".", ""), str(year)]
        if quarter:
            parts.append(f"TW{quarter}")
        return "-".join(parts) + f".{fmt}"


_REGISTRY: dict[str, DocumentKind] = {}
_loaded = False


def register_document(
    key: str,
    *,
    label: str,
    context: ContextBuilder,
    renderers: Mapping[str, Renderer],
    needs_quarter: bool = False,
    published: Callable[[Organisation, int], bool] | None = None,
    order: int = 100,
    slug: str = "",
) -> DocumentKind:
    """Register the document kind ``key`` (a later registration replaces it)."""
    unknown = [fmt for fmt in renderers if fmt not in FORMATS]
    if unknown or not renderers:
        raise ValueError(f"{key}: renderers for {', '.join(FORMATS)} expected, got {unknown}")
    kind = DocumentKind(
        key=key,
        label=label,
        context=context,
        renderers=dict(renderers),
        needs_quarter=needs_quarter,
        published=published,
        order=order,
        slug=slug,
    )
    _REGISTRY[key] = kind
    return kind


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for name in BUILTIN_MODULES:
        if importlib.util.find_spec(name) is not None:
            importlib.import_module(name)


def kinds() -> list[DocumentKind]:
    """Every registered kind, in the order of the Dokumen page."""
    _load()
    return sorted(_REGISTRY.values(), key=lambda k: (k.order, k.key))


def kind_for(key: str) -> DocumentKind | None:
    _load()
    return _REGISTRY.get(key)


def generate(
    key: str,
    *,
    user: UserLike,
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    fmt: str = "pdf",
    paper: str = "A4",
) -> bytes:
    """The document ``key`` as bytes, read with ``user``'s scope. ``ValueError`` for an unknown
    kind, format, paper or quarter, or a missing quarter where one is needed;
    :class:`DocumentUnavailable` when there is no data. The document of an organisation holding
    sample data carries the DATA CONTOH mark (:mod:`kinerja.reports.sample_mark`)."""
    kind = kind_for(key)
    if kind is None:
        raise ValueError(
            f"unknown document {key!r}; choose one of {', '.join(k.key for k in kinds())}"
        )
    if fmt not in kind.renderers:
        raise ValueError(f"{key} has no format {fmt!r}; choose one of {', '.join(kind.formats)}")
    paper_for(paper)
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1..4, got {quarter!r}")
    if kind.needs_quarter and quarter is None:
        raise ValueError(f"{key} needs a quarter (1..4)")
    data = kind.context(user=user, organisation=organisation, year=year, quarter=quarter)
    renderer = kind.renderers[fmt]
    content = renderer(data, paper) if FORMATS[fmt].paged else renderer(data)
    return marked(content, fmt=fmt, organisation=organisation)
