"""The shared base of every API viewset: authenticated, model-permission checked, scoped; and
the one way the API writes a date-time."""

from django.db import models
from django.utils import timezone
from rest_framework import authentication, permissions, serializers, viewsets

from .autentikasi import TokenAuthenticationBerbatas


def tulis_waktu(nilai) -> str | None:
    """Every date-time the API returns: ISO 8601 to the second in the city's zone (settings
    TIME_ZONE, Asia/Jakarta), e.g. "2026-12-01T10:30:00+07:00". DRF's own default printed
    microseconds (or none when they were zero) and a dict value went out in UTC with "Z"."""
    if nilai is None:
        return None
    return timezone.localtime(nilai).replace(microsecond=0).isoformat()


class WaktuField(serializers.DateTimeField):
    """A read-only date-time written by `tulis_waktu`."""

    def to_representation(self, value):
        return tulis_waktu(value)


class SerializerModel(serializers.ModelSerializer):
    """ModelSerializer whose date-time fields are written by `tulis_waktu`: the base of every
    API serializer of a model."""

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.DateTimeField: WaktuField,
    }


class IzinModel(permissions.DjangoModelPermissions):
    """Django model permissions, with `view` required for reads too."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    # Token first: a request without valid credentials then gets 401 with
    # `WWW-Authenticate: Token` (DRF answers 403 when session auth comes first).
    authentication_classes = [
        TokenAuthenticationBerbatas,
        authentication.SessionAuthentication,
    ]
    permission_classes = [permissions.IsAuthenticated, IzinModel]
    base_queryset = None

    def get_queryset(self):
        return self.base_queryset.all().for_user(self.request.user)


# Messages DRF's Indonesian catalogue lacks (token authentication), said in Indonesian.
_PESAN_AUTENTIKASI = {
    "Invalid token.": "Token tidak sah.",
    "User inactive or deleted.": "Pengguna tidak aktif atau sudah dihapus.",
    "Invalid token header. No credentials provided.": "Header token tidak berisi token.",
    "Invalid token header. Token string should not contain spaces.": (
        "Header token tidak sah: token tidak boleh berisi spasi."
    ),
    "Invalid token header. Token string should not contain invalid characters.": (
        "Header token tidak sah: token berisi karakter yang tidak diizinkan."
    ),
}


def penanganan_galat(exc, context):
    """DRF's exception handler, with every message a user reads in Indonesian.

    An out-of-scope or missing object raises Django's Http404 ("No Pegawai matches the given
    query."), which DRF would pass on word for word.
    """
    from django.http import Http404
    from rest_framework import exceptions
    from rest_framework.views import exception_handler

    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, exceptions.AuthenticationFailed) and str(exc.detail) in _PESAN_AUTENTIKASI:
        asli = exc
        exc = exceptions.AuthenticationFailed(_PESAN_AUTENTIKASI[str(asli.detail)])
        # The view set these on the original: 401 with WWW-Authenticate, or 403.
        exc.status_code = asli.status_code
        if getattr(asli, "auth_header", None):
            exc.auth_header = asli.auth_header
    return exception_handler(exc, context)
