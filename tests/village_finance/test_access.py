"""Who may do what in the register through its services (the pages are declared in
tests/permissions/test_routes.py), the kept input of a refused upload, the file's headers and the
reminders."""

import datetime as dt

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.test import Client
from django.urls import reverse

from kinerja.accounts.models import Membership, Role
from kinerja.organisations.models import Organisation
from kinerja.village_finance import selectors, services
from kinerja.village_finance.models import DocumentKey, Result
from kinerja.village_finance.reminders import village_document_reminders
from tests.village_finance.conftest import hand_in

pytestmark = pytest.mark.django_db

ROLES = [
    "admin_kabupaten",
    "camat",
    "perencana",
    "kepala_seksi",
    "operator_desa",
    "outsider",
    "anonymous",
]

# role → (submit for Mrawan (own village of the operator), submit for Mayang village, evaluate
#         and confirm a paper date, set deadlines, read board)
MATRIX = {
    "admin_kabupaten": (False, False, False, True, True),
    "camat": (False, False, False, True, True),
    "perencana": (False, False, False, True, True),
    "kepala_seksi": (True, True, True, True, True),  # Seksi Pemerintahan (paper submissions [D])
    "operator_desa": (True, False, False, False, True),
    "outsider": (False, False, False, False, False),
    "anonymous": (False, False, False, False, False),
}


def _village(code):
    return Organisation.objects.get(code=code)


@pytest.mark.parametrize("role", ROLES)
def test_services(role, users, mayang):
    user = getattr(users, role)
    own, other, evaluate, deadlines, read = MATRIX[role]
    for village, allowed in ((_village("35.09.26.2001"), own), (_village("35.09.26.2002"), other)):
        assert services.can_submit(user, village) is allowed
        if allowed:
            doc = hand_in(village, DocumentKey.APBDES, dt.date(2021, 12, 1), actor=user)
            assert doc.submitted_on == dt.date(2021, 12, 1)
        else:
            with pytest.raises(PermissionDenied):
                hand_in(village, DocumentKey.APBDES, dt.date(2021, 12, 1), actor=user)
    doc = services.document_get(_village("35.09.26.2001"), 2022, "apbdes") or hand_in(
        _village("35.09.26.2001"), DocumentKey.APBDES, dt.date(2021, 12, 1)
    )
    if evaluate:
        doc = services.document_paper_date_confirm(
            actor=user, document=doc, paper_date=dt.date(2021, 11, 30), note="agenda 1"
        )
        assert doc.submitted_on == dt.date(2021, 11, 30)
    else:
        with pytest.raises(PermissionDenied):
            services.document_paper_date_confirm(
                actor=user, document=doc, paper_date=dt.date(2021, 11, 30), note="agenda 1"
            )
    if evaluate:
        assert (
            services.document_evaluate(actor=user, document=doc, result=Result.CORRECT).result
            == "benar"
        )
    else:
        with pytest.raises(PermissionDenied):
            services.document_evaluate(actor=user, document=doc, result=Result.CORRECT)
    assert services.can_set_deadlines(user, mayang) is deadlines
    board = selectors.village_board(user=user, kecamatan=mayang, year=2022)
    assert (board is not None) is read


def test_bad_input_is_kept(users, mayang):
    client = Client()
    client.force_login(users.operator_desa)
    mrawan = _village("35.09.26.2001")
    url = reverse("village_finance:document", args=[mayang.pk, 2022, mrawan.pk, "apbdes"])
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("apbdes.pdf", b"not a pdf at all", content_type="application/pdf")
    response = client.post(
        url,
        {"action": "submit", "submitted_on": "2021-12-01", "notes": "catatan saya", "file": fake},
    )
    assert response.status_code == 200
    assert "catatan saya" in response.content.decode()
    assert services.document_get(mrawan, 2022, "apbdes") is None
    pdf = SimpleUploadedFile("apbdes.pdf", b"%PDF-1.4 test", content_type="application/pdf")
    response = client.post(url, {"action": "submit", "submitted_on": "2021-12-01", "file": pdf})
    assert response.status_code == 302
    doc = services.document_get(mrawan, 2022, "apbdes")
    assert doc.original_name == "apbdes.pdf" and doc.size == len(b"%PDF-1.4 test")
    # The file is served to members of the kecamatan, not to the outsider.
    file_url = reverse("village_finance:file", args=["apbdes", doc.pk])
    shown = client.get(file_url)
    assert shown.status_code == 200
    # a PDF opens in the browser (sandboxed), with a download link beside the view link
    assert shown["Content-Disposition"] == 'inline; filename="apbdes.pdf"'
    assert shown["Content-Security-Policy"].startswith("sandbox;")
    assert client.get(file_url + "?unduh=1")["Content-Disposition"].startswith("attachment")
    page = client.get(url).content.decode()
    assert f'href="{file_url}" target="_blank"' in page and f'href="{file_url}?unduh=1"' in page
    client.force_login(users.outsider)
    assert client.get(file_url).status_code == 404


def test_reminders_sent_once_a_day(users, mayang):
    users.operator_desa.email = "mrawan@example.org"
    users.operator_desa.save()
    users.kepala_seksi.email = "kasi@example.org"
    users.kepala_seksi.save()
    # 20 July 2022: the S1 report 2022 (due 31 July, 11 days away ≤ 14) is missing in all 7
    # villages; the 2021 year-end report (due 31 Mar 2022) and APBDes 2022 (31 Dec 2021) are past
    # due; APBDes 2023 (due 31 Dec 2022) is not yet within 14 days.
    # Mrawan hands in its APBDes 2022 and SPJ year-end 2021: it still misses its S1.
    mrawan = _village("35.09.26.2001")
    hand_in(mrawan, DocumentKey.APBDES, dt.date(2021, 12, 1))
    hand_in(mrawan, DocumentKey.SPJ_YEAR_END, dt.date(2022, 3, 1), year=2021)
    day = dt.date(2022, 7, 20)
    items = selectors.village_documents_due(
        user=users.operator_desa, organisation=mayang, today=day
    )
    assert [(i.village.name, i.year, i.key) for i in items] == [
        ("Mrawan", 2022, DocumentKey.SPJ_S1)
    ]
    assert items[0].days_left == 11
    # The section sees all villages: 6 APBDes 2022 (past) + 6 SPJ year-end 2021 (past) + 7 SPJ S1
    # 2022 (in 11 days) = 19; older gaps (2021's APBDes and S1) are not reminded.
    all_items = selectors.village_documents_due(
        user=users.kepala_seksi, organisation=mayang, today=day
    )
    assert len(all_items) == 6 + 6 + 7
    assert (
        selectors.village_documents_due(user=users.outsider, organisation=mayang, today=day) == []
    )
    mail.outbox.clear()
    assert village_document_reminders(day) == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["kasi@example.org", "mrawan@example.org"]
    assert village_document_reminders(day) == 0
    assert len(mail.outbox) == 2
    assert village_document_reminders(day + dt.timedelta(days=1)) == 2


def test_operator_of_other_village_listed_nowhere(users):
    m = Membership.objects.get(user=users.operator_desa, role=Role.OPERATOR_DESA)
    assert m.village.code == "35.09.26.2001"
