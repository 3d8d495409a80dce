from django.apps import AppConfig


class AnalisisBebanConfig(AppConfig):
    name = "analisis_beban"
    verbose_name = "Analisis beban kerja"
