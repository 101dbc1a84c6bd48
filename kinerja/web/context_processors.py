"""What every page's layout needs: the menu the user may use and the breadcrumb's start."""

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from kinerja.accounts.access import memberships_of
from kinerja.common.navigation import MEMBER_ROLES, PUBLIC, MenuItem, menu_for, trail_for


def user_roles(user: Any, memberships: list[Any]) -> frozenset[str]:
    """The role values a user holds anywhere (a superuser holds them all)."""
    if not user.is_authenticated:
        return frozenset({PUBLIC})
    if user.is_superuser:
        return MEMBER_ROLES
    return frozenset(m.role for m in memberships)


class Navigation:
    """Computed once per request, and only when the layout uses it."""

    def __init__(self, request: HttpRequest):
        user = request.user
        self.memberships = memberships_of(user)
        self.roles = user_roles(user, self.memberships)
        match = request.resolver_match
        self.view_name = match.view_name if match is not None else ""
        self.items: list[MenuItem] = menu_for(self.roles, self.view_name, user)
        self.trail = trail_for(self.items)
        self.is_home = self.view_name == "home"


def navigation(request: HttpRequest) -> dict[str, Any]:
    return {"nav": SimpleLazyObject(lambda: Navigation(request))}
