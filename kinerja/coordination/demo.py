"""Sample coordination register (DATA CONTOH) for ``kinerja demo``: each sample year, four
meetings per field (one a quarter), with results, recommendations and follow-ups — most done in
time, some done after their quarter, some left in progress or not started — flowing into
indicators 2.1, 2.3 and 2.4 through the register source. Idempotent: a field that already has
sample activities in a year is left alone."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from kinerja.accounts.demo import SAMPLE_LABEL, register_sample_data_step
from kinerja.coordination import services
from kinerja.coordination.models import CoordinationActivity
from kinerja.coordination.source import REGISTER_NAME
from kinerja.iku.models import Indicator
from kinerja.measurement.demo import register_sample_narrative
from kinerja.organisations.models import Organisation

TOPICS = {
    "pemerintahan": [
        ("Rapat koordinasi pemerintahan desa", "Tertib administrasi kependudukan desa"),
        ("Rapat koordinasi batas wilayah desa", "Penegasan batas desa Mrawan–Tegalrejo"),
        ("Rapat koordinasi pengelolaan aset desa", "Inventarisasi aset desa"),
        ("Rapat koordinasi persiapan musrenbang", "Jadwal musrenbang desa"),
    ],
    "pmks": [
        ("Rapat koordinasi bantuan sosial", "Pemutakhiran DTKS"),
        ("Rapat koordinasi posyandu", "Pencegahan stunting"),
        ("Rapat koordinasi PKK kecamatan", "Pelatihan UMKM ibu rumah tangga"),
        ("Rapat koordinasi penanganan kemiskinan", "Verifikasi penerima BLT"),
    ],
    "trantib": [
        ("Rapat koordinasi Forkopimcam", "Keamanan menjelang hari besar"),
        ("Rapat koordinasi penertiban PKL", "Penataan pedagang pasar Mayang"),
        ("Rapat koordinasi linmas", "Kesiapsiagaan bencana banjir"),
        ("Rapat koordinasi ketertiban umum", "Patroli malam bersama"),
    ],
}
AGENCIES = (
    "Polsek Mayang\nKoramil 0824/16 Mayang\nPuskesmas Mayang\nKepala Desa se-Kecamatan Mayang"
)

# For each quarter's meeting: the follow-up of its recommendations, as (status, days after the
# meeting) per recommendation; None leaves it without follow-up.
PLAN: list[list[list[tuple[str, int] | None]]] = [
    [[("selesai", 20)], [("selesai", 30), ("selesai", 40)]],  # Q1: all in time
    [[("selesai", 25)], [("proses", 20)]],  # Q2: one still in progress
    [[("selesai", 70)], [("selesai", 15)]],  # Q3: one done after its quarter
    [[None], [("selesai", 10)]],  # Q4: one never followed up (late)
]


@register_sample_data_step
def coordination_register(organisation: Organisation, years: list[int]) -> None:
    today = timezone.localdate()
    fields = services.fields_ensure_default(organisation=organisation)
    for year in years:
        for field in fields:
            if CoordinationActivity.objects.filter(
                field=field, date__year=year, title__startswith=SAMPLE_LABEL
            ).exists():
                continue
            for quarter, (title, topic) in enumerate(TOPICS.get(field.code, []), start=1):
                date = dt.date(year, 3 * quarter - 1, 10 + quarter)
                if date > today:
                    break
                plan = PLAN[quarter - 1]
                results = [
                    services.ResultInput(
                        text=f"{topic}: kesepakatan {n}",
                        recommendations=[
                            services.RecommendationInput(
                                text=f"Tindak lanjut {topic.lower()} ({n}.{m})",
                                responsible_party="Kepala Desa" if m == 1 else "Seksi terkait",
                                due_date=date + dt.timedelta(days=30),
                            )
                            for m in range(1, len(plan[n - 1]) + 1)
                        ],
                    )
                    for n in range(1, len(plan) + 1)
                ]
                activity = services.activity_record(
                    actor=None,
                    field=field,
                    title=f"{SAMPLE_LABEL} · {title}",
                    date=date,
                    place="Pendopo Kecamatan Mayang",
                    participants=AGENCIES,
                    results=results,
                    submit=True,
                )
                services.activity_verify(actor=None, activity=activity)
                for result, steps in zip(activity.results.all(), plan, strict=True):
                    for rec, step in zip(result.recommendations.all(), steps, strict=True):
                        if step is None:
                            continue
                        status, days = step
                        when = date + dt.timedelta(days=days)
                        if when > today:
                            continue
                        services.followup_add(
                            actor=None,
                            recommendation=rec,
                            status=status,
                            date=when,
                            actor_name=rec.responsible_party,
                            note=SAMPLE_LABEL,
                        )


#: Sample kendala / upaya / rencana tindak lanjut by field of coordination.
NARRATIVES: dict[str, dict[str, str]] = {
    "pemerintahan": {
        "kendala": "sebagian rekomendasi rapat koordinasi bidang pemerintahan (administrasi "
        "kependudukan, pertanahan) masih menunggu keputusan perangkat daerah terkait.",
        "upaya": "Seksi Pemerintahan mencatat setiap rekomendasi beserta penanggung jawab dan "
        "batas waktunya, lalu menanyakan perkembangannya kepada desa dan perangkat daerah.",
        "rencana_tindak_lanjut": "rekomendasi bidang pemerintahan yang belum selesai dibahas "
        "kembali pada rapat koordinasi bulan berikutnya.",
    },
    "pmks": {
        "kendala": "tindak lanjut rekomendasi bidang pemberdayaan masyarakat dan kesejahteraan "
        "sosial (pemutakhiran data penerima bantuan sosial) menunggu jadwal verifikasi dinas sosial.",
        "upaya": "Seksi PMKS mendampingi desa memutakhirkan data penerima bantuan dan memantau "
        "penyelesaian rekomendasi bersama pendamping desa.",
        "rencana_tindak_lanjut": "pemantauan bulanan rekomendasi bidang kesejahteraan sosial "
        "yang belum selesai bersama TKSK dan pendamping desa.",
    },
    "trantib": {
        "kendala": "sebagian rekomendasi bidang ketenteraman dan ketertiban umum (penataan "
        "pedagang kaki lima, kesiapsiagaan bencana) memerlukan dukungan Satpol PP kabupaten.",
        "upaya": "Seksi Trantib menjadwalkan patroli dan penertiban bersama Satpol PP, Polsek dan "
        "Koramil, dan mencatat hasilnya dalam register koordinasi.",
        "rencana_tindak_lanjut": "evaluasi tindak lanjut rekomendasi bidang trantib pada rapat "
        "Forkopimcam berikutnya.",
    },
}


@register_sample_narrative
def coordination_narrative(indicator: Indicator) -> tuple[str, dict[str, str]] | None:
    """The narrative of the indicator's field (its parameters, kept when typed in by hand)."""
    params = indicator.source_params or {}
    if params.get("register") == REGISTER_NAME and params.get("field") in NARRATIVES:
        return f"coordination:{params['field']}", NARRATIVES[params["field"]]
    return None
