"""Exercise library, home programs, published revisions and the patient's session logs.

A published revision is an immutable snapshot: the patient always sees exactly what was
prescribed, even if the library or the draft changes later. Nothing a program refers to can be
deleted (PROTECT); exercises and programs are archived instead.
"""

import json
import uuid
from datetime import time

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from clinic.models import Patient, TimeStampedModel, User, within
from clinic.precautions import PRECAUTION_TAGS
from clinic.screening import GAP_LABELS

# Patient precaution tags from the intake, matched by exercise contraindications. The intake
# owns the vocabulary (key, label, description); this is the same list as model choices.
PrecautionTag = models.TextChoices(
    "PrecautionTag",
    [(key.upper(), (key, label)) for key, label, _description in PRECAUTION_TAGS],
    module=__name__,
)


# --- library ----------------------------------------------------------------------------------


def _labels_matching(term: str, labels: dict[str, str]) -> list[str]:
    term = term.lower()
    return [key for key, label in labels.items() if term in key.lower() or term in label.lower()]


def _json_list_holds(field_name: str, keys: list[str]) -> Q:
    """Rows whose JSON list holds one of `keys` (portable: SQLite has no JSON containment)."""
    q = Q()
    for key in keys:
        q |= Q(**{f"{field_name}__icontains": json.dumps(key)})
    return q


class ExerciseQuerySet(models.QuerySet):
    def for_user(self, user):
        """Staff see the whole library; patients reach exercises only through their program."""
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return self

    def active(self):
        return self.filter(archived=False)

    def safe_for(self, tag: str):
        """Exercises with no hide or approval rule for this precaution tag."""
        # One subquery, so both conditions apply to the same rule: a multi-valued exclude()
        # would also drop an exercise with a caution for this tag and a hide rule for another.
        blocking = Contraindication.objects.filter(
            exercise=models.OuterRef("pk"),
            tag=tag,
            action__in=[Contraindication.Action.HIDE, Contraindication.Action.APPROVAL],
        )
        return self.exclude(models.Exists(blocking))

    def in_library_order(self):
        """Shipped exercises by their library number, then the clinic's own (unnumbered) by name."""
        return self.order_by(models.F("number").asc(nulls_last=True), "name")

    def search(self, query: str):
        """Every word must match the name, summary, muscles, equipment, region, category or a tag.

        "piriformis" finds it by muscle, "rope" by equipment ("strap" by its label), "osteoporosis"
        the exercises with a rule for that precaution. The library page's search.
        """
        from .library_data import EQUIPMENT_LABELS, JOINT_LABELS

        categories = dict(Exercise.Category.choices)
        tags = dict(PrecautionTag.choices)
        queryset = self
        for term in query.split()[:8]:
            term_q = (
                Q(name__icontains=term)
                | Q(summary__icontains=term)
                | Q(slug__icontains=term)
                | Q(target_muscles__icontains=term)
                | Q(agonist__icontains=term)
                | Q(equipment__icontains=term)
                | Q(joints__icontains=term)
                | Q(category__in=_labels_matching(term, categories))
                | _json_list_holds("equipment", _labels_matching(term, EQUIPMENT_LABELS))
                | _json_list_holds("joints", _labels_matching(term, JOINT_LABELS))
            )
            tag_rules = Contraindication.objects.filter(exercise=models.OuterRef("pk")).filter(
                Q(tag__in=_labels_matching(term, tags)) | Q(tag__icontains=term)
            )
            queryset = queryset.filter(term_q | models.Exists(tag_rules))
        return queryset

    def quick_search(self, query: str):
        """The phrase as typed in the name, muscles, summary or slug: the builder's search box.

        Narrower than `search` (no word splitting, labels or precaution tags).
        """
        return self.filter(
            Q(name__icontains=query)
            | Q(target_muscles__icontains=query)
            | Q(summary__icontains=query)
            | Q(slug__icontains=query)
        )

    def in_region(self, joint: str):
        """Exercises for this body region (a key of the library's joint labels)."""
        return self.filter(_json_list_holds("joints", [joint]))

    def using_equipment(self, equipment: str):
        """Exercises that use this piece of equipment (a key of the equipment labels)."""
        return self.filter(_json_list_holds("equipment", [equipment]))


class Exercise(TimeStampedModel):
    """One exercise of the library: shipped by Restore or owned by the clinic."""

    class Category(models.TextChoices):
        AIS_STRETCH = "ais_stretch", _("AIS stretch")
        STABILISATION = "stabilisation", _("Stabilisation")
        MOBILITY = "mobility", _("Mobility")
        NEURAL = "neural", _("Nerve mobility")
        MCKENZIE = "mckenzie", _("Directional (McKenzie-style)")
        FUNCTIONAL = "functional", _("Functional")
        AQUATIC = "aquatic", _("Aquatic")
        AEROBIC = "aerobic", _("Aerobic")

    class Source(models.TextChoices):
        LIBRARY = "library", _("Restore library")
        CLINIC = "clinic", _("Clinic's own")

    slug = models.SlugField(max_length=80, unique=True)
    name = models.CharField(max_length=120)
    number = models.PositiveSmallIntegerField(null=True, blank=True, help_text="Library number.")
    category = models.CharField(max_length=20, choices=Category.choices)
    summary = models.CharField(max_length=240, blank=True)
    target_muscles = models.JSONField(default=list, blank=True)
    joints = models.JSONField(default=list, blank=True)
    equipment = models.JSONField(default=list, blank=True)
    start_position = models.TextField(blank=True)
    steps = models.JSONField(default=list, blank=True)
    agonist = models.CharField("muscle you contract", max_length=160, blank=True)
    sets = models.PositiveSmallIntegerField(default=1)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_s = models.PositiveSmallIntegerField("hold (seconds)", null=True, blank=True)
    rest_s = models.PositiveSmallIntegerField("rest (seconds)", null=True, blank=True)
    duration_min = models.PositiveSmallIntegerField("duration (minutes)", null=True, blank=True)
    times_per_day = models.PositiveSmallIntegerField(default=1)
    days_per_week = models.PositiveSmallIntegerField(default=7)
    per_side = models.BooleanField(default=False)
    tempo = models.CharField(max_length=160, blank=True)
    cues = models.JSONField(default=list, blank=True)
    stop_rules = models.JSONField(default=list, blank=True)
    precaution_notes = models.TextField(blank=True)
    evidence_note = models.TextField(blank=True)
    figure = models.JSONField(default=dict, blank=True, help_text="Pose description for pictures.")
    photo = models.ImageField(upload_to="exercises/", blank=True)
    video_url = models.URLField(blank=True)
    progressions = models.ManyToManyField(
        "self", symmetrical=False, blank=True, related_name="regressions"
    )
    source = models.CharField(max_length=10, choices=Source.choices, default=Source.CLINIC)
    # Hash of the shipped content when last loaded: if the row still matches it, the clinic has
    # not edited the exercise, so `load_library` may update it.
    library_hash = models.CharField(max_length=64, blank=True)
    archived = models.BooleanField(default=False)

    objects = ExerciseQuerySet.as_manager()

    class Meta:
        ordering = ["number", "name"]
        indexes = [models.Index(fields=["category", "archived"], name="exercise_category_idx")]
        constraints = [
            models.CheckConstraint(name="exercise_sets_positive", condition=Q(sets__gte=1)),
            models.CheckConstraint(
                name="exercise_days_per_week_1_7",
                condition=Q(days_per_week__gte=1) & Q(days_per_week__lte=7),
            ),
            models.CheckConstraint(
                name="exercise_times_per_day_1_12",
                condition=Q(times_per_day__gte=1) & Q(times_per_day__lte=12),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:exercise-detail", kwargs={"slug": self.slug})


class Contraindication(models.Model):
    """An exercise's rule for one patient precaution tag."""

    class Action(models.TextChoices):
        HIDE = "hide", _("Hide unless approved")
        APPROVAL = "approval", _("Needs clinician approval")
        CAUTION = "caution", _("Caution")

    exercise = models.ForeignKey(
        Exercise, on_delete=models.CASCADE, related_name="contraindications"
    )
    tag = models.CharField(max_length=32, choices=PrecautionTag.choices)
    action = models.CharField(max_length=10, choices=Action.choices)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["tag"]
        constraints = [
            models.UniqueConstraint(fields=["exercise", "tag"], name="contraindication_unique_tag"),
        ]

    def __str__(self):
        return f"{self.exercise}: {self.get_action_display()} for {self.get_tag_display()}"


# --- dosage shared by template items and program items ---------------------------------------


class Side(models.TextChoices):
    LEFT = "left", "Left"
    RIGHT = "right", "Right"
    BOTH = "both", "Both sides"
    ALTERNATE = "alternate", "Alternate sides"
    NA = "na", "Not sided"


class DoseFields(models.Model):
    """Dosage columns shared by protocol-template items and program items."""

    order = models.PositiveIntegerField(default=0)
    sets = models.PositiveSmallIntegerField(default=1)
    reps = models.PositiveSmallIntegerField(null=True, blank=True)
    hold_s = models.PositiveSmallIntegerField("hold (seconds)", null=True, blank=True)
    duration_min = models.PositiveSmallIntegerField("minutes", null=True, blank=True)
    side = models.CharField(max_length=10, choices=Side.choices, default=Side.BOTH)
    times_per_day = models.PositiveSmallIntegerField(default=1)
    days_per_week = models.PositiveSmallIntegerField(default=7)
    tempo = models.CharField("tempo or breathing cue", max_length=160, blank=True)
    note = models.TextField("note for the patient", blank=True)

    class Meta:
        abstract = True

    def apply_exercise_defaults(self, exercise: Exercise) -> None:
        self.sets = exercise.sets
        self.reps = exercise.reps
        self.hold_s = exercise.hold_s
        self.duration_min = exercise.duration_min
        self.side = Side.BOTH if exercise.per_side else Side.NA
        self.times_per_day = exercise.times_per_day
        self.days_per_week = exercise.days_per_week
        self.tempo = exercise.tempo


# What a template or program item prescribes: the columns above, less its place in the list.
DOSE_FIELDS = (
    "sets",
    "reps",
    "hold_s",
    "duration_min",
    "side",
    "times_per_day",
    "days_per_week",
    "tempo",
    "note",
)


def dose_constraints(prefix: str) -> list[models.CheckConstraint]:
    return [
        models.CheckConstraint(
            name=f"{prefix}_sets_1_20", condition=Q(sets__gte=1) & Q(sets__lte=20)
        ),
        models.CheckConstraint(
            name=f"{prefix}_reps_max_100", condition=Q(reps__isnull=True) | Q(reps__lte=100)
        ),
        models.CheckConstraint(
            name=f"{prefix}_hold_max_600", condition=Q(hold_s__isnull=True) | Q(hold_s__lte=600)
        ),
        models.CheckConstraint(
            name=f"{prefix}_times_per_day_1_12",
            condition=Q(times_per_day__gte=1) & Q(times_per_day__lte=12),
        ),
        models.CheckConstraint(
            name=f"{prefix}_days_per_week_1_7",
            condition=Q(days_per_week__gte=1) & Q(days_per_week__lte=7),
        ),
    ]


# --- protocol templates -----------------------------------------------------------------------


class ProtocolTemplateQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_clinic_staff:
            return self.none()
        return self

    def active(self):
        return self.filter(archived=False)


class ProtocolTemplate(TimeStampedModel):
    """A clinic template a program can start from."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    name = models.CharField(max_length=120, unique=True)
    description = models.TextField(blank=True)
    goals = models.TextField(blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    archived = models.BooleanField(default=False)

    objects = ProtocolTemplateQuerySet.as_manager()

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("programs:template-detail", kwargs={"uuid": self.uuid})


class TemplateItem(DoseFields):
    template = models.ForeignKey(ProtocolTemplate, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["order", "id"]
        constraints = dose_constraints("templateitem")

    def __str__(self):
        return f"{self.template}: {self.exercise}"


# --- home programs ----------------------------------------------------------------------------


class ProgramQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return self
        if user.role == User.Role.PATIENT:
            # Patients reach only their own programs, only once something is published, and
            # no longer once it is archived: its pages, handouts and pictures are then a 404
            # like any other (revisions and handout files are scoped through this).
            return self.filter(patient__user=user, current_revision__isnull=False).exclude(
                status=Program.Status.ARCHIVED
            )
        return self.none()

    def published(self):
        return self.filter(status=Program.Status.PUBLISHED)

    def active(self):
        return self.exclude(status=Program.Status.ARCHIVED)

    def with_summary(self):
        """What a list of programs shows: the patient's version, who edited last, item count."""
        return self.select_related("current_revision", "therapist", "updated_by").annotate(
            item_count=models.Count("items")
        )


class Program(TimeStampedModel):
    """A patient's home program. Edited as a draft; the patient sees its published revision."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="programs")
    therapist = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="programs"
    )
    title = models.CharField(max_length=160)
    goals = models.TextField(blank=True)
    notes = models.TextField("general notes", blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.DRAFT)
    start_date = models.DateField(default=timezone.localdate)
    review_date = models.DateField(null=True, blank=True)
    template = models.ForeignKey(
        ProtocolTemplate, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Optimistic lock: every saved change to the draft bumps it; a stale form is refused.
    version = models.PositiveIntegerField(default=1)
    # Who saved the last change (with updated_at): named when another user's save is refused.
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # True when the draft differs from the latest published revision.
    has_unpublished_changes = models.BooleanField(default=True)
    current_revision = models.ForeignKey(
        "ProgramRevision", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    # Check-in summary: what the dashboard's alerts read instead of every program's logs.
    # Derived from the session logs, the first revision and the start date by
    # services.refresh_checkin_summary(), in the transaction of every change to those; never
    # edited by hand (see programs/adherence.py for the rules).
    first_published_at = models.DateTimeField(null=True, editable=False)
    first_log_on = models.DateField(null=True, editable=False)
    first_back_pain = models.PositiveSmallIntegerField(null=True, editable=False)
    first_leg_pain = models.PositiveSmallIntegerField(null=True, editable=False)
    last_log_on = models.DateField(null=True, editable=False)
    last_back_pain = models.PositiveSmallIntegerField(null=True, editable=False)
    last_leg_pain = models.PositiveSmallIntegerField(null=True, editable=False)
    # The latest log saying the leg symptoms moved further down.
    last_spread_on = models.DateField(null=True, editable=False)
    # The larger of the back and leg rise from the first log to the last; null until two days
    # are logged.
    pain_rise = models.SmallIntegerField(null=True, editable=False)
    # The last log, or the day before the program start: silence is counted from it.
    silent_since = models.DateField(null=True, editable=False)

    objects = ProgramQuerySet.as_manager()

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [
            models.Index(fields=["patient", "status"], name="program_patient_idx"),
            # One per dashboard alert list, in the list's order to the last key (ties go to
            # the older program): a list reads the rows it shows and stops.
            models.Index(fields=["-pain_rise", "id"], name="program_pain_rise_idx"),
            models.Index(fields=["-last_spread_on", "id"], name="program_last_spread_idx"),
            models.Index(fields=["silent_since", "id"], name="program_silent_since_idx"),
        ]

    def __str__(self):
        return f"{self.title} ({self.patient})"

    def get_absolute_url(self):
        return reverse("programs:program-detail", kwargs={"uuid": self.uuid})

    @property
    def is_archived(self) -> bool:
        return self.status == self.Status.ARCHIVED


class ProgramItem(DoseFields):
    """One exercise in a program's working draft."""

    program = models.ForeignKey(Program, on_delete=models.CASCADE, related_name="items")
    exercise = models.ForeignKey(Exercise, on_delete=models.PROTECT, related_name="program_items")
    override_reason = models.TextField(
        blank=True, help_text="Why a hidden (contraindicated) exercise is prescribed anyway."
    )
    override_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["order", "id"]
        constraints = dose_constraints("programitem")

    def __str__(self):
        return f"{self.exercise} in {self.program.title}"


class ProgramRevisionQuerySet(models.QuerySet):
    def for_user(self, user):
        programs = Program.objects.for_user(user)
        qs = within(self, "program", programs)
        if user.is_authenticated and user.role == User.Role.PATIENT:
            # Older revisions are not shown to the patient: only the current one.
            qs = qs.filter(program__current_revision=models.F("pk"))
        return qs


class ProgramRevision(models.Model):
    """An immutable, published snapshot of a program (items, dose, notes, exercise text).

    `snapshot` holds everything a patient page or handout needs, so neither reads the library
    or the draft: {"title", "goals", "notes", "start_date", "review_date", "therapist",
    "items": [{"exercise": {...library fields...}, "sets", "reps", ..., "note",
    "override_reason"}]}.
    """

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="revisions")
    number = models.PositiveIntegerField()
    published_at = models.DateTimeField(default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    snapshot = models.JSONField()
    changes = models.JSONField(default=list, blank=True, help_text="What changed since the last.")
    content_hash = models.CharField(max_length=64)
    # Published without a current red-flag screen or home-program consent (clinic/screening.py):
    # what was missing and the publishing clinician's written reason.
    screening_gap = models.CharField(max_length=16, blank=True)
    screening_override_reason = models.TextField(blank=True)

    objects = ProgramRevisionQuerySet.as_manager()

    class Meta:
        ordering = ["program", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["program", "number"], name="revision_unique_number"),
            models.CheckConstraint(name="revision_number_positive", condition=Q(number__gte=1)),
        ]

    def __str__(self):
        return f"{self.program.title}, version {self.number}"

    def get_absolute_url(self):
        return reverse("programs:revision-detail", kwargs={"uuid": self.uuid})

    @property
    def items(self) -> list[dict]:
        return self.snapshot.get("items", [])

    @property
    def screening_gap_label(self) -> str:
        return GAP_LABELS.get(self.screening_gap, self.screening_gap)


# --- session logs -----------------------------------------------------------------------------


class SessionLogQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return self
        if user.role == User.Role.PATIENT:
            return self.filter(patient__user=user)
        return self.none()


class SessionLog(TimeStampedModel):
    """The patient's record of one home session. A second session on one day is its own log;
    a log for yesterday or the day before is marked late (`late`, and `created_at` says when it
    was made). `client_uuid`, chosen by the browser, makes a resent log (an offline queue
    replayed) land once."""

    class LegSymptoms(models.TextChoices):
        FURTHER_DOWN = "further_down", _("Moved further down the leg")
        MOVED_UP = "moved_up", _("Moved up toward the back")
        SAME = "same", _("Stayed the same")
        NONE = "none", _("No leg symptoms")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.ForeignKey(Patient, on_delete=models.PROTECT, related_name="session_logs")
    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="session_logs")
    revision = models.ForeignKey(ProgramRevision, on_delete=models.PROTECT, related_name="+")
    date = models.DateField(default=timezone.localdate)
    # Indexes into revision.snapshot["items"] that the patient did.
    exercises_done = models.JSONField(default=list, blank=True)
    back_pain = models.PositiveSmallIntegerField()
    leg_pain = models.PositiveSmallIntegerField()
    leg_symptoms = models.CharField(max_length=16, choices=LegSymptoms.choices)
    comment = models.TextField(blank=True)
    late = models.BooleanField(default=False, help_text="Logged on a later day than `date`.")
    client_uuid = models.UUIDField(null=True, blank=True, editable=False)

    objects = SessionLogQuerySet.as_manager()

    class Meta:
        ordering = ["-date", "-id"]
        indexes = [
            models.Index(fields=["patient", "-date"], name="sessionlog_patient_idx"),
            models.Index(fields=["program", "date"], name="sessionlog_program_day_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["patient", "client_uuid"], name="sessionlog_client_uuid_once"
            ),
            models.CheckConstraint(
                name="sessionlog_back_pain_0_10", condition=Q(back_pain__lte=10)
            ),
            models.CheckConstraint(name="sessionlog_leg_pain_0_10", condition=Q(leg_pain__lte=10)),
        ]

    def __str__(self):
        return f"Session log {self.date} for {self.patient}"


# --- handouts ---------------------------------------------------------------------------------


class HandoutFileQuerySet(models.QuerySet):
    def for_user(self, user):
        return self.filter(revision__in=ProgramRevision.objects.for_user(user))


class HandoutFile(models.Model):
    """A rendered PDF handout of one revision, stored once and served again while it is current.

    `key` is a SHA-256 of everything the PDF depends on (revision content, patient name and
    cautions, clinic details and logo, options, template and library versions); a change to any
    of them gives a new key, so an old file is never asked for again and is pruned
    (programs/handouts/pruning.py). Files live in private storage under handouts/ and are only
    ever served through a view that checks access.
    """

    class Paper(models.TextChoices):
        LETTER = "letter", _("US Letter")
        A4 = "a4", "A4"

    revision = models.ForeignKey(ProgramRevision, on_delete=models.PROTECT, related_name="handouts")
    key = models.CharField(max_length=64, unique=True)
    paper = models.CharField(max_length=6, choices=Paper.choices, default=Paper.LETTER)
    large_print = models.BooleanField(default=False)
    # The patient's language with English beside it (for a family member or an interpreter).
    bilingual = models.BooleanField(default=False)
    file = models.FileField(upload_to="handouts/")
    size = models.PositiveIntegerField(help_text="Bytes.")
    pages = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    objects = HandoutFileQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="handoutfile_paper_valid", condition=Q(paper__in=["letter", "a4"])
            ),
        ]

    def __str__(self):
        return f"Handout of {self.revision} ({self.get_paper_display()})"


# --- exercise reminders -----------------------------------------------------------------------


def clinic_time_zone() -> str:
    return settings.TIME_ZONE


class ReminderPlanQuerySet(models.QuerySet):
    def for_user(self, user):
        if not user.is_authenticated or not user.is_active:
            return self.none()
        if user.is_clinic_staff:
            return self
        if user.role == User.Role.PATIENT:
            return self.filter(patient__user=user)
        return self.none()

    def not_stopped(self):
        return self.exclude(status=ReminderPlan.Status.STOPPED)


class ReminderPlan(TimeStampedModel):
    """When the patient wants an email reminding them to do their home exercises: the days of
    the week and the time, in their own time zone. One per patient; the patient sets it in the
    portal, pauses it for a while or stops it (also with one click from any reminder)."""

    class Status(models.TextChoices):
        ACTIVE = "active", _("On")
        PAUSED = "paused", _("Paused")
        STOPPED = "stopped", _("Stopped")

    # Bit n of `days` is weekday n (Monday = 0, as date.weekday()); the iCalendar names.
    WEEKDAY_CODES = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
    ALL_DAYS = 0b1111111

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    patient = models.OneToOneField(Patient, on_delete=models.PROTECT, related_name="reminder_plan")
    days = models.PositiveSmallIntegerField(
        default=ALL_DAYS, help_text="Days of the week: Monday = 1, Tuesday = 2, … Sunday = 64."
    )
    time_of_day = models.TimeField(default=time(9, 0))
    time_zone = models.CharField(max_length=64, default=clinic_time_zone)
    status = models.CharField(max_length=8, choices=Status.choices, default=Status.ACTIVE)
    # Paused reminders start again the day after this date, in the patient's time zone.
    paused_until = models.DateField(null=True, blank=True)

    objects = ReminderPlanQuerySet.as_manager()

    class Meta:
        ordering = ["patient__last_name", "patient__first_name", "id"]
        constraints = [
            models.CheckConstraint(
                name="reminderplan_days_1_127", condition=Q(days__gte=1) & Q(days__lte=127)
            ),
            models.CheckConstraint(
                name="reminderplan_status_valid",
                condition=Q(status__in=["active", "paused", "stopped"]),
            ),
            models.CheckConstraint(
                name="reminderplan_paused_has_date",
                condition=~Q(status="paused") | Q(paused_until__isnull=False),
            ),
        ]

    def __str__(self):
        return f"Exercise reminders for {self.patient} ({self.status})"

    @property
    def weekdays(self) -> list[int]:
        """The chosen days as date.weekday() numbers, Monday first."""
        return [day for day in range(7) if self.days & (1 << day)]

    @property
    def weekday_codes(self) -> list[str]:
        return [self.WEEKDAY_CODES[day] for day in self.weekdays]


from .daily.models import DoneTick, PlanDays, PlanMove  # noqa: E402, F401
from .exercise_translations import ExerciseTranslation  # noqa: E402, F401
from .portal_page import PortalPage  # noqa: E402, F401
from .step_back import EaseOffNotice, ItemRegression, StepBack  # noqa: E402, F401
from .videos import ExerciseVideo  # noqa: E402, F401
