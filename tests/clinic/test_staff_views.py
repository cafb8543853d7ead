import pytest
from django.urls import reverse

from clinic.models import AuditEvent, User
from tests.factories import TherapistFactory

STAFF_PAGES = ["clinic:staff-list", "clinic:staff-create", "clinic:clinic-profile"]


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_admin_pages_redirect_anonymous_to_login(client, db, name):
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_admin_pages_are_forbidden_to_therapists(therapist_client, name):
    assert therapist_client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_admin_pages_are_forbidden_to_patients(patient_client, name):
    assert patient_client.get(reverse(name)).status_code == 403


@pytest.mark.parametrize("name", STAFF_PAGES)
def test_admin_pages_open_for_the_clinic_admin(admin_client_, name):
    assert admin_client_.get(reverse(name)).status_code == 200


def test_dashboard_is_forbidden_to_patients(patient_client):
    assert patient_client.get(reverse("pages:dashboard")).status_code == 403


def test_admin_adds_a_therapist_who_gets_a_password_link(
    admin_client_, mailoutbox, django_capture_on_commit_callbacks, huey_immediate
):
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client_.post(
            reverse("clinic:staff-create"),
            {
                "first_name": "Nia",
                "last_name": "Park",
                "email": "Nia.Park@Test.example",
                "title": "LMT",
                "role": "therapist",
            },
        )
    assert response.status_code == 302
    user = User.objects.get(email="nia.park@test.example")
    assert user.role == User.Role.THERAPIST
    assert not user.has_usable_password()
    assert len(mailoutbox) == 1
    assert "/accounts/password/reset/" in mailoutbox[0].body
    created = AuditEvent.objects.get(action=AuditEvent.Action.CREATE)
    assert created.object_type == "clinic.user" and created.object_id == str(user.pk)
    assert created.detail == "staff account nia.park@test.example (Therapist)"


def test_editing_a_staff_member_is_audited_with_what_changed(admin_client_, therapist):
    form = {
        "first_name": "Tess",
        "last_name": "Therapist-Lee",
        "email": therapist.email,
        "title": "LMT",
        "role": "therapist",
    }
    assert (
        admin_client_.post(reverse("clinic:staff-edit", args=[therapist.pk]), form).status_code
        == 302
    )
    event = AuditEvent.objects.get(action=AuditEvent.Action.ACCOUNT_CHANGE)
    assert event.detail == f"{therapist.email}: changed last name"
    assert not AuditEvent.objects.filter(action=AuditEvent.Action.ROLE_CHANGE).exists()


def test_staff_form_with_duplicate_email_keeps_what_was_typed(admin_client_, therapist):
    response = admin_client_.post(
        reverse("clinic:staff-create"),
        {"first_name": "Nia", "last_name": "Park", "email": therapist.email, "role": "therapist"},
    )
    assert response.status_code == 200
    assert b"already uses this email" in response.content
    assert b'value="Nia"' in response.content
    assert User.objects.filter(first_name="Nia").count() == 0


def test_admin_deactivates_and_reactivates_a_therapist(admin_client_, db):
    member = TherapistFactory()
    url = reverse("clinic:staff-set-active", args=[member.pk])
    assert admin_client_.post(url, {"active": "0"}).status_code == 302
    member.refresh_from_db()
    assert member.is_active is False
    admin_client_.post(url, {"active": "1"})
    member.refresh_from_db()
    assert member.is_active is True


def test_set_active_is_post_only(admin_client_, therapist):
    url = reverse("clinic:staff-set-active", args=[therapist.pk])
    assert admin_client_.get(url).status_code == 405


def test_admin_cannot_deactivate_themselves(admin_client_, admin):
    admin_client_.post(reverse("clinic:staff-set-active", args=[admin.pk]), {"active": "0"})
    admin.refresh_from_db()
    assert admin.is_active is True


def test_staff_pages_cannot_reach_patient_accounts(admin_client_, patient):
    assert admin_client_.get(reverse("clinic:staff-edit", args=[patient.pk])).status_code == 404


def test_deactivated_therapist_loses_access(client, db):
    member = TherapistFactory(is_active=False)
    client.force_login(member)
    response = client.get(reverse("pages:dashboard"))
    assert response.status_code == 302


def test_a_therapists_dashboard_counts_their_own_active_patients(
    therapist_client, patient_record, other_patient_record
):
    body = therapist_client.get(reverse("pages:dashboard")).content.decode()
    assert "1 active patient in your care" in body


def test_the_admins_dashboard_counts_the_clinics_active_patients(
    admin_client_, patient_record, other_patient_record
):
    body = admin_client_.get(reverse("pages:dashboard")).content.decode()
    assert "2 active patients in the clinic" in body
    assert "in your care" not in body
