"""Organisations and units are public reference data: anybody may read them."""

from rest_framework import serializers, viewsets

from kinerja.organisations.models import Organisation, Unit


class OrganisationSerializer(serializers.ModelSerializer[Organisation]):
    parent = serializers.SlugRelatedField[Organisation](slug_field="code", read_only=True)  # type: ignore[assignment]  # a declared field, taken out of the class by the serializer's metaclass; the stubs see Field.parent
    has_logo = serializers.SerializerMethodField(
        help_text="Whether the organisation has a logo of its own for the letterhead (set in the "
        "Django admin; without one its parent's logo or the default emblem is printed). The file "
        "itself is not served: uploads stay private."
    )

    class Meta:
        model = Organisation
        fields = [
            "id",
            "code",
            "name",
            "level",
            "parent",
            "address",
            "phone",
            "email",
            "city",
            "has_logo",
        ]

    def get_has_logo(self, obj: Organisation) -> bool:
        return bool(obj.logo)


class UnitSerializer(serializers.ModelSerializer[Unit]):
    organisation = serializers.SlugRelatedField[Organisation](slug_field="code", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "organisation", "name", "kind", "order"]


class OrganisationViewSet(viewsets.ReadOnlyModelViewSet[Organisation]):
    serializer_class = OrganisationSerializer
    queryset = Organisation.objects.select_related("parent")
    filterset_fields = ["level", "code"]
    lookup_field = "code"
    lookup_value_regex = r"[0-9.]+"


class UnitViewSet(viewsets.ReadOnlyModelViewSet[Unit]):
    serializer_class = UnitSerializer
    queryset = Unit.objects.select_related("organisation")
    filterset_fields = ["organisation__code", "kind"]
