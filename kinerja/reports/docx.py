"""Editable Word (.docx) output with python-docx: the same building blocks as the PDF documents.

A page set up on A4 or F4 with the print margins of :mod:`kinerja.reports.pdf`, the kop surat from the
organisation's data, bordered tables with a repeated header row, a signature block (place and date,
title lines, name, pangkat, NIP) and "Halaman X dari Y" in the footer through real PAGE / NUMPAGES
fields, so the numbers stay right after the user edits the text.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Sequence
from typing import Any

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from docx.table import Table, _Cell
from docx.text.paragraph import Paragraph

from kinerja.common.naming import office_name
from kinerja.organisations.models import Official, Organisation
from kinerja.reports.pdf import MARGINS_MM, paper_for
from kinerja.reports.signatories import Signature

FONT = "Times New Roman"
"""Word's serif; Liberation Serif (the PDF's font) has the same metrics."""
BODY_PT = 11.5
TABLE_PT = 9.5

ALIGN = {
    "left": WD_ALIGN_PARAGRAPH.LEFT,
    "center": WD_ALIGN_PARAGRAPH.CENTER,
    "right": WD_ALIGN_PARAGRAPH.RIGHT,
    "justify": WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def new_document(paper: str = "A4", *, landscape: bool = False) -> DocxDocument:
    """An empty document on ``paper`` with the print margins, Times New Roman 11.5 pt and the page
    number in the footer."""
    chosen = paper_for(paper)
    document = Document()
    section = document.sections[0]
    _size(section, chosen.width_mm, chosen.height_mm, landscape=landscape)
    section.top_margin = Mm(MARGINS_MM["top"])
    section.bottom_margin = Mm(MARGINS_MM["bottom"])
    section.left_margin = Mm(MARGINS_MM["left"])
    section.right_margin = Mm(MARGINS_MM["right"])
    normal = document.styles["Normal"]
    normal.font.name = FONT
    normal.font.size = Pt(BODY_PT)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), FONT)
    normal.paragraph_format.space_after = Pt(3)
    add_page_number_footer(document)
    return document


def _size(section: Any, width_mm: int, height_mm: int, *, landscape: bool) -> None:
    if landscape:
        section.orientation = WD_ORIENT.LANDSCAPE
        section.page_width, section.page_height = Mm(height_mm), Mm(width_mm)
    else:
        section.orientation = WD_ORIENT.PORTRAIT
        section.page_width, section.page_height = Mm(width_mm), Mm(height_mm)


def _field(paragraph: Paragraph, instruction: str, placeholder: str = "1") -> None:
    """A Word field (``PAGE``, ``NUMPAGES``): begin, instruction, separate, cached text, end."""
    run = paragraph.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    run._r.append(begin)
    run = paragraph.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f" {instruction} "
    run._r.append(instr)
    run = paragraph.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    paragraph.add_run(placeholder)
    run = paragraph.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)


def add_page_number_footer(document: DocxDocument) -> None:
    """ "Halaman {PAGE} dari {NUMPAGES}" centred in the footer (no number on the first page, as in the
    PDF)."""
    section = document.sections[0]
    section.different_first_page_header_footer = True
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("Halaman ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" dari ")
    _field(paragraph, "NUMPAGES")
    for run in paragraph.runs:
        run.font.size = Pt(9)


def paragraph(
    document: Any,
    text: str = "",
    *,
    bold: bool = False,
    align: str = "justify",
    size: float | None = None,
    space_after: float | None = None,
    underline: bool = False,
) -> Paragraph:
    """A paragraph of one run (``document`` may also be a table cell)."""
    p = document.add_paragraph()
    p.alignment = ALIGN[align]
    if text:
        run = p.add_run(text)
        run.bold = bold
        run.underline = underline
        if size:
            run.font.size = Pt(size)
    if space_after is not None:
        p.paragraph_format.space_after = Pt(space_after)
    return p


def heading(document: Any, text: str, *, size: float = 14, align: str = "center") -> Paragraph:
    """A bold heading line (plain paragraphs, not Word heading styles: the office template's look)."""
    return paragraph(document, text, bold=True, align=align, size=size, space_after=2)


def page_break(document: DocxDocument) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


HEADING_LOOK: dict[int, tuple[float, str, float, float]] = {
    1: (12.5, "center", 0, 8),
    2: (11.5, "left", 8, 3),
    3: (11.5, "left", 8, 3),
}
"""Word's Heading 1-3 dressed as the office template's headings (and the PDF's h2/h3): Times
New Roman, bold, black: (size pt, alignment, space before pt, space after pt)."""


def use_heading_styles(document: DocxDocument) -> None:
    """Give the built-in styles Heading 1-3 the documents' look, so real headings (a navigation
    pane, a table of contents) do not look like Word's blue default."""
    for level, (size, align, before, after) in HEADING_LOOK.items():
        style: Any = document.styles[f"Heading {level}"]
        fonts = style.element.get_or_add_rPr().get_or_add_rFonts()
        for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
            fonts.attrib.pop(qn(theme), None)
        for name in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
            fonts.set(qn(name), FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = False
        style.font.color.rgb = RGBColor(0, 0, 0)
        style.paragraph_format.alignment = ALIGN[align]
        style.paragraph_format.space_before = Pt(before)
        style.paragraph_format.space_after = Pt(after)
        style.paragraph_format.keep_with_next = True


def styled_heading(document: Any, text: str, level: int) -> Paragraph:
    """A heading paragraph in Word's style "Heading ``level``" (see :func:`use_heading_styles`)."""
    heading_paragraph: Paragraph = document.add_paragraph(text, style=f"Heading {level}")
    return heading_paragraph


def add_toc(document: DocxDocument, entries: Sequence[tuple[int, str]], *, levels: int = 3) -> None:
    """A table of contents: Word's TOC field over the heading styles 1..``levels``, which Word
    fills in with page numbers when the document is opened (``updateFields`` in the settings, and
    the field marked dirty). Until then (and in programs that do not update fields) the field shows
    ``entries``, (level, title), written out, so it is never empty."""
    first = document.add_paragraph()
    run = first.add_run()
    begin = OxmlElement("w:fldChar")
    begin.set(qn("w:fldCharType"), "begin")
    begin.set(qn("w:dirty"), "true")
    run._r.append(begin)
    run = first.add_run()
    instr = OxmlElement("w:instrText")
    instr.set(qn("xml:space"), "preserve")
    instr.text = f' TOC \\o "1-{levels}" \\h \\z \\u '
    run._r.append(instr)
    run = first.add_run()
    separate = OxmlElement("w:fldChar")
    separate.set(qn("w:fldCharType"), "separate")
    run._r.append(separate)
    last = first
    for index, (level, title) in enumerate(entries):
        p = first if index == 0 else document.add_paragraph()
        p.paragraph_format.left_indent = Mm(7 * (level - 1))
        p.paragraph_format.space_after = Pt(2 if level > 1 else 4)
        p.add_run(title).bold = level == 1
        last = p
    run = last.add_run()
    end = OxmlElement("w:fldChar")
    end.set(qn("w:fldCharType"), "end")
    run._r.append(end)
    update_fields_on_open(document)


def update_fields_on_open(document: DocxDocument) -> None:
    """``<w:updateFields w:val="true"/>`` in the settings: Word updates the fields (the table of
    contents) when it opens the file. Placed where the schema wants it (before ``w:compat``)."""
    settings = document.settings.element
    if settings.find(qn("w:updateFields")) is not None:
        return
    flag = OxmlElement("w:updateFields")
    flag.set(qn("w:val"), "true")
    later = [
        "w:hdrShapeDefaults",
        "w:footnotePr",
        "w:endnotePr",
        "w:compat",
        "w:docVars",
        "w:rsids",
    ]
    for tag in later:
        found = settings.find(qn(tag))
        if found is not None:
            found.addprevious(flag)
            return
    settings.append(flag)


def add_image(document: Any, data: bytes, *, width_mm: float, caption: str = "") -> Paragraph:
    """A picture (PNG/JPEG bytes) centred in its own paragraph, with a caption under it."""
    p: Paragraph = document.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.keep_with_next = bool(caption)
    p.paragraph_format.space_after = Pt(0)
    p.add_run().add_picture(io.BytesIO(data), width=Mm(width_mm))
    if caption:
        paragraph(document, caption, align="center", size=9.5, space_after=6)
    return p


def _border(element: Any, tag: str, edges: dict[str, dict[str, str]]) -> None:
    borders = OxmlElement(tag)
    for edge, attrs in edges.items():
        node = OxmlElement(f"w:{edge}")
        for key, value in attrs.items():
            node.set(qn(f"w:{key}"), value)
        borders.append(node)
    element.append(borders)


def bottom_rule(p: Paragraph, *, double: bool = False, size: int = 6) -> None:
    """A line under a paragraph (the kop surat's double rule, the fraction bar)."""
    _border(
        p._p.get_or_add_pPr(),
        "w:pBdr",
        {
            "bottom": {
                "val": "double" if double else "single",
                "sz": str(size),
                "space": "1",
                "color": "000000",
            }
        },
    )


def text_width_mm(document: DocxDocument) -> float:
    """The width between the margins of the (first) section, in mm."""
    section = document.sections[0]
    width = section.page_width - section.left_margin - section.right_margin  # type: ignore[operator]  # python-docx types page size and margins as optional; a document from Document() has them
    return float(Mm(width).mm)


KOP_LOGO_MM = 22
"""The logo's width in the kop surat (the PDF's: ``.kop__logo img``)."""


def add_kop(document: DocxDocument, organisation: Organisation) -> None:
    """The letterhead: the logo on the left (:meth:`Organisation.letterhead_logo_path`: its own, a
    parent's or the default emblem), government line, office name, address; a double rule under
    it. A borderless table of three columns keeps the text centred on the page, as in the PDF."""
    side = KOP_LOGO_MM + 4
    table = document.add_table(rows=1, cols=3)
    borderless(table)
    logo_cell, text_cell, _spacer = table.rows[0].cells
    logo = logo_cell.paragraphs[0]
    logo.alignment = WD_ALIGN_PARAGRAPH.LEFT
    logo.add_run().add_picture(str(organisation.letterhead_logo_path()), width=Mm(KOP_LOGO_MM))
    for cell in table.rows[0].cells:
        cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    government = organisation.letterhead_government()
    first = text_cell.paragraphs[0]
    if government:
        first.alignment = WD_ALIGN_PARAGRAPH.CENTER
        first.paragraph_format.space_after = Pt(0)
        run = first.add_run(government)
        run.bold, run.font.size = True, Pt(13)
        first = None
    office = first or text_cell.add_paragraph()
    office.alignment = WD_ALIGN_PARAGRAPH.CENTER
    office.paragraph_format.space_after = Pt(0)
    run = office.add_run(office_name(organisation))
    run.bold, run.font.size = True, Pt(16)
    address = (organisation.address or "").upper()
    if organisation.phone:
        address += f"  Telp. {organisation.phone}"
    if organisation.city:
        address += f"  {organisation.city.upper()}"
    paragraph(text_cell, address.strip(), align="center", size=9.5, space_after=0)
    set_widths(table, [side, text_width_mm(document) - 2 * side, side])
    rule = paragraph(document, "", size=2, space_after=10)
    bottom_rule(rule, double=True, size=12)


def _shade(cell: _Cell, fill: str = "E6E8EB") -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _repeat_header(row: Any) -> None:
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def set_cell(
    cell: _Cell, text: str, *, bold: bool = False, align: str = "left", size: float = TABLE_PT
) -> None:
    """Replace a cell's text (one paragraph per line)."""
    lines = str(text).split("\n") if text is not None else [""]
    first = cell.paragraphs[0]
    for index, line in enumerate(lines):
        p = first if index == 0 else cell.add_paragraph()
        p.alignment = ALIGN[align]
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(line)
        run.bold = bold
        run.font.size = Pt(size)


def add_table(
    document: Any,
    *,
    header: Sequence[str] | None,
    rows: Iterable[Sequence[Any]],
    widths_mm: Sequence[float],
    align: Sequence[str] | None = None,
    size: float = TABLE_PT,
) -> Table:
    """A bordered table with a shaded, repeated header row; cells are text (already formatted the
    Indonesian way by the caller). ``align`` per column: left, center, right."""
    columns = len(widths_mm)
    table = document.add_table(rows=0, cols=columns)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    if header:
        cells = table.add_row().cells
        for cell, text in zip(cells, header, strict=True):
            set_cell(cell, text, bold=True, align="center", size=size)
            _shade(cell)
        _repeat_header(table.rows[0])
    for values in rows:
        cells = table.add_row().cells
        for index, (cell, value) in enumerate(zip(cells, values, strict=True)):
            set_cell(
                cell,
                "" if value is None else str(value),
                align=(align or [])[index] if align and index < len(align) else "left",
                size=size,
            )
    set_widths(table, widths_mm)
    return table


def set_widths(table: Table, widths_mm: Sequence[float]) -> None:
    """Column widths (Word reads the cell widths, LibreOffice the grid: set both)."""
    for row in table.rows:
        for cell, width in zip(row.cells, widths_mm, strict=False):
            cell.width = Mm(width)
    for column, width in zip(table.columns, widths_mm, strict=False):
        column.width = Mm(width)


def borderless(table: Table) -> None:
    """Remove a table's borders (layout tables: clause rows, signature blocks)."""
    table.style = None
    tbl_pr = table._tbl.tblPr
    _border(
        tbl_pr,
        "w:tblBorders",
        {edge: {"val": "nil"} for edge in ("top", "left", "bottom", "right", "insideH", "insideV")},
    )


def fraction(cell: _Cell, numerator: str, denominator: str, factor_text: str = "") -> None:
    """A real fraction in a table cell: a small two-column table, the numerator over a rule over the
    denominator on the left and the multiplier (``× 100%``) on the right."""
    inner = cell.add_table(rows=1, cols=2)
    borderless(inner)
    left, right = inner.rows[0].cells
    set_cell(left, numerator, align="center")
    bottom_rule(left.paragraphs[-1], size=6)
    p = left.add_paragraph()
    p.alignment = WD_ALIGN_PARAGRAPH.CENTER
    p.paragraph_format.space_after = Pt(0)
    p.add_run(denominator).font.size = Pt(TABLE_PT)
    set_cell(right, factor_text)
    right.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
    set_widths(inner, [34, 14])


def clause_rows(
    document: DocxDocument, rows: Sequence[tuple[str, Sequence[tuple[str, str]] | str]]
) -> None:
    """Decree-style rows "Menimbang : a. ...": a borderless 3-column table; the body is either a
    text or a list of (label, text)."""
    table = document.add_table(rows=0, cols=3)
    borderless(table)
    for term, body in rows:
        cells = table.add_row().cells
        set_cell(cells[0], term, size=BODY_PT, bold=term.isupper() and len(term) < 12)
        set_cell(cells[1], ":", size=BODY_PT)
        if isinstance(body, str):
            set_cell(cells[2], body, size=BODY_PT, align="justify")
        else:
            first = True
            for label, text in body:
                p = cells[2].paragraphs[0] if first else cells[2].add_paragraph()
                first = False
                p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
                p.paragraph_format.left_indent = Mm(7)
                p.paragraph_format.first_line_indent = Mm(-7)
                p.paragraph_format.space_after = Pt(2)
                p.add_run(f"{label}\t{text}" if label else text).font.size = Pt(BODY_PT)
    set_widths(table, [30, 4, 131])


def signature_lines(
    *,
    place: str | None,
    date_text: str | None,
    title_lines: Sequence[str],
    official: Official | None,
    name: str | None = None,
) -> list[tuple[str, dict[str, bool]]]:
    """The lines of a signature block with their emphasis."""
    lines: list[tuple[str, dict[str, bool]]] = []
    if place or date_text:
        lines.append((f"{place or '…'}, {date_text or '……………'}", {}))
    lines += [(line, {"bold": True}) for line in title_lines]
    lines += [("", {}), ("", {}), ("", {})]
    if official is not None or name:
        lines.append((official.name if official else name or "", {"bold": True, "underline": True}))
        if official is not None and official.rank:
            grade = f" ({official.grade})" if official.grade else ""
            lines.append((f"{official.rank}{grade}", {}))
        if official is not None and official.nip:
            lines.append((f"NIP. {official.nip}", {}))
    else:
        lines += [("……………………………", {"bold": True}), ("NIP. ……………………", {})]
    return lines


def _fill_signature(cell: _Cell, lines: Sequence[tuple[str, dict[str, bool]]]) -> None:
    for index, (text, style) in enumerate(lines):
        p = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
        p.alignment = WD_ALIGN_PARAGRAPH.CENTER
        p.paragraph_format.space_after = Pt(0)
        run = p.add_run(text)
        run.bold = style.get("bold", False)
        run.underline = style.get("underline", False)


def add_signatures(
    document: DocxDocument,
    right: Sequence[tuple[str, dict[str, bool]]],
    left: Sequence[tuple[str, dict[str, bool]]] | None = None,
) -> None:
    """One signature block on the right, or two side by side (PK: second party left)."""
    paragraph(document, "", space_after=6)
    table = document.add_table(rows=1, cols=2)
    borderless(table)
    if left:
        _fill_signature(table.rows[0].cells[0], left)
    _fill_signature(table.rows[0].cells[1], right)
    set_widths(table, [82, 83])


def add_signature(document: DocxDocument, signature: Signature, date_text: str | None) -> None:
    """The block of one signatory (:func:`kinerja.reports.signatories.head_of`) on the right."""
    add_signatures(
        document,
        signature_lines(
            place=signature.place,
            date_text=date_text,
            title_lines=signature.title_lines,
            official=signature.official,
        ),
    )


SAMPLE_MARK = "DATA CONTOH — bukan data resmi"
"""The header line of a document generated from sample data (``kinerja demo``)."""


def mark_sample_data(document: DocxDocument, text: str = SAMPLE_MARK) -> None:
    """Put ``text`` (bold, red) at the top of every page: in the header of every section, its first
    page and its even pages included. A later section's header that repeats the previous one
    (linked) shows the marked one already and is left linked."""
    for index, section in enumerate(document.sections):
        for header in (section.header, section.first_page_header, section.even_page_header):
            if index > 0 and header.is_linked_to_previous:
                continue
            paragraphs = header.paragraphs
            if not paragraphs:
                p = header.add_paragraph()
            elif not paragraphs[0].runs:  # the empty paragraph of a new header
                p = paragraphs[0]
            else:  # the header has content (a running title, a logo): the mark goes above it
                p = paragraphs[0].insert_paragraph_before()
            p.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            run = p.add_run(text)
            run.bold = True
            run.font.size = Pt(9)
            run.font.color.rgb = RGBColor(0xA4, 0x16, 0x1A)


def to_bytes(document: DocxDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
