"""Right of access (HIPAA §164.524): a patient's whole record as one zip.

The exporter does not list models. It starts at the Patient row and follows every reverse
relation (`_meta.related_objects`) to rows that belong to this patient, then their children in
turn, so a model added later with a ForeignKey to Patient (measures, handouts, ...) is exported
without touching this file. Files in FileFields of exported rows (and stored handout PDFs) are
added under `files/`.

Layout of the zip:
    record.json   {"format", "exported_at", "clinic", "patient", "records": {"app.model": [...]},
                   "files": [{"path", "model", "pk", "field"}]}
    files/<app.model>/<pk>/<name>
    README.txt    what the files are
"""

import io
import json
import zipfile
from collections import defaultdict
from pathlib import PurePosixPath

from django.apps import apps
from django.core import serializers
from django.core.exceptions import FieldError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils import timezone

from .models import AuditChainHead, AuditEvent, ClinicProfile, Patient

FORMAT = "restore-patient-record/1"
MAX_DEPTH = 4
# Not part of the patient's record: the access log is the clinic's (and has its own export).
EXCLUDED_MODELS = {AuditEvent, AuditChainHead}
# A model of another app that hangs off the patient but is bookkeeping, not their record (a page
# cache's generation counter), says so with `in_patient_record = False`.
# Never exported even if a model holds them.
EXCLUDED_FIELDS = {"password"}
# Where a HandoutFile (added by the handouts work) may hang off the patient.
HANDOUT_LOOKUPS = ("patient", "program__patient", "revision__program__patient")


def _serialise(rows: list[models.Model]) -> list[dict]:
    data = serializers.serialize("python", rows)
    for item in data:
        for name in EXCLUDED_FIELDS:
            item["fields"].pop(name, None)
    return data


def _children(model: type[models.Model], pks: list) -> dict[type[models.Model], list]:
    """Rows of other models pointing at these rows, through each reverse relation."""
    found: dict[type[models.Model], list] = {}
    for relation in model._meta.related_objects:
        related = relation.related_model
        if (
            related in EXCLUDED_MODELS
            or relation.many_to_many
            or not getattr(related, "in_patient_record", True)
        ):
            continue
        field_name = relation.field.name
        rows = list(related._default_manager.filter(**{f"{field_name}__in": pks}).order_by("pk"))
        if rows:
            found.setdefault(related, []).extend(rows)
    return found


def collect_record(patient: Patient) -> dict[type[models.Model], list[models.Model]]:
    """Every row belonging to the patient, by model, walking reverse relations breadth-first."""
    collected: dict[type[models.Model], dict] = defaultdict(dict)
    frontier: dict[type[models.Model], list] = {Patient: [patient]}
    collected[Patient][patient.pk] = patient
    for _depth in range(MAX_DEPTH):
        next_frontier: dict[type[models.Model], list] = defaultdict(list)
        for model, rows in frontier.items():
            for child_model, children in _children(model, [row.pk for row in rows]).items():
                for child in children:
                    if child.pk not in collected[child_model]:
                        collected[child_model][child.pk] = child
                        next_frontier[child_model].append(child)
        if not next_frontier:
            break
        frontier = next_frontier
    for handout in handout_files(patient):
        collected[type(handout)].setdefault(handout.pk, handout)
    return {model: list(rows.values()) for model, rows in collected.items()}


def handout_files(patient: Patient) -> list[models.Model]:
    """Stored handout PDFs, if the HandoutFile model exists in this build."""
    try:
        model = apps.get_model("programs", "HandoutFile")
    except LookupError:
        return []
    for lookup in HANDOUT_LOOKUPS:
        try:
            return list(model._default_manager.filter(**{lookup: patient}).order_by("pk"))
        except FieldError:
            continue
    return []


def _file_fields(row: models.Model):
    for field in row._meta.concrete_fields:
        if isinstance(field, models.FileField):
            value = getattr(row, field.name)
            if value:
                yield field.name, value


def build_export(*, patient: Patient) -> tuple[bytes, dict]:
    """The zip's bytes and a summary {"records": n, "files": n, "models": [...]}."""
    record = collect_record(patient)
    clinic = ClinicProfile.load()
    records = {
        model._meta.label_lower: _serialise(rows)
        for model, rows in sorted(record.items(), key=lambda item: item[0]._meta.label_lower)
        if model is not Patient
    }
    document = {
        "format": FORMAT,
        "exported_at": timezone.now(),
        "clinic": {"name": clinic.name, "address": clinic.address, "phone": clinic.phone},
        "patient": _serialise([patient])[0],
        "records": records,
    }
    buffer = io.BytesIO()
    # Which record each file in the zip belongs to, so a reader can match them up.
    document["files"] = index = []
    missing: list[str] = []
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for rows in record.values():
            for row in rows:
                for name, value in _file_fields(row):
                    arcname = (
                        f"files/{row._meta.label_lower}/{row.pk}/{PurePosixPath(value.name).name}"
                    )
                    try:
                        with value.open("rb") as handle:
                            archive.writestr(arcname, handle.read())
                    except (FileNotFoundError, OSError):
                        missing.append(value.name)
                        continue
                    index.append(
                        {
                            "path": arcname,
                            "model": row._meta.label_lower,
                            "pk": row.pk,
                            "field": name,
                        }
                    )
        archive.writestr(
            "record.json", json.dumps(document, cls=DjangoJSONEncoder, indent=2, sort_keys=True)
        )
        archive.writestr("README.txt", _readme(patient=patient, missing=missing))
    summary = {
        "records": sum(len(rows) for rows in records.values()) + 1,
        "files": len(index),
        "models": sorted(records),
    }
    return buffer.getvalue(), summary


def _readme(*, patient: Patient, missing: list[str]) -> str:
    lines = [
        f"Health record of {patient.full_name}, exported {timezone.localtime():%d %B %Y %H:%M}.",
        "",
        "record.json holds every part of the record (details, intakes, red flags, programs",
        "and each published version, session logs, measures, scan and test reports) as JSON.",
        "files/ holds the documents stored with it, such as printed handouts and the reports",
        'of scans and tests (PDF); the "files" list in record.json says which record each',
        "belongs to.",
        "This file contains health information. Keep it private.",
    ]
    if missing:
        lines += ["", "These stored files could not be read and are not included:"]
        lines += [f"  {name}" for name in missing]
    return "\n".join(lines) + "\n"
