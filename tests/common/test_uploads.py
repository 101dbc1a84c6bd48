"""The upload checks every app uses (kinerja.common.uploads): accepted types with real bytes,
the size limit, content that does not match its extension, the random stored name and the
messages keyed by the form field."""

import hashlib
import re

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.utils import translation

from kinerja.common.uploads import ALLOWED_EXTENSIONS, checked_upload, content_matches
from kinerja.measurement.models import Evidence, IndicatorValue
from kinerja.organisations.models import Organisation
from tests.helpers import JPEG, PDF, PNG, WEBP, office


def refusal(name: str, content: bytes, field_name: str = "file") -> str:
    with pytest.raises(ValidationError) as exc:
        checked_upload(SimpleUploadedFile(name, content), field_name=field_name)
    assert list(exc.value.message_dict) == [field_name]
    [message] = exc.value.message_dict[field_name]
    return message


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("laporan.pdf", PDF, "application/pdf"),
        ("foto.png", PNG, "image/png"),
        ("FOTO.JPG", JPEG, "image/jpeg"),
        ("foto.jpeg", JPEG, "image/jpeg"),
        ("foto.webp", WEBP, "image/webp"),
        (
            "notulen.docx",
            office("docx"),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        (
            "rekap.xlsx",
            office("xlsx"),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
        ("notulen.odt", office("odt"), "application/vnd.oasis.opendocument.text"),
        ("rekap.ods", office("ods"), "application/vnd.oasis.opendocument.spreadsheet"),
    ],
)
def test_accepted(name, content, content_type):
    checked = checked_upload(SimpleUploadedFile(name, content), field_name="file")
    assert checked.original_name == name
    assert checked.content_type == content_type
    assert checked.size == len(content)
    assert checked.sha256 == hashlib.sha256(content).hexdigest()
    assert checked.content.read() == content
    # a random name with the extension in lower case; the user's name is metadata only
    extension = name.rsplit(".", 1)[1].lower()
    assert re.fullmatch(rf"[0-9a-f]{{32}}\.{extension}", checked.stored_name)
    assert checked.content.name == checked.stored_name


def test_random_names_differ():
    names = {
        checked_upload(SimpleUploadedFile("a.pdf", PDF), field_name="file").stored_name
        for _ in range(3)
    }
    assert len(names) == 3


def test_original_name_loses_its_folders_and_is_cut_to_255():
    checked = checked_upload(SimpleUploadedFile("../../etc/laporan.pdf", PDF), field_name="file")
    assert checked.original_name == "laporan.pdf"
    # the model fields hold 255 characters; the extension survives the cut
    checked = checked_upload(SimpleUploadedFile("x" * 300 + ".pdf", PDF), field_name="file")
    assert len(checked.original_name) == 255
    assert checked.original_name.endswith(".pdf")


@pytest.mark.parametrize("name", ["a.exe", "a.html", "a.svg", "a.doc", "a", "pdf"])
def test_disallowed_extension(name):
    message = refusal(name, PDF)
    assert message == (
        "Files of this type are not accepted. Allowed: "
        "DOCX, JPEG, JPG, ODS, ODT, PDF, PNG, WEBP, XLSX."
    )


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("a.pdf", PNG),
        ("a.pdf", b"<html><script>alert(1)</script></html>"),
        ("a.png", PDF),
        ("a.jpg", PNG),
        ("a.webp", b"RIFF\x10\x00\x00\x00WAVEfmt "),
        ("a.docx", office("xlsx")),
        ("a.xlsx", office("docx")),
        ("a.xlsx", b"PK\x03\x04garbage"),
        ("a.odt", office("ods")),
        ("a.ods", office("docx")),
    ],
)
def test_content_not_matching_the_extension(name, content):
    extension = "." + name.rsplit(".", 1)[1]
    assert refusal(name, content) == (
        f"The content of the file does not match its type ({extension})."
    )


def test_empty_file():
    assert refusal("a.pdf", b"") == "The file is empty."


@override_settings(KINERJA_EVIDENCE_MAX_BYTES=100)
def test_size_limit():
    at_limit = PDF[:8] + b" " * 92
    assert checked_upload(SimpleUploadedFile("ok.pdf", at_limit), field_name="file").size == 100
    assert refusal("big.pdf", at_limit + b" ") == "The file is larger than 0,0 MB."


@override_settings(KINERJA_EVIDENCE_MAX_BYTES=3 * 1024 * 1024 // 2)
def test_size_limit_message_in_megabytes():
    oversized = PDF + b" " * (3 * 1024 * 1024 // 2)
    assert refusal("big.pdf", oversized) == "The file is larger than 1,5 MB."


@override_settings(KINERJA_EVIDENCE_MAX_BYTES=100)
def test_declared_size_refused_before_reading():
    class Declared(SimpleUploadedFile):
        def chunks(self, chunk_size=None):
            raise AssertionError("an oversized upload must not be read")

    upload = Declared("big.pdf", PDF)
    upload.size = 101
    with pytest.raises(ValidationError, match="larger than"):
        checked_upload(upload, field_name="file")


def test_errors_are_keyed_by_the_given_field():
    assert "not accepted" in refusal("a.exe", b"MZ", field_name="minutes")
    assert "does not match" in refusal("a.pdf", PNG, field_name="evidence")


def test_messages_are_translated():
    """The msgids are those of kinerja/locale; Indonesian users read them in Indonesian."""
    with translation.override("id"):
        assert refusal("a.pdf", b"") == "Berkas kosong."
        assert refusal("a.pdf", PNG) == "Isi berkas tidak sesuai dengan jenisnya (.pdf)."
        assert refusal("a.exe", b"MZ").startswith("Berkas jenis ini tidak diterima.")
        with override_settings(KINERJA_EVIDENCE_MAX_BYTES=100):
            assert refusal("big.pdf", PDF + b" " * 100) == "Berkas lebih besar dari 0,0 MB."


def test_every_allowed_extension_has_a_content_check():
    samples = {
        ".pdf": PDF,
        ".png": PNG,
        ".jpg": JPEG,
        ".jpeg": JPEG,
        ".webp": WEBP,
        ".docx": office("docx"),
        ".xlsx": office("xlsx"),
        ".odt": office("odt"),
        ".ods": office("ods"),
    }
    assert set(samples) == set(ALLOWED_EXTENSIONS)
    for extension, data in samples.items():
        assert content_matches(extension, data)
        assert not content_matches(extension, b"")


def test_saved_under_the_random_name_below_media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    value = IndicatorValue(organisation=Organisation(code="35.09.27"), period="2022Q1")
    evidence = Evidence(value=value)
    checked = checked_upload(SimpleUploadedFile("Notulen rapat.pdf", PDF), field_name="file")
    checked.save_to(evidence.file)
    assert evidence.pk is None  # the caller saves the instance, after full_clean
    assert evidence.file.name == f"evidence/35.09.27/2022Q1/{checked.stored_name}"
    assert (tmp_path / evidence.file.name).read_bytes() == PDF


def test_csv_only_where_the_caller_asks_for_it():
    text = b"kode_indikator,periode\n2.1,2022Q1\n"
    assert "CSV" not in refusal("data.csv", text)  # evidence: the default list, without CSV
    checked = checked_upload(
        SimpleUploadedFile("data.csv", text), field_name="file", extensions=(".csv", ".xlsx")
    )
    assert (checked.content_type, checked.size) == ("text/csv", len(text))
    # a workbook or a PDF renamed to .csv is not text
    for data in (office("xlsx"), PDF):
        with pytest.raises(ValidationError):
            checked_upload(
                SimpleUploadedFile("data.csv", data), field_name="file", extensions=(".csv",)
            )
    # a type the caller did not ask for, though known
    with pytest.raises(ValidationError) as exc:
        checked_upload(SimpleUploadedFile("a.pdf", PDF), field_name="file", extensions=(".csv",))
    assert "CSV" in exc.value.message_dict["file"][0]
