"""A small SKM dataset stored through the SKM services, for the report and public-page tests."""

from __future__ import annotations

import datetime

from kinerja.skm import services
from kinerja.skm.services import ResponseInput

ALL = [f"U{i}" for i in range(1, 10)]

# Five respondents in Mayang, 2022 (four in TW I, one in TW II):
#   A: all 4 (L, SMA, 30)   B: all 3 (P, S1, 40)   C: all 3, U9 = 2 (L, SMA, 22)
#   D: all 3, U1 = 2 (L, SD, 50)   E: all 2, U4 not answered (P, SMP, no age)
# Per unsur (count, sum): U1: 5, 4+3+3+2+2 = 14 -> NRR 2.8;  U2,U3,U5..U8: 5, 4+3+3+3+2 = 15 -> 3.0;
#   U4: 4, 4+3+3+3 = 13 -> 3.25;  U9: 5, 4+3+2+3+2 = 14 -> 2.8.
# IKM = (2.8 + 6 x 3.0 + 3.25 + 2.8) / 9 = 26.85 / 9 = 2.98333..  -> "2,983"
# IKM konversi = 26.85 x 25 / 9 = 74.58333.. -> "74,58", mutu C (65.00..76.60), Kurang Baik.
# Service users 2022 entered: 10 -> Krejcie & Morgan 3.841*10*.25 / (.0025*9 + .96025) = 9.6025/0.98275
#   = 9.771 -> 10: 5 respondents are not enough.
PEOPLE = [
    (dict.fromkeys(ALL, 4), "L", "SMA", "Swasta", 30, datetime.date(2022, 2, 1)),
    (dict.fromkeys(ALL, 3), "P", "S1", "PNS", 40, datetime.date(2022, 2, 2)),
    ({**dict.fromkeys(ALL, 3), "U9": 2}, "L", "SMA", "Wirausaha", 22, datetime.date(2022, 3, 3)),
    ({**dict.fromkeys(ALL, 3), "U1": 2}, "L", "SD", "Lainnya", 50, datetime.date(2022, 3, 4)),
    ({**dict.fromkeys(ALL, 2), "U4": None}, "P", "SMP", "Swasta", None, datetime.date(2022, 5, 5)),
]


def store_sample(organisation, actor):
    """The instrument, one service, the five respondents above and 10 service users in 2022."""
    instrument = services.instrument_create_default(actor=actor, organisation=organisation)
    service = services.service_save(actor=actor, organisation=organisation, name="Legalisasi Uji")
    items = [
        ResponseInput(
            service=service,
            answers=answers,
            gender=gender,
            education=education,
            occupation=occupation,
            age=age,
            saran="Rahasia pribadi: antrean panjang" if i == 0 else "",
            channel="paper",
            date=day,
            submitted_at=datetime.datetime(day.year, day.month, day.day, 9, 0, tzinfo=datetime.UTC),
        )
        for i, (answers, gender, education, occupation, age, day) in enumerate(PEOPLE)
    ]
    services.responses_store_many(actor=actor, instrument=instrument, items=items)
    services.service_user_count_set(actor=actor, service=service, year=2022, quarter=None, users=10)
    return instrument, service
