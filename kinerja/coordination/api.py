"""API of the coordination register (read-only): activities of the kecamatan the user belongs
to, with their results, recommendations and follow-ups. Reads through ``for_user``; writes go
through the pages (services)."""

from typing import Any

from django.db.models import QuerySet
from drf_spectacular.utils import OpenApiParameter, extend_schema, extend_schema_view
from rest_framework import permissions, serializers, viewsets

from kinerja.accounts.access import Action
from kinerja.coordination.models import (
    CoordinationActivity,
    CoordinationResult,
    FollowUp,
    Recommendation,
)
from kinerja.coordination.selectors import recommendation_state


class FollowUpSerializer(serializers.ModelSerializer[FollowUp]):
    class Meta:
        model = FollowUp
        fields = ["id", "status", "date", "actor", "note", "file_name"]


class RecommendationSerializer(serializers.ModelSerializer[Recommendation]):
    followups = FollowUpSerializer(many=True, read_only=True)
    state = serializers.SerializerMethodField()

    class Meta:
        model = Recommendation
        fields = ["id", "text", "responsible_party", "due_date", "state", "followups"]

    def get_state(self, obj: Recommendation) -> str:
        return recommendation_state(obj)


class ResultSerializer(serializers.ModelSerializer[CoordinationResult]):
    recommendations = RecommendationSerializer(many=True, read_only=True)

    class Meta:
        model = CoordinationResult
        fields = ["id", "text", "date", "recommendations"]


class ActivitySerializer(serializers.ModelSerializer[CoordinationActivity]):
    field = serializers.CharField(source="field.code")
    organisation = serializers.CharField(source="field.organisation.code")
    results = ResultSerializer(many=True, read_only=True)

    class Meta:
        model = CoordinationActivity
        fields = [
            "id",
            "organisation",
            "field",
            "kind",
            "title",
            "date",
            "place",
            "participants",
            "status",
            "file_name",
            "results",
        ]


@extend_schema_view(
    list=extend_schema(
        parameters=[
            OpenApiParameter("organisasi", str),
            OpenApiParameter("bidang", str),
            OpenApiParameter("tahun", int),
        ]
    )
)
class CoordinationActivityViewSet(viewsets.ReadOnlyModelViewSet[CoordinationActivity]):
    permission_classes = [permissions.IsAuthenticated]
    serializer_class = ActivitySerializer

    def get_queryset(self) -> QuerySet[CoordinationActivity]:
        qs = CoordinationActivity.objects.for_user(self.request.user, Action.VIEW)
        params: Any = self.request.query_params
        if params.get("organisasi"):
            qs = qs.filter(field__organisation__code=params["organisasi"])
        if params.get("bidang"):
            qs = qs.filter(field__code=params["bidang"])
        if (params.get("tahun") or "").isdigit():
            qs = qs.filter(date__year=int(params["tahun"]))
        return qs.select_related("field__organisation").prefetch_related(
            "results__recommendations__followups"
        )
