"""The LKjIP narrative page: members see it, editors save and go back to the draft, history kept."""

import pytest
from django.urls import reverse

from kinerja.reports.models import LkjipNarrative

pytestmark = pytest.mark.django_db

TEXT = "Ringkasan yang ditulis sendiri oleh perencana."


def _url(mayang):
    return reverse("reports:lkjip-narratives", args=[mayang.code, 2022])


def test_editor_saves_and_resets(client, mayang, users):
    client.force_login(users.perencana)
    page = client.get(_url(mayang))
    assert page.status_code == 200
    assert "indikator kinerja utama" in page.content.decode()  # the draft is shown
    response = client.post(_url(mayang), {"section": "ikhtisar", "text": TEXT, "action": "save"})
    assert response.status_code == 302
    narrative = LkjipNarrative.objects.get(organisation=mayang, year=2022, section="ikhtisar")
    assert narrative.text == TEXT and narrative.edited_by == users.perencana
    assert TEXT in client.get(_url(mayang)).content.decode()
    client.post(_url(mayang), {"section": "ikhtisar", "action": "reset"})
    assert not LkjipNarrative.objects.filter(organisation=mayang, year=2022).exists()
    assert LkjipNarrative.history.filter(section="ikhtisar").count() == 2  # created, deleted


def test_section_head_reads_but_may_not_save(client, mayang, users):
    client.force_login(users.kepala_seksi)
    page = client.get(_url(mayang))
    assert page.status_code == 200 and "<textarea" not in page.content.decode()
    response = client.post(_url(mayang), {"section": "ikhtisar", "text": TEXT})
    assert response.status_code == 403
    assert not LkjipNarrative.objects.exists()


def test_outsider_and_anonymous(client, mayang, users):
    assert client.get(_url(mayang)).status_code == 302  # login page
    client.force_login(users.outsider)
    assert client.get(_url(mayang)).status_code == 403
    assert client.post(_url(mayang), {"section": "ikhtisar", "text": TEXT}).status_code == 403


def test_unknown_section_is_reported(client, mayang, users):
    client.force_login(users.camat)
    client.post(_url(mayang), {"section": "nope", "text": TEXT})
    assert not LkjipNarrative.objects.exists()
