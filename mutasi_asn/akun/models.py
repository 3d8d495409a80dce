from functools import cached_property

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from .roles import PERAN_LINGKUP_INSTANSI, PERAN_LINGKUP_KOTA, Peran


class Pengguna(AbstractUser):
    """A person who signs in: BKPSDM staff, an OPD operator or head, the panel, the mayor.

    Roles are groups (see `roles.py`); an agency-scoped role is tied to one instansi here.
    """

    instansi = models.ForeignKey(
        "instansi.Instansi",
        verbose_name=_("instansi"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="pengguna",
        help_text=_("Wajib untuk operator OPD dan kepala OPD: instansi yang menjadi cakupannya."),
    )
    jabatan_tertulis = models.CharField(
        _("jabatan (untuk tanda tangan)"), max_length=200, blank=True
    )

    class Meta:
        verbose_name = _("pengguna")
        verbose_name_plural = _("pengguna")

    def __str__(self):
        return self.get_full_name() or self.username

    @cached_property
    def daftar_peran(self) -> frozenset[str]:
        if not self.is_authenticated or not self.is_active:
            return frozenset()
        nama = set(self.groups.values_list("name", flat=True))
        if self.is_superuser:
            nama.add(Peran.ADMIN)
        return frozenset(nama)

    def punya_peran(self, *peran: str) -> bool:
        return bool(self.daftar_peran.intersection(peran))

    @property
    def lingkup_kota(self) -> bool:
        """True when the user sees every agency of the city."""
        return bool(self.daftar_peran & PERAN_LINGKUP_KOTA)

    @property
    def instansi_cakupan_id(self) -> int | None:
        """The one agency an agency-scoped user may see; None for city-wide users or nobody."""
        if self.lingkup_kota:
            return None
        if self.daftar_peran & PERAN_LINGKUP_INSTANSI:
            return self.instansi_id
        return None

    @property
    def label_peran(self) -> str:
        labels = [Peran(p).label for p in Peran.values if p in self.daftar_peran]
        return ", ".join(labels) or "Tanpa peran"
