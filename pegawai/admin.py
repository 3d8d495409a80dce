from django.contrib import admin
from django.core.exceptions import PermissionDenied
from simple_history.admin import SimpleHistoryAdmin

from instansi.admin import LabelPilihanMixin
from mutasi_asn.admin import LayananAdminMixin

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
class PegawaiAdmin(LabelPilihanMixin, LayananAdminMixin, SimpleHistoryAdmin):
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
class RiwayatJabatanAdmin(SimpleHistoryAdmin):
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
class ImporRegisterAdmin(admin.ModelAdmin):
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


# --- competency facts, SKP and the talent pool's data --------------------------------------
from . import services_kompetensi  # noqa: E402
from .models_kompetensi import (  # noqa: E402
    HasilAsesmen,
    KotakTalenta,
    LabelPredikatSKP,
    PengaturanKompetensi,
    RiwayatPelatihan,
    SertifikasiPegawai,
    SKPTahunan,
)
from .selectors import label_predikat  # noqa: E402


class FaktaPegawaiAdmin(LayananAdminMixin, SimpleHistoryAdmin):
    list_select_related = ("pegawai",)
    autocomplete_fields = ("pegawai",)
    search_fields = ("pegawai__nip", "pegawai__nama")


@admin.register(HasilAsesmen)
class HasilAsesmenAdmin(FaktaPegawaiAdmin):
    list_display = ("pegawai", "kompetensi", "level", "tanggal", "sumber")
    list_filter = ("kompetensi__jenis", "level")
    list_select_related = ("pegawai", "kompetensi")
    autocomplete_fields = ("pegawai", "kompetensi")
    date_hierarchy = "tanggal"
    layanan = services_kompetensi.asesmen_simpan
    layanan_fields = services_kompetensi.ASESMEN_FIELDS


@admin.register(RiwayatPelatihan)
class RiwayatPelatihanAdmin(FaktaPegawaiAdmin):
    list_display = ("pegawai", "nama", "jenis", "jam_pelajaran", "tahun", "penyelenggara")
    list_filter = ("jenis", "tahun")
    search_fields = ("pegawai__nip", "pegawai__nama", "nama")
    layanan = services_kompetensi.pelatihan_simpan
    layanan_fields = services_kompetensi.PELATIHAN_FIELDS


@admin.register(SertifikasiPegawai)
class SertifikasiPegawaiAdmin(FaktaPegawaiAdmin):
    list_display = ("pegawai", "jenis_sertifikasi", "nomor", "tanggal_terbit", "berlaku_sampai")
    list_filter = ("jenis_sertifikasi",)
    list_select_related = ("pegawai", "jenis_sertifikasi")
    search_fields = ("pegawai__nip", "pegawai__nama", "nomor")
    layanan = services_kompetensi.sertifikasi_simpan
    layanan_fields = services_kompetensi.SERTIFIKASI_FIELDS


@admin.register(SKPTahunan)
class SKPTahunanAdmin(FaktaPegawaiAdmin):
    list_display = ("pegawai", "tahun", "hasil_kerja", "perilaku_kerja", "predikat_tampil")
    list_filter = ("tahun", "hasil_kerja", "perilaku_kerja")
    layanan = services_kompetensi.skp_simpan
    layanan_fields = services_kompetensi.SKP_FIELDS

    def changelist_view(self, request, extra_context=None):
        self._label = label_predikat()  # the wording kept in admin, one query per page
        return super().changelist_view(request, extra_context)

    @admin.display(description="predikat")
    def predikat_tampil(self, obj):
        return getattr(self, "_label", {}).get(obj.predikat, obj.predikat)

    def delete_model(self, request, obj):
        services_kompetensi.skp_hapus(skp=obj, actor=request.user)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            services_kompetensi.skp_hapus(skp=obj, actor=request.user)


@admin.register(LabelPredikatSKP)
class LabelPredikatSKPAdmin(SimpleHistoryAdmin):
    list_display = ("kode", "label", "urutan")
    list_editable = ("label", "urutan")


@admin.register(KotakTalenta)
class KotakTalentaAdmin(SimpleHistoryAdmin):
    list_display = ("nomor", "kinerja", "potensi", "label")
    list_editable = ("label",)


@admin.register(PengaturanKompetensi)
class PengaturanKompetensiAdmin(SimpleHistoryAdmin):
    def has_add_permission(self, request):
        return not PengaturanKompetensi.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False
