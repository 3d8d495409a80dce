from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from instansi.admin import LabelPilihanMixin
from mutasi_asn.admin import LayananAdminMixin, PencarianAdminMixin

from . import services
from .models import ImporRegister, Pegawai, RiwayatJabatan


class RiwayatJabatanInline(admin.TabularInline):
    model = RiwayatJabatan
    extra = 0
    fields = ("jabatan", "tanggal_mulai", "tanggal_selesai", "nomor_sk", "keterangan")
    readonly_fields = fields
    can_delete = False
    ordering = ("-tanggal_mulai",)

    def has_add_permission(self, request, obj=None):
        # History rows are written by the move service only, so they stay consistent.
        return False


@admin.register(Pegawai)
class PegawaiAdmin(PencarianAdminMixin, LabelPilihanMixin, LayananAdminMixin, SimpleHistoryAdmin):
    list_display = ("nip", "nama", "status", "golongan", "pendidikan", "jabatan", "aktif")
    list_filter = ("status", "aktif", "golongan", "pendidikan", "jabatan__jenis")
    list_select_related = ("jabatan",)
    search_fields = ("nip", "nama")
    autocomplete_fields = ("jabatan",)
    inlines = [RiwayatJabatanInline]
    layanan = services.pegawai_simpan
    layanan_fields = services.PEGAWAI_FIELDS + ["jabatan", "tmt_jabatan"]

    def delete_model(self, request, obj):
        services.pegawai_hapus(pegawai=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services.pegawai_hapus(pegawai=obj, actor=request.user)


@admin.register(RiwayatJabatan)
class RiwayatJabatanAdmin(PencarianAdminMixin, SimpleHistoryAdmin):
    list_display = ("pegawai", "jabatan", "tanggal_mulai", "tanggal_selesai", "nomor_sk")
    list_select_related = ("pegawai", "jabatan")
    search_fields = ("pegawai__nip", "pegawai__nama", "nomor_sk")
    readonly_fields = ("pegawai", "jabatan", "tanggal_mulai", "tanggal_selesai")
    date_hierarchy = "tanggal_mulai"

    # Rows are opened and closed by the move service only (one open row per pegawai): by hand
    # only the SK number and note are corrected. Adding here saved a row without pegawai or
    # dates (a 500); deleting the open row left a pegawai without a current riwayat. The
    # delete permission itself stays, so deleting a pegawai still takes their rows along.
    def has_add_permission(self, request):
        return False

    def delete_view(self, request, object_id, extra_context=None):
        raise PermissionDenied

    def get_actions(self, request):
        aksi = super().get_actions(request)
        aksi.pop("delete_selected", None)
        return aksi


@admin.register(ImporRegister)
class ImporRegisterAdmin(PencarianAdminMixin, admin.ModelAdmin):
    """The audit trail of register imports: read-only, written by the import service only."""

    list_display = ("dibuat", "jenis", "nama_berkas", "diunggah_oleh", "status", "jumlah_baris")
    list_filter = ("jenis", "status")
    list_select_related = ("diunggah_oleh",)
    search_fields = ("nama_berkas", "diunggah_oleh__username")
    date_hierarchy = "dibuat"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
