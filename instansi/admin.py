from django.contrib import admin
from django.core.exceptions import ValidationError
from simple_history.admin import SimpleHistoryAdmin

from . import services
from .forms import label_jabatan, label_unit
from .models import Instansi, Jabatan, UnitKerja


class LayananAdminMixin:
    """Admin writes go through the same service (and rules) as the pages.

    The service gets the row as stored, not the admin's instance that the form has already
    changed: a service compares old with new (a pegawai's jabatan → riwayat row and ABK
    recalculation). A ValidationError of the service is shown on the form again (the admin's
    transaction has rolled back), never a 500.
    """

    layanan = None
    layanan_fields: list[str] = []

    def save_model(self, request, obj, form, change):
        data = {f: form.cleaned_data[f] for f in self.layanan_fields if f in form.cleaned_data}
        tersimpan = type(obj)._default_manager.get(pk=obj.pk) if change else None
        saved = type(self).layanan(instance=tersimpan, data=data, actor=request.user)
        obj.pk = saved.pk

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except ValidationError as exc:
            request._galat_layanan = exc
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form_class = super().get_form(request, obj, change=change, **kwargs)
        galat = getattr(request, "_galat_layanan", None)
        if galat is None:
            return form_class

        class FormDenganGalatLayanan(form_class):
            def clean(self):
                cleaned = super().clean()
                if hasattr(galat, "error_dict"):
                    for field, errs in galat.error_dict.items():
                        self.add_error(field if field in self.fields else None, errs)
                else:
                    self.add_error(None, galat.messages)
                return cleaned

        return FormDenganGalatLayanan


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
