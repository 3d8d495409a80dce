import django_filters
from django.db.models import Q

from mutasi_asn.filters import FilterSetBerlingkup

from .choices import Eselon, JenisInstansi, JenisJabatan, JenisUnit
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
    unit_kerja = django_filters.NumberFilter(field_name="unit_kerja_id", label="ID unit kerja")
    jenis = django_filters.ChoiceFilter(choices=JenisJabatan.choices, label="Jenis jabatan")
    eselon = django_filters.ChoiceFilter(choices=Eselon.choices, label="Eselon")
    kelas_jabatan = django_filters.RangeFilter(label="Kelas jabatan")

    class Meta:
        model = Jabatan
        fields = ["q", "instansi", "unit_kerja", "jenis", "eselon", "kelas_jabatan", "aktif"]

    def cari(self, queryset, name, value):
        return queryset.filter(Q(nama__icontains=value) | Q(kode__iexact=value))
