"""Writes to the employee register. Every write is atomic and validated before it is saved."""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from instansi.models import Jabatan
from mutasi_asn.services import isi_atribut

from .choices import StatusKepegawaian
from .models import Pegawai, RiwayatJabatan
from .nip import normalisasi_nip, urai_nip
from .signals import bezetting_berubah

PEGAWAI_FIELDS = [
    "nip",
    "gelar_depan",
    "nama",
    "gelar_belakang",
    "status",
    "tanggal_lahir",
    "jenis_kelamin",
    "golongan",
    "pendidikan",
    "bidang_studi",
    "tmt_cpns",
    "skp_tahun_lalu",
    "skp_dua_tahun_lalu",
    "proses_disiplin",
    "tugas_belajar",
    "cuti_luar_tanggungan",
    "temuan_inspektorat",
    "aktif",
]


def lengkapi_dari_nip(pegawai: Pegawai) -> None:
    """Birth date and gender of a PNS/CPNS are read off the NIP, never typed."""
    pegawai.nip = normalisasi_nip(pegawai.nip)
    if pegawai.status in (StatusKepegawaian.PNS, StatusKepegawaian.CPNS):
        try:
            info = urai_nip(pegawai.nip)
        except ValidationError as exc:
            raise ValidationError({"nip": exc.messages}) from None
        pegawai.tanggal_lahir = info.tanggal_lahir
        pegawai.jenis_kelamin = info.jenis_kelamin
    elif not pegawai.tanggal_lahir or not pegawai.jenis_kelamin:
        raise ValidationError(
            {"tanggal_lahir": "Untuk PPPK, tanggal lahir dan jenis kelamin wajib diisi."}
        )


def _kirim_bezetting(jabatan_ids):
    ids = {i for i in jabatan_ids if i}
    if ids:
        bezetting_berubah.send(sender=Pegawai, jabatan_ids=ids)


@transaction.atomic
def pegawai_simpan(*, instance: Pegawai | None, data: dict, actor) -> Pegawai:
    """Create or edit an employee. A change of jabatan goes through `pegawai_pindah_jabatan`."""
    baru = instance is None
    obj = instance or Pegawai()
    isi_atribut(obj, data, PEGAWAI_FIELDS)
    lengkapi_dari_nip(obj)
    aktif_lama = None if baru else Pegawai.objects.values_list("aktif", flat=True).get(pk=obj.pk)
    obj.full_clean(exclude=["jabatan"])
    obj._history_user = actor
    obj.save()
    jabatan = data.get("jabatan")
    if jabatan is not None and jabatan.pk != obj.jabatan_id:
        pegawai_pindah_jabatan(
            pegawai=obj,
            jabatan=jabatan,
            tmt=data.get("tmt_jabatan") or timezone.localdate(),
            nomor_sk=data.get("nomor_sk", ""),
            actor=actor,
        )
    elif "tmt_jabatan" in data and data["tmt_jabatan"] != obj.tmt_jabatan and obj.jabatan_id:
        obj.tmt_jabatan = data["tmt_jabatan"]
        obj.save(update_fields=["tmt_jabatan"])
        RiwayatJabatan.objects.filter(pegawai=obj, tanggal_selesai__isnull=True).update(
            tanggal_mulai=obj.tmt_jabatan
        )
    if aktif_lama is not None and aktif_lama != obj.aktif:
        _kirim_bezetting([obj.jabatan_id])
    return obj


@transaction.atomic
def pegawai_hapus(*, pegawai: Pegawai, actor) -> None:
    """Delete an employee record (admin only; the register normally sets `aktif` off). An
    active holder leaves the bezetting of their jabatan, so its ABK is recomputed."""
    jabatan_id, aktif = pegawai.jabatan_id, pegawai.aktif
    pegawai._history_user = actor
    pegawai.delete()
    if aktif:
        _kirim_bezetting([jabatan_id])


@transaction.atomic
def pegawai_pindah_jabatan(
    *,
    pegawai: Pegawai,
    jabatan: Jabatan,
    tmt: datetime.date,
    nomor_sk: str = "",
    keterangan: str = "",
    actor,
) -> RiwayatJabatan:
    """Move an employee to a jabatan from `tmt`: close the open history row on the day
    before the TMT, open a new one from it.

    Locks the employee row so two moves of one person cannot interleave.
    """
    pegawai = Pegawai.objects.select_for_update().get(pk=pegawai.pk)
    if pegawai.tanggal_lahir and tmt <= pegawai.tanggal_lahir:
        raise ValidationError(
            {
                "tmt_jabatan": "TMT jabatan harus sesudah tanggal lahir "
                f"({pegawai.tanggal_lahir:%d/%m/%Y})."
            }
        )
    lama_id = pegawai.jabatan_id
    terbuka = RiwayatJabatan.objects.filter(pegawai=pegawai, tanggal_selesai__isnull=True).first()
    if terbuka is not None:
        if tmt < terbuka.tanggal_mulai:
            raise ValidationError(
                "TMT jabatan baru tidak boleh sebelum TMT jabatan yang sedang berjalan "
                f"({terbuka.tanggal_mulai:%d/%m/%Y})."
            )
        terbuka.tanggal_selesai = terbuka.tanggal_selesai_sebelum(tmt)
        terbuka._history_user = actor
        terbuka.save(update_fields=["tanggal_selesai"])
    riwayat = RiwayatJabatan(
        pegawai=pegawai,
        jabatan=jabatan,
        tanggal_mulai=tmt,
        nomor_sk=nomor_sk,
        keterangan=keterangan,
    )
    riwayat.full_clean()
    riwayat._history_user = actor
    riwayat.save()
    pegawai.jabatan = jabatan
    pegawai.tmt_jabatan = tmt
    pegawai._history_user = actor
    pegawai.save(update_fields=["jabatan", "tmt_jabatan"])
    _kirim_bezetting([lama_id, jabatan.pk])
    return riwayat


@dataclass(frozen=True)
class Perpindahan:
    """One move for `pegawai_pindah_jabatan_massal`."""

    pegawai_id: int
    jabatan: Jabatan
    tmt: datetime.date
    nomor_sk: str = ""
    keterangan: str = ""


@transaction.atomic
def pegawai_pindah_jabatan_massal(*, perpindahan: list[Perpindahan], actor) -> list[RiwayatJabatan]:
    """The set-based twin of `pegawai_pindah_jabatan` for imports: the same rules, a few queries.

    Locks every pegawai in one query, closes each open history row the day before the new TMT and
    opens a new one, all with bulk writes (and their change history); one bezetting signal at the
    end.
    """
    from simple_history.utils import bulk_create_with_history, bulk_update_with_history

    ids = [p.pegawai_id for p in perpindahan]
    if len(set(ids)) != len(ids):
        raise ValidationError("Satu pegawai hanya boleh dipindahkan sekali dalam satu proses.")
    pegawai, terbuka = {}, {}
    for i in range(0, len(ids), 2000):
        potong = ids[i : i + 2000]
        pegawai.update({p.pk: p for p in Pegawai.objects.select_for_update().filter(pk__in=potong)})
        terbuka.update(
            {
                r.pegawai_id: r
                for r in RiwayatJabatan.objects.filter(
                    pegawai_id__in=potong, tanggal_selesai__isnull=True
                )
            }
        )
    tutup, baru, jabatan_ids = [], [], set()
    for p in perpindahan:
        peg = pegawai[p.pegawai_id]
        lama = terbuka.get(peg.pk)
        if lama is not None:
            if p.tmt < lama.tanggal_mulai:
                raise ValidationError(
                    f"NIP {peg.nip}: TMT jabatan baru tidak boleh sebelum TMT jabatan yang sedang "
                    f"berjalan ({lama.tanggal_mulai:%d/%m/%Y})."
                )
            lama.tanggal_selesai = lama.tanggal_selesai_sebelum(p.tmt)
            tutup.append(lama)
        riwayat = RiwayatJabatan(
            pegawai=peg,
            jabatan=p.jabatan,
            tanggal_mulai=p.tmt,
            nomor_sk=p.nomor_sk,
            keterangan=p.keterangan,
        )
        riwayat.clean_fields(exclude=["pegawai", "jabatan"])
        baru.append(riwayat)
        jabatan_ids |= {peg.jabatan_id, p.jabatan.pk}
        peg.jabatan = p.jabatan
        peg.tmt_jabatan = p.tmt
    bulk_update_with_history(
        tutup, RiwayatJabatan, ["tanggal_selesai"], batch_size=1000, default_user=actor
    )
    bulk_create_with_history(baru, RiwayatJabatan, batch_size=1000, default_user=actor)
    bulk_update_with_history(
        list(pegawai.values()),
        Pegawai,
        ["jabatan", "tmt_jabatan"],
        batch_size=1000,
        default_user=actor,
    )
    _kirim_bezetting(jabatan_ids)
    return baru
