"""What keeps the site and the editors' accounts safe: headers, CSP, CSRF, lockout, sessions."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse

LOGIN = reverse("admin:login")


@pytest.fixture
def editor(db):
    return User.objects.create_user("erin", password="a-long-editor-passphrase", is_staff=True)


def test_pages_send_a_csp_without_unsafe_inline_scripts_and_the_htmx_tag_has_its_nonce(curated):
    response = Client().get("/")
    policy = response.headers["Content-Security-Policy"]
    script_src = re.search(r"script-src ([^;]+)", policy)[1]
    assert "'unsafe-inline'" not in script_src and "'self'" in script_src
    nonce = re.search(r"'nonce-([^']+)'", script_src)[1]
    assert "frame-ancestors 'none'" in policy
    scripts = re.findall(r"<script[^>]*>", response.content.decode())
    htmx = [tag for tag in scripts if "htmx" in tag]
    assert htmx and all(f'nonce="{nonce}"' in tag for tag in htmx)
    # No inline script anywhere: every script tag loads a file.
    assert all("src=" in tag for tag in scripts)


def test_security_headers(curated):
    response = Client().get("/")
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert response.headers["X-Frame-Options"] == "DENY"


def test_admin_forms_require_csrf(editor):
    client = Client(enforce_csrf_checks=True)
    response = client.post(LOGIN, {"username": "erin", "password": "a-long-editor-passphrase"})
    assert response.status_code == 403


def test_sign_in_locks_after_five_failures(editor):
    client = Client()
    for _ in range(5):
        response = client.post(LOGIN, {"username": "erin", "password": "wrong"})
    assert response.status_code == 429
    response = client.post(LOGIN, {"username": "erin", "password": "a-long-editor-passphrase"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_a_correct_password_signs_in_and_the_session_expires(editor):
    client = Client()
    response = client.post(LOGIN, {"username": "erin", "password": "a-long-editor-passphrase"})
    assert response.status_code == 302
    assert client.session.get_expire_at_browser_close()
    assert client.session.get_expiry_age() <= 8 * 60 * 60


@pytest.mark.parametrize(
    "url",
    [
        reverse("admin:policing_event_changelist"),
        reverse("admin:policing_event_add"),
        reverse("admin:policing_source_add"),
        reverse("admin:policing_event_recoverlist"),
    ],
)
def test_anonymous_users_reach_no_admin_view(db, url):
    response = Client().get(url)
    assert response.status_code == 302 and response.url.startswith(LOGIN)


def test_anonymous_users_reach_no_write_endpoint(db):
    response = Client().post(reverse("admin:policing_event_date_preview"), {"date_text": "2020"})
    assert response.status_code == 302 and response.url.startswith(LOGIN)
