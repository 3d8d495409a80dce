"""Writes of the transfer workflow. Each is atomic, locks the proposal before changing its state,
checks the actor's role and agency, moves through a declared transition, records one event and
queues its notification after commit.

A user who may act on nothing here gets PermissionDenied with a message; an action that does not
fit the proposal's state or data gets ValidationError. Views and the API fetch the proposal with
`UsulanMutasi.objects.for_user(user)` first, so a proposal out of scope is a 404 before this.
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterable

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from instansi.models import Jabatan
from mutasi_asn.akun.roles import Peran
from pegawai.models import Pegawai, RiwayatJabatan
from pegawai.services import pegawai_pindah_jabatan, pegawai_simpan

from .choices import (
    AKSI_KEPUTUSAN,
    STATUS_BERJALAN,
    STATUS_BOLEH_BATAL,
    STATUS_BOLEH_UBAH,
    STATUS_SELESAI,
    STATUS_TAHAP_PERSETUJUAN,
    AksiPeristiwa,
    JenisBerkasSK,
    JenisMutasi,
    StatusNomorSK,
    StatusPembuatanPDF,
    StatusSK,
    StatusUsulan,
    VerdikDokumen,
)
from .models import (
    BerkasSK,
    DokumenUsulan,
    JenisDokumen,
    KomentarUsulan,
    NomorSK,
    PengaturanMutasi,
    PengaturanSK,
    PeristiwaUsulan,
    SuratKeputusan,
    UsulanMutasi,
)
from .rules import blok_dari, periksa_kelayakan, peringatan_dari
from .selectors import (
    cuplikan_dampak,
    dampak_untuk_usulan,
    dokumen_wajib_belum_sesuai,
    kelengkapan_dokumen,
)

S = StatusUsulan
logger = logging.getLogger(__name__)

# Who decides each step: the role, and for a head the side whose agency must be theirs.
PELAKU_TAHAP: dict[str, tuple[str, str | None]] = {
    S.DIAJUKAN: (Peran.BKPSDM, None),
    S.PERSETUJUAN_ASAL: (Peran.KEPALA_OPD, "instansi_asal_id"),
    S.PERSETUJUAN_TUJUAN: (Peran.KEPALA_OPD, "instansi_tujuan_id"),
    S.PERTIMBANGAN_TIM: (Peran.TIM_PENILAI, None),
    S.KEPUTUSAN_PPK: (Peran.PPK, None),
}
# The transition method and event of an approval, per step.
PERSETUJUAN_TAHAP: dict[str, tuple[str, str]] = {
    S.DIAJUKAN: ("verifikasi", AksiPeristiwa.DIVERIFIKASI),
    S.PERSETUJUAN_ASAL: ("setujui_asal", AksiPeristiwa.DISETUJUI_ASAL),
    S.PERSETUJUAN_TUJUAN: ("setujui_tujuan", AksiPeristiwa.DISETUJUI_TUJUAN),
    S.PERTIMBANGAN_TIM: ("pertimbangkan", AksiPeristiwa.DIPERTIMBANGKAN),
    S.KEPUTUSAN_PPK: ("putuskan", AksiPeristiwa.DIPUTUSKAN),
}

FIELD_UBAH = [
    "jenis",
    "alasan",
    "justifikasi",
    "jabatan_tujuan",
    "instansi_luar",
    "nomor_pertek",
    "tanggal_pertek",
    "pejabat_keputusan_luar",
    "nomor_keputusan_luar",
    "tanggal_keputusan_luar",
    "justifikasi_peringatan",
]
FIELD_LANGKAH_LUAR = [
    "nomor_pertek",
    "tanggal_pertek",
    "pejabat_keputusan_luar",
    "nomor_keputusan_luar",
    "tanggal_keputusan_luar",
]

EKSTENSI_DOKUMEN = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
EKSTENSI_DOKUMEN[".png"] = "image/png"
TANDA_BERKAS = {
    "application/pdf": (b"%PDF-",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/png": (b"\x89PNG\r\n\x1a\n",),
}


# --- small helpers ----------------------------------------------------------------------


def tambah_hari_kerja(mulai: datetime.date, jumlah: int) -> datetime.date:
    """`jumlah` working days after `mulai`, skipping Saturdays and Sundays."""
    tanggal = mulai
    sisa = jumlah
    while sisa > 0:
        tanggal += datetime.timedelta(days=1)
        if tanggal.weekday() < 5:
            sisa -= 1
    return tanggal


def _tenggat_untuk(status: str, hari_ini: datetime.date | None = None) -> datetime.date | None:
    if status not in STATUS_TAHAP_PERSETUJUAN:
        return None
    hari = PengaturanMutasi.muat().hari_kerja_per_tahap
    return tambah_hari_kerja(hari_ini or timezone.localdate(), hari)


def _label_status(status: str) -> str:
    return StatusUsulan(status).label


def adalah_pengusul(usulan: UsulanMutasi, user) -> bool:
    """The proposing side: BKPSDM staff for a BKPSDM proposal, the OPD's operators for theirs."""
    if usulan.instansi_pengusul_id is None:
        return user.punya_peran(Peran.BKPSDM)
    return (
        user.punya_peran(Peran.OPERATOR_OPD)
        and user.instansi_cakupan_id == usulan.instansi_pengusul_id
    )


def boleh_lihat_kelayakan(usulan: UsulanMutasi, user) -> bool:
    """The eligibility findings (a disciplinary process, an Inspektorat finding...) are for the
    proposing side while it may still change the draft; the page and the API share this rule."""
    return usulan.status in STATUS_BOLEH_UBAH and adalah_pengusul(usulan, user)


def pelaku_tahap(usulan: UsulanMutasi, user) -> bool:
    """True when `user` is the one who decides the proposal's current step."""
    pelaku = PELAKU_TAHAP.get(usulan.status)
    if pelaku is None:
        return False
    peran, sisi = pelaku
    if not user.punya_peran(peran):
        return False
    if sisi is None:
        return True
    instansi_id = getattr(usulan, sisi)
    return instansi_id is not None and user.instansi_cakupan_id == instansi_id


def _pesan_bukan_pelaku(usulan: UsulanMutasi) -> str:
    peran, sisi = PELAKU_TAHAP[usulan.status]
    label = Peran(peran).label
    if sisi == "instansi_asal_id":
        return (
            f"Tahap '{_label_status(usulan.status)}' hanya dapat diputuskan oleh {label} "
            f"{usulan.instansi_asal}."
        )
    if sisi == "instansi_tujuan_id":
        return (
            f"Tahap '{_label_status(usulan.status)}' hanya dapat diputuskan oleh {label} "
            f"{usulan.instansi_tujuan}."
        )
    return f"Tahap '{_label_status(usulan.status)}' hanya dapat diputuskan oleh {label}."


def _kunci(usulan: UsulanMutasi) -> UsulanMutasi:
    """Lock the proposal row; refuse when it changed since the caller read it."""
    terkunci = UsulanMutasi.objects.select_for_update().get(pk=usulan.pk)
    dibaca = usulan.__dict__.get("status")
    if dibaca is not None and dibaca != terkunci.status:
        raise ValidationError(
            "Usulan ini baru saja diproses oleh pengguna lain (status sekarang: "
            f"{_label_status(terkunci.status)}). Muat ulang halaman lalu periksa kembali."
        )
    return terkunci


def _catat(
    usulan: UsulanMutasi,
    *,
    aksi: str,
    aktor,
    dari_status: str = "",
    catatan: str = "",
    beri_tahu: bool = True,
    dampak: dict | None = None,
) -> PeristiwaUsulan:
    """Write the event row of one business event; its notification goes out after commit.

    `dampak` (a `dampak_usulan` result) is kept with a decision: the figures it was made on.
    """
    peristiwa = PeristiwaUsulan.objects.create(
        usulan=usulan,
        aktor=aktor if getattr(aktor, "pk", None) else None,
        aksi=aksi,
        dari_status=dari_status,
        ke_status=usulan.status if dari_status else "",
        catatan=catatan,
        dampak=cuplikan_dampak(dampak) if dampak is not None else None,
    )
    if beri_tahu:
        from .tasks import kirim_notifikasi

        kirim_notifikasi.delay_on_commit(peristiwa.pk)
    return peristiwa


def _simpan(usulan: UsulanMutasi, actor) -> None:
    usulan._history_user = actor if getattr(actor, "pk", None) else None
    usulan.save()


# The decisions whose ABK figures are kept with their event ("saat diputuskan").
AKSI_DENGAN_CUPLIKAN = (AksiPeristiwa.DIAJUKAN, AksiPeristiwa.DIPUTUSKAN, AksiPeristiwa.BERLAKU)


def _pindah(
    usulan: UsulanMutasi,
    metode: str,
    *args,
    aksi: str,
    actor,
    catatan: str = "",
    dampak: dict | None = None,
):
    """Run one declared transition, set the next step's due date, save and record the event.

    A decision keeps the ABK impact it was made on: `dampak` when the caller read it before the
    register changed, otherwise read here, before the transition."""
    if dampak is None and aksi in AKSI_DENGAN_CUPLIKAN:
        dampak = dampak_untuk_usulan(usulan)
    dari = usulan.status
    getattr(usulan, metode)(*args)
    usulan.tenggat = _tenggat_untuk(usulan.status)
    _simpan(usulan, actor)
    return _catat(usulan, aksi=aksi, aktor=actor, dari_status=dari, catatan=catatan, dampak=dampak)


def _periksa_jenis(usulan: UsulanMutasi) -> None:
    """The kind must fit where the employee is: "masuk" only for someone from outside the city
    (no city jabatan), every other kind only for someone who holds one. A "masuk" for a Dinkes
    head skipped the origin head's approval and moved them into Disdik."""
    pegawai = usulan.pegawai
    if usulan.jenis == JenisMutasi.MASUK and pegawai.jabatan_id:
        raise ValidationError(
            {
                "jenis": f"{pegawai.nama_lengkap} memegang jabatan di Pemerintah Kota "
                f"({pegawai.jabatan}); mutasi masuk hanya untuk pegawai dari luar Pemerintah "
                "Kota. Pilih 'Dalam satu OPD (antar unit)' atau 'Antar OPD'."
            }
        )
    if usulan.jenis != JenisMutasi.MASUK and not pegawai.jabatan_id:
        raise ValidationError(
            {
                "jenis": f"{pegawai.nama_lengkap} tidak memegang jabatan di Pemerintah Kota; "
                "untuk pegawai dari luar Pemerintah Kota pilih jenis 'Masuk'."
            }
        )


def _isi_asal_tujuan(usulan: UsulanMutasi) -> None:
    """Snapshot the origin from the pegawai's current jabatan; derive the destination's unit."""
    _periksa_jenis(usulan)
    pegawai = usulan.pegawai
    if usulan.jenis == JenisMutasi.MASUK or not pegawai.jabatan_id:
        usulan.jabatan_asal = usulan.unit_asal = usulan.instansi_asal = None
    else:
        jabatan = Jabatan.objects.select_related("unit_kerja").get(pk=pegawai.jabatan_id)
        usulan.jabatan_asal = jabatan
        usulan.unit_asal = jabatan.unit_kerja
        usulan.instansi_asal_id = jabatan.unit_kerja.instansi_id
    usulan.golongan_saat_usul = pegawai.golongan
    if usulan.jabatan_tujuan_id and usulan.jenis != JenisMutasi.KELUAR:
        tujuan = Jabatan.objects.select_related("unit_kerja").get(pk=usulan.jabatan_tujuan_id)
        if not tujuan.aktif:
            raise ValidationError(
                {"jabatan_tujuan": f"Jabatan '{tujuan}' sudah tidak aktif; pilih jabatan lain."}
            )
        usulan.unit_tujuan = tujuan.unit_kerja
        usulan.instansi_tujuan_id = tujuan.unit_kerja.instansi_id
    else:
        usulan.unit_tujuan = usulan.instansi_tujuan = None
    # Inside the city the kind follows from the destination: the same OPD or another one.
    if usulan.jenis in (JenisMutasi.ANTAR_UNIT, JenisMutasi.ANTAR_OPD) and (
        usulan.instansi_asal_id and usulan.instansi_tujuan_id
    ):
        usulan.jenis = (
            JenisMutasi.ANTAR_UNIT
            if usulan.instansi_asal_id == usulan.instansi_tujuan_id
            else JenisMutasi.ANTAR_OPD
        )


def _periksa_pengusul_instansi(usulan: UsulanMutasi, actor) -> None:
    if actor.punya_peran(Peran.BKPSDM):
        return
    instansi_id = actor.instansi_cakupan_id
    if instansi_id is None or instansi_id not in (
        usulan.instansi_asal_id,
        usulan.instansi_tujuan_id,
    ):
        raise PermissionDenied(
            "Operator OPD hanya dapat mengusulkan mutasi yang asal atau tujuannya instansi sendiri."
        )


def _periksa_usulan_lain(usulan: UsulanMutasi) -> None:
    """Refuse a second proposal in progress for one pegawai, naming the first (the database
    constraint alone says only that there is one)."""
    lain = (
        UsulanMutasi.objects.filter(pegawai_id=usulan.pegawai_id, status__in=STATUS_BERJALAN)
        .exclude(pk=usulan.pk)
        .values_list("nomor", flat=True)
        .first()
    )
    if lain is not None:
        raise ValidationError(
            {
                "pegawai": f"Pegawai ini sudah memiliki usulan mutasi lain yang sedang berjalan "
                f"({lain or '-'}); selesaikan atau batalkan usulan itu terlebih dahulu."
            }
        )


# --- proposals ----------------------------------------------------------------------------


@transaction.atomic
def usulan_buat(
    *,
    pegawai: Pegawai,
    jenis: str,
    alasan: str,
    justifikasi: str = "",
    jabatan_tujuan: Jabatan | None = None,
    instansi_luar: str = "",
    data_luar: dict | None = None,
    actor,
) -> UsulanMutasi:
    """Create a draft proposal. BKPSDM for anyone; an OPD operator for its own agency's side."""
    if not actor.punya_peran(Peran.BKPSDM, Peran.OPERATOR_OPD):
        raise PermissionDenied("Hanya staf BKPSDM atau operator OPD yang dapat membuat usulan.")
    usulan = UsulanMutasi(
        pegawai=pegawai,
        jenis=jenis,
        alasan=alasan,
        justifikasi=justifikasi,
        jabatan_tujuan=jabatan_tujuan,
        instansi_luar=instansi_luar,
        diusulkan_oleh=actor,
    )
    for f in FIELD_LANGKAH_LUAR:
        if data_luar and f in data_luar:
            setattr(usulan, f, data_luar[f])
    _isi_asal_tujuan(usulan)
    _periksa_pengusul_instansi(usulan, actor)
    usulan.instansi_pengusul_id = (
        None if actor.punya_peran(Peran.BKPSDM) else actor.instansi_cakupan_id
    )
    _periksa_usulan_lain(usulan)
    usulan.full_clean(exclude=["nomor"])
    try:
        with transaction.atomic():
            _simpan(usulan, actor)
    except IntegrityError:
        # Two proposals for one pegawai saved at the same moment: the constraint decides.
        _periksa_usulan_lain(usulan)
        raise
    # The number follows the row id so two proposals made at once never collide.
    usulan.nomor = f"UM/{usulan.dibuat_pada.year}/{usulan.pk:05d}"
    UsulanMutasi.objects.filter(pk=usulan.pk).update(nomor=usulan.nomor)
    _catat(usulan, aksi=AksiPeristiwa.DIBUAT, aktor=actor, beri_tahu=False)
    return usulan


@transaction.atomic
def usulan_ubah(*, usulan: UsulanMutasi, data: dict, actor) -> UsulanMutasi:
    """Edit a proposal in draf or dikembalikan; only the proposing side may."""
    usulan = _kunci(usulan)
    if not adalah_pengusul(usulan, actor):
        raise PermissionDenied("Hanya pengusul yang dapat mengubah usulan ini.")
    if usulan.status not in STATUS_BOLEH_UBAH:
        raise ValidationError(
            f"Usulan berstatus '{_label_status(usulan.status)}' tidak dapat diubah; perubahan "
            "hanya boleh saat draf atau setelah dikembalikan."
        )
    berubah = []
    for f in FIELD_UBAH:
        if f in data and getattr(usulan, f) != data[f]:
            setattr(usulan, f, data[f])
            berubah.append(str(UsulanMutasi._meta.get_field(f).verbose_name))
    if not berubah:
        return usulan
    _isi_asal_tujuan(usulan)
    _periksa_pengusul_instansi(usulan, actor)
    usulan.full_clean()
    _simpan(usulan, actor)
    _catat(
        usulan,
        aksi=AksiPeristiwa.DIUBAH,
        aktor=actor,
        catatan="Diubah: " + ", ".join(berubah),
        beri_tahu=False,
    )
    return usulan


@transaction.atomic
def usulan_ajukan(
    *, usulan: UsulanMutasi, actor, justifikasi_peringatan: str | None = None
) -> UsulanMutasi:
    """Submit (or resubmit) a proposal: eligibility is checked; warnings need a justification."""
    usulan = _kunci(usulan)
    if not adalah_pengusul(usulan, actor):
        raise PermissionDenied("Hanya pengusul yang dapat mengajukan usulan ini.")
    if usulan.status not in STATUS_BOLEH_UBAH:
        raise ValidationError(
            f"Usulan berstatus '{_label_status(usulan.status)}' tidak dapat diajukan lagi."
        )
    if justifikasi_peringatan is not None:
        usulan.justifikasi_peringatan = justifikasi_peringatan.strip()
    # The register may have moved the employee since the draft: approvers decide on where they
    # are now, and the decree's attachment shows it as the old position.
    _isi_asal_tujuan(usulan)
    _periksa_pengusul_instansi(usulan, actor)
    usulan.full_clean(exclude=["nomor"])
    temuan = periksa_kelayakan(usulan)
    blok = blok_dari(temuan)
    if blok:
        raise ValidationError([t.pesan for t in blok], code="blok")
    peringatan = peringatan_dari(temuan)
    if peringatan and not usulan.justifikasi_peringatan.strip():
        raise ValidationError(
            {
                "justifikasi_peringatan": [
                    "Usulan ini memiliki peringatan berikut; tuliskan justifikasi untuk "
                    "melanjutkan:",
                    *[t.pesan for t in peringatan],
                ]
            },
            code="butuh_justifikasi",
        )
    usulan.peringatan = [t.sebagai_dict() for t in peringatan]
    _pindah(
        usulan,
        "ajukan",
        aksi=AksiPeristiwa.DIAJUKAN,
        actor=actor,
        catatan=usulan.justifikasi_peringatan if peringatan else "",
    )
    return usulan


def _tindakan_tahap(usulan: UsulanMutasi, actor) -> None:
    if usulan.status not in PELAKU_TAHAP:
        raise ValidationError(
            f"Usulan berstatus '{_label_status(usulan.status)}' tidak sedang menunggu persetujuan."
        )
    if not pelaku_tahap(usulan, actor):
        raise PermissionDenied(_pesan_bukan_pelaku(usulan))


@transaction.atomic
def usulan_setujui(*, usulan: UsulanMutasi, actor, catatan: str = "") -> UsulanMutasi:
    """Approve the current step (BKPSDM verification, origin head, destination head, panel, PPK)."""
    usulan = _kunci(usulan)
    _tindakan_tahap(usulan, actor)
    if usulan.status == S.DIAJUKAN:
        _periksa_dokumen_wajib(usulan)
    metode, aksi = PERSETUJUAN_TAHAP[usulan.status]
    _pindah(usulan, metode, aksi=aksi, actor=actor, catatan=catatan.strip())
    return usulan


def _periksa_dokumen_wajib(usulan: UsulanMutasi) -> None:
    """BKPSDM verifies only once every mandatory document is in and accepted (those the system
    holds — the ABK figures, the heads' approvals — are not asked for)."""
    kurang = dokumen_wajib_belum_sesuai(kelengkapan_dokumen(usulan))
    if kurang:
        raise ValidationError(
            "Verifikasi belum dapat dilanjutkan: dokumen wajib berikut belum ada atau belum "
            "dinyatakan sesuai: " + "; ".join(kurang) + ". Minta pengusul melengkapinya atau "
            "kembalikan usulan.",
            code="dokumen_wajib",
        )


@transaction.atomic
def usulan_kembalikan(*, usulan: UsulanMutasi, alasan: str, actor) -> UsulanMutasi:
    """Send the proposal back to the proposer with what to fix; they edit and resubmit."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan apa yang harus diperbaiki pengusul."})
    usulan = _kunci(usulan)
    _tindakan_tahap(usulan, actor)
    _pindah(
        usulan, "kembalikan", alasan, aksi=AksiPeristiwa.DIKEMBALIKAN, actor=actor, catatan=alasan
    )
    return usulan


@transaction.atomic
def usulan_tolak(*, usulan: UsulanMutasi, alasan: str, actor) -> UsulanMutasi:
    """Reject the proposal for good, with the reason."""
    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Alasan penolakan wajib diisi."})
    usulan = _kunci(usulan)
    _tindakan_tahap(usulan, actor)
    _pindah(usulan, "tolak", alasan, aksi=AksiPeristiwa.DITOLAK, actor=actor, catatan=alasan)
    return usulan


@transaction.atomic
def usulan_batalkan(*, usulan: UsulanMutasi, actor, alasan: str = "") -> UsulanMutasi:
    """Withdraw the proposal; only the proposing side, and only before the PPK's decision."""
    usulan = _kunci(usulan)
    if not adalah_pengusul(usulan, actor):
        raise PermissionDenied("Hanya pengusul yang dapat membatalkan usulan ini.")
    if usulan.status not in STATUS_BOLEH_BATAL:
        raise ValidationError(
            f"Usulan berstatus '{_label_status(usulan.status)}' tidak dapat dibatalkan lagi."
        )
    _pindah(usulan, "batalkan", aksi=AksiPeristiwa.DIBATALKAN, actor=actor, catatan=alasan.strip())
    return usulan


@transaction.atomic
def usulan_catat_langkah_luar(*, usulan: UsulanMutasi, data: dict, actor) -> UsulanMutasi:
    """Record the external steps of a transfer out/in (Pertek BKN, Gubernur/Mendagri decision)."""
    usulan = _kunci(usulan)
    if not actor.punya_peran(Peran.BKPSDM):
        raise PermissionDenied("Langkah eksternal dicatat oleh staf BKPSDM.")
    if usulan.jenis not in (JenisMutasi.KELUAR, JenisMutasi.MASUK):
        raise ValidationError("Langkah eksternal hanya untuk mutasi keluar atau masuk.")
    if usulan.status in STATUS_SELESAI:
        raise ValidationError("Usulan sudah selesai; langkah eksternal tidak dapat diubah.")
    for f in FIELD_LANGKAH_LUAR:
        if f in data:
            setattr(usulan, f, data[f])
    usulan.full_clean()
    _simpan(usulan, actor)
    _catat(
        usulan,
        aksi=AksiPeristiwa.DIUBAH,
        aktor=actor,
        catatan="Langkah eksternal dicatat (Pertek BKN / keputusan Gubernur atau Mendagri).",
        beri_tahu=False,
    )
    return usulan


# --- comments and documents -------------------------------------------------------------


def _harus_terlihat(usulan: UsulanMutasi, actor) -> None:
    if not UsulanMutasi.objects.for_user(actor).filter(pk=usulan.pk).exists():
        raise PermissionDenied("Anda tidak memiliki akses ke usulan ini.")


@transaction.atomic
def komentar_tambah(*, usulan: UsulanMutasi, isi: str, actor) -> KomentarUsulan:
    """Add a comment to the discussion of a proposal the actor can see."""
    _harus_terlihat(usulan, actor)
    isi = (isi or "").strip()
    if not isi:
        raise ValidationError({"isi": "Komentar tidak boleh kosong."})
    komentar = KomentarUsulan(usulan=usulan, penulis=actor, isi=isi)
    komentar.full_clean()
    komentar.save()
    return komentar


def _periksa_berkas(berkas) -> str:
    """Validate type (by extension and content) and size; return the content type."""
    nama = getattr(berkas, "name", "") or ""
    ekstensi = ("." + nama.rsplit(".", 1)[-1].lower()) if "." in nama else ""
    tipe = EKSTENSI_DOKUMEN.get(ekstensi)
    if tipe is None:
        raise ValidationError({"berkas": "Jenis berkas harus PDF, JPG, atau PNG."})
    maks = settings.UNGGAHAN_MAKS_BYTE
    if berkas.size > maks:
        raise ValidationError(
            {
                "berkas": f"Ukuran berkas {berkas.size / 1048576:.1f} MB melebihi batas "
                f"{maks / 1048576:.0f} MB."
            }
        )
    if berkas.size == 0:
        raise ValidationError({"berkas": "Berkas kosong."})
    berkas.seek(0)
    kepala = berkas.read(16)
    berkas.seek(0)
    if not any(kepala.startswith(t) for t in TANDA_BERKAS[tipe]):
        raise ValidationError(
            {"berkas": "Isi berkas tidak sesuai dengan ekstensinya (harus PDF, JPG, atau PNG)."}
        )
    return tipe


@transaction.atomic
def dokumen_unggah(
    *, usulan: UsulanMutasi, jenis_dokumen: JenisDokumen, berkas, actor
) -> DokumenUsulan:
    """Attach one document (PDF/JPG/PNG within the size limit) to a proposal still in progress."""
    return dokumen_unggah_banyak(
        usulan=usulan, jenis_dokumen=jenis_dokumen, daftar_berkas=[berkas], actor=actor
    )[0]


@transaction.atomic
def dokumen_unggah_banyak(
    *, usulan: UsulanMutasi, jenis_dokumen: JenisDokumen, daftar_berkas: list, actor
) -> list[DokumenUsulan]:
    """Attach several files of one kind at once: every file is checked first and either all are
    kept or none is; the timeline gets one event naming them all."""
    _harus_terlihat(usulan, actor)
    if not actor.punya_peran(Peran.BKPSDM, Peran.OPERATOR_OPD, Peran.KEPALA_OPD):
        raise PermissionDenied("Dokumen diunggah oleh BKPSDM, operator OPD, atau kepala OPD.")
    usulan = UsulanMutasi.objects.select_for_update().get(pk=usulan.pk)
    if usulan.status in STATUS_SELESAI:
        raise ValidationError("Usulan sudah selesai; dokumen tidak dapat ditambahkan.")
    if not jenis_dokumen.berlaku_untuk(usulan):
        raise ValidationError(
            {"jenis_dokumen": f"Dokumen '{jenis_dokumen}' tidak diperlukan untuk usulan ini."}
        )
    if jenis_dokumen.dipenuhi_sistem:
        raise ValidationError(
            {
                "jenis_dokumen": f"Dokumen '{jenis_dokumen}' dipenuhi oleh sistem "
                f"({jenis_dokumen.get_dipenuhi_sistem_display().lower()}); tidak perlu diunggah."
            }
        )
    if not daftar_berkas:
        raise ValidationError({"berkas": "Pilih minimal satu berkas."})
    galat = []
    tipe = []
    for berkas in daftar_berkas:
        try:
            tipe.append(_periksa_berkas(berkas))
        except ValidationError as exc:
            if len(daftar_berkas) == 1:
                raise
            nama = (getattr(berkas, "name", "") or "berkas").rsplit("/", 1)[-1]
            galat += [f"{nama}: {p}" for p in exc.messages]
    if galat:
        raise ValidationError({"berkas": galat})
    disimpan: list[DokumenUsulan] = []
    try:
        for berkas, tipe_konten in zip(daftar_berkas, tipe, strict=True):
            nama_asli = (getattr(berkas, "name", "") or "dokumen").rsplit("/", 1)[-1][:255]
            dokumen = DokumenUsulan(
                usulan=usulan,
                jenis_dokumen=jenis_dokumen,
                nama_asli=nama_asli,
                ukuran=berkas.size,
                tipe_konten=tipe_konten,
                diunggah_oleh=actor,
            )
            dokumen.berkas.save(nama_asli, berkas, save=False)
            disimpan.append(dokumen)
            dokumen.full_clean()
            dokumen.save()
    except Exception:
        # Do not leave files behind for rows that were never written (the transaction rolls
        # the rows back).
        for d in disimpan:
            d.berkas.storage.delete(d.berkas.name)
        raise
    _catat(
        usulan,
        aksi=AksiPeristiwa.DOKUMEN_DIUNGGAH,
        aktor=actor,
        catatan=f"{jenis_dokumen}: " + ", ".join(d.nama_asli for d in disimpan),
        beri_tahu=False,
    )
    return disimpan


@transaction.atomic
def dokumen_verifikasi(
    *, dokumen: DokumenUsulan, verdik: str, catatan: str = "", actor
) -> DokumenUsulan:
    """BKPSDM's verdict on a document: sesuai, or perlu perbaikan with what to fix."""
    if not actor.punya_peran(Peran.BKPSDM):
        raise PermissionDenied("Dokumen diverifikasi oleh staf BKPSDM.")
    dokumen = DokumenUsulan.objects.select_for_update().get(pk=dokumen.pk)
    if verdik not in (VerdikDokumen.SESUAI, VerdikDokumen.PERLU_PERBAIKAN):
        raise ValidationError({"verdik": "Pilih 'Sesuai' atau 'Perlu perbaikan'."})
    catatan = (catatan or "").strip()
    if verdik == VerdikDokumen.PERLU_PERBAIKAN and not catatan:
        raise ValidationError({"catatan": "Tuliskan apa yang perlu diperbaiki pada dokumen ini."})
    dokumen.verdik = verdik
    dokumen.catatan_verifikasi = catatan
    dokumen.diverifikasi_oleh = actor
    dokumen.diverifikasi_pada = timezone.now()
    dokumen.full_clean()
    dokumen.save()
    _catat(
        dokumen.usulan,
        aksi=AksiPeristiwa.DOKUMEN_DIVERIFIKASI,
        aktor=actor,
        catatan=f"{dokumen.jenis_dokumen}: {VerdikDokumen(verdik).label}"
        + (f" — {catatan}" if catatan else ""),
        beri_tahu=False,
    )
    return dokumen


@transaction.atomic
def dokumen_verifikasi_semua(*, usulan: UsulanMutasi, actor) -> list[DokumenUsulan]:
    """BKPSDM's "semua sesuai": every upload not yet examined is accepted at once (one event).
    One already judged "perlu perbaikan" keeps that verdict until replaced."""
    if not actor.punya_peran(Peran.BKPSDM):
        raise PermissionDenied("Dokumen diverifikasi oleh staf BKPSDM.")
    usulan = UsulanMutasi.objects.select_for_update().get(pk=usulan.pk)
    if usulan.status in STATUS_SELESAI:
        raise ValidationError("Usulan sudah selesai; dokumennya tidak diverifikasi lagi.")
    belum = [
        d
        for b in kelengkapan_dokumen(usulan)
        for d in b["dokumen"]
        if d.verdik == VerdikDokumen.BELUM
    ]
    if not belum:
        raise ValidationError(
            "Tidak ada dokumen yang belum diperiksa; unggahan baru akan muncul di sini."
        )
    sekarang = timezone.now()
    ids = [d.pk for d in belum]
    DokumenUsulan.objects.select_for_update().filter(pk__in=ids).update(
        verdik=VerdikDokumen.SESUAI,
        catatan_verifikasi="",
        diverifikasi_oleh=actor,
        diverifikasi_pada=sekarang,
    )
    _catat(
        usulan,
        aksi=AksiPeristiwa.DOKUMEN_DIVERIFIKASI,
        aktor=actor,
        catatan="Semua sesuai: " + "; ".join(f"{d.jenis_dokumen}: {d.nama_asli}" for d in belum),
        beri_tahu=False,
    )
    return list(DokumenUsulan.objects.filter(pk__in=ids))


# --- decrees (SK) -------------------------------------------------------------------------


def _harus_bkpsdm(actor, pesan: str) -> None:
    if actor is not None and not actor.punya_peran(Peran.BKPSDM):
        raise PermissionDenied(pesan)


def _kunci_sk(sk: SuratKeputusan) -> SuratKeputusan:
    return SuratKeputusan.objects.select_for_update().get(pk=sk.pk)


def _periksa_pembekuan(sk: SuratKeputusan) -> None:
    pengaturan = PengaturanMutasi.muat()
    tanggal = [t for t in (sk.tanggal, sk.tmt) if pengaturan.dalam_pembekuan(t)]
    sk.dalam_masa_pembekuan = bool(tanggal)
    if tanggal and pengaturan.pembekuan_memblokir and not sk.nomor_persetujuan_mendagri.strip():
        catatan = f" ({pengaturan.pembekuan_catatan})" if pengaturan.pembekuan_catatan else ""
        raise ValidationError(
            {
                "nomor_persetujuan_mendagri": (
                    f"Tanggal SK/TMT berada dalam masa pembekuan mutasi "
                    f"{pengaturan.pembekuan_mulai:%d/%m/%Y}–{pengaturan.pembekuan_selesai:%d/%m/%Y}"
                    f"{catatan}. Isi nomor persetujuan tertulis Mendagri untuk melanjutkan."
                )
            }
        )


def _periksa_tmt(daftar: list[UsulanMutasi], tmt: datetime.date) -> None:
    """The TMT may not precede the start of any employee's current jabatan, and no destination may
    have been closed since the approval: the move could never be recorded in their history (the
    beat job would fail on it every hour)."""
    mulai = dict(
        RiwayatJabatan.objects.filter(
            pegawai_id__in=[u.pegawai_id for u in daftar], tanggal_selesai__isnull=True
        ).values_list("pegawai_id", "tanggal_mulai")
    )
    tujuan = {u.jabatan_tujuan_id for u in daftar if u.jabatan_tujuan_id}
    aktif = set(Jabatan.objects.filter(pk__in=tujuan, aktif=True).values_list("pk", flat=True))
    nonaktif = [u for u in daftar if u.jabatan_tujuan_id and u.jabatan_tujuan_id not in aktif]
    if nonaktif:
        raise ValidationError(
            {
                "usulan_ids": [
                    f"Jabatan tujuan usulan {u.nomor} sudah tidak aktif di register; keluarkan "
                    "usulan itu dari SK."
                    for u in nonaktif
                ]
            }
        )
    salah = [u for u in daftar if mulai.get(u.pegawai_id) and tmt < mulai[u.pegawai_id]]
    if salah:
        nama = dict(
            Pegawai.objects.filter(pk__in=[u.pegawai_id for u in salah]).values_list("pk", "nama")
        )
        raise ValidationError(
            {
                "tmt": [
                    f"TMT {tmt:%d/%m/%Y} sebelum TMT jabatan sekarang {nama[u.pegawai_id]} "
                    f"({u.nomor}), yaitu {mulai[u.pegawai_id]:%d/%m/%Y}; pilih TMT yang sama atau "
                    "sesudahnya, atau keluarkan usulan itu dari SK."
                    for u in salah
                ]
            }
        )


@transaction.atomic
def sk_buat(
    *,
    usulan_ids: Iterable[int],
    tanggal: datetime.date,
    tmt: datetime.date,
    penandatangan_nama: str = "",
    penandatangan_nip: str = "",
    penandatangan_jabatan: str = "",
    perihal: str = "",
    nomor_persetujuan_mendagri: str = "",
    nomor_urut: int | None = None,
    alasan_lompat: str = "",
    actor,
) -> SuratKeputusan:
    """Draft a decree deciding one or more approved proposals (BKPSDM only).

    Its number comes from the register of the SK's year: the next one, or `nomor_urut` when
    BKPSDM chose another; numbers passed over are recorded as cancelled with `alasan_lompat`.
    The signer and the konsiderans default to PengaturanSK.
    """
    _harus_bkpsdm(actor, "SK mutasi disusun oleh staf BKPSDM.")
    ids = sorted(set(usulan_ids))
    if not ids:
        raise ValidationError({"usulan_ids": "Pilih minimal satu usulan yang sudah disetujui."})
    # Lock in a fixed order so two decrees drafted at once cannot deadlock.
    daftar = list(UsulanMutasi.objects.select_for_update().filter(pk__in=ids).order_by("pk"))
    if len(daftar) != len(ids):
        raise ValidationError({"usulan_ids": "Sebagian usulan yang dipilih tidak ditemukan."})
    belum = [u for u in daftar if u.status != S.DISETUJUI]
    if belum:
        raise ValidationError(
            {
                "usulan_ids": [
                    f"Usulan {u.nomor} berstatus '{_label_status(u.status)}'; hanya usulan yang "
                    "sudah disetujui PPK yang dapat dimasukkan ke SK."
                    for u in belum
                ]
            }
        )
    pengaturan = PengaturanSK.muat()
    sk = SuratKeputusan(
        tanggal=tanggal,
        tmt=tmt,
        perihal=perihal,
        penandatangan_nama=(penandatangan_nama or pengaturan.penandatangan_nama).strip(),
        penandatangan_nip=(penandatangan_nip or pengaturan.penandatangan_nip).strip(),
        penandatangan_jabatan=(penandatangan_jabatan or pengaturan.penandatangan_jabatan).strip(),
        nomor_persetujuan_mendagri=nomor_persetujuan_mendagri,
        menimbang=pengaturan.menimbang,
        mengingat=pengaturan.mengingat,
        tembusan=pengaturan.tembusan,
        dibuat_oleh=actor,
    )
    if not sk.penandatangan_nama:
        raise ValidationError(
            {
                "penandatangan_nama": "Isi nama penandatangan, atau isi penandatangan bawaan di "
                "Pengaturan Keputusan Wali Kota."
            }
        )
    if tmt < tanggal:
        raise ValidationError({"tmt": "TMT tidak boleh sebelum tanggal SK."})
    _periksa_tmt(daftar, tmt)
    _periksa_pembekuan(sk)
    sk.nomor = "-"  # set from the register below; checked here for everything else
    sk.full_clean(exclude=["nomor"])
    _beri_nomor(sk, nomor_urut=nomor_urut, alasan_lompat=alasan_lompat, actor=actor)
    for usulan in daftar:
        _pindah(
            usulan,
            "masukkan_ke_sk",
            sk,
            aksi=AksiPeristiwa.MASUK_SK,
            actor=actor,
            catatan=f"SK {sk.nomor}",
        )
    return sk


# How far a chosen number may run ahead of the register (a typo of 5000 for 50 is refused).
LOMPATAN_NOMOR_MAKS = 50


def _beri_nomor(sk: SuratKeputusan, *, nomor_urut, alasan_lompat: str, actor) -> None:
    """Save the decree under the next free number of its year (or the one chosen) and record it.

    Two decrees drafted at the same moment read the same next number; the unique constraints
    let the first commit win and the other, in its savepoint, reads again and takes the one after
    (a number BKPSDM chose is not silently changed: it gets a message instead).
    """
    from .selectors import nomor_sk_berikut

    tahun = sk.tanggal.year
    alasan_lompat = (alasan_lompat or "").strip()
    for _percobaan in range(5):
        berikut = nomor_sk_berikut(tahun)
        urut = berikut if nomor_urut in (None, "") else int(nomor_urut)
        if urut < berikut:
            terpakai = NomorSK.objects.filter(tahun=tahun, urut=urut).first()
            keadaan = (
                f"sudah dipakai SK {terpakai.nomor}"
                if terpakai and terpakai.status == StatusNomorSK.DIPAKAI
                else "sudah dibatalkan"
                if terpakai
                else "sudah terlewati"
            )
            raise ValidationError(
                {
                    "nomor_urut": f"Nomor urut {urut} tahun {tahun} {keadaan}; nomor berikutnya "
                    f"yang tersedia adalah {berikut}."
                }
            )
        if urut - berikut > LOMPATAN_NOMOR_MAKS:
            raise ValidationError(
                {
                    "nomor_urut": f"Nomor urut {urut} melompati lebih dari {LOMPATAN_NOMOR_MAKS} "
                    f"nomor (berikutnya {berikut}); periksa kembali nomornya."
                }
            )
        if urut > berikut and not alasan_lompat:
            raise ValidationError(
                {
                    "alasan_lompat": f"Nomor urut {berikut}–{urut - 1} akan dilewati; tuliskan "
                    "alasannya (dicatat sebagai nomor dibatalkan)."
                }
            )
        sk.nomor = nomor_sk_format(urut=urut, tanggal=sk.tanggal)
        try:
            with transaction.atomic():
                for lewat in range(berikut, urut):
                    NomorSK.objects.create(
                        tahun=tahun,
                        urut=lewat,
                        nomor=nomor_sk_format(urut=lewat, tanggal=sk.tanggal),
                        status=StatusNomorSK.DIBATALKAN,
                        alasan_batal=f"Dilewati saat menyusun SK nomor urut {urut}: "
                        f"{alasan_lompat}",
                        dicatat_oleh=actor,
                    )
                sk._history_user = actor
                sk.save()
                NomorSK.objects.create(
                    tahun=tahun,
                    urut=urut,
                    nomor=sk.nomor,
                    status=StatusNomorSK.DIPAKAI,
                    surat_keputusan=sk,
                    dicatat_oleh=actor,
                )
        except IntegrityError:
            sk.pk = None
            sk._state.adding = True
            if nomor_urut not in (None, ""):
                # Taken by another tab or user a moment earlier than this one.
                raise ValidationError(
                    {
                        "nomor_urut": f"Nomor SK {sk.nomor} baru saja dipakai untuk SK lain; "
                        f"nomor berikutnya yang tersedia adalah {nomor_sk_berikut(tahun)}."
                    }
                ) from None
            continue
        return
    raise ValidationError(
        {"nomor_urut": "Nomor SK sedang diambil bersamaan oleh banyak pengguna; coba lagi."}
    )


_ROMAWI = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def nomor_sk_format(*, urut: int, tanggal: datetime.date, format_nomor: str | None = None) -> str:
    """The full decree number from its serial and date, in the city's format (PengaturanSK)."""
    fmt = format_nomor or PengaturanSK.muat().format_nomor
    return fmt.format(
        nomor=urut,
        nomor3=f"{urut:03d}",
        bulan=f"{tanggal.month:02d}",
        bulan_romawi=_ROMAWI[tanggal.month - 1],
        tahun=tanggal.year,
    )


@transaction.atomic
def nomor_sk_batalkan(*, tahun: int, alasan: str, actor) -> NomorSK:
    """Cancel the next free number of a year with a reason (e.g. it was taken by a decree made
    outside this application), so the register shows why it was not used."""
    _harus_bkpsdm(actor, "Register nomor SK dikelola oleh staf BKPSDM.")
    from .selectors import nomor_sk_berikut

    alasan = (alasan or "").strip()
    if not alasan:
        raise ValidationError({"alasan": "Tuliskan alasan nomor ini dibatalkan."})
    for _percobaan in range(5):
        urut = nomor_sk_berikut(tahun)
        # The month of a number cancelled ahead of use is that of today (or of December for a
        # past year): the format needs one.
        hari_ini = timezone.localdate()
        tanggal = hari_ini if hari_ini.year == tahun else datetime.date(tahun, 12, 1)
        try:
            with transaction.atomic():
                return NomorSK.objects.create(
                    tahun=tahun,
                    urut=urut,
                    nomor=nomor_sk_format(urut=urut, tanggal=tanggal),
                    status=StatusNomorSK.DIBATALKAN,
                    alasan_batal=alasan,
                    dicatat_oleh=actor,
                )
        except IntegrityError:
            continue
    raise ValidationError({"alasan": "Nomor sedang diambil bersamaan; coba lagi."})


@transaction.atomic
def sk_tetapkan(
    *, sk: SuratKeputusan, actor, hari_ini: datetime.date | None = None
) -> SuratKeputusan:
    """Issue the decree; when its TMT is today or past, it takes effect at once."""
    _harus_bkpsdm(actor, "SK mutasi ditetapkan oleh staf BKPSDM.")
    sk = _kunci_sk(sk)
    if sk.status != StatusSK.DRAF:
        raise ValidationError(f"SK {sk.nomor} sudah {StatusSK(sk.status).label.lower()}.")
    if not sk.usulan.exists():
        raise ValidationError("SK tanpa usulan tidak dapat ditetapkan.")
    # The register may have changed since the draft (a jabatan recorded with a later TMT).
    _periksa_tmt(list(sk.usulan.all()), sk.tmt)
    _periksa_pembekuan(sk)
    sk.tetapkan()
    sk._history_user = actor
    sk.save()
    for usulan in sk.usulan.select_for_update().order_by("pk"):
        _catat(
            usulan,
            aksi=AksiPeristiwa.SK_DITETAPKAN,
            aktor=actor,
            catatan=f"SK {sk.nomor} tanggal {sk.tanggal:%d/%m/%Y}, TMT {sk.tmt:%d/%m/%Y}",
        )
    if sk.tmt <= (hari_ini or timezone.localdate()):
        sk = sk_berlakukan(sk=sk, actor=actor)
    return sk


@transaction.atomic
def sk_berlakukan(*, sk: SuratKeputusan, actor=None) -> SuratKeputusan:
    """Every proposal of the decree takes effect together, or none does.

    Each employee's jabatan changes through `pegawai_pindah_jabatan` with the SK number (its
    signal has the ABK of both units recomputed in the background). `actor` None = the beat job.
    """
    _harus_bkpsdm(actor, "SK mutasi diberlakukan oleh staf BKPSDM.")
    sk = _kunci_sk(sk)
    if sk.status == StatusSK.BERLAKU:
        return sk  # already applied: a second run (retry, beat overlap) changes nothing
    if sk.status != StatusSK.DITETAPKAN:
        raise ValidationError(f"SK {sk.nomor} belum ditetapkan sehingga belum dapat berlaku.")
    daftar = [
        u
        for u in UsulanMutasi.objects.select_for_update().filter(surat_keputusan=sk).order_by("pk")
        if u.status == S.DALAM_SK
    ]
    # The figures each move takes effect on, read before any employee of the decree moves.
    dampak = {u.pk: dampak_untuk_usulan(u) for u in daftar}
    for usulan in daftar:
        pegawai = usulan.pegawai
        keterangan = f"Mutasi {usulan.nomor} ({usulan.get_jenis_display()})"
        if usulan.jenis == JenisMutasi.KELUAR:
            # Leaving the city: the register keeps the person, inactive, with their history, whose
            # last jabatan ends on the TMT with the decree that ended it.
            pegawai_simpan(instance=pegawai, data={"aktif": False}, actor=actor)
            _tutup_riwayat_keluar(usulan, sk, actor)
        else:
            pegawai_pindah_jabatan(
                pegawai=pegawai,
                jabatan=usulan.jabatan_tujuan,
                tmt=sk.tmt,
                nomor_sk=sk.nomor,
                keterangan=keterangan,
                actor=actor,
            )
        _pindah(
            usulan,
            "berlakukan",
            aksi=AksiPeristiwa.BERLAKU,
            actor=actor,
            catatan=f"Berlaku TMT {sk.tmt:%d/%m/%Y} berdasarkan SK {sk.nomor}",
            dampak=dampak[usulan.pk],
        )
    sk.berlakukan()
    sk._history_user = actor
    sk.save()
    return sk


def _tutup_riwayat_keluar(usulan: UsulanMutasi, sk: SuratKeputusan, actor) -> None:
    terbuka = (
        RiwayatJabatan.objects.select_for_update()
        .filter(pegawai_id=usulan.pegawai_id, tanggal_selesai__isnull=True)
        .first()
    )
    if terbuka is None:
        return
    catatan = f"Keluar ke {usulan.instansi_luar} ({usulan.nomor}), SK {sk.nomor}"
    terbuka.tanggal_selesai = terbuka.tanggal_selesai_sebelum(sk.tmt)
    terbuka.keterangan = "; ".join(k for k in (terbuka.keterangan, catatan) if k)[:255]
    terbuka.full_clean()
    terbuka._history_user = actor
    terbuka.save(update_fields=["tanggal_selesai", "keterangan"])


@transaction.atomic
def sk_keluarkan_usulan(*, sk: SuratKeputusan, usulan: UsulanMutasi, actor) -> SuratKeputusan:
    """Take a proposal out of a draft decree (it goes back to disetujui)."""
    _harus_bkpsdm(actor, "SK mutasi disusun oleh staf BKPSDM.")
    sk = _kunci_sk(sk)
    if sk.status != StatusSK.DRAF:
        raise ValidationError("Usulan hanya dapat dikeluarkan dari SK yang masih draf.")
    usulan = UsulanMutasi.objects.select_for_update().get(pk=usulan.pk)
    if usulan.surat_keputusan_id != sk.pk or usulan.status != S.DALAM_SK:
        raise ValidationError(f"Usulan {usulan.nomor} tidak termasuk SK {sk.nomor}.")
    _pindah(
        usulan,
        "keluarkan_dari_sk",
        aksi=AksiPeristiwa.KELUAR_SK,
        actor=actor,
        catatan=f"Dikeluarkan dari SK {sk.nomor}",
    )
    return sk


def sk_berlakukan_jatuh_tempo(*, hari_ini: datetime.date | None = None) -> list[int]:
    """Apply every issued decree whose TMT has arrived; return the ids applied. Idempotent."""
    hari_ini = hari_ini or timezone.localdate()
    ids = list(
        SuratKeputusan.objects.filter(status=StatusSK.DITETAPKAN, tmt__lte=hari_ini)
        .order_by("tmt", "pk")
        .values_list("pk", flat=True)
    )
    diterapkan = []
    for sk_id in ids:
        # Each decree in its own transaction: one that cannot apply must not hold back the rest.
        try:
            sk = sk_berlakukan(sk=SuratKeputusan(pk=sk_id), actor=None)
        except ValidationError:
            logger.exception("SK %s gagal diberlakukan otomatis", sk_id)
            continue
        if sk.status == StatusSK.BERLAKU:
            diterapkan.append(sk_id)
    return diterapkan


# --- notifications ----------------------------------------------------------------------


def penerima_notifikasi(peristiwa: PeristiwaUsulan) -> list:
    """Whoever must act next (role, and for heads the agency) plus the proposer on a decision.

    The actor of the event is left out: they know what they just did.
    """
    from django.contrib.auth import get_user_model
    from django.db.models import Q

    usulan = peristiwa.usulan
    User = get_user_model()
    kondisi = Q(pk__in=[])
    peran_berikut = {
        S.DIAJUKAN: (Peran.BKPSDM, None),
        S.DISETUJUI: (Peran.BKPSDM, None),
        **{k: v for k, v in PELAKU_TAHAP.items() if k != S.DIAJUKAN},
    }
    if peristiwa.ke_status and peristiwa.ke_status in peran_berikut:
        peran, sisi = peran_berikut[peristiwa.ke_status]
        kondisi_peran = Q(groups__name=peran)
        if sisi is not None:
            kondisi_peran &= Q(instansi_id=getattr(usulan, sisi))
        kondisi |= kondisi_peran
    if peristiwa.ke_status == S.DIKEMBALIKAN or peristiwa.aksi in AKSI_KEPUTUSAN:
        kondisi |= Q(pk=usulan.diusulkan_oleh_id)
    if peristiwa.aksi == AksiPeristiwa.DIBATALKAN and peristiwa.dari_status in PELAKU_TAHAP:
        # Withdrawn while waiting for someone's decision: they hear it need not be decided.
        peran, sisi = PELAKU_TAHAP[peristiwa.dari_status]
        kondisi_peran = Q(groups__name=peran)
        if sisi is not None:
            kondisi_peran &= Q(instansi_id=getattr(usulan, sisi))
        kondisi |= kondisi_peran
    qs = User.objects.filter(kondisi, is_active=True).exclude(email="")
    if peristiwa.aktor_id:
        qs = qs.exclude(pk=peristiwa.aktor_id)
    return list(qs.distinct().order_by("pk"))


def _isi_email(peristiwa: PeristiwaUsulan, penerima) -> tuple[str, str]:
    from django.template import TemplateDoesNotExist
    from django.template.loader import render_to_string
    from django.urls import NoReverseMatch

    usulan = peristiwa.usulan
    try:
        tautan = settings.URL_SITUS.rstrip("/") + (usulan.get_absolute_url())
    except NoReverseMatch:
        tautan = ""
    menunggu = pelaku_tahap(usulan, penerima) or (
        usulan.status == S.DIKEMBALIKAN and penerima.pk == usulan.diusulkan_oleh_id
    )
    konteks = {
        "peristiwa": peristiwa,
        "usulan": usulan,
        "penerima": penerima,
        "tautan": tautan,
        "menunggu_tindakan": menunggu,
    }
    try:
        subjek = render_to_string("usulan_mutasi/email/notifikasi_subjek.txt", konteks)
        isi = render_to_string("usulan_mutasi/email/notifikasi.txt", konteks)
    except TemplateDoesNotExist:
        subjek = f"[Mutasi ASN] {usulan.nomor}: {peristiwa.get_aksi_display()}"
        baris = [
            f"Yth. {penerima},",
            "",
            f"Usulan mutasi {usulan.nomor} atas nama {usulan.pegawai.nama_lengkap} "
            f"({usulan.pegawai.nip_tampil}): {peristiwa.get_aksi_display()}.",
            f"Status sekarang: {usulan.get_status_display()}.",
        ]
        if peristiwa.aktor_id:
            baris.append(f"Oleh: {peristiwa.aktor}.")
        if peristiwa.catatan:
            baris.append(f"Catatan: {peristiwa.catatan}")
        if menunggu:
            tenggat = f" paling lambat {usulan.tenggat:%d/%m/%Y}" if usulan.tenggat else ""
            baris.append(f"Usulan ini menunggu tindakan Anda{tenggat}.")
        if tautan:
            baris += ["", f"Buka usulan: {tautan}"]
        baris += ["", "Pesan ini dikirim otomatis oleh aplikasi Mutasi ASN BKPSDM."]
        isi = "\n".join(baris)
    return " ".join(subjek.split()), isi


@transaction.atomic
def peristiwa_kirim_notifikasi(*, peristiwa_id: int) -> int:
    """Email everyone concerned by one event, once: a second run (retry, redelivery) sends nothing.

    Returns the number of messages sent.
    """
    from django.core.mail import EmailMessage, get_connection

    peristiwa = (
        PeristiwaUsulan.objects.select_for_update(of=("self",))
        .select_related("usulan", "usulan__pegawai", "aktor")
        .filter(pk=peristiwa_id)
        .first()
    )
    if peristiwa is None or peristiwa.notifikasi_terkirim_pada is not None:
        return 0
    pesan = []
    for penerima in penerima_notifikasi(peristiwa):
        subjek, isi = _isi_email(peristiwa, penerima)
        pesan.append(EmailMessage(subjek, isi, to=[penerima.email]))
    if pesan:
        get_connection().send_messages(pesan)
    peristiwa.notifikasi_terkirim_pada = timezone.now()
    peristiwa.save(update_fields=["notifikasi_terkirim_pada"])
    return len(pesan)


# --- the decree's documents: PDF in the background, the signed scan ---------------------------


def _berkas_yang_dibuat(sk: SuratKeputusan) -> list[tuple[str, UsulanMutasi | None]]:
    """What one PDF run makes: the decree, each employee's petikan, and the heads' letters of
    every proposal whose approval was recorded."""
    hasil: list[tuple[str, UsulanMutasi | None]] = [(JenisBerkasSK.SK, None)]
    daftar = list(UsulanMutasi.objects.filter(surat_keputusan=sk).order_by("pk"))
    hasil += [(JenisBerkasSK.PETIKAN, u) for u in daftar]
    ada = set(
        PeristiwaUsulan.objects.filter(
            usulan__in=daftar,
            aksi__in=[AksiPeristiwa.DISETUJUI_ASAL, AksiPeristiwa.DISETUJUI_TUJUAN],
        ).values_list("usulan_id", "aksi")
    )
    for u in daftar:
        if (u.pk, AksiPeristiwa.DISETUJUI_ASAL) in ada:
            hasil.append((JenisBerkasSK.SURAT_MELEPAS, u))
        if (u.pk, AksiPeristiwa.DISETUJUI_TUJUAN) in ada:
            hasil.append((JenisBerkasSK.SURAT_MENERIMA, u))
    return hasil


@transaction.atomic
def sk_minta_pdf(*, sk: SuratKeputusan, actor) -> list[BerkasSK]:
    """Queue the PDFs of a decree (BKPSDM): one status row per file, made by one Celery task
    after commit. Asking again while a run is queued or running changes nothing."""
    from .dokumen import PESAN_TANPA_SOFFICE, soffice_tersedia

    _harus_bkpsdm(actor, "PDF Keputusan Wali Kota dibuat oleh staf BKPSDM.")
    sk = _kunci_sk(sk)
    if soffice_tersedia() is None:
        raise ValidationError(PESAN_TANPA_SOFFICE)
    berjalan = BerkasSK.objects.filter(
        surat_keputusan=sk, status__in=[StatusPembuatanPDF.ANTRI, StatusPembuatanPDF.PROSES]
    )
    if berjalan.exists():
        return list(BerkasSK.objects.filter(surat_keputusan=sk))
    # A new run replaces the old files: the decree may have changed since (a proposal taken out).
    for lama in BerkasSK.objects.filter(surat_keputusan=sk):
        if lama.berkas:
            lama.berkas.delete(save=False)
    BerkasSK.objects.filter(surat_keputusan=sk).delete()
    baris = BerkasSK.objects.bulk_create(
        [
            BerkasSK(surat_keputusan=sk, jenis=jenis, usulan=u, diminta_oleh=actor)
            for jenis, u in _berkas_yang_dibuat(sk)
        ]
    )
    from .tasks import buat_pdf_sk

    buat_pdf_sk.delay_on_commit(sk.pk)
    return baris


# Files per LibreOffice run: one run per file would pay its start-up each time; one run for all
# would show no progress for minutes and lose everything to one bad file.
PDF_PER_PUTARAN = 25


def sk_buat_pdf(*, sk_id: int) -> int:
    """Make the queued PDFs of one decree (the Celery task's body); returns how many were made.

    Rendering and LibreOffice run outside any transaction (they take seconds); each batch's
    status change is its own short write, so the page shows the progress. The decree itself
    comes first. Idempotent: rows already done are left alone.
    """
    from django.core.files.base import ContentFile

    from . import dokumen

    urutan = {JenisBerkasSK.SK: 0, JenisBerkasSK.PETIKAN: 1}
    baris = sorted(
        BerkasSK.objects.filter(
            surat_keputusan_id=sk_id,
            status__in=[StatusPembuatanPDF.ANTRI, StatusPembuatanPDF.PROSES],
        ).select_related("surat_keputusan"),
        key=lambda b: (urutan.get(b.jenis, 2), b.pk),
    )
    if not baris:
        return 0
    BerkasSK.objects.filter(pk__in=[b.pk for b in baris]).update(status=StatusPembuatanPDF.PROSES)
    sk = baris[0].surat_keputusan

    def gagal(daftar, pesan):
        BerkasSK.objects.filter(pk__in=[b.pk for b in daftar]).update(
            status=StatusPembuatanPDF.GAGAL, pesan=pesan[:2000], selesai_pada=timezone.now()
        )

    try:
        petikan = {u.pk: isi for u, isi in dokumen.docx_petikan(sk)}
        usulan = {u.pk: u for u in dokumen.daftar_usulan_sk(sk)}
    except dokumen.GalatTemplat as exc:
        gagal(baris, str(exc))
        return 0
    docx: dict[int, bytes] = {}
    tanpa_isi = []
    for b in baris:
        try:
            if b.jenis == JenisBerkasSK.SK:
                isi = dokumen.docx_sk(sk)
            elif b.jenis == JenisBerkasSK.PETIKAN:
                isi = petikan.get(b.usulan_id)
            else:
                u = usulan.get(b.usulan_id)
                isi = dokumen.docx_surat(u, b.jenis) if u else None
        except dokumen.GalatTemplat as exc:
            gagal([b], str(exc))
            continue
        if isi is None:
            tanpa_isi.append(b)
        else:
            docx[b.pk] = isi
    # Rows with nothing to make (a proposal taken out meanwhile) say so instead of spinning.
    gagal(tanpa_isi, "Dokumen ini tidak lagi termasuk SK; buat ulang PDF.")
    siap = [b for b in baris if b.pk in docx]
    putaran = [siap[:1]] + [
        siap[i : i + PDF_PER_PUTARAN] for i in range(1, len(siap), PDF_PER_PUTARAN)
    ]
    jadi = 0
    for kelompok in putaran:
        if not kelompok:
            continue
        try:
            pdf = dokumen.docx_ke_pdf({str(b.pk): docx[b.pk] for b in kelompok})
        except dokumen.GalatPDF as exc:
            gagal(kelompok, str(exc))
            continue
        for b in kelompok:
            nama = f"{b.jenis}-{b.usulan_id or sk.pk}.pdf"
            b.berkas.save(nama, ContentFile(pdf[str(b.pk)]), save=False)
            tersimpan = BerkasSK.objects.filter(pk=b.pk).update(
                berkas=b.berkas.name,
                status=StatusPembuatanPDF.SELESAI,
                pesan="",
                selesai_pada=timezone.now(),
            )
            if not tersimpan:
                # A new run replaced this one meanwhile (its rows are gone): keep no orphan file.
                b.berkas.storage.delete(b.berkas.name)
                continue
            jadi += 1
    return jadi


TIPE_PINDAIAN = {".pdf": "application/pdf"}


@transaction.atomic
def sk_unggah_pindaian(*, sk: SuratKeputusan, berkas, actor) -> SuratKeputusan:
    """Keep the signed decree's scan (PDF within the size limit), privately, with who and when.

    Only an issued decree is signed; a new upload replaces the old file (the history keeps who
    uploaded each).
    """
    _harus_bkpsdm(actor, "Pindaian SK bertanda tangan diunggah oleh staf BKPSDM.")
    sk = _kunci_sk(sk)
    if sk.status == StatusSK.DRAF:
        raise ValidationError(
            {
                "berkas": "SK masih draf; tetapkan SK terlebih dahulu, lalu unggah pindaian yang "
                "sudah ditandatangani."
            }
        )
    nama = (getattr(berkas, "name", "") or "").lower()
    if not nama.endswith(".pdf"):
        raise ValidationError({"berkas": "Pindaian SK harus berupa berkas PDF."})
    _periksa_berkas(berkas)
    lama = sk.scan_ttd.name if sk.scan_ttd else ""
    sk.scan_ttd.save(f"sk-{sk.pk}.pdf", berkas, save=False)
    sk.scan_ttd_diunggah_oleh = actor
    sk.scan_ttd_diunggah_pada = timezone.now()
    sk._history_user = actor
    try:
        sk.save()
    except Exception:
        sk.scan_ttd.storage.delete(sk.scan_ttd.name)
        raise
    if lama and lama != sk.scan_ttd.name:
        transaction.on_commit(lambda: sk.scan_ttd.storage.delete(lama))
    return sk
