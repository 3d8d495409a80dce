from django.apps import AppConfig


class AnalisisBebanConfig(AppConfig):
    name = "analisis_beban"
    verbose_name = "Analisis beban kerja"

    def ready(self):
        # Lower apps announce register changes; the ABK of the affected units becomes stale.
        from instansi.signals import jabatan_berubah
        from pegawai.signals import bezetting_berubah

        from . import impor  # noqa: F401  (registers the uraian tugas import's contract)

        bezetting_berubah.connect(
            _bezetting_berubah, dispatch_uid="analisis_beban.bezetting_berubah"
        )
        jabatan_berubah.connect(_jabatan_berubah, dispatch_uid="analisis_beban.jabatan_berubah")


def _bezetting_berubah(sender, jabatan_ids, **kwargs):
    from .services import abk_bezetting_berubah

    abk_bezetting_berubah(jabatan_ids=jabatan_ids)


def _jabatan_berubah(sender, jabatan_ids, unit_kerja_ids=(), **kwargs):
    from .services import abk_jabatan_berubah

    abk_jabatan_berubah(jabatan_ids=jabatan_ids, unit_kerja_ids=unit_kerja_ids)
