"""The site's URLs plus views that fail on purpose, for the error page tests; the error handlers
are the site's own (kinerja/urls.py)."""

from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.http import HttpRequest, HttpResponse
from django.urls import path

from kinerja.urls import handler500
from kinerja.urls import urlpatterns as site_urlpatterns

__all__ = ["handler500", "urlpatterns"]


def fails(request: HttpRequest) -> HttpResponse:
    raise RuntimeError("a bug in a view")


def forbidden(request: HttpRequest) -> HttpResponse:
    raise PermissionDenied("not for you")


def bad(request: HttpRequest) -> HttpResponse:
    raise SuspiciousOperation("a tampered request")


urlpatterns = [
    path("uji/gagal/", fails),
    path("uji/terlarang/", forbidden),
    path("uji/buruk/", bad),
    *site_urlpatterns,
]
