import django_filters

from instansi.choices import Golongan, JenisJabatan, Pendidikan
from instansi.models import Instansi
from mutasi_asn.filters import FilterSetBerlingkup

from .choices import StatusKepegawaian
from .models import Pegawai


class PegawaiFilter(FilterSetBerlingkup):
    q = django_filters.CharFilter(method="cari", label="Cari nama, NIP atau jabatan")
    instansi = django_filters.ModelChoiceFilter(
        queryset=Instansi.objects.all(),
        field_name="jabatan__unit_kerja__instansi",
        label="Instansi",
    )
    unit_kerja = django_filters.NumberFilter(
        field_name="jabatan__unit_kerja_id", label="ID unit kerja"
    )
    jabatan = django_filters.NumberFilter(field_name="jabatan_id", label="ID jabatan")
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
