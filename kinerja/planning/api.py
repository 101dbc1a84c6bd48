"""REST API of planning: Perjanjian Kinerja, targets, Renstra and Renja programs.

Thin: reads through ``for_user`` (signed PKs and their targets are public; drafts, Renstra and
programs are for the kecamatan's members), writes through the services (403 from them, 404 when
the object is invisible). Numbers may be sent as JSON numbers or as Indonesian text ("81,5").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.contrib.auth.models import User
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.accounts.access import Action
from kinerja.iku.api import _call, _user
from kinerja.iku.models import Indicator
from kinerja.organisations.models import Official, Organisation
from kinerja.planning.models import (
    IndicatorBenchmark,
    PerformanceAgreement,
    Program,
    RenstraPeriod,
    RenstraTarget,
    Target,
    TargetRevision,
)
from kinerja.planning.services.agreements import (
    TargetsSaved,
    agreement_save,
    agreement_sign,
    target_revise,
    target_set,
)
from kinerja.planning.services.renja import budget_realization_set, program_save
from kinerja.planning.services.renstra import renstra_save, renstra_target_set


def _number_field() -> serializers.CharField:
    """A number sent as a JSON number or Indonesian text; optional."""
    return serializers.CharField(required=False, allow_null=True, allow_blank=True)


def _number_out(value: Any) -> str | None:
    return None if value is None else str(value)


def _update_through(
    save: Callable[..., Any],
    serializer: serializers.BaseSerializer[Any],
    *,
    actor: Any,
    name: str,
    fields: Iterable[str],
    **stored: Any,
) -> None:
    """PUT/PATCH through the service ``save`` (its keyword for the instance: ``name``): the
    instance's ``fields`` and ``stored`` values, replaced by those sent; the organisation stays."""
    instance = serializer.instance
    assert instance is not None  # an update has its instance
    values = {field: getattr(instance, field) for field in fields} | stored
    values.update(serializer.validated_data)
    values.pop("organisation", None)
    serializer.instance = _call(
        save, actor=actor, organisation=instance.organisation, **{name: instance}, **values
    )


class TargetSerializer(serializers.ModelSerializer[Target]):
    target = _number_field()
    target_upper = _number_field()
    mismatch_reason = serializers.CharField(required=False, allow_blank=True, allow_null=True)

    class Meta:
        model = Target
        fields = [
            "id",
            "agreement",
            "indicator",
            "period",
            "target",
            "target_upper",
            "target_grade",
            "mismatch_reason",
        ]

    def get_unique_together_validators(self) -> list[Any]:
        return []

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = _user(self)
        fields["agreement"].queryset = PerformanceAgreement.objects.for_user(user, Action.VIEW)  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        fields["indicator"].queryset = Indicator.objects.for_user(user, Action.VIEW)  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        return fields


class RevisionInputSerializer(serializers.Serializer[Any]):
    agreement = serializers.PrimaryKeyRelatedField(queryset=PerformanceAgreement.objects.none())
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.none())
    period = serializers.CharField()
    target = _number_field()
    target_upper = _number_field()
    target_grade = serializers.CharField(required=False, allow_blank=True, default="")
    reason = serializers.CharField(required=False, allow_blank=True, default="")
    document_number = serializers.CharField(required=False, allow_blank=True, default="")
    document_date = serializers.DateField(required=False, allow_null=True, default=None)
    mismatch_reason = serializers.CharField(required=False, allow_blank=True, allow_null=True)

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = _user(self)
        fields["agreement"].queryset = PerformanceAgreement.objects.for_user(user, Action.VIEW)  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        fields["indicator"].queryset = Indicator.objects.for_user(user, Action.VIEW)  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        return fields


class RevisionSerializer(serializers.ModelSerializer[TargetRevision]):
    revised_by = serializers.SlugRelatedField[User](slug_field="username", read_only=True)

    class Meta:
        model = TargetRevision
        fields = [
            "id",
            "target",
            "old_target",
            "new_target",
            "old_target_upper",
            "new_target_upper",
            "old_grade",
            "new_grade",
            "reason",
            "document_number",
            "document_date",
            "revised_by",
            "revised_at",
        ]


class AgreementSerializer(serializers.ModelSerializer[PerformanceAgreement]):
    organisation = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.kecamatan()
    )
    first_party = serializers.PrimaryKeyRelatedField(
        queryset=Official.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = PerformanceAgreement
        fields = [
            "id",
            "organisation",
            "year",
            "first_party",
            "second_party_name",
            "second_party_position",
            "place",
            "date_signed",
            "status",
        ]
        read_only_fields = ["status"]

    def get_unique_together_validators(self) -> list[Any]:
        return []


class SignSerializer(serializers.Serializer[Any]):
    date_signed = serializers.DateField(required=False, allow_null=True)


class AgreementViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[PerformanceAgreement],
):
    """Perjanjian Kinerja. Drafts are seen only inside their kecamatan; never deleted."""

    serializer_class = AgreementSerializer
    filterset_fields = ["year", "status", "organisation__code"]

    def get_queryset(self) -> Any:
        return PerformanceAgreement.objects.for_user(self.request.user, Action.VIEW).select_related(
            "organisation"
        )

    def perform_create(self, serializer: serializers.BaseSerializer[PerformanceAgreement]) -> None:
        data = dict(serializer.validated_data)
        data.setdefault("first_party", None)
        serializer.instance = _call(agreement_save, actor=self.request.user, **data)

    def perform_update(self, serializer: serializers.BaseSerializer[PerformanceAgreement]) -> None:
        _update_through(
            agreement_save,
            serializer,
            actor=self.request.user,
            name="agreement",
            fields=(
                "year",
                "first_party",
                "second_party_name",
                "second_party_position",
                "place",
                "date_signed",
            ),
        )

    @extend_schema(request=SignSerializer, responses={200: AgreementSerializer})
    @action(detail=True, methods=["post"], url_path="tandatangani")
    def sign(self, request: Request, pk: str | None = None) -> Response:
        body = SignSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        agreement = _call(
            agreement_sign,
            actor=request.user,
            agreement=self.get_object(),
            date_signed=body.validated_data.get("date_signed"),
        )
        return Response(AgreementSerializer(agreement).data)

    @extend_schema(responses={200: RevisionSerializer(many=True)})
    @action(detail=True, methods=["get"], url_path="revisi")
    def revisions(self, request: Request, pk: str | None = None) -> Response:
        agreement = self.get_object()
        if not _call(_is_member, user=request.user, organisation=agreement.organisation):
            return Response(status=status.HTTP_403_FORBIDDEN)
        rows = TargetRevision.objects.filter(target__agreement=agreement).order_by("revised_at")
        return Response(RevisionSerializer(rows, many=True).data)


def _is_member(*, user: Any, organisation: Organisation) -> bool:
    from kinerja.accounts.access import can_act_in

    return can_act_in(user, Action.VIEW, organisation)


class TargetViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    viewsets.GenericViewSet[Target],
):
    """PK targets (``period`` 2022 or 2022Q1..Q4). POST sets a target of a draft PK (all empty
    removes it); after signing POST ``revisi/`` with reason and legal document."""

    serializer_class = TargetSerializer
    filterset_fields = ["agreement", "indicator", "period", "agreement__year"]

    def get_queryset(self) -> Any:
        return Target.objects.for_user(self.request.user, Action.VIEW).select_related(
            "agreement", "indicator"
        )

    def create(self, request: Request, *args: Any, **kwargs: Any) -> Response:
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        result = _call(
            target_set,
            actor=request.user,
            agreement=data["agreement"],
            indicator=data["indicator"],
            period=data["period"],
            target=data.get("target"),
            target_upper=data.get("target_upper"),
            target_grade=data.get("target_grade", ""),
            mismatch_reason=data.get("mismatch_reason"),
        )
        return _targets_response(result, status.HTTP_201_CREATED)

    @extend_schema(request=RevisionInputSerializer, responses={201: dict})
    @action(detail=False, methods=["post"], url_path="revisi")
    def revise(self, request: Request) -> Response:
        body = RevisionInputSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        result = _call(target_revise, actor=request.user, **body.validated_data)
        return _targets_response(result, status.HTTP_201_CREATED)


def _targets_response(result: TargetsSaved, code: int) -> Response:
    return Response(
        {
            "targets": [TargetSerializer(t).data for t in result.targets.values() if t is not None],
            "warnings": result.warnings,
            "revisions": [RevisionSerializer(r).data for r in result.revisions],
        },
        status=code,
    )


class RenstraTargetSerializer(serializers.ModelSerializer[RenstraTarget]):
    class Meta:
        model = RenstraTarget
        fields = ["id", "indicator", "year", "target", "target_upper", "target_grade"]


class RenstraTargetInputSerializer(serializers.Serializer[Any]):
    indicator = serializers.PrimaryKeyRelatedField(queryset=Indicator.objects.none())
    year = serializers.IntegerField(required=False, allow_null=True, default=None)
    target = _number_field()
    target_upper = _number_field()
    target_grade = serializers.CharField(required=False, allow_blank=True, default="")

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        fields["indicator"].queryset = Indicator.objects.for_user(_user(self), Action.VIEW)  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        return fields


class RenstraSerializer(serializers.ModelSerializer[RenstraPeriod]):
    organisation = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.kecamatan()
    )
    targets = RenstraTargetSerializer(many=True, read_only=True)

    class Meta:
        model = RenstraPeriod
        fields = [
            "id",
            "organisation",
            "title",
            "start_year",
            "end_year",
            "document_number",
            "document_date",
            "targets",
        ]

    def get_unique_together_validators(self) -> list[Any]:
        return []


class RenstraViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[RenstraPeriod],
):
    """Renstra periods with their yearly and end-of-period targets (members only)."""

    serializer_class = RenstraSerializer
    filterset_fields = ["organisation__code"]

    def get_queryset(self) -> Any:
        return (
            RenstraPeriod.objects.for_user(self.request.user, Action.VIEW)
            .select_related("organisation")
            .prefetch_related("targets")
        )

    def perform_create(self, serializer: serializers.BaseSerializer[RenstraPeriod]) -> None:
        serializer.instance = _call(
            renstra_save, actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[RenstraPeriod]) -> None:
        _update_through(
            renstra_save,
            serializer,
            actor=self.request.user,
            name="renstra",
            fields=("title", "start_year", "end_year", "document_number", "document_date"),
        )

    @extend_schema(request=RenstraTargetInputSerializer, responses={200: RenstraSerializer})
    @action(detail=True, methods=["post"], url_path="target")
    def set_target(self, request: Request, pk: str | None = None) -> Response:
        renstra = self.get_object()
        body = RenstraTargetInputSerializer(data=request.data, context={"request": request})
        body.is_valid(raise_exception=True)
        _call(renstra_target_set, actor=request.user, renstra=renstra, **body.validated_data)
        return Response(RenstraSerializer(self.get_object()).data)


class ProgramSerializer(serializers.ModelSerializer[Program]):
    organisation = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.kecamatan()
    )
    budget = serializers.CharField()
    realizations = serializers.SerializerMethodField()

    class Meta:
        model = Program
        fields = [
            "id",
            "organisation",
            "year",
            "level",
            "parent",
            "code",
            "name",
            "budget",
            "indicators",
            "realizations",
        ]

    def get_realizations(self, program: Program) -> dict[str, str]:
        return {r.period: str(r.amount) for r in program.realizations.all()}

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        user = _user(self)
        fields["parent"].queryset = Program.objects.for_user(user, Action.VIEW)  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        fields["indicators"].child_relation.queryset = Indicator.objects.for_user(user, Action.VIEW)  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        return fields


class BudgetInputSerializer(serializers.Serializer[Any]):
    period = serializers.CharField()
    amount = _number_field()


class ProgramViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Program],
):
    """Renja programs, kegiatan and sub kegiatan with budget and quarterly realization."""

    serializer_class = ProgramSerializer
    filterset_fields = ["organisation__code", "year", "level"]

    def get_queryset(self) -> Any:
        return Program.objects.for_user(self.request.user, Action.VIEW).prefetch_related(
            "indicators", "realizations"
        )

    def perform_create(self, serializer: serializers.BaseSerializer[Program]) -> None:
        serializer.instance = _call(
            program_save, actor=self.request.user, **serializer.validated_data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Program]) -> None:
        program = serializer.instance
        assert program is not None
        _update_through(
            program_save,
            serializer,
            actor=self.request.user,
            name="program",
            fields=("year", "level", "parent", "code", "name", "budget"),
            indicators=list(program.indicators.all()),
        )

    @extend_schema(request=BudgetInputSerializer, responses={200: dict})
    @action(detail=True, methods=["post"], url_path="realisasi")
    def realization(self, request: Request, pk: str | None = None) -> Response:
        program = self.get_object()
        body = BudgetInputSerializer(data=request.data)
        body.is_valid(raise_exception=True)
        result = _call(
            budget_realization_set,
            actor=request.user,
            program=program,
            period=body.validated_data["period"],
            amount=body.validated_data.get("amount"),
        )
        program.refresh_from_db()
        return Response(
            {
                "program": ProgramSerializer(self.get_object(), context={"request": request}).data,
                "warnings": result.warnings,
            }
        )


class BenchmarkSerializer(serializers.ModelSerializer[IndicatorBenchmark]):
    """A benchmark (read only); ``value`` is given back as text (exact decimal)."""

    organisation = serializers.SlugRelatedField[Organisation](slug_field="code", read_only=True)
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    value = serializers.SerializerMethodField(method_name="value_text")
    entered_by = serializers.StringRelatedField[User](read_only=True)

    class Meta:
        model = IndicatorBenchmark
        fields = [
            "id",
            "organisation",
            "indicator",
            "indicator_code",
            "year",
            "value",
            "source",
            "description",
            "entered_by",
            "entered_at",
        ]
        read_only_fields = fields

    # Not get_value: that name is Field.get_value, which reads a nested serializer's input.
    def value_text(self, obj: IndicatorBenchmark) -> str | None:
        return _number_out(obj.value)


class BenchmarkViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet[IndicatorBenchmark],
):
    """Benchmarks (pembanding) of the indicators per year, as printed in the LKjIP's Bab III.
    Read only, for the members of the kecamatan; they are entered on the page
    ``/perencanaan/pembanding/``."""

    serializer_class = BenchmarkSerializer
    filterset_fields = ["organisation__code", "year", "indicator"]

    def get_queryset(self) -> Any:
        return IndicatorBenchmark.objects.for_user(self.request.user, Action.VIEW).select_related(
            "organisation", "indicator", "entered_by"
        )
