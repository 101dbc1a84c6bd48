"""The API's permission matrix, written once as data: endpoint × method × role → status.

Roles: the public (anonymous), the Camat of another kecamatan (outsider), Mayang's readers
(kepala seksi, operator desa) and Mayang's editors (camat, perencana, admin kabupaten).

- Published decrees (in force) are public; drafts exist only for Mayang's members: the outsider
  and the public get 404 on them, and a body that names one is a 400 (no such object).
- Readers may read everything of Mayang and write nothing (403).
- Writes need a login: anonymous writes are 403 before anything is looked up.
- Nothing is ever deleted through the API (405).
"""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.helpers import api_client, row_counts

ROLES = [
    "anonymous",
    "outsider",
    "operator_desa",
    "kepala_seksi",
    "perencana",
    "camat",
    "admin_kabupaten",
]
READERS = ("operator_desa", "kepala_seksi")
EDITORS = ("perencana", "camat", "admin_kabupaten")


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    path: str  # formatted with the ids fixture
    body: dict[str, Any] | None
    anonymous: int
    outsider: int
    reader: int
    editor: int

    def expected(self, role: str) -> int:
        if role in READERS:
            return self.reader
        if role in EDITORS:
            return self.editor
        return getattr(self, role)


K = "/api/keputusan/"
G = "/api/kinerja-utama/"
I = "/api/indikator/"  # noqa: E741

# fmt: off
MATRIX = [
    #     name                          method   path                                  body                                                           anon outs read edit
    # reference data: public
    Case("organisations list",          "get",   "/api/organisasi/",                    None,                                                           200, 200, 200, 200),
    Case("organisation detail",         "get",   "/api/organisasi/35.09.26/",           None,                                                           200, 200, 200, 200),
    Case("units list",                  "get",   "/api/unit/",                          None,                                                           200, 200, 200, 200),
    Case("organisation create",         "post",  "/api/organisasi/",                    {"code": "35.09.99", "name": "X", "level": "kecamatan"},       403, 405, 405, 405),
    # decrees
    Case("decree list",                 "get",   K,                                     None,                                                           200, 200, 200, 200),
    Case("decree in force",             "get",   K + "{in_force}/",                     None,                                                           200, 200, 200, 200),
    Case("decree draft",                "get",   K + "{draft}/",                        None,                                                           404, 404, 200, 200),
    Case("document in force",           "get",   K + "{in_force}/document/",            None,                                                           200, 200, 200, 200),
    Case("document draft",              "get",   K + "{draft}/document/",               None,                                                           404, 404, 200, 200),
    Case("decree create in Mayang",     "post",  K,                                     {"organisation": "35.09.26", "title": "IKU 2025"},             403, 403, 403, 201),
    Case("decree update draft",         "patch", K + "{draft}/",                        {"title": "IKU perubahan"},                                     403, 404, 403, 200),
    Case("decree update in force",      "patch", K + "{in_force}/",                     {"title": "IKU perubahan"},                                     403, 403, 403, 200),
    Case("decree replace draft",        "put",   K + "{draft}/",                        {"organisation": "35.09.26", "title": "IKU ganti"},            403, 404, 403, 200),
    Case("decree copy draft",           "post",  K + "{draft}/salin/",                  None,                                                           403, 404, 403, 201),
    Case("decree copy in force",        "post",  K + "{in_force}/salin/",               None,                                                           403, 403, 403, 201),
    Case("decree put in force",         "post",  K + "{draft}/berlakukan/",             None,                                                           403, 404, 403, 200),
    Case("decree delete",               "delete", K + "{draft}/",                       None,                                                           403, 405, 405, 405),
    # kinerja utama
    Case("goal list",                   "get",   G,                                     None,                                                           200, 200, 200, 200),
    Case("goal in force",               "get",   G + "{in_force_goal}/",                None,                                                           200, 200, 200, 200),
    Case("goal of draft",               "get",   G + "{draft_goal}/",                   None,                                                           404, 404, 200, 200),
    Case("goal create in draft",        "post",  G,                                     {"decree": "{draft}", "statement": "Meningkatnya uji"},        403, 400, 403, 201),
    Case("goal create in force",        "post",  G,                                     {"decree": "{in_force}", "statement": "Meningkatnya uji"},     403, 403, 403, 201),
    Case("goal update in draft",        "patch", G + "{draft_goal}/",                   {"statement": "Meningkatnya uji"},                              403, 404, 403, 200),
    Case("goal update in force",        "patch", G + "{in_force_goal}/",                {"statement": "Meningkatnya uji"},                              403, 403, 403, 200),
    Case("goal delete",                 "delete", G + "{draft_goal}/",                  None,                                                           403, 405, 405, 405),
    # indicators
    Case("indicator list",              "get",   I,                                     None,                                                           200, 200, 200, 200),
    Case("indicator in force",          "get",   I + "{in_force_indicator}/",           None,                                                           200, 200, 200, 200),
    Case("indicator of draft",          "get",   I + "{draft_indicator}/",              None,                                                           404, 404, 200, 200),
    Case("indicator create in draft",   "post",  I,                                     {"decree": "{draft}", "goal": "{draft_goal}", "code": "2.9", "name": "Uji"}, 403, 400, 403, 201),
    Case("indicator create in force",   "post",  I,                                     {"decree": "{in_force}", "goal": "{in_force_goal}", "code": "2.9", "name": "Uji"}, 403, 403, 403, 201),
    Case("indicator update in draft",   "patch", I + "{draft_indicator}/",              {"name": "Uji"},                                                403, 404, 403, 200),
    Case("indicator update in force",   "patch", I + "{in_force_indicator}/",           {"name": "Uji"},                                                403, 403, 403, 200),
    Case("indicator archive in draft",  "post",  I + "{draft_indicator}/arsipkan/",     None,                                                           403, 404, 403, 200),
    Case("indicator archive in force",  "post",  I + "{in_force_indicator}/arsipkan/",  None,                                                           403, 403, 403, 200),
    Case("indicator restore",           "post",  I + "{draft_indicator}/pulihkan/",     None,                                                           403, 404, 403, 200),
    Case("indicator delete",            "delete", I + "{in_force_indicator}/",          None,                                                           403, 405, 405, 405),
]
# fmt: on


def _fill(value: Any, ids: dict[str, int]) -> Any:
    if isinstance(value, str):
        filled = value.format(**ids)
        return int(filled) if value.startswith("{") and filled.isdigit() else filled
    if isinstance(value, dict):
        return {k: _fill(v, ids) for k, v in value.items()}
    return value


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("case", MATRIX, ids=lambda c: c.name)
def test_permission_matrix(case: Case, role: str, users: Any, ids: dict[str, int]) -> None:
    client = api_client(users.all()[role])
    before = row_counts()
    call = getattr(client, case.method)
    body = _fill(case.body, ids)
    response = (
        call(_fill(case.path, ids), body, format="json") if body else call(_fill(case.path, ids))
    )
    expected = case.expected(role)
    assert response.status_code == expected, (case.name, role, response.content[:300])
    if expected >= 400:
        assert row_counts() == before, "a refused request wrote something"


# Routes whose permission matrix lives with their own area's tests.
COVERED_ELSEWHERE = {
    "perjanjian-kinerja": "tests/planning/test_permissions.py",
    "target": "tests/planning/test_permissions.py",
    "renstra": "tests/planning/test_permissions.py",
    "program": "tests/planning/test_permissions.py",
    "pembanding": "tests/planning/test_permissions.py",
    "realisasi": "tests/measurement/test_permissions.py",
    "koordinasi/kegiatan": "tests/coordination/test_api.py",
    "keuangan-desa/apbdes": "tests/village_finance/test_api.py",
    "keuangan-desa/spj": "tests/village_finance/test_api.py",
    "skm/indeks": "tests/skm/test_permissions.py",
}


def test_matrix_covers_every_route() -> None:
    """A new route must be added to a matrix: this one, or its area's (named above)."""
    from kinerja.api_urls import router

    root = Path(__file__).resolve().parents[2]
    prefixes = {prefix for prefix, _viewset, _basename in router.registry}
    covered = {case.path.split("/")[2] for case in MATRIX}
    for prefix, test_file in COVERED_ELSEWHERE.items():
        assert f"/api/{prefix}/" in (root / test_file).read_text(encoding="utf-8"), prefix
    assert prefixes <= covered | set(COVERED_ELSEWHERE)
