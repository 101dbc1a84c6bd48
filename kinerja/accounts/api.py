"""The API side of the permission door."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rest_framework import permissions

if TYPE_CHECKING:
    from rest_framework.request import Request
    from rest_framework.views import APIView

from kinerja.accounts.access import Action


class ScopedPermission(permissions.BasePermission):
    """Reads are open (the queryset is already limited by ``for_user``); writes need a login.

    Whether the user may write *this* object is decided by the services, which raise
    PermissionDenied; DRF turns that into 403.
    """

    def has_permission(self, request: Request, view: APIView) -> bool:
        if request.method in permissions.SAFE_METHODS:
            return True
        return bool(request.user and request.user.is_authenticated)


def action_for(request: Request) -> Action:
    return Action.VIEW if request.method in permissions.SAFE_METHODS else Action.CHANGE


def request_user(request: Request) -> Any:
    return request.user
