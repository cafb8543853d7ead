"""What goes on a progress or discharge summary: plain data read from one patient's record.

`summary_content(patient=..., kind=..., by=...)` reads the record (a fixed number of queries
whatever its size) and returns a `Summary`: the patient's identity and clinic, the period
covered, each outcome measure at baseline and now with its meaningful-change verdict
(`clinic.measures.trends`, `clinic.scoring.meaningful_change`), adherence to each current home
program (days logged of days prescribed, the rules of `programs.adherence`), the current program
in one line per exercise (the published snapshot's own dose words), every red flag with the
clinician's decision, and a signature line. The objective exam and the latest progress note are
optional sections (`exam`, `progress_note`): empty until the record holds them.

Everything here is data for the template, never markup: names, notes and decisions travel as
plain strings and are escaped by the template. Long free text is shortened so that the summary
keeps to one page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass, field, replace
from datetime import date

from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from clinic import measures, redflags, scoring
from clinic.flag_states.models import RedFlagEvent
from clinic.models import ClinicProfile, Patient, RedFlag, User
from programs.adherence import adherence, prescribed_days_per_week, program_start
from programs.models import Program, SessionLog

from . import sections

PROGRESS, DISCHARGE = "progress", "discharge"
KINDS = {
    PROGRESS: gettext_lazy("Progress summary"),
    DISCHARGE: gettext_lazy("Discharge summary"),
}

# Why the episode of care ends, for the discharge line.
DISCHARGE_OUTCOMES = (
    ("goals_met", gettext_lazy("Goals met: discharged to self-management with the home program")),
    ("plateau", gettext_lazy("Progress has plateaued: discharged with the home program")),
    ("referred", gettext_lazy("Referred on for further assessment or care")),
    ("patient_choice", gettext_lazy("Discharged at the patient's request")),
    ("did_not_return", gettext_lazy("Did not return: discharged in absence")),
)

# How the change words read on paper, by `scoring` direction.
CHANGE_WORDS = {
    scoring.IMPROVED: gettext_lazy("Meaningfully better"),
    scoring.WORSE: gettext_lazy("Meaningfully worse"),
    scoring.NO_MEANINGFUL_CHANGE: gettext_lazy("No meaningful change"),
}

# The measures' short names in the footnote of meaningful-change rules, by trend key.
RULE_NAMES = {
    "nprs_back": gettext_lazy("pain (NPRS)"),
    "nprs_leg": gettext_lazy("pain (NPRS)"),
    "rmdq": gettext_lazy("Roland-Morris"),
    "odi": gettext_lazy("Oswestry"),
    "psfs": gettext_lazy("PSFS"),
    "sbi": gettext_lazy("Sciatica Bothersomeness"),
}

# Limits that keep the page to one sheet: the rest stays in the record.
FLAGS_SHOWN = 5
ITEMS_SHOWN = 8
NOTE_CHARS = 140
# A record too full for one page even a size smaller keeps this many rows per list and this
# many characters per note (Summary.trimmed).
TRIMMED_ROWS = 4
TRIMMED_CHARS = 160


@dataclass(frozen=True)
class MeasureRow:
    key: str  # the trend's key, e.g. "nprs_leg", "rmdq"
    title: str
    baseline: str
    baseline_on: date
    now: str
    now_on: date | None
    change: str  # the words, e.g. "Meaningfully better"
    direction: str  # "improved" / "worse" / "no meaningful change" / "" (no comparison)
    detail: str  # e.g. "4 points, 57 %"
    rule: str  # the measure's minimal important change, e.g. "at least 5 points or 30 %"


@dataclass(frozen=True)
class AdherenceRow:
    program: str
    start: date
    done: int
    expected: int
    percent: int | None
    first_log: str  # "back 4, leg 3 on 2 Nov" or ""
    last_log: str
    spreading: int  # logs that said the leg symptoms moved further down


@dataclass(frozen=True)
class ProgramLine:
    name: str
    dose: str


@dataclass(frozen=True)
class CurrentProgram:
    title: str
    version: int
    published_on: date
    lines: list[ProgramLine]
    more: int  # exercises not listed to keep to one page


@dataclass(frozen=True)
class FlagRow:
    tier: str
    tier_code: str
    summary: str
    raised_on: date
    open: bool
    state: str  # an open flag's referral state, e.g. "awaiting outcome", or ""
    decision: str
    decided_by: str
    decided_on: date | None
    note: str
    # An open flag's emergency referral in the record's words: who advised the patient and
    # when, how they travelled and who was called; or the advice given when they declined.
    referral: str = ""


@dataclass
class Summary:
    kind: str
    title: str
    patient: Patient
    clinic: ClinicProfile
    today: date
    period_start: date
    therapist: str
    measures: list[MeasureRow] = field(default_factory=list)
    adherence: list[AdherenceRow] = field(default_factory=list)
    programs: list[CurrentProgram] = field(default_factory=list)
    flags: list[FlagRow] = field(default_factory=list)
    flags_more: int = 0
    exam: sections.ExamChanges | None = None
    progress_note: sections.ProgressNote | None = None
    discharge_outcome: str = ""

    @property
    def is_discharge(self) -> bool:
        return self.kind == DISCHARGE

    @property
    def change_rules(self) -> list[tuple[str, str]]:
        """(measure, rule) for each measure on the page that has a minimal important change,
        in the words of `scoring.CHANGE_RULES`, once each (back and leg pain share theirs)."""
        rules: dict[str, str] = {}
        for row in self.measures:
            if row.key in RULE_NAMES:
                rules.setdefault(str(RULE_NAMES[row.key]), row.rule)
        return list(rules.items())

    def trimmed(self) -> Summary:
        """The same summary with fewer rows and shorter notes, for a record too full for one
        page even a size smaller. What is left out is counted ("and N more"), never hidden."""
        flags = [
            replace(
                flag,
                note=_short(flag.note, TRIMMED_CHARS // 2),
                referral=_short(flag.referral, TRIMMED_CHARS // 2),
            )
            for flag in self.flags[:TRIMMED_ROWS]
        ]
        programs = [
            replace(
                program,
                lines=program.lines[:TRIMMED_ROWS],
                more=program.more + len(program.lines[TRIMMED_ROWS:]),
            )
            for program in self.programs
        ]
        exam = self.exam and replace(
            self.exam,
            rows=self.exam.rows[:TRIMMED_ROWS],
            more=self.exam.more + len(self.exam.rows[TRIMMED_ROWS:]),
        )
        note = self.progress_note and replace(
            self.progress_note,
            **{
                name: _short(getattr(self.progress_note, name), TRIMMED_CHARS)
                for name in ("patient_change", "exam_change", "plan_note")
            },
        )
        return replace(
            self,
            flags=flags,
            flags_more=self.flags_more + len(self.flags[TRIMMED_ROWS:]),
            programs=programs,
            exam=exam,
            progress_note=note,
        )


def _short(text: str, chars: int) -> str:
    return Truncator(" ".join((text or "").split())).chars(chars)


def _measure_rows(trends: list[measures.Trend]) -> list[MeasureRow]:
    rows = []
    for trend in trends:
        base, latest = trend.baseline, trend.latest
        change, direction, detail = "", "", ""
        if latest is not None and latest.change is not None:
            result = latest.change
            direction = result.direction
            change = str(CHANGE_WORDS[direction])
            # The change is signed so that positive is better; printed as the size of the move.
            size = abs(result.points)
            detail = ngettext("%(points)s point", "%(points)s points", 1 if size == 1 else 2) % {
                "points": f"{size:g}"
            }
            if result.percent is not None:
                detail += f", {abs(result.percent):.0f} %"
        elif latest is not None:
            change = _("Risk group, not an outcome") if trend.key == "start_back" else ""
        rows.append(
            MeasureRow(
                key=trend.key,
                title=trend.title,
                baseline=base.text,
                baseline_on=base.day,
                now=latest.text if latest else "",
                now_on=latest.day if latest else None,
                change=change or (_("Baseline only") if latest is None else ""),
                direction=direction,
                detail=detail,
                rule=trend.rule,
            )
        )
    return rows


def _log_text(log: SessionLog | None) -> str:
    if log is None:
        return ""
    return _("back %(back)s, leg %(leg)s on %(day)s") % {
        "back": log.back_pain,
        "leg": log.leg_pain,
        "day": f"{log.date.day} {log.date:%b}",
    }


def _adherence_rows(programs: list[Program], logs: list[SessionLog], today: date):
    by_program = defaultdict(list)
    for log in logs:
        by_program[log.program_id].append(log)
    rows = []
    for program in programs:
        revision = program.current_revision
        start = program_start(
            program.start_date, program.first_published_at or revision.published_at
        )
        own = by_program[program.pk]
        result = adherence(
            done_dates={log.date for log in own if log.exercises_done},
            per_week=prescribed_days_per_week(revision.items),
            start=start,
            today=today,
            days=max(1, (today - start).days + 1),
            today_logged=any(log.date == today for log in own),
        )
        rows.append(
            AdherenceRow(
                program=program.title,
                start=start,
                done=result.done,
                expected=result.expected_days,
                percent=result.percent,
                first_log=_log_text(own[0] if own else None),
                last_log=_log_text(own[-1] if len(own) > 1 else None),
                spreading=sum(
                    1 for log in own if log.leg_symptoms == SessionLog.LegSymptoms.FURTHER_DOWN
                ),
            )
        )
    return rows


def _current_program(program: Program, *, shown: int = ITEMS_SHOWN) -> CurrentProgram:
    revision = program.current_revision
    items = revision.items
    lines = []
    for item in items[:shown]:
        name = (item.get("exercise") or {}).get("name", "")
        dose = ", ".join(
            part for part in (item.get("dose_text"), item.get("frequency_text")) if part
        )
        lines.append(ProgramLine(name=name, dose=dose))
    return CurrentProgram(
        title=program.title,
        version=revision.number,
        published_on=timezone.localdate(revision.published_at),
        lines=lines,
        more=max(0, len(items) - shown),
    )


def _referral_text(flag: RedFlag) -> str:
    """Where an open flag's emergency referral stands, from its latest referral or decline
    (``flag.events`` prefetched): "advised by …, 6 Dec 2026 14:05; ambulance; called: …", or
    "advised by …; advice given: …". Empty when the flag has neither."""
    kind = {
        RedFlag.Referral.AWAITING: RedFlagEvent.Kind.REFERRED,
        RedFlag.Referral.DECLINED: RedFlagEvent.Kind.DECLINED,
    }.get(flag.referral_state)
    events = [event for event in flag.events.all() if event.kind == kind] if kind else []
    if not events:
        return ""
    event = max(events, key=lambda e: (e.occurred_at, e.pk))
    when = timezone.localtime(event.occurred_at)
    parts = [
        _("advised by %(who)s, %(when)s")
        % {"who": event.advised_by, "when": f"{when.day} {when:%b %Y %H:%M}"}
        if event.advised_by
        else f"{when.day} {when:%b %Y %H:%M}"
    ]
    if kind == RedFlagEvent.Kind.REFERRED:
        if event.travel and event.travel != RedFlagEvent.Travel.UNKNOWN:
            parts.append(str(event.get_travel_display()).lower())
        if event.called:
            parts.append(_("called: %(who)s") % {"who": event.called})
    elif event.details:
        parts.append(_("advice given: %(advice)s") % {"advice": event.details})
    return _short("; ".join(parts), NOTE_CHARS)


def _flag_rows(flags: list[RedFlag]) -> tuple[list[FlagRow], int]:
    # The decision's words without the form's hint in brackets ("(tier S only)").
    reasons = {
        key: re.sub(r"\s*\([^)]*\)$", "", str(label)) for key, label in redflags.OVERRIDE_REASONS
    }
    # Open flags first (the reader must see them), then the most serious, then the newest.
    rank = {tier: i for i, tier in enumerate("EUS")}
    ordered = sorted(
        flags, key=lambda f: (not f.is_open, rank.get(f.tier, 9), -f.created_at.timestamp())
    )
    rows = [
        FlagRow(
            tier=flag.get_tier_display(),
            tier_code=flag.tier,
            summary=flag.summary,
            raised_on=timezone.localdate(flag.created_at),
            open=flag.is_open,
            state=str(flag.get_referral_state_display()) if flag.referral_state else "",
            decision=str(reasons.get(flag.decision_reason, flag.decision_reason)),
            decided_by=flag.decided_by.display_name if flag.decided_by else "",
            decided_on=timezone.localdate(flag.decided_at) if flag.decided_at else None,
            note=_short(flag.decision_note, NOTE_CHARS),
            referral=_referral_text(flag) if flag.is_open else "",
        )
        for flag in ordered[:FLAGS_SHOWN]
    ]
    # One referral often covers several flags of one visit: its details are given once.
    for i in range(len(rows) - 1, 0, -1):
        if rows[i].referral and rows[i].referral == rows[i - 1].referral:
            rows[i] = replace(rows[i], referral=_("the same referral as above"))
    return rows, max(0, len(ordered) - FLAGS_SHOWN)


def summary_content(
    *,
    patient: Patient,
    kind: str = PROGRESS,
    by: User | None = None,
    discharge_outcome: str = "",
    today: date | None = None,
    clinic: ClinicProfile | None = None,
) -> Summary:
    """The summary of `patient`'s episode up to `today`, signed by `by` when they are a
    therapist (otherwise by the patient's main therapist)."""
    if kind not in KINDS:
        raise ValueError(f"Unknown summary kind {kind!r}; expected one of {tuple(KINDS)}.")
    outcomes = dict(DISCHARGE_OUTCOMES)
    if discharge_outcome and discharge_outcome not in outcomes:
        raise ValueError(f"Unknown discharge outcome {discharge_outcome!r}.")
    today = today or timezone.localdate()
    clinic = clinic or ClinicProfile.load()
    intakes = list(patient.intakes.order_by("visit_date", "id"))
    patient_measures = list(patient.measures.all())
    flags = list(patient.red_flags.select_related("decided_by").prefetch_related("events"))
    programs = list(
        Program.objects.filter(patient=patient, current_revision__isnull=False)
        .exclude(status=Program.Status.ARCHIVED)
        .select_related("current_revision")
        .order_by("-current_revision__published_at", "-id")
    )
    logs = (
        list(SessionLog.objects.filter(program__in=programs).order_by("date", "id"))
        if programs
        else []
    )
    starts = [
        *(i.visit_date for i in intakes),
        *(m.taken_on for m in patient_measures),
        *(p.start_date for p in programs),
    ]
    signer = by if by is not None and by.is_therapist else patient.therapist
    exam = sections.exam_changes(patient)
    note = sections.latest_progress_note(patient)
    if note is not None:
        starts.append(note.visit_date)
    flag_rows, flags_more = _flag_rows(flags)
    return Summary(
        kind=kind,
        title=str(KINDS[kind]),
        patient=patient,
        clinic=clinic,
        today=today,
        period_start=min(starts, default=timezone.localdate(patient.created_at)),
        therapist=signer.display_name if signer else "",
        measures=_measure_rows(measures.trends(intakes=intakes, measures=patient_measures)),
        adherence=_adherence_rows(programs, logs, today),
        # The latest published program line by line; any other current one by its title.
        programs=[
            _current_program(p, shown=0 if i else ITEMS_SHOWN) for i, p in enumerate(programs)
        ],
        flags=flag_rows,
        flags_more=flags_more,
        exam=exam,
        progress_note=note,
        discharge_outcome=str(outcomes.get(discharge_outcome, "")) if kind == DISCHARGE else "",
    )
