"""Nightly backup (beat schedule `cadangan-malam`): one archive, the newest CADANGAN_SIMPAN kept."""

from pathlib import Path

from celery import shared_task
from django.conf import settings

from mutasi_asn import cadangan


@shared_task(acks_late=True, time_limit=2 * 60 * 60)
def cadangkan_malam() -> str:
    return str(cadangan.cadangkan(Path(settings.CADANGAN_ROOT), simpan=settings.CADANGAN_SIMPAN))
