"""Audit rows say how their hash was made (keyed HMAC from now on; rows already stored keep
their plain SHA-256 and read "sha256"), and the outbox gains the audit checkpoint email."""

from django.db import migrations, models

import clinic.models


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0013_user_session_version"),
    ]

    operations = [
        migrations.AddField(
            model_name="auditevent",
            name="key_id",
            field=models.CharField(
                blank=True,
                db_default="",
                default=clinic.models.current_audit_key_id,
                editable=False,
                max_length=16,
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="scheme",
            field=models.CharField(
                db_default="sha256", default="hmac1", editable=False, max_length=8
            ),
        ),
        migrations.AlterField(
            model_name="outboxmessage",
            name="kind",
            field=models.CharField(
                choices=[
                    ("program_ready", "Home program ready"),
                    ("program_updated", "Home program updated"),
                    ("reminder", "Exercise reminder"),
                    ("nudge", "Check-in nudge"),
                    ("staff_alert", "Staff alert"),
                    ("secure_message", "Secure message waiting"),
                    ("intake_link", "Intake form link"),
                    ("invitation", "Portal invitation"),
                    ("staff_welcome", "Staff account welcome"),
                    ("audit_checkpoint", "Audit log checkpoint"),
                ],
                max_length=32,
            ),
        ),
    ]
