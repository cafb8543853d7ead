import base64
import hashlib
from collections import Counter

import pytest

from clinic.models import ImagingReport
from interop import fhir
from interop.fhir import terms
from tests.interop import records
from tests.interop.fhir_checks import problems, resources


@pytest.fixture
def record(patient_record, therapist):
    return records.full_record(patient_record, therapist)


@pytest.fixture
def bundle(record):
    return fhir.patient_bundle(record)


def _of(bundle, kind):
    return [r for r in resources(bundle) if r["resourceType"] == kind]


def _coded(bundle, system, code):
    return [
        r
        for r in _of(bundle, "Observation")
        if any(c["system"] == system and c["code"] == code for c in r["code"].get("coding", []))
    ]


def test_the_whole_record_is_a_valid_bundle(bundle):
    assert bundle["type"] == "collection"
    assert problems(bundle) == []


def test_every_kind_of_record_has_its_resource(bundle):
    kinds = Counter(r["resourceType"] for r in resources(bundle))
    assert kinds["Patient"] == 1
    assert kinds["Organization"] == 1
    assert kinds["Practitioner"] == 1
    assert kinds["Encounter"] == kinds["Condition"] == 1
    assert kinds["Flag"] == kinds["Provenance"] == 1
    # three revisions (two of one program, one of the archived one)
    assert kinds["CarePlan"] == 3
    # the handout and the scan report
    assert kinds["DocumentReference"] == 2
    # the intake and the seven measures
    assert kinds["QuestionnaireResponse"] == 8
    assert kinds["Questionnaire"] == 7


def test_ids_are_the_same_in_every_export(record):
    first = {f"{r['resourceType']}/{r['id']}" for r in resources(fhir.patient_bundle(record))}
    second = {f"{r['resourceType']}/{r['id']}" for r in resources(fhir.patient_bundle(record))}
    assert first == second
    assert f"Patient/{record.uuid}" in first


def test_patient_carries_the_record_id_as_identifier(bundle, record):
    patient = _of(bundle, "Patient")[0]
    assert patient["identifier"][0] == {
        "use": "usual",
        "system": terms.patient_identifier_system(),
        "value": str(record.uuid),
    }
    assert patient["name"][0]["family"] == "Rivera"


def test_pain_ratings_use_loinc_72514_3_with_the_body_site(bundle):
    pain = _coded(bundle, terms.LOINC, "72514-3")
    # 8 intake ratings, 4 on the pain-rating measure, back and leg on each of 2 session logs
    assert len(pain) == 8 + 4 + 4
    leg = [r for r in pain if r["bodySite"].get("coding")]
    assert {c["code"] for r in leg for c in r["bodySite"]["coding"]} == {"61685007"}
    worst = next(r for r in pain if "back-pain-worst" in str(r["code"]))
    assert "effectivePeriod" in worst


def test_follow_up_scores_say_whether_the_change_is_meaningful(bundle):
    rmdq = _coded(bundle, terms.code_system(terms.MEASURES), "rmdq-score")
    assert [r["valueInteger"] for r in rmdq] == [15, 8]
    assert "interpretation" not in rmdq[0]  # the baseline
    codes = {c["code"] for c in rmdq[1]["interpretation"][0]["coding"]}
    assert codes == {"B", "improved"}  # 15 -> 8: 7 points, at least 5 points or 30 %


def test_oswestry_is_loinc_97909_6_in_percent(bundle):
    (odi,) = _coded(bundle, terms.LOINC, "97909-6")
    assert odi["valueQuantity"] == {
        "value": 37.8,
        "unit": "%",
        "system": "http://unitsofmeasure.org",
        "code": "%",
    }


def test_start_back_is_a_panel_of_total_subscore_and_risk(bundle):
    (panel,) = _coded(bundle, terms.LOINC, "91349-1")
    (total,) = _coded(bundle, terms.LOINC, "91351-7")
    (distress,) = _coded(bundle, terms.LOINC, "91350-9")
    (risk,) = _coded(bundle, terms.LOINC, "91352-5")
    assert total["valueInteger"] == 7 and distress["valueInteger"] == 4
    assert risk["valueCodeableConcept"]["coding"][0]["code"] == "LA9193-9"  # high
    members = {m["reference"] for m in panel["hasMember"]}
    assert members == {f"Observation/{o['id']}" for o in (total, distress, risk)}


def test_presenting_problem_is_a_provisional_snomed_condition(bundle):
    (condition,) = _of(bundle, "Condition")
    assert condition["code"]["coding"][0] == {
        "system": terms.SNOMED,
        "code": "10601006",
        "display": "Pain in lower limb",
    }
    assert condition["verificationStatus"]["coding"][0]["code"] == "provisional"


def test_a_decided_flag_is_inactive_with_the_decision_as_provenance(bundle):
    (flag,) = _of(bundle, "Flag")
    (provenance,) = _of(bundle, "Provenance")
    assert flag["status"] == "inactive"
    assert flag["code"]["coding"][0]["code"] == "weight_loss"
    assert provenance["target"] == [{"reference": f"Flag/{flag['id']}"}]
    assert "Seen by her physician in May." in provenance["reason"][0]["text"]


def test_care_plans_follow_the_revisions_and_the_archive(bundle):
    plans = {plan["title"]: plan for plan in _of(bundle, "CarePlan")}
    current = plans["Sciatica starter (version 2)"]
    replaced = plans["Sciatica starter (version 1)"]
    archived = plans["Last winter (version 1)"]
    assert (current["status"], replaced["status"], archived["status"]) == (
        "active",
        "revoked",
        "revoked",
    )
    assert current["replaces"] == [{"reference": f"CarePlan/{replaced['id']}"}]
    added = current["activity"][-1]["detail"]
    assert added["scheduledTiming"]["repeat"] == {"frequency": 6, "period": 1, "periodUnit": "wk"}
    assert "hold 20 s" in added["description"]
    assert {a["detail"]["status"] for a in replaced["activity"]} == {"stopped"}


def test_documents_carry_the_sha1_hash_fhir_defines_and_the_sha256(bundle, record):
    documents = {d["type"]["text"]: d for d in _of(bundle, "DocumentReference")}
    handout = documents["Home exercise program handout"]["content"][0]["attachment"]
    assert (
        handout["hash"]
        == base64.b64encode(
            hashlib.sha1(records.HANDOUT_PDF, usedforsecurity=False).digest()
        ).decode()
    )
    assert handout["extension"][0]["valueString"] == hashlib.sha256(records.HANDOUT_PDF).hexdigest()
    report = ImagingReport.objects.get(patient=record)
    (scan,) = [d for kind, d in documents.items() if kind.startswith("Report:")]
    attachment = scan["content"][0]["attachment"]
    assert attachment["extension"][0]["valueString"] == report.sha256
    assert attachment["size"] == report.size


def test_home_session_logs_are_observations_based_on_the_plan(bundle):
    symptoms = [
        r for r in _of(bundle, "Observation") if "home-session-leg-symptoms" in str(r["code"])
    ]
    assert len(symptoms) == 2
    assert symptoms[0]["basedOn"][0]["reference"].startswith("CarePlan/")


def test_an_empty_record_is_still_valid(other_patient_record):
    bundle = fhir.patient_bundle(other_patient_record)
    assert problems(bundle) == []
    assert {r["resourceType"] for r in resources(bundle)} == {
        "Patient",
        "Organization",
        "Practitioner",
    }
