"""Settings from the environment and `.env`, each read in a fresh interpreter."""

import json
import subprocess
import sys

import pytest
from django.conf import settings

BASE_DIR = settings.BASE_DIR
SHOW = """
import json, django
django.setup()
from django.conf import settings as s
print(json.dumps({
    "DEBUG": s.DEBUG,
    "ALLOWED_HOSTS": s.ALLOWED_HOSTS,
    "ENGINE": s.DATABASES["default"]["ENGINE"],
    "NAME": str(s.DATABASES["default"]["NAME"]),
    "SEEDS_DIR": str(s.SEEDS_DIR),
    "LOG_LEVEL": s.LOGGING["root"]["level"],
}))
"""


def load_settings(cwd, environ=None, *, dotenv=None) -> subprocess.CompletedProcess:
    """Import the settings with only `environ` set, in `cwd`, with `dotenv` as the .env file."""
    environment = {
        "PATH": "/usr/bin:/bin",
        "PYTHONPATH": str(BASE_DIR),
        "DJANGO_SETTINGS_MODULE": "config.settings",
        **(environ or {}),
    }
    if dotenv is not None:
        (cwd / "test.env").write_text(dotenv)
        environment["ENV_FILE"] = str(cwd / "test.env")
    return subprocess.run(
        [sys.executable, "-c", SHOW], cwd=cwd, env=environment, capture_output=True, text=True
    )


def shown(result: subprocess.CompletedProcess) -> dict:
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def example_values() -> dict[str, str]:
    lines = (BASE_DIR / ".env.example").read_text().splitlines()
    return dict(line.split("=", 1) for line in lines if line and not line.startswith("#"))


@pytest.mark.parametrize("where", ["exported", "as .env"])
def test_the_example_gives_the_development_set_up(tmp_path, where):
    if where == "exported":
        result = load_settings(tmp_path, example_values(), dotenv="")
    else:
        result = load_settings(tmp_path, dotenv=(BASE_DIR / ".env.example").read_text())
    values = shown(result)
    # Its empty DATABASE_URL and SEEDS_DIR are unset, not SQLite "" or the current folder.
    assert values["ENGINE"] == "django.db.backends.sqlite3"
    assert values["NAME"] == str(BASE_DIR / "db.sqlite3")
    assert values["SEEDS_DIR"] == str(BASE_DIR / "seeds")
    assert values["DEBUG"] is True
    assert values["ALLOWED_HOSTS"] == ["127.0.0.1", "localhost"]


def test_dotenv_values_are_read_and_the_environment_wins(tmp_path):
    dotenv = f"DATABASE_URL=sqlite:///{tmp_path}/other.sqlite3\nLOG_LEVEL=INFO\nSEEDS_DIR=/srv/s\n"
    values = shown(load_settings(tmp_path, {"LOG_LEVEL": "ERROR", "SEEDS_DIR": ""}, dotenv=dotenv))
    assert values["NAME"] == f"{tmp_path}/other.sqlite3"
    assert values["LOG_LEVEL"] == "ERROR"
    assert values["SEEDS_DIR"] == "/srv/s"  # an empty variable is unset, so the file's applies


def test_a_dotenv_in_the_current_folder_is_not_read(tmp_path):
    (tmp_path / ".env").write_text("LOG_LEVEL=CRITICAL\n")
    assert shown(load_settings(tmp_path))["LOG_LEVEL"] != "CRITICAL"


def test_env_file_must_name_a_file(tmp_path):
    result = load_settings(tmp_path, {"ENV_FILE": str(tmp_path / "missing.env")})
    assert result.returncode != 0
    assert "ImproperlyConfigured: ENV_FILE names" in result.stderr


@pytest.mark.parametrize(
    ("environ", "missing"),
    [
        ({"SECRET_KEY": "k" * 50}, "ALLOWED_HOSTS"),
        ({"SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": " , "}, "ALLOWED_HOSTS"),
        ({"ALLOWED_HOSTS": "timeline.example.org"}, "SECRET_KEY"),
        ({}, "SECRET_KEY and ALLOWED_HOSTS"),
    ],
)
def test_debug_off_refuses_to_start_without_a_key_and_hosts(tmp_path, environ, missing):
    result = load_settings(tmp_path, {"DEBUG": "false", **environ}, dotenv="")
    assert result.returncode != 0
    assert (
        f"ImproperlyConfigured: {missing} must be set when DEBUG is off (see .env.example)."
        in result.stderr
    )


def test_debug_off_with_a_key_and_hosts_starts(tmp_path):
    environ = {"DEBUG": "false", "SECRET_KEY": "k" * 50, "ALLOWED_HOSTS": "timeline.example.org"}
    values = shown(load_settings(tmp_path, environ, dotenv=""))
    assert values["DEBUG"] is False
    assert values["ALLOWED_HOSTS"] == ["timeline.example.org"]
