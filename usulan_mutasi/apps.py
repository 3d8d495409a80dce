from django.apps import AppConfig


class UsulanMutasiConfig(AppConfig):
    name = "usulan_mutasi"
    verbose_name = "Usulan mutasi"

    def ready(self):
        # A stored plan read the ABK results and the register: when either changes, it is stale.
        from simple_history.signals import post_create_historical_record

        from analisis_beban.signals import hasil_abk_basi

        post_create_historical_record.connect(
            _register_berubah, dispatch_uid="usulan_mutasi.rencana_register"
        )
        hasil_abk_basi.connect(_abk_berubah, dispatch_uid="usulan_mutasi.rencana_abk")


_MODEL_REGISTER = {"pegawai", "jabatan", "unitkerja", "instansi"}


def _register_berubah(sender, history_instance, **kwargs):
    model = history_instance.instance_type._meta.model_name
    if model in _MODEL_REGISTER:
        from .rencana.services import rencana_tandai_basi

        rencana_tandai_basi(alasan=f"Register berubah ({model}) setelah rencana disusun.")


def _abk_berubah(sender, periode_ids, **kwargs):
    from .rencana.services import rencana_tandai_basi

    rencana_tandai_basi(
        alasan="Hasil ABK berubah setelah rencana disusun.", periode_ids=periode_ids
    )
