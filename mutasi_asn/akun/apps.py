from django.apps import AppConfig
from django.db.models.signals import post_migrate


class AkunConfig(AppConfig):
    name = "mutasi_asn.akun"
    label = "akun"
    verbose_name = "Akun dan peran"

    def ready(self):
        from .services import peran_sinkronkan_setelah_migrasi

        # Groups and their permissions are data: keep them in step with the code after
        # every migrate, so a new permission reaches its role without a manual step.
        post_migrate.connect(peran_sinkronkan_setelah_migrasi, dispatch_uid="akun.peran_sinkronkan")
