from django.apps import AppConfig


class UsulanMutasiConfig(AppConfig):
    name = "usulan_mutasi"
    verbose_name = "Usulan mutasi"
