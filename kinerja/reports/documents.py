"""The registry of official document kinds (JENIS): ``iku``, ``pk``, ``pengukuran``, ``lkjip``, ``skm``.

Every kind is one generator ``(*, organisation, year, quarter=None, fmt, paper) -> bytes`` for the
formats ``pdf``, ``docx`` and ``xlsx`` on A4 or F4 paper. The command ``kinerja laporan`` and the
download pages go through :func:`generate` only, so a kind registered here is available in both.

A module registers a kind with the decorator::

    @register_document("lkjip", label="LKjIP", ...)
    def generate_lkjip(*, organisation, year, quarter=None, fmt, paper): ...

The built-in kinds live in ``kinerja/reports/<kind>_document.py`` and are imported on first use of the
registry (:func:`kinds`); a module ``kinerja/reports/lkjip_document.py`` is picked up the same way.

Generators do not check permissions (trusted callers); who may download what is decided by the views
through :meth:`DocumentKind.is_published` (the public sees published documents only).
"""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass, field

from kinerja.organisations.models import Organisation
from kinerja.reports.pdf import paper_for
from kinerja.reports.sample_mark import marked

FORMATS = ("pdf", "docx", "xlsx")
KNOWN_KEYS = ("iku", "pk", "pengukuran", "lkjip", "skm")
"""The kinds issue 6 names (lkjip is registered by its own module)."""
CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
}

BUILTIN_MODULES = (
    "kinerja.reports.iku_document",
    "kinerja.reports.pk_document",
    "kinerja.reports.pengukuran_document",
    "kinerja.reports.skm_document",
    "kinerja.reports.lkjip_document",  # registered by its own module when present
)

Generator = Callable[..., bytes]


class DocumentUnavailable(Exception):
    """The document cannot be produced for this organisation and period: no decree, no PK, …
    The message is for the user (translated)."""


@dataclass(frozen=True)
class DocumentKind:
    key: str
    label: str
    """Indonesian name of the document as printed on the Dokumen page."""
    generator: Generator
    needs_quarter: bool = False
    formats: tuple[str, ...] = FORMATS
    published: Callable[[Organisation, int], bool] | None = None
    """Whether the document of (organisation, year) is public (e.g. a signed PK); ``None``: never."""
    order: int = 100
    slug: str = field(default="")

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
    needs_quarter: bool = False,
    formats: tuple[str, ...] = FORMATS,
    published: Callable[[Organisation, int], bool] | None = None,
    order: int = 100,
    slug: str = "",
) -> Callable[[Generator], Generator]:
    """Register ``generator`` as the document kind ``key`` (a later registration replaces it)."""

    def decorate(generator: Generator) -> Generator:
        _REGISTRY[key] = DocumentKind(
            key=key,
            label=label,
            generator=generator,
            needs_quarter=needs_quarter,
            formats=formats,
            published=published,
            order=order,
            slug=slug,
        )
        return generator

    return decorate


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
    organisation: Organisation,
    year: int,
    quarter: int | None = None,
    fmt: str = "pdf",
    paper: str = "A4",
) -> bytes:
    """The document ``key`` as bytes. ``ValueError`` for an unknown kind, format, paper or quarter,
    or a missing quarter where one is needed; :class:`DocumentUnavailable` when there is no data.
    The document of an organisation holding sample data carries the DATA CONTOH mark
    (:mod:`kinerja.reports.sample_mark`)."""
    kind = kind_for(key)
    if kind is None:
        raise ValueError(
            f"unknown document {key!r}; choose one of {', '.join(k.key for k in kinds())}"
        )
    if fmt not in kind.formats:
        raise ValueError(f"{key} has no format {fmt!r}; choose one of {', '.join(kind.formats)}")
    paper_for(paper)
    if quarter is not None and quarter not in (1, 2, 3, 4):
        raise ValueError(f"quarter must be 1..4, got {quarter!r}")
    if kind.needs_quarter and quarter is None:
        raise ValueError(f"{key} needs a quarter (1..4)")
    content = kind.generator(
        organisation=organisation, year=year, quarter=quarter, fmt=fmt, paper=paper
    )
    return marked(content, fmt=fmt, organisation=organisation)
