"""Who may open or post to which realization page or endpoint: one table, applied to every page
and endpoint of the entry/workflow side (views.py and api.py).

Objects: ``draft`` a draft value of 2.1 (Seksi Pemerintahan) in 2022Q1, ``submitted`` one in
2022Q2, ``approved`` one in 2022Q3, ``verified`` one in 2022S2, with evidence ``ev`` on the draft
and ``ev_approved`` on the approved one. LOGIN: redirect to the login page. Approving the
submitted value is refused to the Camat too (three steps: 200 with the message on the page,
400 from the API).
"""

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse

from kinerja.measurement import services
from tests.helpers import api_client

pytestmark = pytest.mark.django_db

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
PDF = b"%PDF-1.4 x"

# (url name, args as object keys / literals, method, body,
#  expected for admin_kabupaten, camat, perencana, kepala_seksi, operator_desa, outsider, anonymous)
# fmt: off
PAGES: list[tuple[str, tuple[str, ...], str, dict[str, Any], tuple[Any, ...]]] = [
    ("measurement:entry-list", (), "get", {}, (200, 200, 200, 200, 200, 200, LOGIN)),
    ("measurement:approval-queue", (), "get", {}, (403, 200, 200, 403, 403, 200, LOGIN)),
    ("measurement:entry", ("ind21", "=2022Q1"), "get", {}, (200, 200, 200, 200, 200, 404, LOGIN)),
    ("measurement:entry", ("ind21", "=2022Q3"), "get", {}, (200, 200, 200, 200, 200, 404, LOGIN)),
    ("measurement:entry", ("ind11", "=2022Q1"), "post", {"numerator": "1", "denominator": "2", "version": "0"}, (302, 302, 302, 403, 403, 404, LOGIN)),
    ("measurement:entry", ("ind21", "=2022Q1"), "post", {"numerator": "1", "denominator": "2", "version": "1"}, (302, 302, 302, 302, 403, 404, LOGIN)),
    ("measurement:value-action", ("ind21", "=2022Q1", "=submit"), "post", {"version": "1"}, (302, 302, 302, 302, 403, 404, LOGIN)),
    ("measurement:value-action", ("ind21", "=2022Q2", "=verify"), "post", {"version": "2"}, (403, 403, 302, 403, 403, 404, LOGIN)),
    ("measurement:value-action", ("ind21", "=2022Q2", "=return"), "post", {"note": "x", "version": "2"}, (403, 302, 302, 403, 403, 404, LOGIN)),
    ("measurement:value-action", ("ind21", "=2022Q2", "=approve"), "post", {"version": "2"}, (403, 200, 403, 403, 403, 404, LOGIN)),
    ("measurement:value-action", ("ind21", "=2022S2", "=approve"), "post", {"version": "3"}, (403, 302, 403, 403, 403, 404, LOGIN)),
    ("measurement:value-action", ("ind21", "=2022Q3", "=unlock"), "post", {"note": "x", "version": "4"}, (403, 302, 403, 403, 403, 404, LOGIN)),
    ("measurement:value-action", ("ind21", "=2022Q1", "=submit"), "get", {}, (405, 405, 405, 405, 405, 405, LOGIN)),
    ("measurement:evidence-add", ("ind21", "=2022Q1"), "post", {"file": "pdf"}, (302, 302, 302, 302, 403, 404, LOGIN)),
    ("measurement:evidence-file", ("ev",), "get", {}, (200, 200, 200, 200, 200, 404, LOGIN)),
    ("measurement:evidence-file", ("ev_approved",), "get", {}, (200, 200, 200, 200, 200, 404, LOGIN)),
    ("measurement:evidence-remove", ("ev",), "post", {}, (302, 302, 302, 302, 403, 404, LOGIN)),
    # the outsider reads and changes its own kecamatan's setting (never Mayang's)
    ("measurement:workflow-settings", (), "get", {}, (200, 200, 200, 200, 200, 200, LOGIN)),
    ("measurement:workflow-settings", (), "post", {"approval_steps": "two", "reason": "x"}, (302, 302, 302, 403, 403, 302, LOGIN)),
]

R = "/api/realisasi/"
# (name, method, path, body, expected per role as above)
API: list[tuple[str, str, str, dict[str, Any] | None, tuple[int, ...]]] = [
    ("list", "get", R, None, (200, 200, 200, 200, 200, 200, 200)),
    ("draft", "get", R + "{draft}/", None, (200, 200, 200, 200, 200, 404, 404)),
    ("approved", "get", R + "{approved}/", None, (200, 200, 200, 200, 200, 200, 200)),
    ("create 1.1", "post", R, {"indicator": "{ind11}", "period": "2022Q4", "numerator": "1", "denominator": "2", "version": 0}, (201, 201, 201, 403, 403, 403, 403)),
    ("create 2.1", "post", R, {"indicator": "{ind21}", "period": "2022Q4", "numerator": "1", "denominator": "2", "version": 0}, (201, 201, 201, 201, 403, 403, 403)),
    ("update draft", "patch", R + "{draft}/", {"numerator": "1", "denominator": "2", "version": 1}, (200, 200, 200, 200, 403, 404, 403)),
    ("update approved", "patch", R + "{approved}/", {"numerator": "1", "denominator": "2", "version": 4}, (400, 400, 400, 400, 403, 403, 403)),
    ("submit", "post", R + "{draft}/ajukan/", {"version": 1}, (200, 200, 200, 200, 403, 404, 403)),
    ("verify", "post", R + "{submitted}/verifikasi/", {"version": 2}, (403, 403, 200, 403, 403, 404, 403)),
    ("return", "post", R + "{submitted}/kembalikan/", {"note": "x", "version": 2}, (403, 200, 200, 403, 403, 404, 403)),
    ("approve", "post", R + "{verified}/setujui/", {"version": 3}, (403, 200, 403, 403, 403, 404, 403)),
    ("approve submitted", "post", R + "{submitted}/setujui/", {"version": 2}, (403, 400, 403, 403, 403, 404, 403)),
    ("unlock", "post", R + "{approved}/buka-kunci/", {"note": "x", "version": 4}, (403, 200, 403, 403, 403, 403, 403)),
    ("evidence list", "get", R + "{draft}/bukti/", None, (200, 200, 200, 200, 200, 404, 404)),
    ("evidence list approved", "get", R + "{approved}/bukti/", None, (200, 200, 200, 200, 200, 404, 404)),
    ("evidence upload", "post", R + "{draft}/bukti/", {"file": "pdf"}, (201, 201, 201, 201, 403, 404, 403)),
    ("delete", "delete", R + "{draft}/", None, (405, 405, 405, 405, 405, 405, 403)),
]
# fmt: on


@pytest.fixture
def objects(users, ind):
    org = ind("2.1").decree.organisation
    kw = {
        "actor": None,
        "indicator": ind("2.1"),
        "organisation": org,
        "numerator": "9",
        "denominator": "10",
    }
    draft = services.value_save(period="2022Q1", **kw)
    submitted = services.value_submit(actor=None, value=services.value_save(period="2022Q2", **kw))
    approved = services.value_save(period="2022Q3", **kw)
    ev_approved = services.evidence_add(
        actor=None, value=approved, upload=SimpleUploadedFile("b.pdf", PDF)
    )
    approved = services.value_approve(
        actor=None,
        value=services.value_verify(
            actor=None, value=services.value_submit(actor=None, value=approved)
        ),
    )
    verified = services.value_verify(
        actor=None,
        value=services.value_submit(actor=None, value=services.value_save(period="2022S2", **kw)),
    )
    ev = services.evidence_add(actor=None, value=draft, upload=SimpleUploadedFile("a.pdf", PDF))
    return {
        "ind21": ind("2.1").pk,
        "ind11": ind("1.1").pk,
        "draft": draft.pk,
        "submitted": submitted.pk,
        "approved": approved.pk,
        "verified": verified.pk,
        "ev": ev.pk,
        "ev_approved": ev_approved.pk,
    }


def _outcome(response: Any) -> Any:
    if response.status_code == 302 and response["Location"].startswith(reverse("login") + "?"):
        return LOGIN
    return response.status_code


def _body(body: dict[str, Any], objects: dict[str, Any]) -> dict[str, Any]:
    out = {}
    for key, value in body.items():
        if value == "pdf":
            out[key] = SimpleUploadedFile("c.pdf", PDF)
        elif isinstance(value, str) and value.startswith("{"):
            out[key] = objects[value.strip("{}")]
        else:
            out[key] = value
    return out


@pytest.mark.parametrize(
    ("name", "args", "method", "body", "expected"),
    [pytest.param(*case, id=f"{case[2]} {case[0]} {'/'.join(case[1])}") for case in PAGES],
)
def test_pages(client_as, objects, name, args, method, body, expected):
    url = reverse(name, args=[a[1:] if a.startswith("=") else objects[a] for a in args])
    outcomes = {}
    for role in ROLES:
        with transaction.atomic():
            outcomes[role] = _outcome(getattr(client_as(role), method)(url, _body(body, objects)))
            transaction.set_rollback(True)
    assert outcomes == dict(zip(ROLES, expected, strict=True))


@pytest.mark.parametrize(
    ("name", "method", "path", "body", "expected"),
    [pytest.param(*case, id=case[0]) for case in API],
)
def test_api(users, objects, name, method, path, body, expected):
    url = path.format(**objects)
    outcomes = {}
    for role in ROLES:
        client = api_client(getattr(users, role))
        data = _body(body, objects) if body else None
        fmt = "multipart" if body and "file" in body else "json"
        with transaction.atomic():
            outcomes[role] = getattr(client, method)(url, data, format=fmt).status_code
            transaction.set_rollback(True)
    assert outcomes == dict(zip(ROLES, expected, strict=True))


def test_every_entry_page_is_in_the_matrix():
    from kinerja.measurement import views
    from kinerja.measurement.urls import urlpatterns

    mine = {f"measurement:{p.name}" for p in urlpatterns if p.callback.__module__ == views.__name__}
    assert mine == {name for name, *_ in PAGES}
