from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from instansi.admin import LabelPilihanMixin
from mutasi_asn.admin import LayananAdminMixin

from . import services
from .models import HasilABK, PerhitunganABK, PeriodeABK, UraianTugas


class HanyaBacaMixin:
    """Computed rows: written only by the recalculation, never by hand."""

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PeriodeABK)
class PeriodeABKAdmin(SimpleHistoryAdmin):
    list_display = (
        "tahun",
        "status",
        "wke_menit",
        "ambang_a",
        "ambang_b",
        "ambang_c",
        "ambang_d",
        "dihitung_pada",
    )
    search_fields = ("tahun", "keterangan")
    list_filter = ("status",)
    # The state changes only on the period page (confirmation, then periode_tetapkan_berlaku).
    readonly_fields = ("status", "ditetapkan_pada", "ditetapkan_oleh", "dihitung_pada")

    def get_readonly_fields(self, request, obj=None):
        return (*self.readonly_fields, "tahun") if obj else self.readonly_fields

    def save_model(self, request, obj, form, change):
        # Through the services: a change of WKE or bands marks results stale and recomputes.
        data = {f: form.cleaned_data[f] for f in services.PERIODE_FIELDS if f in form.cleaned_data}
        if change:
            simpan = services.periode_ubah_pengaturan(periode=obj, data=data, actor=request.user)
        else:
            simpan = services.periode_buat(data=data, actor=request.user)
        obj.pk = simpan.pk


@admin.register(UraianTugas)
class UraianTugasAdmin(LabelPilihanMixin, LayananAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "uraian",
        "jabatan",
        "periode",
        "hasil_kerja",
        "satuan",
        "volume",
        "norma_waktu_menit",
    )
    list_filter = ("periode", "jabatan__unit_kerja__instansi", "jabatan__jenis")
    list_select_related = ("jabatan", "periode")
    search_fields = ("uraian", "hasil_kerja", "jabatan__nama", "jabatan__kode")
    autocomplete_fields = ("jabatan",)
    # The service stale-marks the jabatan a task leaves as well as the one it joins.
    layanan = services.uraian_tugas_simpan
    layanan_fields = ["periode", "jabatan", *services.URAIAN_FIELDS]

    def get_readonly_fields(self, request, obj=None):
        # A task belongs to its period; the service keeps the period of an existing task, so
        # the field is shown, not offered for a change that would be silently dropped.
        return ("periode",) if obj else ()

    def delete_model(self, request, obj):
        services.uraian_tugas_hapus(instance=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.uraian_tugas_hapus(instance=obj, actor=request.user)


@admin.register(HasilABK)
class HasilABKAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = (
        "jabatan",
        "unit_kerja",
        "instansi",
        "periode",
        "kebutuhan",
        "kebutuhan_bulat",
        "bezetting",
        "selisih",
        "keadaan",
        "ej",
        "pj",
        "basi",
    )
    list_filter = ("periode", "keadaan", "pj", "basi", "instansi")
    list_select_related = ("jabatan", "unit_kerja", "instansi", "periode")
    search_fields = ("jabatan__nama", "jabatan__kode", "unit_kerja__nama")
    autocomplete_fields = ("jabatan", "unit_kerja", "instansi")


@admin.register(PerhitunganABK)
class PerhitunganABKAdmin(HanyaBacaMixin, admin.ModelAdmin):
    list_display = (
        "dibuat_pada",
        "periode",
        "status",
        "diproses",
        "jumlah_jabatan",
        "durasi_detik",
        "alasan",
        "dibuat_oleh",
    )
    list_filter = ("status", "periode")
    list_select_related = ("periode", "dibuat_oleh")
    search_fields = ("alasan", "task_id", "pesan_galat")
