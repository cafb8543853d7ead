# Invitations and staff welcomes go through the outbox (written when sent: clinic/outbox/at_send.py).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0010_message_thread"),
    ]

    operations = [
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
                ],
                max_length=32,
            ),
        ),
    ]
