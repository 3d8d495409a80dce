"""Admin: the workflow is read-only here (it moves only through the services); an admin may fix
clerical fields. The document checklist and the settings are edited here.
"""

from django import forms
from django.contrib import admin
from django.http import HttpResponseRedirect
from django.urls import reverse
from simple_history.admin import SimpleHistoryAdmin

from .models import (
    BerkasSK,
    DokumenUsulan,
    JenisDokumen,
    KomentarUsulan,
    NomorSK,
    PengaturanMutasi,
    PengaturanSK,
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
class UsulanMutasiAdmin(SimpleHistoryAdmin):
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
class PeristiwaUsulanAdmin(admin.ModelAdmin):
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
class SuratKeputusanAdmin(SimpleHistoryAdmin):
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
class JenisDokumenAdmin(SimpleHistoryAdmin):
    list_display = (
        "nama",
        "wajib",
        "untuk_antar_unit",
        "untuk_antar_opd",
        "untuk_keluar",
        "untuk_masuk",
        "hanya_permintaan_sendiri",
        "dipenuhi_sistem",
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
            {"fields": ("masa_jabatan_minimal_bulan", "hari_kerja_per_tahap", "batas_turun_kelas")},
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


class BerkasPrivatWidget(forms.ClearableFileInput):
    """The stored file's name without a link: private files have no URL."""

    template_name = "usulan_mutasi/widget/berkas_privat.html"

    def is_initial(self, value):
        return bool(value and getattr(value, "name", ""))

    def get_context(self, name, value, attrs):
        ctx = super().get_context(name, value, attrs)
        ctx["widget"]["nama_berkas"] = getattr(value, "name", "").rsplit("/", 1)[-1]
        return ctx


class PengaturanSKForm(forms.ModelForm):
    """Uploaded templates are tried with sample data before they are accepted; the emblem must
    really be a PNG or JPEG."""

    class Meta:
        widgets = dict.fromkeys(
            ("lambang", "templat_sk", "templat_petikan", "templat_surat"), BerkasPrivatWidget
        )
        model = PengaturanSK
        fields = [
            "format_nomor",
            "tempat_penetapan",
            "penandatangan_nama",
            "penandatangan_nip",
            "penandatangan_jabatan",
            "menimbang",
            "mengingat",
            "tembusan",
            "lambang",
            "templat_sk",
            "templat_petikan",
            "templat_surat",
        ]

    def _templat(self, nama):
        berkas = self.cleaned_data.get(nama)
        if berkas and hasattr(berkas, "content_type"):  # a new upload, not the stored file
            from .dokumen import GalatTemplat, periksa_templat

            isi = berkas.read()
            berkas.seek(0)
            try:
                periksa_templat(nama, isi)
            except GalatTemplat as exc:
                raise forms.ValidationError(str(exc)) from None
        return berkas

    def clean_templat_sk(self):
        return self._templat("templat_sk")

    def clean_templat_petikan(self):
        return self._templat("templat_petikan")

    def clean_templat_surat(self):
        return self._templat("templat_surat")

    def clean_lambang(self):
        berkas = self.cleaned_data.get("lambang")
        if berkas and hasattr(berkas, "content_type"):
            kepala = berkas.read(8)
            berkas.seek(0)
            if not (kepala.startswith(b"\x89PNG") or kepala.startswith(b"\xff\xd8\xff")):
                raise forms.ValidationError("Lambang harus gambar PNG atau JPG.")
            if berkas.size > 2 * 1024 * 1024:
                raise forms.ValidationError("Ukuran gambar lambang paling besar 2 MB.")
        return berkas


def _daftar_placeholder(nama) -> str:
    from django.utils.html import format_html_join

    from .dokumen import PLACEHOLDER

    return format_html_join(
        "", "<li><code>{{{{ {} }}}}</code> — {}</li>", PLACEHOLDER[nama].items()
    )


@admin.register(PengaturanSK)
class PengaturanSKAdmin(SimpleHistoryAdmin):
    """The decree's numbering, default signer, wording and Word templates; the placeholders each
    template may use are listed under it."""

    form = PengaturanSKForm
    change_form_template = "admin/usulan_mutasi/pengaturansk/change_form.html"
    fieldsets = (
        ("Penomoran", {"fields": ("format_nomor",)}),
        (
            "Penandatangan bawaan",
            {"fields": ("penandatangan_nama", "penandatangan_nip", "penandatangan_jabatan")},
        ),
        ("Isi keputusan", {"fields": ("tempat_penetapan", "menimbang", "mengingat", "tembusan")}),
        (
            "Kop dan templat Word",
            {
                "fields": ("lambang", "templat_sk", "templat_petikan", "templat_surat"),
                "description": "Kosongkan templat untuk memakai templat bawaan aplikasi. Unduh "
                "templat bawaan dari tautan di bawah, ubah di Word (tanda {{ … }} dan {% … %} "
                "jangan dipecah), lalu unggah kembali.",
            },
        ),
    )

    def has_add_permission(self, request):
        return not PengaturanSK.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        obj = PengaturanSK.muat()
        return HttpResponseRedirect(
            reverse("admin:usulan_mutasi_pengaturansk_change", args=[obj.pk])
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "placeholder_templat": [
                (
                    "Keputusan Wali Kota (templat_sk)",
                    "templat_sk",
                    _daftar_placeholder("templat_sk"),
                ),
                (
                    "Petikan (templat_petikan)",
                    "templat_petikan",
                    _daftar_placeholder("templat_petikan"),
                ),
                (
                    "Surat persetujuan (templat_surat)",
                    "templat_surat",
                    _daftar_placeholder("templat_surat"),
                ),
            ],
        }
        return super().change_view(request, object_id, form_url, extra_context)


class _HanyaBacaAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(NomorSK)
class NomorSKAdmin(_HanyaBacaAdmin, SimpleHistoryAdmin):
    list_display = (
        "nomor",
        "tahun",
        "urut",
        "status",
        "surat_keputusan",
        "alasan_batal",
        "dicatat_oleh",
    )
    list_filter = ("tahun", "status")
    search_fields = ("nomor", "alasan_batal")
    list_select_related = ("surat_keputusan", "dicatat_oleh")


@admin.register(BerkasSK)
class BerkasSKAdmin(_HanyaBacaAdmin):
    list_display = ("surat_keputusan", "jenis", "usulan", "status", "diminta_pada", "selesai_pada")
    list_filter = ("jenis", "status")
    list_select_related = ("surat_keputusan", "usulan")
