from django.http import HttpRequest, HttpResponse
from django.urls import path

from kinerja.urls import urlpatterns as project_urlpatterns


def ping(request: HttpRequest) -> HttpResponse:
    """The trivial page: the whole middleware stack, no template, no database."""
    return HttpResponse("ok", content_type="text/plain")


urlpatterns = [path("bench/ping/", ping), *project_urlpatterns]
