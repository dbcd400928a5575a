import pytest
from django.db import OperationalError
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthy_when_database_and_cache_answer(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "ok",
        "checks": {"database": "ok", "cache": "ok", "worker": "ok"},
    }
    assert "no-cache" in response.headers["Cache-Control"]


@pytest.mark.parametrize(
    "backend",
    ["django.core.cache.backends.redis.RedisCache", "delivery.redis_cache.ResilientRedisCache"],
)
def test_degraded_but_serving_when_the_cache_is_unreachable(client, backend):
    unreachable = {"BACKEND": backend, "LOCATION": "redis://127.0.0.1:1/0"}  # nothing on port 1
    with override_settings(CACHES={"default": unreachable, "pages": unreachable}):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {
        "status": "degraded",
        "checks": {"database": "ok", "cache": "unreachable", "worker": "ok"},
    }


def test_503_when_the_database_is_unreachable(client, monkeypatch):
    from django.db import connection

    def broken_cursor(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["checks"]["database"] == "unreachable"


def test_degraded_when_an_embedded_worker_thread_has_stopped(client, monkeypatch):
    from worker import services

    class Stopped:
        alive = False

    class Running:
        alive = True

    monkeypatch.setattr(
        services, "_supervised", {"herald-tasks": Stopped(), "herald-scheduler": Running()}
    )
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["checks"]["worker"] == "stopped: herald-tasks"
