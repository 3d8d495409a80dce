from django.apps import AppConfig


class InstansiConfig(AppConfig):
    name = "instansi"
    verbose_name = "Instansi dan jabatan"
