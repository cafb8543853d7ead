"""A revision published without a current screen or home-program consent keeps what was
missing and the clinician's written reason."""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0006_precaution_tag_labels"),
    ]

    operations = [
        migrations.AddField(
            model_name="programrevision",
            name="screening_gap",
            field=models.CharField(blank=True, max_length=16),
        ),
        migrations.AddField(
            model_name="programrevision",
            name="screening_override_reason",
            field=models.TextField(blank=True),
        ),
    ]
