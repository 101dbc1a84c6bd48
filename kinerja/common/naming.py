"""Naming helpers shared by the pages (template filters of ``kinerja_web``) and the documents
(``kinerja.reports``): how an office and a multi-line title are printed."""

from __future__ import annotations

from typing import Any


def lines(text: str) -> list[str]:
    """Non-empty lines of a text, e.g. a signatory title printed on several lines."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def office_name(organisation: Any) -> str:
    """The office line of a letterhead: KECAMATAN MAYANG (``Organisation.office_name`` adds the
    level word when the name lacks it)."""
    return str(organisation.office_name).upper()
