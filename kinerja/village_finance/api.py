"""API of the village budget-document register (read-only): the APBDes and SPJ reports of the
villages of the kecamatan the user belongs to. Reads through ``for_user``; writes go through the
pages (services), where an operator may only submit for their own village."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets

from kinerja.accounts.access import Action
from kinerja.village_finance.models import APBDesDocument, SPJReport, VillageDocument

DOCUMENT_FIELDS = [
    "id",
    "kecamatan",
    "desa",
    "nama_desa",
    "year",
    "submitted_on",
    "deadline",
    "terlambat",
    "result",
    "notes",
    "corrected_on",
    "file_name",
    "uploaded_at",
    "paper_date",
    "paper_note",
]


class _DocumentSerializer(serializers.ModelSerializer[VillageDocument]):
    kecamatan = serializers.CharField(source="village.parent.code")
    desa = serializers.CharField(source="village.code")
    nama_desa = serializers.CharField(source="village.name")
    terlambat = serializers.SerializerMethodField(
        help_text="First handed in after the deadline (null while not handed in)."
    )
    file_name = serializers.CharField(
        source="original_name", help_text="Empty: no file, the document does not count for 2.2."
    )
    uploaded_at = serializers.DateTimeField(
        help_text="The server's clock when the file was uploaded (the handover time)."
    )
    paper_date = serializers.DateField(
        help_text="An earlier paper handover confirmed by the section (then it counts)."
    )

    def get_terlambat(self, obj: VillageDocument) -> bool | None:
        if obj.submitted_on is None:
            return None
        return obj.submitted_on > obj.deadline


class APBDesSerializer(_DocumentSerializer):
    class Meta:
        model = APBDesDocument
        fields = DOCUMENT_FIELDS


class SPJSerializer(_DocumentSerializer):
    class Meta:
        model = SPJReport
        fields = [*DOCUMENT_FIELDS[:5], "period", *DOCUMENT_FIELDS[5:]]


FILTERS = extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("organisasi", str, description="Kode kecamatan"),
            OpenApiParameter("desa", str, description="Kode desa"),
            OpenApiParameter("tahun", int, description="Tahun anggaran"),
        ]
    )
)


class _DocumentViewSet(viewsets.ReadOnlyModelViewSet[Any]):
    permission_classes = [permissions.IsAuthenticated]
    model: Any = None

    def get_queryset(self) -> QuerySet[Any]:
        qs = self.model.objects.for_user(self.request.user, Action.VIEW)
        params: Any = self.request.query_params
        if params.get("organisasi"):
            qs = qs.filter(village__parent__code=params["organisasi"])
        if params.get("desa"):
            qs = qs.filter(village__code=params["desa"])
        if (params.get("tahun") or "").isdigit():
            qs = qs.filter(year=int(params["tahun"]))
        return qs.select_related("village__parent")


@FILTERS
class APBDesViewSet(_DocumentViewSet):
    model = APBDesDocument
    serializer_class = APBDesSerializer


@FILTERS
class SPJViewSet(_DocumentViewSet):
    model = SPJReport
    serializer_class = SPJSerializer
