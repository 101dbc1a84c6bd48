"""Periods read "TW IV 2022" / "Tahun 2022" on every page, never "2022Q4" or "TW 4".

Crawls the pages of the demo data as each kind of demo user (and anonymously): every page linked
from the starting pages, a few of each kind (each decree, PK, entry page, lineage page, …), and
checks the text a person reads (text, option labels, title and aria-label attributes; not links,
form values or data attributes, where the ISO form belongs). Forms' empty choices are checked on
the way too ("— pilih —", never "---------")."""

from __future__ import annotations

import io
import re
import subprocess
from collections import Counter
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

from kinerja.accounts.access import OrganisationReader

YEAR = 2022
ISO_QUARTER = re.compile(r"\b\d{4}Q[1-4]\b")
ARABIC_TW = re.compile(r"\bTW [1-4]\b")
DASHES = "---------"
READ_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder")
NOT_PAGES = re.compile(
    r"^/(admin|api|i18n|keluar|static|media)/|/(bukti|berkas|notulen|poster)/|"
    r"/(pdf|docx|xlsx)/|format="
)
PER_KIND = 2  # pages of one kind (URL with its numbers taken out) visited per user


class _Reader(HTMLParser):
    """The text of a page as a person reads it, and the links on it."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.links: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag in ("script", "style", "template", "code"):
            self._hidden += 1  # <code>: what a user types in a file, where the ISO form belongs
        if tag == "a" and values.get("href"):
            self.links.append(values["href"])
        self.parts.extend(values[name] for name in READ_ATTRIBUTES if values.get(name))

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style", "template", "code"):
            self._hidden -= 1

    def handle_data(self, data: str) -> None:
        if not self._hidden:
            self.parts.append(data)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.parts))


def _kind(path: str) -> str:
    return re.sub(r"\d+", "N", path.split("?")[0])


def crawl(client: Client, starts: list[str], limit: int = 400) -> dict[str, str]:
    """The text of every page reached from ``starts`` (a few of each kind), by URL."""
    texts: dict[str, str] = {}
    seen: set[str] = set()
    kinds: Counter[str] = Counter()
    queue = list(starts)
    while queue and len(texts) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.add(url)
        kinds[_kind(url)] += 1
        if kinds[_kind(url)] > PER_KIND and url not in starts:
            continue
        response = client.get(url)
        assert response.status_code in (200, 302, 403, 404), (url, response.status_code)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        reader = _Reader()
        reader.feed(response.content.decode())
        texts[url] = reader.text
        for href in reader.links:
            target = urlsplit(urljoin(url, href))
            if target.netloc or not target.path.startswith("/"):
                continue
            path = target.path + (f"?{target.query}" if target.query else "")
            if not NOT_PAGES.search(path) and path not in seen:
                queue.append(path)
    return texts


def _problems(texts: dict[str, str]) -> list[str]:
    found = []
    for url, text in texts.items():
        for pattern in (ISO_QUARTER, ARABIC_TW):
            found += [
                f"{url}: {m.group()!r} in …{_around(text, m)}…" for m in pattern.finditer(text)
            ]
        if DASHES in text:
            found.append(f"{url}: {DASHES!r}")
    return found


def _around(text: str, match: re.Match[str]) -> str:
    return text[max(0, match.start() - 50) : match.end() + 30]


@pytest.fixture
def demo(db: Any) -> dict[str, Any]:
    call_command("demo", "--tahun", str(YEAR), stdout=io.StringIO())
    from kinerja.organisations.models import Organisation

    return {"mayang": Organisation.objects.get(code="35.09.26")}


def _starts(mayang: Any) -> list[str]:
    y, code, pk = YEAR, mayang.code, mayang.pk
    return [
        "/",
        f"/kinerja/?tahun={y}",
        f"/kinerja/isian/?tahun={y}&triwulan=2",
        f"/kinerja/isian/?tahun={y}&triwulan=4",
        "/kinerja/persetujuan/",
        "/koordinasi/",
        f"/keuangan-desa/{pk}/{y}/",
        f"/keuangan-desa/{pk}/rincian/{y}Q3/",
        "/perencanaan/",
        "/perencanaan/renstra/",
        f"/perencanaan/renja/{code}/{y}/",
        "/perencanaan/pembanding/",
        f"/skm/?organisasi={code}&tahun={y}",
        f"/skm/?organisasi={code}&tahun={y}&triwulan=2",
        "/skm/layanan/",
        f"/skm/jawaban/?organisasi={code}&tahun={y}&triwulan=2",
        f"/skm/laporan/?organisasi={code}&tahun={y}&triwulan=2",
        f"/skm/hasil/{code}/{y}/",
        f"/laporan/?organisasi={code}&tahun={y}&triwulan=2",
        "/iku/",
    ]


# The Camat sees every page of the kecamatan; a Kepala Seksi and a village operator see their
# own entry pages and registers; None: an anonymous visitor (public pages).
DEMO_USERS = ["camat.mayang", "kasi.pelayanan", "operator.mrawan", None]


def test_no_page_prints_a_raw_period_in_indonesian_or_english(demo):
    mayang = demo["mayang"]
    starts = _starts(mayang)
    texts: dict[str, str] = {}
    for username in DEMO_USERS:
        client = Client()
        if username:
            client.force_login(get_user_model().objects.get(username=username))
        texts.update({f"{username}@{url}": text for url, text in crawl(client, starts).items()})
    assert _problems(texts) == []

    # The crawl reached the pages that print periods, and they print them the one way.
    visited = {_kind(key.split("@", 1)[1]) for key in texts}
    for kind in [
        "/kinerja/",
        "/kinerja/isian/",
        "/kinerja/isian/N/NQN/",
        "/kinerja/persetujuan/",
        "/koordinasi/indikator/N/NQN/",
        "/keuangan-desa/N/N/",
        "/keuangan-desa/N/rincian/NQN/",
        "/perencanaan/pk/N/",
        "/perencanaan/renja/N.N.N/N/",
        "/skm/",
        "/skm/jawaban/",
        "/skm/laporan/",
        "/skm/hasil/N.N.N/N/",
        "/laporan/",
    ]:
        assert kind in visited, kind
    camat = {key.split("@", 1)[1]: t for key, t in texts.items() if key.startswith("camat.")}
    assert "TW IV 2022" in camat["/kinerja/persetujuan/"]  # the demo leaves TW IV submitted
    board = camat[f"/keuangan-desa/{mayang.pk}/{YEAR}/"]
    assert "Tahun 2022 TW I 2022 TW II 2022 TW III 2022 TW IV 2022" in board
    assert "2.2 · TW III 2022" in camat[f"/keuangan-desa/{mayang.pk}/rincian/{YEAR}Q3/"]
    assert (
        "Mayang · TW II 2022" in camat[f"/laporan/?organisasi={mayang.code}&tahun=2022&triwulan=2"]
    )
    skm = camat[f"/skm/?organisasi={mayang.code}&tahun={YEAR}&triwulan=2"]
    assert "Setahun penuh TW I TW II TW III TW IV" in skm

    # In English, the same pages write them in English.
    client = Client()
    client.force_login(get_user_model().objects.get(username="camat.mayang"))
    client.cookies["django_language"] = "en"
    english = crawl(client, starts, limit=120)
    assert _problems(english) == []
    assert "Q4 2022" in english["/kinerja/persetujuan/"]
    assert "Year 2022 Q1 2022 Q2 2022" in english[f"/keuangan-desa/{mayang.pk}/{YEAR}/"]
    assert "TW " not in english[f"/kinerja/isian/?tahun={YEAR}&triwulan=2"]


def test_the_quarterly_report_writes_its_periods_in_full(demo, tmp_path):
    """The quarterly measurement report (PDF, read back with pdftotext): "Triwulan II Tahun 2022"
    in its title, "TW I".."TW IV" under its charts, never the ISO form."""
    from kinerja.reports.documents import generate

    pdf = generate(
        "pengukuran",
        user=OrganisationReader.of(demo["mayang"]),
        organisation=demo["mayang"],
        year=YEAR,
        quarter=2,
        fmt="pdf",
    )
    (tmp_path / "p.pdf").write_bytes(pdf)
    text = subprocess.run(
        ["pdftotext", "-layout", str(tmp_path / "p.pdf"), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert "TRIWULAN II TAHUN 2022" in text
    assert "s.d. Triwulan II" in text
    assert not ISO_QUARTER.search(text)
    assert not ARABIC_TW.search(text)
