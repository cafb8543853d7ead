"""Who reads which language: a patient their own, staff their choice (English unless they pick
another), anonymous pages the browser's; the switch keeps the choice; emails follow it."""

import re

import pytest
from django.conf import settings
from django.urls import reverse

from clinic.invitations import invitation_path, invite_patient
from clinic.models import OutboxMessage, User
from clinic.outbox.services import enqueue_message
from tests.factories import PatientFactory

pytestmark = pytest.mark.django_db
Kind = OutboxMessage.Kind


def html_lang(response) -> str:
    return re.search(r'<html lang="([^"]+)"', response.content.decode()).group(1)


@pytest.fixture
def spanish_patient(patient_record, patient):
    patient_record.language = "Spanish"
    patient_record.save(update_fields=["language"])
    return patient


def test_a_spanish_patient_reads_the_portal_in_spanish(client, spanish_patient):
    client.force_login(spanish_patient)
    response = client.get(reverse("programs:portal-home"), HTTP_ACCEPT_LANGUAGE="en")
    page = response.content.decode()
    assert html_lang(response) == "es"
    assert "Mi programa" in page
    assert "Su programa está en camino" in page
    assert "En una emergencia, llame al 911." in page
    assert "Your program is on its way" not in page
    assert response["Content-Language"] == "es"


def test_the_portal_follows_a_portuguese_patients_record(client, patient_record, patient):
    patient_record.language = "Portuguese (Brazil)"
    patient_record.save(update_fields=["language"])
    client.force_login(patient)
    response = client.get(reverse("programs:portal-home"))
    assert html_lang(response) == "pt-br"
    assert "Meu programa" in response.content.decode()


def test_the_patient_switches_language_and_it_sticks(client, spanish_patient):
    client.force_login(spanish_patient)
    home = reverse("programs:portal-home")
    response = client.post(reverse("set-language"), {"language": "pt-br", "next": home})
    assert response.status_code == 302
    assert response["Location"] == home
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "pt-br"
    spanish_patient.refresh_from_db()
    assert spanish_patient.language == "pt-br"  # kept on the account: emails follow it
    assert html_lang(client.get(home)) == "pt-br"

    client.logout()
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME, None)
    client.force_login(spanish_patient)  # a new session, another browser
    assert html_lang(client.get(home)) == "pt-br"


def test_the_switch_is_on_every_portal_page(client, spanish_patient):
    client.force_login(spanish_patient)
    page = client.get(reverse("programs:portal-home")).content.decode()
    assert f'action="{reverse("set-language")}"' in page
    assert '<option value="es" lang="es" selected>Español</option>' in page
    assert '<option value="pt-br" lang="pt-br">Português (Brasil)</option>' in page


def test_a_language_we_do_not_have_changes_nothing(client, spanish_patient):
    client.force_login(spanish_patient)
    response = client.post(reverse("set-language"), {"language": "xx", "next": "/portal/"})
    assert response.status_code == 302
    spanish_patient.refresh_from_db()
    assert spanish_patient.language == ""
    assert settings.LANGUAGE_COOKIE_NAME not in response.cookies


def test_the_switch_never_sends_anyone_to_another_site(client):
    response = client.post(
        reverse("set-language"), {"language": "es", "next": "https://evil.example/"}
    )
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("next_url", ["0", "portal", "//evil.example/", ""])
def test_a_next_that_is_not_a_path_here_goes_home(client, next_url):
    response = client.post(reverse("set-language"), {"language": "es", "next": next_url})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_staff_read_english_whatever_the_browser_says(client, therapist):
    client.force_login(therapist)
    response = client.get(reverse("pages:dashboard"), HTTP_ACCEPT_LANGUAGE="es")
    assert html_lang(response) == "en"
    assert "Dashboard" in response.content.decode()


def test_staff_may_choose_their_own_language(client, therapist):
    client.force_login(therapist)
    client.post(reverse("set-language"), {"language": "es", "next": "/"})
    therapist.refresh_from_db()
    assert therapist.language == "es"
    response = client.get(reverse("pages:dashboard"))
    assert html_lang(response) == "es"
    assert ">Panel<" in response.content.decode()


def test_the_login_page_follows_the_browser_then_the_cookie(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es-MX,es;q=0.9")
    assert html_lang(response) == "es"
    assert "¿Olvidó su contraseña?" in response.content.decode()

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "pt-br"
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="es")
    assert html_lang(response) == "pt-br"
    assert "Esqueceu sua senha?" in response.content.decode()

    assert html_lang(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr")) == "pt-br"
    client.cookies.pop(settings.LANGUAGE_COOKIE_NAME)
    assert html_lang(client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="fr")) == "en"


def test_the_javascript_catalogue_speaks_the_patients_language(client, spanish_patient):
    client.force_login(spanish_patient)
    script = client.get(reverse("javascript-catalog")).content.decode()
    assert "Enlace copiado." in script
    assert "Su sesi\\u00f3n se cerrar\\u00e1" in script or "Su sesión se cerrará" in script


def test_an_email_to_a_portuguese_patient_is_in_portuguese(patient_record, patient):
    patient_record.language = "Portuguese"
    patient_record.save(update_fields=["language"])
    message = enqueue_message(
        kind=Kind.PROGRAM_READY, key="program_ready:pt", recipient=patient, path="/portal/"
    )
    assert message.language == "pt-br"
    assert message.subject.startswith("Seu programa em casa de")
    assert "Olá, Pat," in message.body_text
    assert '<html lang="pt-br">' in message.body_html


def test_an_email_follows_the_language_the_patient_picked(patient_record, patient):
    patient_record.language = "English"
    patient_record.save(update_fields=["language"])
    patient.language = "es"
    patient.save(update_fields=["language"])
    message = enqueue_message(
        kind=Kind.REMINDER,
        key="reminder:es",
        recipient=patient,
        path="/portal/",
        stop_path="/portal/reminders/",
    )
    assert message.language == "es"
    assert message.subject.startswith("Su recordatorio de ejercicios de")


def test_user_language_is_one_of_ours():
    assert {code for code, _name in User._meta.get_field("language").choices} == {
        "en",
        "es",
        "pt-br",
    }


def test_the_offline_page_of_the_service_worker_is_in_the_patients_language(
    client, spanish_patient
):
    client.force_login(spanish_patient)
    script = client.get(reverse("service-worker")).content.decode()
    assert 'var OFFLINE_PAGE = {"lang": "es", "title": "Sin conexión"' in script
    assert "Su programa guardado" in script
    assert "Your saved program" not in script


def test_the_app_manifest_says_the_language_it_is_written_in(client, spanish_patient):
    client.force_login(spanish_patient)
    manifest = client.get(reverse("manifest")).json()
    assert manifest["lang"] == "es"
    assert manifest["description"] == "Su programa de ejercicios en casa, de su clínica."


@pytest.fixture
def invited_in_portuguese(therapist, django_capture_on_commit_callbacks):
    patient = PatientFactory(
        first_name="João", email="joao@test.example", therapist=therapist, language="Português"
    )
    with django_capture_on_commit_callbacks(execute=True):
        return invite_patient(patient=patient, by=therapist)


def test_the_invitation_opens_in_the_patients_language(client, invited_in_portuguese):
    response = client.get(invitation_path(invited_in_portuguese), HTTP_ACCEPT_LANGUAGE="en")
    page = client.get(response["Location"], HTTP_ACCEPT_LANGUAGE="en")
    assert html_lang(page) == "pt-br"
    assert "Boas-vindas, João" in page.content.decode()
    assert "Salvar a senha e abrir meu programa" in page.content.decode()
