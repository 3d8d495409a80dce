import django_filters
from django.urls import reverse_lazy

from instansi.choices import Golongan, JenisJabatan, Pendidikan
from instansi.forms import label_jabatan, label_unit
from instansi.models import Instansi, Jabatan, UnitKerja
from mutasi_asn.filters import FilterSetBerlingkup, PilihCariFilter

from .choices import StatusKepegawaian
from .models import Pegawai


class PegawaiFilter(FilterSetBerlingkup):
    q = django_filters.CharFilter(method="cari", label="Cari nama, NIP atau jabatan")
    instansi = django_filters.ModelChoiceFilter(
        queryset=Instansi.objects.all(),
        field_name="jabatan__unit_kerja__instansi",
        label="Instansi",
    )
    unit_kerja = PilihCariFilter(
        queryset=UnitKerja.objects.select_related("instansi"),
        field_name="jabatan__unit_kerja",
        label="Unit kerja",
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
    golongan = django_filters.MultipleChoiceFilter(choices=Golongan.choices, label="Golongan")
    pendidikan = django_filters.MultipleChoiceFilter(choices=Pendidikan.choices, label="Pendidikan")
    status = django_filters.ChoiceFilter(choices=StatusKepegawaian.choices, label="Status")

    class Meta:
        model = Pegawai
        fields = [
            "q",
            "instansi",
            "unit_kerja",
            "jabatan",
            "jenis_jabatan",
            "golongan",
            "pendidikan",
            "status",
            "aktif",
        ]

    def cari(self, queryset, name, value):
        return queryset.cari(value)
