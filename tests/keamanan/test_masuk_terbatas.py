"""Issue 13, finding 7: a login robot. Wrong passwords lock the sign-in (django-axes, counted
in the database so every gunicorn worker sees them) with an Indonesian page, an administrator
unlocks; wrong API tokens are throttled, and so is the API per user."""

import pytest
from axes.models import AccessAttempt
from django.urls import reverse
from rest_framework import throttling
from rest_framework.authtoken.models import Token

pytestmark = pytest.mark.django_db
SANDI = "rahasia-uji-123"  # PenggunaFactory's


def _gagal(client, url, username, kali):
    for _ in range(kali):
        resp = client.post(url, {"username": username, "password": "tebakan-salah"})
        assert resp.status_code in (200, 429)
    return resp


@pytest.mark.parametrize("url", ["/masuk/", "/admin/login/"])
def test_lima_sandi_salah_mengunci_dan_sandi_benar_pun_ditolak(client, kota, url):
    user = kota.admin
    resp = _gagal(client, url, user.username, 5)
    assert resp.status_code == 429
    resp = client.post(url, {"username": user.username, "password": SANDI})
    assert resp.status_code == 429
    isi = resp.content.decode()
    assert "Akun dikunci sementara" in isi
    assert "Coba lagi setelah 15 menit" in isi
    assert "_auth_user_id" not in client.session
    # Counted in the database: every worker process reads the same rows.
    assert AccessAttempt.objects.filter(username=user.username, failures_since_start__gte=5)


def test_salah_empat_kali_lalu_benar_tetap_masuk_dan_hitungan_direset(client, kota):
    _gagal(client, "/masuk/", kota.operator_a.username, 4)
    resp = client.post("/masuk/", {"username": kota.operator_a.username, "password": SANDI})
    assert resp.status_code == 302
    assert not AccessAttempt.objects.filter(username=kota.operator_a.username).exists()


def test_kunci_satu_nama_pengguna_tidak_mengunci_rekan_di_alamat_yang_sama(client, kota):
    _gagal(client, "/masuk/", kota.operator_a.username, 6)
    resp = client.post("/masuk/", {"username": kota.operator_b.username, "password": SANDI})
    assert resp.status_code == 302


def test_administrator_membuka_kunci_dengan_menghapus_upaya_akses(client, kota):
    _gagal(client, "/masuk/", kota.operator_a.username, 5)
    upaya = AccessAttempt.objects.get(username=kota.operator_a.username)
    admin = type(client)()
    admin.force_login(kota.admin)
    daftar = admin.get(reverse("admin:axes_accessattempt_changelist"))
    assert kota.operator_a.username in daftar.content.decode()
    resp = admin.post(reverse("admin:axes_accessattempt_delete", args=[upaya.pk]), {"post": "yes"})
    assert resp.status_code == 302
    resp = client.post("/masuk/", {"username": kota.operator_a.username, "password": SANDI})
    assert resp.status_code == 302


def test_token_salah_berulang_dibatasi_per_alamat(client, kota):
    benar = Token.objects.create(user=kota.bkpsdm).key
    for _ in range(10):
        resp = client.get("/api/v1/pegawai/", HTTP_AUTHORIZATION="Token " + "0" * 40)
        assert resp.status_code == 401
    resp = client.get("/api/v1/pegawai/", HTTP_AUTHORIZATION="Token " + "1" * 40)
    assert resp.status_code == 429
    assert "Terlalu banyak token yang salah" in resp.json()["detail"]
    assert int(resp["Retry-After"]) > 0
    # The robot's address waits even with a right token; another address does not.
    assert client.get("/api/v1/pegawai/", HTTP_AUTHORIZATION=f"Token {benar}").status_code == 429
    resp = client.get(
        "/api/v1/pegawai/", HTTP_AUTHORIZATION=f"Token {benar}", REMOTE_ADDR="10.20.30.40"
    )
    assert resp.status_code == 200


def test_token_benar_tidak_pernah_dihitung(client, kota):
    benar = Token.objects.create(user=kota.bkpsdm).key
    for _ in range(15):
        assert (
            client.get("/api/v1/instansi/", HTTP_AUTHORIZATION=f"Token {benar}").status_code == 200
        )


def test_api_dibatasi_per_pengguna(client, kota, monkeypatch):
    monkeypatch.setattr(throttling.UserRateThrottle, "THROTTLE_RATES", {"user": "3/min"})
    client.force_login(kota.operator_a)
    for _ in range(3):
        assert client.get("/api/v1/instansi/").status_code == 200
    resp = client.get("/api/v1/instansi/")
    assert resp.status_code == 429
    # Another user has their own count.
    client.force_login(kota.operator_b)
    assert client.get("/api/v1/instansi/").status_code == 200
