"""Misconfiguration fails early with a message that says how to fix it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from herald.settings import env

ROOT = Path(__file__).resolve().parents[2]


def test_default_database_is_sqlite_in_wal_mode(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setattr(env, "VAR_DIR", tmp_path)
    config = env.database_config()
    assert config["ENGINE"] == "django.db.backends.sqlite3"
    assert config["NAME"] == str(tmp_path / "herald.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


@pytest.mark.parametrize("url", ["nonsense://whatever", "postgres://", "not a url"])
def test_bad_database_url_says_how_to_fix_it(monkeypatch, url):
    monkeypatch.setenv("DATABASE_URL", url)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.database_config()


def test_postgres_database_url_is_understood(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://herald:pw@db.internal:5432/herald")
    config = env.database_config()
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["NAME"]) == ("db.internal", "herald")


@pytest.mark.parametrize(
    "url, pool, kept_seconds",
    [
        (None, None, 60),
        ("sqlite:////tmp/elsewhere.sqlite3", None, 60),
        ("postgres://herald@db.internal:5432/herald", None, 60),
        ("postgres://herald@db.internal:5432/herald", "8", 0),  # the pool hands them out
    ],
)
def test_each_thread_keeps_its_connection_unless_a_pool_does(
    monkeypatch, tmp_path, url, pool, kept_seconds
):
    monkeypatch.setattr(env, "VAR_DIR", tmp_path)
    for name, value in (("DATABASE_URL", url), ("HERALD_DB_POOL_SIZE", pool)):
        if value is None:
            monkeypatch.delenv(name, raising=False)
        else:
            monkeypatch.setenv(name, value)
    config = env.database_config()
    assert config["CONN_MAX_AGE"] == kept_seconds
    assert config["CONN_HEALTH_CHECKS"] is True  # a connection gone bad is replaced, not used
    assert ("pool" in config.get("OPTIONS", {})) is (pool is not None)


def test_missing_secret_key_is_refused_in_production(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SECRET_KEY is not set"):
        env.secret_key(generate=False)


def test_dev_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.setattr(env, "VAR_DIR", tmp_path)
    first = env.secret_key(generate=True)
    assert len(first) >= 50
    assert env.secret_key(generate=True) == first
    assert (tmp_path / "secret_key").stat().st_mode & 0o077 == 0


def _manage(*args, **extra_env):
    dropped = {"SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}  # the browser tests set the latter
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(extra_env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_secret_key_stops_with_a_clear_message():
    result = _manage("check", DJANGO_SETTINGS_MODULE="herald.settings.production")
    assert result.returncode != 0
    assert "SECRET_KEY is not set" in result.stderr
    assert result.stderr.count("File ") < 15  # a short message, not a deep traceback


def test_bad_database_url_stops_with_a_clear_message():
    result = _manage("check", DJANGO_SETTINGS_MODULE="herald.settings.dev", DATABASE_URL="x://")
    assert result.returncode != 0
    assert "DATABASE_URL" in result.stderr


def test_check_deploy_is_clean_with_production_settings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="herald.settings.production",
        SECRET_KEY="a-long-random-production-key-" + "x" * 40,
        ALLOWED_HOSTS="news.example.org",
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    "prefix, url, channel",
    [
        ("herald", "redis://127.0.0.1:6379/0", "herald:0:live"),
        ("herald", "redis://127.0.0.1:6379/3", "herald:3:live"),
        ("staging", "redis://127.0.0.1:6379", "staging:0:live"),
        ("herald", "", "herald:0:live"),
    ],
)
def test_the_live_channel_is_named_by_the_install_and_its_redis_database(prefix, url, channel):
    """Redis shares pub/sub channels across database numbers: installs must not share one."""
    assert env.live_channel_default(prefix, url) == channel
