"""Headers on every page, for every visitor: CSP, no caching of logged-in pages, and friends.

The crawl reuses the access matrix, so a page added there is checked here too.
"""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import get_resolver, reverse

from tests.test_access_matrix import (
    MATRIX,
    ROLES,
    login_as,
    request,
)

ROOT = Path(__file__).resolve().parents[2]

EXPECTED_CSP = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "object-src": "'none'",
    "base-uri": "'none'",
    "frame-ancestors": "'none'",
    "form-action": "'self'",
}

# Assets with no patient data that the browser may keep (private cache only): the library's
# pictures, keyed by a content hash, the clinic's own exercise photos and videos, and the
# installable app's manifest, service worker and icon.
NO_PATIENT_DATA = {
    "programs:exercise-figure",
    "programs:exercise-photo",
    "programs:exercise-video",
    "programs:exercise-video-poster",
    "manifest",
    "service-worker",
    "favicon",
}

PAGES = [
    (name, role)
    for name, row in MATRIX.items()
    for role in ROLES
    if row.method == "GET" and row.expected(role) == 200
]


def parse_csp(header: str) -> dict[str, str]:
    directives = {}
    for part in header.split(";"):
        words = part.strip().split()
        if words:
            directives[words[0]] = " ".join(words[1:])
    return directives


@pytest.mark.parametrize(("name", "role"), PAGES, ids=[f"{n}-{r}" for n, r in PAGES])
def test_page_headers(client, world, name, role):
    row = MATRIX[name]
    if row.setup:
        row.setup(world)
    login_as(client, world, role)
    response = request(client, row, name, world)
    assert response.status_code == 200

    csp = parse_csp(response["Content-Security-Policy"])
    for directive, value in EXPECTED_CSP.items():
        assert csp.get(directive) == value, f"{directive} is {csp.get(directive)!r}"
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    # A patient's form link (/f/<token>/...) carries its secret in the address: its pages tell
    # the browser to send no referrer at all, and never to keep a copy, whoever opens them.
    link_page = response.request["PATH_INFO"].startswith("/f/")
    assert response["Referrer-Policy"] == ("no-referrer" if link_page else "same-origin")
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"
    assert response["X-Request-ID"]
    if role != "anon" or link_page:
        cache_control = {part.strip() for part in response["Cache-Control"].split(",")}
        if name in NO_PATIENT_DATA:
            assert "private" in cache_control and "no-store" not in cache_control
        else:
            assert {"private", "no-store"} <= cache_control
        assert "public" not in cache_control

    if response["Content-Type"].startswith("text/html"):
        html = response.content.decode()
        # A JSON data block (json_script) is never executed, so the CSP does not block it.
        inline_scripts = [
            tag
            for tag in re.findall(r"<script\b[^>]*>", html)
            if "src=" not in tag and 'type="application/json"' not in tag
        ]
        assert inline_scripts == [], "inline <script> is blocked by the CSP"
        assert not re.search(r"<style\b", html), "inline <style> is blocked by the CSP"
        assert not re.search(r"\sstyle\s*=", html), "style attributes are blocked by the CSP"
        assert not re.search(r"\son[a-z]+\s*=", html), "event-handler attributes need JS files"


def test_templates_have_no_inline_script_or_style():
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        if path.is_relative_to(ROOT / "templates" / "emails"):
            continue  # email bodies, never served as pages: mail clients need inline styles
        text = path.read_text()
        if re.search(r"\sstyle\s*=|<style\b", text):
            offenders.append(f"{path.relative_to(ROOT)}: inline style")
        for tag in re.findall(r"<script\b[^>]*>", text):
            if "src=" not in tag:
                offenders.append(f"{path.relative_to(ROOT)}: inline script")
    assert offenders == []


@pytest.mark.django_db
def test_hsts_is_sent_over_https_when_configured(client, settings):
    settings.SECURE_HSTS_SECONDS = 31536000
    response = client.get(reverse("login"), secure=True)
    assert response["Strict-Transport-Security"].startswith("max-age=31536000")


def test_production_settings_are_secure():
    """With the production values of .env.example: HTTPS only, secure cookies, one-year HSTS."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "PYTEST"))}
    for line in (ROOT / ".env.example").read_text().splitlines():
        if line and not line.startswith("#") and "=" in line:
            key, value = line.split("=", 1)
            env[key] = value
    env.pop("DATABASE_URL", None)
    env.pop("CACHE_URL", None)
    code = (
        "from django.conf import settings as s; print(s.SECURE_SSL_REDIRECT, "
        "s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.SECURE_HSTS_SECONDS, "
        "s.SESSION_COOKIE_HTTPONLY, s.DEBUG)"
    )
    result = subprocess.run(  # noqa: S603 - fixed argv, our own manage.py
        [sys.executable, "manage.py", "shell", "-c", code],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1].split() == [
        "True",
        "True",
        "True",
        "31536000",
        "True",
        "False",
    ]


def test_media_is_never_at_a_public_url(client, therapist, settings):
    """Uploads and stored PDFs are only reachable through views that check access."""
    (Path(settings.MEDIA_ROOT) / "handouts").mkdir(parents=True)
    (Path(settings.MEDIA_ROOT) / "handouts" / "secret.pdf").write_bytes(b"%PDF-1.4 secret")
    client.force_login(therapist)
    for url in (f"{settings.MEDIA_URL}handouts/secret.pdf", "/media/handouts/secret.pdf"):
        response = client.get(url)
        assert response.status_code == 404
        assert b"secret" not in response.content


def test_no_url_pattern_serves_the_media_folder():
    def routes(patterns, prefix=""):
        for pattern in patterns:
            text = prefix + str(pattern.pattern)
            if hasattr(pattern, "url_patterns"):
                yield from routes(pattern.url_patterns, text)
            else:
                yield text, getattr(pattern, "callback", None)

    media = settings.MEDIA_URL.strip("/")
    for route, callback in routes(get_resolver().url_patterns):
        assert not route.lstrip("^").startswith(media), route
        assert getattr(callback, "__name__", "") != "serve", f"{route} serves files directly"
