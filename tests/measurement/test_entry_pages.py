"""The entry pages: the list of a Kepala Seksi, the form with Indonesian numbers, bad input kept,
conflicts explained, workflow buttons, evidence upload and download, the approval queue."""

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.measurement import services
from kinerja.measurement.models import IndicatorValue

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n%%EOF\n"


def entry_url(indicator, period="2022Q1"):
    return reverse("measurement:entry", args=[indicator.pk, period])


def test_kepala_seksi_sees_the_indicators_of_the_unit(client_as, ind):
    response = client_as("kepala_seksi").get(
        reverse("measurement:entry-list") + "?tahun=2022&triwulan=1"
    )
    assert response.status_code == 200
    codes = [row["indicator"].code for row in response.context["rows"]]
    assert codes == ["2.1", "2.2"]  # Seksi Pemerintahan
    assert 'href="{}"'.format(entry_url(ind("2.1"))) in response.content.decode()
    perencana = client_as("perencana").get(
        reverse("measurement:entry-list") + "?tahun=2022&triwulan=1"
    )
    assert [r["indicator"].code for r in perencana.context["rows"]] == [
        "1.1",
        "2.1",
        "2.2",
        "2.3",
        "2.4",
    ]
    operator = client_as("operator_desa").get(reverse("measurement:entry-list"))
    assert operator.context["rows"] == []


def test_form_uses_decimal_text_inputs(client_as, ind):
    html = client_as("kepala_seksi").get(entry_url(ind("2.1"))).content.decode()
    assert 'inputmode="decimal"' in html and 'name="numerator"' in html and 'name="kendala"' in html
    assert 'name="version" value="0"' in html


def test_save_with_indonesian_numbers(client_as, ind):
    response = client_as("kepala_seksi").post(
        entry_url(ind("2.1")),
        {
            "numerator": "1.234,5",
            "denominator": "2.469",
            "kendala": "",
            "upaya": "Rapat",
            "version": "0",
        },
    )
    assert response.status_code == 302
    v = IndicatorValue.objects.get()
    # 1234.5 / 2469 × 100 = 50
    assert v.value == Decimal("50") and v.upaya == "Rapat"
    page = client_as("kepala_seksi").get(entry_url(ind("2.1"))).content.decode()
    assert "50,00" in page and 'value="1.234,5"' in page


def test_bad_input_is_kept_with_messages(client_as, ind):
    response = client_as("kepala_seksi").post(
        entry_url(ind("2.1")),
        {"numerator": "12", "denominator": "10", "kendala": "Banyak undangan", "version": "0"},
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert 'value="12"' in html and "Banyak undangan" in html
    assert "cannot be larger than the denominator" in html or "tidak boleh" in html.lower()
    assert not IndicatorValue.objects.exists()


def test_denominator_zero_shows_dash(client_as, ind):
    client_as("kepala_seksi").post(
        entry_url(ind("2.1")), {"numerator": "0", "denominator": "0", "version": "0"}
    )
    response = client_as("kepala_seksi").get(
        reverse("measurement:entry-list") + "?tahun=2022&triwulan=1"
    )
    assert response.context["rows"][0]["shown"] == "—"


def test_conflict_is_explained_and_input_kept(client_as, ind, users):
    services.value_save(
        actor=users.perencana,
        indicator=ind("2.1"),
        organisation=ind("2.1").decree.organisation,
        period="2022Q1",
        numerator="1",
        denominator="2",
    )
    response = client_as("kepala_seksi").post(
        entry_url(ind("2.1")), {"numerator": "7", "denominator": "9", "version": "0"}
    )
    html = response.content.decode()
    assert response.status_code == 200 and "perencana.mayang" in html and 'value="7"' in html
    assert IndicatorValue.objects.get().numerator == 1


def test_buttons_follow_the_role(client_as, ind, users):
    v = services.value_save(
        actor=users.kepala_seksi,
        indicator=ind("2.1"),
        organisation=ind("2.1").decree.organisation,
        period="2022Q1",
        numerator="9",
        denominator="10",
    )
    submit = reverse("measurement:value-action", args=[ind("2.1").pk, "2022Q1", "submit"])
    verify = reverse("measurement:value-action", args=[ind("2.1").pk, "2022Q1", "verify"])
    assert submit in client_as("kepala_seksi").get(entry_url(ind("2.1"))).content.decode()
    assert client_as("kepala_seksi").post(submit, {"version": v.version}).status_code == 302
    kasi = client_as("kepala_seksi").get(entry_url(ind("2.1"))).content.decode()
    assert verify not in kasi and 'name="numerator"' not in kasi
    assert verify in client_as("perencana").get(entry_url(ind("2.1"))).content.decode()
    # a return without a note is refused on the page, with the message
    ret = reverse("measurement:value-action", args=[ind("2.1").pk, "2022Q1", "return"])
    response = client_as("perencana").post(ret, {"note": "", "version": 2})
    assert response.status_code == 200 and IndicatorValue.objects.get().status == "submitted"
    approve = reverse("measurement:value-action", args=[ind("2.1").pk, "2022Q1", "approve"])
    # three steps: the Camat gets no approve button before the Perencana verifies
    assert approve not in client_as("camat").get(entry_url(ind("2.1"))).content.decode()
    assert client_as("perencana").post(verify, {"version": 2}).status_code == 302
    assert approve in client_as("camat").get(entry_url(ind("2.1"))).content.decode()
    assert client_as("camat").post(approve, {"version": 3}).status_code == 302
    assert IndicatorValue.objects.get().status == "approved"


def test_queue_per_role(client_as, ind, users):
    kw = {
        "actor": users.kepala_seksi,
        "indicator": ind("2.1"),
        "organisation": ind("2.1").decree.organisation,
    }
    a = services.value_save(period="2022Q1", numerator="9", denominator="10", **kw)
    b = services.value_save(period="2022Q2", numerator="8", denominator="10", **kw)
    services.value_submit(actor=users.kepala_seksi, value=a)
    services.value_submit(actor=users.kepala_seksi, value=b)
    services.value_verify(actor=users.perencana, value=b)
    queue = reverse("measurement:approval-queue")

    def periods(role):
        q = client_as(role).get(queue).context["queue"]
        return [v.period for v in q.waiting_verification], [v.period for v in q.ready_for_approval]

    # submitted a waits for the Perencana; verified b is ready for the Camat (three steps)
    assert periods("perencana") == periods("camat") == (["2022Q1"], ["2022Q2"])
    assert periods("outsider") == ([], [])


def test_evidence_upload_download_and_lock(client_as, ind, users):
    v = services.value_save(
        actor=users.kepala_seksi,
        indicator=ind("2.1"),
        organisation=ind("2.1").decree.organisation,
        period="2022Q1",
        numerator="9",
        denominator="10",
    )
    add = reverse("measurement:evidence-add", args=[ind("2.1").pk, "2022Q1"])
    bad = client_as("kepala_seksi").post(add, {"file": SimpleUploadedFile("x.pdf", b"MZ\x90\x00")})
    assert (
        bad.status_code == 200
        and "does not match" in bad.content.decode()
        or "tidak sesuai" in bad.content.decode()
    )
    ok = client_as("kepala_seksi").post(
        add, {"file": SimpleUploadedFile("notulen rapat.pdf", PDF), "description": "Notulen"}
    )
    assert ok.status_code == 302
    evidence = v.evidence.get()
    url = reverse("measurement:evidence-file", args=[evidence.pk])
    response = client_as("operator_desa").get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == PDF
    assert response["X-Content-Type-Options"] == "nosniff"
    # a PDF opens in the browser, sandboxed; ?unduh=1 is the download beside it
    assert response["Content-Disposition"] == 'inline; filename="notulen rapat.pdf"'
    assert response["Content-Security-Policy"].startswith("sandbox;")
    assert response["Content-Type"] == "application/pdf"
    download = client_as("operator_desa").get(url + "?unduh=1")
    assert download["Content-Disposition"] == 'attachment; filename="notulen rapat.pdf"'
    page = client_as("operator_desa").get(
        reverse("measurement:entry", args=[ind("2.1").pk, "2022Q1"])
    )
    assert f'href="{url}?unduh=1"' in page.content.decode()
    assert client_as("outsider").get(url).status_code == 404
    services.value_submit(actor=users.kepala_seksi, value=v)
    services.value_verify(actor=users.perencana, value=v)
    services.value_approve(actor=users.camat, value=v)
    # approved values are public, their evidence files are not [D]
    assert client_as("outsider").get(url).status_code == 404
    remove = reverse("measurement:evidence-remove", args=[evidence.pk])
    client_as("kepala_seksi").post(remove)
    evidence.refresh_from_db()
    assert evidence.removed_at is None


def test_year_is_not_grouped_and_queue_link_only_for_approvers(client_as):
    url = reverse("measurement:entry-list") + "?tahun=2023&triwulan=4"
    kasi = client_as("kepala_seksi").get(url).content.decode()
    assert ">2023<" in kasi and "2.023" not in kasi
    assert reverse("measurement:approval-queue") not in kasi
    assert reverse("measurement:approval-queue") in client_as("camat").get(url).content.decode()


@pytest.mark.parametrize(
    ("digits", "message"), [(15, "14 angka"), (30, "14 angka"), (60, "paling banyak 40 karakter")]
)
def test_a_number_too_long_is_refused_with_a_message_not_a_500(client_as, ind, digits, message):
    """15 digits are one too many for the column; 30 used to end in a 500 (quantize raised
    InvalidOperation before the size was checked); past 40 characters the form refuses it."""
    long_number = "9" * digits
    response = client_as("kepala_seksi").post(
        entry_url(ind("2.1")),
        {"numerator": long_number, "denominator": long_number, "version": "0"},
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not IndicatorValue.objects.exists()
