"""The foundation: settings, compose file, health, login, navigation per role, error pages."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.db import OperationalError
from django.urls import reverse

from mutasi_asn.akun.roles import Peran

ROOT = Path(__file__).resolve().parent.parent


def test_settings_bahasa_dan_zona_waktu(settings):
    assert settings.LANGUAGE_CODE == "id"
    assert settings.TIME_ZONE == "Asia/Jakarta"


def test_env_example_memuat_setiap_variabel_yang_dibaca_settings():
    dibaca = set()
    for f in (ROOT / "mutasi_asn" / "settings").glob("*.py"):
        dibaca |= set(re.findall(r'env(?:\.\w+)?\(\s*"([A-Z_]+)"', f.read_text()))
    contoh = {
        line.split("=", 1)[0]
        for line in (ROOT / ".env.example").read_text().splitlines()
        if "=" in line and not line.startswith("#")
    }
    assert dibaca - contoh == set()


def test_docker_compose_sesuai_dengan_settings():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    layanan = compose["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(layanan)
    for nama in ("web", "worker", "beat"):
        env = layanan[nama]["environment"]
        assert env["DJANGO_SETTINGS_MODULE"] == "mutasi_asn.settings.production"
        assert env["DATABASE_URL"].startswith("postgres://")
        assert env["REDIS_URL"].startswith("redis://redis:")
        assert layanan[nama]["image"] == layanan["web"]["image"]  # one image
    assert "gunicorn mutasi_asn.wsgi:application" in layanan["web"]["command"]
    assert "celery -A mutasi_asn worker" in layanan["worker"]["command"]
    assert "celery -A mutasi_asn beat" in layanan["beat"]["command"]
    # No secret written into the file: passwords come from the environment.
    teks = (ROOT / "docker-compose.yml").read_text()
    assert "SECRET_KEY" not in teks


def _jalankan_manage(*args, env_tambahan):
    # The browser tests lift Django's async guard for their own thread; production never does.
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    }
    env.update(env_tambahan)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_settings_produksi_mewajibkan_secret_key():
    hasil = _jalankan_manage(
        "check",
        env_tambahan={
            "DJANGO_SETTINGS_MODULE": "mutasi_asn.settings.production",
            "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
            "ALLOWED_HOSTS": "contoh.go.id",
        },
    )
    assert hasil.returncode != 0
    assert "SECRET_KEY" in hasil.stderr


def test_check_deploy_bersih_dengan_variabel_produksi():
    hasil = _jalankan_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        env_tambahan={
            "DJANGO_SETTINGS_MODULE": "mutasi_asn.settings.production",
            "SECRET_KEY": "k" * 20 + "-Xy9!aQ2#pL7&zR4@wN8^mB3*vT6(" + "j" * 20,
            "DATABASE_URL": "sqlite:////tmp/x.sqlite3",
            "ALLOWED_HOSTS": "contoh.go.id",
        },
    )
    assert hasil.returncode == 0, hasil.stdout + hasil.stderr


@pytest.mark.django_db
def test_healthz_sehat(admin_client):
    resp = admin_client.get("/healthz")
    assert resp.status_code == 200
    data = resp.json()
    assert data["status"] in ("ok", "degraded")
    assert data["database"] == "ok"


@pytest.mark.django_db
def test_healthz_untuk_tamu_hanya_status_tanpa_versi_dan_broker(client, django_user_model):
    resp = client.get("/healthz")
    assert resp.status_code == 200
    assert resp.json() == {"status": "ok"}
    # A signed-in user who is not staff gets the same bare answer.
    client.force_login(django_user_model.objects.create_user("pengguna_biasa", password="x"))
    assert client.get("/healthz").json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_503_saat_database_mati(client, monkeypatch):
    from mutasi_asn import health

    class KursorMati:
        def __enter__(self):
            raise OperationalError("server closed the connection")

        def __exit__(self, *a):
            return False

    monkeypatch.setattr(health.connection, "cursor", lambda: KursorMati())
    resp = client.get("/healthz")
    assert resp.status_code == 503
    assert resp.json() == {"status": "down"}


@pytest.mark.django_db
def test_halaman_masuk_berbahasa_indonesia(client):
    resp = client.get(reverse("login"))
    teks = resp.content.decode()
    assert resp.status_code == 200
    assert "Masuk" in teks and "Nama pengguna" in teks and "Sandi" in teks


@pytest.mark.django_db
def test_tamu_diarahkan_ke_halaman_masuk(client):
    resp = client.get(reverse("pegawai:pegawai_list"))
    assert resp.status_code == 302
    assert reverse("login") in resp["Location"]


@pytest.mark.django_db
def test_masuk_dan_keluar(client, pengguna_peran):
    user = pengguna_peran[Peran.BKPSDM]
    resp = client.post(reverse("login"), {"username": user.username, "password": "rahasia-uji-123"})
    assert resp.status_code == 302
    assert client.get(reverse("beranda")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("beranda")).status_code == 302


@pytest.mark.django_db
def test_kata_sandi_salah_diberi_pesan(client, pengguna_peran):
    user = pengguna_peran[Peran.BKPSDM]
    resp = client.post(reverse("login"), {"username": user.username, "password": "salah"})
    assert resp.status_code == 200
    assert "benar" in resp.content.decode()  # "Masukkan nama pengguna dan sandi yang benar"


@pytest.mark.django_db
def test_halaman_404_bergaya_aplikasi(client, pengguna_peran, settings):
    settings.DEBUG = False
    client.force_login(pengguna_peran[Peran.BKPSDM])
    resp = client.get("/tidak-ada/")
    assert resp.status_code == 404
    assert "Halaman tidak ditemukan" in resp.content.decode()


@pytest.mark.django_db
def test_halaman_500_berdiri_sendiri(client):
    from mutasi_asn.pages import galat_500

    resp = galat_500(None)
    assert resp.status_code == 500
    assert "terjadi kesalahan" in resp.content.decode()


MENU_PER_PERAN = {
    Peran.ADMIN: {"Pegawai", "Admin"},
    Peran.BKPSDM: {"Pegawai", "Jabatan"},
    Peran.OPERATOR_OPD: {"Pegawai"},
    Peran.KEPALA_OPD: {"Pegawai"},
    Peran.TIM_PENILAI: {"Pegawai"},
    Peran.PPK: {"Pegawai"},
}


@pytest.mark.django_db
@pytest.mark.parametrize("peran", list(MENU_PER_PERAN))
def test_navigasi_menurut_peran(client, pengguna_peran, peran):
    client.force_login(pengguna_peran[peran])
    teks = client.get(reverse("beranda")).content.decode()
    for label in MENU_PER_PERAN[peran]:
        assert f"</i> {label}</a>" in teks
    assert Peran(peran).label in teks
    if peran != Peran.ADMIN:
        assert "</i> Admin</a>" not in teks


@pytest.mark.django_db
def test_pengguna_tanpa_peran_tidak_melihat_menu(client, buat_pengguna):
    client.force_login(buat_pengguna(None))
    teks = client.get(reverse("beranda")).content.decode()
    assert "Tanpa peran" in teks
    assert "dropdown-item" not in teks.split("menu-pengguna")[0]


def test_aset_pihak_ketiga_dari_npm_bukan_cdn():
    base = (ROOT / "templates" / "base.html").read_text()
    assert "cdn" not in base.lower() and "https://" not in base
    assert (ROOT / "package-lock.json").exists()
    for p in ("bootstrap/dist/css", "bootstrap-icons/font", "htmx.org/dist", "chart.js/dist"):
        assert (ROOT / "node_modules" / p).is_dir(), f"npm ci belum dijalankan: {p}"
