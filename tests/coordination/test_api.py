"""API of the coordination register: members of the kecamatan read it, nobody else."""

import datetime as dt
from typing import Any

import pytest

from kinerja.coordination import services

pytestmark = pytest.mark.django_db

URL = "/api/koordinasi/kegiatan/"
SEES = {
    "admin_kabupaten": 1,
    "camat": 1,
    "perencana": 1,
    "kepala_seksi": 1,
    "operator_desa": 1,
    "outsider": 0,
}


@pytest.fixture
def activity(fields: Any) -> Any:
    return services.activity_record(
        actor=None,
        field=fields["pemerintahan"],
        title="Rapat",
        date=dt.date(2022, 2, 1),
        place="Aula",
        participants="Polsek",
        results=[
            services.ResultInput(
                "Hasil",
                recommendations=[services.RecommendationInput("Rek", "Desa", dt.date(2022, 3, 1))],
            )
        ],
    )


@pytest.mark.parametrize(("role", "count"), SEES.items())
def test_who_reads(client_as: Any, activity: Any, role: str, count: int) -> None:
    response = client_as(role).get(URL, {"tahun": 2022})
    assert response.status_code == 200
    rows = response.json()
    rows = rows["results"] if isinstance(rows, dict) else rows
    assert len(rows) == count
    if count:
        rec = rows[0]["results"][0]["recommendations"][0]
        assert (rows[0]["field"], rec["text"], rec["state"]) == ("pemerintahan", "Rek", "belum")


def test_anonymous_is_refused(client_as: Any, activity: Any) -> None:
    assert client_as("anonymous").get(URL).status_code in (401, 403)
    assert client_as("outsider").get(f"{URL}{activity.pk}/").status_code == 404
