"""REST API of decrees, kinerja utama and indicators: thin views over selectors and services."""

from typing import Any

from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.utils.translation import gettext as _
from drf_spectacular.utils import extend_schema
from rest_framework import exceptions, mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.settings import api_settings

from kinerja.accounts.access import Action
from kinerja.iku import services
from kinerja.iku.models import Decree, Indicator, PerformanceGoal
from kinerja.iku.portable import decree_to_document
from kinerja.organisations.models import Organisation, Unit


def _user(serializer: serializers.BaseSerializer[Any]) -> Any:
    request = serializer.context.get("request")
    return request.user if request is not None else AnonymousUser()


def _visible_decrees(user: Any) -> Any:
    return Decree.objects.for_user(user, Action.VIEW)


class _ModelSerializer(serializers.ModelSerializer[Any]):
    """Uniqueness is checked by the model's ``clean`` inside the service, which names the field
    (DRF's own unique-together check would answer with a non-field error)."""

    def get_unique_together_validators(self) -> list[Any]:
        return []

    def validate_decree(self, value: Decree) -> Decree:
        instance = getattr(self, "instance", None)
        if instance is not None and value != instance.decree:
            raise serializers.ValidationError(_("This cannot move to another decree."))
        return value


class DecreeSerializer(_ModelSerializer):
    organisation = serializers.SlugRelatedField(
        slug_field="code", queryset=Organisation.objects.kecamatan()
    )

    class Meta:
        model = Decree
        fields = [
            "id",
            "organisation",
            "number",
            "title",
            "place",
            "lampiran_place",
            "date_signed",
            "effective_date",
            "duty",
            "signatory",
            "signatory_title",
            "status",
            "replaces",
        ]
        read_only_fields = ["status", "replaces"]

    def validate_organisation(self, value: Organisation) -> Organisation:
        if self.instance is not None and value != self.instance.organisation:
            raise serializers.ValidationError(_("A decree cannot move to another organisation."))
        return value


class GoalSerializer(_ModelSerializer):
    class Meta:
        model = PerformanceGoal
        fields = ["id", "decree", "order", "statement"]
        read_only_fields = ["order"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        # A decree the user may not see does not exist for them.
        fields["decree"].queryset = _visible_decrees(_user(self))  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        return fields


class IndicatorSerializer(_ModelSerializer):
    responsible_unit = serializers.PrimaryKeyRelatedField(
        queryset=Unit.objects.all(), allow_null=True, required=False
    )

    class Meta:
        model = Indicator
        fields = [
            "id",
            "decree",
            "goal",
            "code",
            "order",
            "name",
            "definition",
            "numerator_definition",
            "denominator_definition",
            "factor",
            "factor_text",
            "unit",
            "polarity",
            "aggregation",
            "decimals",
            "data_source",
            "responsible_unit",
            "responsible_text",
            "archived_at",
        ]
        read_only_fields = ["order", "archived_at"]

    def get_fields(self) -> dict[str, Any]:
        fields = super().get_fields()
        visible = _visible_decrees(_user(self))
        fields["decree"].queryset = visible  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
        fields["goal"].queryset = PerformanceGoal.objects.filter(  # type: ignore[attr-defined]  # a related field: get_fields() types its fields as plain Field
            decree__in=visible
        )
        return fields


def _call(fn: Any, **kwargs: Any) -> Any:
    """Run a service, turning its Django errors into API errors."""
    try:
        return fn(**kwargs)
    except DjangoPermissionDenied as exc:
        raise exceptions.PermissionDenied(str(exc)) from exc
    except DjangoValidationError as exc:
        if hasattr(exc, "error_dict"):
            detail: Any = {
                (
                    api_settings.NON_FIELD_ERRORS_KEY if field == NON_FIELD_ERRORS else field
                ): messages
                for field, messages in exc.message_dict.items()
            }
        else:
            detail = {api_settings.NON_FIELD_ERRORS_KEY: exc.messages}
        raise exceptions.ValidationError(detail) from exc


class DecreeViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Decree],
):
    """IKU decrees. Drafts are seen only inside their kecamatan; decrees are never deleted."""

    serializer_class = DecreeSerializer
    filterset_fields = ["status", "organisation__code"]

    def get_queryset(self) -> Any:
        # Writes look objects up among those the user may see (404 otherwise); the services then
        # refuse a user who may see but not change them (403).
        return _visible_decrees(self.request.user).select_related("organisation")

    def perform_create(self, serializer: serializers.BaseSerializer[Decree]) -> None:
        data = dict(serializer.validated_data)
        organisation = data.pop("organisation")
        serializer.instance = _call(
            services.decree_create, actor=self.request.user, organisation=organisation, **data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Decree]) -> None:
        data = dict(serializer.validated_data)
        data.pop("organisation", None)
        serializer.instance = _call(
            services.decree_update, actor=self.request.user, decree=serializer.instance, **data
        )

    @extend_schema(responses={200: dict})
    @action(detail=True, methods=["get"])
    def document(self, request: Request, pk: str | None = None) -> Response:
        """The whole decree in the portable format of ``kinerja iku export``."""
        return Response(decree_to_document(self.get_object()))

    @extend_schema(request=None, responses={200: DecreeSerializer})
    @action(detail=True, methods=["post"], url_path="berlakukan")
    def put_in_force(self, request: Request, pk: str | None = None) -> Response:
        decree = _call(services.decree_put_in_force, actor=request.user, decree=self.get_object())
        return Response(DecreeSerializer(decree).data)

    @extend_schema(request=None, responses={201: DecreeSerializer})
    @action(detail=True, methods=["post"], url_path="salin")
    def copy(self, request: Request, pk: str | None = None) -> Response:
        decree = _call(services.decree_copy, actor=request.user, source=self.get_object())
        return Response(DecreeSerializer(decree).data, status=status.HTTP_201_CREATED)


class GoalViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[PerformanceGoal],
):
    serializer_class = GoalSerializer
    filterset_fields = ["decree"]

    def get_queryset(self) -> Any:
        return PerformanceGoal.objects.filter(decree__in=_visible_decrees(self.request.user))

    def perform_create(self, serializer: serializers.BaseSerializer[PerformanceGoal]) -> None:
        decree = serializer.validated_data["decree"]
        serializer.instance = _call(
            services.goal_save,
            actor=self.request.user,
            decree=decree,
            statement=serializer.validated_data["statement"],
        )

    def perform_update(self, serializer: serializers.BaseSerializer[PerformanceGoal]) -> None:
        goal = serializer.instance
        assert goal is not None  # an update has its instance
        serializer.instance = _call(
            services.goal_save,
            actor=self.request.user,
            decree=goal.decree,
            goal=goal,
            statement=serializer.validated_data.get("statement", goal.statement),
        )


class IndicatorViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    viewsets.GenericViewSet[Indicator],
):
    """Indicators are archived, never deleted."""

    serializer_class = IndicatorSerializer
    filterset_fields = ["decree", "code", "goal"]

    def get_queryset(self) -> Any:
        return Indicator.objects.for_user(self.request.user, Action.VIEW).select_related(
            "decree", "goal", "responsible_unit"
        )

    def perform_create(self, serializer: serializers.BaseSerializer[Indicator]) -> None:
        data = dict(serializer.validated_data)
        decree = data.pop("decree")
        serializer.instance = _call(
            services.indicator_create, actor=self.request.user, decree=decree, **data
        )

    def perform_update(self, serializer: serializers.BaseSerializer[Indicator]) -> None:
        data = dict(serializer.validated_data)
        data.pop("decree", None)
        serializer.instance = _call(
            services.indicator_update,
            actor=self.request.user,
            indicator=serializer.instance,
            **data,
        )

    @extend_schema(request=None, responses={200: IndicatorSerializer})
    @action(detail=True, methods=["post"], url_path="arsipkan")
    def archive(self, request: Request, pk: str | None = None) -> Response:
        indicator = _call(
            services.indicator_archive, actor=request.user, indicator=self.get_object()
        )
        return Response(IndicatorSerializer(indicator).data)

    @extend_schema(request=None, responses={200: IndicatorSerializer})
    @action(detail=True, methods=["post"], url_path="pulihkan")
    def restore(self, request: Request, pk: str | None = None) -> Response:
        indicator = _call(
            services.indicator_restore, actor=request.user, indicator=self.get_object()
        )
        return Response(IndicatorSerializer(indicator).data)
