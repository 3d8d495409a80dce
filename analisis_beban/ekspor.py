""".xlsx exports of ABK results, with the state colours (kurang red, lebih amber, sesuai green)
as cell fills, the same as on the pages and the chart.

Written in openpyxl's write-only mode with one shared style object per colour: a whole city
(20,000 rows) is written in seconds, where styling cells of a normal worksheet one by one grows
quadratically.
"""

import io
from collections.abc import Iterable, Sequence
from copy import copy

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter

from mutasi_asn.excel import aman_untuk_sel, judul_lembar

from .choices import KeadaanFormasi

# Solid colour for the state cell (as --mutasi-* in static/css/app.css), a tint for the row.
WARNA_KEADAAN = {
    KeadaanFormasi.KURANG: ("C0392B", "FADBD8"),
    KeadaanFormasi.LEBIH: ("D68910", "FDEBD0"),
    KeadaanFormasi.SESUAI: ("1E8449", "D5F5E3"),
}
_ISI_PENUH = {k: PatternFill("solid", fgColor=v[0]) for k, v in WARNA_KEADAAN.items()}
_ISI_TIPIS = {k: PatternFill("solid", fgColor=v[1]) for k, v in WARNA_KEADAAN.items()}
_HURUF_PUTIH = Font(bold=True, color="FFFFFF")
_ISI_JUDUL = PatternFill("solid", fgColor="1F4E79")


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
    format_angka = format_angka or {}
    data = [([aman_untuk_sel(v) for v in nilai], keadaan) for nilai, keadaan in baris]
    lebar = [len(h) for h in header]
    for nilai, _ in data:
        for i, v in enumerate(nilai):
            lebar[i] = min(max(lebar[i], len(str(v if v is not None else ""))), 60)

    wb = Workbook(write_only=True)
    ws = wb.create_sheet(judul_lembar(judul))
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    ws.freeze_panes = "A2"

    def sel_judul(teks):
        c = WriteOnlyCell(ws, value=teks)
        c.font, c.fill = _HURUF_PUTIH, _ISI_JUDUL
        return c

    ws.append([sel_judul(h) for h in header])
    # Setting a style hashes it: do that once per combination, then copy the style indexes.
    gaya: dict[tuple, object] = {}

    def gaya_untuk(keadaan, i):
        kunci = (
            keadaan if keadaan in _ISI_PENUH else None,
            i == kolom_keadaan,
            format_angka.get(i),
        )
        if kunci not in gaya:
            c = WriteOnlyCell(ws)
            if kunci[2]:
                c.number_format = kunci[2]
            if kunci[0]:
                if kunci[1]:
                    c.fill, c.font = _ISI_PENUH[kunci[0]], _HURUF_PUTIH
                else:
                    c.fill = _ISI_TIPIS[kunci[0]]
            gaya[kunci] = c._style
        return gaya[kunci]

    for nilai, keadaan in data:
        sel = []
        for i, v in enumerate(nilai):
            c = WriteOnlyCell(ws, value=v)
            c._style = copy(gaya_untuk(keadaan, i))
            sel.append(c)
        ws.append(sel)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
