from django.db import models

from mutasi_asn.akun.scoping import filter_instansi


class PegawaiQuerySet(models.QuerySet):
    def for_user(self, user):
        return filter_instansi(self, user, "jabatan__unit_kerja__instansi_id")

    def aktif(self):
        return self.filter(aktif=True)


class RiwayatJabatanQuerySet(models.QuerySet):
    def for_user(self, user):
        # History follows the employee: whoever may see the pegawai sees all their history.
        from .models import Pegawai

        return self.filter(pegawai__in=Pegawai.objects.for_user(user).values("pk"))


class ImporRegisterQuerySet(models.QuerySet):
    def for_user(self, user):
        """Everyone sees their own imports; BKPSDM and administrators see all of them."""
        if not getattr(user, "is_authenticated", False):
            return self.none()
        from mutasi_asn.akun.roles import Peran

        if user.is_superuser or user.punya_peran(Peran.BKPSDM, Peran.ADMIN):
            return self
        return self.filter(diunggah_oleh=user)


class RiwayatPegawaiQuerySet(models.QuerySet):
    """Competency facts (assessments, training, certifications, SKP) follow the employee."""

    def for_user(self, user):
        from .models import Pegawai

        return self.filter(pegawai__in=Pegawai.objects.for_user(user).values("pk"))
