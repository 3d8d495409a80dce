"""Admin: the workflow is read-only here (it moves only through the services); an admin may fix
clerical fields. The document checklist and the settings are edited here.
"""

from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from mutasi_asn.admin import PencarianAdminMixin

from .models import (
    DokumenUsulan,
    JenisDokumen,
    KomentarUsulan,
    PengaturanMutasi,
    PeristiwaUsulan,
    SuratKeputusan,
    UsulanMutasi,
)


class _HanyaBacaInline(admin.TabularInline):
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class PeristiwaInline(_HanyaBacaInline):
    model = PeristiwaUsulan
    fields = ("waktu", "aksi", "aktor", "dari_status", "ke_status", "catatan")
    readonly_fields = fields


class KomentarInline(_HanyaBacaInline):
    model = KomentarUsulan
    fields = ("dibuat_pada", "penulis", "isi")
    readonly_fields = fields


class DokumenInline(_HanyaBacaInline):
    model = DokumenUsulan
    fields = (
        "jenis_dokumen",
        "nama_asli",
        "ukuran",
        "diunggah_oleh",
        "diunggah_pada",
        "verdik",
        "catatan_verifikasi",
    )
    readonly_fields = fields


# Clerical fields an admin may correct; everything else comes from the workflow.
FIELD_BOLEH_DIPERBAIKI_USULAN = (
    "justifikasi",
    "instansi_luar",
    "nomor_pertek",
    "tanggal_pertek",
    "pejabat_keputusan_luar",
    "nomor_keputusan_luar",
    "tanggal_keputusan_luar",
    "tenggat",
)


@admin.register(UsulanMutasi)
class UsulanMutasiAdmin(PencarianAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "nomor",
        "pegawai",
        "jenis",
        "status",
        "instansi_asal",
        "instansi_tujuan",
        "tenggat",
        "dibuat_pada",
    )
    list_filter = ("status", "jenis", "alasan", "instansi_asal", "instansi_tujuan")
    list_select_related = ("pegawai", "instansi_asal", "instansi_tujuan")
    search_fields = ("nomor", "pegawai__nip", "pegawai__nama")
    date_hierarchy = "dibuat_pada"
    inlines = [PeristiwaInline, DokumenInline, KomentarInline]

    def get_readonly_fields(self, request, obj=None):
        return [
            f.name
            for f in self.model._meta.concrete_fields
            if f.name not in FIELD_BOLEH_DIPERBAIKI_USULAN
        ]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PeristiwaUsulan)
class PeristiwaUsulanAdmin(PencarianAdminMixin, admin.ModelAdmin):
    list_display = ("waktu", "usulan", "aksi", "aktor", "dari_status", "ke_status")
    list_filter = ("aksi",)
    list_select_related = ("usulan", "aktor")
    search_fields = ("usulan__nomor", "catatan")
    date_hierarchy = "waktu"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class UsulanDalamSKInline(_HanyaBacaInline):
    model = UsulanMutasi
    fk_name = "surat_keputusan"
    fields = ("nomor", "pegawai", "jabatan_asal", "jabatan_tujuan", "status")
    readonly_fields = fields


@admin.register(SuratKeputusan)
class SuratKeputusanAdmin(PencarianAdminMixin, SimpleHistoryAdmin):
    list_display = ("nomor", "tanggal", "tmt", "status", "dalam_masa_pembekuan")
    list_filter = ("status", "dalam_masa_pembekuan")
    search_fields = ("nomor", "perihal")
    inlines = [UsulanDalamSKInline]

    def get_readonly_fields(self, request, obj=None):
        boleh = {"perihal", "penandatangan_nama", "penandatangan_nip", "penandatangan_jabatan"}
        return [f.name for f in self.model._meta.concrete_fields if f.name not in boleh]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(JenisDokumen)
class JenisDokumenAdmin(PencarianAdminMixin, SimpleHistoryAdmin):
    list_display = (
        "nama",
        "wajib",
        "untuk_antar_unit",
        "untuk_antar_opd",
        "untuk_keluar",
        "untuk_masuk",
        "hanya_permintaan_sendiri",
        "urutan",
        "aktif",
    )
    list_editable = ("wajib", "urutan", "aktif")
    list_filter = ("wajib", "aktif")
    search_fields = ("nama", "kode")
    prepopulated_fields = {"kode": ("nama",)}


@admin.register(PengaturanMutasi)
class PengaturanMutasiAdmin(SimpleHistoryAdmin):
    fieldsets = (
        (
            "Masa jabatan dan tenggat",
            {"fields": ("masa_jabatan_minimal_bulan", "hari_kerja_per_tahap")},
        ),
        (
            "Masa pembekuan mutasi (misalnya Pilkada)",
            {
                "fields": (
                    "pembekuan_mulai",
                    "pembekuan_selesai",
                    "pembekuan_catatan",
                    "pembekuan_memblokir",
                )
            },
        ),
    )

    def has_add_permission(self, request):
        return not PengaturanMutasi.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        # One row only: the list is just a detour to it.
        obj = PengaturanMutasi.muat()
        return HttpResponseRedirect(
            reverse("admin:usulan_mutasi_pengaturanmutasi_change", args=[obj.pk])
        )
