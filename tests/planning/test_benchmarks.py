"""Benchmarks (pembanding) of an indicator for a year: the service and the page (the read-only API
is in test_api_lists.py; who may reach it in tests/permissions/test_routes.py).

Hand values: Mayang's IKU 2.1 (unit %, 2 decimals) gets "86,5" from "rata-rata kecamatan
se-Kabupaten Jember" -> stored 86.5; entered again from the same source as 87,25 -> replaced
(one row), from another source ("target nasional", 90) -> a second row.
"""

from decimal import Decimal as D

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from kinerja.planning import selectors
from kinerja.planning.models import IndicatorBenchmark
from kinerja.planning.services.benchmarks import benchmark_delete, benchmark_save

pytestmark = pytest.mark.django_db
KAB = "rata-rata kecamatan se-Kabupaten Jember"


def _save(mayang, indicator, value, source=KAB, actor=None, year=2022):
    return benchmark_save(
        actor=actor, organisation=mayang, indicator=indicator, year=year, value=value, source=source
    )


def test_saved_read_as_indonesian_and_replaced_per_source(mayang, ind, users):
    first = _save(mayang, ind["2.1"], "86,5", actor=users.camat)
    assert first.value == D("86.5") and first.entered_by == users.camat
    again = _save(
        mayang, ind["2.1"], "87,25", source=f"  {KAB} "
    )  # spaces do not make a new source
    assert again.pk == first.pk and again.value == D("87.25")
    _save(mayang, ind["2.1"], 90, source="target nasional")
    _save(mayang, ind["2.2"], "1.234,5")
    _save(mayang, ind["2.1"], 70, year=2021)
    by_indicator = selectors.benchmarks_for(organisation=mayang, year=2022)
    assert [(b.source, b.value) for b in by_indicator[ind["2.1"].pk]] == [
        (KAB, D("87.25")),
        ("target nasional", D(90)),
    ]
    assert by_indicator[ind["2.2"].pk][0].value == D("1234.5")
    assert ind["1.1"].pk not in by_indicator
    # the history keeps both values of the replaced one
    assert [h.value for h in first.history.order_by("history_date")] == [D("86.5"), D("87.25")]
    benchmark_delete(actor=users.perencana, benchmark=again)
    assert not IndicatorBenchmark.objects.filter(pk=first.pk).exists()
    assert first.history.count() == 3  # created, changed, deleted


def test_refusals(mayang, ind, other_kecamatan):
    with pytest.raises(ValidationError) as exc:
        _save(mayang, ind["2.1"], "abc")
    assert "abc" in exc.value.message_dict["value"][0]
    with pytest.raises(ValidationError) as exc:
        _save(mayang, ind["2.1"], "")
    assert "value" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _save(mayang, ind["2.1"], 1, source="  ")
    assert "source" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _save(mayang, ind["2.1"], 1, year=1999)
    assert "year" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        _save(other_kecamatan, ind["2.1"], 1)
    assert "indicator" in exc.value.message_dict
    graded = ind["2.3"]
    graded.scale = "sakip"
    graded.save()
    with pytest.raises(ValidationError) as exc:
        _save(mayang, graded, 1)
    assert "grade" in exc.value.message_dict["indicator"][0]
    # changing one into the source another already has is refused by the unique key
    one = _save(mayang, ind["2.1"], 1, source="A")
    _save(mayang, ind["2.1"], 2, source="B")
    with pytest.raises(ValidationError):
        benchmark_save(
            actor=None,
            organisation=mayang,
            benchmark=one,
            indicator=ind["2.1"],
            year=2022,
            value=1,
            source="B",
        )
    assert IndicatorBenchmark.objects.count() == 2


@pytest.mark.parametrize("role", ["kepala_seksi", "operator_desa", "outsider"])
def test_only_editors_of_the_kecamatan_write(mayang, ind, users, role):
    with pytest.raises(PermissionDenied):
        _save(mayang, ind["2.1"], 1, actor=getattr(users, role))
    kept = _save(mayang, ind["2.1"], 1)
    with pytest.raises(PermissionDenied):
        benchmark_delete(actor=getattr(users, role), benchmark=kept)
    assert IndicatorBenchmark.objects.filter(pk=kept.pk).exists()


def test_page_enters_shows_and_removes(client_as, mayang, ind):
    url = reverse("planning:benchmark-detail", args=[mayang.code, 2022])
    client = client_as("perencana")
    assert client.get(reverse("planning:benchmark-index")).status_code == 302
    bad = client.post(url, {"indicator": ind["2.1"].pk, "value": "8x", "source": KAB})
    assert bad.status_code == 200
    html = bad.content.decode()
    assert 'value="8x"' in html and "“8x”" in html  # what was typed is kept, the error named
    assert not IndicatorBenchmark.objects.exists()
    done = client.post(
        url, {"indicator": ind["2.1"].pk, "value": "86,5", "source": KAB}, follow=True
    )
    html = done.content.decode()
    assert KAB in html and "86,50 %" in html and "perencana.mayang" in html
    saved = IndicatorBenchmark.objects.get()
    assert saved.value == D("86.5") and saved.year == 2022
    # a reader sees it and no form; the removal is for editors
    reader = client_as("kepala_seksi").get(url).content.decode()
    assert "86,50 %" in reader and 'name="source"' not in reader
    assert client_as("kepala_seksi").post(url, {"delete": saved.pk}).status_code == 403
    client.post(url, {"delete": saved.pk})
    assert not IndicatorBenchmark.objects.exists()
