"""Invariants of decrees and indicators, held by the database and explained by clean()."""

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from kinerja.iku.admin import DecreeAdmin, GoalAdmin, IndicatorAdmin
from kinerja.iku.models import Decree, Indicator
from kinerja.organisations.models import Official


def _decree(organisation, **fields):
    return Decree.objects.create(organisation=organisation, title="Uji", **fields)


def _indicator(decree, goal, **fields):
    values = {"code": "9.1", "order": 9, "name": "Uji", **fields}
    return Indicator.objects.create(decree=decree, goal=goal, **values)


def _messages(instance) -> dict[str, list[str]]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            instance.full_clean()
        return info.value.message_dict


# ---------------------------------------------------------------- decrees in the database


def test_decree_number_unique_per_organisation(mayang):
    with pytest.raises(IntegrityError), transaction.atomic():
        _decree(mayang, number="065/ 2 /26/2022")


def test_same_number_in_another_organisation_is_fine(other_kecamatan):
    _decree(other_kecamatan, number="065/ 2 /26/2022")


def test_blank_number_allowed_many_times(mayang):
    _decree(mayang, number="")
    _decree(mayang, number="")
    assert Decree.objects.filter(organisation=mayang, number="").count() == 2


def test_only_one_decree_in_force_per_organisation(mayang):
    with pytest.raises(IntegrityError), transaction.atomic():
        _decree(mayang, number="1/2023", status="in_force", date_signed=dt.date(2023, 1, 2))


def test_in_force_in_two_organisations_is_fine(mayang, other_kecamatan):
    _decree(other_kecamatan, number="1/2023", status="in_force", date_signed=dt.date(2023, 1, 2))
    assert Decree.objects.filter(status="in_force").count() == 2


@pytest.mark.parametrize("status", ["in_force", "superseded"])
def test_signed_decree_needs_a_date(other_kecamatan, status):
    with pytest.raises(IntegrityError), transaction.atomic():
        _decree(other_kecamatan, number="1/2023", status=status)


def test_unknown_status_refused(other_kecamatan):
    with pytest.raises(IntegrityError), transaction.atomic():
        _decree(other_kecamatan, status="published", date_signed=dt.date(2023, 1, 2))


# ---------------------------------------------------------------- decrees: clean() messages


def test_clean_explains_a_duplicate_number(mayang):
    decree = Decree(organisation=mayang, title="Uji", number="065/ 2 /26/2022")
    assert _messages(decree) == {
        "number": ["This organisation already has a decree with this number."]
    }


def test_clean_explains_a_second_decree_in_force(mayang):
    decree = Decree(
        organisation=mayang, title="Uji", number="2/2023", status="in_force",
        date_signed=dt.date(2023, 1, 2),
    )  # fmt: skip
    assert _messages(decree) == {"status": ["Only one decree can be in force at a time."]}


def test_clean_explains_a_missing_date(other_kecamatan):
    decree = Decree(organisation=other_kecamatan, title="Uji", number="1", status="in_force")
    assert _messages(decree) == {"date_signed": ["A decree in force needs its date of signing."]}


def test_clean_refuses_a_signatory_of_another_organisation(default_decree, other_kecamatan):
    decree = Decree(organisation=other_kecamatan, title="Uji", signatory=default_decree.signatory)
    assert _messages(decree) == {"signatory": ["The signatory belongs to another organisation."]}


def test_clean_accepts_the_default_decree(default_decree):
    default_decree.full_clean()


# ---------------------------------------------------------------- indicators in the database


@pytest.fixture
def goal(default_decree):
    return default_decree.goals.get(order=2)


def test_indicator_code_unique_per_decree(default_decree, goal):
    with pytest.raises(IntegrityError), transaction.atomic():
        _indicator(default_decree, goal, code="2.1")


def test_same_code_in_another_decree_is_fine(draft_decree):
    assert draft_decree.indicators.filter(code="2.1").count() == 1
    assert Indicator.objects.filter(code="2.1").count() == 2


@pytest.mark.parametrize("factor", [Decimal(0), Decimal(-1)])
def test_factor_must_be_positive(default_decree, goal, factor):
    with pytest.raises(IntegrityError), transaction.atomic():
        _indicator(default_decree, goal, factor=factor)


@pytest.mark.parametrize("decimals", [7, 100])
def test_decimals_at_most_six(default_decree, goal, decimals):
    with pytest.raises(IntegrityError), transaction.atomic():
        _indicator(default_decree, goal, decimals=decimals)


@pytest.mark.parametrize("decimals", [0, 6])
def test_decimals_bounds_allowed(default_decree, goal, decimals):
    _indicator(default_decree, goal, decimals=decimals)


def test_polarity_must_be_known(default_decree, goal):
    with pytest.raises(IntegrityError), transaction.atomic():
        _indicator(default_decree, goal, polarity="sideways")


def test_aggregation_must_be_known(default_decree, goal):
    with pytest.raises(IntegrityError), transaction.atomic():
        _indicator(default_decree, goal, aggregation="median")


# ---------------------------------------------------------------- indicators: clean() messages


def test_clean_explains_indicator_problems(default_decree, goal, draft_decree, other_kecamatan):
    indicator = Indicator(
        decree=default_decree,
        goal=draft_decree.goals.get(order=1),
        code="2.1",
        order=9,
        name="Uji",
        factor=Decimal(0),
        decimals=7,
        polarity="sideways",
        aggregation="median",
        responsible_unit=other_kecamatan.units.get(),
    )
    assert _messages(indicator) == {
        "code": ["This decree already has an indicator with this code."],
        "factor": ["The factor must be greater than 0."],
        "decimals": ["Ensure this value is less than or equal to 6."],
        "polarity": ["Value 'sideways' is not a valid choice."],
        "aggregation": ["Value 'median' is not a valid choice."],
        "goal": ["The kinerja utama belongs to another decree."],
        "responsible_unit": ["The unit belongs to another organisation."],
    }


# ---------------------------------------------------------------- never deleted


def test_indicator_delete_raises(default_decree):
    indicator = default_decree.indicators.get(code="1.1")
    with pytest.raises(PermissionError):
        indicator.delete()
    with pytest.raises(PermissionError):
        Indicator.objects.filter(code="1.1").delete()
    assert Indicator.objects.filter(pk=indicator.pk).exists()


def test_admin_offers_no_delete(rf, admin_user):
    request = rf.get("/")
    request.user = admin_user
    from django.contrib import admin

    for model_admin, model in [
        (DecreeAdmin, Decree),
        (IndicatorAdmin, Indicator),
        (GoalAdmin, Indicator.goal.field.related_model),
    ]:
        assert model_admin(model, admin.site).has_delete_permission(request) is False


def test_official_nip_unique(default_decree):
    with pytest.raises(IntegrityError), transaction.atomic():
        Official.objects.create(
            organisation=default_decree.organisation,
            name="Kembar",
            nip="19730725 199302 1 001",
            position="Camat",
        )
