"""Import of pegawai from .xlsx: preview with every row error, all-or-nothing commit, pages."""

import datetime
import io

import pytest
from django.contrib.auth.models import Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from openpyxl import load_workbook

from instansi.choices import Golongan, Pendidikan
from mutasi_asn.akun.roles import Peran
from mutasi_asn.excel import BARIS_HEADER
from mutasi_asn.impor_xlsx import baca_lembar
from pegawai import impor_pegawai
from pegawai.choices import StatusImpor, StatusKepegawaian
from pegawai.impor import (
    folder_impor,
    impor_berkas,
    impor_jalankan,
    impor_konfirmasi,
    impor_periksa,
    impor_unggah,
)
from pegawai.models import ImporRegister, Pegawai, RiwayatJabatan
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, PenggunaFactory
from tests.pegawai.test_impor_xlsx import buat_xlsx

HEADER = ["NIP", "Status", "Nama", "Golongan", "Pendidikan", "Kode Jabatan", "TMT Jabatan"]
NIP_BARU = "19900102 201503 2 004"


@pytest.fixture
def pegawai_lama(jabatan):
    return PegawaiFactory(
        nip="198001012005011003", jabatan=jabatan["A"], tmt_jabatan=datetime.date(2020, 1, 1)
    )


def tulis_berkas(tmp_path, header, baris, nama="impor.xlsx"):
    path = tmp_path / nama
    path.write_bytes(buat_xlsx(header, baris))
    return path


def periksa(header, baris, actor=None):
    lembar = baca_lembar(buat_xlsx(header, baris), impor_pegawai.KOLOM)
    return impor_pegawai.periksa(lembar, actor=actor)


# --- validation and commit (the service) -------------------------------------------------


def test_nip_baru_membuat_pegawai_dengan_tanggal_lahir_dan_jk_dari_nip(tmp_path, jabatan, bkpsdm):
    path = tulis_berkas(
        tmp_path, HEADER, [[NIP_BARU, "PNS", "Rina Sitorus", "III-b", "S-1", "JAB-B", "2024-03-01"]]
    )
    hasil = impor_berkas(jenis="pegawai", path=path, actor=bkpsdm, simpan=True)
    assert hasil.disimpan, hasil.hasil.galat
    p = Pegawai.objects.get(nip="199001022015032004")
    assert p.tanggal_lahir == datetime.date(1990, 1, 2)
    assert p.jenis_kelamin == "P"
    assert p.golongan == Golongan.III_B and p.pendidikan == Pendidikan.S1
    assert p.jabatan == jabatan["B"] and p.tmt_jabatan == datetime.date(2024, 3, 1)
    riwayat = p.riwayat_jabatan.get()
    assert riwayat.jabatan == jabatan["B"] and riwayat.tanggal_selesai is None
    assert p.history.get().history_user == bkpsdm
    jejak = ImporRegister.objects.get()
    assert jejak.status == StatusImpor.BERHASIL and jejak.diunggah_oleh == bkpsdm
    assert jejak.jumlah_baru == 1


def test_nip_yang_ada_memperbarui_tanpa_membuat_pegawai_baru(tmp_path, pegawai_lama):
    path = tulis_berkas(
        tmp_path,
        ["NIP", "Nama", "Gol", "Pendidikan Terakhir", "Kode Jabatan"],
        [["19800101 200501 1 003", "Nama Baru", "IV/a", "S2", "JAB-A"]],
    )
    hasil = impor_berkas(jenis="pegawai", path=path, actor=None, simpan=True)
    assert hasil.disimpan and hasil.hasil.jumlah_ubah == 1 and hasil.hasil.jumlah_baru == 0
    pegawai_lama.refresh_from_db()
    assert pegawai_lama.nama == "Nama Baru"
    assert pegawai_lama.golongan == Golongan.IV_A and pegawai_lama.pendidikan == Pendidikan.S2
    assert Pegawai.objects.count() == 1
    assert pegawai_lama.riwayat_jabatan.count() == 1  # same jabatan: no history row


def test_baris_tanpa_perubahan_tidak_ditulis(pegawai_lama):
    hasil = periksa(
        ["NIP", "Nama", "Golongan", "Pendidikan", "Kode Jabatan"],
        [[pegawai_lama.nip, pegawai_lama.nama, "III/a", "S1", "JAB-A"]],
    )
    assert (hasil.jumlah_tetap, hasil.jumlah_ubah, hasil.galat) == (1, 0, [])


def test_ganti_jabatan_menutup_riwayat_lama_dan_membuka_yang_baru(tmp_path, pegawai_lama, jabatan):
    path = tulis_berkas(
        tmp_path,
        ["NIP", "Nama", "Golongan", "Pendidikan", "Kode Jabatan", "TMT Jabatan", "No SK"],
        [[pegawai_lama.nip, pegawai_lama.nama, "III/a", "S1", "JAB-B", "29/11/2026", "800/1/2026"]],
    )
    hasil = impor_berkas(jenis="pegawai", path=path, actor=None, simpan=True)
    assert hasil.disimpan, hasil.hasil.galat
    pegawai_lama.refresh_from_db()
    assert pegawai_lama.jabatan == jabatan["B"]
    assert pegawai_lama.tmt_jabatan == datetime.date(2026, 11, 29)
    lama, baru = pegawai_lama.riwayat_jabatan.order_by("tanggal_mulai")
    assert lama.jabatan == jabatan["A"] and lama.tanggal_selesai == datetime.date(2026, 11, 28)
    assert baru.jabatan == jabatan["B"] and baru.tanggal_selesai is None
    assert baru.nomor_sk == "800/1/2026"


def test_tmt_jabatan_baru_sebelum_jabatan_berjalan_adalah_galat(pegawai_lama):
    hasil = periksa(
        ["NIP", "Nama", "Golongan", "Pendidikan", "Kode Jabatan", "TMT Jabatan"],
        [[pegawai_lama.nip, "x", "III/a", "S1", "JAB-B", "01/01/2019"]],
    )
    assert [(g.baris, g.kolom) for g in hasil.galat] == [(2, "TMT Jabatan")]
    assert "01/01/2020" in hasil.galat[0].pesan


def test_setiap_jenis_galat_dilaporkan_dengan_nomor_baris(jabatan, pegawai_lama):
    header = HEADER + ["Tanggal Lahir", "Jenis Kelamin"]
    baris = [
        ["12345", "PNS", "NIP pendek", "III/a", "S1", "JAB-A", "", "", ""],  # 2
        ["199001022015031005", "PNS", "Jabatan asing", "III/a", "S1", "JAB-X", "", "", ""],  # 3
        ["199001022015031006", "PNS", "Ganda satu", "III/a", "S1", "JAB-A", "", "", ""],  # 4
        ["1990 0102 2015 0310 06", "PNS", "Ganda dua", "III/a", "S1", "JAB-A", "", "", ""],  # 5
        ["199001022015031007", "PNS", "Golongan PPPK", "IX", "S1", "JAB-A", "", "", ""],  # 6
        ["199001022015031008", "PNS", "Pendidikan aneh", "III/a", "Kursus", "JAB-A", "", "", ""],
        ["199001022015031009", "PNS", "", "III/a", "S1", "JAB-A", "", "", ""],  # 8: nama kosong
        [1.99001022015031e17, "PNS", "NIP angka", "III/a", "S1", "JAB-A", "", "", ""],  # 9
        [
            "199001022015031010",
            "PPPK",
            "PPPK gol PNS",
            "III/a",
            "S1",
            "JAB-A",
            "",
            "02/01/1990",
            "P",
        ],  # 10
        ["199001022015031011", "PNS", "TMT salah", "III/a", "S1", "JAB-A", "31/02/2026", "", ""],
        ["199001022015031012", "Honorer", "Status aneh", "III/a", "S1", "JAB-A", "", "", ""],  # 12
        ["199013322015031013", "PNS", "Tgl NIP salah", "III/a", "S1", "JAB-A", "", "", ""],  # 13
        [
            "199001022015031014",
            "PNS",
            "Lahir beda",
            "III/a",
            "S1",
            "JAB-A",
            "",
            "03/01/1990",
            "",
        ],  # 14
        ["199001022015031015", "PPPK", "PPPK tanpa lahir", "IX", "S1", "JAB-A", "", "", ""],  # 15
        ["199001022015031016", "PNS", "Golongan aneh", "Z/z", "S1", "JAB-A", "", "", ""],  # 16
        ["199001022015031017", "PNS", "Tanpa jabatan", "III/a", "S1", "", "", "", ""],  # 17
    ]
    hasil = periksa(header, baris)
    galat = {(g.baris, g.kolom): g.pesan for g in hasil.galat}
    assert "18 angka" in galat[(2, "NIP")]
    assert "JAB-X" in galat[(3, "Kode Jabatan")] and "tidak ada" in galat[(3, "Kode Jabatan")]
    assert "lebih dari sekali" in galat[(4, "NIP")] and "5" in galat[(4, "NIP")]
    assert "lebih dari sekali" in galat[(5, "NIP")] and "4" in galat[(5, "NIP")]
    assert "PPPK" in galat[(6, "Golongan")] and "III/a" in galat[(6, "Golongan")]
    assert "Kursus" in galat[(7, "Pendidikan")]
    assert "wajib" in galat[(8, "Nama")]
    assert "15 digit" in galat[(9, "NIP")]
    assert "golongan PNS" in galat[(10, "Golongan")]
    assert "31/02/2026" in galat[(11, "TMT Jabatan")]
    assert "PNS, CPNS, atau PPPK" in galat[(12, "Status")]
    assert "Tanggal lahir" in galat[(13, "NIP")]
    assert "tidak sama" in galat[(14, "Tanggal Lahir")]
    assert "wajib" in galat[(15, "Tanggal Lahir")]
    assert "III/a" in galat[(16, "Golongan")]
    assert "wajib" in galat[(17, "Kode Jabatan")]
    assert hasil.jumlah_baris_galat == 16
    assert hasil.jumlah_baru == 0
    assert [g.baris for g in hasil.galat] == sorted(g.baris for g in hasil.galat)


def test_pppk_dengan_tanggal_lahir_dan_jk_diterima(tmp_path, jabatan):
    path = tulis_berkas(
        tmp_path,
        HEADER + ["Tgl Lahir", "JK"],
        [["199001022021011001", "PPPK", "Dewi", "IX", "D3", "JAB-A", "", "02/05/1991", "P"]],
    )
    hasil = impor_berkas(jenis="pegawai", path=path, actor=None, simpan=True)
    assert hasil.disimpan, hasil.hasil.galat
    p = Pegawai.objects.get()
    assert p.status == StatusKepegawaian.PPPK and p.golongan == Golongan.P_IX
    assert p.tanggal_lahir == datetime.date(1991, 5, 2) and p.jenis_kelamin == "P"


def test_satu_baris_salah_maka_tidak_ada_yang_ditulis(tmp_path, jabatan, pegawai_lama):
    path = tulis_berkas(
        tmp_path,
        HEADER,
        [
            [NIP_BARU, "PNS", "Baik", "III/a", "S1", "JAB-A", ""],
            [pegawai_lama.nip, "PNS", "Berubah", "III/b", "S1", "JAB-B", ""],
            ["199001022015031099", "PNS", "Salah", "III/a", "S1", "TIDAK-ADA", ""],
        ],
    )
    hasil = impor_berkas(jenis="pegawai", path=path, actor=None, simpan=True)
    assert not hasil.disimpan
    assert [(g.baris, g.kolom) for g in hasil.hasil.galat] == [(4, "Kode Jabatan")]
    assert Pegawai.objects.count() == 1
    pegawai_lama.refresh_from_db()
    assert pegawai_lama.nama != "Berubah" and pegawai_lama.jabatan == jabatan["A"]
    assert RiwayatJabatan.objects.count() == 1
    assert not ImporRegister.objects.exists()


def test_validasi_memakai_jumlah_kueri_tetap(jabatan, django_assert_max_num_queries):
    def berkas(n):
        return [
            [f"1990010220150310{i:02d}", "PNS", f"P{i}", "III/a", "S1", "JAB-A", ""]
            for i in range(1, n + 1)
        ]

    PegawaiFactory(nip="199001022015031001", jabatan=jabatan["A"])
    for n in (3, 60):
        lembar = baca_lembar(buat_xlsx(HEADER, berkas(n)), impor_pegawai.KOLOM)
        with django_assert_max_num_queries(4):
            impor_pegawai.periksa(lembar)


def test_penulisan_massal_memakai_jumlah_kueri_tetap(jabatan):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def tulis(awal, n):
        baris = [
            [f"1990010220150310{i:02d}", "PNS", f"P{i}", "III/a", "S1", "JAB-A", ""]
            for i in range(awal, awal + n)
        ]
        hasil = impor_pegawai.periksa(baca_lembar(buat_xlsx(HEADER, baris), impor_pegawai.KOLOM))
        with CaptureQueriesContext(connection) as kueri:
            impor_pegawai.tulis(hasil, actor=None)
        return len(kueri)

    # Not one query per row: only SQLite's cap on parameters per statement splits batches.
    assert tulis(10, 90) - tulis(1, 3) <= 4
    assert Pegawai.objects.count() == 93 and RiwayatJabatan.objects.count() == 93


# --- the process: upload, preview, commit --------------------------------------------------


class Unggahan(io.BytesIO):
    def __init__(self, data, name):
        super().__init__(data)
        self.name = name
        self.size = len(data)


def test_unggah_menyimpan_berkas_secara_privat(jabatan, bkpsdm, settings):
    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    impor = impor_unggah(jenis="pegawai", berkas=Unggahan(data, "data.xlsx"), actor=bkpsdm)
    path = folder_impor() / impor.berkas
    assert path.read_bytes() == data
    assert str(path).startswith(str(settings.PRIVATE_MEDIA_ROOT))
    assert not str(path).startswith(str(settings.MEDIA_ROOT))


def test_validasi_ulang_saat_simpan_menolak_bila_data_berubah(
    jabatan, bkpsdm, django_capture_on_commit_callbacks
):
    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    impor = impor_unggah(jenis="pegawai", berkas=Unggahan(data, "data.xlsx"), actor=bkpsdm)
    impor = impor_periksa(impor=impor)
    assert impor.status == StatusImpor.PRATINJAU and impor.boleh_disimpan
    # Between the preview and the commit the jabatan is closed.
    jabatan["A"].aktif = False
    jabatan["A"].save()
    with django_capture_on_commit_callbacks(execute=True):
        impor_konfirmasi(impor=impor, actor=bkpsdm)
    impor.refresh_from_db()
    assert impor.status == StatusImpor.GAGAL
    assert "berubah sejak pratinjau" in impor.pesan
    assert impor.galat[0]["baris"] == 2 and "tidak aktif" in impor.galat[0]["pesan"]
    assert not Pegawai.objects.exists()


def test_tugas_simpan_idempoten(jabatan, bkpsdm, django_capture_on_commit_callbacks):
    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    impor = impor_periksa(
        impor=impor_unggah(jenis="pegawai", berkas=Unggahan(data, "d.xlsx"), actor=bkpsdm)
    )
    with django_capture_on_commit_callbacks(execute=False) as antre:
        impor_konfirmasi(impor=impor, actor=bkpsdm)
    assert len(antre) == 1  # enqueued on commit, not before
    assert impor_jalankan(impor_id=impor.pk).status == StatusImpor.BERHASIL
    assert impor_jalankan(impor_id=impor.pk).status == StatusImpor.BERHASIL
    assert Pegawai.objects.count() == 1 and RiwayatJabatan.objects.count() == 1


# --- pages ------------------------------------------------------------------------------------


def unggah(client, data, nama="pegawai.xlsx", url="pegawai:impor_pegawai"):
    """Upload through the page; the check queued on commit runs (eager Celery) before return."""
    from django.test import TestCase

    berkas = io.BytesIO(data)
    berkas.name = nama
    with TestCase.captureOnCommitCallbacks(execute=True):
        return client.post(reverse(url), {"berkas": berkas})


def test_alur_unggah_pratinjau_simpan_hasil(
    client, jabatan, bkpsdm, pegawai_lama, django_capture_on_commit_callbacks
):
    client.force_login(bkpsdm)
    data = buat_xlsx(
        HEADER,
        [
            [NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""],
            [pegawai_lama.nip, "PNS", pegawai_lama.nama, "III/a", "S1", "JAB-B", "01/02/2026"],
        ],
    )
    resp = unggah(client, data)
    impor = ImporRegister.objects.get()
    assert resp.status_code == 302 and resp["Location"] == impor.get_absolute_url()
    halaman = client.get(impor.get_absolute_url()).content.decode()
    assert "Pratinjau impor pegawai" in halaman
    assert 'data-testid="jumlah-baru">1<' in halaman and 'data-testid="jumlah-ubah">1<' in halaman
    assert "Rina" in halaman and "pindah jabatan" in halaman
    assert not Pegawai.objects.filter(nama="Rina").exists()  # nothing written by the preview
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(reverse("pegawai:impor_simpan", args=[impor.pk]))
    assert resp.status_code == 302
    impor.refresh_from_db()
    assert impor.status == StatusImpor.BERHASIL
    halaman = client.get(impor.get_absolute_url()).content.decode()
    assert "Impor berhasil" in halaman
    assert Pegawai.objects.filter(nama="Rina").exists()
    pegawai_lama.refresh_from_db()
    assert pegawai_lama.jabatan == jabatan["B"]
    # A second press of Simpan does nothing.
    client.post(reverse("pegawai:impor_simpan", args=[impor.pk]))
    assert Pegawai.objects.count() == 2


def test_pratinjau_menampilkan_galat_berhalaman_dan_tanpa_tombol_simpan(client, jabatan, bkpsdm):
    client.force_login(bkpsdm)
    baris = [
        [f"1990010220150310{i:02d}", "PNS", f"P{i}", "III/a", "S1", "X", ""] for i in range(1, 61)
    ]
    unggah(client, buat_xlsx(HEADER, baris))
    impor = ImporRegister.objects.get()
    assert impor.jumlah_galat == 60
    halaman = client.get(impor.get_absolute_url()).content.decode()
    assert halaman.count("tidak ada di register") == 50
    assert 'data-testid="form-simpan"' not in halaman
    halaman2 = client.get(impor.get_absolute_url() + "?page=2").content.decode()
    assert halaman2.count("tidak ada di register") == 10
    resp = client.post(reverse("pegawai:impor_simpan", args=[impor.pk]), follow=True)
    assert "Masih ada baris yang salah" in resp.content.decode()
    assert not Pegawai.objects.exists()


@pytest.mark.parametrize(
    ("nama", "data", "pesan"),
    [
        ("pegawai.csv", b"NIP;Nama\n", "Hanya berkas Excel .xlsx"),
        ("pegawai.xlsx", b"NIP;Nama\n1;2\n", "bukan .xlsx"),
        ("pegawai.xlsx", b"PK\x03\x04rusak-sekali", "tidak dapat dibuka"),
        ("pegawai.xlsx", b"", "kosong"),
    ],
)
def test_berkas_salah_jenis_atau_rusak_diberi_pesan(client, bkpsdm, nama, data, pesan):
    client.force_login(bkpsdm)
    resp = unggah(client, data, nama)
    assert resp.status_code == 200
    assert pesan in resp.content.decode()
    assert not ImporRegister.objects.exists()


def test_berkas_terlalu_besar_ditolak(client, bkpsdm, settings):
    settings.UNGGAHAN_MAKS_BYTE = 1000
    client.force_login(bkpsdm)
    resp = unggah(client, buat_xlsx(HEADER, [["x"] * 7] * 50))
    assert "terlalu besar" in resp.content.decode()
    assert not ImporRegister.objects.exists()


def test_kolom_wajib_hilang_tampil_di_hasil(client, bkpsdm):
    client.force_login(bkpsdm)
    unggah(client, buat_xlsx(["NIP", "Nama"], [["1", "2"]]))
    impor = ImporRegister.objects.get()
    assert impor.status == StatusImpor.GAGAL
    assert "Kolom wajib tidak ditemukan" in client.get(impor.get_absolute_url()).content.decode()


def test_operator_opd_tidak_boleh_mengimpor(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
    assert client.get(reverse("pegawai:impor_pegawai")).status_code == 403
    assert client.get(reverse("pegawai:impor_templat", args=["pegawai"])).status_code == 403
    assert unggah(client, buat_xlsx(HEADER, [])).status_code == 403
    daftar = client.get(reverse("pegawai:pegawai_list")).content.decode()
    assert 'data-testid="tombol-impor"' not in daftar
    assert "Impor pegawai" not in client.get(reverse("beranda")).content.decode()


def test_bkpsdm_melihat_tombol_dan_menu_impor(client, bkpsdm):
    client.force_login(bkpsdm)
    daftar = client.get(reverse("pegawai:pegawai_list")).content.decode()
    assert reverse("pegawai:impor_pegawai") in daftar
    beranda = client.get(reverse("beranda")).content.decode()
    assert "</i> Impor pegawai</a>" in beranda and "</i> Impor jabatan</a>" in beranda


def test_impor_milik_pengguna_lain_404_kecuali_untuk_bkpsdm(client, jabatan, bkpsdm):
    izin = Permission.objects.get(codename="add_pegawai")
    satu, dua = PenggunaFactory(), PenggunaFactory()
    for u in (satu, dua):
        u.user_permissions.add(izin)
    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    impor = impor_periksa(
        impor=impor_unggah(jenis="pegawai", berkas=Unggahan(data, "d.xlsx"), actor=satu)
    )
    client.force_login(dua)
    assert client.get(impor.get_absolute_url()).status_code == 404
    assert client.post(reverse("pegawai:impor_simpan", args=[impor.pk])).status_code == 404
    assert client.get(reverse("pegawai:impor_progres", args=[impor.pk])).status_code == 404
    client.force_login(satu)
    assert client.get(impor.get_absolute_url()).status_code == 200
    client.force_login(bkpsdm)
    assert client.get(impor.get_absolute_url()).status_code == 200
    assert "d.xlsx" in client.get(reverse("pegawai:impor_pegawai")).content.decode()


def test_progres_dipoll_htmx_dan_memuat_ulang_saat_selesai(client, jabatan, bkpsdm):
    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    impor = impor_periksa(
        impor=impor_unggah(jenis="pegawai", berkas=Unggahan(data, "d.xlsx"), actor=bkpsdm)
    )
    ImporRegister.objects.filter(pk=impor.pk).update(
        status=StatusImpor.DIPROSES, tahap="menyimpan", jumlah_diproses=0
    )
    client.force_login(bkpsdm)
    halaman = client.get(impor.get_absolute_url()).content.decode()
    assert 'hx-trigger="every 1s"' in halaman and "Menyimpan data" in halaman
    resp = client.get(reverse("pegawai:impor_progres", args=[impor.pk]), HTTP_HX_REQUEST="true")
    assert "HX-Refresh" not in resp
    ImporRegister.objects.filter(pk=impor.pk).update(status=StatusImpor.BERHASIL)
    resp = client.get(reverse("pegawai:impor_progres", args=[impor.pk]), HTTP_HX_REQUEST="true")
    assert resp["HX-Refresh"] == "true"


def test_templat_diunduh_dengan_lembar_petunjuk(client, bkpsdm):
    client.force_login(bkpsdm)
    resp = client.get(reverse("pegawai:impor_templat", args=["pegawai"]))
    assert resp.status_code == 200
    wb = load_workbook(io.BytesIO(resp.content))
    assert wb.sheetnames == ["Pegawai", "Petunjuk"]
    assert client.get(reverse("pegawai:impor_templat", args=["lain"])).status_code == 404


def test_rumus_dari_berkas_diloloskan_di_ekspor(client, tmp_path, jabatan, bkpsdm):
    from openpyxl import Workbook

    wb = Workbook()
    wb.active.append(HEADER)
    wb.active.append([NIP_BARU, "PNS", "x", "III/a", "S1", "JAB-A", ""])
    sel = wb.active["C2"]
    sel.value = '=HYPERLINK("http://jahat")'
    sel.data_type = "s"  # text that looks like a formula, as a hostile file would carry it
    path = tmp_path / "rumus.xlsx"
    wb.save(path)
    assert impor_berkas(jenis="pegawai", path=path, actor=None, simpan=True).disimpan
    client.force_login(bkpsdm)
    resp = client.get(reverse("pegawai:pegawai_list") + "?format=xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    nama = [c.value for c in ws["B"]][BARIS_HEADER:]
    assert nama == ['\'=HYPERLINK("http://jahat")']


def test_daftar_galat_diunduh_dengan_rumus_diloloskan(client, jabatan, bkpsdm):
    client.force_login(bkpsdm)
    unggah(client, buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "=1+2", ""]]))
    impor = ImporRegister.objects.get()
    impor.galat = [{"baris": 2, "kolom": "=cmd", "pesan": "@SUM(1)"}]
    impor.save()
    resp = client.get(impor.get_absolute_url() + "?format=xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    assert [c.value for c in ws[BARIS_HEADER + 1]] == [2, "'=cmd", "'@SUM(1)"]


# --- management command -----------------------------------------------------------------------


def test_perintah_dry_run_mencetak_galat_dan_keluar_bukan_nol(tmp_path, jabatan, capsys):
    path = tulis_berkas(tmp_path, HEADER, [["123", "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    with pytest.raises(CommandError, match="1 baris bermasalah"):
        call_command("impor_pegawai", str(path), "--dry-run")
    keluaran = capsys.readouterr().out
    assert "Baris 2 [NIP]" in keluaran and "18 angka" in keluaran
    assert not Pegawai.objects.exists()


def test_perintah_dry_run_bersih_tidak_menyimpan(tmp_path, jabatan, capsys):
    path = tulis_berkas(tmp_path, HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    call_command("impor_pegawai", str(path), "--dry-run")
    assert "1 baru" in capsys.readouterr().out
    assert not Pegawai.objects.exists()


def test_perintah_menyimpan_dengan_pengguna(tmp_path, jabatan, bkpsdm, capsys):
    path = tulis_berkas(tmp_path, HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    call_command("impor_pegawai", str(path), "--oleh", bkpsdm.username)
    p = Pegawai.objects.get()
    assert p.history.get().history_user == bkpsdm
    assert ImporRegister.objects.get().diunggah_oleh == bkpsdm
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("impor_pegawai", str(path), "--oleh", "siapa")


def test_perintah_berkas_rusak(tmp_path, db):
    path = tmp_path / "rusak.xlsx"
    path.write_bytes(b"bukan excel")
    with pytest.raises(CommandError, match="bukan .xlsx"):
        call_command("impor_pegawai", str(path), "--dry-run")


# --- the set-based move and all-or-nothing under failure -------------------------------------


def test_pindah_massal_sama_hasilnya_dengan_pindah_satu_per_satu(jabatan):
    from pegawai.services import Perpindahan, pegawai_pindah_jabatan, pegawai_pindah_jabatan_massal

    tmt = datetime.date(2026, 11, 29)
    satu = PegawaiFactory(jabatan=jabatan["A"], tmt_jabatan=datetime.date(2020, 1, 1))
    dua = PegawaiFactory(jabatan=jabatan["A"], tmt_jabatan=datetime.date(2020, 1, 1))
    pegawai_pindah_jabatan(pegawai=satu, jabatan=jabatan["B"], tmt=tmt, nomor_sk="SK", actor=None)
    pegawai_pindah_jabatan_massal(
        perpindahan=[Perpindahan(dua.pk, jabatan["B"], tmt, "SK")], actor=None
    )

    def jejak(p):
        p.refresh_from_db()
        return (
            p.jabatan_id,
            p.tmt_jabatan,
            list(
                p.riwayat_jabatan.order_by("tanggal_mulai").values_list(
                    "jabatan_id", "tanggal_mulai", "tanggal_selesai", "nomor_sk"
                )
            ),
        )

    assert jejak(satu) == jejak(dua)
    with pytest.raises(Exception, match="sebelum TMT"):
        pegawai_pindah_jabatan_massal(
            perpindahan=[Perpindahan(dua.pk, jabatan["A"], datetime.date(2026, 1, 1))], actor=None
        )


def test_kegagalan_di_tengah_penulisan_membatalkan_semuanya(
    jabatan, pegawai_lama, bkpsdm, monkeypatch, django_capture_on_commit_callbacks
):
    from django.core.exceptions import ValidationError

    data = buat_xlsx(
        HEADER,
        [
            [NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""],
            [pegawai_lama.nip, "PNS", "Nama Baru", "III/a", "S1", "JAB-B", ""],
        ],
    )
    impor = impor_periksa(
        impor=impor_unggah(jenis="pegawai", berkas=Unggahan(data, "d.xlsx"), actor=bkpsdm)
    )

    def gagal(**kwargs):  # the last step fails after the new rows were already inserted
        raise ValidationError("Basis data menolak perpindahan.")

    monkeypatch.setattr(impor_pegawai, "pegawai_pindah_jabatan_massal", gagal)
    with django_capture_on_commit_callbacks(execute=True):
        impor_konfirmasi(impor=impor, actor=bkpsdm)
    impor.refresh_from_db()
    assert impor.status == StatusImpor.GAGAL
    assert "Tidak ada data yang disimpan" in impor.pesan
    assert Pegawai.objects.count() == 1
    pegawai_lama.refresh_from_db()
    assert pegawai_lama.nama != "Nama Baru" and pegawai_lama.jabatan == jabatan["A"]


def test_jejak_impor_terbaca_di_admin(client, pengguna_peran, jabatan, bkpsdm):
    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    impor_periksa(
        impor=impor_unggah(jenis="pegawai", berkas=Unggahan(data, "a.xlsx"), actor=bkpsdm)
    )
    client.force_login(pengguna_peran[Peran.ADMIN])
    resp = client.get(reverse("admin:pegawai_imporregister_changelist"))
    assert resp.status_code == 200 and "a.xlsx" in resp.content.decode()


def test_sinyal_bezetting_memuat_jabatan_lama_dan_baru(tmp_path, jabatan, pegawai_lama):
    from pegawai.signals import bezetting_berubah

    diterima = []

    def catat(sender, jabatan_ids, **kwargs):
        diterima.append(set(jabatan_ids))

    bezetting_berubah.connect(catat, dispatch_uid="uji-impor-pegawai")
    try:
        path = tulis_berkas(
            tmp_path,
            HEADER,
            [
                [NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""],
                [pegawai_lama.nip, "PNS", pegawai_lama.nama, "III/a", "S1", "JAB-B", ""],
            ],
        )
        assert impor_berkas(jenis="pegawai", path=path, actor=None, simpan=True).disimpan
    finally:
        bezetting_berubah.disconnect(dispatch_uid="uji-impor-pegawai")
    assert set().union(*diterima) == {jabatan["A"].pk, jabatan["B"].pk}


@pytest.mark.django_db(transaction=True)
def test_progres_terlihat_dari_koneksi_lain_dan_tidak_pernah_menunggu_kunci():
    from django.db import connection, transaction

    from pegawai.impor import _PencatatProgres

    if connection.vendor != "postgresql":
        pytest.skip("progres lewat koneksi kedua hanya di PostgreSQL")
    impor = ImporRegister.objects.create(jenis="pegawai", nama_berkas="a.xlsx", jumlah_baris=100)
    progres = _PencatatProgres(impor.pk)
    try:
        with transaction.atomic():
            progres.menyimpan(42)  # written while the import's own transaction is open
            assert ImporRegister.objects.get(pk=impor.pk).jumlah_diproses == 42
            ImporRegister.objects.select_for_update().get(pk=impor.pk)
            progres.menyimpan(77)  # the row is locked: skipped, not waited for
        assert ImporRegister.objects.get(pk=impor.pk).jumlah_diproses == 42
    finally:
        progres.tutup()


def test_unggahan_diperiksa_di_latar_setelah_commit(
    client, jabatan, bkpsdm, django_capture_on_commit_callbacks
):
    client.force_login(bkpsdm)
    berkas = io.BytesIO(buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]]))
    berkas.name = "p.xlsx"
    with django_capture_on_commit_callbacks(execute=False) as antre:
        client.post(reverse("pegawai:impor_pegawai"), {"berkas": berkas})
    impor = ImporRegister.objects.get()
    assert impor.status == StatusImpor.MENUNGGU and len(antre) == 1
    halaman = client.get(impor.get_absolute_url()).content.decode()
    assert "Memeriksa baris" in halaman and 'hx-trigger="every 1s"' in halaman
    antre[0]()  # the queued task
    impor.refresh_from_db()
    assert impor.status == StatusImpor.PRATINJAU and impor.jumlah_baru == 1
    assert impor_periksa(impor=impor).status == StatusImpor.PRATINJAU  # idempotent


def test_pegawai_di_luar_cakupan_tidak_dapat_diubah(jabatan, instansi_b, buat_pengguna):
    from tests.fixtures.factories import UnitKerjaFactory

    luar = PegawaiFactory(
        jabatan=JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_b)), nama="Asli"
    )
    operator = buat_pengguna(Peran.OPERATOR_OPD, instansi=jabatan["A"].unit_kerja.instansi)
    hasil = periksa(
        HEADER, [[luar.nip, "PNS", "Diambil", "III/a", "S1", "JAB-A", ""]], actor=operator
    )
    assert (2, "NIP") in {(g.baris, g.kolom) for g in hasil.galat}
    assert any("di luar cakupan" in g.pesan for g in hasil.galat)
    assert hasil.jumlah_baru == hasil.jumlah_ubah == 0


def test_perintah_dry_run_kode_keluar_satu_bila_ada_galat_nol_bila_bersih(
    tmp_path, jabatan, monkeypatch
):
    from django.core.management import execute_from_command_line
    from django.db import connections

    # Django closes every connection when a command run from argv ends; inside a test that
    # would close the test transaction's connection (on PostgreSQL), so keep it open here.
    monkeypatch.setattr(connections, "close_all", lambda: None)

    salah = tulis_berkas(
        tmp_path, HEADER, [["123", "PNS", "R", "III/a", "S1", "JAB-A", ""]], "s.xlsx"
    )
    with pytest.raises(SystemExit) as keluar:
        execute_from_command_line(["manage.py", "impor_pegawai", str(salah), "--dry-run"])
    assert keluar.value.code == 1
    bersih = tulis_berkas(tmp_path, HEADER, [[NIP_BARU, "PNS", "R", "III/a", "S1", "JAB-A", ""]])
    execute_from_command_line(["manage.py", "impor_pegawai", str(bersih), "--dry-run"])  # exit 0
    assert not Pegawai.objects.exists()
