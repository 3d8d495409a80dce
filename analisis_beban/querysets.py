from django.db import models

from mutasi_asn.akun.scoping import filter_instansi


class PeriodeQuerySet(models.QuerySet):
    def for_user(self, user):
        # Periods and their settings are city-wide; every signed-in user with a role reads them.
        if not getattr(user, "is_authenticated", False) or not user.daftar_peran:
            return self.none()
        return self


class UraianTugasQuerySet(models.QuerySet):
    def for_user(self, user):
        return filter_instansi(self, user, "jabatan__unit_kerja__instansi_id")


class HasilABKQuerySet(models.QuerySet):
    def for_user(self, user):
        return filter_instansi(self, user, "instansi_id")


class PerhitunganQuerySet(models.QuerySet):
    def for_user(self, user):
        if not getattr(user, "is_authenticated", False) or not user.lingkup_kota:
            return self.none()
        return self
