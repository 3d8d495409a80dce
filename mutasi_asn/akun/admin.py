import re

from django.contrib import admin
from django.contrib.admin.views.autocomplete import AutocompleteJsonView
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group
from django.utils.translation import gettext_lazy as _

from .models import Pengguna

# Django names permissions "Can add pegawai" (never translated) and simple-history's models
# "historical pegawai": the permission lists in admin read them in Indonesian instead.
_AKSI_IZIN = {"add": "menambah", "change": "mengubah", "delete": "menghapus", "view": "melihat"}


def label_izin(izin) -> str:
    """`Pegawai | riwayat perubahan pegawai | Dapat mengubah riwayat perubahan pegawai`."""
    model = izin.content_type.model_class()
    nama_model = str(model._meta.verbose_name) if model else izin.content_type.model
    nama_model = re.sub(r"^historical ", "riwayat perubahan ", nama_model)
    aplikasi = model._meta.app_config.verbose_name if model else izin.content_type.app_label
    aksi, _sep, _rest = izin.codename.partition("_")
    nama = (
        f"Dapat {_AKSI_IZIN[aksi]} {nama_model}"
        if aksi in _AKSI_IZIN and izin.name.startswith("Can ")
        else re.sub(r"historical ", "riwayat perubahan ", izin.name)
    )
    return f"{aplikasi} | {nama_model} | {nama}"


class LabelIzinMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            field.label_from_instance = label_izin
        return field


class AutocompleteBerlabel(AutocompleteJsonView):
    """Admin search-selects label a row with its model admin's `label_autocomplete(obj)`: a
    city has a "Perawat Terampil" in every puskesmas, and the bare name cannot be told apart."""

    def serialize_result(self, obj, to_field_name):
        hasil = super().serialize_result(obj, to_field_name)
        label = getattr(self.model_admin, "label_autocomplete", None)
        if label is not None:
            hasil["text"] = label(obj)
        return hasil


admin.site.autocomplete_view = AutocompleteBerlabel.as_view(admin_site=admin.site)

admin.site.unregister(Group)


@admin.register(Group)
class GrupAdmin(LabelIzinMixin, GroupAdmin):
    pass


@admin.register(Pengguna)
class PenggunaAdmin(LabelIzinMixin, UserAdmin):
    list_display = ("username", "first_name", "last_name", "instansi", "is_active", "is_staff")
    list_filter = ("groups", "is_active", "is_staff", "instansi")
    list_select_related = ("instansi",)
    search_fields = ("username", "first_name", "last_name", "email")
    autocomplete_fields = ("instansi",)
    fieldsets = UserAdmin.fieldsets + (
        (_("Cakupan"), {"fields": ("instansi", "jabatan_tertulis")}),
    )
