import django_filters
from django.db.models import Q
from django.urls import reverse_lazy

from mutasi_asn.filters import FilterSetBerlingkup, PilihCariFilter

from .choices import Eselon, JenisInstansi, JenisJabatan, JenisUnit
from .forms import label_unit
from .models import Instansi, Jabatan, UnitKerja


class InstansiFilter(FilterSetBerlingkup):
    q = django_filters.CharFilter(method="cari", label="Cari nama, singkatan, atau kode")
    jenis = django_filters.ChoiceFilter(choices=JenisInstansi.choices, label="Jenis")

    class Meta:
        model = Instansi
        fields = ["q", "jenis", "aktif"]

    def cari(self, queryset, name, value):
        return queryset.filter(
            Q(nama__icontains=value) | Q(singkatan__icontains=value) | Q(kode__iexact=value)
        )


class UnitKerjaFilter(FilterSetBerlingkup):
    q = django_filters.CharFilter(method="cari", label="Cari nama atau kode")
    instansi = django_filters.ModelChoiceFilter(queryset=Instansi.objects.all(), label="Instansi")
    jenis = django_filters.ChoiceFilter(choices=JenisUnit.choices, label="Jenis unit")

    class Meta:
        model = UnitKerja
        fields = ["q", "instansi", "jenis"]

    def cari(self, queryset, name, value):
        return queryset.filter(Q(nama__icontains=value) | Q(kode__iexact=value))


class JabatanFilter(FilterSetBerlingkup):
    q = django_filters.CharFilter(method="cari", label="Cari nama atau kode")
    instansi = django_filters.ModelChoiceFilter(
        queryset=Instansi.objects.all(), field_name="unit_kerja__instansi", label="Instansi"
    )
    unit_kerja = PilihCariFilter(
        queryset=UnitKerja.objects.select_related("instansi"),
        label="Unit kerja",
        url_cari=reverse_lazy("instansi:unitkerja_cari"),
        label_dari=label_unit,
    )
    jenis = django_filters.ChoiceFilter(choices=JenisJabatan.choices, label="Jenis jabatan")
    eselon = django_filters.ChoiceFilter(choices=Eselon.choices, label="Eselon")
    kelas_jabatan = django_filters.RangeFilter(label="Kelas jabatan")

    class Meta:
        model = Jabatan
        fields = ["q", "instansi", "unit_kerja", "jenis", "eselon", "kelas_jabatan", "aktif"]

    def cari(self, queryset, name, value):
        return queryset.filter(Q(nama__icontains=value) | Q(kode__iexact=value))
