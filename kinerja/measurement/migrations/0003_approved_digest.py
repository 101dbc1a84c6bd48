# The digest of what was approved (kinerja.measurement.lineage), filled for values already
# approved from their approval snapshot: the components then stored and the records then counted.

from django.db import migrations, models

from kinerja.measurement.sources import digest_of

HELP = (
    "SHA-256 of the components and the records counted in them as approved; compared with the "
    "source's to tell whether the sources changed since approval."
)


def fill_digests(apps, schema_editor):
    IndicatorValue = apps.get_model("measurement", "IndicatorValue")
    approved = IndicatorValue.objects.filter(status="approved", approved_snapshot__isnull=False)
    for value in approved.iterator():
        snap = value.approved_snapshot or {}
        if snap.get("source") in (None, "manual", "override"):
            continue
        digest = digest_of(snap.get("numerator"), snap.get("denominator"), snap.get("records") or [])
        # A plain update: filling a new column is not a change of the value (no history row).
        IndicatorValue.objects.filter(pk=value.pk).update(approved_digest=digest)


class Migration(migrations.Migration):
    dependencies = [
        ("measurement", "0002_workflow_settings"),
    ]

    operations = [
        migrations.AddField(
            model_name="historicalindicatorvalue",
            name="approved_digest",
            field=models.CharField(
                blank=True, help_text=HELP, max_length=64, verbose_name="approved digest"
            ),
        ),
        migrations.AddField(
            model_name="indicatorvalue",
            name="approved_digest",
            field=models.CharField(
                blank=True, help_text=HELP, max_length=64, verbose_name="approved digest"
            ),
        ),
        migrations.RunPython(fill_digests, migrations.RunPython.noop),
    ]
