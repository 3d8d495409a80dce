"""Imports of training, SKP, certifications and assessment results from .xlsx: the shared flow's
preview with row errors, all-or-nothing commit, idempotent re-import, scope, the upload pages."""

import datetime

import pytest
from django.urls import reverse

from mutasi_asn.akun.roles import Peran
from pegawai.choices import PredikatSKP, StatusImpor
from pegawai.impor import (
    impor_berkas,
    impor_jalankan,
    impor_konfirmasi,
    impor_periksa,
    impor_unggah,
)
from pegawai.models import ImporRegister
from pegawai.models_kompetensi import HasilAsesmen, RiwayatPelatihan, SertifikasiPegawai, SKPTahunan
from tests.fixtures.factories import PegawaiFactory, SKPTahunanFactory
from tests.pegawai.test_impor import Unggahan, tulis_berkas
from tests.pegawai.test_impor_xlsx import buat_xlsx

NIP = "19850312 201001 2 001"
HEADER_PELATIHAN = ["NIP", "Nama Diklat", "Jenis", "JP", "Tahun", "Penyelenggara", "Kode program"]


@pytest.fixture
def rina(db, instansi_a):
    return PegawaiFactory(
        nip=NIP.replace(" ", ""), nama="Rina Saragih", jabatan__unit_kerja__instansi=instansi_a
    )


def test_impor_pelatihan_menulis_semua_baris_dengan_riwayat(tmp_path, rina, bkpsdm):
    path = tulis_berkas(
        tmp_path,
        HEADER_PELATIHAN,
        [
            [
                NIP,
                "Pelatihan Kepemimpinan Pengawas",
                "Kepemimpinan",
                120,
                2024,
                "BPSDM Provsu",
                "PKP",
            ],
            [NIP, "Bimtek SRIKANDI", "teknis", "16", "2025", "", ""],
        ],
    )
    hasil = impor_berkas(jenis="pelatihan", path=path, actor=bkpsdm, simpan=True)
    assert hasil.disimpan, hasil.hasil.galat
    pkp = RiwayatPelatihan.objects.get(pegawai=rina, tahun=2024)
    assert pkp.program.kode == "PKP" and pkp.jam_pelajaran == 120
    assert pkp.history.get().history_user == bkpsdm
    assert RiwayatPelatihan.objects.filter(pegawai=rina).count() == 2
    # The same file again changes nothing.
    lagi = impor_berkas(jenis="pelatihan", path=path, actor=bkpsdm, simpan=True)
    assert lagi.hasil.jumlah_tetap == 2 and lagi.hasil.jumlah_baru == 0
    assert RiwayatPelatihan.objects.count() == 2


def test_impor_pelatihan_melaporkan_galat_per_baris_dan_tidak_menyimpan_apa_pun(
    tmp_path, rina, bkpsdm
):
    path = tulis_berkas(
        tmp_path,
        HEADER_PELATIHAN,
        [
            [NIP, "Pelatihan Pelayanan Prima", "Teknis", 24, 2025, "", ""],
            ["19990101 202001 1 001", "Diklat", "Teknis", 24, 2025, "", ""],
            [NIP, "Diklat Lain", "Seminar", 0, 1900, "", "XYZ"],
            [NIP, "Pelatihan Pelayanan Prima", "Teknis", 24, 2025, "", ""],
        ],
    )
    hasil = impor_berkas(jenis="pelatihan", path=path, actor=bkpsdm, simpan=True)
    assert not hasil.disimpan
    pesan = {(g.baris, g.pesan) for g in hasil.hasil.galat}
    assert any(b == 3 and "tidak ada di register" in p for b, p in pesan)
    baris4 = " ".join(p for b, p in pesan if b == 4)
    assert (
        "Seminar" in baris4
        and "1900" in baris4
        and "XYZ" in baris4
        and "antara 1 dan 2.000" in baris4
    )
    assert any(b == 5 and "sama dengan baris 2" in p for b, p in pesan)
    assert not RiwayatPelatihan.objects.exists()


def test_impor_skp_memperbarui_tahun_yang_ada_dan_menyegarkan_predikat_pegawai(
    tmp_path, rina, bkpsdm
):
    SKPTahunanFactory(pegawai=rina, tahun=2024, hasil_kerja="sesuai", perilaku_kerja="sesuai")
    path = tulis_berkas(
        tmp_path,
        ["NIP", "Tahun", "Hasil kerja", "Perilaku kerja"],
        [
            [NIP, 2024, "Di atas ekspektasi", "Di atas ekspektasi"],
            [NIP, 2025, "di bawah", "Sesuai Ekspektasi"],
        ],
    )
    hasil = impor_berkas(jenis="skp", path=path, actor=bkpsdm, simpan=True)
    assert hasil.disimpan, hasil.hasil.galat
    assert (hasil.hasil.jumlah_baru, hasil.hasil.jumlah_ubah) == (1, 1)
    assert SKPTahunan.objects.get(pegawai=rina, tahun=2024).predikat == PredikatSKP.SANGAT_BAIK
    rina.refresh_from_db()
    assert rina.skp_tahun_lalu == PredikatSKP.BUTUH_PERBAIKAN
    assert rina.skp_dua_tahun_lalu == PredikatSKP.SANGAT_BAIK


def test_impor_skp_rating_tak_dikenal_dengan_pesan(tmp_path, rina, bkpsdm):
    path = tulis_berkas(
        tmp_path, ["NIP", "Tahun", "Hasil kerja", "Perilaku kerja"], [[NIP, 2025, "Baik", ""]]
    )
    hasil = impor_berkas(jenis="skp", path=path, actor=bkpsdm, simpan=False)
    pesan = " ".join(g.pesan for g in hasil.hasil.galat)
    assert "“Baik” tidak dikenali" in pesan and "Perilaku kerja wajib diisi" in pesan


def test_impor_sertifikasi_dan_asesmen(tmp_path, rina, bkpsdm):
    path = tulis_berkas(
        tmp_path,
        ["NIP", "Jenis sertifikasi", "Nomor", "Tanggal terbit", "Berlaku sampai"],
        [
            [NIP, "STR-PERAWAT", "STR/0012/2021", "10/01/2021", "2026-01-09"],
            [NIP, "SERDIK", "SD-99", "01/08/2019", ""],
        ],
    )
    assert impor_berkas(jenis="sertifikasi", path=path, actor=bkpsdm, simpan=True).disimpan
    str_ = SertifikasiPegawai.objects.get(pegawai=rina, jenis_sertifikasi__kode="STR-PERAWAT")
    assert str_.berlaku_sampai == datetime.date(2026, 1, 9)
    assert SertifikasiPegawai.objects.get(nomor="SD-99").berlaku_sampai is None
    path = tulis_berkas(
        tmp_path,
        ["NIP", "Kode kompetensi", "Level", "Tanggal asesmen", "Sumber"],
        [
            [NIP, "M.01", 4, "15/06/2025", "Assessment Center BKN"],
            [NIP, "M.99", 7, "15/06/2025", "X"],
        ],
        nama="asesmen.xlsx",
    )
    hasil = impor_berkas(jenis="asesmen", path=path, actor=bkpsdm, simpan=True)
    assert not hasil.disimpan
    assert {g.baris for g in hasil.hasil.galat} == {3}
    assert "M.99" in " ".join(g.pesan for g in hasil.hasil.galat)
    assert not HasilAsesmen.objects.exists()


def test_operator_hanya_mengimpor_pegawai_instansinya(tmp_path, rina, buat_pengguna, instansi_b):
    lain = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_b)
    path = tulis_berkas(
        tmp_path,
        ["NIP", "Tahun", "Hasil kerja", "Perilaku kerja"],
        [[lain.nip, 2025, "Sesuai", "Sesuai"]],
    )
    kepala = buat_pengguna(Peran.KEPALA_OPD, instansi=rina.jabatan.unit_kerja.instansi)
    hasil = impor_berkas(jenis="skp", path=path, actor=kepala, simpan=False)
    assert "di luar instansi Anda" in hasil.hasil.galat[0].pesan


def test_alur_unggah_pratinjau_simpan_lewat_celery(
    rina, bkpsdm, django_capture_on_commit_callbacks
):
    data = buat_xlsx(HEADER_PELATIHAN, [[NIP, "Bimtek SKP", "Teknis", 8, 2025, "BKPSDM", ""]])
    impor = impor_periksa(
        impor=impor_unggah(jenis="pelatihan", berkas=Unggahan(data, "p.xlsx"), actor=bkpsdm)
    )
    assert impor.status == StatusImpor.PRATINJAU and impor.boleh_disimpan
    assert impor.contoh[0]["pelatihan"] == "Bimtek SKP"
    with django_capture_on_commit_callbacks(execute=True):
        impor_konfirmasi(impor=impor, actor=bkpsdm)
    assert impor_jalankan(impor_id=impor.pk).status == StatusImpor.BERHASIL
    assert RiwayatPelatihan.objects.get().nama == "Bimtek SKP"
    assert ImporRegister.objects.get().jenis == "pelatihan"


@pytest.mark.parametrize("jenis", ["pelatihan", "skp", "sertifikasi", "asesmen"])
def test_halaman_unggah_dan_templat_tersedia_bagi_bkpsdm(client, bkpsdm, jenis):
    client.force_login(bkpsdm)
    resp = client.get(reverse(f"pegawai:impor_{jenis}"))
    assert resp.status_code == 200
    templat = client.get(reverse("pegawai:impor_templat", args=[jenis]))
    assert templat.status_code == 200
    assert templat["Content-Type"].startswith("application/vnd.openxmlformats")


def test_baris_contoh_templat_ditolak(tmp_path, rina, bkpsdm):
    from pegawai.impor_kompetensi import KOLOM_SKP

    path = tulis_berkas(tmp_path, [k.label for k in KOLOM_SKP], [[k.contoh for k in KOLOM_SKP]])
    hasil = impor_berkas(jenis="skp", path=path, actor=bkpsdm, simpan=False)
    assert "baris contoh" in hasil.hasil.galat[0].pesan
