"""The demo programs show every kind of follow-along timer: a hold, an AIS stretch, a tempo read
from the dose, and a timed walk; and none of their doses is flagged in the builder."""

from demo import clinic_data as clinic_demo
from demo import program_data as demo
from programs.library import load_library
from programs.models import Program
from programs.timer_plan import dose_problems, mode_of, parse_tempo
from tests.factories import screened


def test_the_demo_programs_show_each_kind_of_timer(db):
    clinic_demo.seed_clinic()
    staff = clinic_demo.seed_staff()
    patients = clinic_demo.seed_patients(staff)
    for patient in patients.values():
        screened(patient)
    load_library()
    demo.seed(staff=staff, patients=patients)
    items = [
        item
        for program in Program.objects.exclude(current_revision=None)
        for item in program.current_revision.items
    ]
    modes = {mode_of(item) for item in items}
    assert {"hold", "ais", "reps", "duration"} <= modes
    assert any(
        mode_of(item) == "reps" and parse_tempo(item["tempo"]).out_s for item in items
    )  # a tempo the timer follows ("3 s each way")
    assert any(item.get("duration_min") == 15 for item in items)  # reads 15:00
    assert [
        (item["exercise"]["name"], dose_problems(item)) for item in items if dose_problems(item)
    ] == []
