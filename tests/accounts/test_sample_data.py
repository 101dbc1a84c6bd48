"""The fact "this kecamatan holds sample data": recorded by ``kinerja demo``, read by
``holds_sample_data``, shown by the DATA CONTOH banner (accounts/_sample_banner.html)."""

from io import StringIO

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.template import RequestContext, Template
from django.test import RequestFactory

from kinerja.accounts.models import SampleDataMark
from kinerja.accounts.selectors import (
    holds_sample_data,
    request_sample_data,
    sample_data_organisation_ids,
)
from kinerja.accounts.services import sample_data_mark
from kinerja.organisations.models import Organisation

pytestmark = pytest.mark.django_db

BANNER = "DATA CONTOH"


def _codes(ids):
    return set(Organisation.objects.filter(id__in=ids).values_list("code", flat=True))


def test_demo_records_the_mark_once_and_adds_later_years(mayang, monkeypatch):
    from kinerja.accounts import demo

    monkeypatch.setattr(demo, "SAMPLE_DATA_STEPS", [])  # the mark does not wait for the steps
    call_command("demo", "--tahun", "2023", stdout=StringIO())
    mark = SampleDataMark.objects.get()
    assert mark.organisation == mayang and mark.years == [2022, 2023]
    assert mark.history.count() == 1
    call_command("demo", "--tahun", "2023", stdout=StringIO())
    assert SampleDataMark.objects.count() == 1 and mark.history.count() == 1
    call_command("demo", "--tahun", "2024", stdout=StringIO())
    mark.refresh_from_db()
    assert mark.years == [2022, 2023, 2024]
    assert mark.history.count() == 2  # the change is kept in the audit history


def test_mark_refuses_what_is_not_a_list_of_years(mayang):
    for years in ([1999], [2022, "2023"], [True], [2022.5]):
        with pytest.raises(ValidationError):
            sample_data_mark(organisation=mayang, years=years)
    assert not SampleDataMark.objects.exists()


def test_holds_sample_data_inside_and_around_the_marked_kecamatan(mayang, other_kecamatan):
    village = Organisation.objects.get(code="35.09.26.2001")
    kabupaten, province = mayang.parent, mayang.parent.parent
    everyone = [mayang, village, kabupaten, province, other_kecamatan]
    assert not any(holds_sample_data(o) for o in everyone)
    assert sample_data_organisation_ids() == frozenset()

    sample_data_mark(organisation=mayang, years=[2022])
    # Mayang, its villages, and the regency and province that contain it; not the other kecamatan
    assert [holds_sample_data(o) for o in everyone] == [True, True, True, True, False]
    villages = {f"35.09.26.{n}" for n in range(2001, 2008)}
    assert _codes(sample_data_organisation_ids()) == {"35", "35.09", "35.09.26", *villages}


def test_a_code_that_only_starts_alike_is_not_inside(mayang):
    # 35.09.2 is no organisation's code, but 35.09.26 must not count 35.09.260 (there is none
    # either): the prefix ends at a dot.
    sample_data_mark(organisation=mayang, years=[2022])
    lookalike = Organisation(code="35.09.2", name="X", level="kecamatan")
    assert not holds_sample_data(lookalike)


def _banner(context: dict, user=None) -> str:
    request = RequestFactory().get("/")
    request.user = user or AnonymousUser()
    template = Template('{% include "accounts/_sample_banner.html" %}')
    return template.render(RequestContext(request, context))


def test_banner_follows_the_page_organisation(mayang, other_kecamatan, settings):
    sample_data_mark(organisation=mayang, years=[2022])
    village = Organisation.objects.get(code="35.09.26.2003")
    assert BANNER in _banner({"organisation": mayang})
    assert BANNER in _banner({"organisation": village})
    html = _banner({"organisation": mayang})
    assert 'role="note"' in html and "bukan data resmi" not in html  # English outside requests
    # a page about a real kecamatan: no banner, even though the default kecamatan is marked
    assert BANNER not in _banner({"organisation": other_kecamatan})


def test_banner_without_a_page_organisation(mayang, other_kecamatan, settings, users):
    sample_data_mark(organisation=mayang, years=[2022])
    # the default kecamatan (Mayang) holds sample data
    assert BANNER in _banner({})
    assert BANNER in _banner({"organisation": None})
    settings.KINERJA_DEFAULT_ORGANISATION = other_kecamatan.code
    assert BANNER not in _banner({})
    assert BANNER not in _banner({}, users.outsider)  # a member of the real kecamatan only
    assert BANNER in _banner({}, users.kepala_seksi)  # a member of Mayang
    assert BANNER in _banner({}, users.operator_desa)
    assert BANNER in _banner({}, users.admin_kabupaten)  # the regency contains Mayang


def test_no_banner_when_nothing_is_sample_data(mayang, users):
    assert BANNER not in _banner({"organisation": mayang})
    assert BANNER not in _banner({}, users.camat)


def test_banner_in_indonesian(mayang):
    from django.utils import translation

    sample_data_mark(organisation=mayang, years=[2022])
    with translation.override("id"):
        html = _banner({"organisation": mayang})
    assert "data pada halaman ini adalah contoh, bukan data resmi" in html


def test_context_processor_is_lazy_and_reads_once_per_request(mayang, django_assert_num_queries):
    sample_data_mark(organisation=mayang, years=[2022])
    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    with django_assert_num_queries(0):  # a page that does not print the banner
        Template("{{ user }}").render(RequestContext(request, {}))
    template = Template('{% include "accounts/_sample_banner.html" %}')
    with django_assert_num_queries(2):  # the marked codes, then the organisations holding them
        template.render(RequestContext(request, {"organisation": mayang}))
        template.render(RequestContext(request, {"organisation": mayang}))
    assert request_sample_data(request).holds(mayang)
