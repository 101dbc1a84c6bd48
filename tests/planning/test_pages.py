"""The planning pages show the values and keep what the user typed on bad input."""

import pytest
from django.urls import reverse

from kinerja.planning.models import Target
from kinerja.planning.services.renja import budget_realization_set, program_save

pytestmark = pytest.mark.django_db


def test_pk_page_shows_parties_and_lampiran(client_as, signed, ind):
    html = (
        client_as("anonymous")
        .get(reverse("planning:agreement-detail", args=[signed.pk]))
        .content.decode()
    )
    assert "PERJANJIAN KINERJA TAHUN 2022" in html
    assert "H. HENDY SISWANTO, S.T., IPU." in html and "BUPATI JEMBER" in html
    assert "AJIB, S.IP" in html
    # 1.1: 82 with quarters 80 / 81 / 81,5 / 82, shown with 2 decimals, Indonesian style
    for text in ("82,00", "80,00", "81,00", "81,50", "90,00", "75,00"):
        assert f">{text}<" in html
    assert "31 Januari 2022" in html
    assert "Target revisions" not in html and "Revisi target" not in html  # public: no history


def test_target_grid_keeps_input_and_asks_for_the_reason(client_as, filled, ind):
    i = ind["2.1"]
    url = reverse("planning:agreement-detail", args=[filled.pk])
    page = client_as("perencana").get(url).content.decode()
    assert f'name="t-{i.pk}-2022Q3"' in page
    data = {}
    for code, indicator in ind.items():
        values = (
            ["82", "80", "81", "81,5", "82"] if code == "1.1" else ["90", "75", "80", "85", "90"]
        )
        for p, v in zip(["2022", "2022Q1", "2022Q2", "2022Q3", "2022Q4"], values, strict=True):
            data[f"t-{indicator.pk}-{p}"] = v
    data[f"t-{i.pk}-2022Q4"] = "87,5"  # TW IV 87,5 ≠ 90
    data[f"t-{ind['2.2'].pk}-2022Q1"] = "abc"
    response = client_as("perencana").post(url, data)
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="87,5"' in html and 'value="abc"' in html  # nothing typed is lost
    assert "“abc”" in html and "87,50" in html
    assert Target.objects.get(indicator=i, period="2022Q4").target == 90  # nothing written
    data[f"t-{ind['2.2'].pk}-2022Q1"] = "75"
    data[f"r-{i.pk}"] = "TW IV menunggu rapat koordinasi"
    response = client_as("perencana").post(url, data, follow=True)
    assert Target.objects.get(indicator=i, period="2022Q4").target == 87.5
    assert "87,50" in response.content.decode()


def test_revision_form_and_history(client_as, signed, ind, users):
    url = reverse("planning:target-revise", args=[signed.pk])
    i = ind["2.4"]
    bad = client_as("camat").post(url, {"indicator": i.pk, "period": "2022Q1", "target": "70"})
    assert bad.status_code == 200 and "70" in bad.content.decode()
    response = client_as("camat").post(
        url,
        {
            "indicator": i.pk,
            "period": "2022Q1",
            "target": "70",
            "reason": "Penyesuaian",
            "document_number": "065/7/26/2022",
            "document_date": "2022-04-02",
        },
        follow=True,
    )
    html = response.content.decode()
    assert "065/7/26/2022" in html and "Penyesuaian" in html and "75,00" in html and "70,00" in html
    assert "camat.mayang" in html


def test_renja_page_shows_budget_share(client_as, mayang, ind):
    program = program_save(
        actor=None,
        organisation=mayang,
        year=2022,
        level="program",
        name="Program Penyelenggaraan Pemerintahan",
        budget="200.000.000",
        indicators=[ind["2.1"]],
    )
    budget_realization_set(actor=None, program=program, period="2022Q1", amount="50.000.000")
    html = (
        client_as("kepala_seksi")
        .get(reverse("planning:renja-detail", args=[mayang.code, 2022]))
        .content.decode()
    )
    # 50.000.000 / 200.000.000 × 100 = 25 %
    assert "200.000.000" in html and "50.000.000" in html and ">25,00<" in html
    assert "Program Penyelenggaraan Pemerintahan" in html
