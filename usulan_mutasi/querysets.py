"""Scoping of the transfer workflow: who may see which proposal (and so its events, comments,
documents and decrees). Out of scope is a 404 at the view level.
"""

from django.db import models
from django.db.models import Exists, OuterRef, Q


def _kondisi_usulan(user, prefix: str = "") -> Q | None:
    """Q on a proposal for `user`; None = everything; Q(pk__in=[]) = nothing."""
    if not getattr(user, "is_authenticated", False):
        return Q(pk__in=[])
    if user.lingkup_kota:
        return None
    instansi_id = user.instansi_cakupan_id
    if instansi_id is None:
        return Q(pk__in=[])
    # Both sides of a transfer see it: the agency that loses the pegawai and the one that gains.
    return Q(**{f"{prefix}instansi_asal_id": instansi_id}) | Q(
        **{f"{prefix}instansi_tujuan_id": instansi_id}
    )


class UsulanMutasiQuerySet(models.QuerySet):
    def for_user(self, user):
        kondisi = _kondisi_usulan(user)
        if kondisi is None:
            return self
        if kondisi == Q(pk__in=[]):
            return self.none()
        # No DISTINCT: both conditions are on the row itself, so the services can lock it.
        return self.filter(kondisi)

    def berjalan(self):
        from .choices import STATUS_BERJALAN

        return self.filter(status__in=STATUS_BERJALAN)

    def dengan_relasi(self):
        """Everything a list row shows, in a constant number of queries.

        Joined: pegawai and both jabatan (large tables). Prefetched: the small ones (units,
        agencies, proposer, SK), because with more than about six joins PostgreSQL spends far
        longer planning the query than running it (measured in bench/bench_usulan.py).
        """
        return self.select_related("pegawai", "jabatan_asal", "jabatan_tujuan").prefetch_related(
            "unit_asal",
            "unit_tujuan",
            "instansi_asal",
            "instansi_tujuan",
            "diusulkan_oleh",
            "surat_keputusan",
        )


class _IkutUsulanQuerySet(models.QuerySet):
    """Rows that belong to a proposal are visible exactly when their proposal is."""

    def for_user(self, user):
        kondisi = _kondisi_usulan(user, prefix="usulan__")
        if kondisi is None:
            return self
        if kondisi == Q(pk__in=[]):
            return self.none()
        return self.filter(kondisi)


class PeristiwaUsulanQuerySet(_IkutUsulanQuerySet):
    pass


class KomentarUsulanQuerySet(_IkutUsulanQuerySet):
    pass


class DokumenUsulanQuerySet(_IkutUsulanQuerySet):
    pass


class SuratKeputusanQuerySet(models.QuerySet):
    def for_user(self, user):
        """City-wide roles see every decree; an agency sees the decrees that move its people."""
        from .models import UsulanMutasi

        kondisi = _kondisi_usulan(user)
        if kondisi is None:
            return self
        if kondisi == Q(pk__in=[]):
            return self.none()
        return self.filter(
            Exists(UsulanMutasi.objects.filter(kondisi, surat_keputusan_id=OuterRef("pk")))
        )


class NomorSKQuerySet(models.QuerySet):
    def for_user(self, user):
        """The number register is BKPSDM's: city-wide roles read it, agencies do not."""
        if getattr(user, "is_authenticated", False) and user.lingkup_kota:
            return self
        return self.none()
