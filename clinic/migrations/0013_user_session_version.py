# A person's session version: raising it (deactivation) ends all their open sessions.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0012_clinicprofile_alert_email"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="session_version",
            field=models.PositiveIntegerField(default=0, editable=False),
        ),
    ]
