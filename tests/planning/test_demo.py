"""The DATA CONTOH planning step: complete and idempotent."""

from decimal import Decimal as D

import pytest

from kinerja.planning.demo import planning_sample
from kinerja.planning.models import (
    BudgetRealization,
    PerformanceAgreement,
    Program,
    RenstraTarget,
    Target,
)
from kinerja.planning.services.agreements import mismatch_warning

pytestmark = pytest.mark.django_db


def _counts():
    models = [PerformanceAgreement, Target, Program, BudgetRealization, RenstraTarget]
    return {m.__name__: (m.objects.count(), m.history.count()) for m in models}


def test_sample_planning_is_complete_and_idempotent(mayang, default_decree):
    planning_sample(mayang, [2022, 2023])
    first = _counts()
    # 2 signed PKs × 5 indicators × 5 periods; Renstra 5 indicators × (6 years + end)
    assert first["Target"][0] == 50 and first["RenstraTarget"][0] == 35
    assert first["Program"][0] == 10 and first["BudgetRealization"][0] == 2 * 3 * 4
    assert set(PerformanceAgreement.objects.values_list("status", flat=True)) == {"signed"}
    planning_sample(mayang, [2022, 2023])
    assert _counts() == first
    pk = PerformanceAgreement.objects.get(year=2022)
    skm = default_decree.indicators.get(code="1.1")
    got = [
        pk.targets.get(indicator=skm, period=p).target
        for p in ("2022", "2022Q1", "2022Q2", "2022Q3", "2022Q4")
    ]
    assert got == [D(82), D(80), D(81), D("81.5"), D(82)]
    assert all(mismatch_warning(pk, i) is None for i in default_decree.active_indicators())
    program = Program.objects.get(year=2022, level="program", code="7.01.01")
    # the program's budget is the sum of its two activities: 185.000.000 + 120.000.000
    assert program.budget == D(305_000_000)
    assert "DATA CONTOH" in mayang.renstra_periods.get().title
