"""Who may read and write every named route (pages and /api/), declared once and run by
tests/permissions/suite.py for every role on Mayang's objects (``own``) and on the other
kecamatan's (``other``). A new route must be declared here: ``test_every_route_is_declared``
fails for a named route that is neither in ROUTES nor in EXCLUDED.

Capacities (tests/permissions/suite.py): ANONYMOUS, STRANGER (member of another kecamatan),
OPERATOR_VILLAGE / OPERATOR_OTHER_VILLAGE, KASI_UNIT / KASI_OTHER_UNIT, PERENCANA, CAMAT,
ADMIN_KABUPATEN, SUPERUSER; MEMBERS are all of a kecamatan's roles, EDITORS the Camat, the
Perencana, the Admin Kabupaten and the superuser.
"""

from __future__ import annotations

from typing import Any

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import URLPattern, URLResolver, get_resolver

from tests.permissions.suite import (
    ANONYMOUS,
    CAMAT,
    EDITORS,
    EVERYONE,
    KASI_UNIT,
    LOGGED_IN,
    MEMBERS,
    NOBODY,
    OPERATOR_VILLAGE,
    OWN,
    PERENCANA,
    STRANGER,
    SUPERUSER,
    ADMIN_KABUPATEN,
    KASI,
    Route,
    Write,
    run_route,
    write,
)
from tests.permissions.world import PDF, YEAR, Side

# ------------------------------------------------------------------ helpers


def pk(name: str, key: str = "pk") -> Any:
    return lambda s: {key: s[name]}


def org(s: Side) -> str:
    return f"?organisasi={s.kecamatan.code}"


def org_year(s: Side) -> str:
    return f"?organisasi={s.kecamatan.code}&tahun={YEAR}"


def code_year(s: Side) -> dict[str, Any]:
    return {"code": s.kecamatan.code, "year": YEAR}


def kode_tahun(s: Side) -> dict[str, Any]:
    return {"kode": s.kecamatan.code, "tahun": YEAR}


def pdf(name: str = "bukti.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


ONLY_OWN = (OWN,)

# ------------------------------------------------------------------ the declarations
ROUTES: dict[str, Route] = {
    # ---- web
    "home": Route(read=EVERYONE, sides=ONLY_OWN),
    "login": Route(read=EVERYONE, sides=ONLY_OWN),
    # ---- iku (decree pages)
    "iku:decree-list": Route(read=EVERYONE, sides=ONLY_OWN),
    "iku:decree-create": Route(read=EDITORS | {STRANGER}, sides=ONLY_OWN),
    "iku:decree-detail": Route(read=EVERYONE, kwargs=pk("decree")),
    "iku:decree-edit": Route(read=EDITORS, kwargs=pk("draft")),
    "iku:decree-put-in-force": Route(read=None, kwargs=pk("draft"), writes=write(EDITORS)),
    "iku:decree-copy": Route(read=None, kwargs=pk("decree"), writes=write(EDITORS)),
    "iku:decree-history": Route(read=MEMBERS, kwargs=pk("decree")),
    "iku:goal-create": Route(read=EDITORS, kwargs=pk("draft")),
    "iku:goal-edit": Route(
        read=EDITORS, kwargs=lambda s: {"pk": s["decree"], "goal_pk": s["goal"]}
    ),
    "iku:indicator-create": Route(read=EDITORS, kwargs=pk("draft")),
    "iku:indicator-edit": Route(
        read=EDITORS,
        kwargs=lambda s: {"pk": s["draft"], "indicator_pk": s["draft_indicator"]},
    ),
    "iku:indicator-archive": Route(
        read=EDITORS,
        kwargs=lambda s: {"pk": s["draft"], "indicator_pk": s["draft_indicator"]},
        writes=write(EDITORS),
    ),
    # ---- planning
    "planning:agreement-list": Route(read=EVERYONE, query=org),
    "planning:agreement-create": Route(read=EDITORS | {STRANGER}, sides=ONLY_OWN),
    "planning:agreement-detail": Route(read=EVERYONE, kwargs=pk("agreement")),
    "planning:agreement-edit": Route(read=EDITORS, kwargs=pk("agreement")),
    "planning:agreement-sign": Route(read=None, kwargs=pk("agreement"), writes=write(EDITORS)),
    "planning:target-revise": Route(read=None, kwargs=pk("agreement"), writes=write(EDITORS)),
    "planning:renstra-list": Route(read=LOGGED_IN, query=org),
    "planning:renstra-create": Route(read=EDITORS | {STRANGER}, sides=ONLY_OWN),
    "planning:renstra-detail": Route(read=MEMBERS, kwargs=pk("renstra")),
    "planning:renstra-edit": Route(read=EDITORS, kwargs=pk("renstra")),
    "planning:renja-list": Route(read=LOGGED_IN, query=org),
    "planning:renja-detail": Route(read=MEMBERS, kwargs=code_year),
    "planning:program-create": Route(read=EDITORS, kwargs=code_year),
    "planning:program-edit": Route(read=EDITORS, kwargs=pk("program")),
    "planning:benchmark-index": Route(read=LOGGED_IN, query=org),
    "planning:benchmark-detail": Route(read=MEMBERS, kwargs=code_year),
    # ---- measurement
    "measurement:dashboard": Route(read=LOGGED_IN, query=org_year),
    "measurement:entry-list": Route(read=LOGGED_IN, query=org),
    "measurement:entry": Route(
        read=MEMBERS,
        kwargs=lambda s: {"indicator_pk": s["indicator"], "period": "2023Q1"},
    ),
    "measurement:evidence-add": Route(
        read=None,
        kwargs=lambda s: {"indicator_pk": s["indicator"], "period": "2023Q1"},
        writes=write(EDITORS | {KASI_UNIT}, data=lambda s: {"file": pdf()}),
    ),
    "measurement:value-action": Route(
        read=None,
        kwargs=lambda s: {"indicator_pk": s["indicator"], "period": "2023Q1", "action": "submit"},
        writes=write(EDITORS | {KASI_UNIT}, data=lambda s: {"version": s["value_draft"].version}),
    ),
    "measurement:evidence-file": Route(read=MEMBERS, kwargs=pk("evidence")),
    "measurement:evidence-remove": Route(
        read=None, kwargs=pk("evidence"), writes=write(EDITORS | {KASI_UNIT})
    ),
    "measurement:approval-queue": Route(read=LOGGED_IN, query=org),
    "measurement:public-achievements": Route(read=EVERYONE, kwargs=kode_tahun),
    "measurement:import": Route(read=MEMBERS, query=org),
    "measurement:import-template": Route(read=MEMBERS, query=org_year),
    "measurement:workflow-settings": Route(read=LOGGED_IN, query=org),
    # ---- skm
    "skm:index": Route(read=MEMBERS, query=org),
    "skm:instrument": Route(read=MEMBERS, query=org),
    "skm:services": Route(read=MEMBERS, query=org),
    "skm:user-count": Route(read=MEMBERS, query=org),
    "skm:responses": Route(read=MEMBERS, query=org),
    "skm:paper": Route(read=MEMBERS, query=org),
    "skm:poster-page": Route(read=MEMBERS, kwargs=pk("service")),
    "skm:poster": Route(read=MEMBERS, kwargs=lambda s: {"pk": s["service"], "ext": "svg"}),
    "skm:survey": Route(read=EVERYONE, kwargs=lambda s: {"token": s["service"].token}),
    "skm:thanks": Route(read=EVERYONE, kwargs=lambda s: {"token": s["service"].token}),
    "skm:kiosk": Route(read=EVERYONE, kwargs=lambda s: {"token": s["service"].token}),
    "skm:report": Route(read=MEMBERS, query=org_year),
    "skm:public-results": Route(read=EVERYONE, kwargs=kode_tahun),
    # ---- coordination
    "coordination:index": Route(read=MEMBERS, query=org),
    "coordination:field": Route(read=MEMBERS, kwargs=pk("field")),
    "coordination:activity-new": Route(read=EDITORS, kwargs=pk("field")),
    "coordination:activity": Route(read=MEMBERS, kwargs=pk("activity")),
    "coordination:minutes": Route(read=MEMBERS, kwargs=pk("activity_with_minutes")),
    "coordination:result-new": Route(read=None, kwargs=pk("activity"), writes=write(EDITORS)),
    "coordination:recommendation-new": Route(
        read=None,
        kwargs=lambda s: {"pk": s["activity"], "result_pk": s["result"]},
        writes=write(EDITORS),
    ),
    "coordination:activity-step": Route(
        read=None,
        kwargs=lambda s: {"pk": s["activity"], "step": "verifikasi"},
        writes=write(EDITORS),
    ),
    "coordination:followup-new": Route(read=EDITORS, kwargs=pk("recommendation")),
    "coordination:followup-file": Route(read=MEMBERS, kwargs=pk("followup")),
    "coordination:lineage": Route(
        read=MEMBERS, kwargs=lambda s: {"indicator_pk": s["indicator"], "period": "2022"}
    ),
    # ---- village finance
    "village_finance:index": Route(read=LOGGED_IN, sides=ONLY_OWN),
    "village_finance:board": Route(
        read=MEMBERS, kwargs=lambda s: {"kecamatan_id": s.kecamatan, "year": YEAR}
    ),
    "village_finance:deadlines": Route(
        read=EDITORS | KASI, kwargs=lambda s: {"kecamatan_id": s.kecamatan, "year": YEAR}
    ),
    "village_finance:document": Route(
        read=MEMBERS,
        kwargs=lambda s: {
            "kecamatan_id": s.kecamatan,
            "year": YEAR,
            "village_id": s["village"],
            "key": "apbdes",
        },
    ),
    "village_finance:lineage": Route(
        read=MEMBERS, kwargs=lambda s: {"kecamatan_id": s.kecamatan, "period": "2022"}
    ),
    "village_finance:file": Route(
        read=MEMBERS, kwargs=lambda s: {"kind": "apbdes", "pk": s["apbdes"]}
    ),
    # ---- reports
    "reports:document-list": Route(read=LOGGED_IN, query=org_year),
    "reports:lkjip-narratives": Route(read=MEMBERS, kwargs=kode_tahun),
    "reports:lkjip-publication": Route(
        read=None, kwargs=kode_tahun, writes=write(EDITORS, data=lambda s: {"terbitkan": "0"})
    ),
    "reports:document-download": Route(
        read=MEMBERS,
        kwargs=lambda s: {"jenis": "pengukuran", "fmt": "xlsx"},
        query=lambda s: org_year(s) + "&triwulan=1",
    ),
    "reports:document-prepare": Route(
        read=MEMBERS,
        kwargs=lambda s: {"jenis": "pengukuran", "fmt": "xlsx"},
        query=lambda s: org_year(s) + "&triwulan=1",
    ),
    # ---- language
    "set_language": Route(read=EVERYONE, sides=ONLY_OWN),
}

# Named routes deliberately left out of the suite, with the reason.
EXCLUDED = {
    "logout": "POST only; logging out is not a permission of data",
    "api-root": "the browsable API's index of links",
    "api-schema": "the OpenAPI schema, public by design (no data)",
    "api-docs": "the Swagger page of the schema",
}
EXCLUDED_NAMESPACES = {"admin": "Django's admin: staff only, guarded by Django itself"}


def _named_routes() -> set[str]:
    names: set[str] = set()

    def walk(resolver: URLResolver, namespace: str | None) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                inner = pattern.namespace
                walk(pattern, f"{namespace}:{inner}" if namespace and inner else inner or namespace)
            elif isinstance(pattern, URLPattern) and pattern.name:
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver(), None)
    return names


def test_every_route_is_declared() -> None:
    names = {n for n in _named_routes() if n.split(":")[0] not in EXCLUDED_NAMESPACES}
    missing = sorted(names - set(ROUTES) - set(EXCLUDED))
    assert missing == [], f"routes without a permission declaration: {missing}"
    assert sorted(set(ROUTES) - names) == [], "declared routes that do not exist"


@pytest.mark.parametrize("name", list(ROUTES))
def test_route(name: str, world: Any, clients: Any, db: Any) -> None:
    cache.clear()
    problems = run_route(name, ROUTES[name], world, clients)
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())
