"""Background work of the register: fetch by id, call one service."""

from celery import shared_task

from .impor import impor_akhiri_yang_macet, impor_jalankan, impor_periksa
from .models import ImporRegister


@shared_task(acks_late=True, time_limit=30 * 60, soft_time_limit=25 * 60)
def impor_register_jalankan(impor_id: int) -> str:
    """Commit a previewed import. Idempotent: an import already done is left as it is."""
    return impor_jalankan(impor_id=impor_id).status


@shared_task(acks_late=True, time_limit=30 * 60, soft_time_limit=25 * 60)
def impor_register_periksa(impor_id: int) -> str:
    """Check an uploaded file for the preview. Idempotent: a checked import is left alone."""
    return impor_periksa(impor=ImporRegister.objects.get(pk=impor_id)).status


@shared_task(acks_late=True, time_limit=5 * 60)
def impor_akhiri_macet() -> int:
    """Beat: imports whose task was lost end as gagal instead of running for ever."""
    return impor_akhiri_yang_macet()
