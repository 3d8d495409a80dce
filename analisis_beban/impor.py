"""Reading an uraian-tugas spreadsheet: the template, tolerant headers, every row error at once.

Nothing here writes to the database: `baca_berkas` returns the valid rows and the list of
errors (with the spreadsheet row number), the preview shows them, and only a file without
errors goes on to `services.uraian_tugas_impor`, which replaces the tasks all-or-nothing.
"""

import io
import re
import zipfile
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation

from django.conf import settings
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils.exceptions import InvalidFileException

from instansi.models import Jabatan

from .models import UraianTugas

BATAS_BARIS = 50_000

# Column key -> (header in the template, accepted spellings after normalisation)
KOLOM = {
    "kode_jabatan": ("Kode jabatan", {"kodejabatan", "kode", "kodejab", "jabatankode"}),
    "uraian": ("Uraian tugas", {"uraiantugas", "uraian", "tugas", "rinciantugas"}),
    "hasil_kerja": ("Hasil kerja", {"hasilkerja", "hasil", "output", "produk"}),
    "satuan": ("Satuan", {"satuan", "satuanhasil", "satuanhasilkerja"}),
    "volume": (
        "Volume per tahun",
        {"volume", "volumepertahun", "volumetahunan", "jumlahhasil", "bebankerja", "jumlah"},
    ),
    "norma_waktu_menit": (
        "Norma waktu (menit)",
        {
            "normawaktu",
            "normawaktumenit",
            "norma",
            "waktupenyelesaian",
            "waktupenyelesaianmenit",
            "waktu",
        },
    ),
}
WAJIB = list(KOLOM)
PANJANG_MAKS = {
    f: UraianTugas._meta.get_field(f).max_length for f in ("uraian", "hasil_kerja", "satuan")
}


def normalisasi_header(teks) -> str:
    return re.sub(r"[^a-z0-9]", "", str(teks or "").lower())


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


def urai_angka(nilai) -> Decimal | None:
    """A number from a cell: numeric cells as they are; text in Indonesian or plain notation.

    `1.200` (groups of three after the dots) is twelve hundred; `1,5` and `1.5` are one and a half.
    """
    if isinstance(nilai, bool):
        return None
    if isinstance(nilai, int | float | Decimal):
        return Decimal(str(nilai))
    teks = str(nilai).strip().replace(" ", "")
    if "," in teks and "." in teks:
        teks = teks.replace(".", "").replace(",", ".")
    elif "," in teks:
        teks = teks.replace(",", ".")
    elif re.fullmatch(r"-?\d{1,3}(\.\d{3})+", teks):
        teks = teks.replace(".", "")
    try:
        angka = Decimal(teks)
    except InvalidOperation:
        return None
    return angka if angka.is_finite() else None


def _teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    return str(nilai).strip()


def baca_berkas(berkas, nama: str = "") -> HasilBaca:
    """Read an uploaded file (file-like or bytes); every problem becomes a message, never a 500."""
    hasil = HasilBaca()
    data = berkas if isinstance(berkas, bytes) else berkas.read()
    if len(data) > settings.UNGGAHAN_MAKS_BYTE:
        batas = settings.UNGGAHAN_MAKS_BYTE // (1024 * 1024)
        hasil.galat.append(GalatBaris(0, f"Berkas terlalu besar: batasnya {batas} MB."))
        return hasil
    if nama and not nama.lower().endswith(".xlsx"):
        hasil.galat.append(
            GalatBaris(0, "Berkas harus berformat .xlsx (Excel). Unduh templatnya bila perlu.")
        )
        return hasil
    try:
        wb = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError):
        hasil.galat.append(
            GalatBaris(0, "Berkas tidak dapat dibaca sebagai .xlsx. Simpan ulang dari Excel.")
        )
        return hasil
    try:
        _baca_lembar(wb.worksheets[0], hasil)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError):
        hasil.baris.clear()
        hasil.galat.append(GalatBaris(0, "Isi berkas .xlsx rusak dan tidak dapat dibaca."))
    finally:
        wb.close()
    return hasil


def _baca_lembar(ws, hasil: HasilBaca) -> None:
    baris_iter = ws.iter_rows(values_only=True)
    header = next(baris_iter, None)
    if header is None:
        hasil.galat.append(GalatBaris(0, "Berkas kosong."))
        return
    posisi: dict[str, int] = {}
    for i, h in enumerate(header):
        kunci = normalisasi_header(h)
        for nama_kolom, (_, ejaan) in KOLOM.items():
            if kunci in ejaan and nama_kolom not in posisi:
                posisi[nama_kolom] = i
    hilang = [KOLOM[k][0] for k in WAJIB if k not in posisi]
    if hilang:
        hasil.galat.append(
            GalatBaris(
                1,
                "Kolom tidak ditemukan di baris judul: "
                + ", ".join(hilang)
                + ". Gunakan templat yang disediakan.",
            )
        )
        return

    mentah = []
    for nomor, row in enumerate(baris_iter, start=2):
        if nomor - 1 > BATAS_BARIS:
            hasil.galat.append(GalatBaris(0, f"Terlalu banyak baris: batasnya {BATAS_BARIS}."))
            return
        nilai = {k: (row[i] if i < len(row) else None) for k, i in posisi.items()}
        if all(_teks(v) == "" for v in nilai.values()):
            continue
        mentah.append((nomor, nilai))

    kode_semua = {_teks(n["kode_jabatan"]) for _, n in mentah} - {""}
    jabatan = {}
    kode_list = list(kode_semua)
    for i in range(0, len(kode_list), 500):
        for j in Jabatan.objects.filter(kode__in=kode_list[i : i + 500]).select_related(
            "unit_kerja"
        ):
            jabatan[j.kode] = j

    for nomor, n in mentah:
        pesan = []
        kode = _teks(n["kode_jabatan"])
        if not kode:
            pesan.append("kode jabatan kosong")
        elif kode not in jabatan:
            pesan.append(f"kode jabatan “{kode}” tidak dikenal")
        teks = {}
        for f, label in (
            ("uraian", "uraian tugas"),
            ("hasil_kerja", "hasil kerja"),
            ("satuan", "satuan"),
        ):
            teks[f] = _teks(n[f])
            if not teks[f]:
                pesan.append(f"{label} kosong")
            elif len(teks[f]) > PANJANG_MAKS[f]:
                pesan.append(f"{label} lebih dari {PANJANG_MAKS[f]} karakter")
        angka = {}
        for f, label in (("volume", "volume"), ("norma_waktu_menit", "norma waktu")):
            if _teks(n[f]) == "":
                pesan.append(f"{label} kosong")
                continue
            a = urai_angka(n[f])
            if a is None:
                pesan.append(f"{label} “{_teks(n[f])}” bukan angka")
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
                uraian=teks["uraian"],
                hasil_kerja=teks["hasil_kerja"],
                satuan=teks["satuan"],
                volume=angka["volume"],
                norma_waktu_menit=angka["norma_waktu_menit"],
            )
        )
    if not mentah:
        hasil.galat.append(GalatBaris(0, "Berkas tidak berisi baris uraian tugas."))


def templat_xlsx() -> bytes:
    """The blank template with one example row, so a user sees the expected notation."""
    wb = Workbook()
    ws = wb.active
    ws.title = "Uraian tugas"
    ws.append([label for label, _ in KOLOM.values()])
    for sel in ws[1]:
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = PatternFill("solid", fgColor="1F4E79")
    ws.append(["JB00001", "Menyusun laporan bulanan", "Laporan", "Dokumen", 12, 300])
    for kolom, lebar in zip("ABCDEF", (16, 50, 24, 14, 18, 20), strict=True):
        ws.column_dimensions[kolom].width = lebar
    ws.freeze_panes = "A2"
    petunjuk = wb.create_sheet("Petunjuk")
    for teks in (
        "Satu baris = satu uraian tugas. Baris contoh di lembar pertama boleh dihapus.",
        "Kode jabatan: kode jabatan seperti di daftar jabatan aplikasi.",
        "Volume: jumlah hasil kerja per tahun. Norma waktu: menit untuk satu hasil kerja.",
        "Angka boleh ditulis 1.200 atau 1200; pecahan dengan koma, mis. 1,5.",
        "Saat impor, seluruh uraian tugas jabatan yang ada di berkas diganti untuk periode itu.",
    ):
        petunjuk.append([teks])
    petunjuk.column_dimensions["A"].width = 100
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
