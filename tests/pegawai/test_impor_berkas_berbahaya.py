"""Hostile spreadsheets (issue #13, items 2 and 3): one key repeated 10,000 times, parts that
inflate to hundreds of megabytes, sheets that claim a million rows, cells of megabytes. Each
ends in a short Indonesian message, in linear memory, and never leaves an import stuck."""

import pytest

from mutasi_asn.impor_xlsx import (
    MAKS_BYTE_TERURAI,
    MAKS_PESAN,
    BerkasTidakSah,
    baca_lembar,
    periksa_berkas,
)
from pegawai import impor_jabatan, impor_pegawai
from pegawai.choices import StatusImpor
from pegawai.impor import impor_jalankan, impor_periksa, impor_unggah
from pegawai.models import ImporRegister
from tests.fixtures.xlsx import baris_xml, xlsx_mentah
from tests.pegawai.test_impor import HEADER, NIP_BARU, Unggahan
from tests.pegawai.test_impor_xlsx import buat_xlsx

pytestmark = pytest.mark.django_db

PANJANG_MAKS_PESAN_GANDA = 300


def test_satu_nip_diulang_10000_kali_tiap_pesan_menyebut_sedikit_baris_lain(jabatan):
    baris = [[NIP_BARU, "PNS", "Rina Sitorus", "III/a", "S1", "JAB-A", ""]] * 10_000
    lembar = baca_lembar(buat_xlsx(HEADER, baris), impor_pegawai.KOLOM)
    hasil = impor_pegawai.periksa(lembar)
    ganda = [g for g in hasil.galat if "lebih dari sekali" in g.pesan]
    assert len(ganda) == 10_000
    assert hasil.jumlah_baris_galat == 10_000
    # Every message is short: it names three other rows and counts the rest.
    assert max(len(g.pesan) for g in ganda) < PANJANG_MAKS_PESAN_GANDA
    pertama = next(g for g in ganda if g.baris == 2)
    assert "juga di baris 3, 4, 5 dan 9.996 baris lain" in pertama.pesan
    tengah = next(g for g in ganda if g.baris == 5000)
    assert "juga di baris 2, 3, 4 dan 9.996 baris lain" in tengah.pesan
    # Memory stays linear: the messages together are a few megabytes, not 9,999² numbers.
    assert sum(len(g.pesan) for g in hasil.galat) < 10_000 * PANJANG_MAKS_PESAN_GANDA


def test_satu_kode_jabatan_diulang_10000_kali_pesannya_terbatas(jabatan):
    baris = [["J-SAMA", "Analis", "UNIT-A", "Fungsional", "Ahli Muda", "", 9]] * 10_000
    header = ["Kode Jabatan", "Nama Jabatan", "Kode Unit Kerja", "Jenis Jabatan", "Jenjang"]
    header += ["Eselon", "Kelas Jabatan"]
    hasil = impor_jabatan.periksa(baca_lembar(buat_xlsx(header, baris), impor_jabatan.KOLOM))
    assert hasil.jumlah_baris_galat == 10_000
    assert max(len(g.pesan) for g in hasil.galat) < PANJANG_MAKS_PESAN_GANDA
    assert any("dan 9.996 baris lain" in g.pesan for g in hasil.galat)


def test_dua_baris_ganda_tetap_disebut_semua():
    from mutasi_asn.impor_xlsx import tandai_duplikat

    galat = []
    assert tandai_duplikat([(2, "A"), (3, "B"), (7, "A")], "NIP", galat, "NIP") == {2, 7}
    assert [(g.baris, "juga di baris 7)" in g.pesan) for g in galat] == [(2, True), (7, False)]
    assert "juga di baris 2)" in galat[1].pesan and "baris lain" not in galat[1].pesan


def _string_raksasa(megabyte: int):
    potong = "A" * 1_048_576
    for _ in range(megabyte):
        yield potong


def test_shared_strings_raksasa_ditolak_sebelum_diurai():
    data = xlsx_mentah(
        [baris_xml(1, ["NIP", "Nama"]), '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
        shared_strings=_string_raksasa(MAKS_BYTE_TERURAI // 1_048_576 + 8),
    )
    assert len(data) < 1_048_576  # a small upload...
    with pytest.raises(BerkasTidakSah, match="terlalu besar setelah diekstrak") as exc:
        periksa_berkas("besar.xlsx", len(data), data)
    assert len(str(exc.value)) < MAKS_PESAN


def test_unggahan_bom_zip_ditolak_tanpa_membuat_impor(bkpsdm):
    # A sheet of ~90 MB of rows, compressed to a few hundred KB.
    data = xlsx_mentah(
        ['<row><c t="inlineStr"><is><t>198609262015051001</t></is></c></row>'] * 1_500_000
    )
    with pytest.raises(Exception, match="terlalu besar setelah diekstrak"):
        impor_unggah(jenis="pegawai", berkas=Unggahan(data, "bom.xlsx"), actor=bkpsdm)
    assert not ImporRegister.objects.exists()


def test_nilai_sel_panjang_dipotong_dalam_pesan(jabatan):
    raksasa = "IV/z" * 50_000  # 200,000 characters in the Golongan cell
    lembar = baca_lembar(
        buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", raksasa, "S1", "JAB-A", ""]]),
        impor_pegawai.KOLOM,
    )
    hasil = impor_pegawai.periksa(lembar)
    pesan = next(g.pesan for g in hasil.galat if g.kolom == "Golongan")
    assert "tidak dikenali" in pesan and "\u2026" in pesan
    assert len(pesan) < 300


def test_judul_kolom_panjang_yang_diabaikan_dipotong():
    lembar = baca_lembar(
        buat_xlsx([*HEADER, "X" * 100_000], [[NIP_BARU, "Rina"]]), impor_pegawai.KOLOM
    )
    assert [len(x) for x in lembar.diabaikan] == [60]


def test_dimensi_lembar_yang_diklaim_tidak_menambah_baris_atau_kolom():
    # The sheet claims A1:XFD1048576; openpyxl would pad every row to 16,384 cells and add a
    # million empty rows after the last one.
    data = xlsx_mentah(
        [baris_xml(1, HEADER), baris_xml(2, [NIP_BARU, "Rina"])],
        dimensi="A1:XFD1048576",
    )
    lembar = baca_lembar(data, impor_pegawai.KOLOM)
    assert [n for n, _ in lembar.baris] == [2]


def test_pembacaan_berhenti_di_batas_baris():
    data = xlsx_mentah([baris_xml(1, HEADER)] + ["<row><c><v>1</v></c></row>"] * 120)
    with pytest.raises(BerkasTidakSah, match=r"batasnya 100 baris .*baris 102 sudah melewatinya"):
        baca_lembar(data, impor_pegawai.KOLOM, maks_baris=100)


# --- an import never stays "memeriksa" or "diproses" -------------------------------------------


def test_pemeriksaan_yang_terhenti_berakhir_gagal_saat_dikirim_ulang(jabatan, bkpsdm):
    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    impor = impor_unggah(jenis="pegawai", berkas=Unggahan(data, "d.xlsx"), actor=bkpsdm)
    # A first delivery started checking, then its worker was killed (out of memory).
    ImporRegister.objects.filter(pk=impor.pk).update(tahap="memeriksa", jumlah_diproses=500)
    impor = impor_periksa(impor=ImporRegister.objects.get(pk=impor.pk))
    assert impor.status == StatusImpor.GAGAL
    assert "terhenti" in impor.pesan and "unggah ulang" in impor.pesan
    assert not impor.sedang_berjalan


def test_penyimpanan_yang_terhenti_berakhir_gagal_saat_dikirim_ulang(jabatan, bkpsdm):
    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    impor = impor_periksa(
        impor=impor_unggah(jenis="pegawai", berkas=Unggahan(data, "d.xlsx"), actor=bkpsdm)
    )
    ImporRegister.objects.filter(pk=impor.pk).update(status=StatusImpor.DIPROSES, tahap="menyimpan")
    impor = impor_jalankan(impor_id=impor.pk)
    assert impor.status == StatusImpor.GAGAL and "tidak ada data yang disimpan" in impor.pesan


def test_impor_yang_tugasnya_hilang_diakhiri_penyapu_berkala(jabatan, bkpsdm, settings):
    import datetime

    from django.utils import timezone

    from pegawai.impor import impor_akhiri_yang_macet

    data = buat_xlsx(HEADER, [[NIP_BARU, "PNS", "Rina", "III/a", "S1", "JAB-A", ""]])
    hilang = impor_unggah(jenis="pegawai", berkas=Unggahan(data, "a.xlsx"), actor=bkpsdm)
    baru = impor_unggah(jenis="pegawai", berkas=Unggahan(data, "b.xlsx"), actor=bkpsdm)
    # Its check task was lost two hours ago (the queue was emptied): no sign of life since.
    ImporRegister.objects.filter(pk=hilang.pk).update(
        diperbarui=timezone.now() - datetime.timedelta(hours=2)
    )
    assert impor_akhiri_yang_macet() == 1
    hilang.refresh_from_db()
    baru.refresh_from_db()
    assert hilang.status == StatusImpor.GAGAL and "Unggah ulang" in hilang.pesan
    assert baru.status == StatusImpor.MENUNGGU  # still within a task's lifetime
    jadwal = {v["task"] for v in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "pegawai.tasks.impor_akhiri_macet" in jadwal
