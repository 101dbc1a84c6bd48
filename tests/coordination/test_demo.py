"""The sample coordination register (DATA CONTOH) and its flow into the indicators."""

from decimal import Decimal
from typing import Any

import pytest

from kinerja.coordination.demo import coordination_register
from kinerja.coordination.models import CoordinationActivity, Recommendation
from kinerja.core.periods import parse_period
from kinerja.measurement.models import IndicatorValue
from kinerja.measurement.sources import compute_from_source

pytestmark = pytest.mark.django_db


def test_sample_year_flows_into_the_indicators_and_is_idempotent(mayang: Any, ind: Any) -> None:
    coordination_register(mayang, [2022])
    counts = (CoordinationActivity.objects.count(), Recommendation.objects.count())
    coordination_register(mayang, [2022])
    assert (CoordinationActivity.objects.count(), Recommendation.objects.count()) == counts
    # 3 fields x 4 meetings; per meeting 2 results with 1 + 2, 1 + 1, 1 + 1, 1 + 1 recommendations
    assert counts == (12, 3 * (3 + 2 + 2 + 2))
    assert all(a.title.startswith("DATA CONTOH") for a in CoordinationActivity.objects.all())
    for code in ("2.1", "2.3", "2.4"):
        values = {
            v.period: v.value
            for v in IndicatorValue.objects.filter(indicator=ind(code), organisation=mayang)
        }
        # Q1 both results done in time: 2/2; Q2 one in progress: 1/2; Q3 one done after the
        # quarter: 1/2; Q4 one never followed up: 1/2
        assert values == {
            "2022Q1": Decimal(100),
            "2022Q2": Decimal(50),
            "2022Q3": Decimal(50),
            "2022Q4": Decimal(50),
            # the year on 31 Dec, stored from the register (not summed from the quarters): Q3's
            # late one counts -> 2 + 1 + 2 + 1 = 6 of 8 = 75%
            "2022": Decimal(75),
        }
        year = compute_from_source(ind(code), mayang, parse_period("2022"))
        assert (year.numerator, year.denominator) == (6, 8)
