"""What the follow-along timer does with a prescription, as a list of timed phases.

`plan_for(item)` turns one prescribed item into the phases the patient's timer steps through;
`dose_problems(item)` says, in the therapist's words, where a dose cannot be followed by the
timer or goes against the exercise's method. The builder shows those lines beside the item
(publishing is not blocked); the portal's timer (static/js/follow.js) only plays the phases.

The rules:

- Holds: each repetition is move into position, hold for the prescribed seconds, release. A rest
  (the dose's rest, or "rest 10 s" written in the tempo) comes between the holds of one side.
- Active Isolated Stretching (Aaron Mattes' method): each repetition is move with your own
  muscles (about 2 s), a gentle assist of at most 2 s while breathing out, return (about 2 s).
  The assist is never longer than 2 s, whatever the dose says; a longer hold is flagged.
- Repetitions without a hold: move and return, at the tempo's seconds ("3 s each way",
  "about 3 s down, 2 s up"), 2 s each way when the tempo gives no time.
- Timed activities (a walk): one phase of the prescribed minutes, shown as minutes and seconds.
- Screen readers hear each phase once, except the short steps inside a repetition (an AIS
  assist and return): one announcement a repetition, not one every 2 seconds.
- Sides: "both" runs every repetition on side 1, a short switch, then side 2; "alternate"
  runs each repetition right then left. Sets are separated by a rest of at least 30 s.
- Done means done: the exercise's own phases (moving, holding, assisting, returning, the walk)
  are its work; "Get ready", rests and switching sides are not. A patient who skips part of the
  work has not done the exercise, so the timer does not tick it done for today; skipping a rest
  or the countdown still counts.

Pure Python: items are a published snapshot's dicts or the builder's `ProgramItem` rows.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext as _

AIS_CATEGORY = "ais_stretch"
AIS_ASSIST_MAX_S = 2
AIS_MOVE_S = 2
AIS_DEFAULT_REPS = 10
HOLD_MOVE_S = 3
REPS_MOVE_S = 2
READY_S = 5
SWITCH_SIDES_S = 5
REST_BETWEEN_SETS_S = 30
ANNOUNCE_MIN_S = 5  # a step inside a repetition shorter than this is beeped, not announced
TEMPO_MAX_S = 15  # a "movement" slower than this is a hold, not a tempo
# Phases that are not the exercise itself: skipping one still leaves the exercise done.
PAUSE_KINDS = frozenset({"ready", "rest", "switch"})


@dataclass(frozen=True)
class Phase:
    kind: str  # ready | move | hold | assist | return | rest | switch | work
    label: str
    seconds: int
    cue: str = ""
    say: str = ""
    rep: int = 0
    reps: int = 0
    side: str = ""
    set: int = 0
    sets: int = 0
    # Told to screen readers: every phase except the short steps inside a repetition without a
    # hold (an AIS assist and return, the return of a quick repetition): the beeps mark those.
    announce: bool = True

    @property
    def work(self) -> bool:
        """Part of the exercise itself: skipping it means the exercise was not done."""
        return self.kind not in PAUSE_KINDS

    def as_dict(self) -> dict:
        return {**asdict(self), "work": self.work}


@dataclass(frozen=True)
class Tempo:
    """The seconds a free-text tempo states; None where it states none."""

    out_s: int | None = None
    back_s: int | None = None
    assist_s: int | None = None
    hold_s: int | None = None
    rest_s: int | None = None
    unreadable: bool = False


_SECONDS = r"(\d+)\s*(?:s|secs?|seconds?)\b"
_ABOUT = r"(?:for\s+|up\s+to\s+|about\s+|around\s+|~\s*)*"
_REST = re.compile(r"\brest(?:ing)?\s+" + _ABOUT + _SECONDS, re.I)
_ASSIST = re.compile(r"\bassist\w*\s+" + _ABOUT + _SECONDS, re.I)
_HOLD = re.compile(r"\b(?:hold|pause)\w*\s+" + _ABOUT + _SECONDS, re.I)
_EACH_WAY = re.compile(_SECONDS + r"\s+(?:each|either|both)\s+ways?", re.I)
_ANY = re.compile(_SECONDS, re.I)


def parse_tempo(text: str) -> Tempo:
    """Read the seconds out of a tempo such as "3 s each way", "About 3 s down, 2 s up",
    "Move in about 2 s, assist up to 2 s, return about 2 s" or "... rest 10 s"."""
    text = text or ""
    found: dict[str, Any] = {}
    for name, pattern in (("rest_s", _REST), ("assist_s", _ASSIST), ("hold_s", _HOLD)):
        match = pattern.search(text)
        if match:
            found[name] = int(match.group(1))
            text = text[: match.start()] + " " + text[match.end() :]
    each_way = _EACH_WAY.search(text)
    if each_way:
        seconds = int(each_way.group(1))
        found["out_s"] = found["back_s"] = seconds
        text = text[: each_way.start()] + " " + text[each_way.end() :]
        if _ANY.search(text):
            found["unreadable"] = True
    else:
        numbers = [int(n) for n in _ANY.findall(text)]
        if len(numbers) == 1:
            found["out_s"] = found["back_s"] = numbers[0]
        elif len(numbers) == 2:
            found["out_s"], found["back_s"] = numbers
        elif len(numbers) > 2:
            found["unreadable"] = True
    for name in ("out_s", "back_s"):
        if found.get(name) is not None and not 1 <= found[name] <= TEMPO_MAX_S:
            found["unreadable"] = True
            found[name] = None
    return Tempo(**found)


# --- reading an item, whether a snapshot dict or a ProgramItem --------------------------------


def _get(obj, name: str, default=None):
    if obj is None:
        return default
    value = obj.get(name, default) if isinstance(obj, Mapping) else getattr(obj, name, default)
    return default if value is None else value


def _exercise(item):
    return _get(item, "exercise")


def mode_of(item) -> str:
    """ais, duration, hold or reps: how the timer follows this item."""
    if _get(_exercise(item), "category", "") == AIS_CATEGORY:
        return "ais"
    if _get(item, "duration_min"):
        return "duration"
    if _get(item, "hold_s"):
        return "hold"
    return "reps"


def _rest_s(item, tempo: Tempo) -> int:
    return int(_get(item, "rest_s") or tempo.rest_s or _get(_exercise(item), "rest_s") or 0)


def reps_of(item, mode: str) -> int:
    reps = _get(item, "reps")
    if reps:
        return int(reps)
    return AIS_DEFAULT_REPS if mode == "ais" else 1


def _sides(side: str) -> list[str]:
    if side == "both":
        return [_("Side 1 of 2"), _("Side 2 of 2")]
    if side == "left":
        return [_("Left")]
    if side == "right":
        return [_("Right")]
    return [""]


def _reads_english() -> bool:
    return (get_language() or "en").split("-")[0] == "en"


def _rep_phases(item, mode: str, tempo: Tempo) -> list[Phase]:
    """One repetition, without its numbering (added by plan_for)."""
    if mode == "ais":
        # The muscle's name is stored in English only: other languages get the general cue.
        agonist = _get(_exercise(item), "agonist", "") if _reads_english() else ""
        assist = ais_assist_s(item)
        return [
            Phase(
                "move",
                _("Move into the stretch"),
                tempo.out_s or AIS_MOVE_S,
                cue=(
                    _("Tighten the %(muscle)s to move. Breathe out.") % {"muscle": agonist}
                    if agonist
                    else _("Use your own muscles to move. Breathe out.")
                ),
                say=_("Move into the stretch"),
            ),
            Phase(
                "assist",
                _("Assist gently, breathe out — %(n)s s") % {"n": assist},
                assist,
                cue=_("A light extra stretch with the rope or your hands. Never pain."),
                say=_("Assist gently, breathe out"),
            ),
            Phase(
                "return",
                _("Return and relax"),
                tempo.back_s or AIS_MOVE_S,
                cue=_("Come back to the start. Breathe in."),
                say=_("Return and relax"),
            ),
        ]
    if mode == "hold":
        hold = int(_get(item, "hold_s"))
        return [
            Phase(
                "move",
                _("Get into position"),
                tempo.out_s or HOLD_MOVE_S,
                cue=_("Move slowly, within comfort."),
                say=_("Get into position"),
            ),
            Phase(
                "hold",
                _("Hold"),
                hold,
                cue=_("Keep breathing."),
                say=_("Hold for %(n)s seconds") % {"n": hold},
            ),
            Phase(
                "return",
                _("Release and relax"),
                tempo.back_s or HOLD_MOVE_S,
                cue=_("Come back slowly."),
                say=_("Release"),
            ),
        ]
    out_s = tempo.out_s or REPS_MOVE_S
    back_s = tempo.back_s or REPS_MOVE_S
    return [
        Phase(
            "move",
            _("Move — %(n)s s") % {"n": out_s},
            out_s,
            cue=_("Slowly and smoothly, within comfort."),
            say=_("Move"),
        ),
        Phase(
            "return",
            _("Return — %(n)s s") % {"n": back_s},
            back_s,
            cue=_("Come back slowly."),
            say=_("Return"),
        ),
    ]


def ais_assist_s(item) -> int:
    tempo = parse_tempo(_get(item, "tempo", ""))
    asked = [s for s in (_get(item, "hold_s"), tempo.assist_s) if s]
    return min([AIS_ASSIST_MAX_S, *asked])


def plan_for(item) -> list[Phase]:
    """Every phase the timer runs for one item, in order, starting with "Get ready"."""
    mode = mode_of(item)
    tempo = parse_tempo(_get(item, "tempo", ""))
    sets = max(1, int(_get(item, "sets") or 1))
    side = _get(item, "side", "na")
    rest = _rest_s(item, tempo)
    set_rest = max(rest, REST_BETWEEN_SETS_S)
    sides = [""] if mode == "duration" else _sides(side)
    phases = [
        Phase(
            "ready",
            _("Get ready"),
            READY_S,
            cue=(
                _("Get into the start position. Start with your tighter side.")
                if side == "both" and mode != "duration"
                else _("Get into the start position.")
            ),
            say=_("Get ready"),
            side=sides[0],
            set=1,
            sets=sets,
        )
    ]
    for set_no in range(1, sets + 1):
        if mode == "duration":
            minutes = int(_get(item, "duration_min"))
            phases.append(
                Phase(
                    "work",
                    _("Keep going"),
                    minutes * 60,
                    cue=_(
                        "A steady, comfortable pace. Stop if your symptoms spread down your leg."
                    ),
                    say=_("Go. %(n)s minutes") % {"n": minutes},
                    set=set_no,
                    sets=sets,
                )
            )
        else:
            reps = reps_of(item, mode)
            for index, side_name in enumerate(sides):
                for rep in range(1, reps + 1):
                    turns = [_("Right"), _("Left")] if side == "alternate" else [side_name]
                    for turn in turns:
                        for i, phase in enumerate(_rep_phases(item, mode, tempo)):
                            phases.append(
                                Phase(
                                    phase.kind,
                                    phase.label,
                                    phase.seconds,
                                    cue=phase.cue,
                                    say=(
                                        _("Rep %(n)s. %(what)s") % {"n": rep, "what": phase.say}
                                        if i == 0
                                        else phase.say
                                    ),
                                    rep=rep,
                                    reps=reps,
                                    side=turn,
                                    set=set_no,
                                    sets=sets,
                                    announce=(
                                        i == 0 or mode == "hold" or phase.seconds >= ANNOUNCE_MIN_S
                                    ),
                                )
                            )
                    if mode == "hold" and rest and rep < reps:
                        phases.append(
                            Phase(
                                "rest",
                                _("Rest"),
                                rest,
                                cue=_("Relax and breathe. Next: rep %(n)s.") % {"n": rep + 1},
                                say=_("Rest"),
                                rep=rep,
                                reps=reps,
                                side=side_name,
                                set=set_no,
                                sets=sets,
                            )
                        )
                if index < len(sides) - 1:
                    phases.append(
                        Phase(
                            "switch",
                            _("Switch sides"),
                            SWITCH_SIDES_S,
                            cue=_("Get into the start position for the other side."),
                            say=_("Switch sides"),
                            side=sides[index + 1],
                            set=set_no,
                            sets=sets,
                        )
                    )
        if set_no < sets:
            phases.append(
                Phase(
                    "rest",
                    _("Rest"),
                    set_rest,
                    cue=_("Set %(n)s of %(of)s next. Relax and breathe.")
                    % {"n": set_no + 1, "of": sets},
                    say=_("Rest"),
                    side=sides[0],
                    set=set_no + 1,
                    sets=sets,
                )
            )
    return phases


def total_seconds(phases: list[Phase]) -> int:
    return sum(phase.seconds for phase in phases)


def dose_problems(item) -> list[str]:
    """What the timer cannot follow in this dose, or where it goes against the method."""
    problems = []
    mode = mode_of(item)
    tempo = parse_tempo(_get(item, "tempo", ""))
    hold_s = _get(item, "hold_s")
    reps = _get(item, "reps")
    minutes = _get(item, "duration_min")
    if mode == "ais":
        if hold_s and hold_s > AIS_ASSIST_MAX_S:
            problems.append(
                _(
                    "Active Isolated Stretching is done in repetitions with an assist of at most "
                    "%(max)s s; a %(n)s-second hold goes against the method. The timer uses a "
                    "%(max)s-second assist."
                )
                % {"max": AIS_ASSIST_MAX_S, "n": hold_s}
            )
        if tempo.assist_s and tempo.assist_s > AIS_ASSIST_MAX_S:
            problems.append(
                _(
                    "The tempo asks for a %(n)s-second assist; the method's assist is at most "
                    "%(max)s s, and the timer uses %(max)s s."
                )
                % {"max": AIS_ASSIST_MAX_S, "n": tempo.assist_s}
            )
        if minutes:
            problems.append(
                _(
                    "Active Isolated Stretching is counted in repetitions, not minutes: the "
                    "timer ignores the %(n)s minutes."
                )
                % {"n": minutes}
            )
        if not reps:
            problems.append(
                _("No repetitions given: the timer runs %(n)s.") % {"n": AIS_DEFAULT_REPS}
            )
    elif mode == "duration":
        if reps or hold_s:
            problems.append(
                _(
                    "Both minutes and repetitions or a hold: the timer follows the %(n)s "
                    "minutes only."
                )
                % {"n": minutes}
            )
    elif not reps and not hold_s:
        problems.append(
            _(
                "No repetitions, hold or minutes: the timer cannot time this and runs a single "
                "repetition."
            )
        )
    if tempo.unreadable and mode != "duration":
        problems.append(
            _(
                "The timer cannot read the times in the tempo “%(tempo)s”; it moves at its own "
                "pace. Write it like “3 s each way” or “3 s down, 2 s up”."
            )
            % {"tempo": _get(item, "tempo", "")}
        )
    if mode == "hold" and tempo.hold_s and hold_s and tempo.hold_s != hold_s:
        problems.append(
            _(
                "The tempo says hold %(tempo)s s but the dose says %(dose)s s: the timer "
                "holds %(dose)s s."
            )
            % {"tempo": tempo.hold_s, "dose": hold_s}
        )
    return problems
