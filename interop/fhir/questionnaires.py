"""Questionnaire definitions (the intake and each outcome measure) and the responses to them.

The intake's Questionnaire is generated from the intake's section forms, so a question added to
the intake appears in the export without touching this file; choice answers are coded in a local
code system as ``<linkId>.<stored value>``. The licensed instruments (Oswestry, STarT Back) are
described by their section or construct names only, never by their item wording, exactly as the
app stores them.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from django import forms

from clinic import scoring
from clinic.intake.fields import NrsField, YesNoField, is_empty, parse_date
from clinic.intake.sections import SECTIONS, BodyChartSection, PainSection, RowsSection
from clinic.models import Intake, OutcomeMeasure

from . import terms
from .people import patient_ref, practitioner_ref

INTAKE = "intake"
# One Questionnaire per outcome measure, by the app's instrument key.
MEASURE_SLUGS = {
    "nprs": "pain-ratings",
    "rmdq": "roland-morris",
    "psfs": "patient-specific-functional-scale",
    "sbi": "sciatica-bothersomeness",
    "start_back": "start-back",
    "odi": "oswestry",
}
NPRS_ITEMS = tuple(
    f"{part}_pain_{when}" for part in ("back", "leg") for when in ("now", "best", "worst", "week")
)
RMDQ_NONE_APPLY = "none-apply"
CONSENT_GROUP = "consent"


def questionnaire_id(slug: str) -> str:
    return slug


# --- definitions ------------------------------------------------------------------------------


def _questionnaire(slug: str, name: str, title: str, items: list, **extra) -> dict:
    return {
        "resourceType": "Questionnaire",
        "id": questionnaire_id(slug),
        "url": terms.questionnaire_url(slug),
        "version": "1",
        "name": name,
        "title": title,
        "status": "active",
        "subjectType": ["Patient"],
        **extra,
        "item": items,
    }


def _item(link_id: str, text: str, kind: str, **extra) -> dict:
    return {"linkId": link_id, "text": str(text), "type": kind, **extra}


def _field_type(field: forms.Field) -> str:
    if isinstance(field, YesNoField | forms.BooleanField):
        return "boolean"
    if isinstance(field, NrsField | forms.IntegerField):
        return "integer"
    if isinstance(field, forms.DecimalField | forms.FloatField):
        return "decimal"
    if isinstance(field, forms.ChoiceField):  # includes multiple choice
        return "choice"
    if isinstance(field, forms.DateField):
        return "date"
    if isinstance(field, forms.CharField) and isinstance(field.widget, forms.Textarea):
        return "text"
    return "string"


def _options(link_id: str, field: forms.ChoiceField) -> list[dict]:
    return [
        {"valueCoding": terms.local(terms.INTAKE_ANSWERS, f"{link_id}.{key}", str(label))}
        for key, label in field.choices
        if key not in ("", None)
    ]


def _field_item(link_id: str, field: forms.Field) -> dict:
    kind = _field_type(field)
    extra: dict[str, Any] = {}
    if kind == "choice":
        extra["answerOption"] = _options(link_id, field)
        extra["repeats"] = isinstance(field, forms.MultipleChoiceField)
    if isinstance(field, NrsField):
        extra["code"] = [terms.coding(terms.LOINC, terms.LOINC_PAIN_NRS, "Pain severity 0-10")]
    return _item(link_id, field.label or link_id, kind, **extra)


def _row_fields(section: type[RowsSection]):
    return [
        (name, field)
        for name, field in section.row_form.base_fields.items()
        if name not in section.row_keys
    ]


def _consent_fields():
    return [(name, Intake._meta.get_field(name)) for name in Intake.CONSENT_FIELDS]


def intake_questionnaire() -> dict:
    """The intake's Questionnaire (made once per FHIR base address; never change the result)."""
    return _intake_questionnaire(terms.base())


@cache
def _intake_questionnaire(base: str) -> dict:
    groups = []
    for section in SECTIONS:
        items = [
            _field_item(f"{section.slug}.{name}", field)
            for name, field in section.base_fields.items()
        ]
        if section is BodyChartSection:
            items.insert(0, _item(f"{section.slug}.body_chart", "Areas marked", "string"))
        if issubclass(section, RowsSection):
            link = f"{section.slug}.{section.rows_key}"
            rows = [_field_item(f"{link}.{name}", field) for name, field in _row_fields(section)]
            items.insert(0, _item(link, section.rows_title, "group", repeats=True, item=rows))
        groups.append(_item(section.slug, section.title, "group", item=items))
    consent = [
        _item(f"{CONSENT_GROUP}.{name}", str(field.verbose_name).capitalize(), "boolean")
        for name, field in _consent_fields()
    ]
    consent.append(
        _item(f"{CONSENT_GROUP}.signature_name", "Signed by (typed full name)", "string")
    )
    groups.append(_item(CONSENT_GROUP, "Consent and signature", "group", item=consent))
    return _questionnaire(
        INTAKE,
        "RestoreIntake",
        "Low-back pain and sciatica intake",
        groups,
        description=(
            "The clinic's symptom intake: reason for the visit, safety (red-flag) questions, "
            "where it hurts, pain ratings, history, medicines, scans and tests, goals, and "
            "consent. Patient-reported, recorded by the therapist."
        ),
    )


def _nprs_items() -> list[dict]:
    return [
        _item(
            name,
            PainSection.base_fields[name].label,
            "integer",
            code=[terms.coding(terms.LOINC, terms.LOINC_PAIN_NRS, "Pain severity 0-10")],
        )
        for name in NPRS_ITEMS
    ]


def measure_questionnaires() -> dict[str, dict]:
    """Each outcome measure's Questionnaire, by instrument key (made once per base address)."""
    return _measure_questionnaires(terms.base())


@cache
def _measure_questionnaires(base: str) -> dict[str, dict]:
    rmdq = [_item(str(n), text, "boolean") for n, text in enumerate(scoring.RMDQ_STATEMENTS, 1)]
    rmdq.append(_item(RMDQ_NONE_APPLY, "None of these statements applies to me today", "boolean"))
    psfs = [
        _item(
            "activity",
            "An activity you find hard or cannot do because of the problem",
            "group",
            repeats=True,
            item=[
                _item("activity.name", "Activity", "string"),
                _item(
                    "activity.rating", "How well can you do it (0 unable, 10 as before)?", "integer"
                ),
            ],
        )
    ]
    sbi = [
        _item(str(n), f"{label} (0 not bothersome to 6 extremely bothersome)", "integer")
        for n, label in enumerate(scoring.SBI_ITEMS, 1)
    ]
    start = [
        _item(str(n), f"{label} (agree)", "boolean")
        for n, label in enumerate(scoring.START_BACK_ITEMS[:8], 1)
    ]
    scale = ", ".join(
        f"{value} {label.lower()}" for value, label in scoring.START_BACK_BOTHERSOME_SCALE
    )
    start.append(_item("9", f"{scoring.START_BACK_ITEMS[8]} ({scale})", "integer"))
    odi_names = [
        name if name == modified else f"{name} (Modified ODI: {modified})"
        for name, modified in zip(scoring.ODI_SECTIONS, scoring.ODI_SECTIONS_MODIFIED, strict=True)
    ]
    odi = [
        _item(f"section-{n}", f"{name}: section score 0-5", "integer")
        for n, name in enumerate(odi_names, 1)
    ]
    return {
        "nprs": _questionnaire(
            MEASURE_SLUGS["nprs"],
            "RestorePainRatings",
            "Pain ratings (numeric pain rating scale, back and leg)",
            _nprs_items(),
            description="0 is no pain, 10 the worst pain imaginable; back and leg separately.",
        ),
        "rmdq": _questionnaire(
            MEASURE_SLUGS["rmdq"],
            "RolandMorrisDisability",
            "Roland-Morris Disability Questionnaire (RMDQ-24)",
            rmdq,
            copyright=scoring.RMDQ_ATTRIBUTION,
        ),
        "psfs": _questionnaire(
            MEASURE_SLUGS["psfs"],
            "PatientSpecificFunctionalScale",
            "Patient-Specific Functional Scale",
            psfs,
            copyright=scoring.PSFS_ATTRIBUTION,
        ),
        "sbi": _questionnaire(
            MEASURE_SLUGS["sbi"],
            "SciaticaBothersomenessIndex",
            "Sciatica Bothersomeness Index",
            sbi,
            copyright=scoring.SBI_ATTRIBUTION,
        ),
        "start_back": _questionnaire(
            MEASURE_SLUGS["start_back"],
            "KeeleStartBack",
            "Keele STarT Back Screening Tool (constructs only)",
            start,
            code=[
                terms.coding(
                    terms.LOINC, terms.LOINC_START_BACK_PANEL, "Keele STarT Back Screening Tool"
                )
            ],
            copyright=scoring.START_BACK_COPYRIGHT,
        ),
        "odi": _questionnaire(
            MEASURE_SLUGS["odi"],
            "OswestryDisabilityIndex",
            "Oswestry Disability Index (section scores only)",
            odi,
            code=[terms.coding(terms.LOINC, terms.LOINC_ODI_PANEL, "Oswestry Disability Index")],
            copyright=scoring.ODI_COPYRIGHT,
        ),
    }


# --- responses --------------------------------------------------------------------------------


def response_id(kind: str, key) -> str:
    return terms.derived_id(f"questionnaireresponse/{kind}", key)


def intake_response_id(intake: Intake) -> str:
    return response_id("intake", intake.uuid)


def measure_response_id(measure: OutcomeMeasure) -> str:
    return response_id("measure", measure.uuid)


def _answers(kind: str, link_id: str, value) -> list[dict]:
    values = value if isinstance(value, list | tuple | set) else [value]
    if kind == "boolean":
        return [{"valueBoolean": bool(value)}]
    if kind == "integer":
        return [{"valueInteger": int(value)}]
    if kind == "decimal":
        return [{"valueDecimal": float(value)}]
    if kind == "choice":
        return [
            {"valueCoding": terms.local(terms.INTAKE_ANSWERS, f"{link_id}.{v}")}
            for v in values
            if not is_empty(v)
        ]
    if kind == "date":
        day = parse_date(value)
        return [{"valueDate": day.isoformat()}] if day else [{"valueString": str(value)}]
    return [{"valueString": str(value)}]


def _answered(definition: dict, value) -> dict | None:
    if is_empty(value):
        return None
    answers = _answers(definition["type"], definition["linkId"], value)
    if definition["type"] == "choice":
        labels = {
            option["valueCoding"]["code"]: option["valueCoding"]["display"]
            for option in definition.get("answerOption", [])
        }
        for answer in answers:
            answer["valueCoding"]["display"] = labels.get(answer["valueCoding"]["code"], "")
    if not answers:
        return None
    return {"linkId": definition["linkId"], "text": definition["text"], "answer": answers}


def _group(definition: dict, children: list) -> dict | None:
    children = [child for child in children if child]
    if not children:
        return None
    return {"linkId": definition["linkId"], "text": definition["text"], "item": children}


def _by_link(items: list[dict]) -> dict[str, dict]:
    return {item["linkId"]: item for item in items}


def intake_items(intake: Intake) -> list[dict]:
    """The intake's stored answers as QuestionnaireResponse items, in the form's order."""
    groups = _by_link(intake_questionnaire()["item"])
    result = []
    for section in SECTIONS:
        group = groups[section.slug]
        definitions = _by_link(group["item"])
        values = section.stored_values(intake)
        children = []
        if section is BodyChartSection and values.get("body_chart"):
            text = section.describe("body_chart", values["body_chart"])[1]
            children.append(_answered(definitions[f"{section.slug}.body_chart"], text))
        if issubclass(section, RowsSection):
            link = f"{section.slug}.{section.rows_key}"
            row_definitions = _by_link(definitions[link]["item"])
            for row in values.get(section.rows_key) or []:
                children.append(
                    _group(
                        definitions[link],
                        [
                            _answered(row_definitions[f"{link}.{name}"], row.get(name))
                            for name, _field in _row_fields(section)
                        ],
                    )
                )
        for name in section.base_fields:
            if name in values:
                children.append(_answered(definitions[f"{section.slug}.{name}"], values[name]))
        result.append(_group(group, children))
    if intake.is_signed:
        consent = _by_link(groups[CONSENT_GROUP]["item"])
        answers = [
            _answered(consent[f"{CONSENT_GROUP}.{name}"], getattr(intake, name))
            for name, _field in _consent_fields()
        ]
        answers.append(_answered(consent[f"{CONSENT_GROUP}.signature_name"], intake.signature_name))
        result.append(_group(groups[CONSENT_GROUP], answers))
    return [group for group in result if group]


def measure_items(measure: OutcomeMeasure) -> list[dict]:
    definitions = _by_link(measure_questionnaires()[measure.instrument]["item"])
    answers = measure.answers or {}
    instrument = measure.instrument
    found: list[dict | None] = []
    if instrument == "nprs":
        for name in NPRS_ITEMS:
            part, _pain, when = name.split("_")
            found.append(_answered(definitions[name], answers.get(f"{part}_{when}")))
    elif instrument == "rmdq":
        ticked = set(answers.get("ticked") or [])
        for n in range(1, scoring.RMDQ_MAX + 1):
            found.append(_answered(definitions[str(n)], n in ticked))
        found.append(_answered(definitions[RMDQ_NONE_APPLY], bool(answers.get("none_apply"))))
    elif instrument == "psfs":
        group = definitions["activity"]
        children = _by_link(group["item"])
        for activity in answers.get("activities") or []:
            found.append(
                _group(
                    group,
                    [
                        _answered(children["activity.name"], activity.get("name")),
                        _answered(children["activity.rating"], activity.get("rating")),
                    ],
                )
            )
    elif instrument == "odi":
        for n, value in enumerate(answers.get("sections") or [], 1):
            found.append(_answered(definitions[f"section-{n}"], value))
    else:  # sbi, start_back: numbered items
        for n, value in enumerate(answers.get("items") or [], 1):
            found.append(_answered(definitions[str(n)], value))
    return [item for item in found if item]


def _response(
    *, id_: str, slug: str, status: str, patient, author, authored, encounter_id, items
) -> dict:
    return {
        "resourceType": "QuestionnaireResponse",
        "id": id_,
        "questionnaire": terms.questionnaire_url(slug),
        "status": status,
        "subject": patient_ref(patient),
        "encounter": {"reference": f"Encounter/{encounter_id}"} if encounter_id else None,
        "authored": authored.isoformat(),
        "author": practitioner_ref(author),
        # The patient answered; the therapist recorded the answers.
        "source": patient_ref(patient),
        "item": items,
    }


def intake_response(intake: Intake, *, author, encounter_id: str) -> dict:
    return _response(
        id_=intake_response_id(intake),
        slug=INTAKE,
        status="completed" if intake.is_signed else "in-progress",
        patient=intake.patient,
        author=author,
        authored=intake.signed_at or intake.updated_at,
        encounter_id=encounter_id,
        items=intake_items(intake),
    )


def measure_response(measure: OutcomeMeasure, *, author, encounter_id: str | None) -> dict:
    return _response(
        id_=measure_response_id(measure),
        slug=MEASURE_SLUGS[measure.instrument],
        status="completed",
        patient=measure.patient,
        author=author,
        authored=measure.created_at,
        encounter_id=encounter_id,
        items=measure_items(measure),
    )
