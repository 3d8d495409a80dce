"""Background work of the register: fetch by id, call one service."""

from celery import shared_task

from .impor import impor_jalankan


@shared_task(acks_late=True, time_limit=30 * 60, soft_time_limit=25 * 60)
def impor_register_jalankan(impor_id: int) -> str:
    """Commit a previewed import. Idempotent: an import already done is left as it is."""
    return impor_jalankan(impor_id=impor_id).status
