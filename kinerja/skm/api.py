"""API of the SKM: the index of a period (members of the kecamatan), the same numbers as the
index page, unrounded (floats of the exact fractions) plus the rounded converted value."""

from typing import Any, Literal, cast, overload

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import permissions, viewsets
from rest_framework.exceptions import PermissionDenied, ValidationError
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.accounts.access import organisation_for_request
from kinerja.skm import selectors
from kinerja.skm.hitung import index_json


@overload
def _int(request: Request, name: str, low: int, high: int, required: Literal[True]) -> int: ...
@overload
def _int(
    request: Request, name: str, low: int, high: int, required: bool = False
) -> int | None: ...
def _int(request: Request, name: str, low: int, high: int, required: bool = False) -> int | None:
    raw = request.query_params.get(name, "")
    if not raw:
        if required:
            raise ValidationError({name: ["This parameter is required."]})
        return None
    try:
        value = int(raw)
    except ValueError as exc:
        raise ValidationError({name: [f"Expected a whole number, got {raw!r}."]}) from exc
    if not low <= value <= high:
        raise ValidationError({name: [f"Expected {low}..{high}."]})
    return value


class SkmIndexViewSet(viewsets.ViewSet):
    permission_classes = [permissions.IsAuthenticated]

    @extend_schema(
        parameters=[
            OpenApiParameter("organisasi", str, required=True),
            OpenApiParameter("tahun", int, required=True),
            OpenApiParameter("triwulan", int),
            OpenApiParameter("layanan", int),
        ],
        responses={200: dict},
    )
    def list(self, request: Request) -> Response:
        code = request.query_params.get("organisasi", "").strip()
        if not code:  # required: the API never guesses the kecamatan
            raise Http404
        # DRF's request answers .user and .GET as Django's does.
        organisation = organisation_for_request(
            cast(HttpRequest, request), code=code, refuse=PermissionDenied
        )
        year = _int(request, "tahun", 2000, 2100, required=True)
        quarter = _int(request, "triwulan", 1, 4)
        service_id = _int(request, "layanan", 1, 2**31)
        service = None
        if service_id is not None:
            service = get_object_or_404(selectors.services_of(organisation), pk=service_id)
        index = selectors.skm_index(
            organisation=organisation, year=year, quarter=quarter, service=service
        )
        sample = selectors.skm_sample_check(organisation=organisation, year=year, quarter=quarter)
        body: dict[str, Any] = {
            "organisasi": organisation.code,
            "tahun": year,
            "triwulan": quarter,
            "layanan": service_id,
            "populasi": sample.population,
            "sampel_minimum": sample.minimum,
            "indeks": None,
        }
        if index is not None:
            body["indeks"] = {
                **index_json(index.result),
                "ikm_konversi_dibulatkan": str(index.result.ikm_konversi_rounded),
            }
        return Response(body)
