"""The response of every view that serves an uploaded file (kinerja.common.downloads); who may
download is tested with each app's views."""

import pytest
from django.http import Http404

from kinerja.common.downloads import private_file_response
from kinerja.measurement.models import Evidence

PDF = b"%PDF-1.4\n%%EOF\n"


@pytest.fixture
def stored(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    (tmp_path / "bukti").mkdir()
    (tmp_path / "bukti" / "0123abcd.pdf").write_bytes(PDF)
    evidence = Evidence()
    evidence.file.name = "bukti/0123abcd.pdf"
    return evidence.file


def test_an_attachment_under_the_original_name(stored):
    """The default (no ``inline``): a download, even for a PDF."""
    response = private_file_response(
        stored, filename="Notulen rapat.pdf", content_type="application/pdf"
    )
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == 'attachment; filename="Notulen rapat.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_a_name_beyond_ascii_is_kept(stored):
    response = private_file_response(stored, filename="Laporan “Mayang”.pdf", content_type="")
    assert (
        "filename*=utf-8''Laporan%20%E2%80%9CMayang%E2%80%9D.pdf"
        in (response["Content-Disposition"])
    )
    # an unknown type is served as bytes, never guessed from the name
    assert response["Content-Type"] == "application/octet-stream"


def test_no_file_is_a_404():
    with pytest.raises(Http404):
        private_file_response(Evidence().file, filename="x.pdf", content_type="application/pdf")


# ------------------------------------------------- shown in the browser, with the download beside

POLICY = "sandbox; default-src 'none'; img-src 'self'; object-src 'self'; style-src 'unsafe-inline'"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


@pytest.mark.parametrize(
    ("content_type", "shown"),
    [
        ("application/pdf", True),
        ("image/jpeg", True),
        ("image/png", True),
        ("image/webp", True),
        (DOCX, False),
        ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", False),
        ("application/vnd.oasis.opendocument.text", False),
        ("", False),
        ("text/html", False),  # never stored (uploads refuse it); never shown if it were
        ("image/svg+xml", False),
    ],
)
def test_inline_only_for_pdf_and_images(stored, content_type, shown):
    response = private_file_response(
        stored, filename="Bukti.pdf", content_type=content_type, inline=True
    )
    disposition = 'inline; filename="Bukti.pdf"' if shown else 'attachment; filename="Bukti.pdf"'
    assert response["Content-Disposition"] == disposition
    assert response["Content-Security-Policy"] == POLICY
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "private, no-store"


def test_member_file_response_shows_and_unduh_downloads(stored, rf):
    from kinerja.common.downloads import member_file_response

    shown = member_file_response(
        rf.get("/bukti/1/"), stored, filename="Notulen.pdf", content_type="application/pdf"
    )
    assert shown["Content-Disposition"] == 'inline; filename="Notulen.pdf"'
    for query in ("?unduh=1", "?unduh=ya"):
        download = member_file_response(
            rf.get("/bukti/1/" + query),
            stored,
            filename="Notulen.pdf",
            content_type="application/pdf",
        )
        assert download["Content-Disposition"] == 'attachment; filename="Notulen.pdf"'
        assert download["Content-Security-Policy"] == POLICY
    not_asked = member_file_response(
        rf.get("/bukti/1/?unduh=0"), stored, filename="Notulen.pdf", content_type="application/pdf"
    )
    assert not_asked["Content-Disposition"].startswith("inline")
