from typing import Any

import pytest

from kinerja.iku import services


@pytest.fixture
def ids(default_decree: Any, draft_decree: Any) -> dict[str, Any]:
    """The objects the API tests address: Mayang's decree in force and a complete draft
    (numbered and dated, so that it can be put in force), with one goal and indicator of each."""
    import datetime as dt

    services.decree_update(
        actor=None, decree=draft_decree, number="050/ 1 /26/2024", date_signed=dt.date(2024, 1, 2)
    )
    return {
        "in_force": default_decree.pk,
        "draft": draft_decree.pk,
        "in_force_goal": default_decree.goals.get(order=2).pk,
        "draft_goal": draft_decree.goals.get(order=2).pk,
        "in_force_indicator": default_decree.indicators.get(code="2.1").pk,
        "draft_indicator": draft_decree.indicators.get(code="2.1").pk,
    }
