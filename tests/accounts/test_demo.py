"""``kinerja demo``: one account per role in Mayang, labelled DATA CONTOH, safe to rerun."""

import datetime as dt
from io import StringIO

import pytest
from django.contrib.auth import authenticate, get_user_model
from django.core.management import CommandError, call_command

from kinerja.accounts import demo
from kinerja.accounts.models import Membership
from tests.helpers import row_counts

EXPECTED_ACCOUNTS = {
    # username: (role, where the role is held: organisation code, unit name, village code)
    "admin.jember": ("admin_kabupaten", "35.09", None, None),
    "camat.mayang": ("camat", "35.09.26", None, None),
    "perencana.mayang": ("perencana", "35.09.26", None, None),
    "kasi.pemerintahan": ("kepala_seksi", "35.09.26", "Seksi Pemerintahan", None),
    "kasi.pelayanan": ("kepala_seksi", "35.09.26", "Seksi Pelayanan Umum", None),
    "kasi.pmks": (
        "kepala_seksi",
        "35.09.26",
        "Seksi Pemberdayaan Masyarakat dan Kesejahteraan Sosial",
        None,
    ),
    "kasi.trantib": ("kepala_seksi", "35.09.26", "Seksi Ketertiban dan Ketentraman Umum", None),
    "operator.mrawan": ("operator_desa", "35.09.26", None, "35.09.26.2001"),
    "operator.mayang": ("operator_desa", "35.09.26", None, "35.09.26.2002"),
    "operator.seputih": ("operator_desa", "35.09.26", None, "35.09.26.2003"),
    "operator.tegalwaru": ("operator_desa", "35.09.26", None, "35.09.26.2004"),
    "operator.tegalrejo": ("operator_desa", "35.09.26", None, "35.09.26.2005"),
    "operator.sumberkejayan": ("operator_desa", "35.09.26", None, "35.09.26.2006"),
    "operator.sidomukti": ("operator_desa", "35.09.26", None, "35.09.26.2007"),
}


def _run(*args: str) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def _this_year() -> int:
    from django.utils import timezone

    return timezone.localdate().year


@pytest.mark.django_db
def test_demo_creates_one_account_per_role_with_the_demo_password():
    _run()
    memberships = {
        m.user.username: (
            m.role,
            m.organisation.code,
            m.unit.name if m.unit else None,
            m.village.code if m.village else None,
        )
        for m in Membership.objects.select_related("user", "organisation", "unit", "village")
    }
    assert memberships == EXPECTED_ACCOUNTS
    for username in EXPECTED_ACCOUNTS:
        assert authenticate(username=username, password="kinerja-demo") is not None, username


@pytest.mark.django_db
def test_demo_loads_the_default_data_first():
    _run()
    from kinerja.iku.models import Decree

    assert Decree.objects.filter(organisation__code="35.09.26", number="065/ 2 /26/2022").exists()


@pytest.mark.django_db
def test_demo_prints_the_logins_and_the_password_labelled_as_sample_data():
    output = _run()
    assert "DATA CONTOH" in output
    assert "kinerja-demo" in output
    lines = output.splitlines()
    for username in EXPECTED_ACCOUNTS:
        assert any(line.startswith(username + " ") for line in lines), username
    camat_line = next(line for line in lines if line.startswith("camat.mayang "))
    assert "Camat" in camat_line
    assert "Mayang" in camat_line
    kasi_line = next(line for line in lines if line.startswith("kasi.trantib "))
    assert "Seksi Ketertiban dan Ketentraman Umum" in kasi_line
    operator_line = next(line for line in lines if line.startswith("operator.sidomukti "))
    assert "Sidomukti" in operator_line


@pytest.mark.django_db
def test_demo_is_idempotent():
    _run()
    before = row_counts()
    # A changed password is put back to the demo password.
    user = get_user_model().objects.get(username="camat.mayang")
    user.set_password("lain-lain-123")
    user.save()
    _run()
    assert row_counts() == before
    assert authenticate(username="camat.mayang", password="kinerja-demo") is not None


@pytest.mark.django_db
def test_demo_is_refused_in_production(settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        _run()
    assert get_user_model().objects.count() == 0
    assert Membership.objects.count() == 0


@pytest.mark.django_db
def test_demo_in_production_with_force(settings):
    settings.PRODUCTION = True
    _run("--force")
    assert get_user_model().objects.filter(username="camat.mayang").exists()


@pytest.mark.django_db
def test_default_year_is_the_last_full_year():
    last = _this_year() - 1
    expected = ", ".join(str(y) for y in range(2022, last + 1))
    assert f"Sample data years: {expected}" in _run()


@pytest.mark.django_db
def test_years_run_from_2022_to_the_chosen_year():
    assert "Sample data years: 2022, 2023\n" in _run("--tahun", "2023")
    assert "Sample data years: 2022\n" in _run("--tahun", "2022")


@pytest.mark.django_db
@pytest.mark.parametrize("year", ["2021", "1999", str(dt.date.today().year + 2)])  # noqa: DTZ011
def test_years_out_of_range_are_refused(year):
    with pytest.raises(CommandError, match="--tahun"):
        _run("--tahun", year)
    assert get_user_model().objects.count() == 0


@pytest.mark.django_db
def test_registered_sample_data_steps_are_called(monkeypatch):
    calls = []
    monkeypatch.setattr(demo, "SAMPLE_DATA_STEPS", [])
    step = demo.register_sample_data_step(lambda org, years: calls.append((org.code, years)))
    demo.register_sample_data_step(step)  # registering twice keeps one
    _run("--tahun", "2024")
    assert calls == [("35.09.26", [2022, 2023, 2024])]
