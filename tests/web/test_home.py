"""The menu by role, the home of each role and the public front door, with values set up by hand."""

from typing import Any

import pytest
from django.urls import reverse

from kinerja.reports.publication import lkjip_publish
from tests.measurement.perf_data import indicator, put_value

pytestmark = pytest.mark.django_db


def _menu(client: Any, user: Any) -> list[str]:
    if user is not None:
        client.force_login(user)
    html = client.get("/").content.decode()
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    return [href.split('"', 1)[0] for href in nav.split('href="')[1:]]


def test_each_role_sees_only_what_it_may_use(client, users, default_decree):
    dashboard, entry, approval = (
        reverse("measurement:dashboard"),
        reverse("measurement:entry-list"),
        reverse("measurement:approval-queue"),
    )
    village, skm = reverse("village_finance:index"), reverse("skm:index")
    visitor = _menu(client, None)
    assert visitor == [reverse("home"), reverse("iku:decree-list")]
    camat = _menu(client, users.camat)
    assert {dashboard, entry, approval, skm, village, reverse("planning:renstra-list")} <= set(
        camat
    )
    operator = _menu(client, users.operator_desa)
    assert village in operator and dashboard in operator
    assert entry not in operator and approval not in operator and skm not in operator
    kasi = _menu(client, users.kepala_seksi)
    assert entry in kasi and approval not in kasi


def test_the_current_section_is_marked_and_has_a_breadcrumb(client, users):
    client.force_login(users.perencana)
    html = client.get(reverse("planning:renstra-list")).content.decode()
    nav = html.split('class="site-nav"', 1)[1].split("</nav>", 1)[0]
    assert f'href="{reverse("planning:renstra-list")}" aria-current="page"' in nav
    assert nav.count('aria-current="page"') == 1
    crumbs = html.split('class="crumbs"', 1)[1].split("</nav>", 1)[0]
    assert "Beranda" in crumbs and "Perencanaan" in crumbs and "Renstra" in crumbs


def test_homes_count_what_waits_for_each_role(client, users, mayang, default_decree):
    # Three values by hand: 2.1 TW I submitted, 2.2 TW I verified, 2.3 TW I returned.
    put_value(indicator(default_decree, "2.1"), mayang, "2022Q1", 9, 10, status="submitted")
    put_value(indicator(default_decree, "2.2"), mayang, "2022Q1", 6, 7, status="verified")
    put_value(indicator(default_decree, "2.3"), mayang, "2022Q1", 3, 5, status="returned")

    client.force_login(users.camat)
    camat = client.get("/").context["homes"][0]
    assert camat.role == "camat"
    assert camat.data["ready_count"] == 1  # only the verified 2.2: three steps by default
    assert [v.indicator.code for v in camat.data["ready"]] == ["2.2"]

    client.force_login(users.perencana)
    perencana = client.get("/").context["homes"][0]
    assert perencana.data["waiting_count"] == 1
    assert [v.indicator.code for v in perencana.data["waiting"]] == ["2.1"]

    client.force_login(users.kepala_seksi)  # Seksi Pemerintahan: 2.1 and 2.2 are theirs
    kasi = client.get("/").context["homes"][0]
    assert [v.indicator.code for v in kasi.data["returned"]] == []  # 2.3 is PMKS's
    assert {m.indicator.responsible_unit.name for m in kasi.data["due"]} <= {"Seksi Pemerintahan"}

    client.force_login(users.admin_kabupaten)
    admin = client.get("/").context["homes"][0]
    assert [k["organisation"].code for k in admin.data["kecamatan"]][:1] == ["35.09.26"]
    assert admin.data["kecamatan"][0]["decree"] == default_decree


def test_the_front_door_names_the_site_and_opens_only_what_is_public(
    client, users, mayang, default_decree
):
    response = client.get("/")
    html = response.content.decode()
    assert "Kecamatan Mayang" in html and "Kabupaten Jember" in html
    assert reverse("iku:decree-detail", args=[default_decree.pk]) in html
    assert reverse("login") in html
    titles = [d.title for d in response.context["doors"]]
    assert "Capaian kinerja" not in titles  # nothing approved yet
    assert "Laporan kinerja (LKjIP)" not in titles

    put_value(indicator(default_decree, "2.1"), mayang, "2022Q1", 9, 10, status="submitted")
    assert "Capaian kinerja" not in [d.title for d in client.get("/").context["doors"]]
    put_value(indicator(default_decree, "2.2"), mayang, "2022Q1", 6, 7, status="approved")
    doors = {d.title: d for d in client.get("/").context["doors"]}
    assert doors["Capaian kinerja"].links == [
        ("2022", reverse("measurement:public-achievements", args=["35.09.26", 2022]))
    ]
    page = client.get(reverse("measurement:public-achievements", args=["35.09.26", 2022]))
    text = page.content.decode()
    # 6 of 7 villages approved: 85,71 %; the submitted 2.1 (90,00) is not public.
    assert "85,71" in text and "90,00" not in text

    lkjip_publish(actor=users.camat, organisation=mayang, year=2022)
    doors = {d.title: d for d in client.get("/").context["doors"]}
    assert doors["Laporan kinerja (LKjIP)"].links[0][0] == "2022"


def test_only_the_camat_publishes_the_lkjip(client, users, mayang):
    url = reverse("reports:lkjip-publication", args=["35.09.26", 2022])
    client.force_login(users.perencana)
    assert client.post(url, {"terbitkan": "1"}).status_code == 403
    client.force_login(users.camat)
    assert client.post(url, {"terbitkan": "1"}).status_code == 302
    from kinerja.reports.models import LkjipPublication

    publication = LkjipPublication.objects.get(organisation=mayang, year=2022)
    assert publication.history.first().history_user == users.camat
    client.post(url, {"terbitkan": "0"})
    assert not LkjipPublication.objects.filter(organisation=mayang).exists()
    assert LkjipPublication.history.filter(history_type="-").count() == 1
