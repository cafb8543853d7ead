"""The patient's program page, kept rendered per patient, revision, day and language.

The page's body (everything between the header and the footer) is the same on every view of one
day until something it shows changes, so it is rendered once and kept in the cache. What makes
it safe is the generation: one number per patient, in the database, raised in the same
transaction as every write that changes what the page shows (see `WATCHED` and the receivers
below). The program query reads it (one join, no extra query) and it is part of the cache key,
so a page rendered before a change is never found after it, whichever process rendered it and
whatever cache backend the settings use (local memory per process, or Redis).

What differs per request is never kept: the header and footer (the unread-messages badge, the
session countdown, the one-off messages after a form was sent, the language switch) are
rendered around the body on every view; inside the body, the CSRF token is kept as a
placeholder and put in per request, and the "forms to fill" card is rendered per request
(`{% per_request %}` in the template). The page has no CSP nonce of its own (its scripts are
files, not inline). The read is audited on every view, cached or not.
"""

from django.core.cache import cache
from django.db import IntegrityError, models, transaction
from django.db.models import F
from django.db.models.signals import post_delete, post_save

from clinic.models import ClinicProfile, Intake, Patient, RedFlag

# How long a rendered body is kept. The key has the day in it, so this only bounds memory.
TIMEOUT = 6 * 60 * 60
CSRF_PLACEHOLDER = "\x00portal-csrf-token\x00"


class PortalPage(models.Model):
    """A patient's page generation: raised by every write that changes their program page."""

    patient = models.OneToOneField(
        Patient, on_delete=models.CASCADE, primary_key=True, related_name="portal_page"
    )
    generation = models.PositiveBigIntegerField(default=1)

    # Bookkeeping for the page cache, not part of the patient's record (clinic.export).
    in_patient_record = False

    def __str__(self):
        return f"Program page of patient {self.patient_id}: generation {self.generation}"


def bump(patient_id: int) -> None:
    """A change to what the patient's page shows: pages kept before it are not used again."""
    if PortalPage.objects.filter(patient_id=patient_id).update(generation=F("generation") + 1):
        return
    try:
        with transaction.atomic():
            PortalPage.objects.create(patient_id=patient_id, generation=1)
    except IntegrityError:  # made at the same moment by another write: raise it past that one
        PortalPage.objects.filter(patient_id=patient_id).update(generation=F("generation") + 1)


def bump_all() -> None:
    """A change shown on every patient's page (the clinic's details, an exercise's video)."""
    PortalPage.objects.update(generation=F("generation") + 1)


def cache_key(program, *, today, language: str) -> str | None:
    """The key of the program's page today, or None when the patient has no generation yet
    (then the page is rendered and not kept)."""
    try:
        generation = program.patient.portal_page.generation
    except PortalPage.DoesNotExist:
        return None
    revision = program.current_revision
    return (
        f"portal-page:{program.patient_id}:{generation}:{program.pk}:{revision.uuid}:"
        f"{revision.content_hash}:{today.isoformat()}:{language}"
    )


def get(key: str | None) -> str | None:
    return cache.get(key) if key else None


def put(key: str | None, body: str) -> None:
    if key:
        cache.set(key, body, TIMEOUT)


# --- what the page shows, and the writes that change it ---------------------------------------


def _patient_of(instance) -> int | None:
    """The patient whose page shows this row (a row of a program: that program's patient)."""
    from programs.models import Program

    if getattr(instance, "patient_id", None) is not None:  # a program, flag, intake, notice
        return instance.patient_id
    if getattr(instance, "program_id", None) is not None:  # a log, tick, move, revision, ...
        return (
            Program.objects.filter(pk=instance.program_id)
            .values_list("patient_id", flat=True)
            .first()
        )
    return None


def _changed(sender, instance, **kwargs):
    if kwargs.get("raw"):  # loading fixtures
        return
    patient_id = _patient_of(instance)
    if patient_id is not None:
        bump(patient_id)


def _changed_for_everyone(sender, instance, **kwargs):
    if kwargs.get("raw"):
        return
    bump_all()


def _patient_saved(sender, instance, created, raw=False, **kwargs):
    if created and not raw:
        PortalPage.objects.get_or_create(patient=instance)


def watched_models():
    """The models whose rows the page shows, each with who it changes the page for."""
    from programs.models import (
        DoneTick,
        EaseOffNotice,
        ExerciseVideo,
        PlanDays,
        PlanMove,
        Program,
        ProgramRevision,
        SessionLog,
        StepBack,
    )

    per_patient = (
        Program,  # status, start date, current revision (a new revision, archiving)
        ProgramRevision,
        SessionLog,  # today's logs; the ease-off notice and step backs follow logs
        DoneTick,  # today's ticks
        PlanMove,  # "do it today instead"
        PlanDays,  # chosen weekdays
        StepBack,  # an easier exercise swapped in, and its end
        EaseOffNotice,
        RedFlag,  # the pause banner and paused cards
        Intake,  # the precaution tags behind each card's cautions
    )
    everyone = (ClinicProfile, ExerciseVideo)  # the contact card; the exercises' videos
    return per_patient, everyone


def connect() -> None:
    per_patient, everyone = watched_models()
    for model in per_patient:
        uid = f"portal_page_{model._meta.label_lower}"
        post_save.connect(_changed, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_changed, sender=model, dispatch_uid=f"{uid}_delete")
    for model in everyone:
        uid = f"portal_page_all_{model._meta.label_lower}"
        post_save.connect(_changed_for_everyone, sender=model, dispatch_uid=f"{uid}_save")
        post_delete.connect(_changed_for_everyone, sender=model, dispatch_uid=f"{uid}_delete")
    post_save.connect(_patient_saved, sender=Patient, dispatch_uid="portal_page_patient_created")
