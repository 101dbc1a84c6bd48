"""Helpers shared by the tests: row counts, API clients per user, the seed file's path."""

import io
import zipfile
from pathlib import Path
from typing import Any

from django.apps import apps
from django.core.management import call_command
from django.db import connection
from rest_framework.test import APIClient

from kinerja.iku.models import Decree
from kinerja.organisations.models import Organisation

REPO = Path(__file__).resolve().parent.parent
SEED_DECREE_FILE = REPO / "kinerja" / "iku" / "seed" / "mayang-2022.json"

# The models whose rows an import, a refused write or a second load must not add to.
COUNTED_MODELS = [
    "organisations.Organisation",
    "organisations.Unit",
    "organisations.Official",
    "iku.Decree",
    "iku.Clause",
    "iku.Diktum",
    "iku.DiktumItem",
    "iku.PerformanceGoal",
    "iku.Indicator",
    "accounts.Membership",
    "accounts.SampleDataMark",
    "auth.User",
]


def row_counts() -> dict[str, int]:
    """How many rows each counted model (and its history table) has."""
    counts = {}
    for label in COUNTED_MODELS:
        model = apps.get_model(label)
        counts[label] = model._default_manager.count()
        history = getattr(model, "history", None)
        if history is not None:
            counts[f"{label} history"] = history.count()
    return counts


def api_client(user: Any) -> APIClient:
    """An API client logged in as ``user`` (anonymous when the user is not authenticated)."""
    client = APIClient()
    if user is not None and user.is_authenticated:
        client.force_authenticate(user)
    return client


def empty_database() -> None:
    """Remove every row, inside the running test's transaction (rolled back after it)."""
    if connection.vendor == "postgresql":
        # TRUNCATE inside the test's transaction needs the deferred foreign-key checks done.
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    call_command("flush", interactive=False, verbosity=0, inhibit_post_migrate=True)
    assert Organisation.objects.count() == 0
    assert Decree.objects.count() == 0


# Small but real files of each accepted upload type (what the upload check looks at).
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + b"\x00" * 13
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 10
WEBP = b"RIFF\x10\x00\x00\x00WEBPVP8 " + b"\x00" * 8


def office(kind: str) -> bytes:
    """A minimal but real archive of the kind: what Word, Excel or LibreOffice write first."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        if kind in ("odt", "ods"):
            sub = "text" if kind == "odt" else "spreadsheet"
            archive.writestr("mimetype", f"application/vnd.oasis.opendocument.{sub}")
            archive.writestr("content.xml", "<x/>")
        else:
            archive.writestr("[Content_Types].xml", "<Types/>")
            archive.writestr("word/document.xml" if kind == "docx" else "xl/workbook.xml", "<x/>")
    return buffer.getvalue()
