import datetime as dt
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any
from unittest import mock

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from kinerja.organisations.models import Organisation
from kinerja.village_finance import services
from kinerja.village_finance.models import DocumentKey, Result


@pytest.fixture
def villages(mayang: Organisation) -> list[Organisation]:
    """Mayang's 7 villages in code order: Mrawan, Mayang, Seputih, Tegalwaru, Tegalrejo,
    Sumberkejayan, Sidomukti."""
    found = list(services.villages_of(mayang))
    assert [v.name for v in found] == [
        "Mrawan",
        "Mayang",
        "Seputih",
        "Tegalwaru",
        "Tegalrejo",
        "Sumberkejayan",
        "Sidomukti",
    ]
    return found


# the smallest file that passes the upload check (extension + magic bytes)
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def pdf(name: str = "dokumen.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@contextmanager
def server_clock(day: dt.date, hour: int = 10) -> Iterator[dt.datetime]:
    """The server's clock reads ``day`` at ``hour`` (Asia/Jakarta) inside the block: the
    register takes the handover time from it."""
    moment = dt.datetime.combine(day, dt.time(hour), tzinfo=zoneinfo.ZoneInfo(settings.TIME_ZONE))
    with mock.patch("django.utils.timezone.now", return_value=moment):
        yield moment


@pytest.fixture(autouse=True)
def _media(settings: Any, tmp_path: Any) -> None:
    settings.MEDIA_ROOT = tmp_path / "media"


def hand_in(
    village: Organisation, key: DocumentKey, on: dt.date, year: int = 2022, actor: Any = None
) -> Any:
    """The village uploads the document's file on ``on`` (the server's clock that day)."""
    with server_clock(on):
        return services.document_submit(
            actor=actor,
            village=village,
            year=year,
            document=key,
            upload=pdf(f"{DocumentKey(key).value}-{village.code}-{year}.pdf"),
        )


def evaluate(doc: Any, result: Result, notes: str = "") -> Any:
    return services.document_evaluate(actor=None, document=doc, result=result, notes=notes)


@pytest.fixture
def scenario_2022(villages: list[Organisation]) -> list[Organisation]:
    """Fiscal year 2022 (default deadlines: APBDes 31 Dec 2021, SPJ S1 31 Jul 2022, SPJ year end
    31 Mar 2023), every document uploaded with its file on the date given (the server's clock):
    0 Mrawan: all three correct and on time;
    1 Mayang: APBDes late (10 Jan 2022), correct; SPJs fine;
    2 Seputih: APBDes on time (15 Dec 2021), needs correction, corrected 8 Jan 2022, correct;
    3 Tegalwaru: APBDes fine, no SPJ at all;
    4 Tegalrejo: APBDes fine, SPJ S1 needs correction (not corrected); year-end SPJ fine;
    5 Sumberkejayan, 6 Sidomukti: all fine."""
    with services.refresh_deferred():
        _load(villages)
    return villages


def _load(villages: list[Organisation]) -> None:
    ok, late = dt.date(2021, 12, 20), dt.date(2022, 1, 10)
    for i, village in enumerate(villages):
        if i == 2:
            doc = hand_in(village, DocumentKey.APBDES, dt.date(2021, 12, 15))
            evaluate(doc, Result.NEEDS_CORRECTION, "rincian belanja")
            doc = hand_in(village, DocumentKey.APBDES, dt.date(2022, 1, 8))
            evaluate(doc, Result.CORRECT)
        else:
            evaluate(hand_in(village, DocumentKey.APBDES, late if i == 1 else ok), Result.CORRECT)
        if i == 3:
            continue
        s1 = hand_in(village, DocumentKey.SPJ_S1, dt.date(2022, 7, 20))
        evaluate(s1, Result.NEEDS_CORRECTION if i == 4 else Result.CORRECT, "x")
        evaluate(hand_in(village, DocumentKey.SPJ_YEAR_END, dt.date(2023, 3, 15)), Result.CORRECT)
