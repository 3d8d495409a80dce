"""Integration tests: PostgreSQL, real Redis and a real Celery worker process.

They skip, saying what is missing, unless DATABASE_URL points at PostgreSQL and REDIS_URL is
set (`.ci/run` sets both). The worker is a separate `celery worker` process that reads the
same test database, so tests use `transactional_db` and commit their data.
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

ROOT = Path(__file__).resolve().parent.parent.parent


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/integration/" in str(item.fspath):
            item.add_marker(pytest.mark.integration)


@pytest.fixture
def butuh_postgres_redis():
    if not os.environ.get("REDIS_URL"):
        pytest.skip("REDIS_URL tidak diset: uji integrasi butuh Redis dan worker Celery sungguhan")
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL bukan PostgreSQL: uji integrasi butuh PostgreSQL")


def _url_database_uji() -> str:
    d = connection.settings_dict
    host = d.get("HOST") or "127.0.0.1"
    port = d.get("PORT") or 5432
    sandi = f":{d['PASSWORD']}" if d.get("PASSWORD") else ""
    return f"postgres://{d['USER']}{sandi}@{host}:{port}/{d['NAME']}"


@pytest.fixture
def celery_worker_proses(butuh_postgres_redis, transactional_db, tmp_path):
    """Start `celery -A mutasi_asn worker` against the test database; yield a control handle."""
    from mutasi_asn.celery import app

    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "mutasi_asn.settings.test",
            "DATABASE_URL": _url_database_uji(),
            "CELERY_TASK_ALWAYS_EAGER": "false",
        }
    )
    nama = f"uji-{os.getpid()}-{time.monotonic_ns()}@localhost"
    log = tmp_path / "worker.log"
    # Start from an empty queue so tasks left over by an earlier test cannot interfere.
    app.control.purge()
    proses = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "celery",
            "-A",
            "mutasi_asn",
            "worker",
            "--pool=solo",
            "--loglevel=INFO",
            "--without-gossip",
            "--without-mingle",
            "-n",
            nama,
        ],
        cwd=ROOT,
        env=env,
        stdout=log.open("w"),
        stderr=subprocess.STDOUT,
    )
    batas = time.monotonic() + 60
    while time.monotonic() < batas:
        if proses.poll() is not None:
            pytest.fail(f"worker Celery berhenti saat mulai:\n{log.read_text()}")
        if app.control.ping(destination=[nama], timeout=1.0):
            break
    else:
        proses.kill()
        pytest.fail(f"worker Celery tidak menjawab dalam 60 detik:\n{log.read_text()}")

    eager_lama = app.conf.task_always_eager
    app.conf.task_always_eager = False
    settings.CELERY_TASK_ALWAYS_EAGER = False
    try:
        yield {"nama": nama, "proses": proses, "log": log, "app": app}
    finally:
        app.conf.task_always_eager = eager_lama
        settings.CELERY_TASK_ALWAYS_EAGER = eager_lama
        proses.terminate()
        try:
            proses.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proses.kill()


def tunggu(kondisi, batas_detik=30, jeda=0.2):
    """Poll `kondisi()` until it is truthy; return its value or fail with a clear message."""
    batas = time.monotonic() + batas_detik
    while time.monotonic() < batas:
        hasil = kondisi()
        if hasil:
            return hasil
        time.sleep(jeda)
    pytest.fail(f"kondisi tidak terpenuhi dalam {batas_detik} detik")
