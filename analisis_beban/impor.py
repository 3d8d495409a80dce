"""Reading an uraian-tugas spreadsheet: the template, tolerant headers, every row error at once.

The reading itself (file checks, header synonyms, cells, the template) is the toolkit every
import shares, `mutasi_asn.impor_xlsx`; here are the ABK's columns and rules. Nothing here
writes to the database: `baca_berkas` returns the valid rows and the list of errors (with the
spreadsheet row number), the preview shows them, and only a file without errors goes on to
`services.uraian_tugas_impor`, which replaces the tasks all-or-nothing.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from instansi.models import Jabatan
from mutasi_asn.impor_xlsx import (
    BerkasTidakSah,
    KolomImpor,
    baca_lembar,
    kutip,
    muat_per,
    periksa_berkas,
    teks,
    tulis_templat,
    urai_angka,
)

from .models import UraianTugas

BATAS_BARIS = 50_000

KOLOM = [
    KolomImpor(
        "kode_jabatan",
        "Kode jabatan",
        ("Kode", "Kode jab", "Jabatan kode"),
        wajib=True,
        keterangan="Kode jabatan seperti di daftar jabatan aplikasi.",
        contoh="JB00001",
        sebagai_teks=True,
        lebar=16,
    ),
    KolomImpor(
        "uraian",
        "Uraian tugas",
        ("Uraian", "Tugas", "Rincian tugas"),
        wajib=True,
        contoh="Menyusun laporan bulanan",
        lebar=50,
    ),
    KolomImpor(
        "hasil_kerja",
        "Hasil kerja",
        ("Hasil", "Output", "Produk"),
        wajib=True,
        contoh="Laporan",
        lebar=24,
    ),
    KolomImpor(
        "satuan",
        "Satuan",
        ("Satuan hasil", "Satuan hasil kerja"),
        wajib=True,
        contoh="Dokumen",
        lebar=14,
    ),
    KolomImpor(
        "volume",
        "Volume per tahun",
        ("Volume", "Volume tahunan", "Jumlah hasil", "Beban kerja", "Jumlah"),
        wajib=True,
        keterangan="Jumlah hasil kerja per tahun.",
        contoh=12,
        lebar=18,
    ),
    KolomImpor(
        "norma_waktu_menit",
        "Norma waktu (menit)",
        (
            "Norma waktu",
            "Norma waktu menit",
            "Norma",
            "Waktu penyelesaian",
            "Waktu penyelesaian menit",
            "Waktu",
        ),
        wajib=True,
        keterangan="Menit untuk satu hasil kerja.",
        contoh=300,
        lebar=20,
    ),
]
PETUNJUK = [
    "Satu baris = satu uraian tugas. Baris contoh di lembar pertama boleh dihapus.",
    "Kode jabatan: kode jabatan seperti di daftar jabatan aplikasi.",
    "Volume: jumlah hasil kerja per tahun. Norma waktu: menit untuk satu hasil kerja.",
    "Angka boleh ditulis 1.200 atau 1200; pecahan dengan koma, mis. 1,5.",
    "Saat impor, seluruh uraian tugas jabatan yang ada di berkas diganti untuk periode itu.",
]
PANJANG_MAKS = {
    f: UraianTugas._meta.get_field(f).max_length for f in ("uraian", "hasil_kerja", "satuan")
}


@dataclass
class BarisImpor:
    nomor: int
    jabatan: Jabatan
    uraian: str
    hasil_kerja: str
    satuan: str
    volume: Decimal
    norma_waktu_menit: Decimal


@dataclass
class GalatBaris:
    """One sentence per row (every problem of the row in it), as the preview lists them."""

    nomor: int  # 0 = the file as a whole
    pesan: str


@dataclass
class HasilBaca:
    baris: list[BarisImpor] = field(default_factory=list)
    galat: list[GalatBaris] = field(default_factory=list)

    @property
    def sah(self) -> bool:
        return not self.galat and bool(self.baris)

    @property
    def jumlah_jabatan(self) -> int:
        return len({b.jabatan.pk for b in self.baris})


def baca_berkas(berkas, nama: str = "") -> HasilBaca:
    """Read an uploaded file (file-like or bytes); every problem becomes a message, never a 500."""
    hasil = HasilBaca()
    data = berkas if isinstance(berkas, bytes) else berkas.read()
    try:
        periksa_berkas(nama, len(data))
        lembar = baca_lembar(data, KOLOM, maks_baris=BATAS_BARIS)
    except BerkasTidakSah as exc:
        hasil.galat.append(GalatBaris(0, str(exc)))
        return hasil

    kode_semua = {teks(n["kode_jabatan"]) for _, n in lembar.baris} - {""}
    jabatan = muat_per(Jabatan.objects.select_related("unit_kerja"), "kode", kode_semua)

    for nomor, n in lembar.baris:
        pesan = []
        kode = teks(n["kode_jabatan"])
        if not kode:
            pesan.append("kode jabatan kosong")
        elif kode not in jabatan:
            pesan.append(f"kode jabatan {kutip(kode)} tidak dikenal")
        isi = {}
        for f, label in (
            ("uraian", "uraian tugas"),
            ("hasil_kerja", "hasil kerja"),
            ("satuan", "satuan"),
        ):
            isi[f] = teks(n[f])
            if not isi[f]:
                pesan.append(f"{label} kosong")
            elif len(isi[f]) > PANJANG_MAKS[f]:
                pesan.append(f"{label} lebih dari {PANJANG_MAKS[f]} karakter")
        angka = {}
        for f, label in (("volume", "volume"), ("norma_waktu_menit", "norma waktu")):
            if teks(n[f]) == "":
                pesan.append(f"{label} kosong")
                continue
            a = urai_angka(n[f])
            if a is None:
                pesan.append(f"{label} {kutip(teks(n[f]))} bukan angka")
            elif a < 0:
                pesan.append(f"{label} tidak boleh negatif")
            elif a >= 10**8:
                pesan.append(f"{label} terlalu besar")
            else:
                angka[f] = a.quantize(Decimal("0.01"))
        if pesan:
            teks_galat = "; ".join(pesan)
            hasil.galat.append(GalatBaris(nomor, teks_galat[0].upper() + teks_galat[1:] + "."))
            continue
        hasil.baris.append(
            BarisImpor(
                nomor=nomor,
                jabatan=jabatan[kode],
                uraian=isi["uraian"],
                hasil_kerja=isi["hasil_kerja"],
                satuan=isi["satuan"],
                volume=angka["volume"],
                norma_waktu_menit=angka["norma_waktu_menit"],
            )
        )
    if not lembar.baris:
        hasil.galat.append(GalatBaris(0, "Berkas tidak berisi baris uraian tugas."))
    return hasil


def templat_xlsx() -> bytes:
    """The template with one example row, so a user sees the expected notation."""
    return tulis_templat("Uraian tugas", KOLOM, [[k.contoh for k in KOLOM]], PETUNJUK)
