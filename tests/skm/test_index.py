"""The index from stored responses: hand-computed values, and tallies equal to a full recount."""

import datetime
from fractions import Fraction
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kinerja.skm import models, selectors
from kinerja.skm.models import AnswerTally, Response, ResponseTally
from kinerja.skm.services import response_submit, responses_store_many, service_save
from tests.skm.conftest import respondent

pytestmark = pytest.mark.django_db

Q1 = datetime.date(2022, 2, 10)
Q3 = datetime.date(2022, 8, 10)


def test_all_four_gives_exactly_100_and_all_one_exactly_25(mayang, instrument, ktp, skck):
    responses_store_many(
        actor=None, instrument=instrument, items=[respondent(ktp, [4] * 9, date=Q1)]
    )
    responses_store_many(
        actor=None, instrument=instrument, items=[respondent(skck, [1] * 9, date=Q1)]
    )
    assert (
        selectors.skm_index(organisation=mayang, year=2022, service=ktp).result.ikm_konversi == 100
    )
    assert (
        selectors.skm_index(organisation=mayang, year=2022, service=skck).result.ikm_konversi == 25
    )


def test_hand_computed_index_of_four_respondents(mayang, instrument, ktp, skck):
    # U1..U9 of four respondents (None = not answered):
    #   r1 (KTP, Q1): 4 4 3 4 3 3 4 2 3
    #   r2 (KTP, Q1): 3 3 3 4 3 4 4 -  3
    #   r3 (SKCK, Q3): 2 3 2 4 3 3 3 2 2
    #   r4 (SKCK, Q3): 3 2 4 4 3 2 4 3 4
    rows = [
        respondent(ktp, [4, 4, 3, 4, 3, 3, 4, 2, 3], date=Q1),
        respondent(ktp, [3, 3, 3, 4, 3, 4, 4, None, 3], date=Q1),
        respondent(skck, [2, 3, 2, 4, 3, 3, 3, 2, 2], date=Q3),
        respondent(skck, [3, 2, 4, 4, 3, 2, 4, 3, 4], date=Q3),
    ]
    for item in rows:
        response_submit(instrument=instrument, item=item)
    index = selectors.skm_index(organisation=mayang, year=2022)
    # sums:    U1 12, U2 12, U3 12, U4 16, U5 12, U6 12, U7 15, U8 7 (3 answers), U9 12
    # NRR:     3, 3, 3, 4, 3, 3, 15/4, 7/3, 3
    table = [(r.unsur.code, r.jumlah_jawaban, r.jumlah_nilai, r.nrr) for r in index.result.rows]
    assert table == [
        ("U1", 4, 12, 3),
        ("U2", 4, 12, 3),
        ("U3", 4, 12, 3),
        ("U4", 4, 16, 4),
        ("U5", 4, 12, 3),
        ("U6", 4, 12, 3),
        ("U7", 4, 15, Fraction(15, 4)),
        ("U8", 3, 7, Fraction(7, 3)),
        ("U9", 4, 12, 3),
    ]
    # IKM = (3*6 + 4 + 15/4 + 7/3) / 9 = (18 + 4 + 3.75 + 2.333..) / 9 = 337/12 / 9 = 337/108
    assert index.result.ikm == Fraction(337, 108)
    # konversi = 337/108 * 25 = 8425/108 = 78.009259... -> 78.01, mutu B, Baik
    assert index.result.ikm_konversi == Fraction(8425, 108)
    assert str(index.result.ikm_konversi_rounded) == "78.01"
    assert (index.result.mutu, index.result.kinerja) == ("B", "Baik")
    assert index.respondents == 4
    # Q1 only: r1 + r2 -> sums U1 7, U2 7, U3 6, U4 8, U5 6, U6 7, U7 8, U8 2 (1), U9 6
    # NRR 7/2, 7/2, 3, 4, 3, 7/2, 4, 2, 3 -> sum = 28.5 + 2... = 3.5*3 + 3*3 + 4*2 + 2 = 29.5
    q1 = selectors.skm_index(organisation=mayang, year=2022, quarter=1)
    assert q1.result.ikm == Fraction(59, 18)  # 29.5 / 9
    assert q1.respondents == 2
    # SKCK alone: U1 5, U2 5, U3 6, U4 8, U5 6, U6 5, U7 7, U8 5, U9 6 over 2 -> total 53/2 / 9
    only_skck = selectors.skm_index(organisation=mayang, year=2022, service=skck)
    assert only_skck.result.ikm == Fraction(53, 18)
    # the lowest unsur first: U8 (7/3), then the ones at 3 in instrument order
    from kinerja.core.skm import improvement_priorities

    assert [r.unsur.code for r in improvement_priorities(index.result)][:2] == ["U8", "U1"]


def test_no_answers_gives_none(mayang, instrument):
    assert selectors.skm_index(organisation=mayang, year=2022) is None


ANSWER = st.one_of(st.none(), st.integers(1, 4))
RESPONSE = st.tuples(
    st.booleans(),  # service: KTP or SKCK
    st.integers(1, 4),  # quarter
    st.lists(ANSWER, min_size=9, max_size=9).filter(lambda a: any(v is not None for v in a)),
)


@settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
@given(data=st.lists(RESPONSE, min_size=1, max_size=25), split=st.integers(0, 25))
def test_index_from_tallies_equals_recount_from_raw_responses(
    mayang, instrument, ktp, skck, data: list[Any], split: int
):
    Response.objects.all().delete()
    ResponseTally.objects.all().delete()
    AnswerTally.objects.all().delete()
    items = [
        respondent(ktp if first else skck, answers, date=datetime.date(2022, quarter * 3 - 1, 5))
        for first, quarter, answers in data
    ]
    # some one by one (the survey page), the rest in bulk (paper import)
    for item in items[:split]:
        response_submit(instrument=instrument, item=item)
    if items[split:]:
        responses_store_many(actor=None, instrument=instrument, items=items[split:])
    for quarter in (None, 1, 2, 3, 4):
        for service in (None, ktp, skck):
            fast = selectors.skm_index(
                organisation=mayang, year=2022, quarter=quarter, service=service
            )
            slow = selectors.skm_index_from_responses(
                selectors.responses_in(
                    organisation=mayang, year=2022, quarter=quarter, service=service
                ),
                mayang,
            )
            assert (fast is None) == (slow is None)
            if fast is not None:
                assert fast.result == slow.result
                assert fast.respondents == slow.respondents


def test_index_page_shows_the_hand_computed_values(mayang, instrument, ktp, users):
    from django.test import Client

    from kinerja.skm.services import service_user_count_set

    for answers in ([4, 4, 3, 4, 3, 3, 4, 2, 3], [3, 3, 3, 4, 3, 4, 4, None, 3]):
        response_submit(instrument=instrument, item=respondent(ktp, answers, date=Q1))
    service_user_count_set(actor=None, service=ktp, year=2022, quarter=None, users=100)
    client = Client()
    client.force_login(users.kepala_seksi)
    html = client.get("/skm/?organisasi=35.09.26&tahun=2022").content.decode()
    # IKM = 29.5/9 = 3.2777.. -> "3,278"; konversi 1475/18 = 81.944.. -> "81,94", B
    assert "3,278" in html and "81,94" in html
    assert '<option value="2022" selected>2022</option>' in html
    # sample: 100 users -> Krejcie & Morgan 80; 2 respondents
    assert "Sampel belum cukup: 2 dari minimal 80" in html


def test_paper_import_adds_to_existing_tallies_equal_to_a_recount(mayang, instrument, ktp, skck):
    """The import's raw inserts and tally upserts on top of tallies that already exist (rows
    submitted one by one before), in several quarters and services: equal to a full recount.
    150 rows: more than one multi-row INSERT of responses and of answers on both databases (the
    statements take 62/125 responses, 333/666 answers on SQLite/PostgreSQL), plus a remainder."""
    from kinerja.skm import paper
    from kinerja.skm.services import responses_import

    response_submit(
        instrument=instrument, item=respondent(ktp, [4, 3, None, 2, 1, 4, 3, 2, 1], date=Q1)
    )
    lines = [
        "tanggal,layanan,jenis_kelamin,usia,pendidikan,pekerjaan,u1,u2,u3,u4,u5,u6,u7,u8,u9,saran"
    ]
    for i in range(150):
        day = f"2022-{1 + i % 12:02d}-{1 + i % 28:02d}"
        service = "Rekomendasi KTP-el/KK" if i % 3 else "surat pengantar skck"
        answers = ",".join("" if (i + k) % 7 == 0 else str(1 + (i * k) % 4) for k in range(1, 10))
        lines.append(f"{day},{service},{'LP'[i % 2]},{20 + i % 60},SMA,PNS,{answers},")
    report = responses_import(
        actor=None, instrument=instrument, rows=paper.read_rows("x.csv", "\n".join(lines).encode())
    )
    assert report.ok and report.stored == 150
    assert Response.objects.count() == 151
    for quarter in (None, 1, 2, 3, 4):
        for service in (None, ktp, skck):
            fast = selectors.skm_index(
                organisation=mayang, year=2022, quarter=quarter, service=service
            )
            slow = selectors.skm_index_from_responses(
                selectors.responses_in(
                    organisation=mayang, year=2022, quarter=quarter, service=service
                ),
                mayang,
            )
            assert fast is not None and slow is not None
            assert fast.result == slow.result and fast.respondents == slow.respondents


def test_bulk_store_checks_choices_and_lengths_like_the_model(instrument, ktp):
    """No model instance is built any more: the checks of the model's fields are done before the
    raw insert, and nothing is written when one item is bad."""
    from django.core.exceptions import ValidationError

    good = respondent(ktp, [3] * 9, date=Q1)
    bad = [
        respondent(ktp, [3] * 9, date=Q1, gender="X"),
        respondent(ktp, [3] * 9, date=Q1, education="SMK"),
        respondent(ktp, [3] * 9, date=Q1, occupation="Petani"),
        respondent(ktp, [3] * 9, date=Q1, age=14),
        respondent(ktp, [3] * 9, date=Q1, saran="x" * 2001),
        respondent(ktp, [True] + [3] * 8, date=Q1),
    ]
    with pytest.raises(ValidationError) as caught:
        responses_store_many(actor=None, instrument=instrument, items=[good, *bad])
    messages = caught.value.messages
    for position, key in enumerate(("gender", "education", "occupation", "age", "saran", "U1"), 2):
        assert any(m.startswith(f"{position}: {key}:") for m in messages), (key, messages)
    assert Response.objects.count() == 0 and ResponseTally.objects.count() == 0
    with pytest.raises(ValidationError):
        response_submit(instrument=instrument, item=bad[0])
    assert Response.objects.count() == 0


def test_bulk_store_returns_the_new_ids_in_order(instrument, ktp, skck):
    items = [respondent(ktp if i % 2 else skck, [1 + i % 4] * 9, date=Q3) for i in range(7)]
    ids = responses_store_many(actor=None, instrument=instrument, items=items)
    stored = {r.pk: r for r in Response.objects.filter(pk__in=ids)}
    assert len(stored) == 7
    for pk, item in zip(ids, items, strict=True):
        assert stored[pk].service_id == item.service.pk
        assert {a.value for a in stored[pk].answers.all()} == {item.answers["U1"]}
    # a second batch continues after the first, never reusing a number
    more = responses_store_many(actor=None, instrument=instrument, items=items[:2])
    assert min(more) > max(ids)


def test_index_by_group_equals_the_index_of_each_groups_responses(mayang, instrument, ktp, skck):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from kinerja.skm.services import instrument_create_default

    profiles = [
        {"gender": "L", "age": 15, "education": "SD", "occupation": "PNS"},
        {"gender": "P", "age": 24, "education": "SMA", "occupation": "Wirausaha"},
        {"gender": "P", "age": 64, "education": "SMA", "occupation": "Lainnya"},
        {"gender": "L", "age": None, "education": "S1", "occupation": "Wirausaha"},
        {"gender": "L", "age": 100, "education": "S1", "occupation": "Swasta"},
    ]
    answers = [[4, 3, None, 2, 1, 4, 3, 3, 2], [None] * 8 + [3], [1, 2, 3, 4, 1, 2, 3, 4, 1]]
    for i, profile in enumerate(profiles):
        for j, chosen in enumerate(answers[: 1 + i % 3]):
            day = Q1 if j else Q3
            response_submit(
                instrument=instrument,
                item=respondent(ktp if i % 2 else skck, chosen, date=day, **profile),
            )
    # a newer instrument answered by some groups only: their index uses its unsur
    newer = instrument_create_default(actor=None, organisation=mayang)
    response_submit(instrument=newer, item=respondent(ktp, [2] * 9, date=Q3, **profiles[1]))
    for quarter in (None, 1, 3):
        for group in selectors.GROUPS:
            with CaptureQueriesContext(connection) as queries:
                rows = selectors.skm_index_by_group(
                    organisation=mayang, year=2022, quarter=quarter, group=group
                )
            assert len(queries) <= 6, group  # not one scan per group value
            assert [(v, label) for v, label, _ in rows] == selectors.group_choices(group)
            qs = selectors.responses_in(organisation=mayang, year=2022, quarter=quarter)
            for value, _label, index in rows:
                if group == "age_band":
                    part = [r.pk for r in qs if models.age_band(r.age) == value]
                    part_qs = qs.filter(pk__in=part)
                else:
                    part_qs = qs.filter(**{group: value})
                slow = selectors.skm_index_from_responses(part_qs, mayang)
                assert (index is None) == (slow is None), (group, value)
                if index is not None:
                    assert index.result == slow.result
                    assert (index.respondents, index.answers) == (slow.respondents, slow.answers)
                    assert index.instrument == slow.instrument


def test_interval_from_a_given_index_is_the_one_computed_alone(mayang, instrument, ktp, skck):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for i, chosen in enumerate(([4] * 9, [3] * 9, [2, 3, 4, 3, 2, 3, 4, 3, None], [1] * 9)):
        response_submit(
            instrument=instrument, item=respondent(ktp if i % 2 else skck, chosen, date=Q1)
        )
    assert selectors.skm_interval(organisation=mayang, year=2021) is None
    for quarter, service in ((None, None), (1, ktp), (3, None)):
        period = {"organisation": mayang, "year": 2022, "quarter": quarter, "service": service}
        alone = selectors.skm_interval(**period, resamples=50)
        index = selectors.skm_index(**period)
        with CaptureQueriesContext(connection) as queries:
            reused = selectors.skm_interval(**period, resamples=50, index=index)
        assert reused == alone
        assert (alone is None) == (index is None)
        if index is not None:
            assert len(queries) <= 1  # only the raw answers: the tallies are not read again


def test_index_by_service_is_each_services_own_index(mayang, instrument, ktp, skck):
    """The source of IKU 1.1 lists one record per service: the grouped read gives per service the
    index ``skm_index(service=...)`` gives. KTP in Q1: r1 (all 4) and r2 (all 3) -> NRR 3,5 per
    unsur, IKM konversi 87,5; SKCK in Q3: all 2 -> 50; the third service has no answers."""
    rows = [
        respondent(ktp, [4] * 9, date=Q1),
        respondent(ktp, [3] * 9, date=Q1),
        respondent(skck, [2] * 9, date=Q3),
    ]
    responses_store_many(actor=None, instrument=instrument, items=rows)
    by_service = selectors.skm_index_by_service(organisation=mayang, year=2022)
    service_save(actor=None, organisation=mayang, name="Surat Keterangan", order=3)
    assert set(by_service) == {ktp.pk, skck.pk}
    assert by_service[ktp.pk].result.ikm_konversi == Fraction(175, 2)
    assert by_service[skck.pk].result.ikm_konversi == 50
    for service in (ktp, skck):
        alone = selectors.skm_index(organisation=mayang, year=2022, service=service)
        assert by_service[service.pk] == alone
    # Q1 only: SKCK has nothing
    assert set(selectors.skm_index_by_service(organisation=mayang, year=2022, quarters=[1])) == {
        ktp.pk
    }
