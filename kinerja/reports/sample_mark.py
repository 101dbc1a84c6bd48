"""The DATA CONTOH mark on documents generated from sample data (``kinerja demo``).

An organisation that holds sample data (:func:`kinerja.accounts.selectors.holds_sample_data`) gets
every document marked, so a printed or forwarded copy cannot pass for an official one although it
carries real officials' names:

- PDF: ``reports/print_base.html`` prints a label above every page and a light diagonal watermark
  behind it (:func:`kinerja.reports.pdf.print_context` decides from the document's organisation);
- Word: the header of every section (:func:`kinerja.reports.docx.mark_sample_data`);
- Excel: a first row on every sheet and the printed header (:func:`kinerja.reports.xlsx.mark_sample_data`).

Word and Excel are marked here, on the finished file, by :func:`kinerja.reports.documents.generate`:
whatever a generator builds, every section and every sheet is covered.
"""

from __future__ import annotations

import io

from docx import Document
from openpyxl import load_workbook

from kinerja.accounts.selectors import holds_sample_data
from kinerja.organisations.models import Organisation
from kinerja.reports import docx as word
from kinerja.reports import xlsx


def marked(content: bytes, *, fmt: str, organisation: Organisation) -> bytes:
    """``content`` (a generated document in ``fmt``) with the DATA CONTOH mark when
    ``organisation`` holds sample data; unchanged otherwise (and for PDF, marked by its template)."""
    if fmt == "pdf" or not holds_sample_data(organisation):
        return content
    if fmt == "docx":
        document = Document(io.BytesIO(content))
        word.mark_sample_data(document)
        return word.to_bytes(document)
    if fmt == "xlsx":
        workbook = load_workbook(io.BytesIO(content))
        xlsx.mark_sample_data(workbook)
        return xlsx.to_bytes(workbook)
    raise ValueError(f"no sample-data mark for the format {fmt!r}")
