"""REST API of realizations: values (through ``value_save`` with the version check: a stale
version is 409 Conflict), the workflow actions and evidence. Reads go through ``for_user``."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.parsers import FormParser, JSONParser, MultiPartParser
from rest_framework.request import Request
from rest_framework.response import Response

from kinerja.accounts.access import Action
from kinerja.iku.models import Indicator
from kinerja.measurement import services
from kinerja.measurement.models import Evidence, IndicatorValue


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


def _raise(exc: DjangoValidationError) -> None:
    if isinstance(exc, services.VersionConflict):
        raise Conflict({"version": exc.messages})
    if hasattr(exc, "error_dict"):
        raise exceptions.ValidationError(exc.message_dict)
    raise exceptions.ValidationError({"non_field_errors": exc.messages})


@extend_schema_field(OpenApiTypes.STR)
class NumberText(serializers.Field):
    """A number as text read the Indonesian way ("1.234,5") or as a JSON number (exact)."""

    def to_internal_value(self, data: Any) -> Any:
        if data is None or data == "":
            return None
        if isinstance(data, bool):
            raise serializers.ValidationError(_("Expected a number."))
        if isinstance(data, int):
            return Decimal(data)
        if isinstance(data, float):
            return Decimal(repr(data))  # a JSON number: its decimal point is a decimal point
        return str(data)

    def to_representation(self, value: Any) -> Any:
        return value


class ValueSerializer(serializers.ModelSerializer):
    indicator_code = serializers.CharField(source="indicator.code", read_only=True)
    organisation = serializers.CharField(source="organisation.code", read_only=True)
    numerator = serializers.DecimalField(
        max_digits=18, decimal_places=4, coerce_to_string=False, read_only=True
    )
    denominator = serializers.DecimalField(
        max_digits=18, decimal_places=4, coerce_to_string=False, read_only=True
    )
    value = serializers.DecimalField(
        max_digits=24, decimal_places=10, coerce_to_string=False, read_only=True
    )

    class Meta:
        model = IndicatorValue
        fields = [
            "id",
            "indicator",
            "indicator_code",
            "organisation",
            "period",
            "period_start",
            "period_end",
            "numerator",
            "denominator",
            "value",
            "grade",
            "source",
            "override_reason",
            "kendala",
            "upaya",
            "rencana_tindak_lanjut",
            "status",
            "return_note",
            "version",
            "submitted_at",
            "verified_at",
            "approved_at",
            "approved_snapshot",
        ]
        read_only_fields = fields


class ValueInputSerializer(serializers.Serializer):
    indicator = serializers.PrimaryKeyRelatedField(
        queryset=Indicator.objects.none(), required=False
    )
    period = serializers.CharField(max_length=10, required=False)
    numerator = NumberText(required=False, allow_null=True)
    denominator = NumberText(required=False, allow_null=True)
    value = NumberText(required=False, allow_null=True)
    grade = serializers.CharField(required=False, allow_blank=True, max_length=10)
    kendala = serializers.CharField(required=False, allow_blank=True)
    upaya = serializers.CharField(required=False, allow_blank=True)
    rencana_tindak_lanjut = serializers.CharField(required=False, allow_blank=True)
    override_reason = serializers.CharField(required=False, allow_blank=True)
    version = serializers.IntegerField(
        min_value=0, help_text="The version the change is based on (0 for a new value)."
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        request = self.context.get("request")
        if request is not None:
            self.fields["indicator"].queryset = Indicator.objects.for_user(  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
                request.user, Action.VIEW
            )


class StepSerializer(serializers.Serializer):
    note = serializers.CharField(required=False, allow_blank=True, default="")
    version = serializers.IntegerField(required=False, min_value=0, allow_null=True, default=None)


class EvidenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = Evidence
        fields = [
            "id",
            "original_name",
            "content_type",
            "size",
            "sha256",
            "description",
            "uploaded_at",
        ]
        read_only_fields = fields


class EvidenceUploadSerializer(serializers.Serializer):
    file = serializers.FileField()
    description = serializers.CharField(required=False, allow_blank=True, max_length=300)


FIELDS = (
    "numerator",
    "denominator",
    "value",
    "grade",
    "kendala",
    "upaya",
    "rencana_tindak_lanjut",
    "override_reason",
)


class ValueViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    viewsets.GenericViewSet,
):
    """Realizations (``realisasi``): one value per indicator × organisation × period.

    Filters: ``?indikator=2.1&periode=2022Q1&status=submitted&organisasi=35.09.26``.
    Writes go through the same service as the pages; ``version`` is required and a stale one is
    answered with 409 Conflict.
    """

    serializer_class = ValueSerializer
    parser_classes = [JSONParser, FormParser, MultiPartParser]

    def get_queryset(self) -> Any:
        qs = IndicatorValue.objects.for_user(self.request.user, Action.VIEW).select_related(
            "indicator", "organisation"
        )
        params = self.request.query_params
        if params.get("indikator"):
            qs = qs.filter(indicator__code=params["indikator"])
        if params.get("periode"):
            qs = qs.filter(period=params["periode"])
        if params.get("status"):
            qs = qs.filter(status=params["status"])
        if params.get("organisasi"):
            qs = qs.filter(organisation__code=params["organisasi"])
        return qs

    def _save(self, request: Request, instance: IndicatorValue | None, partial: bool) -> Response:
        data = ValueInputSerializer(data=request.data, context={"request": request})
        data.is_valid(raise_exception=True)
        given = data.validated_data
        if instance is None:
            if "indicator" not in given or "period" not in given:
                raise exceptions.ValidationError(
                    {
                        key: [_("This field is required.")]
                        for key in ("indicator", "period")
                        if key not in given
                    }
                )
            indicator, period = given["indicator"], given["period"]
            kwargs: dict[str, Any] = {}
        else:
            indicator, period = instance.indicator, instance.period
            kwargs = {key: getattr(instance, key) for key in FIELDS} if partial else {}
            if partial and (indicator.scale or services.has_components(indicator)):
                kwargs.pop("value")  # computed, not entered
        kwargs.update({key: given[key] for key in FIELDS if key in given})
        try:
            value = services.value_save(
                actor=request.user,
                indicator=indicator,
                organisation=indicator.decree.organisation,
                period=period,
                expected_version=given["version"],
                **kwargs,
            )
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(
            ValueSerializer(value).data,
            status=status.HTTP_201_CREATED if instance is None else status.HTTP_200_OK,
        )

    @extend_schema(request=ValueInputSerializer, responses={201: ValueSerializer})
    def create(self, request: Request) -> Response:
        return self._save(request, None, partial=False)

    @extend_schema(request=ValueInputSerializer, responses={200: ValueSerializer})
    def update(self, request: Request, pk: Any = None) -> Response:
        return self._save(request, self.get_object(), partial=False)

    @extend_schema(request=ValueInputSerializer, responses={200: ValueSerializer})
    def partial_update(self, request: Request, pk: Any = None) -> Response:
        return self._save(request, self.get_object(), partial=True)

    def _step(self, request: Request, name: str) -> Response:
        value = self.get_object()
        step = StepSerializer(data=request.data)
        step.is_valid(raise_exception=True)
        kwargs: dict[str, Any] = {
            "actor": request.user,
            "value": value,
            "expected_version": step.validated_data["version"],
        }
        note = step.validated_data["note"]
        if name in ("verify", "return", "approve"):
            kwargs["note"] = note
        elif name == "unlock":
            kwargs["reason"] = note
        try:
            value = getattr(services, f"value_{name}")(**kwargs)
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(ValueSerializer(value).data)

    @extend_schema(request=StepSerializer, responses={200: ValueSerializer})
    @action(detail=True, methods=["post"], url_path="ajukan")
    def submit(self, request: Request, pk: Any = None) -> Response:
        """Submit (Kepala Seksi): draft or returned → submitted."""
        return self._step(request, "submit")

    @extend_schema(request=StepSerializer, responses={200: ValueSerializer})
    @action(detail=True, methods=["post"], url_path="verifikasi")
    def verify(self, request: Request, pk: Any = None) -> Response:
        """Verify (Perencana): submitted → verified."""
        return self._step(request, "verify")

    @extend_schema(request=StepSerializer, responses={200: ValueSerializer})
    @action(detail=True, methods=["post"], url_path="kembalikan")
    def return_(self, request: Request, pk: Any = None) -> Response:
        """Return with a note (Perencana, Camat): submitted or verified → returned."""
        return self._step(request, "return")

    @extend_schema(request=StepSerializer, responses={200: ValueSerializer})
    @action(detail=True, methods=["post"], url_path="setujui")
    def approve(self, request: Request, pk: Any = None) -> Response:
        """Approve (Camat): verified → approved (locked, snapshot kept); submitted → approved
        only where the kecamatan approves in two steps (else 400)."""
        return self._step(request, "approve")

    @extend_schema(request=StepSerializer, responses={200: ValueSerializer})
    @action(detail=True, methods=["post"], url_path="buka-kunci")
    def unlock(self, request: Request, pk: Any = None) -> Response:
        """Unlock with a reason in ``note`` (Camat): approved → returned."""
        return self._step(request, "unlock")

    @extend_schema(methods=["get"], request=None, responses={200: EvidenceSerializer(many=True)})
    @extend_schema(
        methods=["post"], request=EvidenceUploadSerializer, responses={201: EvidenceSerializer}
    )
    @action(detail=True, methods=["get", "post"], url_path="bukti")
    def evidence(self, request: Request, pk: Any = None) -> Response:
        """Evidence files of the value: list (members of the kecamatan) or upload (multipart)."""
        value = self.get_object()
        from kinerja.accounts.access import can_act_in

        if not can_act_in(request.user, Action.VIEW, value.organisation):
            raise exceptions.NotFound
        if request.method == "GET":
            return Response(
                EvidenceSerializer(value.evidence.filter(removed_at__isnull=True), many=True).data
            )
        upload = EvidenceUploadSerializer(data=request.data)
        upload.is_valid(raise_exception=True)
        try:
            evidence = services.evidence_add(
                actor=request.user,
                value=value,
                upload=upload.validated_data["file"],
                description=upload.validated_data.get("description", ""),
            )
        except DjangoValidationError as exc:
            _raise(exc)
        return Response(EvidenceSerializer(evidence).data, status=status.HTTP_201_CREATED)
