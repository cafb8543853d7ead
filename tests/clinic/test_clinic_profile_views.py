import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from clinic.models import ClinicProfile


def _png(size=(900, 300)) -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", size, (11, 110, 105)).save(buffer, "PNG")
    return SimpleUploadedFile("logo.png", buffer.getvalue(), content_type="image/png")


def _form(**extra):
    return {"name": "Harbor Test Clinic", "address": "1 Test St", "phone": "617", **extra}


def test_admin_saves_clinic_details_and_name_shows_in_header(admin_client_):
    response = admin_client_.post(reverse("clinic:clinic-profile"), _form())
    assert response.status_code == 302
    assert ClinicProfile.load().name == "Harbor Test Clinic"
    assert b"Harbor Test Clinic" in admin_client_.get(reverse("pages:dashboard")).content


def test_logo_is_resized_and_served(admin_client_):
    admin_client_.post(reverse("clinic:clinic-profile"), _form(logo=_png()))
    profile = ClinicProfile.load()
    with Image.open(profile.logo.open("rb")) as image:
        assert max(image.size) == 600
    response = admin_client_.get(reverse("clinic:clinic-logo"))
    assert response.status_code == 200


def test_a_non_image_logo_is_refused_with_a_message(admin_client_):
    bad = SimpleUploadedFile("logo.png", b"not an image at all", content_type="image/png")
    response = admin_client_.post(reverse("clinic:clinic-profile"), _form(logo=bad))
    assert response.status_code == 200
    assert b"not a readable image" in response.content or b"valid image" in response.content
    assert ClinicProfile.load().name != "Harbor Test Clinic"


def test_missing_logo_is_404(client, db):
    assert client.get(reverse("clinic:clinic-logo")).status_code == 404


def test_changes_to_the_clinic_details_are_audited_with_what_changed(admin_client_, admin):
    from clinic.models import AuditEvent

    admin_client_.post(reverse("clinic:clinic-profile"), _form(require_staff_2fa="on"))
    event = AuditEvent.objects.get(action=AuditEvent.Action.UPDATE)
    assert event.user == admin and event.object_type == "clinic.clinicprofile"
    assert event.detail.startswith("clinic details: ")
    assert "two-factor" in event.detail.lower()
    # Saving again with nothing changed records nothing more.
    admin_client_.post(reverse("clinic:clinic-profile"), _form(require_staff_2fa="on"))
    assert AuditEvent.objects.filter(action=AuditEvent.Action.UPDATE).count() == 1
