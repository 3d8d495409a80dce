"""The shared base of every API viewset: authenticated, model-permission checked, scoped."""

from rest_framework import permissions, viewsets


class IzinModel(permissions.DjangoModelPermissions):
    """Django model permissions, with `view` required for reads too."""

    perms_map = {
        **permissions.DjangoModelPermissions.perms_map,
        "GET": ["%(app_label)s.view_%(model_name)s"],
        "HEAD": ["%(app_label)s.view_%(model_name)s"],
    }


class ScopedReadOnlyViewSet(viewsets.ReadOnlyModelViewSet):
    permission_classes = [permissions.IsAuthenticated, IzinModel]
    base_queryset = None

    def get_queryset(self):
        return self.base_queryset.all().for_user(self.request.user)
