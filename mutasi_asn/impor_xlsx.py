"""Reading spreadsheets people actually make: tolerant headers, typed cells, row errors.

The toolkit every .xlsx import shares (the register's pegawai and jabatan, the ABK's uraian
tugas); it knows no domain. An import is declared as a list of `KolomImpor`; this module finds
the header row, maps each column by its synonyms (`baca_lembar`), checks the file itself
(`periksa_berkas`), and turns cells into Python values (the readers, `BacaanBaris` for a
whole row). Every problem becomes a `GalatBaris` (row number, column label, a message that
says what to fix) so the preview can list them all before anything is written. The
downloadable template comes from the same column list (`tulis_templat`). Each app keeps its
own columns and rules.
"""

import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.worksheet import _reader as _openpyxl_reader

from .excel import aman_untuk_sel

# How many rows from the top are searched for the header row (a title may sit above it).
BARIS_CARI_HEADER = 15
# Columns searched for headers: a hostile sheet may claim (or hold one cell in) column XFD, and
# every row read would be padded to 16,384 cells.
KOLOM_CARI_HEADER = 200
# The workbook's parts, uncompressed, at most: a small upload can inflate to gigabytes (one
# 200 MB string in sharedStrings is a 200 KB file). A real 50,000-row sheet is ~30 MB.
MAKS_BYTE_TERURAI = 64 * 1024 * 1024
MAKS_BAGIAN_ZIP = 2000
# Data rows an import reads at most; reading stops there (ABK's 1M-row files).
MAKS_BARIS = 50_000
# A value echoed in a message is cut to this many characters, a whole message to MAKS_PESAN.
MAKS_KUTIPAN = 60
MAKS_PESAN = 600
# Other rows named by a duplicate-key message; the rest are counted ("dan 9.996 baris lain").
MAKS_BARIS_DISEBUT = 3


def _ukuran_dari_awal_lembar(self):
    """openpyxl 3.1's `parse_dimensions` listens for *end* events, so on a sheet without a
    `<dimension>` its "stop at sheetData" fires only after the last row: opening a workbook
    parsed every sheet whole (40 s for a million-row file, before our row limit). The
    schema puts `<dimension>` before `<sheetData>`, so stopping at its *start* is the same
    answer for every valid file."""
    for _event, element in _openpyxl_reader.iterparse(self.source, events=("start",)):
        if element.tag == _openpyxl_reader.DIMENSION_TAG:
            return _openpyxl_reader.SheetDimension.from_tree(element).boundaries
        if element.tag == _openpyxl_reader.DATA_TAG:
            return None
    return None


_openpyxl_reader.WorkSheetParser.parse_dimensions = _ukuran_dari_awal_lembar


class BerkasTidakSah(Exception):
    """The file as a whole cannot be read: wrong type, damaged, or without the needed columns."""


class NilaiTidakSah(Exception):
    """One cell cannot be read; the message says what to fix."""


def potong(nilai: Any, maks: int = MAKS_KUTIPAN) -> str:
    """A value as text, cut to `maks` characters (with "…"): what a message may echo of a cell
    that can hold megabytes."""
    s = nilai if isinstance(nilai, str) else str(nilai)
    if len(s) <= maks:
        return s
    return s[: maks - 1] + "\u2026"


def kutip(nilai: Any) -> str:
    """`“value”`, cut to MAKS_KUTIPAN characters: every cell value a message echoes."""
    return f"\u201c{potong(nilai)}\u201d"


def angka_id(n: int) -> str:
    """9998 -> `9.998` (Indonesian thousands separator)."""
    return f"{n:,}".replace(",", ".")


@dataclass(frozen=True)
class GalatBaris:
    """One row error of an import: the row number as Excel shows it (0 = the file as a whole),
    the column's label in the template ("" for the row as a whole) and a message that says
    what to fix (never longer than MAKS_PESAN characters, whatever a cell held)."""

    baris: int
    kolom: str
    pesan: str

    def __post_init__(self):
        if len(self.pesan) > MAKS_PESAN:
            object.__setattr__(self, "pesan", potong(self.pesan, MAKS_PESAN))
        if len(self.kolom) > MAKS_KUTIPAN:
            object.__setattr__(self, "kolom", potong(self.kolom))

    def sebagai_dict(self) -> dict:
        return {"baris": self.baris, "kolom": self.kolom, "pesan": self.pesan}


# An example row of a downloaded template that was left in the file.
PESAN_BARIS_CONTOH = "Ini baris contoh dari templat; hapus baris ini."


def kunci_header(teks: Any) -> str:
    """`Golongan / Ruang*` → `golonganruang`: case, spaces, punctuation and notes dropped."""
    s = str(teks or "").lower()
    s = re.sub(r"\(.*?\)", "", s)
    return re.sub(r"[^a-z0-9]", "", s)


@dataclass(frozen=True)
class KolomImpor:
    """One column of an import template."""

    nama: str  # key in the parsed row dict
    label: str  # header in the template
    sinonim: tuple[str, ...] = ()
    wajib: bool = False  # the column must be present in the file
    keterangan: str = ""  # explanation on the "Petunjuk" sheet
    contoh: Any = ""
    # A number-like code (NIP, kode): the template formats the column as text so that Excel
    # does not round or reformat what is typed in it.
    sebagai_teks: bool = False
    lebar: int = 0  # column width in the template; 0 = from the label

    @property
    def kunci(self) -> set[str]:
        return {kunci_header(self.label), kunci_header(self.nama), *map(kunci_header, self.sinonim)}


@dataclass
class LembarData:
    """The located data of a workbook: which column holds what, and the raw rows."""

    kolom: dict[str, int]  # KolomImpor.nama -> 0-based column index
    label: dict[str, str]  # KolomImpor.nama -> label
    baris_header: int
    diabaikan: list[str] = field(default_factory=list)  # headers that matched no column
    baris: list[tuple[int, dict[str, Any]]] = field(default_factory=list)


def buka_workbook(sumber: str | Path | bytes):
    """Open an .xlsx or raise BerkasTidakSah with a message a user understands."""
    try:
        data = sumber if isinstance(sumber, bytes) else Path(sumber).read_bytes()
    except OSError:
        raise BerkasTidakSah(
            "Berkas unggahan tidak ditemukan lagi di server; unggah ulang."
        ) from None
    if not data.startswith(b"PK"):
        raise BerkasTidakSah(
            "Berkas tidak dapat dibaca: isinya bukan .xlsx (Excel 2007 atau lebih baru). Bila "
            "berkas berformat .xls atau .csv, buka di Excel lalu simpan ulang sebagai "
            "\u201cExcel Workbook (.xlsx)\u201d."
        )
    periksa_ukuran_terurai(data)
    try:
        return load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, ValueError, TypeError, OSError, IndexError) as exc:
        raise BerkasTidakSah(
            "Berkas .xlsx tidak dapat dibuka: berkas rusak atau bukan buku kerja Excel. "
            "Simpan ulang dari Excel sebagai \u201cExcel Workbook (.xlsx)\u201d lalu unggah lagi."
        ) from exc
    except Exception as exc:  # openpyxl raises assorted errors on damaged XML
        raise BerkasTidakSah(
            "Berkas .xlsx tidak dapat dibaca (isi berkas rusak). Simpan ulang dari Excel lalu "
            "unggah lagi."
        ) from exc


def periksa_ukuran_terurai(data: bytes) -> None:
    """Refuse a workbook whose parts would inflate beyond MAKS_BYTE_TERURAI, before any XML
    is parsed. The sizes come from the zip directory; zipfile never reads a member past the
    size declared there, so a part that lies about it cannot inflate further."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            bagian = zf.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise BerkasTidakSah(
            "Berkas .xlsx tidak dapat dibuka: berkas rusak atau bukan buku kerja Excel. "
            "Simpan ulang dari Excel sebagai \u201cExcel Workbook (.xlsx)\u201d lalu unggah lagi."
        ) from exc
    total = sum(b.file_size for b in bagian)
    if len(bagian) > MAKS_BAGIAN_ZIP or total > MAKS_BYTE_TERURAI:
        raise BerkasTidakSah(
            f"Isi berkas terlalu besar setelah diekstrak ({total / 1048576:.0f} MB; batasnya "
            f"{MAKS_BYTE_TERURAI / 1048576:.0f} MB). Hapus lembar, gambar atau sel yang tidak "
            "perlu (mis. teks yang sangat panjang), atau bagi data menjadi beberapa berkas."
        )


def periksa_berkas(nama: str, ukuran: int, data: bytes | None = None) -> None:
    """Only a real .xlsx within the upload limit is accepted; otherwise BerkasTidakSah says
    what to do. Without `data` only the name and size are checked (before a large upload is
    read); an empty `nama` skips the name check."""
    if nama and not nama.lower().endswith(".xlsx"):
        raise BerkasTidakSah(
            "Hanya berkas Excel .xlsx yang diterima (berkas harus berformat .xlsx). Bila berkas "
            "Anda .xls atau .csv, buka di Excel lalu simpan sebagai \u201cExcel Workbook "
            "(.xlsx)\u201d."
        )
    maks = settings.UNGGAHAN_MAKS_BYTE
    if ukuran > maks:
        raise BerkasTidakSah(
            f"Berkas terlalu besar ({ukuran / 1048576:.1f} MB); batasnya {maks / 1048576:.0f} MB. "
            "Bagi data menjadi beberapa berkas."
        )
    if data is None:
        return
    if not data:
        raise BerkasTidakSah("Berkas kosong (0 byte); pilih berkas .xlsx yang berisi data.")
    buka_workbook(data).close()


def _kosong(nilai) -> bool:
    return nilai is None or (isinstance(nilai, str) and not nilai.strip())


def baca_lembar(sumber, daftar_kolom: list[KolomImpor], maks_baris: int = MAKS_BARIS) -> LembarData:
    """Find the sheet and header row that match the most columns; read the rows below it.

    Reading stops (BerkasTidakSah) at the first data row past `maks_baris`, so a file of a
    million rows costs no more than one at the limit. Only the columns the import knows are
    read, and a sheet's claimed dimensions are ignored (openpyxl would pad every row to them).
    """
    wb = buka_workbook(sumber)
    peta_kunci: dict[str, KolomImpor] = {}
    for k in daftar_kolom:
        for kunci in k.kunci:
            peta_kunci.setdefault(kunci, k)
    wajib = [k for k in daftar_kolom if k.wajib]
    terbaik = None  # (skor, ws, nomor_baris, kolom, diabaikan)
    try:
        for ws in wb.worksheets:
            ws.reset_dimensions()
            for nomor, row in enumerate(
                ws.iter_rows(
                    max_row=BARIS_CARI_HEADER, max_col=KOLOM_CARI_HEADER, values_only=True
                ),
                start=1,
            ):
                kolom, diabaikan = {}, []
                for idx, sel in enumerate(row):
                    if _kosong(sel):
                        continue
                    k = peta_kunci.get(kunci_header(sel))
                    if k is not None and k.nama not in kolom:
                        kolom[k.nama] = idx
                    else:
                        diabaikan.append(potong(str(sel).strip()))
                skor = len(kolom) + 100 * sum(1 for k in wajib if k.nama in kolom)
                if kolom and (terbaik is None or skor > terbaik[0]):
                    terbaik = (skor, ws, nomor, kolom, diabaikan)
        if terbaik is None:
            raise BerkasTidakSah(
                "Baris judul kolom tidak ditemukan. Gunakan templat yang disediakan: baris "
                "pertama berisi judul kolom seperti "
                + ", ".join(f"\u201c{k.label}\u201d" for k in wajib)
                + "."
            )
        _, ws, nomor_header, kolom, diabaikan = terbaik
        kurang = [k.label for k in wajib if k.nama not in kolom]
        if kurang:
            raise BerkasTidakSah(
                "Kolom wajib tidak ditemukan: "
                + ", ".join(f"\u201c{x}\u201d" for x in kurang)
                + f" (baris judul yang terbaca: baris {nomor_header} lembar {kutip(ws.title)}). "
                "Tambahkan kolom itu atau samakan judulnya dengan templat."
            )
        hasil = LembarData(
            kolom=kolom,
            label={k.nama: k.label for k in daftar_kolom},
            baris_header=nomor_header,
            diabaikan=diabaikan,
        )
        kolom_akhir = max(kolom.values()) + 1
        for nomor, row in enumerate(
            ws.iter_rows(min_row=nomor_header + 1, max_col=kolom_akhir, values_only=True),
            start=nomor_header + 1,
        ):
            nilai = {nama: (row[idx] if idx < len(row) else None) for nama, idx in kolom.items()}
            if all(_kosong(v) for v in nilai.values()):
                continue
            if len(hasil.baris) >= maks_baris:
                raise BerkasTidakSah(
                    f"Terlalu banyak baris: batasnya {angka_id(maks_baris)} baris data per "
                    f"berkas (baris {angka_id(nomor)} sudah melewatinya). Bagi data menjadi "
                    "beberapa berkas."
                )
            hasil.baris.append((nomor, nilai))
        return hasil
    except BerkasTidakSah:
        raise
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        # A read-only workbook reads its sheets only now, so damage inside shows up here.
        raise BerkasTidakSah(
            "Isi berkas .xlsx rusak dan tidak dapat dibaca. Simpan ulang dari Excel lalu unggah "
            "lagi."
        ) from exc
    finally:
        wb.close()


# --- cell readers: each returns a Python value or raises NilaiTidakSah ----------------------


def teks(nilai) -> str:
    if nilai is None:
        return ""
    if isinstance(nilai, float) and nilai.is_integer():
        nilai = int(nilai)
    if isinstance(nilai, datetime.datetime | datetime.date):
        return nilai.strftime("%d/%m/%Y")
    return re.sub(r"\s+", " ", str(nilai)).strip()


_FORMAT_TANGGAL = ("%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y", "%d.%m.%Y", "%Y/%m/%d", "%d/%m/%y")
_BULAN = {
    nama: i
    for i, daftar in enumerate(
        [
            ("januari", "jan", "january"),
            ("februari", "feb", "pebruari", "february"),
            ("maret", "mar", "march"),
            ("april", "apr"),
            ("mei", "may"),
            ("juni", "jun", "june"),
            ("juli", "jul", "july"),
            ("agustus", "agu", "agt", "ags", "aug", "august"),
            ("september", "sep", "sept"),
            ("oktober", "okt", "oct", "october"),
            ("november", "nov", "nop", "nopember"),
            ("desember", "des", "dec", "december"),
        ],
        start=1,
    )
    for nama in daftar
}
_TANGGAL_TEKS = re.compile(r"^(\d{1,2})[\s-]+([A-Za-z]+)\.?[\s-]+(\d{4})$")


def tanggal(nilai) -> datetime.date | None:
    """A real Excel date, `29/11/2026`, `2026-11-29`, `29-11-2026` or an Excel serial number."""
    if _kosong(nilai):
        return None
    if isinstance(nilai, datetime.datetime):
        return nilai.date()
    if isinstance(nilai, datetime.date):
        return nilai
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        # Excel serial days (a date cell formatted as a number), from 1927 on, so that a bare
        # year such as 2024 is not taken for a day in 1905.
        if 10000 <= nilai < 2958466:
            hasil = from_excel(nilai)
            return hasil.date() if isinstance(hasil, datetime.datetime) else hasil
        raise NilaiTidakSah(f"{kutip(nilai)} bukan tanggal; tulis seperti 29/11/2026.")
    s = str(nilai).strip()
    s = s.split(" ")[0] if re.match(r"^\d{4}-\d{2}-\d{2} \d", s) else s
    for fmt in _FORMAT_TANGGAL:
        try:
            return datetime.datetime.strptime(s, fmt).date()
        except ValueError:
            continue
    m = _TANGGAL_TEKS.match(s)  # `29 November 2026`, `1 Agt 2024`
    if m and m[2].lower() in _BULAN:
        try:
            return datetime.date(int(m[3]), _BULAN[m[2].lower()], int(m[1]))
        except ValueError:
            pass
    raise NilaiTidakSah(
        f"{kutip(s)} bukan tanggal yang sah; tulis seperti 29/11/2026 atau 2026-11-29."
    )


def bilangan_bulat(nilai) -> int | None:
    if _kosong(nilai):
        return None
    if isinstance(nilai, bool):
        raise NilaiTidakSah("harus berupa angka bulat.")
    if isinstance(nilai, int):
        return nilai
    if isinstance(nilai, float) and nilai.is_integer():
        return int(nilai)
    s = str(nilai).strip()
    if re.fullmatch(r"[+-]?\d+", s):
        return int(s)
    raise NilaiTidakSah(f"{kutip(s)} bukan angka bulat.")


def pilihan(peta: dict[str, Any], petunjuk: str) -> Callable[[Any], Any]:
    """A reader for a closed list: the cell, compared as a header is (`kunci_header`), looked
    up in `peta`; an unknown value is an error that ends with `petunjuk` (what to write)."""

    def baca(nilai):
        if nilai is None or not str(nilai).strip():
            return None
        hasil = peta.get(kunci_header(nilai))
        if hasil is None:
            raise NilaiTidakSah(f"{kutip(teks(nilai))} tidak dikenali; {petunjuk}")
        return hasil

    return baca


def pilihan_dari(choices, sinonim: dict[str, str] | None = None) -> Callable[[Any], Any]:
    """A `pilihan` reader for a Django TextChoices: its values and labels, plus `sinonim`."""
    peta = {}
    for c in choices:
        peta[kunci_header(c.value)] = c.value
        peta[kunci_header(c.label)] = c.value
    peta.update(sinonim or {})
    return pilihan(peta, "isi salah satu dari: " + ", ".join(c.label for c in choices) + ".")


def urai_angka(nilai) -> Decimal | None:
    """A number from a cell: numeric cells as they are; text in Indonesian or plain notation.

    `1.200` (groups of three after the dots) is twelve hundred; `1,5` and `1.5` are one and a
    half. None when it is not a number (the caller says so in its own words).
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


_YA = {"ya", "y", "yes", "true", "1", "aktif", "benar", "v", "x"}
_TIDAK = {"tidak", "t", "no", "n", "false", "0", "nonaktif", "tidakaktif", "salah", "-"}


def ya_tidak(nilai) -> bool | None:
    if _kosong(nilai):
        return None
    if isinstance(nilai, bool):
        return nilai
    s = kunci_header(nilai)
    if s in _YA:
        return True
    if s in _TIDAK:
        return False
    raise NilaiTidakSah(f"{kutip(nilai)} tidak dikenali; isi Ya atau Tidak.")


# --- rows: reading them cell by cell and collecting their errors -----------------------------


def baca_nilai(
    nomor: int,
    label: str,
    nilai,
    pembaca: Callable[[Any], Any],
    galat: list[GalatBaris],
):
    """Apply a reader to one cell; on failure record the row error and return None."""
    try:
        return pembaca(nilai)
    except NilaiTidakSah as exc:
        galat.append(GalatBaris(nomor, label, f"{label}: {exc}"))
        return None


class BacaanBaris:
    """One row read cell by cell, collecting its errors.

    A cell that cannot be read becomes a `GalatBaris` and its column is remembered in `gagal`,
    so the checks that follow (required values, the model's own validation) do not report the
    same column a second time.
    """

    __slots__ = ("nomor", "raw", "kolom", "label", "galat", "gagal")

    def __init__(self, lembar: LembarData, nomor: int, raw: dict[str, Any]):
        self.nomor = nomor
        self.raw = raw
        self.kolom = lembar.kolom
        self.label = lembar.label
        self.galat: list[GalatBaris] = []
        self.gagal: set[str] = set()

    def ambil(self, nama: str, pembaca: Callable[[Any], Any]):
        """The cell of column `nama` read by `pembaca`; None when the file has no such column
        or the cell is wrong (then recorded)."""
        if nama not in self.kolom:
            return None
        sebelum = len(self.galat)
        nilai = baca_nilai(self.nomor, self.label[nama], self.raw.get(nama), pembaca, self.galat)
        if len(self.galat) > sebelum:
            self.gagal.add(nama)
        return nilai

    def tambah(self, nama: str, pesan: str) -> None:
        """A row error in column `nama` ("" for the row as a whole)."""
        self.galat.append(GalatBaris(self.nomor, self.label.get(nama, nama), pesan))

    def wajib_diisi(self, nilai: dict[str, Any], sebutan: str) -> None:
        """Each empty value (column name -> value) is an error, unless its cell was wrong."""
        for nama, v in nilai.items():
            if v in (None, "") and nama not in self.gagal:
                label = self.label[nama]
                self.galat.append(
                    GalatBaris(self.nomor, label, f"{label} wajib diisi untuk {sebutan} baru.")
                )
                self.gagal.add(nama)

    def periksa_model(self, obj, abaikan: set[str], label_field: dict[str, str]) -> None:
        """The model's own validation, without the fields in `abaikan`; what `clean()` says
        about a column this row already has an error for is not said twice."""
        try:
            obj.full_clean(exclude=list(abaikan), validate_unique=False, validate_constraints=False)
        except ValidationError as exc:
            sudah = {g.kolom for g in self.galat}
            sisa = {
                f: e
                for f, e in exc.error_dict.items()
                if f not in abaikan and label_field.get(f) not in sudah
            }
            if sisa:
                self.galat.extend(
                    galat_dari_validasi(self.nomor, ValidationError(sisa), label_field)
                )


def tiap_baris(
    lembar: LembarData, progres: Callable[[int], None] | None = None, setiap: int = 500
) -> Iterator[BacaanBaris]:
    """The data rows one by one, reporting how many were done every `setiap` rows."""
    for i, (nomor, raw) in enumerate(lembar.baris):
        if progres and i % setiap == 0:
            progres(i)
        yield BacaanBaris(lembar, nomor, raw)
    if progres:
        progres(len(lembar.baris))


def galat_dari_validasi(nomor: int, exc, label_field: dict[str, str]) -> Iterator[GalatBaris]:
    """Turn a Django ValidationError into row errors, naming the template's column."""
    if hasattr(exc, "error_dict"):
        for fld, errs in exc.message_dict.items():
            label = label_field.get(fld, "")
            for pesan in errs:
                yield GalatBaris(nomor, label, f"{label}: {pesan}" if label else pesan)
    else:
        for pesan in exc.messages:
            yield GalatBaris(nomor, "", pesan)


def tandai_duplikat(
    kunci_per_baris: list[tuple[int, str]],
    label: str,
    galat: list[GalatBaris],
    nama: str,
    pesan: Callable[[str, str], str] | None = None,
) -> set[int]:
    """Every row whose key appears more than once in the file gets an error naming the others
    (`pesan(kunci, other rows)` words it, when given); returns those rows.

    A message names at most MAKS_BARIS_DISEBUT other rows and counts the rest, so one key
    repeated 10,000 times costs 10,000 short messages, not 10,000 lists of 9,999 rows.
    """
    posisi: dict[str, list[int]] = {}
    for nomor, kunci in kunci_per_baris:
        if kunci:
            posisi.setdefault(kunci, []).append(nomor)
    ganda = set()
    for kunci, daftar in posisi.items():
        if len(daftar) < 2:
            continue
        awal = daftar[: MAKS_BARIS_DISEBUT + 1]
        sisa = len(daftar) - 1 - MAKS_BARIS_DISEBUT
        for nomor in daftar:
            disebut = [n for n in awal if n != nomor][:MAKS_BARIS_DISEBUT]
            lain = ", ".join(str(n) for n in disebut)
            if sisa > 0:
                lain += f" dan {angka_id(sisa)} baris lain"
            galat.append(
                GalatBaris(
                    nomor,
                    label,
                    pesan(kunci, lain)
                    if pesan
                    else f"{nama} {potong(kunci)} muncul lebih dari sekali dalam berkas (juga di "
                    f"baris {lain}); hapus baris ganda sehingga tiap {nama} hanya ada satu "
                    "baris.",
                )
            )
            ganda.add(nomor)
    return ganda


def baca_kunci(
    lembar: LembarData,
    nama: str,
    pembaca: Callable[[Any], Any],
    galat: list[GalatBaris],
    sebutan: str,
) -> tuple[list[tuple[int, str]], set[int]]:
    """The first pass of an import: each row's key (column `nama`: a NIP, a kode), required and
    unique in the file. Returns (row number, key or "") per row, and the rows already rejected
    (a key missing, wrong or repeated), every one of them reported in `galat`."""
    label = lembar.label[nama]

    def wajib(nilai):
        hasil = pembaca(nilai)
        if not hasil:
            raise NilaiTidakSah("wajib diisi.")
        return hasil

    kunci_baris = [
        (nomor, baca_nilai(nomor, label, raw.get(nama), wajib, galat) or "")
        for nomor, raw in lembar.baris
    ]
    ganda = tandai_duplikat(kunci_baris, label, galat, sebutan)
    ganda |= {nomor for nomor, kunci in kunci_baris if not kunci}
    return kunci_baris, ganda


# --- looking up what the rows refer to --------------------------------------------------------

UKURAN_POTONGAN = 2000  # keys per IN (...) lookup and rows per bulk write


def per_potongan(daftar, n: int = UKURAN_POTONGAN) -> Iterator[list]:
    daftar = list(daftar)
    for i in range(0, len(daftar), n):
        yield daftar[i : i + n]


def muat_per(qs, field: str, nilai) -> dict:
    """The objects of `qs` whose `field` is one of `nilai`, by that field: one query per
    UKURAN_POTONGAN keys, however many rows the file has."""
    hasil = {}
    for bagian in per_potongan(nilai):
        hasil.update({getattr(o, field): o for o in qs.filter(**{f"{field}__in": bagian})})
    return hasil


def pk_terjangkau(manager, actor, pks) -> set:
    """Which of `pks` the actor may change, through the model's one scoping rule
    (`for_user`); every one for the command line without a user (actor None)."""
    if actor is None:
        return set(pks)
    hasil = set()
    for bagian in per_potongan(pks):
        hasil.update(manager.for_user(actor).filter(pk__in=bagian).values_list("pk", flat=True))
    return hasil


# --- templates -------------------------------------------------------------------------------


def tulis_templat(
    judul: str, daftar_kolom: list[KolomImpor], contoh: list[list], petunjuk_umum: list[str]
) -> bytes:
    """The downloadable template: a data sheet (header + example rows) and a "Petunjuk" sheet."""
    wb = Workbook()
    ws = wb.active
    ws.title = judul[:31]
    ws.append([k.label for k in daftar_kolom])
    for sel, k in zip(ws[1], daftar_kolom, strict=True):
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = PatternFill("solid", fgColor="C00000" if k.wajib else "1F4E79")
    for baris in contoh:
        ws.append([aman_untuk_sel(v) for v in baris])
    for i, k in enumerate(daftar_kolom, start=1):
        huruf = get_column_letter(i)
        ws.column_dimensions[huruf].width = k.lebar or max(14, len(k.label) + 4)
        if k.sebagai_teks:
            ws.column_dimensions[huruf].number_format = "@"
            for sel in ws[huruf][1:]:
                sel.number_format = "@"
    ws.freeze_panes = "A2"

    pt = wb.create_sheet("Petunjuk")
    pt.append(["Kolom", "Wajib", "Penjelasan", "Contoh"])
    for sel in pt[1]:
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = PatternFill("solid", fgColor="1F4E79")
    for k in daftar_kolom:
        sinonim = f" Judul lain yang dikenali: {', '.join(k.sinonim)}." if k.sinonim else ""
        pt.append(
            [
                k.label,
                "Ya" if k.wajib else "Tidak",
                aman_untuk_sel(k.keterangan + sinonim),
                aman_untuk_sel(teks(k.contoh)),
            ]
        )
    pt.append([])
    for kalimat in petunjuk_umum:
        pt.append([aman_untuk_sel(kalimat)])
    pt.column_dimensions["A"].width = 24
    pt.column_dimensions["B"].width = 8
    pt.column_dimensions["C"].width = 90
    pt.column_dimensions["D"].width = 26
    for row in pt.iter_rows(min_row=2):
        for sel in row:
            sel.alignment = Alignment(wrap_text=True, vertical="top")
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
