"""The home page: the public front door for visitors, a panel per role for staff."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from kinerja.web import home as home_data


def home(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    if request.user.is_authenticated and "organisasi" not in request.GET:
        return render(
            request,
            "web/home.html",
            {"homes": home_data.role_homes(request.user, today=today), "today": today},
        )
    organisation = home_data.site_organisation(request.GET.get("organisasi") or None)
    if organisation is None and request.GET.get("organisasi"):
        raise Http404
    doors = home_data.front_door(organisation) if organisation else []
    others = home_data.public_kecamatan()
    if organisation is not None:
        others = others.exclude(pk=organisation.pk)
    return render(
        request,
        "web/front_door.html",
        {
            "organisation": organisation,
            "doors": doors,
            "others": others,
        },
    )
