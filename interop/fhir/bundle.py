"""The whole record as one FHIR R4 Bundle: the resources in a fixed order, empty elements removed.

Every builder writes plain dicts and may leave a value out by setting it to None, "" or []; the
bundle drops those here, because FHIR forbids empty elements. Resource ids are derived from the
rows (see ``terms.derived_id``), so exporting the same record twice gives the same ids.
"""

from __future__ import annotations

import uuid
from collections import defaultdict
from collections.abc import Callable

from django.utils import timezone

from . import careplans, documents, encounters, flags, observations, people, questionnaires, terms
from .record import PatientRecord


def prune(value):
    """A copy of ``value`` without empty elements (None, "", [] and {}), at any depth."""
    if isinstance(value, dict):
        kept = {key: prune(item) for key, item in value.items()}
        return {key: item for key, item in kept.items() if not _is_empty(item)}
    if isinstance(value, list):
        kept = [prune(item) for item in value]
        return [item for item in kept if not _is_empty(item)]
    return value


def _is_empty(value) -> bool:
    return value is None or (isinstance(value, str | list | dict) and len(value) == 0)


def record_resources(
    record: PatientRecord,
    *,
    attachment_url: Callable[[object], str] | None = None,
    digests: Callable = documents.file_digests,
) -> list[dict]:
    """Every resource of the record, Patient first. ``attachment_url(row)`` names where a
    stored file can be found (the zip's own path); without it attachments carry no URL."""
    patient = record.patient
    person = record.person
    url_of = attachment_url or (lambda row: "")
    found: list[dict] = [
        people.patient_resource(patient),
        people.organization_resource(record.clinic),
        *(people.practitioner_resource(user) for user in record.people.values()),
    ]
    changes = observations.change_index(intakes=record.intakes, measures=record.measures)

    # Questionnaires: only those the record answers.
    used = {measure.instrument for measure in record.measures}
    if record.intakes:
        found.append(questionnaires.intake_questionnaire())
    measure_forms = questionnaires.measure_questionnaires()
    found += [measure_forms[key] for key in questionnaires.MEASURE_SLUGS if key in used]

    intakes_by_id = {intake.pk: intake for intake in record.intakes}
    latest = record.intakes[-1] if record.intakes else None
    for intake in record.intakes:
        therapist = person(intake.therapist_id)
        encounter = encounters.encounter_resource(intake, therapist=therapist)
        response = questionnaires.intake_response(
            intake, author=therapist, encounter_id=encounter["id"]
        )
        found += [
            encounter,
            encounters.condition_resource(intake, therapist=therapist, current=intake is latest),
            response,
            *observations.intake_observations(
                intake, response_id=response["id"], encounter_id=encounter["id"], changes=changes
            ),
        ]

    for measure in record.measures:
        intake = intakes_by_id.get(measure.intake_id)
        encounter_id = encounters.encounter_id(intake) if intake else None
        response = questionnaires.measure_response(
            measure, author=person(measure.recorded_by_id), encounter_id=encounter_id
        )
        found += [
            response,
            *observations.measure_observations(
                measure, response_id=response["id"], encounter_id=encounter_id, changes=changes
            ),
        ]

    for flag in record.flags:
        found.append(
            flags.flag_resource(
                flag, intake=intakes_by_id.get(flag.intake_id), raised_by=person(flag.raised_by_id)
            )
        )
        found.append(flags.provenance_resource(flag, decided_by=person(flag.decided_by_id)))

    programs_by_id = {program.pk: program for program in record.programs}
    revisions_by_id = {revision.pk: revision for revision in record.revisions}
    handouts_by_revision = defaultdict(list)
    for handout in record.handouts:
        handouts_by_revision[handout.revision_id].append(handout)
    by_program = defaultdict(list)
    for revision in record.revisions:
        by_program[revision.program_id].append(revision)
    for program_id, revisions in by_program.items():
        program = programs_by_id[program_id]
        for n, revision in enumerate(revisions):
            plan_id = careplans.careplan_id(revision)
            author = person(revision.published_by_id)
            handout_docs = [
                documents.handout_document(
                    handout,
                    revision=revision,
                    careplan_id=plan_id,
                    patient=patient,
                    author=author,
                    digests=digests,
                    url=url_of(handout),
                )
                for handout in handouts_by_revision[revision.pk]
            ]
            found.append(
                careplans.careplan_resource(
                    revision,
                    program=program,
                    newer=revisions[n + 1] if n + 1 < len(revisions) else None,
                    older=revisions[n - 1] if n else None,
                    published_by=author,
                    handout_ids=[doc["id"] for doc in handout_docs],
                )
            )
            found += handout_docs

    for log in record.logs:
        revision = revisions_by_id[log.revision_id]
        found += observations.session_observations(
            log, careplan_id=careplans.careplan_id(revision), exercise_count=len(revision.items)
        )

    for report in record.reports:
        found.append(
            documents.report_document(
                report,
                intake=intakes_by_id[report.intake_id],
                uploaded_by=person(report.uploaded_by_id),
                digests=digests,
                url=url_of(report),
            )
        )
    return [prune(resource) for resource in found if resource]


def full_url(resource: dict) -> str:
    return f"{terms.base()}/{resource['resourceType']}/{resource['id']}"


def bundle(resources: list[dict], *, kind: str = "collection", self_link: str = "") -> dict:
    """A Bundle of these resources: "collection" for a download, "searchset" for the API."""
    entries = []
    for resource in resources:
        entry = {"fullUrl": full_url(resource), "resource": resource}
        if kind == "searchset":
            mode = "match" if resource["resourceType"] == "Patient" else "include"
            entry["search"] = {"mode": mode}
        entries.append(entry)
    return prune(
        {
            "resourceType": "Bundle",
            "id": str(uuid.uuid4()),
            "type": kind,
            "timestamp": timezone.now().isoformat(),
            "total": len(resources) if kind == "searchset" else None,
            "link": [{"relation": "self", "url": self_link}] if self_link else [],
            "entry": entries,
        }
    )
