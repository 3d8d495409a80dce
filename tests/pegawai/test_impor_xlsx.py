"""Reading spreadsheets as people make them: headers, cells, damaged files, the templates.

`buat_xlsx` builds test files in memory with openpyxl (no binary fixtures are committed); the
other import tests use it too.
"""

import datetime
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from instansi.choices import baca_golongan, baca_pendidikan
from mutasi_asn.impor_xlsx import (
    BerkasTidakSah,
    KolomImpor,
    NilaiTidakSah,
    baca_lembar,
    tanggal,
    tulis_templat,
)
from pegawai import impor_jabatan, impor_pegawai
from pegawai.impor_pegawai import baca_nip


def buat_xlsx(header, baris, *, judul_atas=None, nama_lembar="Data") -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = nama_lembar
    if judul_atas:
        ws.append([judul_atas])
        ws.append([])
    ws.append(list(header))
    for b in baris:
        ws.append(list(b))
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def test_header_dikenali_dengan_sinonim_huruf_dan_tanda_baca():
    data = buat_xlsx(
        [
            "No",
            "NIP Baru",
            "Nama Lengkap",
            "Pangkat/Gol.",
            "PENDIDIKAN TERAKHIR",
            "kode jabatan",
            "TMT  Jabatan",
            "Keterangan lain",
        ],
        [[1, "19860926 201505 1 001", "Maria", "III/a", "S1", "J1", "01/01/2024", "x"]],
        judul_atas="DAFTAR PEGAWAI DINAS KESEHATAN",
    )
    lembar = baca_lembar(data, impor_pegawai.KOLOM)
    assert lembar.baris_header == 3
    assert set(lembar.kolom) == {
        "nip",
        "nama",
        "golongan",
        "pendidikan",
        "kode_jabatan",
        "tmt_jabatan",
    }
    assert lembar.diabaikan == ["No", "Keterangan lain"]
    assert lembar.baris[0][0] == 4  # the row number as Excel shows it


@pytest.mark.parametrize(
    "judul",
    ["NIP", "nip", "N.I.P.", "Nomor Induk Pegawai", "NIP Baru", "NIP (18 digit)"],
)
def test_sinonim_nip(judul):
    data = buat_xlsx([judul, "Nama", "Gol", "Tingkat Pendidikan", "Kode Jabatan"], [])
    assert baca_lembar(data, impor_pegawai.KOLOM).kolom["nip"] == 0


@pytest.mark.parametrize(
    "judul", ["Gol", "Golongan/Ruang", "Pangkat/Gol", "Gol. Ruang", "golongan"]
)
def test_sinonim_golongan(judul):
    data = buat_xlsx(["NIP", "Nama", judul, "Pendidikan", "Kode Jabatan"], [])
    assert "golongan" in baca_lembar(data, impor_pegawai.KOLOM).kolom


def test_kolom_wajib_tidak_ada_dilaporkan_dengan_namanya():
    data = buat_xlsx(["NIP", "Nama", "Golongan"], [["1", "a", "III/a"]])
    with pytest.raises(BerkasTidakSah, match="Pendidikan.*Kode Jabatan"):
        baca_lembar(data, impor_pegawai.KOLOM)


def test_berkas_bukan_xlsx_dan_zip_rusak_diberi_pesan():
    with pytest.raises(BerkasTidakSah, match="bukan .xlsx"):
        baca_lembar(b"NIP;Nama\n1;2\n", impor_pegawai.KOLOM)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("hello.txt", "bukan excel")
    with pytest.raises(BerkasTidakSah, match="tidak dapat dibuka"):
        baca_lembar(buf.getvalue(), impor_pegawai.KOLOM)
    terpotong = buat_xlsx(["NIP"], [["1"]])[:300]
    with pytest.raises(BerkasTidakSah):
        baca_lembar(terpotong, impor_pegawai.KOLOM)


@pytest.mark.parametrize(
    ("teks", "nilai"),
    [
        ("III/a", 31),
        ("III-a", 31),
        ("IIIa", 31),
        ("iii / A", 31),
        ("Penata Muda (III/a)", 31),
        ("Pembina Tk. I, IV/b", 42),
        ("IV/e", 45),
        ("IX", 109),
        (9, 109),
        ("XVII", 117),
    ],
)
def test_golongan_berbagai_tulisan(teks, nilai):
    assert baca_golongan(teks) == nilai


@pytest.mark.parametrize(
    ("teks", "label"),
    [
        ("S1", "S1"),
        ("S-1", "S1"),
        ("s.1", "S1"),
        ("D3", "D-III"),
        ("D-III", "D-III"),
        ("SMA", "SLTA/SMK"),
        ("SMK", "SLTA/SMK"),
        ("S2", "S2"),
        ("Strata 1", "S1"),
        ("SMP", "SLTP"),
    ],
)
def test_pendidikan_berbagai_tulisan(teks, label):
    from instansi.choices import Pendidikan

    assert Pendidikan(baca_pendidikan(teks)).label == label


def test_pendidikan_tidak_dikenal():
    with pytest.raises(NilaiTidakSah, match="tidak dikenali"):
        baca_pendidikan("Kursus")


@pytest.mark.parametrize(
    "nilai",
    [
        datetime.datetime(2026, 11, 29),
        datetime.date(2026, 11, 29),
        "29/11/2026",
        "2026-11-29",
        "29-11-2026",
        46355,
        "29 November 2026",
        "29 Nop 2026",
        "29-Nov-2026",
    ],
)
def test_tanggal_berbagai_tulisan(nilai):
    assert tanggal(nilai) == datetime.date(2026, 11, 29)


def test_tanggal_tidak_sah():
    with pytest.raises(NilaiTidakSah, match="29/11/2026"):
        tanggal("31/02/2026")


def test_nip_dengan_atau_tanpa_spasi_dan_sebagai_bilangan_bulat():
    assert baca_nip("19860926 201505 1 001") == "198609262015051001"
    assert baca_nip("198609262015051001") == "198609262015051001"
    assert baca_nip(198609262015051001) == "198609262015051001"


def test_nip_yang_diketik_sebagai_angka_dilaporkan_jelas():
    # Excel keeps 15 significant digits: the NIP comes back as a float in scientific notation.
    with pytest.raises(NilaiTidakSah, match="15 digit.*Teks"):
        baca_nip(1.98609262015051e17)
    with pytest.raises(NilaiTidakSah, match="15 digit"):
        baca_nip("1,98609E+17")
    with pytest.raises(NilaiTidakSah, match="18 angka"):
        baca_nip("1986092620150510")


def test_nip_sebagai_sel_angka_di_berkas_terbaca_sebagai_float_dan_ditolak():
    data = buat_xlsx(
        ["NIP", "Nama", "Golongan", "Pendidikan", "Kode Jabatan"],
        [[1.98609262015051e17, "Maria", "III/a", "S1", "J1"]],
    )
    lembar = baca_lembar(data, impor_pegawai.KOLOM)
    with pytest.raises(NilaiTidakSah, match="15 digit"):
        baca_nip(lembar.baris[0][1]["nip"])


@pytest.mark.parametrize("modul", [impor_pegawai, impor_jabatan])
def test_templat_punya_header_contoh_dan_petunjuk_yang_terbaca_kembali(modul):
    data = tulis_templat("Data", modul.KOLOM, modul.CONTOH, modul.PETUNJUK)
    wb = load_workbook(io.BytesIO(data))
    assert wb.sheetnames == ["Data", "Petunjuk"]
    assert [c.value for c in wb["Data"][1]] == [k.label for k in modul.KOLOM]
    assert wb["Data"].max_row == 2  # header + one example row
    petunjuk = [r[0].value for r in wb["Petunjuk"].iter_rows(min_row=2)]
    assert all(k.label in petunjuk for k in modul.KOLOM)
    lembar = baca_lembar(data, modul.KOLOM)
    assert set(lembar.kolom) == {k.nama for k in modul.KOLOM}
    assert len(lembar.baris) == 1


def test_templat_meloloskan_rumus_sebagai_teks():
    kolom = [KolomImpor("nama", "Nama", keterangan='=HYPERLINK("http://x")', contoh="=1+1")]
    data = tulis_templat("Data", kolom, [["=1+1"]], ["@SUM(A1)"])
    wb = load_workbook(io.BytesIO(data))
    assert wb["Data"]["A2"].value == "'=1+1"
    nilai = [c.value for r in wb["Petunjuk"].iter_rows() for c in r if c.value]
    assert not any(str(v).startswith(("=", "@", "+", "-")) for v in nilai)


@pytest.mark.django_db
@pytest.mark.parametrize("modul", [impor_pegawai, impor_jabatan])
def test_baris_contoh_templat_yang_lupa_dihapus_ditolak(modul):
    data = tulis_templat("Data", modul.KOLOM, modul.CONTOH, modul.PETUNJUK)
    hasil = modul.periksa(baca_lembar(data, modul.KOLOM))
    assert any(g.baris == 2 and "baris contoh" in g.pesan for g in hasil.galat)
    assert hasil.jumlah_baru == 0


def test_tahun_saja_bukan_nomor_seri_tanggal():
    with pytest.raises(NilaiTidakSah):
        tanggal(2024)
