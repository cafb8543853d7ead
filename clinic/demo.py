"""Demo data for the clinic side: the clinic, its staff and fictional patients.

Every function is idempotent (looks rows up by a natural key before creating them), so
`manage.py seed_demo` can run on every `make run` without duplicating anything.
All people here are fictional; emails use the reserved .example domain.
"""

from datetime import date

from .models import ClinicProfile, Patient, User

DEMO_PASSWORD = "restore-demo-2026"  # noqa: S105 (fictional demo accounts, printed by make run)

STAFF = [
    ("admin@restore.example", "Dana", "Whitfield", User.Role.ADMIN, "Clinic manager"),
    ("maya@restore.example", "Maya", "Okafor", User.Role.THERAPIST, "LMT, NMT"),
    ("sam@restore.example", "Sam", "Reyes", User.Role.THERAPIST, "LMT"),
]

# (email or None for no portal account, first, last, preferred, dob, therapist email, story)
PATIENTS = [
    (
        "jordan@patient.example",
        "Jordan",
        "Rivera",
        "",
        date(1986, 4, 12),
        "maya@restore.example",
        "typical sciatica",
    ),
    (
        "priya@patient.example",
        "Priya",
        "Natarajan",
        "",
        date(1974, 9, 3),
        "maya@restore.example",
        "chronic low-back pain with measures over three months",
    ),
    (
        None,
        "Walter",
        "Brooks",
        "Walt",
        date(1958, 1, 27),
        "maya@restore.example",
        "emergency flag awaiting a decision",
    ),
    (
        None,
        "Helen",
        "Cho",
        "",
        date(1969, 6, 18),
        "sam@restore.example",
        "'soon' flag acknowledged",
    ),
    (
        "frank@patient.example",
        "Francisco",
        "Delgado",
        "Frank",
        date(1952, 11, 30),
        "sam@restore.example",
        "posterior hip replacement precautions",
    ),
]


def seed_clinic() -> ClinicProfile:
    profile = ClinicProfile.load()
    if not profile.address:
        profile.name = "Harborview Neuromuscular Therapy"
        profile.address = "210 Harbor Street, Suite 4\nBoston, MA 02110"
        profile.phone = "(617) 555-0142"
        profile.email = "frontdesk@restore.example"
        profile.website = "https://harborview.example"
        profile.handout_footer = "Questions about your program? Call us on (617) 555-0142."
        profile.save()
    return profile


def _user(email, first, last, role, title="") -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(
            email=email,
            password=DEMO_PASSWORD,
            first_name=first,
            last_name=last,
            role=role,
            title=title,
        )
    return user


def seed_staff() -> dict[str, User]:
    return {
        email: _user(email, first, last, role, title) for email, first, last, role, title in STAFF
    }


def seed_patients(staff: dict[str, User]) -> dict[str, Patient]:
    patients = {}
    for email, first, last, preferred, dob, therapist_email, _story in PATIENTS:
        patient = Patient.objects.filter(
            first_name=first, last_name=last, date_of_birth=dob
        ).first()
        if patient is None:
            patient = Patient.objects.create(
                first_name=first,
                last_name=last,
                preferred_name=preferred,
                date_of_birth=dob,
                email=email or f"{first.lower()}.{last.lower()}@patient.example",
                phone="(617) 555-01" + str(10 + len(patients)),
                preferred_contact=Patient.ContactMethod.EMAIL,
                consent_email=True,
                therapist=staff[therapist_email],
                created_by=staff[therapist_email],
                occupation="",
            )
        if email and patient.user_id is None:
            patient.user = _user(email, first, last, User.Role.PATIENT)
            patient.save(update_fields=["user"])
        patients[last.lower()] = patient
    return patients


def demo_logins() -> list[tuple[str, str, str]]:
    """(role, email, password) for the logins `make run` prints."""
    rows = [(User.Role(role).label, email, DEMO_PASSWORD) for email, _, _, role, _ in STAFF]
    rows += [("Patient", email, DEMO_PASSWORD) for email, *_ in PATIENTS if email is not None]
    return rows


DEMO_AUDIT_REQUEST = "demo-seed-audit"


def seed_audit(staff: dict[str, User], patients: dict[str, Patient]) -> None:
    """A short, plausible access history so the audit log page has something to show.

    Written through the real audit service, so the demo chain verifies like any other.
    """
    from . import audit
    from .models import AuditEvent

    if AuditEvent.objects.filter(request_id__startswith=DEMO_AUDIT_REQUEST).exists():
        return
    maya = staff["maya@restore.example"]
    dana = staff["admin@restore.example"]
    Action = AuditEvent.Action
    history = [
        (Action.LOGIN, maya, None, "", "198.51.100.24"),
        (Action.VIEW, maya, patients["rivera"], "patient page", "198.51.100.24"),
        (Action.VIEW, maya, patients["natarajan"], "patient page", "198.51.100.24"),
        (Action.LOGIN_FAILED, None, None, "", "203.0.113.77"),
        (Action.LOGIN, dana, None, "", "198.51.100.31"),
        (
            Action.EXPORT,
            dana,
            patients["natarajan"],
            "whole record (request of access)",
            "198.51.100.31",
        ),
        (Action.VIEW, maya, patients["brooks"], "patient page", "198.51.100.24"),
    ]
    for n, (action, user, patient, detail, ip) in enumerate(history):
        audit.record(
            action=action,
            user=user,
            actor="" if user else "jordan@patient.example",
            patient=patient,
            obj=patient,
            detail=detail,
            context=audit.RequestContext(
                ip=ip,
                request_id=f"{DEMO_AUDIT_REQUEST}-{n}",
                user_agent="Mozilla/5.0 (demo)",
            ),
        )
