"""Template helpers shared by every page: table cells, sort links, Indonesian formatting."""

import datetime
from urllib.parse import urlencode

from django import template
from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.html import format_html

from mutasi_asn.views import ambil_atribut

register = template.Library()


@register.simple_tag
def sel(obj, kolom):
    nilai = ambil_atribut(obj, kolom.atribut)
    if nilai is None or nilai == "":
        teks = "—"
    elif isinstance(nilai, bool):
        teks = "Ya" if nilai else "Tidak"
    elif isinstance(nilai, datetime.datetime):
        teks = date_format(
            timezone.localtime(nilai) if timezone.is_aware(nilai) else nilai, "d/m/Y H:i"
        )
    elif isinstance(nilai, datetime.date):
        teks = date_format(nilai, "d/m/Y")
    elif isinstance(nilai, float):
        teks = number_format(nilai, 2, use_l10n=True, force_grouping=True)
    else:
        teks = str(nilai)
    if kolom.tautan and hasattr(obj, "get_absolute_url"):
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), teks)
    return teks


@register.simple_tag
def kueri(dasar="", **parameter):
    """A link's query string with its ids as plain digits: `{% kueri url_hasil jabatan=h.jabatan_id %}`.

    `{{ obj.pk }}` goes through the thousand separator (`?jabatan=1.470` opens id 1); this tag
    never localizes. Without `dasar` it returns `?k=v`; with it, `dasar` plus `?` or `&`. A value
    of None leaves its parameter out. The result is escaped by the template (`&amp;` in href).
    """
    pasangan = {k: v for k, v in parameter.items() if v is not None}
    if not pasangan:
        return dasar
    sambung = ("&" if "?" in str(dasar) else "?") if dasar else "?"
    return f"{dasar}{sambung}{urlencode(pasangan)}"


@register.simple_tag
def tautan_urut(kolom, urut_aktif, query_tanpa_urut):
    if not kolom.urut:
        return kolom.label
    naik = urut_aktif == kolom.urut
    turun = urut_aktif == f"-{kolom.urut}"
    target = f"-{kolom.urut}" if naik else kolom.urut
    ikon = " ▲" if naik else (" ▼" if turun else "")
    sambung = "&" if query_tanpa_urut else ""
    return format_html(
        '<a href="?{}{}urut={}" class="text-reset">{}{}</a>',
        query_tanpa_urut,
        sambung,
        target,
        kolom.label,
        ikon,
    )


@register.filter
def tanggal_panjang(nilai):
    """`29 November 2026` for documents and headings (a moment is read in Asia/Jakarta)."""
    if not nilai:
        return "—"
    if isinstance(nilai, datetime.datetime) and timezone.is_aware(nilai):
        nilai = timezone.localtime(nilai)
    return date_format(nilai, "j F Y")


@register.filter
def angka(nilai, desimal=0):
    if nilai is None:
        return "—"
    return number_format(nilai, int(desimal), use_l10n=True, force_grouping=True)
