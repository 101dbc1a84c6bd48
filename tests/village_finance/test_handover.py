"""When a village document counts as handed in (issue #10, item 4.4): the server's clock at the
moment its file is uploaded, never a date typed by the operator. An earlier paper handover counts
only once the Kepala Seksi Pemerintahan confirms it with a note (kept in the history); a document
without a file never counts as correct and on time for IKU 2.2.

Default deadlines of fiscal year 2022: APBDes 31 Dec 2021, SPJ S1 31 Jul 2022, year end 31 Mar 2023.
"""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.test import Client
from django.urls import reverse

from kinerja.core.periods import parse_period
from kinerja.iku.models import Indicator
from kinerja.measurement.sources import compute_from_source
from kinerja.village_finance import services
from kinerja.village_finance.models import APBDesDocument, DocumentKey, Result
from tests.village_finance.conftest import evaluate, hand_in, pdf, server_clock

pytestmark = pytest.mark.django_db

D = dt.date


def q1(mayang):
    indicator = Indicator.objects.get(
        decree__organisation=mayang, decree__status="in_force", code="2.2"
    )
    result = compute_from_source(indicator, mayang, parse_period("2022Q1"))
    return result.numerator, result.denominator


def confirm(doc, actor, on, note="Diterima dalam bentuk kertas, nomor agenda 140/12"):
    return services.document_paper_date_confirm(actor=actor, document=doc, paper_date=on, note=note)


def test_the_page_ignores_a_typed_date(users, mayang, villages):
    client = Client()
    client.force_login(users.operator_desa)
    url = reverse("village_finance:document", args=[mayang.pk, 2022, villages[0].pk, "apbdes"])
    with server_clock(D(2022, 1, 10)) as now:
        response = client.post(
            url, {"action": "submit", "submitted_on": "2021-12-01", "file": pdf("apbdes.pdf")}
        )
    assert response.status_code == 302
    doc = services.document_get(villages[0], 2022, "apbdes")
    # handed in when uploaded (10 Jan 2022), not on the typed 1 Dec 2021: late
    assert (doc.submitted_on, doc.uploaded_at) == (D(2022, 1, 10), now)
    assert doc.original_name == "apbdes.pdf"
    page = client.get(url).content.decode()
    assert 'name="submitted_on"' not in page


def test_a_file_is_required(users, villages):
    with pytest.raises(ValidationError) as exc:
        services.document_submit(
            actor=users.operator_desa,
            village=villages[0],
            year=2022,
            document="apbdes",
            upload=None,
        )
    assert "file" in exc.value.message_dict
    assert services.document_get(villages[0], 2022, "apbdes") is None


def test_an_earlier_paper_date_counts_once_the_kasi_confirms_it(users, mayang, villages):
    # Mrawan hands in its APBDes on paper on 20 Dec 2021; the scan is uploaded on 5 Jan 2022.
    doc = hand_in(villages[0], DocumentKey.APBDES, D(2022, 1, 5), actor=users.operator_desa)
    doc = evaluate(doc, Result.CORRECT)
    # Q1 needs the APBDes only: uploaded 5 Jan > deadline 31 Dec 2021 → late → 0 / 7
    assert q1(mayang) == (0, 7)
    # nobody but the Kasi Pemerintahan confirms a paper date
    for actor in (users.operator_desa, users.camat, users.perencana, users.outsider):
        with pytest.raises(PermissionDenied):
            confirm(doc, actor, D(2021, 12, 20))
    assert q1(mayang) == (0, 7)
    doc = confirm(doc, users.kepala_seksi, D(2021, 12, 20))
    assert (doc.submitted_on, doc.paper_date, doc.paper_confirmed_by) == (
        D(2021, 12, 20),
        D(2021, 12, 20),
        users.kepala_seksi,
    )
    # confirmed: on time and correct → 1 / 7
    assert q1(mayang) == (1, 7)
    last = doc.history.order_by("-history_date", "-history_id").first()
    assert (last.history_user, last.paper_date, last.paper_note) == (
        users.kepala_seksi,
        D(2021, 12, 20),
        "Diterima dalam bentuk kertas, nomor agenda 140/12",
    )


@pytest.mark.parametrize(
    ("paper_date", "note", "field"),
    [
        (D(2021, 12, 20), "  ", "note"),  # a note is required
        (D(2022, 1, 6), "x", "paper_date"),  # after the upload (5 Jan): not earlier
        (D(2020, 12, 31), "x", "paper_date"),  # before 1 Jan of the year before the fiscal year
    ],
)
def test_paper_date_checks(users, mayang, villages, paper_date, note, field):
    doc = hand_in(villages[0], DocumentKey.APBDES, D(2022, 1, 5))
    with pytest.raises(ValidationError) as exc:
        confirm(doc, users.kepala_seksi, paper_date, note)
    assert field in exc.value.message_dict
    doc.refresh_from_db()
    assert (doc.submitted_on, doc.paper_date) == (D(2022, 1, 5), None)


def test_a_paper_date_needs_a_file(users, mayang, villages):
    # a document recorded before files were required: typed date, no file
    doc = APBDesDocument.objects.create(
        village=villages[0], year=2022, deadline=D(2021, 12, 31), submitted_on=D(2022, 1, 5)
    )
    with pytest.raises(ValidationError):
        confirm(doc, users.kepala_seksi, D(2021, 12, 20))


def test_a_new_upload_is_a_new_handover(users, mayang, villages):
    doc = hand_in(villages[0], DocumentKey.APBDES, D(2022, 1, 5))
    doc = confirm(doc, users.kepala_seksi, D(2021, 12, 20))
    # the village replaces the file on 7 Jan, before the evaluation: that upload is the handover,
    # the confirmation of the earlier one no longer applies (it stays in the history)
    doc = hand_in(villages[0], DocumentKey.APBDES, D(2022, 1, 7))
    assert (doc.submitted_on, doc.paper_date, doc.paper_note) == (D(2022, 1, 7), None, "")
    assert doc.history.filter(paper_date=D(2021, 12, 20)).exists()


def test_a_correction_has_its_own_handover(users, mayang, villages):
    doc = hand_in(villages[0], DocumentKey.APBDES, D(2021, 12, 15))
    doc = evaluate(doc, Result.NEEDS_CORRECTION, "rincian belanja")
    doc = hand_in(villages[0], DocumentKey.APBDES, D(2022, 1, 10))
    assert (doc.submitted_on, doc.corrected_on, doc.result) == (
        D(2021, 12, 15),
        D(2022, 1, 10),
        Result.PENDING,
    )
    # the corrected version was brought on paper on 8 Jan: confirmed, the correction date moves
    doc = confirm(doc, users.kepala_seksi, D(2022, 1, 8))
    assert (doc.submitted_on, doc.corrected_on) == (D(2021, 12, 15), D(2022, 1, 8))
    # never before the first handover
    with pytest.raises(ValidationError) as exc:
        confirm(doc, users.kepala_seksi, D(2021, 12, 10))
    assert "paper_date" in exc.value.message_dict


def test_a_document_without_a_file_never_counts(mayang, villages, users):
    # Recorded before files were required: handed in on time (20 Dec 2021), evaluated correct,
    # but no file. Q1 needs the APBDes only: without a file Mrawan does not count → 0 / 7.
    APBDesDocument.objects.create(
        village=villages[0],
        year=2022,
        deadline=D(2021, 12, 31),
        submitted_on=D(2021, 12, 20),
        result=Result.CORRECT,
    )
    indicator = Indicator.objects.get(
        decree__organisation=mayang, decree__status="in_force", code="2.2"
    )
    result = compute_from_source(indicator, mayang, parse_period("2022Q1"))
    assert (result.numerator, result.denominator) == (Decimal(0), Decimal(7))
    mrawan = next(r for r in result.records if r.kind == "desa" and r.id == villages[0].pk)
    assert "no file" in mrawan.label
    client = Client()
    client.force_login(users.kepala_seksi)
    board = client.get(reverse("village_finance:board", args=[mayang.pk, 2022])).content.decode()
    assert board.count("Tanpa berkas") == 1
    # with its file uploaded on time it counts → 1 / 7
    APBDesDocument.objects.all().delete()
    evaluate(hand_in(villages[0], DocumentKey.APBDES, D(2021, 12, 20)), Result.CORRECT)
    assert q1(mayang) == (1, 7)


def test_the_confirmation_step_on_the_page(users, mayang, villages):
    doc = hand_in(villages[0], DocumentKey.APBDES, D(2022, 1, 5), actor=users.operator_desa)
    url = reverse("village_finance:document", args=[mayang.pk, 2022, villages[0].pk, "apbdes"])
    body = {"action": "confirm_paper", "paper_date": "2021-12-20", "note": "Agenda 140/12"}
    operator = Client()
    operator.force_login(users.operator_desa)
    assert 'value="confirm_paper"' not in operator.get(url).content.decode()
    assert operator.post(url, body).status_code == 403
    kasi = Client()
    kasi.force_login(users.kepala_seksi)
    assert 'value="confirm_paper"' in kasi.get(url).content.decode()
    refused = kasi.post(url, {**body, "note": ""})
    assert refused.status_code == 200
    doc.refresh_from_db()
    assert doc.paper_date is None
    assert kasi.post(url, body).status_code == 302
    doc.refresh_from_db()
    assert (doc.submitted_on, doc.paper_note) == (D(2021, 12, 20), "Agenda 140/12")
    page = kasi.get(url).content.decode()
    assert "Agenda 140/12" in page and "kasi.pemerintahan" in page
