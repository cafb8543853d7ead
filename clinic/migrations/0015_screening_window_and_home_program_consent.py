"""The clinic sets how recent a red-flag screen must be for a home program to be published;
the intake asks for consent to a home program (False on rows signed before: never assumed)."""

import django.core.validators
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("clinic", "0014_audit_keyed_hashes_and_checkpoint_emails"),
    ]

    operations = [
        migrations.AddField(
            model_name="clinicprofile",
            name="screening_window_days",
            field=models.PositiveSmallIntegerField(
                default=90,
                help_text="A home program can be published only after a signed intake or re-assessment with a red-flag screen this recent (7 to 365 days).",
                validators=[
                    django.core.validators.MinValueValidator(7),
                    django.core.validators.MaxValueValidator(365),
                ],
                verbose_name="a red-flag screen counts for this many days",
            ),
        ),
        migrations.AddField(
            model_name="intake",
            name="consent_home_program",
            field=models.BooleanField(default=False),
        ),
        migrations.AddConstraint(
            model_name="clinicprofile",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("screening_window_days__gte", 7), ("screening_window_days__lte", 365)
                ),
                name="clinicprofile_screening_window_7_365",
            ),
        ),
    ]
