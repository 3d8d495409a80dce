""".xlsx exports of ABK results, with the state colours (kurang red, lebih amber, sesuai green)
as cell fills, the same as on the pages and the chart.
"""

from collections.abc import Iterable, Sequence

from mutasi_asn.excel import tulis_xlsx

from .choices import KeadaanFormasi

# Solid colour for the state cell (as --mutasi-* in static/css/app.css), a tint for the row.
WARNA_KEADAAN = {
    KeadaanFormasi.KURANG: ("A93226", "FADBD8"),
    KeadaanFormasi.LEBIH: ("7E5109", "FDEBD0"),
    KeadaanFormasi.SESUAI: ("196F3D", "D5F5E3"),
}


def tulis_xlsx_berwarna(
    judul: str,
    header: Sequence[str],
    baris: Iterable[tuple[Sequence, str | None]],
    kolom_keadaan: int | None = None,
    format_angka: dict[int, str] | None = None,
    saringan: str = "",
) -> bytes:
    """Rows are `(values, keadaan)`; a row with a keadaan gets its tint, its state cell the colour.
    The shared writer (mutasi_asn.excel.tulis_xlsx) with the ABK state colours."""
    return tulis_xlsx(
        judul,
        header,
        baris,
        saringan=saringan,
        warna=WARNA_KEADAAN,
        kolom_warna=kolom_keadaan,
        format_angka=format_angka,
    )
