"""Writing .xlsx for every export, with spreadsheet formula injection escaped."""

import datetime
import decimal
import io
import re
from collections.abc import Iterable, Sequence

from django.utils import timezone
from openpyxl import Workbook
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


def tulis_xlsx(judul: str, header: Sequence[str], baris: Iterable[Sequence]) -> bytes:
    wb = Workbook(write_only=False)
    ws = wb.active
    ws.title = judul_lembar(judul)
    ws.append(list(header))
    for sel in ws[1]:
        sel.font = Font(bold=True, color="FFFFFF")
        sel.fill = PatternFill("solid", fgColor="1F4E79")
    lebar = [len(h) for h in header]
    for row in baris:
        nilai = [aman_untuk_sel(v) for v in row]
        ws.append(nilai)
        for i, v in enumerate(nilai):
            lebar[i] = min(max(lebar[i], len(str(v or ""))), 60)
    for i, w in enumerate(lebar, start=1):
        ws.column_dimensions[get_column_letter(i)].width = w + 2
    ws.freeze_panes = "A2"
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()
