"""The shared base of every API viewset: authenticated, model-permission checked, scoped."""

from rest_framework import authentication, permissions, viewsets


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
        authentication.TokenAuthentication,
        authentication.SessionAuthentication,
    ]
    permission_classes = [permissions.IsAuthenticated, IzinModel]
    base_queryset = None

    def get_queryset(self):
        return self.base_queryset.all().for_user(self.request.user)
