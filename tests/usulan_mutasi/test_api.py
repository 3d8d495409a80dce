"""/api/v1/usulan/: list, create, detail and the workflow actions, with scope and messages."""

import datetime

import pytest

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
    dokumen_lengkap,
)
from usulan_mutasi.choices import StatusUsulan
from usulan_mutasi.models import PeristiwaUsulan, UsulanMutasi

S = StatusUsulan
URL = "/api/v1/usulan/"


@pytest.fixture
def data(pengguna_peran, buat_pengguna, instansi_a, instansi_b):
    jab_a = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_a))
    jab_b = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_b))
    return {
        "jab_a": jab_a,
        "jab_b": jab_b,
        "pegawai": PegawaiFactory(jabatan=jab_a, tmt_jabatan=datetime.date(2020, 1, 1)),
        "kepala_b": buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_b),
        **{str(k): v for k, v in pengguna_peran.items()},
    }


def masuk(client, user):
    client.force_login(user)
    return client


def test_alur_lewat_api_dari_buat_sampai_disetujui(client, data):
    operator = masuk(client, data["operator_opd"])
    resp = operator.post(
        URL,
        {
            "pegawai": data["pegawai"].pk,
            "jenis": "antar_opd",
            "alasan": "pemerataan",
            "jabatan_tujuan": data["jab_b"].pk,
        },
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    usulan = resp.json()
    assert usulan["status"] == "draf" and usulan["nomor"].startswith("UM/")
    assert usulan["instansi_asal"]["id"] == data["jab_a"].unit_kerja.instansi_id
    pk = usulan["id"]

    resp = operator.post(f"{URL}{pk}/ajukan/", {}, content_type="application/json")
    assert resp.status_code == 400
    assert "justifikasi" in resp.content.decode()
    resp = operator.post(
        f"{URL}{pk}/ajukan/",
        {"justifikasi_peringatan": "Kebutuhan mendesak."},
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["status"] == "diajukan"
    dokumen_lengkap(UsulanMutasi.objects.get(pk=pk), data["bkpsdm"])

    for user, status in [
        ("bkpsdm", "persetujuan_asal"),
        ("kepala_opd", "persetujuan_tujuan"),
        ("kepala_b", "pertimbangan_tim"),
        ("tim_penilai", "keputusan_ppk"),
        ("ppk", "disetujui"),
    ]:
        resp = masuk(client, data[user]).post(f"{URL}{pk}/setujui/", {"catatan": "Setuju."})
        assert resp.status_code == 200, (user, resp.content)
        assert resp.json()["status"] == status

    detail = masuk(client, data["ppk"]).get(f"{URL}{pk}/").json()
    assert [p["aksi"] for p in detail["peristiwa"]][-1] == "diputuskan"
    assert len(detail["peristiwa"]) == 7


def test_aksi_oleh_yang_tidak_berhak_403_dengan_pesan(client, data):
    u = UsulanMutasiFactory(
        pegawai=data["pegawai"], jabatan_tujuan=data["jab_b"], status=S.DIAJUKAN
    )
    resp = masuk(client, data["kepala_opd"]).post(f"{URL}{u.pk}/setujui/")
    assert resp.status_code == 403
    assert "hanya dapat diputuskan oleh Staf BKPSDM" in resp.json()["detail"]


def test_aksi_yang_tidak_mungkin_pada_status_ini_400(client, data):
    u = UsulanMutasiFactory(pegawai=data["pegawai"], jabatan_tujuan=data["jab_b"], status=S.DITOLAK)
    resp = masuk(client, data["bkpsdm"]).post(f"{URL}{u.pk}/setujui/")
    assert resp.status_code == 400
    assert "tidak sedang menunggu persetujuan" in resp.content.decode()


def test_tolak_dan_kembalikan_butuh_alasan(client, data):
    u = UsulanMutasiFactory(
        pegawai=data["pegawai"], jabatan_tujuan=data["jab_b"], status=S.DIAJUKAN
    )
    c = masuk(client, data["bkpsdm"])
    assert c.post(f"{URL}{u.pk}/tolak/", {"alasan": ""}).status_code == 400
    resp = c.post(f"{URL}{u.pk}/kembalikan/", {"alasan": "Lengkapi dokumen."})
    assert resp.status_code == 200 and resp.json()["catatan_pengembalian"] == "Lengkapi dokumen."


def test_buat_oleh_peran_yang_tidak_boleh_403(client, data):
    resp = masuk(client, data["kepala_opd"]).post(
        URL,
        {
            "pegawai": data["pegawai"].pk,
            "jenis": "antar_opd",
            "alasan": "pemerataan",
            "jabatan_tujuan": data["jab_b"].pk,
        },
    )
    assert resp.status_code == 403


def test_buat_dengan_data_tidak_sah_400_dengan_pesan_per_field(client, data):
    resp = masuk(client, data["bkpsdm"]).post(
        URL, {"pegawai": data["pegawai"].pk, "jenis": "antar_opd", "alasan": "pemerataan"}
    )
    assert resp.status_code == 400
    assert "jabatan_tujuan" in resp.json()


def test_daftar_hanya_dalam_cakupan_dan_filter_menunggu(client, data):
    UsulanMutasiFactory(pegawai=data["pegawai"], jabatan_tujuan=data["jab_b"], status=S.DIAJUKAN)
    lain = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=InstansiFactory()))
    UsulanMutasiFactory(
        pegawai=PegawaiFactory(jabatan=lain),
        jabatan_tujuan=JabatanFactory(unit_kerja=lain.unit_kerja),
        status=S.PERSETUJUAN_ASAL,
    )
    assert masuk(client, data["bkpsdm"]).get(URL).json()["count"] == 2
    assert client.get(URL, {"menunggu": "true"}).json()["count"] == 1
    assert client.get(URL, {"status": "persetujuan_asal"}).json()["count"] == 1
    assert masuk(client, data["kepala_opd"]).get(URL).json()["count"] == 1
    assert client.get(URL, {"menunggu": "true"}).json()["count"] == 0


def test_daftar_jumlah_kueri_tidak_tumbuh(client, data, django_assert_max_num_queries):
    c = masuk(client, data["bkpsdm"])
    UsulanMutasiFactory(status=S.DIAJUKAN)
    with django_assert_max_num_queries(50) as awal:
        assert c.get(URL).status_code == 200
    for _ in range(8):
        UsulanMutasiFactory(status=S.DIAJUKAN)
    with django_assert_max_num_queries(len(awal.captured_queries)):
        assert c.get(URL).json()["count"] == 9


def test_tanpa_login_ditolak(client, data):
    u = UsulanMutasiFactory(pegawai=data["pegawai"], jabatan_tujuan=data["jab_b"])
    assert client.get(URL).status_code in (401, 403)
    assert client.post(f"{URL}{u.pk}/ajukan/").status_code in (401, 403)
    assert not PeristiwaUsulan.objects.exists()


def test_buat_mutasi_keluar_dengan_langkah_eksternal(client, data):
    resp = masuk(client, data["bkpsdm"]).post(
        URL,
        {
            "pegawai": data["pegawai"].pk,
            "jenis": "keluar",
            "alasan": "permintaan_sendiri",
            "instansi_luar": "Pemerintah Kabupaten Simalungun",
            "nomor_pertek": "PERTEK-123/BKN/2026",
            "tanggal_pertek": "2026-11-02",
            "pejabat_keputusan_luar": "gubernur",
        },
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    hasil = resp.json()
    assert hasil["instansi_tujuan"] is None
    assert (hasil["nomor_pertek"], hasil["tanggal_pertek"]) == ("PERTEK-123/BKN/2026", "2026-11-02")


def test_kelayakan_lewat_api(client, data):
    data["pegawai"].tugas_belajar = True
    data["pegawai"].save()
    u = UsulanMutasiFactory(pegawai=data["pegawai"], jabatan_tujuan=data["jab_b"])
    # BKPSDM's draft: its findings are for BKPSDM, the proposing side, as on the page
    # (tests/keamanan/test_usulan_keamanan.py has the other agencies' side).
    temuan = masuk(client, data["bkpsdm"]).get(f"{URL}{u.pk}/kelayakan/").json()
    assert {"kode": "tugas_belajar", "jenis": "blok"}.items() <= temuan[0].items()
    assert "abk_tujuan_tidak_ada" in {t["kode"] for t in temuan}
