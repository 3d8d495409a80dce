from django.conf import settings

from .navigation import navigasi_untuk


def aplikasi(request):
    user = getattr(request, "user", None)
    return {
        "VERSI_APLIKASI": settings.VERSION,
        "navigasi": navigasi_untuk(user) if user is not None and user.is_authenticated else [],
    }
