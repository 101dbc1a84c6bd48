"""The document downloads: the permission matrix (written once, applied to the download and the
preparing page of every kind), input errors, the Dokumen page, and the ``kinerja laporan`` command."""

import io
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import translation
from docx import Document

from kinerja.reports.documents import kinds, register_document
from tests.reports.documents_data import make_pk, make_values

pytestmark = pytest.mark.django_db

ROLES = (
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "operator_desa",
    "outsider",
    "anonymous",
)
LOGIN = "login"
Q = "?organisasi=35.09.26&tahun=2022"

# (kind, format, query, expected per role). The decree in force is published; a draft PK is not,
# a signed PK is; the quarterly report is for members of the kecamatan only.
MATRIX: list[tuple[str, str, str, tuple[Any, ...]]] = [
    ("iku", "pdf", Q, (200, 200, 200, 200, 200, 200, 200)),
    ("iku", "docx", Q, (200, 200, 200, 200, 200, 200, 200)),
    ("pk", "xlsx", Q, (200, 200, 200, 200, 200, 403, LOGIN)),
    ("pk-signed", "pdf", Q, (200, 200, 200, 200, 200, 200, 200)),
    ("pengukuran", "xlsx", Q + "&triwulan=2", (200, 200, 200, 200, 200, 403, LOGIN)),
    ("pengukuran", "pdf", Q, (400, 400, 400, 400, 400, 400, 400)),  # no quarter
    ("skm", "xlsx", Q, (200, 200, 200, 200, 200, 403, LOGIN)),
    ("iku", "pdf", "?organisasi=35.09.26&tahun=20x2", (400, 400, 400, 400, 400, 400, 400)),
    ("nope", "pdf", Q, (404, 404, 404, 404, 404, 404, 404)),
]


def _outcome(response: Any) -> Any:
    if response.status_code == 302 and reverse("login") in response["Location"]:
        return LOGIN
    return response.status_code


@pytest.fixture
def client_as(users: Any):
    def make(role: str) -> Client:
        client = Client()
        user = getattr(users, role)
        if user.is_authenticated:
            client.force_login(user)
        return client

    return make


@pytest.mark.parametrize("view", ["document-download", "document-prepare"])
@pytest.mark.parametrize(
    ("kind", "fmt", "query", "expected"),
    MATRIX,
    ids=[
        f"{k}-{f}{'-' + q.split('&')[-1] if 'triwulan' in q or 'x' in q else ''}"
        for k, f, q, _ in MATRIX
    ],
)
def test_permission_matrix(client_as, mayang, view, kind, fmt, query, expected):
    signed = kind == "pk-signed"
    make_pk(mayang, sign=signed, program=False)
    make_values(mayang)
    url = reverse(f"reports:{view}", args=[kind.removesuffix("-signed"), fmt]) + query
    outcomes = {}
    for role in ROLES:
        with transaction.atomic():
            outcomes[role] = _outcome(client_as(role).get(url))
            transaction.set_rollback(True)
    assert outcomes == dict(zip(ROLES, expected, strict=True))


def test_download_is_the_file(client_as, mayang):
    response = client_as("anonymous").get(
        reverse("reports:document-download", args=["iku", "docx"]) + Q + "&kertas=F4"
    )
    assert response["Content-Type"].endswith("wordprocessingml.document")
    assert 'filename="keputusan-iku-350926-2022.docx"' in response["Content-Disposition"]
    document = Document(io.BytesIO(response.content))
    assert round(document.sections[0].page_width.mm) == 215


def test_no_data_is_a_clear_404(client_as, mayang):
    response = client_as("camat").get(reverse("reports:document-download", args=["pk", "pdf"]) + Q)
    assert response.status_code == 404
    assert "Perjanjian Kinerja" in response.content.decode()


def test_prepare_page_has_progress_script_and_plain_link(client_as, mayang):
    html = (
        client_as("camat")
        .get(reverse("reports:document-prepare", args=["iku", "pdf"]) + Q)
        .content.decode()
    )
    assert "Menyiapkan dokumen…" in html and "reports/download.js" in html
    link = reverse("reports:document-download", args=["iku", "pdf"])
    assert f'href="{link}?organisasi=35.09.26&amp;tahun=2022&amp;kertas=A4"' in html


def test_document_list(client_as, mayang):
    make_pk(mayang, program=False)
    html = (
        client_as("kepala_seksi")
        .get(reverse("reports:document-list") + "?tahun=2022")
        .content.decode()
    )
    for label in (
        "Keputusan Camat tentang Indikator Kinerja Utama",
        "Perjanjian Kinerja",
        "Laporan Pengukuran Kinerja Triwulan",
        "Laporan Survei Kepuasan Masyarakat",
    ):
        assert label in html
    assert reverse("reports:document-prepare", args=["pk", "docx"]) in html
    assert reverse("reports:document-prepare", args=["pengukuran", "pdf"]) not in html  # no quarter
    html = (
        client_as("kepala_seksi")
        .get(reverse("reports:document-list") + "?tahun=2022&triwulan=2")
        .content.decode()
    )
    assert reverse("reports:document-prepare", args=["pengukuran", "pdf"]) in html
    # the outsider naming Mayang sees the published decree, not the draft PK
    html = client_as("outsider").get(reverse("reports:document-list") + Q).content.decode()
    assert "Keputusan Camat tentang Indikator Kinerja Utama" in html
    assert reverse("reports:document-prepare", args=["pk", "pdf"]) not in html
    # bad input is reported and kept
    response = client_as("camat").get(reverse("reports:document-list") + "?tahun=20x2")
    assert response.status_code == 200 and 'value="20x2"' in response.content.decode()


def test_document_list_links_the_lkjip_narratives(client_as, mayang):
    """Where the LKjIP is offered, its narrative page is one click away (members only: the page
    itself refuses others)."""
    make_pk(mayang, program=False)
    url = reverse("reports:lkjip-narratives", args=["35.09.26", 2022])
    for role in ("camat", "kepala_seksi"):
        client = client_as(role)
        html = client.get(reverse("reports:document-list") + Q).content.decode()
        assert "LKjIP" in html
        assert f'href="{url}"' in html, role
        assert client.get(url).status_code == 200
    # the year chosen on the page is the year of the link
    html = client_as("camat").get(reverse("reports:document-list") + "?tahun=2023").content.decode()
    assert reverse("reports:lkjip-narratives", args=["35.09.26", 2023]) in html
    assert f'href="{url}"' not in html
    # another kecamatan's user sees only the published documents, and no narrative link
    html = client_as("outsider").get(reverse("reports:document-list") + Q).content.decode()
    assert url not in html


def test_registry_is_open(mayang):
    """A kind is its context builder and its renderers: the registry gathers the data once, with
    the requesting user, and hands them to the renderer of the format (the paper to a paged one)."""
    calls: list[Any] = []

    def context(**kwargs: Any) -> dict[str, Any]:
        calls.append(kwargs)
        return {"title": "uji"}

    kind = register_document(
        "uji-dokumen",
        label="Dokumen uji",
        context=context,
        renderers={
            "pdf": lambda data, paper: f"%PDF-{data['title']}-{paper}".encode(),
            "xlsx": lambda data: f"xlsx-{data['title']}".encode(),
        },
        order=999,
    )
    try:
        assert kind.formats == ("pdf", "xlsx")
        assert [k.key for k in kinds()][-1] == "uji-dokumen"
        from kinerja.reports.documents import generate

        reader = object()
        pdf = generate(
            "uji-dokumen", user=reader, organisation=mayang, year=2022, fmt="pdf", paper="F4"
        )
        assert pdf == b"%PDF-uji-F4"
        assert calls == [{"user": reader, "organisation": mayang, "year": 2022, "quarter": None}]
        assert generate("uji-dokumen", user=reader, organisation=mayang, year=2022, fmt="xlsx") == (
            b"xlsx-uji"
        )
        with pytest.raises(ValueError):
            generate("uji-dokumen", user=reader, organisation=mayang, year=2022, fmt="docx")
        with pytest.raises(ValueError):
            register_document("uji-odt", label="x", context=context, renderers={"odt": len})
    finally:
        from kinerja.reports import documents

        documents._REGISTRY.pop("uji-dokumen")


# ------------------------------------------------------------------------------ the command


def test_command_writes_each_format(mayang, tmp_path):
    make_pk(mayang, program=False)
    make_values(mayang)
    for jenis, extra in (("iku", []), ("pk", []), ("pengukuran", ["--triwulan", "2"])):
        for fmt in ("pdf", "docx", "xlsx"):
            out = tmp_path / f"{jenis}.{fmt}"
            call_command(
                "laporan",
                jenis,
                "--tahun",
                "2022",
                "--format",
                fmt,
                "--output",
                str(out),
                "--kertas",
                "F4",
                *extra,
                stdout=io.StringIO(),
            )
            head = out.read_bytes()[:4]
            assert head == (b"%PDF" if fmt == "pdf" else b"PK\x03\x04"), (jenis, fmt)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["pengukuran", "--tahun", "2022"], "--triwulan"),
        (["iku", "--tahun", "2022", "--organisasi", "99.99"], "Unknown organisation code: 99.99"),
        (["pk", "--tahun", "2022"], "has no Perjanjian Kinerja for 2022"),
        (["laporan-x", "--tahun", "2022"], "Unknown document laporan-x"),
        (["iku", "--tahun", "2022", "--kertas", "A3"], "Unknown paper A3"),
        (["pengukuran", "--tahun", "2022", "--triwulan", "5"], "--triwulan must be 1, 2, 3 or 4"),
    ],
)
def test_command_errors(mayang, tmp_path, args, message):
    # English msgids; an earlier request in the same worker may have left Indonesian active
    with translation.override("en"), pytest.raises(CommandError, match=message):
        call_command("laporan", *args, "--format", "pdf", "--output", str(tmp_path / "x.pdf"))
    assert not (tmp_path / "x.pdf").exists()
