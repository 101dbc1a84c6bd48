"""API of the village budget-document register: members of the kecamatan read it (the scenario of
conftest.py), nobody else; nothing is written through it."""

from typing import Any

import pytest

from tests.helpers import api_client

pytestmark = pytest.mark.django_db

APBDES = "/api/keuangan-desa/apbdes/"
SPJ = "/api/keuangan-desa/spj/"
MEMBERS = ["admin_kabupaten", "camat", "perencana", "kepala_seksi", "operator_desa"]


def rows(response: Any) -> list[dict[str, Any]]:
    assert response.status_code == 200, response.content
    data = response.json()
    return data["results"] if isinstance(data, dict) else data


@pytest.mark.parametrize("role", MEMBERS)
def test_members_read_every_village_of_their_kecamatan(
    users: Any, scenario_2022: Any, role: str
) -> None:
    client = api_client(getattr(users, role))
    apbdes = rows(client.get(APBDES, {"tahun": 2022, "organisasi": "35.09.26"}))
    # 7 villages, one APBDes each
    assert len(apbdes) == 7
    by_name = {r["nama_desa"]: r for r in apbdes}
    # Mayang handed in on 10 Jan 2022, deadline 31 Dec 2021 -> late, correct
    assert (by_name["Mayang"]["terlambat"], by_name["Mayang"]["result"]) == (True, "benar")
    assert by_name["Mayang"]["deadline"] == "2021-12-31"
    # Seputih: on time (15 Dec 2021), corrected on 8 Jan 2022, correct in the end
    assert (by_name["Seputih"]["terlambat"], by_name["Seputih"]["corrected_on"]) == (
        False,
        "2022-01-08",
    )
    spj = rows(client.get(SPJ, {"tahun": 2022}))
    # Tegalwaru has no SPJ: 6 villages x 2 reports
    assert len(spj) == 12
    assert "Tegalwaru" not in {r["nama_desa"] for r in spj}
    tegalrejo_s1 = next(r for r in spj if r["nama_desa"] == "Tegalrejo" and r["period"] == "s1")
    assert tegalrejo_s1["result"] == "perbaikan"
    # one village only
    assert len(rows(client.get(SPJ, {"tahun": 2022, "desa": "35.09.26.2001"}))) == 2


def test_others_read_nothing(users: Any, scenario_2022: Any) -> None:
    outsider = api_client(users.outsider)
    assert rows(outsider.get(APBDES, {"tahun": 2022})) == []
    assert rows(outsider.get(SPJ)) == []
    some = rows(api_client(users.camat).get(APBDES))[0]["id"]
    assert outsider.get(f"{APBDES}{some}/").status_code == 404
    assert api_client(users.anonymous).get(APBDES).status_code in (401, 403)


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_nothing_is_written_through_the_api(users: Any, scenario_2022: Any, method: str) -> None:
    client = api_client(users.camat)
    some = rows(client.get(APBDES))[0]["id"]
    path = APBDES if method == "post" else f"{APBDES}{some}/"
    assert getattr(client, method)(path, {"result": "benar"}, format="json").status_code == 405
