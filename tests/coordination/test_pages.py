"""Pages of the coordination register: the permission matrix (written once, applied to every
page), recording on one page, follow-up, downloads and the lineage page."""

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from kinerja.coordination import services
from kinerja.coordination.models import CoordinationActivity

pytestmark = pytest.mark.django_db
D = dt.date
PDF = b"%PDF-1.4\n% notulen\n"

READ = {"admin_kabupaten", "camat", "perencana", "kepala_seksi", "operator_desa"}
WRITE_PEMERINTAHAN = {"perencana", "kepala_seksi"}
ROLES = [
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "operator_desa",
    "outsider",
    "anonymous",
]


@pytest.fixture
def objects(fields: Any, ind: Any) -> dict[str, Any]:
    activity = services.activity_record(
        actor=None,
        field=fields["pemerintahan"],
        title="Rapat koordinasi uji",
        date=D(2022, 2, 1),
        place="Aula",
        participants="Polsek",
        minutes=SimpleUploadedFile("notulen.pdf", PDF),
        results=[
            services.ResultInput(
                "Hasil",
                recommendations=[services.RecommendationInput("Rek", "Desa", D(2022, 3, 1))],
            )
        ],
        submit=True,
    )
    rec = activity.results.get().recommendations.get()
    followup = services.followup_add(
        actor=None,
        recommendation=rec,
        status="selesai",
        date=D(2022, 2, 20),
        actor_name="Kades",
        evidence=SimpleUploadedFile("bukti.pdf", PDF),
    )
    pmks = services.activity_record(
        actor=None,
        field=fields["pmks"],
        title="Rapat PMKS",
        date=D(2022, 2, 1),
        place="Aula",
        participants="x",
    )
    return {
        "field": fields["pemerintahan"],
        "pmks_field": fields["pmks"],
        "activity": activity,
        "rec": rec,
        "followup": followup,
        "pmks": pmks,
        "indicator": ind("2.1"),
    }


# page -> (url builder, roles that may open it)
PAGES = {
    # the index shows the user's own kecamatan: an outsider gets theirs, never Mayang (below)
    "index": (
        lambda o: reverse("coordination:index") + "?organisasi=35.09.26",
        READ | {"outsider"},
    ),
    "field": (lambda o: reverse("coordination:field", args=[o["field"].pk]) + "?tahun=2022", READ),
    "activity": (lambda o: reverse("coordination:activity", args=[o["activity"].pk]), READ),
    "minutes": (lambda o: reverse("coordination:minutes", args=[o["activity"].pk]), READ),
    "evidence": (lambda o: reverse("coordination:followup-file", args=[o["followup"].pk]), READ),
    "lineage": (
        lambda o: reverse("coordination:lineage", args=[o["indicator"].pk, "2022Q1"]),
        READ,
    ),
    "new": (
        lambda o: reverse("coordination:activity-new", args=[o["field"].pk]),
        WRITE_PEMERINTAHAN,
    ),
    "new-pmks": (
        lambda o: reverse("coordination:activity-new", args=[o["pmks_field"].pk]),
        {"perencana"},
    ),
    "followup": (
        lambda o: reverse("coordination:followup-new", args=[o["rec"].pk]),
        WRITE_PEMERINTAHAN,
    ),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("role", ROLES)
def test_page_matrix(client_as: Any, objects: Any, page: str, role: str) -> None:
    url_of, allowed = PAGES[page]
    response = client_as(role).get(url_of(objects))
    if role == "anonymous":
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))
    elif role in allowed:
        assert response.status_code == 200
        if role == "outsider":
            assert response.context["organisation"].code == "35.09.27"
    else:
        assert response.status_code in (403, 404)
        if role == "outsider":
            assert response.status_code == 404  # another kecamatan's records are not even named


def test_minutes_open_in_the_browser_and_download(client_as: Any, objects: Any) -> None:
    url = reverse("coordination:minutes", args=[objects["activity"].pk])
    response = client_as("operator_desa").get(url)
    assert b"".join(response.streaming_content) == PDF
    assert response["Content-Disposition"] == 'inline; filename="notulen.pdf"'
    assert response["Content-Security-Policy"].startswith("sandbox;")
    download = client_as("operator_desa").get(url + "?unduh=1")
    assert download["Content-Disposition"] == 'attachment; filename="notulen.pdf"'
    evidence = reverse("coordination:followup-file", args=[objects["followup"].pk])
    assert client_as("operator_desa").get(evidence)["Content-Disposition"].startswith("inline")
    page = client_as("operator_desa").get(objects["activity"].get_absolute_url())
    html = page.content.decode()
    for link in (url, evidence):  # the view link opens a new tab, the download link beside it
        assert f'href="{link}" target="_blank"' in html and f'href="{link}?unduh=1"' in html


def test_record_on_one_page_and_keep_input_on_error(client_as: Any, objects: Any, ind: Any) -> None:
    client = client_as("kepala_seksi")
    url = reverse("coordination:activity-new", args=[objects["field"].pk])
    data = {
        "kind": "rapat",
        "title": "Rapat batas desa",
        "date": "2022-05-10",
        "place": "Pendopo",
        "participants": "Polsek\nKoramil",
        "hasil1-text": "Sepakat batas",
        "hasil1-rec1_text": "Pasang patok",
        "hasil1-rec1_party": "Desa Mrawan",
        "hasil1-rec1_due": "",
        "submit": "1",
    }
    response = client.post(url, data)
    assert response.status_code == 200  # the due date is missing
    assert (
        "Pasang patok" in response.content.decode()
        and "Rapat batas desa" in response.content.decode()
    )
    data["hasil1-rec1_due"] = "30-06-2022"  # the Indonesian way works too
    response = client.post(url, data)
    activity = CoordinationActivity.objects.get(title="Rapat batas desa")
    assert response.status_code == 302 and response["Location"] == activity.get_absolute_url()
    assert activity.status == "submitted"
    rec = activity.results.get().recommendations.get()
    assert (rec.text, rec.due_date) == ("Pasang patok", D(2022, 6, 30))
    # Q2 of 2.1: one result, not followed up -> 0/1 ; then followed up on 20 Jun -> 1/1 = 100%
    lineage = reverse("coordination:lineage", args=[ind("2.1").pk, "2022Q2"])
    page = client.get(lineage).content.decode()
    assert 'data-testid="computed-value">0' in page
    response = client.post(
        reverse("coordination:followup-new", args=[rec.pk]),
        {"status": "selesai", "date": "2022-06-20", "actor_name": "Kades Mrawan", "note": ""},
    )
    assert response.status_code == 302
    page = client.get(lineage).content.decode()
    assert 'data-testid="computed-value">100,00' in page
    assert activity.get_absolute_url() in page  # the record links to its activity


def test_another_section_cannot_post(client_as: Any, objects: Any) -> None:
    response = client_as("kepala_seksi").post(
        reverse("coordination:activity-new", args=[objects["pmks_field"].pk]),
        {"kind": "rapat", "title": "X", "date": "2022-05-10", "place": "P", "participants": "x"},
    )
    assert response.status_code == 403
    assert not CoordinationActivity.objects.filter(title="X").exists()
    response = client_as("operator_desa").post(
        reverse("coordination:followup-new", args=[objects["rec"].pk]),
        {"status": "selesai", "date": "2022-06-20", "actor_name": "x"},
    )
    assert response.status_code == 403


def test_verify_button_for_the_perencana_only(client_as: Any, objects: Any) -> None:
    url = reverse("coordination:activity-step", args=[objects["activity"].pk, "verifikasi"])
    assert client_as("kepala_seksi").post(url).status_code == 403
    assert client_as("perencana").post(url).status_code == 302
    objects["activity"].refresh_from_db()
    assert objects["activity"].status == "verified"


@pytest.mark.parametrize(
    "role, changeable",
    [("kepala_seksi", {"pemerintahan"}), ("perencana", {"pemerintahan", "pmks", "trantib"})],
)
def test_index_counts_the_year_and_offers_recording_where_allowed(
    client_as: Any, scenario: Any, role: str, changeable: set[str]
) -> None:
    response = client_as(role).get(
        reverse("coordination:index") + "?organisasi=35.09.26&tahun=2022"
    )
    rows = {row["field"].code: row for row in response.context["rows"]}
    # The scenario's five activities (the draft included) are all dated 2022.
    assert {code: row["count"] for code, row in rows.items()} == {
        "pemerintahan": 5,
        "pmks": 0,
        "trantib": 0,
    }
    assert {code for code, row in rows.items() if row["can_change"]} == changeable


def test_add_a_result_and_a_recommendation_on_the_activity_page(
    client_as: Any, objects: Any
) -> None:
    client = client_as("kepala_seksi")
    activity = objects["activity"]
    url = reverse("coordination:result-new", args=[activity.pk])
    response = client.post(url, {"text": ""})
    assert response.status_code == 302 and activity.results.count() == 1
    response = client.post(url, {"text": "Hasil kedua", "date": "2022-02-02"})
    assert response.status_code == 302 and response["Location"].endswith(f"/{activity.pk}/")
    result = activity.results.get(text="Hasil kedua")
    url = reverse("coordination:recommendation-new", args=[activity.pk, result.pk])
    response = client.post(
        url, {"text": "Rek kedua", "responsible_party": "Desa", "due_date": "2022-03-01"}
    )
    assert response["Location"].endswith(f"#hasil-{result.pk}")
    assert result.recommendations.get().text == "Rek kedua"
