"""Production mode: `corridor serve` on a public address, or CORRIDOR_PRODUCTION=1, refuses to
start on the public development key or with DEBUG on; the HTTPS settings come from the
environment; `manage check --deploy` is clean under the settings the README documents."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[1] / "README.md"
STRONG_KEY = "k7Hq2vNw9sX4pL8mZ3cR6tY1bJ5fG0dA-e_Wu2oIiKjQxVy4nMh7"


def corridor(tmp_path, *args: str, timeout: float = 60, **env: str):
    """Run `corridor ARGS` with only the CORRIDOR_ variables given here."""
    environment = {k: v for k, v in os.environ.items() if not k.startswith("CORRIDOR_")}
    environment.pop("DJANGO_SETTINGS_MODULE", None)
    environment.update(CORRIDOR_VAR_DIR=str(tmp_path / "var"), **env)
    return subprocess.run(
        [sys.executable, "-m", "corridor", *args],
        env=environment, capture_output=True, text=True, timeout=timeout,
    )  # fmt: skip


def documented_production_environment() -> dict[str, str]:
    """The variables of the README's production example, with a real key in place of ..."""
    section = README.read_text().split("## Running in production", 1)[1].split("\n## ", 1)[0]
    example = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    env = dict(re.findall(r"export (CORRIDOR_\w+)=(\S+)", example))
    assert "CORRIDOR_SECRET_KEY" in env and "CORRIDOR_PRODUCTION" in env
    env["CORRIDOR_SECRET_KEY"] = STRONG_KEY
    return env


@pytest.mark.parametrize("host", ["0.0.0.0", "192.0.2.10", "::"])
def test_serving_on_a_public_address_without_a_secret_key_is_refused(tmp_path, host):
    result = corridor(tmp_path, "serve", "--host", host, "--port", "1")
    assert result.returncode == 2, result.stdout + result.stderr
    assert "CORRIDOR_SECRET_KEY" in result.stderr
    assert "is serving" not in result.stdout


def test_a_short_or_the_development_key_is_refused_as_no_key(tmp_path):
    short = corridor(tmp_path, "serve", "--host", "0.0.0.0", CORRIDOR_SECRET_KEY="secret")
    assert short.returncode == 2 and "at least 50 characters" in short.stderr
    dev = corridor(
        tmp_path, "serve", "--host", "0.0.0.0",
        CORRIDOR_SECRET_KEY="corridor-development-key-change-me" * 2,
    )  # fmt: skip
    assert dev.returncode == 2 and "development key" in dev.stderr


def test_debug_on_a_public_address_is_refused(tmp_path):
    result = corridor(
        tmp_path, "serve", "--host", "0.0.0.0", "--port", "1",
        CORRIDOR_SECRET_KEY=STRONG_KEY, CORRIDOR_DEBUG="1",
    )  # fmt: skip
    assert result.returncode == 2
    assert "CORRIDOR_DEBUG" in result.stderr


def test_production_mode_refuses_any_command_without_a_key(tmp_path):
    result = corridor(tmp_path, "manage", "check", CORRIDOR_PRODUCTION="1")
    assert result.returncode == 2
    assert "CORRIDOR_SECRET_KEY" in result.stderr
    assert "Traceback" not in result.stderr


def test_the_server_on_loopback_still_starts_for_development():
    from corridor.cli.serve import refusals

    assert refusals("127.0.0.1", environ={}) == []
    assert refusals("localhost", environ={"CORRIDOR_DEBUG": "1"}) == []
    assert refusals("::1", environ={}) == []
    assert refusals("0.0.0.0", environ={"CORRIDOR_SECRET_KEY": STRONG_KEY}) == []
    assert refusals("example.org", environ={}) != []


def test_check_deploy_is_clean_under_the_documented_production_settings(tmp_path):
    result = corridor(
        tmp_path, "manage", "check", "--deploy", "--fail-level", "WARNING",
        **documented_production_environment(),
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_check_deploy_warns_without_them(tmp_path):
    result = corridor(tmp_path, "manage", "check", "--deploy")
    for warning in ("W004", "W008", "W009", "W012", "W016"):
        assert f"security.{warning}" in result.stderr + result.stdout


def test_the_https_settings_come_from_the_environment():
    from corridor.settings import https_settings

    assert https_settings({}) == {
        "SESSION_COOKIE_SECURE": False,
        "CSRF_COOKIE_SECURE": False,
        "SECURE_SSL_REDIRECT": False,
        "SECURE_HSTS_SECONDS": 0,
        "SECURE_HSTS_INCLUDE_SUBDOMAINS": False,
        "SECURE_HSTS_PRELOAD": False,
        "SECURE_PROXY_SSL_HEADER": None,
        "CSRF_TRUSTED_ORIGINS": [],
    }
    behind_a_proxy = https_settings(
        {
            "CORRIDOR_PRODUCTION": "1",
            "CORRIDOR_PROXY_SSL_HEADER": "X-Forwarded-Proto",
            "CORRIDOR_CSRF_TRUSTED_ORIGINS": "https://corridor.example.org,https://x.example.org",
        }
    )
    assert behind_a_proxy["SESSION_COOKIE_SECURE"] is True
    assert behind_a_proxy["CSRF_COOKIE_SECURE"] is True
    assert behind_a_proxy["SECURE_SSL_REDIRECT"] is True
    assert behind_a_proxy["SECURE_HSTS_SECONDS"] == 31536000
    assert behind_a_proxy["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True
    assert behind_a_proxy["SECURE_PROXY_SSL_HEADER"] == ("HTTP_X_FORWARDED_PROTO", "https")
    assert behind_a_proxy["CSRF_TRUSTED_ORIGINS"] == [
        "https://corridor.example.org",
        "https://x.example.org",
    ]
    plain_http = https_settings({"CORRIDOR_PRODUCTION": "1", "CORRIDOR_HTTPS": "0"})
    assert plain_http["SECURE_SSL_REDIRECT"] is False
    assert plain_http["SECURE_HSTS_SECONDS"] == 0
    shorter = https_settings({"CORRIDOR_HTTPS": "1", "CORRIDOR_HSTS_SECONDS": "3600"})
    assert shorter["SECURE_HSTS_SECONDS"] == 3600


def test_behind_a_proxy_the_forwarded_scheme_counts_and_http_is_redirected(db, client, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_HSTS_SECONDS = 31536000
    plain = client.get("/about-nothing/")
    assert plain.status_code == 301
    assert plain["Location"].startswith("https://")
    secure = client.get("/projects/", headers={"X-Forwarded-Proto": "https"})
    assert secure.status_code == 200
    assert secure["Strict-Transport-Security"].startswith("max-age=31536000")


def test_every_page_says_its_content_security_policy(db, client):
    for path in ("/", "/projects/", "/admin/login/", "/api/v1/docs", "/no-such-page/"):
        policy = client.get(path, follow=True)["Content-Security-Policy"]
        directives = dict(d.strip().split(" ", 1) for d in policy.split(";") if d.strip())
        assert directives["script-src"] == "'self'", path
        assert directives["style-src"] == "'self'", path
        assert directives["frame-ancestors"] == "'none'", path


def test_no_template_has_an_inline_script_or_style_the_policy_would_refuse():
    """The browser tests see the pages they visit; this sees every template."""
    src = Path(__file__).resolve().parents[1] / "src"
    refused = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>|<style\b|\sstyle=|\son[a-z]+=\"", re.I)
    found = [
        f"{path.relative_to(src)}: {match.group(0)}"
        for path in src.rglob("templates/**/*.html")
        for match in refused.finditer(path.read_text())
    ]
    assert found == []
