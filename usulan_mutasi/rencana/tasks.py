"""Background work of the rebalancing plan: fetch by id, call one service."""

from celery import shared_task
from django.db import OperationalError

from . import services


@shared_task(
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=(OperationalError,),
    retry_backoff=5,
    max_retries=3,
    soft_time_limit=20 * 60,
    time_limit=25 * 60,
)
def susun_rencana(rencana_id: int) -> dict | None:
    """Compute one queued plan. A finished plan is a no-op; an interrupted one is recomputed."""
    rencana = services.rencana_susun(rencana_id=rencana_id)
    if rencana is None:
        return None
    return {"rencana": rencana.pk, "status": rencana.status}
