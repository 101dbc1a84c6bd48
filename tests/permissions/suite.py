"""The permission suite: every declared route × every named role × both kecamatan.

A route (tests/permissions/test_routes.py) says who may read it (GET) and who may write it
(POST, PUT, PATCH, DELETE), in terms of the *capacity* a role user has towards the object the URL
names. A request counts as

- allowed when it answers 2xx or 3xx (other than a redirect to the login page); an allowed write
  must also have changed the database (``changes``), an allowed read must not have;
- refused when it answers 401, 403, 404, 405 or 400 (a body naming an object the user may not
  see), or redirects to the login page; a refused request must not have changed the database.

Each request runs in a transaction that is rolled back, so every request sees the same world.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.permissions.world import OTHER, OWN, ROLES, SIDES, Side, World

# ------------------------------------------------------------------ capacities
# What a role user is towards the kecamatan (and unit, village) of the object a URL names.
ANONYMOUS = "anonymous"
STRANGER = "stranger"  # logged in, member of another kecamatan
OPERATOR_VILLAGE = "operator_village"  # operator of the object's village
OPERATOR_OTHER_VILLAGE = "operator_other_village"  # operator of another village of it
KASI_UNIT = "kasi_unit"  # head of the object's unit (Seksi Pemerintahan)
KASI_OTHER_UNIT = "kasi_other_unit"  # head of another section of the kecamatan
PERENCANA = "perencana"
CAMAT = "camat"
ADMIN_KABUPATEN = "admin_kabupaten"
SUPERUSER = "superuser"

Who = frozenset[str]
NOBODY: Who = frozenset()
EDITORS: Who = frozenset({PERENCANA, CAMAT, ADMIN_KABUPATEN, SUPERUSER})
KASI: Who = frozenset({KASI_UNIT, KASI_OTHER_UNIT})
OPERATORS: Who = frozenset({OPERATOR_VILLAGE, OPERATOR_OTHER_VILLAGE})
MEMBERS: Who = EDITORS | KASI | OPERATORS
LOGGED_IN: Who = MEMBERS | {STRANGER}
EVERYONE: Who = LOGGED_IN | {ANONYMOUS}


def capacity(role: str, side: str, unit_head: str = "kasi_a") -> str:
    """The capacity of ``role`` towards the objects of ``side``: Mayang's users are members of
    ``own`` and strangers to ``other``; the outsider (Camat of Uji) the reverse. ``unit_head``:
    which of the two section heads heads the unit of the route's object."""
    if role in (ANONYMOUS, SUPERUSER, ADMIN_KABUPATEN):
        return role
    if role == "outsider":
        return CAMAT if side == OTHER else STRANGER
    if side == OTHER:
        return STRANGER
    return {
        "operator_a": OPERATOR_VILLAGE,
        "operator_b": OPERATOR_OTHER_VILLAGE,
        "kasi_a": KASI_UNIT if unit_head == "kasi_a" else KASI_OTHER_UNIT,
        "kasi_b": KASI_UNIT if unit_head == "kasi_b" else KASI_OTHER_UNIT,
        "perencana": PERENCANA,
        "camat": CAMAT,
    }[role]


# ------------------------------------------------------------------ declarations
Build = Callable[[Side], Any]


@dataclass(frozen=True)
class Write:
    """One way of writing to a route: the method, who may, and the body (built from the side)."""

    who: Who
    method: str = "post"
    data: Build | None = None
    # an allowed write changes the database; False where the allowed answer is a form shown again
    # or a confirmation page (say why in ``note``)
    changes: bool = True
    # the body is deliberately incomplete: an allowed user gets the form back with its errors
    # (400) and nothing is written; a refused one 403, 404 or the login page
    invalid: bool = False
    note: str = ""


@dataclass(frozen=True)
class Route:
    """Who may read and write one named route. ``kwargs`` builds the URL's arguments and
    ``query`` its query string from a side's objects; ``read`` None: the route answers no GET
    (nobody reads it; its GET must be refused). ``sides``: the route names an object of a
    kecamatan (both sides are tried) or not (only ``own``)."""

    read: Who | None
    writes: tuple[Write, ...] = ()
    kwargs: Build | None = None
    query: Build | None = None
    api: bool = False
    sides: tuple[str, ...] = SIDES
    # the section head of the object's unit: kasi_a (Seksi Pemerintahan) or kasi_b (Seksi
    # Pelayanan Umum, the unit of the SKM)
    unit_head: str = "kasi_a"
    # GET writes (a page that creates what it shows on first visit): the reason
    get_writes: str = ""
    note: str = ""


def write(who: Who, **kw: Any) -> tuple[Write, ...]:
    return (Write(who, **kw),)


# ------------------------------------------------------------------ running
LOGIN = "login"
ALLOWED, REFUSED = "allowed", "refused"


_COUNT_ROWS: list[str] = []


def _db_state() -> tuple[Any, ...]:
    """What a write changes, in one query: on SQLite the last id given in every table (a write
    inserts a row somewhere: its history record at least); elsewhere the row count of every
    table but the sessions."""
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name, seq FROM sqlite_sequence ORDER BY name")
            return tuple(cursor.fetchall())
        if not _COUNT_ROWS:
            tables = sorted(
                t
                for t in connection.introspection.table_names(cursor)
                if not t.startswith(("django_session", "axes_"))
            )
            _COUNT_ROWS.append(
                "SELECT " + ", ".join(f'(SELECT COUNT(*) FROM "{t}")' for t in tables)
            )
        cursor.execute(_COUNT_ROWS[0])
        return tuple(cursor.fetchone())


def _log(name: str, key: str, status: int, wrote: bool) -> None:
    """With PERMISSION_SUITE_LOG=file, every request's answer is appended to ``file`` (to
    review the codes: 403 against 404, which refusals are a 400)."""
    path = os.environ.get("PERMISSION_SUITE_LOG")
    if path:
        with open(path, "a", encoding="utf-8") as log:
            log.write(f"{name}\t{key}\t{status}\t{'wrote' if wrote else ''}\n")


def classify(response: Any) -> str:
    status = response.status_code
    if status in (301, 302, 303) and response["Location"].startswith(reverse("login") + "?"):
        return REFUSED
    if 200 <= status < 400:
        return ALLOWED
    if status in (400, 401, 403, 404, 405):
        return REFUSED
    return f"error {status}"


@dataclass
class Clients:
    """One page client and one API client per role, logged in once."""

    pages: dict[str, Client] = field(default_factory=dict)
    api: dict[str, APIClient] = field(default_factory=dict)

    @classmethod
    def for_world(cls, world: World) -> Clients:
        clients = cls()
        for n, role in enumerate(ROLES, start=1):
            user = world.users[role]
            # each role from its own address: the public survey limits answers per address
            page, api = Client(REMOTE_ADDR=f"10.0.0.{n}"), APIClient(REMOTE_ADDR=f"10.0.0.{n}")
            if user.is_authenticated:
                page.force_login(user)
                api.force_authenticate(user)
            clients.pages[role], clients.api[role] = page, api
        return clients


def url_of(name: str, route: Route, side: Side) -> str:
    kwargs = route.kwargs(side) if route.kwargs else {}
    url = reverse(name, kwargs={k: str(getattr(v, "pk", v)) for k, v in kwargs.items()})
    return url + (route.query(side) if route.query else "")


def _request(client: Any, method: str, url: str, data: Any, api: bool) -> Any:
    call = getattr(client, method)
    if method == "get":
        return call(url)
    if api:
        files = data and any(hasattr(v, "read") for v in data.values())
        return call(url, data, format="multipart" if files else "json")
    return call(url, data or {})


def run_route(
    name: str, route: Route | tuple[Route, ...], world: World, clients: Clients
) -> dict[str, str]:
    """Every request of ``route`` (or of each of its variants) by every role on every side:
    {"GET own kasi_a": problem} for each request whose outcome differs from the declaration
    (empty: all as declared)."""
    if isinstance(route, tuple):
        problems: dict[str, str] = {}
        for n, variant in enumerate(route, start=1):
            found = run_route(name, variant, world, clients)
            problems.update({f"[{n}] {k}": v for k, v in found.items()})
        return problems
    problems = {}
    for side_name in route.sides:
        side = world[side_name]
        url = url_of(name, route, side)
        requests: list[tuple[str, Who, Build | None, bool, bool, str]] = [
            ("get", route.read or NOBODY, None, False, False, route.get_writes)
        ]
        requests += [(w.method, w.who, w.data, w.changes, w.invalid, "") for w in route.writes]
        for method, who, data, changes, invalid, may_write in requests:
            for role in ROLES:
                expected = REFUSED
                if capacity(role, side_name, route.unit_head) in who:
                    expected = ALLOWED
                client = (clients.api if route.api else clients.pages)[role]
                body = data(side) if data else None
                with transaction.atomic():
                    before = _db_state()
                    response = _request(client, method, url, body, route.api)
                    wrote = _db_state() != before
                    transaction.set_rollback(True)
                outcome = classify(response)
                key = f"{method.upper()} {side_name} {role}"
                _log(name, key, response.status_code, wrote)
                if invalid and expected == ALLOWED:
                    if response.status_code != 400 or wrote:
                        problems[key] = f"{response.status_code}, declared 400 (form errors)"
                    continue
                if invalid and response.status_code == 400:
                    problems[key] = "400 (form errors), declared refused"
                elif outcome != expected:
                    problems[key] = f"{outcome} ({response.status_code}), declared {expected}"
                elif outcome == REFUSED and wrote:
                    problems[key] = f"refused ({response.status_code}) but wrote"
                elif outcome == ALLOWED and method != "get" and changes and not wrote:
                    problems[key] = f"allowed ({response.status_code}) but wrote nothing"
                elif outcome == ALLOWED and method == "get" and wrote and not may_write:
                    problems[key] = "GET wrote to the database"
    return problems


__all__ = [
    "ADMIN_KABUPATEN",
    "ANONYMOUS",
    "CAMAT",
    "EDITORS",
    "EVERYONE",
    "KASI",
    "KASI_OTHER_UNIT",
    "KASI_UNIT",
    "LOGGED_IN",
    "MEMBERS",
    "NOBODY",
    "OPERATORS",
    "OPERATOR_OTHER_VILLAGE",
    "OPERATOR_VILLAGE",
    "OWN",
    "PERENCANA",
    "STRANGER",
    "SUPERUSER",
    "Route",
    "Write",
    "run_route",
    "write",
]
