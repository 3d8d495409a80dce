import django_filters
from django import forms

from .widgets import PilihCari

# A yes/no filter left empty means "do not filter": say "Semua", not Django's "Tidak diketahui".
PILIHAN_YA_TIDAK = [("", "Semua"), ("true", "Ya"), ("false", "Tidak")]

# The largest value a bigint column (ids, counts) holds.
BATAS_BILANGAN_BULAT = 2**63 - 1


PESAN_PILIHAN_TIDAK_ADA = (
    "Pilihan ini tidak ditemukan (atau di luar cakupan Anda); ketik namanya untuk mencari."
)


class PilihCariFilter(django_filters.ModelChoiceFilter):
    """A filter on a unit kerja or jabatan chosen by typing its name (a search-select), never a
    raw id typed by hand. Links carrying `?unit_kerja=<id>` still work: the chosen row is shown
    by name. `url_cari` answers `?q=` (instansi:unitkerja_cari, instansi:jabatan_cari);
    `label` of the row is `label_dari(obj)`."""

    def __init__(self, *args, url_cari, label_dari=None, **kwargs):
        self._url_cari, self._label_dari = url_cari, label_dari
        kwargs.setdefault("error_messages", {"invalid_choice": PESAN_PILIHAN_TIDAK_ADA})
        super().__init__(*args, **kwargs)

    @property
    def field(self):
        if not hasattr(self, "_field"):
            field = super().field
            field.widget = PilihCari(url_cari=self._url_cari)
            field.widget.choices = field.choices
            if self._label_dari is not None:
                field.label_from_instance = self._label_dari
            field.help_text = "Ketik nama untuk mencari."
        return self._field


class FilterSetBerlingkup(django_filters.FilterSet):
    """A filter set whose choice lists show only what the requesting user may see.

    Every ModelChoiceFilter over a model with a `for_user` queryset method is narrowed, so an
    agency head never sees another agency's names in a drop-down. Both the page views and the
    API pass the request to the filter set, so one class serves both.
    """

    def __init__(self, data=None, *args, **kwargs):
        # Always bound: a list opened with no query string must still pass through
        # filter_queryset, where a filter set applies its defaults (e.g. the latest ABK period).
        super().__init__(data if data is not None else {}, *args, **kwargs)
        for f in self.filters.values():
            if isinstance(f, django_filters.BooleanFilter) and "widget" not in f.extra:
                f.extra["widget"] = forms.Select(choices=PILIHAN_YA_TIDAK)
            # An id typed into the address bar past the database's integer range is a form
            # error ("Pastikan nilai ini ..."), not an OverflowError from the database driver.
            if isinstance(f, django_filters.NumberFilter):
                f.extra.setdefault("min_value", -BATAS_BILANGAN_BULAT)
                f.extra.setdefault("max_value", BATAS_BILANGAN_BULAT)
        user = getattr(self.request, "user", None)
        if user is None:
            return
        for f in self.filters.values():
            qs = getattr(f, "queryset", None)
            if qs is not None and hasattr(qs, "for_user"):
                f.queryset = qs.for_user(user)


def uraian_saringan(filterset) -> str:
    """The filters of a list in words, for the title of its export: `Instansi: Dinas Kesehatan;
    Golongan: III/a, III/b`. Empty when nothing is filtered."""
    form = filterset.form
    if not form.is_valid():
        return ""
    bagian = []
    for nama, field in form.fields.items():
        nilai = form.cleaned_data.get(nama)
        if nilai in (None, "", [], ()) or nama in ("urut", "page", "format"):
            continue
        pilihan = dict(getattr(field, "choices", []) or [])
        daftar = nilai if isinstance(nilai, list | tuple) or hasattr(nilai, "model") else [nilai]
        teks = ", ".join(
            str(pilihan.get(v, pilihan.get(str(v), v))) if not hasattr(v, "pk") else str(v)
            for v in daftar
        )
        if isinstance(nilai, bool):
            teks = "Ya" if nilai else "Tidak"
        bagian.append(f"{field.label or nama}: {teks}")
    return "; ".join(bagian)
