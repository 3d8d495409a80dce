"""Writes of a pegawai's competency facts: assessment results, training, certifications, SKP.

Each is atomic and validated (`full_clean`) before it is saved, with the actor in the change
history. Saving or deleting an SKP keeps the pegawai's two "SKP tahun lalu" fields (read by the
register's list and exports) equal to the predikat of the two latest years.
"""

from django.db import transaction

from mutasi_asn.services import isi_atribut

from .kompetensi import predikat_skp
from .models import Pegawai
from .models_kompetensi import HasilAsesmen, RiwayatPelatihan, SertifikasiPegawai, SKPTahunan

ASESMEN_FIELDS = ["pegawai", "kompetensi", "level", "tanggal", "sumber"]
PELATIHAN_FIELDS = [
    "pegawai",
    "program",
    "nama",
    "jenis",
    "jam_pelajaran",
    "tahun",
    "penyelenggara",
    "nomor_sertifikat",
    "berkas_sertifikat",
]
SERTIFIKASI_FIELDS = [
    "pegawai",
    "jenis_sertifikasi",
    "nomor",
    "tanggal_terbit",
    "berlaku_sampai",
    "penerbit",
    "berkas",
]
SKP_FIELDS = ["pegawai", "tahun", "hasil_kerja", "perilaku_kerja", "catatan"]


def _simpan(model, fields, *, instance, data, actor):
    obj = instance or model()
    isi_atribut(obj, data, fields)
    obj.full_clean()
    obj._history_user = actor if getattr(actor, "pk", None) else None
    obj.save()
    return obj


@transaction.atomic
def asesmen_simpan(*, instance: HasilAsesmen | None, data: dict, actor) -> HasilAsesmen:
    """Record (or correct) the level a pegawai showed in one competency on one date."""
    return _simpan(HasilAsesmen, ASESMEN_FIELDS, instance=instance, data=data, actor=actor)


@transaction.atomic
def pelatihan_simpan(*, instance: RiwayatPelatihan | None, data: dict, actor) -> RiwayatPelatihan:
    """Record (or correct) one training a pegawai followed."""
    return _simpan(RiwayatPelatihan, PELATIHAN_FIELDS, instance=instance, data=data, actor=actor)


@transaction.atomic
def sertifikasi_simpan(
    *, instance: SertifikasiPegawai | None, data: dict, actor
) -> SertifikasiPegawai:
    """Record (or correct) a professional certification with its validity."""
    return _simpan(
        SertifikasiPegawai, SERTIFIKASI_FIELDS, instance=instance, data=data, actor=actor
    )


def segarkan_skp_pegawai(pegawai_ids) -> None:
    """Set each pegawai's `skp_tahun_lalu` / `skp_dua_tahun_lalu` from their two latest SKP."""
    ids = sorted(set(pegawai_ids))
    for i in range(0, len(ids), 2000):
        potong = ids[i : i + 2000]
        per_pegawai: dict[int, list[str]] = {pk: [] for pk in potong}
        for pegawai_id, hasil, perilaku in (
            SKPTahunan.objects.filter(pegawai_id__in=potong)
            .order_by("pegawai_id", "-tahun")
            .values_list("pegawai_id", "hasil_kerja", "perilaku_kerja")
        ):
            per_pegawai[pegawai_id].append(predikat_skp(hasil, perilaku))
        ubah = []
        for peg in Pegawai.objects.filter(pk__in=potong).only(
            "pk", "skp_tahun_lalu", "skp_dua_tahun_lalu"
        ):
            daftar = per_pegawai[peg.pk] + ["", ""]
            if (peg.skp_tahun_lalu, peg.skp_dua_tahun_lalu) != (daftar[0], daftar[1]):
                peg.skp_tahun_lalu, peg.skp_dua_tahun_lalu = daftar[0], daftar[1]
                ubah.append(peg)
        Pegawai.objects.bulk_update(ubah, ["skp_tahun_lalu", "skp_dua_tahun_lalu"], batch_size=1000)


@transaction.atomic
def skp_simpan(*, instance: SKPTahunan | None, data: dict, actor) -> SKPTahunan:
    """Record (or correct) one year's SKP; the predikat follows from the two ratings."""
    lama = instance.pegawai_id if instance is not None else None
    skp = _simpan(SKPTahunan, SKP_FIELDS, instance=instance, data=data, actor=actor)
    segarkan_skp_pegawai({skp.pegawai_id, lama} - {None})
    return skp


@transaction.atomic
def skp_hapus(*, skp: SKPTahunan, actor) -> None:
    pegawai_id = skp.pegawai_id
    skp._history_user = actor if getattr(actor, "pk", None) else None
    skp.delete()
    segarkan_skp_pegawai({pegawai_id})
