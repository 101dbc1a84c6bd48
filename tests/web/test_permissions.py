"""Who may open or post to which page: one table, applied to every page of the decree UI.

Columns are the role users of tests/conftest.py. LOGIN means a redirect to the login page.
"""

from typing import Any

import pytest
from django.db import transaction
from django.urls import reverse

ROLES = (
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "operator_desa",
    "outsider",
    "anonymous",
)
LOGIN = "login"

# (url name, kwargs as {url kwarg: object key}, method,
#  expected for admin_kabupaten, camat, perencana, kepala_seksi, operator_desa, outsider, anonymous)
MATRIX: list[tuple[str, dict[str, str], str, tuple[Any, ...]]] = [
    ("iku:decree-list", {}, "get", (200, 200, 200, 200, 200, 200, 200)),
    ("iku:decree-detail", {"pk": "decree"}, "get", (200, 200, 200, 200, 200, 200, 200)),
    ("iku:decree-detail", {"pk": "draft"}, "get", (200, 200, 200, 200, 200, 404, 404)),
    ("iku:decree-create", {}, "get", (200, 200, 200, 403, 403, 200, LOGIN)),
    ("iku:decree-create", {}, "post", (200, 200, 200, 403, 403, 200, LOGIN)),
    ("iku:decree-edit", {"pk": "decree"}, "get", (200, 200, 200, 403, 403, 403, LOGIN)),
    ("iku:decree-edit", {"pk": "draft"}, "get", (200, 200, 200, 403, 403, 404, LOGIN)),
    ("iku:decree-edit", {"pk": "decree"}, "post", (200, 200, 200, 403, 403, 403, LOGIN)),
    ("iku:decree-history", {"pk": "decree"}, "get", (200, 200, 200, 200, 200, 403, LOGIN)),
    ("iku:decree-history", {"pk": "draft"}, "get", (200, 200, 200, 200, 200, 404, LOGIN)),
    ("iku:goal-create", {"pk": "draft"}, "get", (200, 200, 200, 403, 403, 404, LOGIN)),
    ("iku:goal-create", {"pk": "decree"}, "post", (200, 200, 200, 403, 403, 403, LOGIN)),
    (
        "iku:goal-edit",
        {"pk": "decree", "goal_pk": "goal"},
        "get",
        (200, 200, 200, 403, 403, 403, LOGIN),
    ),
    ("iku:indicator-create", {"pk": "draft"}, "get", (200, 200, 200, 403, 403, 404, LOGIN)),
    (
        "iku:indicator-edit",
        {"pk": "decree", "indicator_pk": "indicator"},
        "get",
        (200, 200, 200, 403, 403, 403, LOGIN),
    ),
    (
        "iku:indicator-edit",
        {"pk": "draft", "indicator_pk": "draft_indicator"},
        "post",
        (200, 200, 200, 403, 403, 404, LOGIN),
    ),
    (
        "iku:indicator-archive",
        {"pk": "decree", "indicator_pk": "indicator"},
        "get",
        (200, 200, 200, 403, 403, 403, LOGIN),
    ),
    (
        "iku:indicator-archive",
        {"pk": "draft", "indicator_pk": "draft_indicator"},
        "post",
        (302, 302, 302, 403, 403, 404, LOGIN),
    ),
    ("iku:decree-put-in-force", {"pk": "draft"}, "post", (302, 302, 302, 403, 403, 404, LOGIN)),
    ("iku:decree-put-in-force", {"pk": "draft"}, "get", (405, 405, 405, 405, 405, 405, LOGIN)),
    ("iku:decree-copy", {"pk": "decree"}, "post", (302, 302, 302, 403, 403, 403, LOGIN)),
]

CASES = [
    pytest.param(name, kwargs, method, expected, id=f"{method} {name} {'+'.join(kwargs.values())}")
    for name, kwargs, method, expected in MATRIX
]


@pytest.fixture
def objects(default_decree, draft):
    return {
        "decree": default_decree.pk,
        "draft": draft.pk,
        "goal": default_decree.goals.get(order=1).pk,
        "indicator": default_decree.indicators.get(code="1.1").pk,
        "draft_indicator": draft.indicators.get(code="1.1").pk,
    }


def _outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"].startswith(reverse("login") + "?"):
        return LOGIN
    return response.status_code


@pytest.mark.parametrize(("name", "kwargs", "method", "expected"), CASES)
def test_permission_matrix(client_as, objects, name, kwargs, method, expected):
    url = reverse(name, kwargs={key: objects[obj] for key, obj in kwargs.items()})
    outcomes = {}
    for role in ROLES:
        client = client_as(role)
        # Each role starts from the same data: what one role's POST changed is rolled back.
        with transaction.atomic():
            outcomes[role] = _outcome(getattr(client, method)(url))
            transaction.set_rollback(True)
    assert outcomes == dict(zip(ROLES, expected, strict=True))


def test_every_iku_page_is_in_the_matrix():
    from kinerja.iku.urls import urlpatterns

    names = {f"iku:{p.name}" for p in urlpatterns}
    assert names == {name for name, *_ in MATRIX}
