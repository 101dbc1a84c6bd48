# The record of reminders sent moves from the coordination register to the value store, where
# every source's reminders share it (kinerja.measurement.reminders.send_once); the rows already
# sent are copied so that no reminder of today goes twice.

from django.db import migrations, models


def copy_sent(apps, schema_editor):
    try:
        Old = apps.get_model("coordination", "SentReminder")
    except LookupError:
        return
    New = apps.get_model("measurement", "SentReminder")
    New.objects.bulk_create(
        [
            New(key=r.key, day=r.day, recipient=r.recipient, sent_at=r.sent_at)
            for r in Old.objects.order_by("pk").iterator()
        ]
    )


class Migration(migrations.Migration):
    dependencies = [
        ("measurement", "0003_approved_digest"),
        ("coordination", "0001_register"),
    ]

    operations = [
        migrations.CreateModel(
            name="SentReminder",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("key", models.CharField(max_length=200)),
                ("day", models.DateField()),
                ("recipient", models.CharField(max_length=254)),
                ("sent_at", models.DateTimeField(auto_now_add=True)),
            ],
            options={
                "verbose_name": "sent reminder",
                "verbose_name_plural": "sent reminders",
                "constraints": [
                    models.UniqueConstraint(
                        fields=("key", "day", "recipient"), name="reminder_once_a_day"
                    )
                ],
            },
        ),
        migrations.RunPython(copy_sent, migrations.RunPython.noop),
    ]
