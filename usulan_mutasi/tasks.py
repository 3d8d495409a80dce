"""Background work of the transfer workflow: fetch by id, call one service."""

import datetime
import logging
from smtplib import SMTPException

from celery import shared_task
from django.db import OperationalError

from . import services

log = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(SMTPException, ConnectionError, OperationalError),
    retry_backoff=10,
    max_retries=5,
    soft_time_limit=60,
    time_limit=90,
)
def kirim_notifikasi(peristiwa_id: int) -> int:
    """Email those concerned by one event. Sent at most once per event (marked on the row)."""
    return services.peristiwa_kirim_notifikasi(peristiwa_id=peristiwa_id)


@shared_task(acks_late=True, soft_time_limit=10 * 60, time_limit=12 * 60)
def berlakukan_sk_jatuh_tempo(tanggal: str | None = None) -> list[int]:
    """Daily: apply every issued SK whose TMT has arrived. `tanggal` (ISO) replaces today."""
    hari_ini = datetime.date.fromisoformat(tanggal) if tanggal else None
    diterapkan = services.sk_berlakukan_jatuh_tempo(hari_ini=hari_ini)
    if diterapkan:
        log.info("SK diberlakukan otomatis: %s", diterapkan)
    return diterapkan


@shared_task(
    acks_late=True, reject_on_worker_lost=True, soft_time_limit=20 * 60, time_limit=25 * 60
)
def buat_pdf_sk(sk_id: int) -> int:
    """Make the queued PDFs of one decree with LibreOffice (status rows on the SK page)."""
    return services.sk_buat_pdf(sk_id=sk_id)


from .rencana.tasks import susun_rencana  # noqa: E402, F401  (found by Celery's autodiscovery)
