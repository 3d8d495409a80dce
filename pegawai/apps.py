from django.apps import AppConfig


class PegawaiConfig(AppConfig):
    name = "pegawai"
    verbose_name = "Pegawai"

    def ready(self):
        # The register's spreadsheet imports register their contracts (mutasi_asn.impor_kontrak).
        from . import impor_instansi, impor_jabatan, impor_kompetensi, impor_pegawai  # noqa: F401
