"""Issue 10: a check-in summary on each program, so the dashboard's alerts read indexed columns
instead of four subqueries per watched program.

The backfill computes the same values as services.refresh_checkin_summary() and
adherence.checkin_summary(), in batches of programs: one query reads a batch's first and last
logs, latest spread and first publication by index seeks, then one UPDATE per program. The rules
are copied here (a migration must not change when the app code does later);
tests/programs/test_checkin_summary.py checks this copy against the app's.
"""

from datetime import timedelta

from django.db import migrations, models
from django.db.models import OuterRef, Subquery
from django.utils import timezone

BATCH = 2000


def summary(row: dict) -> dict:
    """The summary columns from one row of `backfill`'s query (as adherence.checkin_summary)."""
    first_published = row["first_published"]
    start = row["start_date"]
    if first_published is not None:
        start = max(start, timezone.localdate(first_published))
    logged = row["first_on"] is not None
    pain_rise = None
    if logged and row["last_on"] > row["first_on"]:
        pain_rise = max(row["last_back"] - row["first_back"], row["last_leg"] - row["first_leg"])
    return {
        "first_published_at": first_published,
        "first_log_on": row["first_on"],
        "first_back_pain": row["first_back"],
        "first_leg_pain": row["first_leg"],
        "last_log_on": row["last_on"],
        "last_back_pain": row["last_back"],
        "last_leg_pain": row["last_leg"],
        "last_spread_on": row["last_spread"],
        "pain_rise": pain_rise,
        "silent_since": row["last_on"] if logged else start - timedelta(days=1),
    }


def backfill(apps, schema_editor):
    Program = apps.get_model("programs", "Program")
    ProgramRevision = apps.get_model("programs", "ProgramRevision")
    SessionLog = apps.get_model("programs", "SessionLog")
    logs = SessionLog.objects.filter(program=OuterRef("pk"))

    def log_value(program_logs, order, field):
        return Subquery(program_logs.order_by(order).values(field)[:1])

    ids = list(Program.objects.order_by("pk").values_list("pk", flat=True))
    for start in range(0, len(ids), BATCH):
        rows = Program.objects.filter(pk__in=ids[start : start + BATCH]).values(
            "pk",
            "start_date",
            first_published=Subquery(
                ProgramRevision.objects.filter(program=OuterRef("pk"))
                .order_by("number")
                .values("published_at")[:1]
            ),
            first_on=log_value(logs, "date", "date"),
            first_back=log_value(logs, "date", "back_pain"),
            first_leg=log_value(logs, "date", "leg_pain"),
            last_on=log_value(logs, "-date", "date"),
            last_back=log_value(logs, "-date", "back_pain"),
            last_leg=log_value(logs, "-date", "leg_pain"),
            last_spread=log_value(logs.filter(leg_symptoms="further_down"), "-date", "date"),
        )
        # One UPDATE per program: bulk_update's CASE expressions cost more to build in Python
        # than the statements cost to run.
        for row in rows:
            Program.objects.filter(pk=row["pk"]).update(**summary(row))


class Migration(migrations.Migration):
    dependencies = [
        ("programs", "0003_issue6_handoutfile"),
    ]

    operations = [
        migrations.AddField(
            model_name="program",
            name="first_published_at",
            field=models.DateTimeField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="first_log_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="first_back_pain",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="first_leg_pain",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="last_log_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="last_back_pain",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="last_leg_pain",
            field=models.PositiveSmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="last_spread_on",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="pain_rise",
            field=models.SmallIntegerField(editable=False, null=True),
        ),
        migrations.AddField(
            model_name="program",
            name="silent_since",
            field=models.DateField(editable=False, null=True),
        ),
        migrations.RunPython(backfill, migrations.RunPython.noop),
        # After the backfill, so the indexes are built once rather than kept up row by row.
        migrations.AddIndex(
            model_name="program",
            index=models.Index(fields=["pain_rise"], name="program_pain_rise_idx"),
        ),
        migrations.AddIndex(
            model_name="program",
            index=models.Index(fields=["last_spread_on"], name="program_last_spread_idx"),
        ),
        migrations.AddIndex(
            model_name="program",
            index=models.Index(fields=["silent_since"], name="program_silent_since_idx"),
        ),
    ]
