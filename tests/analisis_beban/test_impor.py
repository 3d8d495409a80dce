"""Importing uraian tugas from .xlsx: tolerant headers, every row error with its row number,
nothing written on error, an all-or-nothing replacement of the jabatan in the file. The ABK
import is one kind of the shared import flow (upload → check in Celery → preview → commit task
→ audit row), so its pages are the register's import pages."""

import io
from decimal import Decimal as D

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.test import TestCase
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from analisis_beban import services
from analisis_beban.models import HasilABK, UraianTugas
from instansi.models import Jabatan
from mutasi_asn.akun.roles import Peran
from mutasi_asn.impor_xlsx import PESAN_BARIS_CONTOH, urai_angka
from pegawai.choices import StatusImpor
from pegawai.impor import impor_berkas, impor_jalankan, templat_xlsx
from pegawai.models import ImporRegister

pytestmark = pytest.mark.django_db

HEADER_LONGGAR = ["KODE", "Uraian", "Output", "Satuan Hasil", "Volume", "Waktu penyelesaian"]


def xlsx(baris, header=HEADER_LONGGAR) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(header)
    for b in baris:
        ws.append(b)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def unggah(data: bytes, nama="tugas.xlsx"):
    return SimpleUploadedFile(nama, data, content_type="application/octet-stream")


@pytest.fixture
def baca_berkas(tmp_path):
    """Check a file as the import's check does, without writing (the command's --dry-run)."""

    def _baca(data: bytes, nama="tugas.xlsx", tahun=2026):
        path = tmp_path / nama
        path.write_bytes(data)
        hasil = impor_berkas(
            jenis="abk", path=path, actor=None, simpan=False, opsi={"periode": tahun}
        )
        return hasil.hasil, hasil.pesan

    return _baca


def pratinjau(client, data, periode, nama="tugas.xlsx"):
    """Upload through the page; the check queued on commit runs (eager Celery) before the
    redirect to the preview is followed."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        resp = client.post(
            reverse("analisis_beban:impor"), {"periode": periode.pk, "berkas": unggah(data, nama)}
        )
    if resp.status_code != 302:
        return resp
    return client.get(resp["Location"])


def test_angka_ditulis_cara_indonesia():
    assert urai_angka("1.200") == D(1200)
    assert urai_angka("1,5") == D("1.5")
    assert urai_angka("1.234,56") == D("1234.56")
    assert urai_angka("2.5") == D("2.5")
    assert urai_angka(12) == D(12)
    assert urai_angka("dua") is None


def test_templat_dapat_dibaca_kembali_dan_baris_contohnya_ditandai(org, baca_berkas):
    ws = load_workbook(io.BytesIO(templat_xlsx("abk"))).active
    assert [c.value for c in ws[1]] == [
        "Kode jabatan",
        "Uraian tugas",
        "Hasil kerja",
        "Satuan",
        "Volume per tahun",
        "Norma waktu (menit)",
    ]
    Jabatan.objects.filter(kode="JB00001").update(kode="LAIN-00001")
    Jabatan.objects.filter(pk=org["j1"].pk).update(kode="JB00001")
    hasil, _ = baca_berkas(templat_xlsx("abk"), nama="templat.xlsx")
    # The example row is read (its kode found) and flagged, as in the register's templates.
    assert [g.baris for g in hasil.galat] == [2]
    assert PESAN_BARIS_CONTOH.rstrip(".").lower() in hasil.galat[0].pesan.lower()
    assert "tidak dikenal" not in hasil.galat[0].pesan


def test_setiap_galat_baris_dilaporkan_dengan_nomor_barisnya(org, baca_berkas):
    k1, k4 = org["j1"].kode, org["j4"].kode
    data = xlsx(
        [
            [k1, "Menyusun laporan", "Laporan", "dokumen", "1.200", 30],  # 2: valid
            ["TIDAK-ADA", "Tugas", "Hasil", "buah", 1, 1],  # 3: unknown kode
            [k1, "Tugas", "Hasil", "buah", "banyak", 1],  # 4: non-numeric volume
            [k4, "Tugas", "Hasil", "buah", 10, -5],  # 5: negative norma
            [k4, None, "Hasil", "buah", 10, 5],  # 6: missing uraian
            [None, None, None, None, None, None],  # 7: empty, skipped
            [None, "Tugas", None, "buah", None, 5],  # 8: several problems at once
        ]
    )
    hasil, _ = baca_berkas(data, nama="x.xlsx")
    assert hasil.galat
    pesan = {g.baris: g.pesan for g in hasil.galat}
    assert set(pesan) == {3, 4, 5, 6, 8}
    assert "TIDAK-ADA" in pesan[3] and "tidak dikenal" in pesan[3]
    assert "bukan angka" in pesan[4]
    assert "negatif" in pesan[5]
    assert "Uraian tugas kosong" in pesan[6]
    assert all(
        s in pesan[8].lower()
        for s in ("kode jabatan kosong", "hasil kerja kosong", "volume kosong")
    )
    assert [b.nomor for b in hasil.rencana.baris] == [2]
    assert hasil.rencana.baris[0].volume == D(1200)


def test_kolom_wajib_hilang(org, baca_berkas):
    hasil, pesan = baca_berkas(
        xlsx([["a", "b"]], header=["Kode jabatan", "Uraian tugas"]), nama="x.xlsx"
    )
    assert hasil is None
    assert "Hasil kerja" in pesan and "Norma waktu" in pesan


@pytest.mark.parametrize(
    ("data", "nama", "pesan"),
    [
        (b"bukan zip sama sekali", "rusak.xlsx", "tidak dapat dibaca"),
        (b"a,b,c\n1,2,3\n", "tugas.csv", "harus berformat .xlsx"),
    ],
)
def test_berkas_rusak_atau_bukan_xlsx_diberi_pesan_jelas(client, bkpsdm, org, data, nama, pesan):
    resp = pratinjau(client, data, org["periode"], nama=nama)
    assert resp.status_code == 200 and pesan in resp.content.decode()
    assert not ImporRegister.objects.exists()


def test_berkas_terlalu_besar(client, bkpsdm, org, settings):
    settings.UNGGAHAN_MAKS_BYTE = 100
    resp = pratinjau(client, xlsx([]), org["periode"], nama="x.xlsx")
    assert "terlalu besar" in resp.content.decode()


# --- the page -----------------------------------------------------------------------------


@pytest.fixture
def bkpsdm(client, buat_pengguna):
    user = buat_pengguna(Peran.BKPSDM)
    client.force_login(user)
    return user


def test_hanya_bkpsdm_yang_mengimpor(client, buat_pengguna, org):
    client.force_login(buat_pengguna(Peran.OPERATOR_OPD, instansi=org["instansi_a"]))
    assert client.get(reverse("analisis_beban:impor")).status_code == 403
    assert client.get(reverse("analisis_beban:impor_templat")).status_code == 403


def test_unduh_templat(client, bkpsdm, org):
    resp = client.get(reverse("analisis_beban:impor_templat"))
    assert resp.status_code == 200
    assert "templat-uraian-tugas.xlsx" in resp["Content-Disposition"]


def test_pratinjau_galat_tidak_menyimpan_apa_pun(client, bkpsdm, org):
    sebelum = list(UraianTugas.objects.values_list("pk", "uraian", "volume"))
    data = xlsx(
        [
            [org["j1"].kode, "Baru", "Hasil", "buah", 1, 1],
            ["ZZZ", "Tugas", "Hasil", "buah", 1, 1],
            [org["j2"].kode, "Tugas", "Hasil", "buah", -1, 1],
        ]
    )
    resp = pratinjau(client, data, org["periode"])
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "Ada 2 baris yang salah, sehingga belum ada data yang dapat disimpan" in teks
    assert 'data-testid="form-simpan"' not in teks
    impor = resp.context["impor"]
    assert impor.status == StatusImpor.PRATINJAU and impor.opsi == {"periode": 2026}
    baris = [g["baris"] for g in impor.galat]
    assert baris == [3, 4]
    assert list(UraianTugas.objects.values_list("pk", "uraian", "volume")) == sebelum
    # a crafted confirmation of a preview with errors writes nothing either
    resp = client.post(reverse("pegawai:impor_simpan", args=[impor.pk]))
    assert resp.status_code == 302
    assert list(UraianTugas.objects.values_list("pk", "uraian", "volume")) == sebelum


def test_impor_sah_mengganti_tugas_jabatan_dalam_berkas_saja(client, bkpsdm, org):
    services.abk_hitung(periode=org["periode"])
    tugas_j4 = list(UraianTugas.objects.filter(jabatan=org["j4"]).values_list("pk", flat=True))
    data = xlsx(
        [
            [org["j1"].kode, "Menyusun rencana", "Rencana", "dokumen", "12", "480"],
            [org["j1"].kode, "Memeriksa berkas", "Berkas", "berkas", "1.000", "15"],
            [org["j3"].kode, "Mengarsip surat", "Arsip", "surat", 5000, "2,5"],
        ]
    )
    resp = pratinjau(client, data, org["periode"])
    teks = resp.content.decode()
    assert 'data-testid="form-simpan"' in teks and "menulis 3 data baru" in teks
    assert "akan diganti seluruhnya" in teks
    assert UraianTugas.objects.filter(jabatan=org["j3"]).count() == 0  # preview writes nothing
    impor = resp.context["impor"]
    with TestCase.captureOnCommitCallbacks(execute=False) as antre:
        resp = client.post(reverse("pegawai:impor_simpan", args=[impor.pk]))
    assert resp.status_code == 302 and len(antre) == 1  # the commit is a task
    assert resp["Location"] == impor.get_absolute_url()
    # The task's work (its recalculation stays queued, so the results are still stale).
    with TestCase.captureOnCommitCallbacks(execute=False):
        impor = impor_jalankan(impor_id=impor.pk)
    assert impor.status == StatusImpor.BERHASIL and impor.jumlah_baru == 3
    j1 = list(UraianTugas.objects.filter(jabatan=org["j1"]).order_by("urutan"))
    assert [(t.uraian, t.volume, t.urutan) for t in j1] == [
        ("Menyusun rencana", D(12), 1),
        ("Memeriksa berkas", D(1000), 2),
    ]
    assert UraianTugas.objects.get(jabatan=org["j3"]).norma_waktu_menit == D("2.5")
    # jabatan absent from the file keep their tasks
    assert (
        list(UraianTugas.objects.filter(jabatan=org["j4"]).values_list("pk", flat=True)) == tugas_j4
    )
    assert HasilABK.objects.get(jabatan=org["j1"]).basi is True
    assert HasilABK.objects.get(jabatan=org["j4"]).basi is False
    assert UraianTugas.history.filter(history_type="+", history_user=bkpsdm).count() == 3
    # the two replaced tasks of j1 leave a "-" row in the history, with who and why
    hapus = UraianTugas.history.filter(history_type="-")
    assert hapus.count() == 2 and {h.history_user for h in hapus} == {bkpsdm}
    assert {h.uraian for h in hapus} == {"Menyusun laporan"}
    # the same import cannot be saved twice
    resp = client.post(reverse("pegawai:impor_simpan", args=[impor.pk]))
    assert UraianTugas.objects.filter(jabatan=org["j1"]).count() == 2


def test_unggahan_bukan_xlsx_ditolak_oleh_form(client, bkpsdm, org):
    resp = client.post(
        reverse("analisis_beban:impor"),
        {"periode": org["periode"].pk, "berkas": unggah(b"x", nama="a.pdf")},
    )
    assert "harus berformat .xlsx" in resp.content.decode()


# --- the command --------------------------------------------------------------------------


def _berkas(tmp_path, baris):
    path = tmp_path / "tugas.xlsx"
    path.write_bytes(xlsx(baris))
    return str(path)


def test_perintah_dry_run_tidak_menyimpan(tmp_path, org, capsys):
    path = _berkas(tmp_path, [[org["j3"].kode, "Tugas", "Hasil", "buah", 1, 1]])
    call_command("impor_abk", path, "--periode", "2026", "--dry-run")
    assert "Berkas sah: 1 uraian tugas untuk 1 jabatan" in capsys.readouterr().out
    assert not UraianTugas.objects.filter(jabatan=org["j3"]).exists()


def test_perintah_galat_melaporkan_baris_dan_tidak_menyimpan(tmp_path, org, capsys):
    path = _berkas(
        tmp_path,
        [
            [org["j3"].kode, "Tugas", "Hasil", "buah", 1, 1],
            ["ZZZ", "Tugas", "Hasil", "buah", "x", 1],
        ],
    )
    with pytest.raises(CommandError, match="1 galat; tidak ada yang disimpan"):
        call_command("impor_abk", path, "--periode", "2026")
    assert "Baris 3:" in capsys.readouterr().err
    assert not UraianTugas.objects.filter(jabatan=org["j3"]).exists()


def test_perintah_menyimpan_dengan_jejak_impor_atas_nama_pengguna(
    tmp_path, org, capsys, buat_pengguna
):
    pengguna = buat_pengguna(Peran.BKPSDM, username="bkpsdm_abk")
    path = _berkas(tmp_path, [[org["j3"].kode, "Tugas", "Hasil", "buah", 100, 60]])
    call_command("impor_abk", path, "--periode", "2026", "--oleh", "bkpsdm_abk")
    assert UraianTugas.objects.get(jabatan=org["j3"]).volume == D(100)
    assert "Diimpor 1 uraian tugas" in capsys.readouterr().out
    # an audit row like the register imports', and the history names the user
    impor = ImporRegister.objects.get()
    assert (impor.jenis, impor.status, impor.diunggah_oleh) == ("abk", "berhasil", pengguna)
    assert impor.opsi == {"periode": 2026} and impor.jumlah_baru == 1
    assert UraianTugas.history.filter(jabatan_id=org["j3"].pk).get().history_user == pengguna


def test_perintah_pengguna_tidak_ada(tmp_path, org):
    path = _berkas(tmp_path, [[org["j3"].kode, "Tugas", "Hasil", "buah", 1, 1]])
    with pytest.raises(CommandError, match="Pengguna “siapa” tidak ada"):
        call_command("impor_abk", path, "--periode", "2026", "--oleh", "siapa")


def test_perintah_periode_tidak_ada(tmp_path, org):
    path = _berkas(tmp_path, [[org["j3"].kode, "Tugas", "Hasil", "buah", 1, 1]])
    with pytest.raises(CommandError, match="Periode ABK 2030 belum ada"):
        call_command("impor_abk", path, "--periode", "2030")


def test_berkas_sejuta_baris_berhenti_dibaca_di_batas_baris(org, baca_berkas):
    from tests.fixtures.xlsx import baris_xml, xlsx_mentah

    # ~200 KB that expands to a million rows: refused at row 50,002, not after reading them all.
    data = xlsx_mentah([baris_xml(1, HEADER_LONGGAR)] + ["<row><c><v>1</v></c></row>"] * 1_000_000)
    assert len(data) < 2_000_000
    hasil, pesan = baca_berkas(data, nama="sejuta.xlsx")
    assert hasil is None
    assert "Terlalu banyak baris: batasnya 50.000 baris" in pesan
    assert "baris 50.002 sudah melewatinya" in pesan


def test_unggahan_besar_diperiksa_di_latar_bukan_di_permintaan_web(client, bkpsdm, org):
    data = xlsx([[org["j3"].kode, "Tugas", "Hasil", "buah", 1, 1]])
    with TestCase.captureOnCommitCallbacks(execute=False) as antre:
        resp = client.post(
            reverse("analisis_beban:impor"), {"periode": org["periode"].pk, "berkas": unggah(data)}
        )
    impor = ImporRegister.objects.get()
    assert resp["Location"] == impor.get_absolute_url()
    assert impor.status == StatusImpor.MENUNGGU and len(antre) == 1  # queued on commit
