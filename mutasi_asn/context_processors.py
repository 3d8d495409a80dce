from django.conf import settings

from .navigation import navigasi_untuk


def _jumlah_menunggu(user):
    """The inbox badge, counted at most once per page and only when a template shows it."""
    hasil = []

    def hitung():
        if not hasil:
            from usulan_mutasi.selectors import jumlah_menunggu

            hasil.append(jumlah_menunggu(user))
        return hasil[0]

    return hitung


def aplikasi(request):
    user = getattr(request, "user", None)
    masuk = user is not None and user.is_authenticated
    return {
        "VERSI_APLIKASI": settings.VERSION,
        "navigasi": navigasi_untuk(user) if masuk else [],
        "jumlah_menunggu": _jumlah_menunggu(user) if masuk else 0,
    }
