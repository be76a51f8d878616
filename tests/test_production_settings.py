"""Production settings: the deploy checks pass, a missing secret stops the start, the headers protect.

The production configuration is read once at start-up from the environment, so these tests start
``manage.py`` in a subprocess with the variables a deployment sets.
"""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.core.management.utils import get_random_secret_key
from django.urls import reverse

ROOT = Path(__file__).resolve().parent.parent


def production_env(tmp_path, **overrides):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("SECURE_", "SESSION_", "CSRF_", "DJANGO_")) and key not in ("DEBUG", "SECRET_KEY")
    }
    env.update(
        DEBUG="False",
        SECRET_KEY=get_random_secret_key(),
        ALLOWED_HOSTS="sip.example.org",
        DATABASE_URL=f"sqlite:///{tmp_path / 'production.sqlite3'}",
    )
    env.update(overrides)
    return {key: value for key, value in env.items() if value is not None}


def manage(env, *args):
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )


def test_deploy_checks_report_nothing_in_production(tmp_path):
    result = manage(production_env(tmp_path), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode == 0, result.stderr + result.stdout
    assert "System check identified no issues" in result.stdout


def test_development_settings_do_fail_the_deploy_checks(tmp_path):
    # Proves the check above has teeth: with DEBUG on, the same command complains.
    result = manage(production_env(tmp_path, DEBUG="True"), "check", "--deploy", "--fail-level", "WARNING")
    assert result.returncode != 0
    assert "security.W018" in result.stderr + result.stdout


@pytest.mark.parametrize(
    "missing, message",
    [
        ("SECRET_KEY", "SECRET_KEY must be set when DEBUG is off"),
        ("ALLOWED_HOSTS", "ALLOWED_HOSTS must be set when DEBUG is off"),
    ],
)
def test_production_refuses_to_start_without_its_variables(tmp_path, missing, message):
    result = manage(production_env(tmp_path, **{missing: None}), "check")
    assert result.returncode != 0
    assert message in result.stderr


PROBE = """
import json
from django.test import Client
client = Client()
secure = client.get("/healthz", secure=True)
plain = client.get("/admin/login/")
probe = client.get("/healthz")
from django.conf import settings
print(json.dumps({
    "secure_status": secure.status_code,
    "headers": dict(secure.headers),
    "plain_status": plain.status_code,
    "plain_location": plain.headers.get("Location"),
    "healthz_over_http": probe.status_code,
    "session_cookie_secure": settings.SESSION_COOKIE_SECURE,
    "csrf_cookie_secure": settings.CSRF_COOKIE_SECURE,
    "session_cookie_httponly": settings.SESSION_COOKIE_HTTPONLY,
    "proxy_header": settings.SECURE_PROXY_SSL_HEADER,
}))
"""


def probe(tmp_path, **env):
    result = manage(production_env(tmp_path, **env), "shell", "--no-imports", "-c", PROBE)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_production_answers_with_protective_headers_and_secure_cookies(tmp_path):
    seen = probe(tmp_path, ALLOWED_HOSTS="testserver")
    headers = seen["headers"]
    assert seen["secure_status"] == 200
    assert headers["Strict-Transport-Security"] == "max-age=31536000; includeSubDomains; preload"
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Referrer-Policy"] == "same-origin"
    assert headers["X-Frame-Options"] == "DENY"
    assert "default-src 'self'" in headers["Content-Security-Policy"]
    assert (seen["plain_status"], seen["plain_location"]) == (301, "https://testserver/admin/login/")
    assert seen["healthz_over_http"] == 200, "load balancers probe the health check over plain HTTP"
    assert seen["session_cookie_secure"]
    assert seen["csrf_cookie_secure"]
    assert seen["session_cookie_httponly"]
    assert seen["proxy_header"] is None


def test_proxy_ssl_header_is_trusted_only_when_asked(tmp_path):
    seen = probe(tmp_path, ALLOWED_HOSTS="testserver", SECURE_PROXY_SSL_HEADER="True")
    assert seen["proxy_header"] == ["HTTP_X_FORWARDED_PROTO", "https"]


def test_content_security_policy_forbids_inline_code_and_framing(client, alice):
    client.force_login(alice)
    policy = client.get(reverse("admin:index")).headers["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert directives["object-src"] == "'none'"
    assert "unsafe" not in policy


class InlineCodeFinder(HTMLParser):
    """Collects what a strict policy would block: inline scripts, style elements and attributes, handlers."""

    def __init__(self):
        super().__init__()
        self.blocked = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self._in_inline_script = True
        if tag == "style":
            self.blocked.append("<style>")
        for name, value in attrs.items():
            if name == "style" or name.startswith("on"):
                self.blocked.append(f"<{tag} {name}={value!r}>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.blocked.append(f"<{tag} {name}={value!r}>")

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.blocked.append(f"<script>{data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


def test_admin_pages_need_nothing_the_policy_forbids(client, root, recommendation):
    client.force_login(root)
    change = reverse("admin:recommendations_recommendation_change", args=[recommendation.pk])
    pages = [
        reverse("admin:index"),
        reverse("admin:recommendations_recommendation_changelist"),
        reverse("admin:recommendations_recommendation_add"),
        change,
        reverse("admin:recommendations_boarddecision_add"),
        reverse("admin:recommendations_progressupdate_changelist"),
        reverse("admin:admin_logentry_changelist"),
    ]
    bulk = client.post(
        reverse("admin:recommendations_recommendation_changelist"),
        {"action": "record_board_decision", "_selected_action": [recommendation.pk]},
    )
    for url, response in [*((url, client.get(url)) for url in pages), ("bulk decision", bulk)]:
        assert response.status_code == 200, url
        finder = InlineCodeFinder()
        finder.feed(response.content.decode())
        assert finder.blocked == [], url
    client.logout()
    finder = InlineCodeFinder()
    finder.feed(client.get(reverse("admin:login")).content.decode())
    assert finder.blocked == []


@pytest.mark.parametrize(
    "password, reason",
    [
        ("password", "too common"),
        ("12345678901", "entirely numeric"),
        ("Sh0rt!", "too short"),
        ("aliceali", "too similar"),
    ],
)
def test_weak_staff_passwords_are_refused(alice, password, reason):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError, match=reason):
        validate_password(password, user=alice)


def write(root, relative, text):
    path = root / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_the_release_changes_with_a_template_a_translation_or_the_code_only(tmp_path):
    """Cached pages are kept under the release: a deployment that changes a page must not be served the old one."""
    from sip import release

    write(tmp_path, "templates/base.html", "<title>Recommendations</title>")
    write(tmp_path, "locale/nl/LC_MESSAGES/django.po", 'msgid "Recommendations"\nmsgstr "Aanbevelingen"\n')
    write(tmp_path, "recommendations/views.py", "PAGE_SIZE = 25\n")
    first = release.digest(tmp_path)
    write(tmp_path, "recommendations/__pycache__/views.cpython-311.pyc", "compiled")
    write(tmp_path, "locale/nl/LC_MESSAGES/django.mo", "compiled")
    assert release.digest(tmp_path) == first
    seen = {first}
    for relative, text in [
        ("templates/base.html", "<title>All recommendations</title>"),
        ("locale/nl/LC_MESSAGES/django.po", 'msgid "Recommendations"\nmsgstr "Adviezen"\n'),
        ("recommendations/views.py", "PAGE_SIZE = 50\n"),
    ]:
        write(tmp_path, relative, text)
        seen.add(release.digest(tmp_path))
    assert len(seen) == 4


def test_cache_keys_are_kept_under_the_release(tmp_path):
    probe = "from django.core.cache import cache; print(cache.make_key('page'))"
    named = manage(production_env(tmp_path, RELEASE="2026.11.23"), "shell", "--no-imports", "-c", probe)
    assert named.stdout.strip() == "2026.11.23::1:page", named.stderr
    from sip import release

    computed = manage(production_env(tmp_path, RELEASE=None), "shell", "--no-imports", "-c", probe)
    assert computed.stdout.strip() == f"{release.digest(ROOT)}::1:page", computed.stderr
