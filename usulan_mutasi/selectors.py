"""Reads of the transfer workflow: the inbox ("Menunggu tindakan saya"), late steps, the checklist.

Each list is one query whatever the number of proposals (relations joined, not fetched per row).
"""

from __future__ import annotations

import datetime

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from mutasi_asn.akun.roles import Peran

from .choices import STATUS_BOLEH_UBAH, STATUS_TAHAP_PERSETUJUAN, StatusSK, StatusUsulan
from .models import DokumenUsulan, JenisDokumen, SuratKeputusan, UsulanMutasi

S = StatusUsulan


def _kondisi_menunggu(user) -> Q | None:
    """Q for the proposals waiting for `user` to act; None when nothing can be waiting."""
    if not getattr(user, "is_authenticated", False):
        return None
    kondisi = Q(pk__in=[])
    ada = False
    if user.punya_peran(Peran.BKPSDM):
        # Verification, and approved proposals waiting for their decree; own returned drafts.
        kondisi |= Q(status__in=[S.DIAJUKAN, S.DISETUJUI])
        # In a decree still in draft: BKPSDM issues it ("Tetapkan"). Once issued, nobody acts.
        # (a subquery, not a join: OR-ing a joined column makes PostgreSQL scan every proposal)
        kondisi |= Q(
            status=S.DALAM_SK,
            surat_keputusan_id__in=SuratKeputusan.objects.filter(status=StatusSK.DRAF).values("pk"),
        )
        kondisi |= Q(status__in=STATUS_BOLEH_UBAH, instansi_pengusul__isnull=True)
        ada = True
    if user.punya_peran(Peran.KEPALA_OPD) and user.instansi_cakupan_id:
        kondisi |= Q(status=S.PERSETUJUAN_ASAL, instansi_asal_id=user.instansi_cakupan_id)
        kondisi |= Q(status=S.PERSETUJUAN_TUJUAN, instansi_tujuan_id=user.instansi_cakupan_id)
        ada = True
    if user.punya_peran(Peran.OPERATOR_OPD) and user.instansi_cakupan_id:
        kondisi |= Q(status__in=STATUS_BOLEH_UBAH, instansi_pengusul_id=user.instansi_cakupan_id)
        ada = True
    if user.punya_peran(Peran.TIM_PENILAI):
        kondisi |= Q(status=S.PERTIMBANGAN_TIM)
        ada = True
    if user.punya_peran(Peran.PPK):
        kondisi |= Q(status=S.KEPUTUSAN_PPK)
        ada = True
    return kondisi if ada else None


def usulan_menunggu_tindakan(user) -> QuerySet[UsulanMutasi]:
    """Proposals whose next move is `user`'s, the most urgent due date first. One query."""
    kondisi = _kondisi_menunggu(user)
    if kondisi is None:
        return UsulanMutasi.objects.none()
    return (
        UsulanMutasi.objects.for_user(user)
        .filter(kondisi)
        .dengan_relasi()
        # Steps with a due date first on every database (SQLite sorts NULL first).
        .order_by(F("tenggat").asc(nulls_last=True), "diajukan_pada", "pk")
    )


def jumlah_menunggu(user) -> int:
    """The number for the navigation badge. One query (none for a user with nothing to do)."""
    kondisi = _kondisi_menunggu(user)
    if kondisi is None:
        return 0
    return UsulanMutasi.objects.for_user(user).filter(kondisi).count()


def usulan_terlambat(user, *, hari_ini: datetime.date | None = None) -> QuerySet[UsulanMutasi]:
    """Proposals in an approval step whose due date has passed (within the user's scope)."""
    hari_ini = hari_ini or timezone.localdate()
    return (
        UsulanMutasi.objects.for_user(user)
        .filter(status__in=STATUS_TAHAP_PERSETUJUAN, tenggat__lt=hari_ini)
        .dengan_relasi()
        .order_by("tenggat", "pk")
    )


def usulan_daftar(user) -> QuerySet[UsulanMutasi]:
    """The proposal list of the pages and the API, with every relation a row shows."""
    return UsulanMutasi.objects.for_user(user).dengan_relasi()


def usulan_siap_sk(user) -> QuerySet[UsulanMutasi]:
    """Approved proposals waiting for a decree."""
    return usulan_daftar(user).filter(status=S.DISETUJUI).order_by("diputuskan_pada", "pk")


def kelengkapan_dokumen(usulan: UsulanMutasi) -> list[dict]:
    """The checklist of one proposal: each applicable document kind with its uploads. Two queries.

    Rows: {"jenis": JenisDokumen, "wajib": bool, "dokumen": [DokumenUsulan], "lengkap": bool}.
    """
    jenis = [j for j in JenisDokumen.objects.filter(aktif=True) if j.berlaku_untuk(usulan)]
    per_jenis: dict[int, list[DokumenUsulan]] = {}
    for d in DokumenUsulan.objects.filter(usulan=usulan).select_related(
        "diunggah_oleh", "diverifikasi_oleh"
    ):
        per_jenis.setdefault(d.jenis_dokumen_id, []).append(d)
    return [
        {
            "jenis": j,
            "wajib": j.wajib,
            "dokumen": per_jenis.get(j.pk, []),
            "lengkap": bool(per_jenis.get(j.pk)),
        }
        for j in jenis
    ]


def dokumen_wajib_kurang(usulan: UsulanMutasi) -> list[JenisDokumen]:
    return [b["jenis"] for b in kelengkapan_dokumen(usulan) if b["wajib"] and not b["lengkap"]]
