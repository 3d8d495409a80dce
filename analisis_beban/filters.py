import django_filters
from django.db.models import Q
from django.urls import reverse_lazy

from instansi.choices import JenisJabatan
from instansi.forms import label_jabatan, label_unit
from instansi.models import Instansi, Jabatan, UnitKerja
from mutasi_asn.filters import FilterSetBerlingkup, PilihCariFilter

from .choices import KeadaanFormasi, PrestasiJabatan
from .models import HasilABK
from .selectors import periode_berlaku, pilihan_periode


class HasilABKFilter(FilterSetBerlingkup):
    """The result list's filters; the page, its .xlsx export and the API share this class.

    Without `periode` the period in force is shown (never a draft): results of different years
    side by side would double every jabatan.
    """

    periode = django_filters.ChoiceFilter(
        choices=lambda: [(str(t), label) for t, label in pilihan_periode()],
        empty_label="Berlaku",
        label="Periode",
        method="saring_periode",
    )
    q = django_filters.CharFilter(method="cari", label="Cari jabatan atau kode")
    instansi = django_filters.ModelChoiceFilter(queryset=Instansi.objects.all(), label="Instansi")
    unit_kerja = PilihCariFilter(
        queryset=UnitKerja.objects.select_related("instansi"),
        method="saring_unit",
        label="Unit kerja (beserta sub-unitnya)",
        url_cari=reverse_lazy("instansi:unitkerja_cari"),
        label_dari=label_unit,
    )
    jabatan = PilihCariFilter(
        queryset=Jabatan.objects.select_related("unit_kerja__instansi"),
        label="Jabatan",
        url_cari=reverse_lazy("instansi:jabatan_cari"),
        label_dari=label_jabatan,
    )
    jenis_jabatan = django_filters.ChoiceFilter(
        field_name="jabatan__jenis", choices=JenisJabatan.choices, label="Jenis jabatan"
    )
    keadaan = django_filters.ChoiceFilter(choices=KeadaanFormasi.choices, label="Keadaan")
    pj = django_filters.ChoiceFilter(choices=PrestasiJabatan.choices, label="PJ")
    basi = django_filters.BooleanFilter(label="Perlu dihitung ulang")

    class Meta:
        model = HasilABK
        fields = [
            "periode",
            "q",
            "instansi",
            "unit_kerja",
            "jabatan",
            "jenis_jabatan",
            "keadaan",
            "pj",
            "basi",
        ]

    def filter_queryset(self, queryset):
        qs = super().filter_queryset(queryset)
        if not self.form.cleaned_data.get("periode"):
            berlaku = periode_berlaku()
            qs = qs.filter(periode=berlaku) if berlaku else qs.none()
        return qs

    def saring_periode(self, queryset, name, value):
        return queryset.filter(periode__tahun=int(value))

    def saring_unit(self, queryset, name, value):
        return queryset.filter(unit_kerja__jalur__startswith=value.jalur)

    def cari(self, queryset, name, value):
        value = value.strip()
        return queryset.filter(Q(jabatan__nama__icontains=value) | Q(jabatan__kode__iexact=value))
