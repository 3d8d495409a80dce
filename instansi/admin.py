from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .models import Instansi, Jabatan, UnitKerja


class LayananAdminMixin:
    """Admin writes go through the same service (and rules) as the pages."""

    layanan = None
    layanan_fields: list[str] = []

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in self.layanan_fields if f in form.cleaned_data}
        saved = type(self).layanan(instance=obj if change else None, data=data, actor=request.user)
        obj.pk = saved.pk


@admin.register(Instansi)
class InstansiAdmin(LayananAdminMixin, SimpleHistoryAdmin):
    list_display = ("kode", "nama", "singkatan", "jenis", "aktif")
    list_filter = ("jenis", "aktif")
    search_fields = ("nama", "singkatan", "kode")
    layanan = services.instansi_simpan
    layanan_fields = services.INSTANSI_FIELDS


@admin.register(UnitKerja)
class UnitKerjaAdmin(LayananAdminMixin, SimpleHistoryAdmin):
    list_display = ("kode", "nama", "jenis", "induk", "instansi")
    list_filter = ("jenis", "instansi")
    list_select_related = ("instansi", "induk")
    search_fields = ("nama", "kode")
    autocomplete_fields = ("instansi", "induk")
    layanan = services.unitkerja_simpan
    layanan_fields = services.UNIT_FIELDS


@admin.register(Jabatan)
class JabatanAdmin(LayananAdminMixin, SimpleHistoryAdmin):
    list_display = ("kode", "nama", "jenis", "eselon", "kelas_jabatan", "unit_kerja")
    list_filter = ("jenis", "eselon", "kelas_jabatan", "unit_kerja__instansi")
    list_select_related = ("unit_kerja",)
    search_fields = ("nama", "kode")
    autocomplete_fields = ("unit_kerja",)
    layanan = services.jabatan_simpan
    layanan_fields = services.JABATAN_FIELDS
