"""The sign-in lockout page (django-axes calls `terkunci` instead of its English text)."""

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.shortcuts import render


def terkunci(request, original_response=None, credentials=None):
    cool_off = get_cool_off(request)
    konteks = {
        "username": get_client_username(request, credentials) or "",
        "batas": settings.AXES_FAILURE_LIMIT,
        "menit": int(cool_off.total_seconds() // 60) if cool_off else None,
    }
    return render(
        request, "registration/terkunci.html", konteks, status=settings.AXES_HTTP_RESPONSE_CODE
    )
