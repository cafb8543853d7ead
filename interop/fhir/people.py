"""Patient, Practitioner (each member of staff) and Organization (the clinic)."""

from __future__ import annotations

from clinic.models import ClinicProfile, Patient, User

from . import terms

# Administrative gender from the sex recorded at birth; "prefer not to say" is unknown.
GENDER = {"female": "female", "male": "male", "intersex": "other", "undisclosed": "unknown"}
# Languages the clinic records by name, as BCP 47 tags; others are sent as text only.
LANGUAGE_TAGS = {
    "english": ("en", "English"),
    "spanish": ("es", "Spanish"),
    "portuguese": ("pt", "Portuguese"),
    "french": ("fr", "French"),
    "chinese": ("zh", "Chinese"),
    "vietnamese": ("vi", "Vietnamese"),
    "haitian creole": ("ht", "Haitian Creole"),
}


def patient_id(patient: Patient) -> str:
    """The patient's own UUID: the same id the clinic's pages use."""
    return str(patient.uuid)


def practitioner_id(user: User) -> str:
    return terms.derived_id("clinic.user", user.pk)


def organization_id() -> str:
    return terms.derived_id("clinic.clinicprofile", 1)


def _phone(value: str, use: str = "", rank: int | None = None) -> dict | None:
    if not value:
        return None
    return {"system": "phone", "value": value, "use": use, "rank": rank}


def patient_resource(patient: Patient) -> dict:
    preferred = patient.preferred_contact
    telecom = [
        _phone(patient.phone, "mobile", 1 if preferred in ("phone", "sms") else None),
        _phone(patient.phone_alt, "home"),
        {"system": "email", "value": patient.email, "rank": 1 if preferred == "email" else None}
        if patient.email
        else None,
    ]
    names = [{"use": "official", "family": patient.last_name, "given": [patient.first_name]}]
    if patient.preferred_name:
        names.append(
            {"use": "usual", "family": patient.last_name, "given": [patient.preferred_name]}
        )
    contacts = []
    if patient.emergency_contact_name or patient.emergency_contact_phone:
        contacts.append(
            {
                "relationship": [
                    terms.concept(
                        terms.coding(terms.CONTACT_RELATIONSHIP, "C", "Emergency Contact"),
                        text=patient.emergency_contact_relationship,
                    )
                ],
                "name": {"text": patient.emergency_contact_name},
                "telecom": [_phone(patient.emergency_contact_phone)],
            }
        )
    if patient.guardian_name:
        contacts.append(
            {
                "relationship": [
                    terms.concept(
                        terms.coding(terms.CONTACT_RELATIONSHIP, "N", "Next-of-Kin"),
                        text="Guardian",
                    )
                ],
                "name": {"text": patient.guardian_name},
            }
        )
    tag = LANGUAGE_TAGS.get(patient.language.strip().lower())
    language = (
        terms.concept(terms.coding(terms.BCP47, *tag), text=patient.language)
        if tag
        else {"text": patient.language}
    )
    gp = " — ".join(part for part in (patient.pcp_name, patient.pcp_practice) if part)
    return {
        "resourceType": "Patient",
        "id": patient_id(patient),
        "identifier": [
            {
                "use": "usual",
                "system": terms.patient_identifier_system(),
                "value": str(patient.uuid),
            }
        ],
        "active": not patient.is_archived,
        "name": names,
        "telecom": telecom,
        "gender": GENDER.get(patient.sex_at_birth),
        "birthDate": patient.date_of_birth.isoformat(),
        "address": [{"text": patient.address}] if patient.address else [],
        "contact": contacts,
        "communication": [{"language": language, "preferred": True}] if patient.language else [],
        # The primary care clinician is known by name only: a display, not a reference.
        "generalPractitioner": [{"display": gp}] if gp else [],
        "managingOrganization": {"reference": f"Organization/{organization_id()}"},
    }


def practitioner_resource(user: User) -> dict:
    return {
        "resourceType": "Practitioner",
        "id": practitioner_id(user),
        "active": user.is_active,
        "name": [
            {
                "text": user.get_full_name() or user.email,
                "family": user.last_name,
                "given": [user.first_name] if user.first_name else [],
            }
        ],
        "telecom": [{"system": "email", "value": user.email, "use": "work"}],
        "qualification": [{"code": {"text": user.title}}] if user.title else [],
    }


def organization_resource(clinic: ClinicProfile) -> dict:
    return {
        "resourceType": "Organization",
        "id": organization_id(),
        "active": True,
        "name": clinic.name,
        "telecom": [
            _phone(clinic.phone, "work"),
            {"system": "email", "value": clinic.email, "use": "work"} if clinic.email else None,
            {"system": "url", "value": clinic.website, "use": "work"} if clinic.website else None,
        ],
        "address": [{"text": clinic.address}] if clinic.address else [],
    }


def patient_ref(patient: Patient) -> dict:
    return {"reference": f"Patient/{patient_id(patient)}", "display": patient.full_name}


def practitioner_ref(user: User | None) -> dict | None:
    if user is None:
        return None
    return {
        "reference": f"Practitioner/{practitioner_id(user)}",
        "display": user.get_full_name() or user.email,
    }
