""".xlsx exports of ABK results, with the state colours (kurang red, lebih amber, sesuai green)
as cell fills, the same as on the pages and the chart."""

import io
from collections.abc import Iterable, Sequence

from openpyxl import Workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from mutasi_asn.excel import aman_untuk_sel

from .choices import KeadaanFormasi

# Solid colour for the state cell (as --mutasi-* in static/css/app.css), a tint for the row.
WARNA_KEADAAN = {
    KeadaanFormasi.KURANG: ("C0392B", "FADBD8"),
    KeadaanFormasi.LEBIH: ("D68910", "FDEBD0"),
    KeadaanFormasi.SESUAI: ("1E8449", "D5F5E3"),
}


def tulis_xlsx_berwarna(
    judul: str,
    header: Sequence[str],
    baris: Iterable[tuple[Sequence, str | None]],
    kolom_keadaan: int | None = None,
    format_angka: dict[int, str] | None = None,
) -> bytes:
    """Rows are `(values, keadaan)`; a row with a keadaan gets its tint, its state cell the colour.

    `format_angka` maps a column index to an Excel number format (shown with the reader's locale
    separators, so Indonesian Excel shows 1.234,56).
    """
    wb = Workbook()
    ws = wb.active
    ws.title = judul[:31]
    ws.append(list(header))
    for sel in ws[1]:
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = PatternFill("solid", fgColor="1F4E79")
    lebar = [len(h) for h in header]
    format_angka = format_angka or {}
    for nilai, keadaan in baris:
        nilai = [aman_untuk_sel(v) for v in nilai]
        ws.append(nilai)
        r = ws.max_row
        warna = WARNA_KEADAAN.get(keadaan) if keadaan else None
        for i, v in enumerate(nilai):
            lebar[i] = min(max(lebar[i], len(str(v if v is not None else ""))), 60)
            sel = ws.cell(row=r, column=i + 1)
            if i in format_angka:
                sel.number_format = format_angka[i]
            if warna:
                if i == kolom_keadaan:
                    sel.fill = PatternFill("solid", fgColor=warna[0])
                    sel.font = Font(bold=True, color="FFFFFF")
                else:
                    sel.fill = PatternFill("solid", fgColor=warna[1])
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
