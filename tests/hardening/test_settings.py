"""Production settings built from the environment, checked in a fresh interpreter per case."""

import json
import os
import runpy
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

PROJECT = Path(__file__).resolve().parents[2]
SECRET = "x" * 50

PROBE = """
import json
from ess_site.settings import production as p
print(json.dumps({
    "ALLOWED_HOSTS": p.ALLOWED_HOSTS,
    "CSRF_TRUSTED_ORIGINS": p.CSRF_TRUSTED_ORIGINS,
    "DATABASE": p.DATABASES["default"],
    "CACHE": p.CACHES["default"],
    "SESSION_ENGINE": p.SESSION_ENGINE,
    "STATICFILES": p.STORAGES["staticfiles"]["BACKEND"],
    "MIDDLEWARE": p.MIDDLEWARE,
    "LOG_FORMATTER": p.LOGGING["formatters"]["json"]["()"],
    "LOG_STREAM": p.LOGGING["handlers"]["stdout"]["stream"],
    "SECURE_PROXY_SSL_HEADER": p.SECURE_PROXY_SSL_HEADER,
    "SECURE_HSTS_SECONDS": p.SECURE_HSTS_SECONDS,
    "SESSION_COOKIE_SECURE": p.SESSION_COOKIE_SECURE,
    "CSRF_COOKIE_SECURE": p.CSRF_COOKIE_SECURE,
}, default=str))
"""


def production_settings(**env):
    environment = {
        "PATH": os.environ["PATH"],
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "ess.example.org",
        **env,
    }
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", PROBE],
        cwd=PROJECT,
        env=environment,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_postgresql_uses_the_connection_pool_with_health_checks():
    config = production_settings(
        DATABASE_URL="postgres://ess@db.internal:5432/ess", DATABASE_POOL_MAX_SIZE="6"
    )
    database = config["DATABASE"]
    assert database["ENGINE"] == "django.db.backends.postgresql"
    assert database["HOST"] == "db.internal"
    assert database["OPTIONS"]["pool"] == {"min_size": 1, "max_size": 6, "timeout": 5.0}
    assert database["CONN_HEALTH_CHECKS"] is True
    # Django refuses a pool combined with persistent connections.
    assert database["CONN_MAX_AGE"] == 0


def test_sqlite_gets_no_pool():
    config = production_settings(DATABASE_URL="sqlite:////tmp/ess.sqlite3")
    assert "pool" not in config["DATABASE"].get("OPTIONS", {})


def test_redis_url_selects_the_shared_redis_cache():
    config = production_settings(REDIS_URL="redis://cache.internal:6379/2")
    assert config["CACHE"]["BACKEND"] == "core.cache.ResilientRedisCache"
    assert config["CACHE"]["LOCATION"] == "redis://cache.internal:6379/2"
    assert config["SESSION_ENGINE"] == "django.contrib.sessions.backends.cached_db"


def test_without_redis_the_cache_is_local_memory():
    config = production_settings()
    assert config["CACHE"]["BACKEND"] == "django.core.cache.backends.locmem.LocMemCache"


def test_hosts_and_trusted_origins_come_from_the_environment():
    config = production_settings(
        ALLOWED_HOSTS="ess.example.org,www.ess.example.org",
        CSRF_TRUSTED_ORIGINS="https://ess.example.org,https://www.ess.example.org",
    )
    assert config["ALLOWED_HOSTS"] == ["ess.example.org", "www.ess.example.org"]
    assert config["CSRF_TRUSTED_ORIGINS"] == [
        "https://ess.example.org",
        "https://www.ess.example.org",
    ]


def test_https_only_behind_the_proxy():
    config = production_settings()
    assert config["SECURE_PROXY_SSL_HEADER"] == ["HTTP_X_FORWARDED_PROTO", "https"]
    assert config["SECURE_HSTS_SECONDS"] == 31_536_000
    assert config["SESSION_COOKIE_SECURE"] and config["CSRF_COOKIE_SECURE"]


def test_static_files_are_served_compressed_and_hashed_by_whitenoise():
    config = production_settings()
    assert config["STATICFILES"] == "whitenoise.storage.CompressedManifestStaticFilesStorage"
    middleware = config["MIDDLEWARE"]
    # WhiteNoise right after SecurityMiddleware, so static files get the security headers too
    # but skip sessions, authentication and the database.
    security = middleware.index("django.middleware.security.SecurityMiddleware")
    assert middleware[security + 1] == "whitenoise.middleware.WhiteNoiseMiddleware"


def test_logs_go_to_stdout_as_json_lines():
    config = production_settings()
    assert config["LOG_FORMATTER"] == "core.logging.JsonFormatter"
    assert config["LOG_STREAM"] == "ext://sys.stdout"


def test_missing_secret_key_stops_production_start():
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", "import ess_site.settings.production"],
        cwd=PROJECT,
        env={"PATH": os.environ["PATH"]},
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.parametrize(
    ("env", "workers", "max_requests"),
    [({}, os.cpu_count() * 2 + 1, 1000), ({"WEB_CONCURRENCY": "3"}, 3, 1000)],
)
def test_gunicorn_workers_and_recycling_from_the_environment(
    monkeypatch, env, workers, max_requests
):
    monkeypatch.delenv("WEB_CONCURRENCY", raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    config = runpy.run_path(str(PROJECT / "gunicorn.conf.py"))
    assert config["workers"] == workers
    assert config["max_requests"] == max_requests
    assert 0 < config["max_requests_jitter"] < config["max_requests"]
    assert config["timeout"] == 30
    assert config["wsgi_app"] == "ess_site.wsgi:application"


def test_admin_sessions_last_one_working_day():
    assert settings.SESSION_COOKIE_AGE == 8 * 60 * 60


def redis_reachable():
    try:
        socket.create_connection(("127.0.0.1", 6379), timeout=0.5).close()
    except OSError:
        return False
    return True


@pytest.mark.skipif(not redis_reachable(), reason="Redis n'écoute pas sur 127.0.0.1:6379")
def test_the_redis_cache_really_stores_and_expires_entries():
    script = """
import django
django.setup()
from django.core.cache import cache
cache.set("hardening-probe", "valeur", timeout=60)
print(cache.get("hardening-probe"))
cache.delete("hardening-probe")
print(cache.get("hardening-probe"))
"""
    result = subprocess.run(  # noqa: S603 - fixed interpreter and script
        [sys.executable, "-c", script],
        cwd=PROJECT,
        env={
            "PATH": os.environ["PATH"],
            "DJANGO_SETTINGS_MODULE": "ess_site.settings.production",
            "SECRET_KEY": SECRET,
            # Database 5 of the local Redis is reserved for these tests.
            "REDIS_URL": "redis://127.0.0.1:6379/5",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    # Earlier lines are the JSON logs of start-up.
    assert result.stdout.splitlines()[-2:] == ["valeur", "None"]
