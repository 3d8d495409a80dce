"""The shared admin layer: every app's admin writes through its services, and searches through
one cleaning of the typed text."""

from django.contrib import admin
from django.core.exceptions import ValidationError

from .views import kata_kunci


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


class PencarianAdminMixin:
    """The admin's search box and its search-selects clean the typed text as the pickers do
    (`kata_kunci`): a NUL byte finds nothing instead of a 500 from PostgreSQL. `SitusAdmin`
    gives it to every registered model admin, ours and third-party ones alike."""

    def get_search_results(self, request, queryset, search_term):
        term = kata_kunci(search_term)
        if term is None:
            return queryset.none(), False
        return super().get_search_results(request, queryset, term)


class SitusAdmin(admin.AdminSite):
    """The admin site: every model admin registered on it searches through `PencarianAdminMixin`."""

    def register(self, model_or_iterable, admin_class=None, **options):
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, PencarianAdminMixin):
            admin_class = type(admin_class.__name__, (PencarianAdminMixin, admin_class), {})
        super().register(model_or_iterable, admin_class, **options)
