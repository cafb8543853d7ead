"""Installable portal: the manifest, the service worker, the favicon and the head links, and
the per-login offline id that names the patient's saved copy."""

import json
from importlib import import_module

import pytest
from django.conf import settings
from django.test import Client
from PIL import Image

from pages.offline import offline_id
from tests.programs.portal_helpers import program_with

STATIC = settings.BASE_DIR / "static"


@pytest.mark.django_db
def test_manifest_is_installable_and_starts_in_the_portal(client):
    response = client.get("/manifest.webmanifest")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/manifest+json"
    data = json.loads(response.content)
    assert data["start_url"] == "/portal/"
    assert data["display"] == "standalone"
    assert data["short_name"] == "Restore"
    assert data["theme_color"] == "#0b6e69"
    icons = {(icon["sizes"], icon.get("purpose", "any")): icon["src"] for icon in data["icons"]}
    assert set(icons) == {
        ("192x192", "any"),
        ("512x512", "any"),
        ("192x192", "maskable"),
        ("512x512", "maskable"),
    }
    for (sizes, _purpose), src in icons.items():
        path = STATIC / src.removeprefix(settings.STATIC_URL)
        with Image.open(path) as image:
            assert image.format == "PNG"
            assert f"{image.width}x{image.height}" == sizes


def test_the_maskable_icon_fills_its_square():
    with Image.open(STATIC / "icons" / "icon-maskable-512.png") as image:
        corners = [image.getpixel(xy) for xy in [(0, 0), (511, 0), (0, 511), (511, 511)]]
    assert all(pixel[3] == 255 for pixel in corners)  # no transparent corners to mask


def test_the_apple_touch_icon_is_180px_and_opaque():
    """iOS "Add to Home Screen" takes this icon (not the manifest's) and fills any transparent
    part with black."""
    with Image.open(STATIC / "icons" / "apple-touch-icon.png") as image:
        assert image.size == (180, 180)
        assert image.mode == "RGB" or image.getextrema()[3][0] == 255


@pytest.mark.django_db
def test_portal_pages_carry_the_ios_home_screen_tags(patient_client, patient):
    program_with(patient.patient_record, items=1)
    page = patient_client.get("/portal/").content.decode()
    assert '<meta name="apple-mobile-web-app-title" content="Restore">' in page
    assert '<meta name="apple-mobile-web-app-status-bar-style" content="default">' in page
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon' in page
    assert '<meta name="theme-color" content="#0b6e69">' in page


@pytest.mark.django_db
def test_service_worker_is_served_from_the_root_as_javascript(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/javascript; charset=utf-8"
    assert response["Service-Worker-Allowed"] == "/"
    assert "no-cache" in response["Cache-Control"]
    assert "Content-Security-Policy" in response
    assert response.content == (STATIC / "sw.js").read_bytes()
    assert client.head("/sw.js").status_code == 200  # the browser's update check may use HEAD
    assert client.post("/sw.js").status_code == 405


@pytest.mark.django_db
def test_favicon_is_an_icon(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/x-icon"
    assert response.content[:4] == b"\x00\x00\x01\x00"  # the ICO header


@pytest.mark.django_db
def test_they_hold_no_patient_data_and_stay_cacheable_for_a_patient(patient_client, patient):
    for url in ("/manifest.webmanifest", "/sw.js", "/favicon.ico"):
        response = patient_client.get(url)
        assert response.status_code == 200
        assert "no-store" not in response["Cache-Control"], url
        # The same bytes for a patient as for anyone: nothing of theirs is in them.
        assert response.content == Client().get(url).content, url


@pytest.mark.django_db
def test_portal_pages_link_the_manifest_and_name_this_logins_copy(patient_client, patient):
    program_with(patient.patient_record, items=1)
    page = patient_client.get("/portal/").content.decode()
    assert 'rel="manifest"' in page
    assert 'name="apple-mobile-web-app-capable" content="yes"' in page
    assert 'rel="apple-touch-icon"' in page
    assert 'rel="icon"' in page
    assert "js/offline.js" in page
    key = patient_client.session.session_key
    marker = f'name="restore-offline" content="{offline_id_for(key)}"'
    assert marker in page
    assert key not in page  # the id is derived from the session key, never the key itself


def offline_id_for(session_key: str) -> str:
    class Request:
        session = import_module(settings.SESSION_ENGINE).SessionStore(session_key)
        user = type("U", (), {"is_authenticated": True})()

    return offline_id(Request)


@pytest.mark.django_db
def test_the_offline_id_changes_with_every_login(patient, client):
    program_with(patient.patient_record, items=1)
    ids = []
    for _ in range(2):
        browser = Client()
        browser.force_login(patient)
        ids.append(offline_id_for(browser.session.session_key))
    assert ids[0] != ids[1]
    assert all(len(i) == 24 for i in ids)


@pytest.mark.django_db
def test_staff_pages_have_the_favicon_but_no_manifest(therapist_client):
    page = therapist_client.get("/dashboard/").content.decode()
    assert 'rel="icon"' in page
    assert 'rel="manifest"' not in page
    assert 'name="restore-offline"' not in page


def test_portal_pages_that_add_to_the_head_keep_the_offline_tags():
    """A portal template that fills `extra_head` without `{{ block.super }}` would drop the
    manifest and the offline id, and that page would never be saved for offline use."""
    templates = settings.BASE_DIR / "templates"
    dropped = [
        str(path.relative_to(templates))
        for path in templates.rglob("*.html")
        if 'extends "portal/base_portal.html"' in (text := path.read_text())
        and "{% block extra_head %}" in text
        and "{% block extra_head %}{{ block.super }}" not in text
    ]
    assert dropped == []


@pytest.mark.django_db
def test_the_follow_along_and_log_pages_can_be_saved_too(patient_client, patient):
    program = program_with(patient.patient_record, items=1)
    for url in (
        f"/portal/programs/{program.uuid}/exercises/1/follow/",
        f"/portal/programs/{program.uuid}/log/",
    ):
        page = patient_client.get(url).content.decode()
        assert 'name="restore-offline" content="' in page, url
        assert 'data-sw="/sw.js"' in page, url
