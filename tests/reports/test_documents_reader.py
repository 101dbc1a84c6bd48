"""Documents are read with the requesting user's scope; a command reads as the
``OrganisationReader`` of the organisation it was asked for (docs/documents.md, "Who reads").

Data (tests/reports/documents_data.py): a draft PK 2022 of Mayang; values of Mayang, 2.2 TW I
7/14 = 50,00 still a draft, 2.1 TW I 20/21 = 95,24 approved.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.management import call_command

from kinerja.accounts.access import Action, OrganisationReader, can_act_in, kecamatan_ids
from kinerja.measurement.models import IndicatorValue
from kinerja.reports import documents, lkjip_document, pengukuran_document, pk_document
from kinerja.reports.documents import DocumentUnavailable, generate
from tests.reports.documents_data import flat_text, make_pk, make_values

pytestmark = pytest.mark.django_db


def test_reader_may_view_exactly_its_organisation(mayang, other_kecamatan):
    reader = OrganisationReader.of(other_kecamatan)
    assert kecamatan_ids(reader) == {other_kecamatan.pk}
    assert can_act_in(reader, Action.VIEW, other_kecamatan)
    assert not can_act_in(reader, Action.VIEW, mayang)
    # reading only: no change, not even in its own organisation
    assert not can_act_in(reader, Action.CHANGE, other_kecamatan)
    assert not reader.is_superuser


def test_reader_of_another_kecamatan_cannot_read_the_drafts(mayang, other_kecamatan):
    make_pk(mayang, program=False)  # a draft
    make_values(mayang)
    outsider = OrganisationReader.of(other_kecamatan)
    member = OrganisationReader.of(mayang)
    draft = IndicatorValue.objects.get(indicator__code="2.2", organisation=mayang, period="2022Q1")
    assert draft.status == "draft"
    assert not IndicatorValue.objects.for_user(outsider, Action.VIEW).filter(pk=draft.pk).exists()

    # the draft PK: the member's reader prints it with the DRAF note, the other one finds none
    assert pk_document.context(user=member, organisation=mayang, year=2022)["draft"] is True
    with pytest.raises(DocumentUnavailable):
        pk_document.context(user=outsider, organisation=mayang, year=2022)

    # the quarterly report: 2.2 TW I (draft, 7/14 = 50,00) only for the member, with its asterisk;
    # the approved 2.1 TW I (20/21 = 95,24) for both
    def quarter_one(user):
        data = pengukuran_document.context(user=user, organisation=mayang, year=2022, quarter=1)
        return {b.indicator.code: b.quarter for b in data["blocks"]}

    mine, theirs = quarter_one(member), quarter_one(outsider)
    assert (mine["2.2"].realization, mine["2.2"].unapproved) == ("50,00", True)
    assert theirs["2.2"].realization == "—"
    assert mine["2.1"].realization == theirs["2.1"].realization == "95,24"


def test_published_lkjip_read_by_the_public_prints_approved_values_only(mayang):
    make_pk(mayang, program=False)
    make_values(mayang)
    member = lkjip_document.context(
        user=OrganisationReader.of(mayang), organisation=mayang, year=2022
    )
    public = lkjip_document.context(user=AnonymousUser(), organisation=mayang, year=2022)
    assert member["any_starred"] and not public["any_starred"]
    # the year of 2.1 (approved quarters 20/21 and 15/20, pooled 35/41 = 85,37) is the same for both
    year_of = {b.indicator.code: b.realization for b in public["blocks"]}
    assert year_of["2.1"] == {b.indicator.code: b.realization for b in member["blocks"]}["2.1"]
    assert year_of["2.1"] == "85,37"
    # the public LKjIP has no PK table of a draft PK
    assert member["pk_rows"] and not public["pk_rows"]


def test_command_reads_as_the_organisation_asked_for(
    mayang, other_kecamatan, tmp_path, monkeypatch
):
    make_pk(mayang, program=False)
    out = tmp_path / "pk.pdf"
    call_command("laporan", "pk", "--tahun", "2022", "--format", "pdf", "--output", str(out))
    assert "DRAF" in flat_text(out.read_bytes())  # a member's read: the draft PK
    # the reader is the one of the organisation named by --organisasi
    readers = []

    def recording(key, *, user, **kwargs):
        readers.append(user)
        return b"%PDF"

    monkeypatch.setattr(documents, "generate", recording)
    argv = ["pk", "--tahun", "2022", "--format", "pdf", "--output", str(out)]
    call_command("laporan", *argv, "--organisasi", other_kecamatan.code)
    assert readers == [OrganisationReader(organisation_id=other_kecamatan.pk)]


def test_generate_needs_the_user(mayang):
    make_pk(mayang, program=False)
    with pytest.raises(TypeError):
        generate("pk", organisation=mayang, year=2022, fmt="pdf")  # type: ignore[call-arg]
