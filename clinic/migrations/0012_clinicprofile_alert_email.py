# The clinic's alert address: emailed at once, besides the therapist, after a worrying check-in.

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0011_outbox_one_time_link_kinds"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinicprofile",
            name="alert_email",
            field=models.EmailField(
                blank=True,
                help_text="Emailed at once, besides the patient's therapist, when a patient "
                "reports an emergency or urgent symptom or a worrying change at a check-in. The "
                "email only says to sign in: it never contains patient details.",
                max_length=254,
                verbose_name="alert email address",
            ),
        ),
    ]
