"""Planning services: hand-computed checks, warnings, refusals with their messages."""

import datetime as dt
from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from kinerja.iku.models import Indicator
from kinerja.planning import selectors
from kinerja.planning.models import BudgetRealization, Program, Target, TargetRevision
from kinerja.planning.services.agreements import (
    IndicatorTargetsInput,
    agreement_save,
    agreement_sign,
    agreement_targets_set,
    target_revise,
    target_set,
)
from kinerja.planning.services.renja import budget_realization_set, program_save
from kinerja.planning.services.renstra import renstra_save, renstra_target_set
from kinerja.planning.services.target_values import TargetInput
from tests.planning.conftest import fill

pytestmark = pytest.mark.django_db
Y = ["2022", "2022Q1", "2022Q2", "2022Q3", "2022Q4"]


def set_row(agreement, indicator, values, reason=None, actor=None):
    return agreement_targets_set(
        actor=actor,
        agreement=agreement,
        rows={
            indicator.pk: IndicatorTargetsInput(
                values={p: TargetInput(v) for p, v in zip(Y, values, strict=True)},
                mismatch_reason=reason,
            )
        },
    )[indicator.pk]


def test_indonesian_numbers_are_parsed(agreement, ind):
    target_set(
        actor=None, agreement=agreement, indicator=ind["1.1"], period="2022Q3", target="81,5"
    )
    target_set(actor=None, agreement=agreement, indicator=ind["2.1"], period="2022", target="1.5")
    assert Target.objects.get(indicator=ind["1.1"], period="2022Q3").target == D("81.5")
    assert Target.objects.get(indicator=ind["2.1"], period="2022").target == D("1.5")


def test_not_a_number_is_refused_with_the_input_shown(agreement, ind):
    with pytest.raises(ValidationError) as exc:
        target_set(
            actor=None, agreement=agreement, indicator=ind["2.1"], period="2022", target="abc"
        )
    assert "“abc”" in exc.value.message_dict["target"][0]


def test_ratio_rule_tw_iv_is_the_year_and_a_mismatch_needs_a_reason(agreement, ind):
    i = ind["1.1"]  # ratio: quarterly targets are cumulative, TW IV must equal the year
    saved = set_row(agreement, i, ["82", "80", "81", "81,5", "82"])
    assert saved.warnings == []
    before = Target.objects.count()
    with pytest.raises(ValidationError) as exc:
        # TW IV 80 against an annual 82: 80,00 vs 82,00
        set_row(agreement, i, ["82", "80", "81", "81,5", "80"])
    message = exc.value.message_dict[f"{i.pk}/mismatch_reason"][0]
    assert "80,00" in message and "82,00" in message and "TW IV" in message
    assert Target.objects.get(indicator=i, period="2022Q4").target == D(82)  # nothing written
    assert Target.objects.count() == before
    saved = set_row(agreement, i, ["82", "80", "81", "81,5", "80"], reason="Survei TW IV diundur")
    assert len(saved.warnings) == 1 and "80,00" in saved.warnings[0]
    annual = Target.objects.get(indicator=i, period="2022")
    assert annual.mismatch_reason == "Survei TW IV diundur"
    # put right again: the reason is no longer needed and is cleared
    set_row(agreement, i, ["82", "80", "81", "81,5", "82"], reason="")
    assert Target.objects.get(indicator=i, period="2022").mismatch_reason == ""


def test_sum_rule(agreement, ind, as_rule):
    i = as_rule(ind["2.1"], "sum")
    # 10 + 20 + 30 + 40 = 100 = annual: no warning
    assert set_row(agreement, i, ["100", "10", "20", "30", "40"]).warnings == []
    # 10 + 20 + 30 + 30 = 90 ≠ 100
    with pytest.raises(ValidationError) as exc:
        set_row(agreement, i, ["100", "10", "20", "30", "30"])
    assert "90,00" in exc.value.messages[0] and "100,00" in exc.value.messages[0]
    saved = set_row(agreement, i, ["100", "10", "20", "30", "30"], reason="Sisa di tahun depan")
    assert "90,00" in saved.warnings[0]


def test_last_rule(agreement, ind, as_rule):
    i = as_rule(ind["2.2"], "last")
    assert set_row(agreement, i, ["82", "1", "2", "3", "82"]).warnings == []
    with pytest.raises(ValidationError) as exc:
        set_row(agreement, i, ["82", "82", "82", "82", "81"])  # TW IV 81 ≠ 82
    assert "81,00" in exc.value.messages[0]


def test_average_rule(agreement, ind, as_rule):
    i = as_rule(ind["2.3"], "average")
    # (80 + 81 + 81,5 + 82) / 4 = 324,5 / 4 = 81,125 → 81,13 at 2 decimals (half up)
    assert set_row(agreement, i, ["81,13", "80", "81", "81,5", "82"]).warnings == []
    with pytest.raises(ValidationError) as exc:
        set_row(agreement, i, ["82", "80", "81", "81,5", "82"])
    assert "81,13" in exc.value.messages[0] and "82,00" in exc.value.messages[0]


def test_incomplete_quarters_are_not_a_mismatch(agreement, ind, as_rule):
    i = as_rule(ind["2.1"], "sum")
    assert set_row(agreement, i, ["100", "10", "", "", ""]).warnings == []


def test_single_target_set_asks_for_the_reason_too(agreement, ind):
    i = ind["2.1"]
    target_set(actor=None, agreement=agreement, indicator=i, period="2022", target=90)
    with pytest.raises(ValidationError) as exc:
        target_set(actor=None, agreement=agreement, indicator=i, period="2022Q4", target=85)
    assert "mismatch_reason" in exc.value.message_dict
    result = target_set(
        actor=None,
        agreement=agreement,
        indicator=i,
        period="2022Q4",
        target=85,
        mismatch_reason="Target TW IV realistis",
    )
    assert result.warnings and not Target.objects.filter(period="2022Q4", target=90).exists()


def test_validation_refusals(agreement, ind):
    i = ind["2.1"]
    cases = [
        ({"period": "2023", "target": 1}, "period", "2022Q1"),
        ({"period": "2022", "target": -5}, "target", "negative"),
        ({"period": "2022", "target": 80, "target_upper": 90}, "target_upper", "range"),
        ({"period": "2022", "target_grade": "WTP"}, "target_grade", "not a grade"),
    ]
    for kwargs, field, words in cases:
        with pytest.raises(ValidationError) as exc:
            target_set(actor=None, agreement=agreement, indicator=i, **kwargs)
        assert words in exc.value.message_dict[field][0], kwargs


def test_range_and_ordinal_indicators(agreement, ind):
    i = ind["2.1"]
    Indicator.objects.filter(pk=i.pk).update(polarity="range")
    i.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        target_set(
            actor=None, agreement=agreement, indicator=i, period="2022", target=90, target_upper=80
        )
    assert "90,00" in exc.value.message_dict["target_upper"][0]
    with pytest.raises(ValidationError) as exc:
        target_set(actor=None, agreement=agreement, indicator=i, period="2022", target=80)
    assert "upper bound" in exc.value.message_dict["target_upper"][0]
    target_set(
        actor=None, agreement=agreement, indicator=i, period="2022", target=80, target_upper=90
    )
    j = ind["2.2"]
    Indicator.objects.filter(pk=j.pk).update(scale="bpk", unit="opini")
    j.refresh_from_db()
    with pytest.raises(ValidationError) as exc:
        target_set(actor=None, agreement=agreement, indicator=j, period="2022", target_grade="AA")
    assert "WTP, WDP, TW, TMP" in exc.value.message_dict["target_grade"][0]
    target_set(actor=None, agreement=agreement, indicator=j, period="2022", target_grade="WTP")
    with pytest.raises(ValidationError):  # TW IV WDP differs from the year's WTP
        target_set(
            actor=None, agreement=agreement, indicator=j, period="2022Q4", target_grade="WDP"
        )


def test_sign_needs_date_and_every_annual_target(agreement, ind):
    target_set(actor=None, agreement=agreement, indicator=ind["1.1"], period="2022", target=82)
    with pytest.raises(ValidationError) as exc:
        agreement_sign(actor=None, agreement=agreement)
    assert "missing: 2.1, 2.2, 2.3, 2.4" in exc.value.messages[0]
    fill(agreement, ind)
    agreement.date_signed = None
    with pytest.raises(ValidationError) as exc:
        agreement_sign(actor=None, agreement=agreement)
    assert "date_signed" in exc.value.message_dict
    signed = agreement_sign(actor=None, agreement=agreement, date_signed=dt.date(2022, 2, 1))
    assert signed.status == "signed" and signed.date_signed == dt.date(2022, 2, 1)
    with pytest.raises(ValidationError) as exc:
        target_set(actor=None, agreement=agreement, indicator=ind["1.1"], period="2022", target=83)
    assert "revision" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        agreement_save(
            actor=None,
            organisation=agreement.organisation,
            agreement=agreement,
            year=2022,
            first_party=agreement.first_party,
        )


def test_revision_after_signing_records_old_new_who_when(signed, ind, users):
    i = ind["2.1"]
    common = {"actor": users.perencana, "agreement": signed, "indicator": i, "period": "2022"}
    with pytest.raises(ValidationError) as exc:
        target_revise(**common, target="92", reason="", document_number="", document_date=None)
    assert set(exc.value.message_dict) == {"reason", "document_number", "document_date"}
    with pytest.raises(ValidationError) as exc:
        target_revise(
            **common,
            target="90",
            reason="x",
            document_number="1",
            document_date=dt.date(2022, 6, 1),
        )
    assert "same" in exc.value.messages[0]
    # annual 92 while TW IV stays 90: a ratio mismatch, so the reason is needed as well
    with pytest.raises(ValidationError) as exc:
        target_revise(
            **common,
            target="92",
            reason="Perubahan APBD",
            document_number="050/12/2022",
            document_date=dt.date(2022, 9, 1),
        )
    assert "mismatch_reason" in exc.value.message_dict
    assert TargetRevision.objects.count() == 0
    result = target_revise(
        **common,
        target="92",
        reason="Perubahan APBD",
        document_number="050/12/2022",
        document_date=dt.date(2022, 9, 1),
        mismatch_reason="TW IV direvisi kemudian",
    )
    revision = result.revisions[0]
    assert (revision.old_target, revision.new_target) == (D(90), D(92))
    assert revision.revised_by == users.perencana and revision.revised_at is not None
    assert revision.document_number == "050/12/2022"
    assert Target.objects.get(agreement=signed, indicator=i, period="2022").target == D(92)
    assert Target.history.filter(id=revision.target_id).first().history_user == users.perencana
    assert selectors.revisions_of(signed) == [revision]


def test_revision_of_a_draft_is_refused(filled, ind):
    with pytest.raises(ValidationError) as exc:
        target_revise(
            actor=None,
            agreement=filled,
            indicator=ind["2.1"],
            period="2022",
            target=1,
            reason="r",
            document_number="1",
            document_date=dt.date(2022, 1, 1),
        )
    assert "not signed" in exc.value.messages[0]


@pytest.mark.parametrize("role", ["kepala_seksi", "operator_desa", "outsider"])
def test_only_editors_of_the_kecamatan_write(agreement, ind, users, role):
    with pytest.raises(PermissionDenied):
        target_set(
            actor=getattr(users, role),
            agreement=agreement,
            indicator=ind["2.1"],
            period="2022",
            target=1,
        )
    with pytest.raises(PermissionDenied):
        program_save(
            actor=getattr(users, role),
            organisation=agreement.organisation,
            year=2022,
            level="program",
            name="P",
            budget=0,
        )


@pytest.mark.parametrize("role", ["camat", "perencana", "admin_kabupaten"])
def test_editors_write(agreement, ind, users, role):
    target_set(
        actor=getattr(users, role),
        agreement=agreement,
        indicator=ind["2.1"],
        period="2022",
        target=1,
    )


def test_program_tree_and_budget(mayang, ind):
    with pytest.raises(ValidationError) as exc:
        program_save(
            actor=None, organisation=mayang, year=2022, level="kegiatan", name="K", budget="1.000"
        )
    assert "must be part of" in exc.value.message_dict["parent"][0]
    with pytest.raises(ValidationError) as exc:
        program_save(
            actor=None, organisation=mayang, year=2022, level="program", name="P", budget="-1"
        )
    assert "negative" in exc.value.message_dict["budget"][0]
    program = program_save(
        actor=None, organisation=mayang, year=2022, level="program", name="P", budget="0"
    )
    kegiatan = program_save(
        actor=None,
        organisation=mayang,
        year=2022,
        level="kegiatan",
        parent=program,
        name="K",
        budget="100.000.000",
        indicators=[ind["2.1"]],
    )
    assert kegiatan.budget == D(100_000_000) and list(kegiatan.indicators.all()) == [ind["2.1"]]
    first = budget_realization_set(
        actor=None, program=kegiatan, period="2022Q1", amount="60.000.000"
    )
    assert first.warnings == []
    # 60.000.000 + 50.000.000 = 110.000.000 > 100.000.000: a warning, still saved
    second = budget_realization_set(
        actor=None, program=kegiatan, period="2022Q2", amount="50.000.000"
    )
    assert "110.000.000" in second.warnings[0] and "100.000.000" in second.warnings[0]
    assert BudgetRealization.objects.filter(program=kegiatan).count() == 2
    with pytest.raises(ValidationError) as exc:
        budget_realization_set(actor=None, program=kegiatan, period="2022Q3", amount="-5")
    assert "negative" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        budget_realization_set(actor=None, program=kegiatan, period="2023Q1", amount="5")
    rows = selectors.renja_rows(organisation=mayang, year=2022)
    assert [r.program for r in rows] == [program, kegiatan]
    # spent share: 110.000.000 / 100.000.000 × 100 = 110 %; the program rolls its activity up
    assert rows[1].share == D(110) and rows[0].spent == D(110_000_000)
    assert Program.objects.count() == 2


def test_renstra_targets(mayang, ind):
    renstra = renstra_save(
        actor=None, organisation=mayang, title="Renstra", start_year=2021, end_year=2026
    )
    renstra_target_set(actor=None, renstra=renstra, indicator=ind["2.1"], year=2022, target="80")
    renstra_target_set(actor=None, renstra=renstra, indicator=ind["2.1"], year=None, target="90")
    with pytest.raises(ValidationError) as exc:
        renstra_target_set(actor=None, renstra=renstra, indicator=ind["2.1"], year=2027, target="1")
    assert "2021-2026" in exc.value.message_dict["year"][0]
    years, rows = selectors.renstra_grid(renstra)
    assert years == [2021, 2022, 2023, 2024, 2025, 2026]
    row = next(r for r in rows if r.indicator == ind["2.1"])
    assert row.cells[1][1].target == D(80) and row.cells[-1][0] is None
    assert row.cells[-1][1].target == D(90)
    # an empty target removes it
    renstra_target_set(actor=None, renstra=renstra, indicator=ind["2.1"], year=2022, target="")
    assert renstra.targets.count() == 1


def test_targets_for_shape(filled, ind, mayang):
    targets = selectors.targets_for(organisation=mayang, year=2022)
    assert len(targets) == 5 * 5
    assert targets[(ind["1.1"].pk, "2022Q3")].target == D("81.5")
    assert targets[(ind["2.4"].pk, "2022")].target == D(90)
    assert selectors.targets_for(organisation=mayang, year=2023) == {}


def test_agreement_rows_queries_do_not_grow_with_the_indicators(agreement, ind):
    """The warnings of the PK lampiran are checked on the targets already read, not re-read per
    indicator (the PK page, the PK document and the LKjIP all print these rows)."""
    set_row(agreement, ind["1.1"], ["82", "80", "81", "81,5", "80"], reason="Survei TW IV diundur")
    with CaptureQueriesContext(connection) as one:
        blocks = selectors.agreement_rows(agreement)
    warnings = [r.warning for b in blocks for r in b.rows if r.warning]
    assert len(warnings) == 1 and "80,00" in warnings[0]
    fill(agreement, ind)
    with CaptureQueriesContext(connection) as five:
        selectors.agreement_rows(agreement)
    assert len(five) == len(one)
