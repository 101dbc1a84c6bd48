"""GET /api/capaian/?tahun=&organisasi=: the rows of ``kinerja capaian`` through the REST API.

Members of the kecamatan (and the regency's admin) get every value; anybody else, the public
included, gets approved values only (and the targets of a signed PK).
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import exceptions, serializers
from rest_framework.permissions import AllowAny
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from kinerja.accounts.access import Action, can_act_in
from kinerja.measurement import selectors
from kinerja.organisations.models import Level, Organisation

_ROW = inline_serializer(
    "CapaianRow",
    {
        "kode_indikator": serializers.CharField(),
        "periode": serializers.CharField(),
        "target": serializers.JSONField(allow_null=True),
        "pembilang": serializers.FloatField(allow_null=True),
        "penyebut": serializers.FloatField(allow_null=True),
        "realisasi": serializers.JSONField(allow_null=True),
        "capaian": serializers.FloatField(allow_null=True),
        "predikat": serializers.CharField(allow_null=True),
    },
    many=True,
)


class CapaianView(APIView):
    permission_classes = [AllowAny]

    @extend_schema(
        parameters=[
            OpenApiParameter("tahun", int, required=True, description="Year, e.g. 2022."),
            OpenApiParameter(
                "organisasi",
                str,
                description="Kemendagri code of the kecamatan (default 35.09.26).",
            ),
        ],
        responses=_ROW,
    )
    def get(self, request: Request) -> Response:
        raw = request.query_params.get("tahun", "").strip()
        if not raw.isdigit() or not 1 <= int(raw) <= 9999:
            raise exceptions.ValidationError(
                {"tahun": [_("Give the year as four digits, e.g. 2022.")]}
            )
        code = request.query_params.get("organisasi") or settings.KINERJA_DEFAULT_ORGANISATION
        organisation = Organisation.objects.filter(code=code, level=Level.KECAMATAN).first()
        if organisation is None:
            raise exceptions.NotFound(_("Unknown organisation code: %(code)s") % {"code": code})
        member = can_act_in(request.user, Action.VIEW, organisation)
        rows = selectors.performance_table(
            user=request.user, organisation=organisation, year=int(raw), approved_only=not member
        )
        records: list[dict[str, Any]] = selectors.capaian_records(rows)
        if not member:
            # The records behind a number (register entries) stay inside the kecamatan.
            for record in records:
                record["rincian"] = []
        return Response(records)
