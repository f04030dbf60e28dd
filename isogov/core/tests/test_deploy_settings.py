"""Production settings from the environment, read the way a server starts: in a fresh Python process.

The settings module runs once per process, so each case starts `isogov` in a subprocess with a clean
environment (never the variables of the machine running the tests).
"""
import json
import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

README = Path(__file__).resolve().parents[3] / "README.md"
SHOW_SETTINGS = """
import json
from django.conf import settings
print(json.dumps({name: getattr(settings, name) for name in (
    "DEBUG", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS", "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD",
    "SECURE_PROXY_SSL_HEADER", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "ALLOWED_HOSTS", "SECRET_KEY")}))
"""


def isogov(tmp_path, *args: str, env: dict[str, str], code: str | None = None) -> subprocess.CompletedProcess:
    clean = {key: os.environ[key] for key in ("PATH", "HOME", "LANG", "SYSTEMROOT") if key in os.environ}
    clean.update({"ISOGOV_VAR_DIR": str(tmp_path / "var"), "DJANGO_SETTINGS_MODULE": "isogov.settings", **env})
    if code is None:
        code = "import sys; from isogov.cli import main; sys.exit(main(['isogov', *sys.argv[1:]]))"
    else:
        code = "import django; django.setup()\n" + code
    return subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, env=clean,
                          timeout=120, cwd=tmp_path)


def production_variables() -> dict[str, str]:
    """The README's production example, with a real secret in place of its placeholder."""
    text = README.read_text(encoding="utf-8")
    block = re.search(r"## Production.*?```sh\n(.*?)```", text, re.S)
    assert block, "the README has a '## Production' section with an ```sh block of variables"
    variables = {}
    for line in block.group(1).splitlines():
        line = line.split(" #", 1)[0].strip()
        if line and not line.startswith("#"):
            name, _, value = line.partition("=")
            variables[name] = value
    variables["SECRET_KEY"] = secrets.token_urlsafe(50)
    variables.pop("DATABASE_URL", None)  # the example's server is not there; the checks need no database
    return variables


def test_without_secret_key_and_debug_off_the_server_refuses_to_start(tmp_path):
    result = isogov(tmp_path, "check", env={})
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr and "ISOGOV_DEMO" in result.stderr


def test_the_demo_and_debug_may_use_the_local_key(tmp_path):
    for env in ({"ISOGOV_DEMO": "1"}, {"DEBUG": "1"}):
        result = isogov(tmp_path, "check", env=env)
        assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("name,value", [("DEBUG", "ture"), ("SECURE_SSL_REDIRECT", "yes please"),
                                        ("ISOGOV_DEMO", "2")])
def test_a_mistyped_boolean_stops_the_start(tmp_path, name, value):
    result = isogov(tmp_path, "check", env={"SECRET_KEY": secrets.token_urlsafe(50), name: value})
    assert result.returncode != 0
    assert name in result.stderr and repr(value) in result.stderr


def test_a_mistyped_number_stops_the_start(tmp_path):
    result = isogov(tmp_path, "check", env={"ISOGOV_DEMO": "1", "SECURE_HSTS_SECONDS": "1y"})
    assert result.returncode != 0 and "SECURE_HSTS_SECONDS" in result.stderr


def test_check_deploy_is_clean_with_the_documented_production_variables(tmp_path):
    result = isogov(tmp_path, "check", "--deploy", "--fail-level", "DEBUG", env=production_variables())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_documented_variables_reach_the_settings(tmp_path):
    variables = production_variables()
    result = isogov(tmp_path, env=variables, code=SHOW_SETTINGS)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["DEBUG"] is False and values["SECRET_KEY"] == variables["SECRET_KEY"]
    assert values["SECURE_SSL_REDIRECT"] is True and values["SECURE_HSTS_SECONDS"] >= 31_536_000
    assert values["SECURE_HSTS_INCLUDE_SUBDOMAINS"] is True and values["SECURE_HSTS_PRELOAD"] is True
    assert values["SESSION_COOKIE_SECURE"] is True and values["CSRF_COOKIE_SECURE"] is True
    # Behind the proxy, HTTPS is known from the header the proxy sets.
    assert values["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    # Every variable of the example is in the README's settings table.
    table = README.read_text(encoding="utf-8").split("## Settings", 1)[1].split("## Production", 1)[0]
    for name in variables:
        assert f"`{name}`" in table


def test_without_a_proxy_no_forwarded_header_is_trusted(tmp_path):
    result = isogov(tmp_path, env={"ISOGOV_DEMO": "1"}, code=SHOW_SETTINGS)
    assert result.returncode == 0, result.stderr
    values = json.loads(result.stdout)
    assert values["SECURE_PROXY_SSL_HEADER"] is None and values["DEBUG"] is False


def test_isogov_demo_runs_on_the_development_key_by_itself(tmp_path):
    result = isogov(tmp_path, "demo", "--help", env={})
    assert result.returncode == 0, result.stderr
