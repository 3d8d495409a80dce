from django.contrib.admin.apps import AdminConfig


class AdminMutasiConfig(AdminConfig):
    """`django.contrib.admin` with `mutasi_asn.admin.SitusAdmin` as `admin.site`: every model
    admin searches through one cleaning of the typed text (INSTALLED_APPS names this)."""

    default_site = "mutasi_asn.admin.SitusAdmin"
