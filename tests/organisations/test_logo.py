"""The logo of the kop surat: stored through the upload checks by the admin, the organisation's own
logo, else its parent's (the regency's), else the default emblem, printed in the PDF and Word
kop."""

import io
import subprocess
import tempfile
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from docx import Document
from PIL import Image

from kinerja.accounts.access import OrganisationReader
from kinerja.organisations import services
from kinerja.organisations.models import DEFAULT_LOGO, Organisation
from kinerja.reports.documents import generate
from tests.reports.documents_data import make_pk

pytestmark = pytest.mark.django_db


def _png(width: int, height: int, colour=(200, 30, 30)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), colour).save(out, format="PNG")
    return out.getvalue()


def _upload(data: bytes, name: str = "logo.png") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data)


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


@pytest.fixture
def jember(mayang):
    return Organisation.objects.get(code="35.09")


def test_own_then_parent_then_default(mayang, jember, media):
    village = Organisation.objects.get(code="35.09.26.2001")
    assert mayang.letterhead_logo_path() == DEFAULT_LOGO
    assert DEFAULT_LOGO.is_file()
    services.organisation_logo_set(actor=None, organisation=jember, upload=_upload(_png(80, 90)))
    mayang.refresh_from_db()
    jember.refresh_from_db()
    regency = Path(jember.logo.path)
    assert regency.parent == media / "logos" and regency.read_bytes() == _png(80, 90)
    assert mayang.letterhead_logo_path() == regency  # the kecamatan prints the regency's
    assert village.letterhead_logo_path() == regency
    own = services.organisation_logo_set(
        actor=None, organisation=mayang, upload=_upload(_png(60, 60), "Logo Mayang.PNG")
    )
    assert own.logo.name.startswith("logos/") and "Mayang" not in own.logo.name  # random name
    village.refresh_from_db()
    assert village.letterhead_logo_path() == Path(own.logo.path)  # the nearest parent's
    Path(own.logo.path).unlink()  # a file gone from the disk is passed over
    assert Organisation.objects.get(pk=mayang.pk).letterhead_logo_path() == regency
    services.organisation_logo_clear(actor=None, organisation=jember)
    assert not Organisation.objects.get(pk=jember.pk).logo


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("logo.pdf", b"%PDF-1.4\n%%EOF\n", "Allowed: JPEG, JPG, PNG"),
        ("logo.svg", b"<svg/>", "Allowed: JPEG, JPG, PNG"),
        ("logo.png", b"GIF89a not a png", "does not match"),
        ("logo.png", _png(4001, 2), "4001 × 2 pixels; at most 4000"),
        ("logo.png", _png(300, 300)[:60], "not an image that can be read"),
    ],
)
def test_refused_uploads(mayang, media, name, data, message):
    with pytest.raises(ValidationError) as info:
        services.organisation_logo_set(actor=None, organisation=mayang, upload=_upload(data, name))
    assert message in " ".join(info.value.message_dict["logo"])
    assert not Organisation.objects.get(pk=mayang.pk).logo
    assert not (media / "logos").exists() or not any((media / "logos").iterdir())


def test_who_may_set_it(mayang, users, media):
    with pytest.raises(PermissionDenied):
        services.organisation_logo_set(
            actor=users.camat, organisation=mayang, upload=_upload(_png(10, 10))
        )
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    services.organisation_logo_set(actor=admin, organisation=mayang, upload=_upload(_png(10, 10)))
    assert mayang.history.latest().history_user == admin


def test_admin_uploads_and_clears(client, mayang, media):
    admin = get_user_model().objects.create_superuser("root", "root@example.org", "x")
    client.force_login(admin)
    url = reverse("admin:organisations_organisation_change", args=[mayang.pk])
    form = client.get(url)
    assert form.status_code == 200 and 'name="logo_upload"' in form.content.decode()
    data = {
        "code": mayang.code,
        "name": mayang.name,
        "level": mayang.level,
        "parent": mayang.parent_id,
        "address": mayang.address,
        "phone": mayang.phone,
        "email": mayang.email,
        "website": mayang.website,
        "city": mayang.city,
    }
    refused = client.post(url, {**data, "logo_upload": _upload(b"%PDF-1.4", "logo.pdf")})
    assert refused.status_code == 200 and "JPEG, JPG, PNG" in refused.content.decode()
    saved = client.post(url, {**data, "logo_upload": _upload(_png(50, 40))})
    assert saved.status_code == 302
    mayang.refresh_from_db()
    assert Path(mayang.logo.path).read_bytes() == _png(50, 40)
    client.post(url, {**data, "logo_clear": "on"})
    assert not Organisation.objects.get(pk=mayang.pk).logo


def test_api_says_whether_it_has_one(client, mayang, media):
    url = "/api/organisasi/35.09.26/"
    assert client.get(url).json()["has_logo"] is False
    services.organisation_logo_set(actor=None, organisation=mayang, upload=_upload(_png(10, 10)))
    assert client.get(url).json()["has_logo"] is True


def _pdf_image_sizes(pdf: bytes) -> list[tuple[int, int]]:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "doc.pdf"
        path.write_bytes(pdf)
        out = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True)
    rows = out.stdout.decode().splitlines()[2:]
    return [(int(r.split()[3]), int(r.split()[4])) for r in rows]


def test_kop_of_pdf_and_word_prints_the_logo(mayang, jember, media):
    """The default emblem is 240 x 280 pixels; the regency's test logo 120 x 60."""
    make_pk(mayang)
    with Image.open(DEFAULT_LOGO) as emblem:
        assert emblem.size == (240, 280)
    assert (240, 280) in _pdf_image_sizes(
        generate("pk", user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
    )
    services.organisation_logo_set(actor=None, organisation=jember, upload=_upload(_png(120, 60)))
    mayang.refresh_from_db()
    sizes = _pdf_image_sizes(
        generate("pk", user=OrganisationReader.of(mayang), organisation=mayang, year=2022)
    )
    assert (120, 60) in sizes and (240, 280) not in sizes
    document = Document(
        io.BytesIO(
            generate(
                "pk", user=OrganisationReader.of(mayang), organisation=mayang, year=2022, fmt="docx"
            )
        )
    )
    kop = document.tables[0]
    blips = kop.rows[0].cells[0]._tc.xpath(".//a:blip/@r:embed")
    assert len(blips) == 1
    assert document.part.related_parts[blips[0]].blob == _png(120, 60)
    assert "PEMERINTAH KABUPATEN JEMBER" in kop.rows[0].cells[1].text
