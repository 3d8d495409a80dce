"""Writes to the agency structure: one function per business action, atomic, validated."""

from django.db import transaction
from django.db.models import CharField, F, Value
from django.db.models.functions import Concat, Substr

from mutasi_asn.services import isi_atribut

from .models import Instansi, Jabatan, UnitKerja, susun_urutan_pohon
from .signals import jabatan_berubah


def _simpan(obj, actor):
    obj.full_clean()
    obj._history_user = actor
    obj.save()
    return obj


INSTANSI_FIELDS = ["kode", "nama", "singkatan", "jenis", "aktif"]
UNIT_FIELDS = ["instansi", "induk", "kode", "nama", "jenis", "urutan"]
JABATAN_FIELDS = [
    "unit_kerja",
    "kode",
    "nama",
    "jenis",
    "jenjang",
    "eselon",
    "kelas_jabatan",
    "pendidikan_minimal",
    "bidang_studi",
    "golongan_minimal",
    "golongan_maksimal",
    "aktif",
]


@transaction.atomic
def instansi_simpan(*, instance: Instansi | None, data: dict, actor) -> Instansi:
    obj = instance or Instansi()
    isi_atribut(obj, data, INSTANSI_FIELDS)
    return _simpan(obj, actor)


def _jalur(unit: UnitKerja) -> tuple[str, int]:
    if unit.induk_id is None:
        return f"/{unit.pk}/", 0
    induk = UnitKerja.objects.only("jalur", "kedalaman").get(pk=unit.induk_id)
    return f"{induk.jalur}{unit.pk}/", induk.kedalaman + 1


@transaction.atomic
def unitkerja_simpan(*, instance: UnitKerja | None, data: dict, actor) -> UnitKerja:
    """Save a unit and keep the materialised path of it and its whole subtree right."""
    obj = instance or UnitKerja()
    jalur_lama = obj.jalur
    instansi_lama = obj.instansi_id
    isi_atribut(obj, data, UNIT_FIELDS)
    _simpan(obj, actor)
    jalur_baru, kedalaman = _jalur(obj)
    if jalur_baru != jalur_lama:
        UnitKerja.objects.filter(pk=obj.pk).update(jalur=jalur_baru, kedalaman=kedalaman)
        if jalur_lama:
            # The path is bookkeeping, not user data: rewrite the subtree in one statement
            # (no history row per sub-unit).
            UnitKerja.objects.filter(jalur__startswith=jalur_lama).exclude(pk=obj.pk).update(
                jalur=Concat(
                    Value(jalur_baru),
                    Substr("jalur", len(jalur_lama) + 1),
                    output_field=CharField(),
                ),
                kedalaman=F("kedalaman") + (kedalaman - obj.kedalaman),
            )
        obj.jalur, obj.kedalaman = jalur_baru, kedalaman
    if instansi_lama and instansi_lama != obj.instansi_id:
        _pindahkan_subpohon_ke_instansi(obj, actor)
    unit_susun_urutan(instansi_ids={obj.instansi_id, instansi_lama} - {None})
    obj.refresh_from_db(fields=["urutan_pohon"])
    return obj


def unit_susun_urutan(*, instansi_ids) -> int:
    """Renumber the display order (`urutan_pohon`) of every unit of these agencies.

    Bookkeeping like `jalur`: written with one bulk UPDATE, no history row. Returns the number
    of units whose position changed.
    """
    units = list(
        UnitKerja.objects.filter(instansi_id__in=instansi_ids).only(
            "pk", "instansi_id", "induk_id", "urutan", "nama", "urutan_pohon"
        )
    )
    per_instansi: dict[int, list] = {}
    for u in units:
        per_instansi.setdefault(u.instansi_id, []).append((u.pk, u.induk_id, u.urutan, u.nama))
    posisi: dict[int, int] = {}
    for daftar in per_instansi.values():
        posisi.update(susun_urutan_pohon(daftar))
    berubah = [u for u in units if u.urutan_pohon != posisi[u.pk]]
    for u in berubah:
        u.urutan_pohon = posisi[u.pk]
    UnitKerja.objects.bulk_update(berubah, ["urutan_pohon"], batch_size=2000)
    return len(berubah)


def _pindahkan_subpohon_ke_instansi(unit: UnitKerja, actor) -> None:
    """A unit moved to another agency takes its whole subtree along (a reorganisation moves
    a UPT with its sections), so no tree spans two agencies; the ABK of every jabatan in it
    is recomputed under the new agency."""
    subpohon = list(UnitKerja.objects.filter(jalur__startswith=unit.jalur).exclude(pk=unit.pk))
    for sub in subpohon:
        sub.instansi_id = unit.instansi_id
        sub._history_user = actor
        sub.save(update_fields=["instansi"])
    unit_ids = {unit.pk, *(sub.pk for sub in subpohon)}
    jabatan_ids = set(
        Jabatan.objects.filter(unit_kerja_id__in=unit_ids).values_list("pk", flat=True)
    )
    if jabatan_ids:
        jabatan_berubah.send(sender=UnitKerja, jabatan_ids=jabatan_ids, unit_kerja_ids=unit_ids)


@transaction.atomic
def jabatan_simpan(*, instance: Jabatan | None, data: dict, actor) -> Jabatan:
    obj = instance or Jabatan()
    unit_lama = obj.unit_kerja_id
    isi_atribut(obj, data, JABATAN_FIELDS)
    _simpan(obj, actor)
    # The ABK of its unit (old and new) must be recomputed; analisis_beban listens.
    jabatan_berubah.send(
        sender=Jabatan,
        jabatan_ids={obj.pk},
        unit_kerja_ids={u for u in (unit_lama, obj.unit_kerja_id) if u},
    )
    return obj
