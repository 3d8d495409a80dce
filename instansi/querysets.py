from django.db import models

from mutasi_asn.akun.scoping import filter_instansi


class InstansiQuerySet(models.QuerySet):
    def for_user(self, user):
        return filter_instansi(self, user, "pk")


class UnitKerjaQuerySet(models.QuerySet):
    def for_user(self, user):
        return filter_instansi(self, user, "instansi_id")


class JabatanQuerySet(models.QuerySet):
    def for_user(self, user):
        return filter_instansi(self, user, "unit_kerja__instansi_id")


class StandarJabatanQuerySet(models.QuerySet):
    """A jabatan's standard rows are seen by whoever may see the jabatan."""

    def for_user(self, user):
        return filter_instansi(self, user, "jabatan__unit_kerja__instansi_id")


class KamusQuerySet(models.QuerySet):
    """The competency dictionary is the same for the whole city: every signed-in user reads it."""

    def for_user(self, user):
        return self if getattr(user, "is_authenticated", False) else self.none()
