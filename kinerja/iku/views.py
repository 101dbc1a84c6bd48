from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render

from kinerja.iku import selectors


def decree_list(request: HttpRequest) -> HttpResponse:
    return render(
        request, "iku/decree_list.html", {"decrees": selectors.decree_list(user=request.user)}
    )


def decree_detail(request: HttpRequest, pk: int) -> HttpResponse:
    decree = selectors.decree_get(user=request.user, pk=pk)
    if decree is None:
        raise Http404
    return render(request, "iku/decree_detail.html", selectors.decree_document_context(decree))
