"""Stored handouts are caches of the revisions: old files go, current ones and revisions stay."""

import io
import os
from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from clinic.models import ClinicProfile
from programs.handouts.keys import handout_key
from programs.handouts.pruning import prune_handouts, prune_superseded
from programs.handouts.render import render_handout
from programs.models import HandoutFile, Program, ProgramItem, ProgramRevision
from programs.services import publish_program
from tests.factories import published_program
from tests.programs.handout_samples import sample_program

pytestmark = pytest.mark.django_db


def on_disk(name: str) -> bool:
    return HandoutFile._meta.get_field("file").storage.exists(name)


def current_key(revision, paper="letter", large_print=False) -> str:
    patient = revision.program.patient
    return handout_key(
        revision=revision,
        patient=patient,
        clinic=ClinicProfile.load(),
        paper=paper,
        large_print=large_print,
        precaution_tags=patient.precaution_tags(),
    )


def stored(revision, *, key=None, paper="letter", large_print=False, days_old=0) -> HandoutFile:
    """A stored handout row and file without rendering (the pruning rules never read the PDF);
    by default under the key the revision's inputs give today."""
    key = key or current_key(revision, paper, large_print)
    handout = HandoutFile(
        revision=revision,
        key=key,
        paper=paper,
        large_print=large_print,
        size=9,
        created_at=timezone.now() - timedelta(days=days_old),
    )
    handout.file.save(f"{key}.pdf", ContentFile(b"%PDF-1.7\n"), save=False)
    handout.save()
    return handout


def names():
    return set(HandoutFile.objects.values_list("file", flat=True))


# --- after each new render ----------------------------------------------------------------------


def test_a_new_file_for_the_same_version_and_options_deletes_the_old_one_after_commit(
    patient_record, django_capture_on_commit_callbacks
):
    revision = sample_program(patient=patient_record, items=1).current_revision
    with django_capture_on_commit_callbacks(execute=True):
        old = render_handout(revision=revision)
        a4 = render_handout(revision=revision, paper="a4")
    clinic = ClinicProfile.load()
    clinic.phone = "(617) 555-0199"
    clinic.save()

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        new = render_handout(revision=revision)
    assert new.key != old.key
    # Until the new row is committed, the old one is still there to be served.
    assert on_disk(old.file.name) and HandoutFile.objects.filter(pk=old.pk).exists()

    for callback in callbacks:
        callback()
    assert not HandoutFile.objects.filter(pk=old.pk).exists()
    assert not on_disk(old.file.name)
    assert on_disk(new.file.name) and on_disk(a4.file.name)  # other options are not superseded
    assert ProgramRevision.objects.filter(pk=revision.pk).exists()  # the record stays


def test_a_render_that_finishes_late_never_deletes_a_newer_file(patient_record):
    revision = sample_program(patient=patient_record, items=1).current_revision
    older = stored(revision, key="a" * 64, days_old=1)
    newer = stored(revision, key="b" * 64)
    large = stored(revision, key="c" * 64, large_print=True, days_old=2)

    assert prune_superseded(handout=older) == 0
    assert names() == {older.file.name, newer.file.name, large.file.name}
    assert prune_superseded(handout=newer) == 1
    assert names() == {newer.file.name, large.file.name}
    assert not on_disk(older.file.name)


def test_the_new_handout_is_served_again_once_the_old_one_is_pruned(
    patient_record, django_capture_on_commit_callbacks
):
    revision = sample_program(patient=patient_record, items=1).current_revision
    with django_capture_on_commit_callbacks(execute=True):
        first = render_handout(revision=revision)
        patient = revision.program.patient
        patient.preferred_name = "Patty"
        patient.save()
        second = render_handout(revision=revision)
    assert second.key != first.key
    assert render_handout(revision=revision).pk == second.pk
    assert HandoutFile.objects.count() == 1


# --- manage.py prune_handouts -------------------------------------------------------------------


@pytest.fixture
def versions(patient_record, therapist):
    """A program with version 1 (replaced) and version 2 (current)."""
    program = published_program(patient=patient_record, items=1)
    ProgramItem.objects.filter(program=program).update(reps=15)
    publish_program(program=program, by=therapist)
    program.refresh_from_db()
    return program.revisions.get(number=1), program.current_revision


def prune(*args) -> str:
    out = io.StringIO()
    call_command("prune_handouts", *args, stdout=out)
    return out.getvalue()


def test_files_of_replaced_versions_go_after_the_retention_period(versions):
    v1, v2 = versions
    old_v1 = stored(v1, key="1" * 64, days_old=31)
    recent_v1 = stored(v1, key="2" * 64, paper="a4", days_old=5)
    old_current = stored(v2, days_old=400)

    output = prune()

    assert "Deleted 1 stored handout file(s)" in output and "1 retired" in output
    assert names() == {recent_v1.file.name, old_current.file.name}
    assert not on_disk(old_v1.file.name)
    prune("--days", "0")
    assert names() == {old_current.file.name}
    assert ProgramRevision.objects.filter(pk__in=[v1.pk, v2.pk]).count() == 2


def test_files_of_an_archived_program_or_patient_go_after_the_retention_period(
    patient_record, other_patient_record
):
    archived = published_program(patient=patient_record, items=1)
    Program.objects.filter(pk=archived.pk).update(status=Program.Status.ARCHIVED)
    gone = published_program(patient=other_patient_record, items=1)
    type(other_patient_record).objects.filter(pk=other_patient_record.pk).update(
        archived_at=timezone.now()
    )
    old_archived = stored(archived.current_revision, days_old=60)
    old_gone_patient = stored(gone.current_revision, days_old=60)
    recent_archived = stored(archived.current_revision, paper="a4", days_old=1)

    assert "2 retired" in prune()
    assert names() == {recent_archived.file.name}
    assert not on_disk(old_archived.file.name) and not on_disk(old_gone_patient.file.name)


def test_files_whose_inputs_changed_and_leftover_superseded_files_go_at_once(versions):
    _, v2 = versions
    current = stored(v2)
    superseded = stored(v2, key="d" * 64, paper="a4", days_old=3)
    newest_a4 = stored(v2, paper="a4")
    large = stored(v2, large_print=True)
    clinic = ClinicProfile.load()
    clinic.name = "Harborview Therapy & Pilates"
    clinic.save()  # every stored handout of v2 now has an outdated key...
    letter_now = stored(v2, key=current_key(v2), paper="letter")  # ...but this one, rendered since

    output = prune()

    # Superseded: the first letter and a4 files (each has a newer one); stale: the newest a4
    # and the large print, whose keys no request computes any more.
    assert "2 superseded" in output and "2 stale" in output
    assert names() == {letter_now.file.name}
    for gone in (current, superseded, newest_a4, large):
        assert not on_disk(gone.file.name)


def test_orphaned_files_go_once_no_render_can_still_be_storing_them(versions, settings):
    _, v2 = versions
    kept = stored(v2)
    folder = settings.MEDIA_ROOT / "handouts"
    old_orphan, new_orphan, not_ours = (
        folder / f"{'e' * 64}.pdf",
        folder / f"{'f' * 64}.pdf",
        folder / "README.txt",
    )
    for path in (old_orphan, new_orphan, not_ours):
        path.write_bytes(b"%PDF-1.7\n")
    two_hours_ago = (timezone.now() - timedelta(hours=2)).timestamp()
    for path in (old_orphan, not_ours):
        os.utime(path, (two_hours_ago, two_hours_ago))

    assert "1 orphan" in prune()

    assert not old_orphan.exists()
    assert new_orphan.exists() and not_ours.exists()  # a render in flight; not a handout
    assert names() == {kept.file.name} and on_disk(kept.file.name)


def test_dry_run_lists_everything_and_deletes_nothing(versions, settings):
    v1, v2 = versions
    retired = stored(v1, days_old=90)
    kept = stored(v2)
    orphan = settings.MEDIA_ROOT / "handouts" / f"{'e' * 64}.pdf"
    orphan.write_bytes(b"%PDF-1.7\n")
    long_ago = (timezone.now() - timedelta(days=2)).timestamp()
    os.utime(orphan, (long_ago, long_ago))

    output = prune("--dry-run")

    assert f"Would delete {retired.file.name} (retired, 9 bytes)" in output
    assert f"Would delete handouts/{'e' * 64}.pdf (orphan, 9 bytes)" in output
    assert "Would delete 2 stored handout file(s)" in output
    assert kept.file.name not in output
    assert names() == {retired.file.name, kept.file.name}
    assert on_disk(retired.file.name) and orphan.exists()


def test_nothing_to_prune_and_a_bad_retention(db):
    assert "Deleted 0 stored handout file(s), 0 KB." in prune()
    with pytest.raises(CommandError, match="--days"):
        prune("--days", "-1")
    assert prune_handouts().items == []
