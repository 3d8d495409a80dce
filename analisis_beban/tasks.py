"""Background work of the workload analysis: fetch by id, call one service."""

import logging

from celery import chord, shared_task
from django.db import OperationalError

from . import services

log = logging.getLogger(__name__)


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=20 * 60,
    time_limit=25 * 60,
)
def hitung_ulang_abk(perhitungan_id: int) -> dict | None:
    """Run one queued recalculation. Running it twice gives the same results; a run already
    `selesai` is a no-op, and a run interrupted midway (worker killed) is simply run again."""
    run = services.perhitungan_jalankan(perhitungan_id=perhitungan_id)
    if run is None:
        return None
    return {"perhitungan": run.pk, "status": run.status, "jabatan": run.jumlah_jabatan}


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=20 * 60,
    time_limit=25 * 60,
)
def hitung_bagian_abk(perhitungan_id: int, instansi_id: int) -> int:
    """One instansi's share of a partitioned full recalculation."""
    return services.perhitungan_bagian(perhitungan_id=perhitungan_id, instansi_id=instansi_id)


@shared_task(acks_late=True, reject_on_worker_lost=True, soft_time_limit=5 * 60, time_limit=6 * 60)
def selesaikan_hitung_abk(_jumlah_per_bagian, perhitungan_id: int) -> dict | None:
    """The chord's closing step: every part is done."""
    run = services.perhitungan_selesaikan(perhitungan_id=perhitungan_id)
    if run is None:
        return None
    return {"perhitungan": run.pk, "status": run.status, "jabatan": run.jumlah_jabatan}


def hitung_ulang_abk_terbagi(perhitungan_id: int, instansi_ids: list[int]):
    """Send a full run as a chord: one task per instansi, then the closing step."""
    return chord(hitung_bagian_abk.s(perhitungan_id, i) for i in instansi_ids)(
        selesaikan_hitung_abk.s(perhitungan_id)
    )


@shared_task(acks_late=True, soft_time_limit=20 * 60, time_limit=25 * 60)
def abk_hitung_yang_basi(umur_antre_detik: int = 300) -> int:
    """Every few minutes: run what a broker outage (or a killed worker) left behind — runs
    queued or started more than `umur_antre_detik` ago — and recompute stale results."""
    runs = services.abk_hitung_yang_basi(umur_antre_detik=umur_antre_detik)
    return len(runs)


@shared_task(acks_late=True, soft_time_limit=50 * 60, time_limit=55 * 60)
def abk_hitung_ulang_malam() -> int:
    """Nightly safety net: recompute the open periods fully (see services.periode_terbuka)."""
    runs = services.abk_hitung_semua(hanya_terbuka=True, alasan="Hitung ulang malam")
    return len(runs)
