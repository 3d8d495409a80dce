"""Reads of the transfer workflow: the inbox ("Menunggu tindakan saya"), late steps, the checklist.

Each list is one query whatever the number of proposals (relations joined, not fetched per row).
"""

from __future__ import annotations

import datetime
from decimal import Decimal

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from analisis_beban.selectors import dampak_mutasi
from instansi.models import Jabatan
from mutasi_asn.akun.roles import Peran

from .choices import (
    STATUS_BOLEH_UBAH,
    STATUS_DIPROSES,
    STATUS_TAHAP_PERSETUJUAN,
    AksiPeristiwa,
    DipenuhiSistem,
    JenisMutasi,
    StatusSK,
    StatusUsulan,
    VerdikDokumen,
)
from .models import DokumenUsulan, JenisDokumen, PeristiwaUsulan, SuratKeputusan, UsulanMutasi

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


def _pemenuhan_sistem(jenis: JenisDokumen, usulan: UsulanMutasi, peristiwa) -> dict | None:
    """How the system holds a document marked "dipenuhi oleh sistem": {"terpenuhi", "keterangan"}."""
    if not jenis.dipenuhi_sistem:
        return None
    aksi = {
        DipenuhiSistem.ABK: AksiPeristiwa.DIAJUKAN,
        DipenuhiSistem.PERSETUJUAN_ASAL: AksiPeristiwa.DISETUJUI_ASAL,
        DipenuhiSistem.PERSETUJUAN_TUJUAN: AksiPeristiwa.DISETUJUI_TUJUAN,
    }[jenis.dipenuhi_sistem]
    terakhir = None
    for p in peristiwa:
        if p.aksi == aksi and (aksi != AksiPeristiwa.DIAJUKAN or p.dampak is not None):
            terakhir = p
    if jenis.dipenuhi_sistem == DipenuhiSistem.ABK:
        if terakhir is None:
            return {
                "terpenuhi": False,
                "keterangan": "Dipenuhi oleh sistem: angka ABK jabatan asal dan tujuan dicatat "
                "saat usulan diajukan.",
            }
        return {
            "terpenuhi": True,
            "keterangan": "Dipenuhi oleh sistem: angka ABK jabatan asal dan tujuan tercatat saat "
            f"diajukan ({timezone.localtime(terakhir.waktu):%d/%m/%Y}).",
        }
    sisi = "asal" if jenis.dipenuhi_sistem == DipenuhiSistem.PERSETUJUAN_ASAL else "tujuan"
    if terakhir is None:
        return {
            "terpenuhi": False,
            "keterangan": f"Dipenuhi oleh sistem saat kepala OPD {sisi} menyetujui usulan ini di "
            "aplikasi.",
        }
    return {
        "terpenuhi": True,
        "keterangan": f"Dipenuhi oleh sistem: disetujui {terakhir.aktor or 'kepala OPD ' + sisi} "
        f"pada {timezone.localtime(terakhir.waktu):%d/%m/%Y}.",
    }


def kelengkapan_dokumen(usulan: UsulanMutasi, peristiwa=None) -> list[dict]:
    """The checklist of one proposal: each applicable document kind with its uploads.

    Two queries (a third for the events when a kind is held by the system and `peristiwa`, the
    proposal's events, is not given). Rows: {"jenis", "wajib", "dokumen" (oldest first),
    "terakhir" (the latest upload or None), "sistem" (None, or how the system holds it:
    {"terpenuhi", "keterangan"}), "lengkap" (nothing left to upload), "sesuai" (accepted: the
    latest upload verified sesuai, or held by the system)}.
    """
    jenis = [j for j in JenisDokumen.objects.filter(aktif=True) if j.berlaku_untuk(usulan)]
    if peristiwa is None and any(j.dipenuhi_sistem for j in jenis):
        peristiwa = list(
            PeristiwaUsulan.objects.filter(usulan=usulan)
            .select_related("aktor")
            .order_by("waktu", "pk")
        )
    per_jenis: dict[int, list[DokumenUsulan]] = {}
    for d in DokumenUsulan.objects.filter(usulan=usulan).select_related(
        "diunggah_oleh", "diverifikasi_oleh"
    ):
        per_jenis.setdefault(d.jenis_dokumen_id, []).append(d)
    hasil = []
    for j in jenis:
        dokumen = per_jenis.get(j.pk, [])
        terakhir = dokumen[-1] if dokumen else None
        sistem = _pemenuhan_sistem(j, usulan, peristiwa or [])
        hasil.append(
            {
                "jenis": j,
                "wajib": j.wajib,
                "dokumen": dokumen,
                "terakhir": terakhir,
                "sistem": sistem,
                "lengkap": sistem is not None or bool(dokumen),
                "sesuai": sistem is not None
                or (terakhir is not None and terakhir.verdik == VerdikDokumen.SESUAI),
            }
        )
    return hasil


def dokumen_wajib_kurang(usulan: UsulanMutasi) -> list[JenisDokumen]:
    return [b["jenis"] for b in kelengkapan_dokumen(usulan) if b["wajib"] and not b["lengkap"]]


def dokumen_wajib_belum_sesuai(kelengkapan: list[dict]) -> list[str]:
    """Each mandatory document not yet accepted, with why: 'SKP 2 tahun terakhir (belum
    diunggah)', '… (perlu perbaikan: …)', '… (belum diperiksa)'."""
    hasil = []
    for b in kelengkapan:
        if not b["wajib"] or b["sesuai"]:
            continue
        d = b["terakhir"]
        if d is None:
            sebab = "belum diunggah"
        elif d.verdik == VerdikDokumen.PERLU_PERBAIKAN:
            sebab = f"perlu perbaikan: {d.catatan_verifikasi}"
        else:
            sebab = "belum diperiksa"
        hasil.append(f"{b['jenis'].nama} ({sebab})")
    return hasil


# --- the ABK impact of a move, counting the other moves under way -----------------------------


def usulan_lain_diproses(jabatan_ids, *, kecuali_pk: int | None = None) -> dict[int, dict]:
    """Per jabatan id: how many other proposals under way (submitted, or approved and not yet in
    effect) bring a holder in ("masuk") and take one out ("keluar"). One query."""
    ids = {i for i in jabatan_ids if i}
    hasil = {i: {"masuk": 0, "keluar": 0} for i in ids}
    if not ids:
        return hasil
    qs = UsulanMutasi.objects.filter(status__in=STATUS_DIPROSES).filter(
        Q(jabatan_tujuan_id__in=ids) | Q(jabatan_asal_id__in=ids)
    )
    if kecuali_pk is not None:
        qs = qs.exclude(pk=kecuali_pk)
    for asal_id, tujuan_id, jenis in qs.values_list(
        "jabatan_asal_id", "jabatan_tujuan_id", "jenis"
    ):
        if asal_id == tujuan_id:
            continue
        if tujuan_id in ids and jenis != JenisMutasi.KELUAR:
            hasil[tujuan_id]["masuk"] += 1
        if asal_id in ids and jenis != JenisMutasi.MASUK:
            hasil[asal_id]["keluar"] += 1
    return hasil


def dampak_usulan(
    *,
    jabatan_asal: Jabatan | None,
    jabatan_tujuan: Jabatan | None,
    kecuali_pk: int | None = None,
) -> dict:
    """`dampak_mutasi` of a move with the other proposals under way to or from either position
    counted in ("bila semuanya berlaku"). Each side also gets "lain_masuk" and "lain_keluar"."""
    lain = usulan_lain_diproses(
        [j.pk for j in (jabatan_asal, jabatan_tujuan) if j is not None], kecuali_pk=kecuali_pk
    )
    dampak = dampak_mutasi(
        jabatan_asal=jabatan_asal,
        jabatan_tujuan=jabatan_tujuan,
        perubahan_lain={i: n["masuk"] - n["keluar"] for i, n in lain.items()},
    )
    for nama in ("asal", "tujuan"):
        sisi = dampak.get(nama)
        if sisi is not None:
            sisi["lain_masuk"] = lain[sisi["jabatan"].pk]["masuk"]
            sisi["lain_keluar"] = lain[sisi["jabatan"].pk]["keluar"]
            sisi["keterangan_lain"] = keterangan_usulan_lain(sisi)
    return dampak


def dampak_untuk_usulan(usulan: UsulanMutasi) -> dict:
    """The impact of a proposal's own move now ("saat ini"), others under way counted in."""
    dampak = dampak_usulan(
        jabatan_asal=usulan.jabatan_asal if usulan.jenis != JenisMutasi.MASUK else None,
        jabatan_tujuan=usulan.jabatan_tujuan if usulan.jenis != JenisMutasi.KELUAR else None,
        kecuali_pk=usulan.pk,
    )
    if usulan.status == S.BERLAKU:
        # The move has happened: "now" is the positions as they stand, not the move once more.
        dampak["sudah_berlaku"] = True
        for nama in ("asal", "tujuan"):
            sisi = dampak.get(nama)
            if sisi is not None:
                sisi["dengan_lain"] = sisi["sesudah"] = sisi["sebelum"]
                sisi["lain"] = sisi["lain_masuk"] = sisi["lain_keluar"] = 0
                sisi["keterangan_lain"] = ""
    return dampak


# --- the impact as it stood at each decision ---------------------------------------------------

# The events whose impact is kept, and how the proposal page names the moment.
AKSI_CUPLIKAN = {
    AksiPeristiwa.DIAJUKAN: "saat diajukan",
    AksiPeristiwa.DIPUTUSKAN: "saat disetujui PPK",
    AksiPeristiwa.BERLAKU: "saat berlaku",
}
_BACAAN_DESIMAL = ("kebutuhan", "ej")


def cuplikan_dampak(dampak: dict | None) -> dict:
    """A JSON-safe copy of a `dampak_usulan` result, stored with the event of a decision."""
    dampak = dampak or {"periode": None, "asal": None, "tujuan": None}
    periode = dampak.get("periode")
    hasil: dict = {"periode": {"tahun": periode.tahun} if periode else None}
    for nama in ("asal", "tujuan"):
        sisi = dampak.get(nama)
        if sisi is None:
            hasil[nama] = None
            continue
        jabatan = sisi["jabatan"]
        hasil[nama] = {
            "jabatan": {
                "id": jabatan.pk,
                "nama": jabatan.nama,
                "unit_kerja": {"nama": jabatan.unit_kerja.nama},
            },
            **{
                baca: {
                    k: (str(v) if k in _BACAAN_DESIMAL and v is not None else v)
                    for k, v in sisi[baca].items()
                }
                for baca in ("sebelum", "dengan_lain", "sesudah")
            },
            **{
                k: sisi.get(k)
                for k in ("lain", "lain_masuk", "lain_keluar", "keterangan_lain", "basi")
            },
            "ada_hasil": sisi["ada_hasil"],
        }
    return hasil


def dampak_dari_cuplikan(data: dict) -> dict:
    """A stored snapshot read back in the shape the impact table shows (decimals as Decimal)."""
    hasil = {"periode": data.get("periode"), "cuplikan": True}
    for nama in ("asal", "tujuan"):
        sisi = data.get(nama)
        if sisi is None:
            hasil[nama] = None
            continue
        sisi = dict(sisi)
        for baca in ("sebelum", "dengan_lain", "sesudah"):
            sisi[baca] = {
                k: (Decimal(v) if k in _BACAAN_DESIMAL and v is not None else v)
                for k, v in sisi[baca].items()
            }
        hasil[nama] = sisi
    return hasil


def cuplikan_keputusan(peristiwa) -> list[dict]:
    """The impact kept at each decision, newest first, from the proposal's events (no query).

    Rows: {"label": "saat disetujui PPK", "waktu", "aktor", "dampak"}.
    """
    return [
        {
            "label": AKSI_CUPLIKAN.get(p.aksi, p.get_aksi_display()),
            "waktu": p.waktu,
            "aktor": p.aktor,
            "dampak": dampak_dari_cuplikan(p.dampak),
        }
        for p in sorted(peristiwa, key=lambda p: (p.waktu, p.pk), reverse=True)
        if p.dampak is not None
    ]


def keterangan_usulan_lain(sisi: dict | None) -> str:
    """'2 usulan lain sedang diproses ke jabatan ini; bila semuanya berlaku: 4 → 7' (or "")."""
    if not sisi or not (sisi.get("lain_masuk") or sisi.get("lain_keluar")):
        return ""
    bagian = []
    if sisi["lain_masuk"]:
        bagian.append(f"{sisi['lain_masuk']} usulan lain sedang diproses ke jabatan ini")
    if sisi["lain_keluar"]:
        bagian.append(f"{sisi['lain_keluar']} usulan lain sedang diproses dari jabatan ini")
    return (
        "; ".join(bagian)
        + f"; bila semuanya berlaku: {sisi['sebelum']['bezetting']} → "
        + f"{sisi['sesudah']['bezetting']}"
    )


def nomor_sk_berikut(tahun: int) -> int:
    """The next serial of the decree register of `tahun` (1 for a year with none). One query."""
    from django.db.models import Max

    from .models import NomorSK

    terakhir = NomorSK.objects.filter(tahun=tahun).aggregate(m=Max("urut"))["m"]
    return (terakhir or 0) + 1
