"""The site menu as one registry: each app contributes its own entries (in its ``menu.py``,
imported by its ``AppConfig.ready``); the layout renders what the user's roles may use.

An entry names the roles that may use it (role values of ``kinerja.accounts.models.Role``;
``PUBLIC`` for everybody, logged in or not), the URL it opens and the URL namespaces or names
that count as "inside" it, so the current section is marked and breadcrumbs can be built.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.urls import NoReverseMatch, reverse
from django.utils.functional import Promise

PUBLIC = "public"
MEMBER_ROLES = frozenset({"admin_kabupaten", "camat", "perencana", "kepala_seksi", "operator_desa"})

Badge = Callable[[Any], int]


@dataclass(frozen=True)
class MenuEntry:
    key: str
    label: str | Promise
    url_name: str
    order: int
    roles: frozenset[str]
    # URL names ("app:name") or namespaces ("app:") inside this entry; default: its own url_name.
    matches: tuple[str, ...] = ()
    # The key of the entry this one sits under (a group such as "Perencanaan").
    parent: str | None = None
    # Number shown beside the label (e.g. what waits for this user); 0 shows nothing.
    badge: Badge | None = None
    # Roles for whom the entry is not shown although they may open it (e.g. staff-only menus).
    hidden_for: frozenset[str] = field(default_factory=frozenset)

    def visible_to(self, roles: frozenset[str]) -> bool:
        if PUBLIC in self.roles:
            return True
        return bool(self.roles & roles)

    def is_current(self, view_name: str) -> bool:
        for pattern in self.matches or (self.url_name,):
            if pattern.endswith(":"):
                if view_name.startswith(pattern):
                    return True
            elif view_name == pattern:
                return True
        return False


_REGISTRY: dict[str, MenuEntry] = {}


def menu_register(*entries: MenuEntry) -> None:
    """Add entries to the menu (idempotent by key: a second registration replaces the first)."""
    for entry in entries:
        _REGISTRY[entry.key] = entry


def menu_entries() -> list[MenuEntry]:
    return sorted(_REGISTRY.values(), key=lambda e: (e.order, e.key))


@dataclass
class MenuItem:
    """An entry as rendered for one request."""

    key: str
    label: str | Promise
    url: str
    current: bool
    badge: int = 0
    children: list["MenuItem"] = field(default_factory=list)


def menu_for(roles: frozenset[str], view_name: str, user: Any) -> list[MenuItem]:
    """The menu one user sees: top-level items, each with the children it holds.

    A group whose own URL the user may not open still shows when a child is visible; a
    group with no visible child and no URL of its own is left out.
    """
    entries = [e for e in menu_entries() if e.visible_to(roles) and not (e.hidden_for & roles)]
    items: dict[str, MenuItem] = {}
    for entry in entries:
        try:
            url = reverse(entry.url_name)
        except NoReverseMatch:
            continue
        badge = entry.badge(user) if entry.badge is not None else 0
        items[entry.key] = MenuItem(
            key=entry.key,
            label=entry.label,
            url=url,
            current=entry.is_current(view_name),
            badge=badge,
        )
    top: list[MenuItem] = []
    for entry in entries:
        item = items.get(entry.key)
        if item is None:
            continue
        if entry.parent and entry.parent in items:
            parent = items[entry.parent]
            parent.children.append(item)
            if item.current:
                parent.current = True
            parent.badge += item.badge
        else:
            top.append(item)
    return top


def trail_for(items: Iterable[MenuItem]) -> list[MenuItem]:
    """The current item and its current child: the start of a breadcrumb."""
    for item in items:
        if item.current:
            child = next((c for c in item.children if c.current), None)
            return [item, child] if child is not None else [item]
    return []
