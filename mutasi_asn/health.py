"""`/healthz`: is the database reachable, is the broker reachable. For load balancers and ops.

A load balancer (anonymous) gets only the verdict — 200 or 503 with `{"status": ...}`; the
version and the broker's state are for signed-in staff, not for whoever asks.
"""

from django.conf import settings
from django.db import connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache


def _cek_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # noqa: BLE001 - any failure means "down" for a health probe
        return "down"
    return "ok"


def _cek_broker() -> str:
    if settings.CELERY_TASK_ALWAYS_EAGER or not settings.REDIS_URL:
        return "eager"
    from mutasi_asn.celery import app

    try:
        with app.connection_for_write() as conn:
            conn.ensure_connection(max_retries=1, timeout=2)
    except Exception:  # noqa: BLE001
        return "down"
    return "ok"


@never_cache
def healthz(request):
    database = _cek_database()
    if not getattr(request.user, "is_staff", False):
        if database != "ok":
            return JsonResponse({"status": "down"}, status=503)
        return JsonResponse({"status": "ok"})
    broker = _cek_broker()
    if database != "ok":
        status, code = "down", 503
    elif broker == "down":
        status, code = "degraded", 200
    else:
        status, code = "ok", 200
    return JsonResponse(
        {"status": status, "database": database, "broker": broker, "versi": settings.VERSION},
        status=code,
    )
