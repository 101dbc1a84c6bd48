"""The LKjIP dataset of two years (see tests/reports/test_lkjip.py for the hand-computed values),
shared by the LKjIP tests."""

from decimal import Decimal

import pytest

from kinerja.core.periods import parse_period
from kinerja.iku.models import Decree
from kinerja.measurement.models import IndicatorValue
from kinerja.planning.models import Program
from kinerja.planning.services.renja import budget_realization_set, program_save
from kinerja.planning.services.renstra import renstra_save, renstra_target_set
from tests.reports.documents_data import make_pk


def put_value(decree, organisation, code, period, **fields):
    p = parse_period(period)
    IndicatorValue.objects.create(
        indicator=decree.indicators.get(code=code),
        organisation=organisation,
        period=period,
        period_start=p.start,
        period_end=p.end,
        source="manual",
        status="approved",
        **fields,
    )


@pytest.fixture
def dataset(mayang):
    make_pk(mayang)
    decree = Decree.objects.get(organisation=mayang, status="in_force")
    decree.indicators.exclude(value_source="manual").update(value_source="manual")
    d = Decimal
    put_value(decree, mayang, "1.1", "2022", value=d(85))
    put_value(decree, mayang, "2.1", "2022", numerator=d(45), denominator=d(50))
    put_value(decree, mayang, "2.2", "2022", numerator=d(40), denominator=d(50))
    put_value(decree, mayang, "2.3", "2022", numerator=d(27), denominator=d(30))
    put_value(decree, mayang, "2.4", "2022", numerator=d(19), denominator=d(20))
    put_value(decree, mayang, "1.1", "2021", value=d(80))
    put_value(decree, mayang, "2.1", "2021", numerator=d(40), denominator=d(50))
    put_value(decree, mayang, "2.2", "2021", numerator=d(42), denominator=d(50))
    ind21 = decree.indicators.get(code="2.1")
    renstra = renstra_save(
        actor=None,
        organisation=mayang,
        title="Renstra Kecamatan Mayang 2021-2026",
        start_year=2021,
        end_year=2026,
    )
    renstra_target_set(actor=None, renstra=renstra, indicator=ind21, year=2022, target="88")
    renstra_target_set(actor=None, renstra=renstra, indicator=ind21, year=None, target="95")
    kegiatan = Program.objects.get(organisation=mayang, code="7.01.02.2.01")
    program_save(
        actor=None,
        organisation=mayang,
        program=kegiatan,
        year=2022,
        level="kegiatan",
        parent=kegiatan.parent,
        code=kegiatan.code,
        name=kegiatan.name,
        budget="98.500.000",
        indicators=[ind21],
    )
    budget_realization_set(actor=None, program=kegiatan, period="2022Q1", amount="40.000.000")
    budget_realization_set(actor=None, program=kegiatan, period="2022Q2", amount="38.800.000")
    return mayang
