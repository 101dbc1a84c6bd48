"""value_save: numbers read the Indonesian way, refusals with messages, versions, locks, sources."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from kinerja.measurement import services
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import Source, SourceResult, register_source, unregister_source

pytestmark = pytest.mark.django_db


def save(users, indicator, **kwargs):
    kwargs.setdefault("actor", users.kepala_seksi)
    kwargs.setdefault("organisation", indicator.decree.organisation)
    kwargs.setdefault("period", "2022Q1")
    return services.value_save(indicator=indicator, **kwargs)


def test_value_from_components_and_period_dates(users, ind):
    # 2.1: 9 followed up of 12 coordination results: 9 / 12 × 100 = 75
    v = save(users, ind("2.1"), numerator="9", denominator="12")
    assert v.value == Decimal("75")
    assert (v.period, str(v.period_start), str(v.period_end)) == (
        "2022Q1",
        "2022-01-01",
        "2022-03-31",
    )
    assert v.version == 1 and v.status == "draft" and v.source == "manual"


@pytest.mark.parametrize(
    ("num", "den", "expected"),
    [
        # "1.234,5" / "2.469" = 1234.5 / 2469 × 100 = 50
        ("1.234,5", "2.469", Decimal("50")),
        # "1,5" / "3" = 0.5 → 50
        ("1,5", "3", Decimal("50")),
        # "1.5" (a decimal point: not followed by three digits) / "6" = 0.25 → 25
        ("1.5", "6", Decimal("25")),
        # "1.234" is one thousand two hundred thirty-four: 1234 / 2468 → 50
        ("1.234", "2.468", Decimal("50")),
    ],
)
def test_indonesian_numbers(users, ind, num, den, expected):
    v = save(users, ind("2.1"), numerator=num, denominator=den)
    assert v.value == expected


def test_denominator_zero_gives_no_value(users, ind):
    v = save(users, ind("2.1"), numerator="0", denominator="0")
    assert v.value is None and v.denominator == 0


def test_factor_of_skm_indicator(users, ind):
    # 1.1 has factor 25: 28,8 / 9 × 25 = 3.2 × 25 = 80
    v = save(users, ind("1.1"), actor=users.perencana, numerator="28,8", denominator="9")
    assert v.value == Decimal("80")


@pytest.mark.parametrize(
    ("num", "den", "field", "fragment"),
    [
        ("-1", "5", "numerator", "cannot be negative"),
        ("1", "-5", "denominator", "cannot be negative"),
        ("6", "5", "numerator", "cannot be larger than the denominator"),
        ("abc", "5", "numerator", "is not a number"),
        ("1", "", "denominator", "Enter both"),
    ],
)
def test_refusals(users, ind, num, den, field, fragment):
    with pytest.raises(ValidationError) as exc:
        save(users, ind("2.1"), numerator=num, denominator=den)
    assert fragment in " ".join(exc.value.message_dict[field])
    assert not IndicatorValue.objects.exists()


def test_numerator_above_denominator_allowed_when_not_percentage(users, ind):
    # 1.1 (unit "nilai"): 36 / 9 × 25 = 100; a numerator above the denominator is normal here
    v = save(users, ind("1.1"), actor=users.camat, numerator="36", denominator="9")
    assert v.value == Decimal("100")


def test_several_bad_fields_reported_together(users, ind):
    with pytest.raises(ValidationError) as exc:
        save(users, ind("2.1"), numerator="x", denominator="-2")
    assert set(exc.value.message_dict) == {"numerator", "denominator"}


def test_direct_value_refused_for_component_indicator(users, ind):
    with pytest.raises(ValidationError) as exc:
        save(users, ind("2.1"), value="80")
    assert "value" in exc.value.message_dict


def test_direct_value_for_indicator_without_components(users, ind):
    indicator = ind("2.1")
    indicator.numerator_definition = indicator.denominator_definition = ""
    indicator.save()
    v = save(users, indicator, value="87,5")
    assert v.value == Decimal("87.5") and v.numerator is None


def test_grade_of_ordinal_indicator(users, ind):
    indicator = ind("2.1")
    indicator.scale = "bpk"
    indicator.save()
    assert save(users, indicator, grade="WDP").grade == "WDP"
    with pytest.raises(ValidationError) as exc:
        save(users, indicator, grade="XYZ", period="2022Q2")
    assert "WTP, WDP, TW, TMP" in exc.value.message_dict["grade"][0]


def test_version_conflict_names_who_saved(users, ind):
    first = save(users, ind("2.1"), numerator="1", denominator="2", expected_version=0)
    save(
        users, ind("2.1"), actor=users.perencana, numerator="2", denominator="2", expected_version=1
    )
    with pytest.raises(services.VersionConflict) as exc:
        save(users, ind("2.1"), numerator="3", denominator="4", expected_version=first.version)
    assert "perencana.mayang" in exc.value.messages[0]
    v = IndicatorValue.objects.get()
    # the second save stays: 2 / 2 × 100 = 100, version 2
    assert (v.value, v.version) == (Decimal("100"), 2)


def test_new_value_created_meanwhile_is_a_conflict(users, ind):
    save(users, ind("2.1"), actor=users.perencana, numerator="1", denominator="2")
    with pytest.raises(services.VersionConflict):
        save(users, ind("2.1"), numerator="1", denominator="1", expected_version=0)


def test_locked_and_submitted_values_refuse_edits(users, ind):
    v = save(users, ind("2.1"), numerator="9", denominator="10")
    services.value_submit(actor=users.kepala_seksi, value=v)
    with pytest.raises(ValidationError, match="Perencana to return"):
        save(users, ind("2.1"), numerator="1", denominator="10")
    services.value_verify(actor=users.perencana, value=v)
    services.value_approve(actor=users.camat, value=v)
    with pytest.raises(ValidationError, match="locked"):
        save(users, ind("2.1"), numerator="1", denominator="10")


def test_permissions_to_enter(users, ind):
    # Seksi Pemerintahan is not responsible for 1.1 (Seksi Pelayanan Umum)
    for user in (users.operator_desa, users.outsider, users.anonymous):
        with pytest.raises(PermissionDenied):
            save(users, ind("2.1"), actor=user, numerator="1", denominator="2")
    with pytest.raises(PermissionDenied):
        save(users, ind("1.1"), numerator="1", denominator="2")
    for user in (users.perencana, users.camat, users.admin_kabupaten):
        save(users, ind("1.1"), actor=user, numerator="1", denominator="2", period="2022Q2")


def test_computed_source_and_override_reason(users, ind):
    indicator = ind("2.1")
    indicator.value_source = "test-source"
    indicator.save()

    class Fake(Source):
        key = "test-source"

        def compute(self, indicator, organisation, period):
            return SourceResult(Decimal(8), Decimal(10), records=[])

    register_source(Fake())

    try:
        v = services.value_refresh_from_source(
            actor=users.kepala_seksi,
            indicator=indicator,
            organisation=indicator.decree.organisation,
            period="2022Q1",
        )
        # 8 / 10 × 100 = 80
        assert (v.value, v.source) == (Decimal("80"), "test-source")
        with pytest.raises(ValidationError) as exc:
            save(users, indicator, numerator="9", denominator="10")
        assert "override_reason" in exc.value.message_dict
        v = save(
            users,
            indicator,
            numerator="9",
            denominator="10",
            override_reason="Satu rekomendasi belum tercatat",
        )
        assert (v.value, v.source) == (Decimal("90"), "override")
        assert v.events.filter(action="override").count() == 1
    finally:
        unregister_source("test-source")


def test_manual_indicator_has_no_source(users, ind):
    with pytest.raises(ValidationError, match="entered by hand"):
        services.value_refresh_from_source(
            actor=users.kepala_seksi,
            indicator=ind("2.1"),
            organisation=ind("2.1").decree.organisation,
            period="2022Q1",
        )


def test_bad_period_refused(users, ind):
    with pytest.raises(ValidationError) as exc:
        save(users, ind("2.1"), numerator="1", denominator="2", period="2022Q5")
    assert "period" in exc.value.message_dict


def test_audit_history_records_actor(users, ind):
    v = save(users, ind("2.1"), numerator="1", denominator="2")
    assert v.history.first().history_user == users.kepala_seksi


def test_non_terminating_value_is_stored_to_ten_places(users, ind):
    # 2 / 3 × 100 = 66.666…; the column keeps 10 decimals, half-up: 66.6666666667
    v = save(users, ind("2.1"), numerator="2", denominator="3")
    v.refresh_from_db()
    assert v.value == Decimal("66.6666666667")
