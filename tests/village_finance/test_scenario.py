"""The complete 2022 scenario of indicator 2.2, values computed by hand."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from kinerja.core.periods import parse_period
from kinerja.iku.models import Indicator
from kinerja.measurement import services as measurement_services
from kinerja.measurement.models import IndicatorValue, ValueStatus
from kinerja.measurement.services import snapshot
from kinerja.measurement.sources import compute_from_source
from kinerja.village_finance import selectors, services
from kinerja.village_finance.models import APBDesDocument, DocumentKey, Result, SPJReport
from tests.village_finance.conftest import hand_in

pytestmark = pytest.mark.django_db


def _indicator(mayang):
    return Indicator.objects.get(decree__organisation=mayang, decree__status="in_force", code="2.2")


def _compute(mayang, period):
    result = compute_from_source(_indicator(mayang), mayang, parse_period(period))
    assert result is not None
    return result


def _names(result, where):
    return [r.label.split(" — ")[0] for r in result.records if where in r.counted_in]


def test_seed_names_the_register(mayang):
    indicator = _indicator(mayang)
    assert indicator.value_source == "register"
    assert indicator.source_params["register"] == "village_budget"
    assert indicator.source_params["on_time"] == "first_submission"


def test_year_value(mayang, scenario_2022):
    # Year: APBDes 2022 and year-end SPJ needed. Counted: Mrawan, Seputih (on time on its first
    # submission, correct after correction), Tegalrejo (its S1 problem is not needed for the
    # year), Sumberkejayan, Sidomukti = 5. Not: Mayang (APBDes late), Tegalwaru (no SPJ).
    # 5 / 7 × 100 = 71,428571…
    with translation.override("id"):  # the records' labels as users read them
        result = _compute(mayang, "2022")
    assert (result.numerator, result.denominator) == (Decimal(5), Decimal(7))
    assert result.value.quantize(Decimal("0.01")) == Decimal("71.43")
    assert _names(result, "pembilang") == [
        "Desa Mrawan",
        "Desa Seputih",
        "Desa Tegalrejo",
        "Desa Sumberkejayan",
        "Desa Sidomukti",
    ]
    assert len(_names(result, "penyebut")) == 7


def test_quarters(mayang, scenario_2022):
    # Q1 (ends 31 Mar 2022): only the APBDes is due → all but Mayang (late) = 6 / 7.
    q1 = _compute(mayang, "2022Q1")
    assert (q1.numerator, q1.denominator) == (Decimal(6), Decimal(7))
    # Q3 (ends 30 Sep 2022): APBDes and SPJ S1 (due 31 Jul) → Mrawan, Seputih, Sumberkejayan,
    # Sidomukti = 4 / 7 (Mayang late, Tegalwaru no SPJ, Tegalrejo S1 needs correction).
    q3 = _compute(mayang, "2022Q3")
    assert (q3.numerator, q3.denominator) == (Decimal(4), Decimal(7))


def test_on_time_on_final_submission_is_a_setting(mayang, scenario_2022):
    # Judged on the corrected version, Seputih (corrected 8 Jan 2022 > 31 Dec 2021) drops out:
    # year 5 − 1 = 4 / 7.
    indicator = _indicator(mayang)
    indicator.source_params = {**indicator.source_params, "on_time": "final_submission"}
    result = compute_from_source(indicator, mayang, parse_period("2022"))
    assert (result.numerator, result.denominator) == (Decimal(4), Decimal(7))


def test_records_equal_counts(mayang, scenario_2022):
    for period in ("2022", "2022Q1", "2022Q2", "2022Q3", "2022Q4", "2022S1"):
        result = _compute(mayang, period)
        assert result.numerator == sum("pembilang" in r.counted_in for r in result.records)
        assert result.denominator == sum("penyebut" in r.counted_in for r in result.records)
        # Documents are listed as evidence, counted in nothing.
        assert all(r.counted_in == () for r in result.records if r.kind in ("apbdes", "spj"))
    # Year: 7 APBDes + 6 year-end SPJs (Tegalwaru has none) = 13 document records.
    year = _compute(mayang, "2022")
    assert sum(r.kind in ("apbdes", "spj") for r in year.records) == 13


def test_values_recomputed_on_change(mayang, scenario_2022):
    value = IndicatorValue.objects.get(
        indicator=_indicator(mayang), organisation=mayang, period="2022"
    )
    assert (value.numerator, value.denominator) == (Decimal(5), Decimal(7))
    assert value.source == "register"
    # Tegalwaru hands in its year-end SPJ on time and it is found correct: 6 / 7.
    tegalwaru = scenario_2022[3]
    doc = hand_in(tegalwaru, DocumentKey.SPJ_YEAR_END, dt.date(2023, 3, 30))
    services.document_evaluate(actor=None, document=doc, result=Result.CORRECT)
    value.refresh_from_db()
    assert (value.numerator, value.denominator) == (Decimal(6), Decimal(7))


def test_approved_value_never_changes_silently(mayang, scenario_2022, users):
    value = IndicatorValue.objects.get(
        indicator=_indicator(mayang), organisation=mayang, period="2022"
    )
    value.status = ValueStatus.APPROVED
    value.approved_snapshot = snapshot(value)
    value.save()
    period = parse_period("2022")
    lineage = selectors.village_budget_lineage(user=users.camat, kecamatan=mayang, period=period)
    assert lineage.sources_changed is False
    # Mrawan's APBDes is re-evaluated: Mrawan leaves the numerator (5 → 4) in the register.
    doc = APBDesDocument.objects.get(village=scenario_2022[0], year=2022)
    services.document_evaluate(actor=None, document=doc, result=Result.NEEDS_CORRECTION, notes="x")
    value.refresh_from_db()
    assert (value.numerator, value.status) == (Decimal(5), ValueStatus.APPROVED)
    lineage = selectors.village_budget_lineage(user=users.camat, kecamatan=mayang, period=period)
    assert lineage.sources_changed is True
    assert lineage.result.numerator == Decimal(4)
    # unlocked by the Camat, the value is no longer approved: nothing to compare, it may follow
    # the register again (the old snapshot stays for the record)
    value = measurement_services.value_unlock(actor=users.camat, value=value, reason="koreksi")
    assert value.approved_snapshot
    lineage = selectors.village_budget_lineage(user=users.camat, kecamatan=mayang, period=period)
    assert lineage.sources_changed is False


def test_deadlines_from_settings(mayang, scenario_2022):
    # Defaults: 31 Dec of the year before, 31 Jul, 31 Mar of the next year.
    d = services.deadlines_for(mayang, 2022)
    assert (d["apbdes_deadline"], d["spj_s1_deadline"], d["spj_year_end_deadline"]) == (
        dt.date(2021, 12, 31),
        dt.date(2022, 7, 31),
        dt.date(2023, 3, 31),
    )
    # The kecamatan gives until 15 Jan 2022: Mayang's APBDes of 10 Jan is now on time → 6 / 7.
    services.fiscal_year_settings_save(
        actor=None,
        kecamatan=mayang,
        year=2022,
        apbdes_deadline=dt.date(2022, 1, 15),
        spj_s1_deadline=dt.date(2022, 7, 31),
        spj_year_end_deadline=dt.date(2023, 3, 31),
    )
    assert APBDesDocument.objects.get(village=scenario_2022[1], year=2022).deadline == dt.date(
        2022, 1, 15
    )
    assert _compute(mayang, "2022").numerator == Decimal(6)
    # Q3 also: Mrawan, Mayang, Seputih, Sumberkejayan, Sidomukti = 5.
    assert _compute(mayang, "2022Q3").numerator == Decimal(5)
    assert SPJReport.objects.filter(year=2022, deadline=dt.date(2023, 3, 31)).count() == 6


def test_correction_flow(mayang, villages):
    from django.core.exceptions import ValidationError

    doc = hand_in(villages[0], DocumentKey.APBDES, dt.date(2021, 12, 1))
    with pytest.raises(ValidationError) as err:
        services.document_evaluate(actor=None, document=doc, result=Result.NEEDS_CORRECTION)
    assert "notes" in err.value.message_dict
    services.document_evaluate(actor=None, document=doc, result=Result.NEEDS_CORRECTION, notes="x")
    doc = hand_in(villages[0], DocumentKey.APBDES, dt.date(2022, 1, 5))
    assert (doc.submitted_on, doc.corrected_on, doc.result) == (
        dt.date(2021, 12, 1),
        dt.date(2022, 1, 5),
        Result.PENDING,
    )
    services.document_evaluate(actor=None, document=doc, result=Result.CORRECT)
    with pytest.raises(ValidationError):
        hand_in(villages[0], DocumentKey.APBDES, dt.date(2022, 1, 6))
    assert doc.history.count() == 4


def test_demo_is_idempotent(mayang):
    from kinerja.village_finance.demo import village_documents_sample

    village_documents_sample(mayang, [2022])
    first = APBDesDocument.objects.count(), SPJReport.objects.count()
    village_documents_sample(mayang, [2022])
    assert (APBDesDocument.objects.count(), SPJReport.objects.count()) == first == (7, 12)
    value = IndicatorValue.objects.get(
        indicator=_indicator(mayang), organisation=mayang, period="2022"
    )
    # Same cases as the scenario: 5 / 7.
    assert (value.numerator, value.denominator) == (Decimal(5), Decimal(7))
    assert "DATA CONTOH" in APBDesDocument.objects.first().notes
