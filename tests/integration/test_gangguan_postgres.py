"""Fault: PostgreSQL restarted under a running gunicorn. Requests during the outage fail
cleanly (503 from /healthz, no hang), and the first request after PostgreSQL is back succeeds
without restarting gunicorn: persistent connections are health-checked (CONN_HEALTH_CHECKS).

It never touches the machine's shared PostgreSQL: it starts a throwaway cluster of its own
(initdb in a temporary folder, as the `postgres` system user, on a free port) and stops it.
"""

import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent.parent
BIN_PG = Path("/usr/lib/postgresql/15/bin")


def _port_bebas() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _sebagai_postgres(*perintah, **kw):
    awal = [] if os.geteuid() != 0 else ["runuser", "-u", "postgres", "--"]
    return subprocess.run([*awal, *map(str, perintah)], check=True, capture_output=True, **kw)


@pytest.fixture
def postgres_sekali_pakai():
    if not (BIN_PG / "initdb").exists() or (os.geteuid() == 0 and not shutil.which("runuser")):
        pytest.skip("initdb PostgreSQL 15 tidak tersedia untuk klaster uji sekali pakai")
    # Not under pytest's tmp folder: root's is closed to the postgres user.
    akar = Path(tempfile.mkdtemp(prefix="pg-gangguan-"))
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(akar, pw.pw_uid, pw.pw_gid)
    data = akar / "data"
    port = _port_bebas()
    _sebagai_postgres(BIN_PG / "initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8")
    ctl = [
        BIN_PG / "pg_ctl",
        "-D",
        data,
        "-o",
        f"-p {port} -k {data.parent} -c listen_addresses=127.0.0.1",
        "-w",
    ]

    def mulai():
        _sebagai_postgres(*ctl, "-l", data.parent / "log.txt", "start")

    def berhenti():
        _sebagai_postgres(*ctl, "-m", "fast", "stop")

    mulai()
    try:
        yield {"port": port, "mulai": mulai, "berhenti": berhenti}
    finally:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *map(str, ctl), "-m", "immediate", "stop"]
            if os.geteuid() == 0
            else [*map(str, ctl), "-m", "immediate", "stop"],
            capture_output=True,
        )
        shutil.rmtree(akar, ignore_errors=True)


def _minta(url, batas=10):
    try:
        with urllib.request.urlopen(url, timeout=batas) as r:
            return r.status
    except urllib.error.HTTPError as e:
        return e.code


@pytest.fixture
def gunicorn(postgres_sekali_pakai, tmp_path):
    port = _port_bebas()
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_ALLOW_ASYNC_UNSAFE"}
    env.update(
        DJANGO_SETTINGS_MODULE="mutasi_asn.settings.production",
        SECRET_KEY="uji-gangguan-" + "x" * 40,
        ALLOWED_HOSTS="127.0.0.1",
        SECURE_SSL_REDIRECT="false",
        DATABASE_URL=f"postgres://postgres@127.0.0.1:{postgres_sekali_pakai['port']}/postgres",
        CONN_MAX_AGE="600",
        REDIS_URL="",
        CELERY_TASK_ALWAYS_EAGER="true",
    )
    log = (tmp_path / "gunicorn.log").open("w")
    proses = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "mutasi_asn.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "1",
            "--timeout",
            "30",
        ],
        cwd=ROOT,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}/healthz"
    batas = time.monotonic() + 90
    while time.monotonic() < batas:
        try:
            if _minta(url, 2) == 200:
                break
        except OSError:
            time.sleep(0.5)
    else:
        proses.kill()
        pytest.fail("gunicorn tidak menjawab: " + (tmp_path / "gunicorn.log").read_text()[-2000:])
    try:
        yield url
    finally:
        proses.terminate()
        proses.wait(timeout=30)


def test_postgres_dimulai_ulang_permintaan_pulih_tanpa_restart_gunicorn(
    postgres_sekali_pakai, gunicorn
):
    assert _minta(gunicorn) == 200  # the worker now holds a persistent connection
    postgres_sekali_pakai["berhenti"]()
    postgres_sekali_pakai["mulai"]()
    # The very first request after the restart succeeds: the dead connection is noticed by
    # the health check and replaced, not used and failed (without CONN_HEALTH_CHECKS: a 503).
    assert _minta(gunicorn) == 200
    assert [_minta(gunicorn) for _ in range(3)] == [200] * 3


def test_selama_postgres_mati_jawaban_bersih_lalu_pulih(postgres_sekali_pakai, gunicorn):
    assert _minta(gunicorn) == 200
    postgres_sekali_pakai["berhenti"]()
    mulai = time.monotonic()
    assert _minta(gunicorn) == 503  # down: a clean answer, quickly
    assert time.monotonic() - mulai < 10
    postgres_sekali_pakai["mulai"]()
    assert [_minta(gunicorn) for _ in range(3)] == [200] * 3
