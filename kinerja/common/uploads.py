"""The checks every uploaded file goes through: value evidence, coordination minutes and
follow-up evidence, village budget documents, realization spreadsheets.

A file is accepted when its extension is allowed (PDF, JPEG/PNG/WebP, DOCX/XLSX/ODT/ODS by default;
a caller may narrow or widen the list, e.g. to CSV and XLSX for an import), it is not empty, it is at most ``KINERJA_EVIDENCE_MAX_BYTES`` and its content is what the extension
says. It is then stored under a random name (the user's file name is kept as metadata only),
below MEDIA_ROOT, outside the web root; the apps serve it through their permission checks
(kinerja.common.downloads).
"""

from __future__ import annotations

import hashlib
import io
import uuid
import zipfile
from collections.abc import Collection
from dataclasses import dataclass
from decimal import Decimal
from pathlib import PurePath

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import UploadedFile
from django.db.models.fields.files import FieldFile
from django.utils.translation import gettext as _

from kinerja.core.numbers import format_id

# extension → (content type, the folder an OOXML archive must hold; None: OpenDocument)
OFFICE_ZIP_MARKERS = {
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "word/"),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xl/"),
    ".odt": ("application/vnd.oasis.opendocument.text", None),
    ".ods": ("application/vnd.oasis.opendocument.spreadsheet", None),
}
PLAIN_TYPES = {
    ".pdf": "application/pdf",
    ".jpg": "image/jpeg",
    ".jpeg": "image/jpeg",
    ".png": "image/png",
    ".webp": "image/webp",
}
ALLOWED_EXTENSIONS = tuple(sorted({*PLAIN_TYPES, *OFFICE_ZIP_MARKERS}))
# Text files, accepted only where a caller asks for them (an import, never evidence).
TEXT_TYPES = {".csv": "text/csv"}
# The first bytes of binary files that a text file never starts with.
BINARY_SIGNATURES = (
    b"PK\x03\x04",  # ZIP: XLSX, DOCX, ODS…
    b"\xd0\xcf\x11\xe0",  # OLE: old XLS/DOC
    b"%PDF-",
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"RIFF",
    b"\x1f\x8b",  # gzip
)


def max_evidence_bytes() -> int:
    """The largest file accepted, in bytes (setting ``KINERJA_EVIDENCE_MAX_BYTES``)."""
    return int(getattr(settings, "KINERJA_EVIDENCE_MAX_BYTES", 10 * 1024 * 1024))


def content_matches(extension: str, data: bytes) -> bool:
    """Whether the content really is what the extension says (the first bytes, and for office
    documents the archive's contents)."""
    if extension == ".pdf":
        return data.startswith(b"%PDF-")
    if extension in (".jpg", ".jpeg"):
        return data.startswith(b"\xff\xd8\xff")
    if extension == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n")
    if extension == ".webp":
        return data[:4] == b"RIFF" and data[8:12] == b"WEBP"
    if extension in TEXT_TYPES:
        # Only "not a binary file": the reader of the text decides about its encoding.
        return not data.startswith(BINARY_SIGNATURES)
    if extension in OFFICE_ZIP_MARKERS:
        if not data.startswith(b"PK\x03\x04"):
            return False
        content_type, marker = OFFICE_ZIP_MARKERS[extension]
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = archive.namelist()
                if marker is None:  # OpenDocument: a "mimetype" member naming the type
                    return (
                        "mimetype" in names
                        and archive.read("mimetype").decode("ascii", "replace").strip()
                        == content_type
                    )
                return "[Content_Types].xml" in names and any(n.startswith(marker) for n in names)
        except (zipfile.BadZipFile, KeyError, OSError):
            return False
    return False


@dataclass(frozen=True)
class CheckedFile:
    """An accepted upload: ``content`` under ``stored_name``, random (with the original
    extension); the rest is what the caller keeps beside the stored file."""

    content: ContentFile[bytes]
    stored_name: str
    original_name: str
    content_type: str
    size: int
    sha256: str

    def save_to(self, field_file: FieldFile) -> None:
        """Store the content in a file field of an unsaved or locked instance (the caller
        saves the instance, after ``full_clean``)."""
        field_file.save(self.stored_name, self.content, save=False)


def checked_upload(
    upload: UploadedFile[bytes],
    *,
    field_name: str,
    extensions: Collection[str] = ALLOWED_EXTENSIONS,
) -> CheckedFile:
    """Check ``upload`` and return it ready to store; a refusal is a ValidationError on
    ``field_name``. ``extensions`` (lower case, with the dot) are the types this caller accepts:
    by default the evidence types; ``.csv`` is known too, images only for a logo."""

    def refuse(message: str) -> ValidationError:
        return ValidationError({field_name: message})

    name = PurePath(upload.name or "").name[:255]
    extension = PurePath(name).suffix.lower()
    known = {*ALLOWED_EXTENSIONS, *TEXT_TYPES}
    allowed = tuple(sorted(e for e in extensions if e in known))
    if extension not in allowed:
        raise refuse(
            _("Files of this type are not accepted. Allowed: %(types)s.")
            % {"types": ", ".join(e.lstrip(".").upper() for e in allowed)}
        )
    limit = max_evidence_bytes()
    too_big = _("The file is larger than %(mb)s MB.") % {
        "mb": format_id(Decimal(limit) / 1048576, 1)
    }
    # The declared size first, so that an oversized file is refused before it is read.
    if upload.size is not None and upload.size > limit:
        raise refuse(too_big)
    data = b"".join(upload.chunks())
    if not data:
        raise refuse(_("The file is empty."))
    if len(data) > limit:
        raise refuse(too_big)
    if not content_matches(extension, data):
        raise refuse(
            _("The content of the file does not match its type (%(ext)s).") % {"ext": extension}
        )
    # A random stored name: the user's file name is kept in original_name only.
    stored_name = f"{uuid.uuid4().hex}{extension}"
    return CheckedFile(
        content=ContentFile(data, name=stored_name),
        stored_name=stored_name,
        original_name=name,
        content_type=PLAIN_TYPES.get(extension)
        or TEXT_TYPES.get(extension)
        or OFFICE_ZIP_MARKERS[extension][0],
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
