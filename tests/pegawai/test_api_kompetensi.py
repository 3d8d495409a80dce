"""The competency API: the dictionary, each pegawai's facts (scoped) and the gap endpoint."""

import datetime

import pytest

from instansi.models_kompetensi import JenisSertifikasi, Kompetensi
from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    HasilAsesmenFactory,
    JabatanFactory,
    PegawaiFactory,
    RiwayatPelatihanFactory,
    SertifikasiPegawaiFactory,
    SKPTahunanFactory,
    StandarKompetensiJabatanFactory,
    SyaratSertifikasiJabatanFactory,
)

pytestmark = pytest.mark.django_db


def ambil(client, url, **params):
    resp = client.get(url, params, HTTP_ACCEPT="application/json")
    return resp


@pytest.fixture
def dua_pegawai(instansi_a, instansi_b):
    milik_a = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    milik_b = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_b)
    for p in (milik_a, milik_b):
        HasilAsesmenFactory(pegawai=p, kompetensi=Kompetensi.objects.get(kode="M.01"))
        RiwayatPelatihanFactory(pegawai=p)
        SertifikasiPegawaiFactory(pegawai=p)
        SKPTahunanFactory(pegawai=p, hasil_kerja="di_atas", perilaku_kerja="di_atas")
    return milik_a, milik_b


def test_kamus_kompetensi_dengan_level_dan_indikator(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.KEPALA_OPD])
    data = ambil(client, "/api/v1/kompetensi/", jenis="manajerial", page_size=50).json()
    assert [k["kode"] for k in data["results"]] == [f"M.0{i}" for i in range(1, 9)]
    level1 = data["results"][0]["level"][0]
    assert level1["level"] == 1
    assert level1["indikator"][0]["nomor"] == "1.1"


@pytest.mark.parametrize(
    "url", ["/api/v1/asesmen/", "/api/v1/pelatihan/", "/api/v1/sertifikasi/", "/api/v1/skp/"]
)
def test_fakta_pegawai_terbatas_pada_instansi_pengguna(client, pengguna_peran, dua_pegawai, url):
    milik_a, milik_b = dua_pegawai
    client.force_login(pengguna_peran[Peran.KEPALA_OPD])  # of instansi_a
    hasil = ambil(client, url).json()["results"]
    assert {r["pegawai"] for r in hasil} == {milik_a.pk}
    client.force_login(pengguna_peran[Peran.BKPSDM])
    assert {r["pegawai"] for r in ambil(client, url).json()["results"]} == {milik_a.pk, milik_b.pk}
    assert {r["pegawai"] for r in ambil(client, url, pegawai=milik_b.pk).json()["results"]} == {
        milik_b.pk
    }
    # Another agency's row is a 404, not a 403.
    client.force_login(pengguna_peran[Peran.KEPALA_OPD])
    baris_b = ambil(client, url, pegawai=milik_b.pk)
    assert baris_b.json()["results"] == []


def test_skp_api_memberi_predikat_turunan(client, pengguna_peran, dua_pegawai):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    hasil = ambil(client, "/api/v1/skp/", pegawai=dua_pegawai[0].pk).json()["results"]
    assert hasil[0]["predikat"] == "sangat_baik"
    assert hasil[0]["predikat_label"] == "Sangat Baik"


def test_kesenjangan_api_menyebut_str_kedaluwarsa_dan_kesenjangan(
    client, pengguna_peran, instansi_a
):
    perawat = JabatanFactory(unit_kerja__instansi=instansi_a, nama="Perawat Terampil")
    str_perawat = JenisSertifikasi.objects.get(kode="STR-PERAWAT")
    SyaratSertifikasiJabatanFactory(jabatan=perawat, jenis_sertifikasi=str_perawat)
    m05 = Kompetensi.objects.get(kode="M.05")
    StandarKompetensiJabatanFactory(jabatan=perawat, kompetensi=m05, level=3)
    pegawai = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    SertifikasiPegawaiFactory(
        pegawai=pegawai,
        jenis_sertifikasi=str_perawat,
        tanggal_terbit=datetime.date(2018, 1, 1),
        berlaku_sampai=datetime.date(2023, 1, 1),
    )
    HasilAsesmenFactory(pegawai=pegawai, kompetensi=m05, level=1)
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
    data = ambil(client, f"/api/v1/pegawai/{pegawai.pk}/kesenjangan/", jabatan=perawat.pk).json()
    assert data["cocok"] is False
    assert data["sertifikasi_kedaluwarsa"] == ["STR-PERAWAT"]
    assert data["kompetensi"] == [
        {"kompetensi": m05.pk, "kode": "M.05", "kesenjangan": 2, "belum_dinilai": False}
    ]


def test_kesenjangan_api_di_luar_cakupan_404_dan_tanpa_jabatan_400(
    client, pengguna_peran, instansi_b
):
    lain = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_b)
    client.force_login(pengguna_peran[Peran.KEPALA_OPD])
    resp = ambil(client, f"/api/v1/pegawai/{lain.pk}/kesenjangan/", jabatan=lain.jabatan_id)
    assert resp.status_code == 404
    assert resp.json()["detail"] == "Data tidak ditemukan."
    client.force_login(pengguna_peran[Peran.BKPSDM])
    resp = ambil(client, f"/api/v1/pegawai/{lain.pk}/kesenjangan/", jabatan="abc")
    assert resp.status_code == 400
    assert "id jabatan" in resp.json()["jabatan"]


def test_api_kompetensi_butuh_masuk(client):
    assert ambil(client, "/api/v1/skp/").status_code == 401
