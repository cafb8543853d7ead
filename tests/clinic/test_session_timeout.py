"""Idle timeouts (15 minutes staff, 30 patients), a 12-hour cap, the warning and keep-alive."""

import re
from datetime import timedelta
from pathlib import Path

import time_machine
from django.contrib.messages import get_messages
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from clinic.models import AuditEvent

ROOT = Path(__file__).resolve().parents[2]


def _logged_in_at(client, user, start):
    with time_machine.travel(start, tick=False):
        client.force_login(user)


def _get(client, url, at):
    with time_machine.travel(at, tick=False):
        return client.get(url)


def _is_login_redirect(response, next_url):
    return response.status_code == 302 and response["Location"] == (
        f"{reverse('login')}?next={next_url}"
    )


def test_staff_stay_logged_in_just_under_15_idle_minutes(client, therapist):
    start = timezone.now()
    _logged_in_at(client, therapist, start)
    url = reverse("pages:dashboard")
    assert _get(client, url, start + timedelta(minutes=14, seconds=59)).status_code == 200


def test_staff_are_logged_out_after_15_idle_minutes(client, therapist):
    start = timezone.now()
    _logged_in_at(client, therapist, start)
    url = reverse("pages:dashboard")
    session_key = client.session.session_key
    response = _get(client, url, start + timedelta(minutes=15))
    assert _is_login_redirect(response, url)
    assert not Session.objects.filter(session_key=session_key).exists()  # ended on the server
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("15 minutes without activity" in m for m in messages)
    expired = AuditEvent.objects.filter(action=AuditEvent.Action.SESSION_EXPIRED).get()
    assert expired.user == therapist
    assert expired.detail == "idle"
    # And the next request is anonymous.
    assert _get(client, url, start + timedelta(minutes=16)).status_code == 302


def test_activity_keeps_the_session_alive(client, therapist):
    start = timezone.now()
    _logged_in_at(client, therapist, start)
    url = reverse("pages:dashboard")
    for minute in (10, 20, 30, 40):
        assert _get(client, url, start + timedelta(minutes=minute)).status_code == 200


def test_patients_have_30_idle_minutes(client, patient):
    start = timezone.now()
    _logged_in_at(client, patient, start)
    url = reverse("programs:portal-home")
    assert _get(client, url, start + timedelta(minutes=29)).status_code == 200
    assert _is_login_redirect(_get(client, url, start + timedelta(minutes=59)), url)


def test_twelve_hours_is_the_absolute_limit_even_when_active(client, patient):
    start = timezone.now()
    _logged_in_at(client, patient, start)
    url = reverse("programs:portal-home")
    for step in range(1, 36):  # every 20 minutes up to 11 h 40 min
        assert _get(client, url, start + step * timedelta(minutes=20)).status_code == 200
    response = _get(client, url, start + timedelta(hours=12))
    assert _is_login_redirect(response, url)
    messages = [str(m) for m in get_messages(response.wsgi_request)]
    assert any("after 12 hours" in m for m in messages)


def test_htmx_request_after_timeout_gets_a_full_page_redirect(client, therapist):
    start = timezone.now()
    _logged_in_at(client, therapist, start)
    with time_machine.travel(start + timedelta(minutes=20), tick=False):
        response = client.get(reverse("pages:dashboard"), HTTP_HX_REQUEST="true")
    assert response.status_code == 401
    assert response["HX-Redirect"].startswith(reverse("login"))


def test_page_says_how_long_is_left(client, therapist):
    start = timezone.now()
    _logged_in_at(client, therapist, start)
    _get(client, reverse("pages:dashboard"), start + timedelta(minutes=5))  # activity
    response = _get(client, reverse("pages:dashboard"), start + timedelta(minutes=5, seconds=30))
    body = re.search(r"<body[^>]*>", response.content.decode()).group(0)
    assert 'data-session-timeout="870"' in body
    assert f'data-session-keepalive="{reverse("session-keepalive")}"' in body
    assert response["X-Session-Remaining"] == "870"
    assert "js/session.js" in response.content.decode()


def test_keepalive_renews_the_idle_timer(client, therapist):
    start = timezone.now()
    _logged_in_at(client, therapist, start)
    with time_machine.travel(start + timedelta(minutes=14), tick=False):
        response = client.post(reverse("session-keepalive"))
    assert response.status_code == 200
    assert response.json() == {"remaining": 15 * 60}
    url = reverse("pages:dashboard")
    assert _get(client, url, start + timedelta(minutes=28)).status_code == 200


def test_keepalive_needs_post_and_a_session(client, db):
    assert client.get(reverse("session-keepalive")).status_code == 405
    response = client.post(reverse("session-keepalive"))
    assert response.status_code == 401
    assert response.json() == {"expired": True}


def test_keepalive_after_expiry_is_refused(client, therapist):
    start = timezone.now()
    _logged_in_at(client, therapist, start)
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        response = client.post(reverse("session-keepalive"), HTTP_ACCEPT="application/json")
    assert response.status_code == 401
    assert response.json()["expired"] is True


def test_ordinary_requests_do_not_write_the_session(client, therapist):
    """The last-seen time is written at most once a minute, so pages cost no extra query."""
    start = timezone.now()
    _logged_in_at(client, therapist, start)
    url = reverse("pages:dashboard")
    with (
        time_machine.travel(start + timedelta(seconds=20), tick=False),
        CaptureQueriesContext(connection) as captured,
    ):
        client.get(url)
    assert not any("UPDATE" in q["sql"] and "django_session" in q["sql"] for q in captured)
    with (
        time_machine.travel(start + timedelta(seconds=90), tick=False),
        CaptureQueriesContext(connection) as captured,
    ):
        client.get(url)
    assert any("UPDATE" in q["sql"] and "django_session" in q["sql"] for q in captured)


def test_logout_is_post_only_and_ends_the_server_session(therapist_client):
    key = therapist_client.session.session_key
    assert therapist_client.get(reverse("logout")).status_code == 405
    assert therapist_client.post(reverse("logout")).status_code == 302
    assert not Session.objects.filter(session_key=key).exists()


def test_session_js_never_keeps_password_fields_and_documents_opt_in():
    source = (ROOT / "static/js/session.js").read_text()
    assert 'type === "password"' in source
    assert "form[data-keep-draft]" in source
    assert "sessionStorage" in source
    assert "data-session-timeout" in source
