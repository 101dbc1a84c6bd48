# The record of reminders sent moved to kinerja.measurement (its 0004 copies the rows first).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('coordination', '0001_register'),
        ('measurement', '0004_sent_reminder'),
    ]

    operations = [
        migrations.DeleteModel(
            name='SentReminder',
        ),
    ]
