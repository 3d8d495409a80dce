"""Writing .xlsx for every export, with spreadsheet formula injection escaped."""

import datetime
import decimal
import io
import re
from collections.abc import Iterable, Sequence
from copy import copy

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

_PEMICU_RUMUS = ("=", "+", "-", "@", "\t", "\r")


def judul_lembar(judul: str) -> str:
    """A sheet title Excel accepts: unit names such as 'Bagian Umum/Kepegawaian' carry
    characters a sheet title may not hold (openpyxl refuses them), and at most 31 of them."""
    bersih = re.sub(r"[\\/?*\[\]:]", "-", judul).strip("'")
    return bersih[:31] or "Data"


def aman_untuk_sel(nilai):
    """A text starting like a formula is prefixed with ' so a spreadsheet shows it as text;
    yes/no reads as the pages read it (Ya/Tidak), not Excel's TRUE/FALSE."""
    if isinstance(nilai, bool):
        return "Ya" if nilai else "Tidak"
    if nilai is not None and not isinstance(
        nilai, str | int | float | decimal.Decimal | datetime.date | bool
    ):
        nilai = str(nilai)
    if isinstance(nilai, str) and nilai.startswith(_PEMICU_RUMUS):
        return "'" + nilai
    if isinstance(nilai, datetime.datetime) and nilai.tzinfo is not None:
        # Spreadsheets hold no time zone: write the wall-clock time the pages show (Asia/Jakarta),
        # not UTC.
        return timezone.localtime(nilai).replace(tzinfo=None)
    return nilai


BARIS_HEADER = 3  # row 1 the title, row 2 the filter and the date, row 3 the column headers
_ISI_JUDUL = PatternFill("solid", fgColor="1F4E79")
_HURUF_PUTIH = Font(bold=True, color="FFFFFF")


def tulis_xlsx(
    judul: str,
    header: Sequence[str],
    baris: Iterable[Sequence],
    *,
    saringan: str = "",
    warna: dict[str, tuple[str, str]] | None = None,
    kolom_warna: int | None = None,
    format_angka: dict[int, str] | None = None,
) -> bytes:
    """Every .xlsx export: a title row, a row with the filter and the time of download, the
    column headers (frozen, with an autofilter) and the rows.

    With `warna` ({state: (solid colour, tint)}), each row is `(values, state)`: the row gets
    the tint and its `kolom_warna` cell the solid colour (the ABK state colours). `format_angka`
    maps a column index to an Excel number format (shown with the reader's locale separators).
    Written in openpyxl's write-only mode with one style object per combination: a whole city
    (20,000 rows) is written in seconds.
    """
    wb = Workbook(write_only=True)
    _tulis_lembar(
        wb,
        judul,
        header,
        baris,
        saringan=saringan,
        warna=warna,
        kolom_warna=kolom_warna,
        format_angka=format_angka,
    )
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def _tulis_lembar(
    wb,
    judul: str,
    header: Sequence[str],
    baris: Iterable[Sequence],
    *,
    saringan: str = "",
    warna: dict[str, tuple[str, str]] | None = None,
    kolom_warna: int | None = None,
    format_angka: dict[int, str] | None = None,
) -> None:
    format_angka = format_angka or {}
    if warna is None:
        data = [([aman_untuk_sel(v) for v in nilai], None) for nilai in baris]
    else:
        data = [([aman_untuk_sel(v) for v in nilai], keadaan) for nilai, keadaan in baris]
    lebar = [len(h) for h in header]
    for nilai, _ in data:
        for i, v in enumerate(nilai):
            lebar[i] = min(max(lebar[i], len(str(v if v is not None else ""))), 60)

    ws = wb.create_sheet(judul_lembar(judul))
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    ws.freeze_panes = f"A{BARIS_HEADER + 1}"
    akhir = get_column_letter(max(len(header), 1))
    ws.auto_filter.ref = f"A{BARIS_HEADER}:{akhir}{BARIS_HEADER + max(len(data), 1)}"

    judul_sel = WriteOnlyCell(ws, value=aman_untuk_sel(judul))
    judul_sel.font = Font(bold=True, size=14)
    ws.append([judul_sel])
    diunduh = f"Diunduh {timezone.localtime():%d/%m/%Y %H:%M}"
    ws.append([aman_untuk_sel(f"Saringan: {saringan}; {diunduh}" if saringan else diunduh)])

    def sel_judul(teks):
        c = WriteOnlyCell(ws, value=teks)
        c.font, c.fill = _HURUF_PUTIH, _ISI_JUDUL
        return c

    ws.append([sel_judul(h) for h in header])
    isi_penuh = {k: PatternFill("solid", fgColor=v[0]) for k, v in (warna or {}).items()}
    isi_tipis = {k: PatternFill("solid", fgColor=v[1]) for k, v in (warna or {}).items()}
    # Setting a style hashes it: do that once per combination, then copy the style indexes.
    gaya: dict[tuple, object] = {}

    def gaya_untuk(keadaan, i, v):
        # Dates as the tables show them (29/11/2026): the copied style would drop Excel's own.
        if isinstance(v, datetime.datetime):
            fmt = "dd/mm/yyyy hh:mm"
        elif isinstance(v, datetime.date):
            fmt = "dd/mm/yyyy"
        else:
            fmt = format_angka.get(i)
        kunci = (keadaan if keadaan in isi_penuh else None, i == kolom_warna, fmt)
        if kunci not in gaya:
            c = WriteOnlyCell(ws)
            if kunci[2]:
                c.number_format = kunci[2]
            if kunci[0]:
                if kunci[1]:
                    c.fill, c.font = isi_penuh[kunci[0]], _HURUF_PUTIH
                else:
                    c.fill = isi_tipis[kunci[0]]
            gaya[kunci] = c._style
        return gaya[kunci]

    for nilai, keadaan in data:
        sel = []
        for i, v in enumerate(nilai):
            c = WriteOnlyCell(ws, value=v)
            c._style = copy(gaya_untuk(keadaan, i, v))
            sel.append(c)
        ws.append(sel)


def tulis_xlsx_lembar(
    lembar: Iterable[tuple[str, Sequence[str], Iterable[Sequence]]], *, saringan: str = ""
) -> bytes:
    """A workbook with one sheet per (title, header, rows) — a report of several small tables
    (the rekap of a period); each sheet written as `tulis_xlsx` writes its one."""
    wb = Workbook(write_only=True)
    for judul, header, baris in lembar:
        _tulis_lembar(wb, judul, header, baris, saringan=saringan)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
