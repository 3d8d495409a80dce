from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from mutasi_asn.admin import LayananAdminMixin

from . import services
from .forms import label_jabatan, label_unit
from .models import Instansi, Jabatan, UnitKerja


class LabelPilihanMixin:
    """A chosen jabatan or unit shows its unit and agency on the admin form, as the search
    results do (AutocompleteBerlabel)."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        if field is not None and db_field.related_model is Jabatan:
            field.queryset = field.queryset.select_related("unit_kerja__instansi")
            field.label_from_instance = label_jabatan
        elif field is not None and db_field.related_model is UnitKerja:
            field.queryset = field.queryset.select_related("instansi")
            field.label_from_instance = label_unit
        return field


@admin.register(Instansi)
class InstansiAdmin(LayananAdminMixin, SimpleHistoryAdmin):
    list_display = ("kode", "nama", "singkatan", "jenis", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("nama", "singkatan", "kode")
    layanan = services.instansi_simpan
    layanan_fields = services.INSTANSI_FIELDS


@admin.register(UnitKerja)
class UnitKerjaAdmin(LabelPilihanMixin, LayananAdminMixin, SimpleHistoryAdmin):
    list_display = ("kode", "nama", "jenis", "induk", "instansi")
    list_filter = ("jenis", "instansi")
    list_select_related = ("instansi", "induk")
    search_fields = ("nama", "kode")
    autocomplete_fields = ("instansi", "induk")
    layanan = services.unitkerja_simpan
    label_autocomplete = staticmethod(label_unit)

    def get_search_results(self, request, queryset, search_term):
        qs, ada_ganda = super().get_search_results(request, queryset, search_term)
        return qs.select_related("instansi"), ada_ganda

    layanan_fields = services.UNIT_FIELDS


@admin.register(Jabatan)
class JabatanAdmin(LabelPilihanMixin, LayananAdminMixin, SimpleHistoryAdmin):
    list_display = ("kode", "nama", "jenis", "eselon", "kelas_jabatan", "unit_kerja")
    list_filter = ("jenis", "eselon", "kelas_jabatan", "unit_kerja__instansi")
    list_select_related = ("unit_kerja",)
    search_fields = ("nama", "kode")
    autocomplete_fields = ("unit_kerja",)
    layanan = services.jabatan_simpan
    label_autocomplete = staticmethod(label_jabatan)

    def get_search_results(self, request, queryset, search_term):
        qs, ada_ganda = super().get_search_results(request, queryset, search_term)
        return qs.select_related("unit_kerja__instansi"), ada_ganda

    layanan_fields = services.JABATAN_FIELDS


# --- competency dictionary and jabatan standards -------------------------------------------
from .models_kompetensi import (  # noqa: E402
    JenisSertifikasi,
    Kompetensi,
    LevelKompetensi,
    ProgramPelatihan,
    StandarKompetensiJabatan,
    SyaratPelatihanJabatan,
    SyaratSertifikasiJabatan,
)


class LevelKompetensiInline(admin.StackedInline):
    model = LevelKompetensi
    extra = 0
    fields = ("level", "deskripsi", "indikator")
    ordering = ("level",)


@admin.register(Kompetensi)
class KompetensiAdmin(SimpleHistoryAdmin):
    list_display = ("kode", "nama", "jenis", "rumpun", "aktif")
    list_filter = ("jenis", "rumpun", "aktif")
    search_fields = ("kode", "nama", "rumpun")
    inlines = [LevelKompetensiInline]


@admin.register(JenisSertifikasi)
class JenisSertifikasiAdmin(SimpleHistoryAdmin):
    list_display = ("kode", "nama", "penerbit", "masa_berlaku_tahun", "aktif")
    list_filter = ("aktif",)
    search_fields = ("kode", "nama")


@admin.register(ProgramPelatihan)
class ProgramPelatihanAdmin(SimpleHistoryAdmin):
    list_display = ("kode", "nama", "jenis", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("kode", "nama")


class StandarKompetensiInline(admin.TabularInline):
    model = StandarKompetensiJabatan
    extra = 0
    autocomplete_fields = ("kompetensi",)


class SyaratSertifikasiInline(admin.TabularInline):
    model = SyaratSertifikasiJabatan
    extra = 0
    autocomplete_fields = ("jenis_sertifikasi",)


class SyaratPelatihanInline(admin.TabularInline):
    model = SyaratPelatihanJabatan
    extra = 0
    autocomplete_fields = ("program",)


JabatanAdmin.inlines = [StandarKompetensiInline, SyaratSertifikasiInline, SyaratPelatihanInline]
