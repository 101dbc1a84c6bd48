"""Years print as years: never "2.022" (number grouping of the Indonesian locale), neither in a
heading nor in a link such as ``?tahun=2022``."""

from typing import Any

import pytest

pytestmark = pytest.mark.django_db

PAGES = [
    "/koordinasi/?tahun=2022",
    "/keuangan-desa/{mayang}/2022/",
    "/keuangan-desa/{mayang}/2022/tenggat/",
    "/keuangan-desa/{mayang}/rincian/2022Q1/",
    "/kinerja/?tahun=2022",
    "/skm/?tahun=2022",
]


@pytest.mark.parametrize("path", PAGES)
def test_a_year_is_not_grouped(client_as: Any, mayang: Any, path: str) -> None:
    response = client_as("camat").get(path.format(mayang=mayang.pk), follow=True)
    assert response.status_code == 200
    html = response.content.decode()
    assert "2022" in html
    assert "2.022" not in html
