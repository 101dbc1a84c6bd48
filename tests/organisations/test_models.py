"""Organisations: the database keeps the tree sound, clean() explains what is wrong."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from kinerja.organisations.models import Level, Official, Organisation, Unit, format_nip


@pytest.fixture
def jember(mayang):
    return Organisation.objects.get(code="35.09")


def _clean_errors(organisation: Organisation) -> dict[str, list[str]]:
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            organisation.full_clean()
        return info.value.message_dict


# ---------------------------------------------------------------- database constraints


def test_a_province_cannot_have_a_parent(mayang):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            code="36", name="Banten", level=Level.PROVINSI, parent=mayang.parent.parent
        )


def test_anything_below_a_province_needs_a_parent(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(code="35.10", name="Banyuwangi", level=Level.KABUPATEN)


def test_the_level_must_be_known(db):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(code="99", name="Nowhere", level="negara")


def test_codes_are_unique(mayang):
    with pytest.raises(IntegrityError), transaction.atomic():
        Organisation.objects.create(
            code="35.09.26", name="Mayang again", level=Level.KECAMATAN, parent=mayang.parent
        )


def test_unit_names_are_unique_within_an_organisation(mayang, other_kecamatan):
    with pytest.raises(IntegrityError), transaction.atomic():
        Unit.objects.create(organisation=mayang, name="Sekretariat", kind="sekretariat")
    # The same name in another kecamatan is fine.
    Unit.objects.create(organisation=other_kecamatan, name="Sekretariat", kind="sekretariat")


# ---------------------------------------------------------------- clean() messages


def test_clean_accepts_the_seeded_tree(mayang):
    for organisation in Organisation.objects.all():
        organisation.full_clean()


def test_code_must_start_with_the_parent_code(jember):
    kecamatan = Organisation(code="35.10.26", name="Salah", level=Level.KECAMATAN, parent=jember)
    assert _clean_errors(kecamatan) == {
        "code": ["The code must start with the parent's code 35.09."]
    }


def test_code_must_have_the_form_of_its_level(jember):
    kecamatan = Organisation(
        code="35.09.26.2001", name="Salah", level=Level.KECAMATAN, parent=jember
    )
    assert _clean_errors(kecamatan) == {
        "code": ["This code does not have the form of a Sub-district code."]
    }


def test_code_must_be_a_kemendagri_code(jember):
    kecamatan = Organisation(code="35-09-99", name="Salah", level=Level.KECAMATAN, parent=jember)
    assert _clean_errors(kecamatan)["code"] == ["Use a Kemendagri code such as 35.09.26."]


def test_parent_must_be_one_level_up(mayang):
    province = mayang.parent.parent
    kecamatan = Organisation(code="35.99", name="Salah", level=Level.KECAMATAN, parent=province)
    assert _clean_errors(kecamatan)["parent"] == [
        "The parent of a Sub-district must be a Regency / city."
    ]


def test_village_under_a_regency_is_refused(jember):
    village = Organisation(code="35.09.2001", name="Salah", level=Level.DESA, parent=jember)
    assert _clean_errors(village)["parent"] == ["The parent of a Village must be a Sub-district."]


def test_missing_parent_is_explained(db):
    kabupaten = Organisation(code="35.10", name="Banyuwangi", level=Level.KABUPATEN)
    assert _clean_errors(kabupaten)["parent"] == ["A Regency / city needs a parent Province."]


def test_province_with_a_parent_is_explained(mayang):
    province = Organisation(code="36", name="Banten", level=Level.PROVINSI, parent=mayang.parent)
    assert _clean_errors(province)["parent"] == ["The parent of a Province must be a -."]


# ---------------------------------------------------------------- helpers of the model


def test_ancestors_and_letterhead(mayang):
    assert [o.code for o in mayang.ancestors()] == ["35", "35.09"]
    assert mayang.letterhead_government() == "PEMERINTAH KABUPATEN JEMBER"
    village = Organisation.objects.get(code="35.09.26.2001")
    assert village.is_village
    assert not mayang.is_village


def test_nip_is_stored_as_printed(mayang):
    official = Official.objects.create(
        organisation=mayang, name="Uji", nip="198001012005011002", position="Sekretaris Camat"
    )
    assert official.nip == "19800101 200501 1 002"
    assert format_nip("1980") == "1980"


def test_nip_needs_eighteen_digits(mayang):
    official = Official(organisation=mayang, name="Uji", nip="1980 0101", position="Sekcam")
    with translation.override("en"):
        with pytest.raises(ValidationError) as info:
            official.full_clean()
        assert info.value.message_dict["nip"] == [
            "A NIP has 18 digits, e.g. 19730725 199302 1 001."
        ]
