"""Reads of a pegawai's competency facts, shaped for the pure functions of `kompetensi.py`.

Each function runs a constant number of queries whatever the number of ids passed, so the
talent page, the proposal checks and the rebalancing plan can ask for thousands at once:

- `standar_jabatan(jabatan_ids)` → {jabatan_id: StandarJabatan}
- `fakta_pegawai(pegawai_ids, tanggal)` → {pegawai_id: FaktaPegawai}
- `talenta_pegawai(pegawai_ids)` → {pegawai_id: Talenta} (kinerja, potensi, 9-box)
- `kesenjangan_pegawai(pegawai, jabatan)` → Kesenjangan of one pair
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from django.utils import timezone

from instansi.models_kompetensi import (
    StandarKompetensiJabatan,
    SyaratPelatihanJabatan,
    SyaratSertifikasiJabatan,
)

from . import kompetensi as rumus
from .choices import PredikatSKP
from .models_kompetensi import (
    HasilAsesmen,
    KotakTalenta,
    LabelPredikatSKP,
    PengaturanKompetensi,
    RiwayatPelatihan,
    SertifikasiPegawai,
    SKPTahunan,
)

POTONG = 2000  # ids per IN (...) list


def _potongan(ids: Iterable[int]):
    daftar = sorted({i for i in ids if i})
    for i in range(0, len(daftar), POTONG):
        yield daftar[i : i + POTONG]


def standar_jabatan(jabatan_ids: Iterable[int]) -> dict[int, rumus.StandarJabatan]:
    """The standard of each jabatan (an empty standard for a jabatan without one)."""
    kompetensi: dict[int, dict[int, int]] = defaultdict(dict)
    sertifikasi: dict[int, set[int]] = defaultdict(set)
    pelatihan: dict[int, set[int]] = defaultdict(set)
    ids = list(_potongan(jabatan_ids))
    for potong in ids:
        for j, k, lvl in StandarKompetensiJabatan.objects.filter(jabatan_id__in=potong).values_list(
            "jabatan_id", "kompetensi_id", "level"
        ):
            kompetensi[j][k] = lvl
        for j, s in SyaratSertifikasiJabatan.objects.filter(jabatan_id__in=potong).values_list(
            "jabatan_id", "jenis_sertifikasi_id"
        ):
            sertifikasi[j].add(s)
        for j, p in SyaratPelatihanJabatan.objects.filter(jabatan_id__in=potong).values_list(
            "jabatan_id", "program_id"
        ):
            pelatihan[j].add(p)
    return {
        j: rumus.StandarJabatan(
            kompetensi=dict(kompetensi[j]),
            sertifikasi=frozenset(sertifikasi[j]),
            pelatihan=frozenset(pelatihan[j]),
        )
        for potong in ids
        for j in potong
    }


def level_dimiliki(pegawai_ids: Iterable[int]) -> dict[int, dict[int, int]]:
    """{pegawai_id: {kompetensi_id: level of the latest assessment}}."""
    hasil: dict[int, dict[int, int]] = defaultdict(dict)
    for potong in _potongan(pegawai_ids):
        # Oldest first: a later assessment of the same competency overwrites an earlier one.
        for p, k, lvl in (
            HasilAsesmen.objects.filter(pegawai_id__in=potong)
            .order_by("tanggal", "pk")
            .values_list("pegawai_id", "kompetensi_id", "level")
        ):
            hasil[p][k] = lvl
    return hasil


def fakta_pegawai(
    pegawai_ids: Iterable[int], tanggal: datetime.date | None = None
) -> dict[int, rumus.FaktaPegawai]:
    """What each pegawai holds on `tanggal` (today by default)."""
    tanggal = tanggal or timezone.localdate()
    ids = list(_potongan(pegawai_ids))
    level = level_dimiliki(i for potong in ids for i in potong)
    berlaku: dict[int, set[int]] = defaultdict(set)
    kedaluwarsa: dict[int, set[int]] = defaultdict(set)
    pelatihan: dict[int, set[int]] = defaultdict(set)
    for potong in ids:
        for p, s, terbit, sampai in SertifikasiPegawai.objects.filter(
            pegawai_id__in=potong
        ).values_list("pegawai_id", "jenis_sertifikasi_id", "tanggal_terbit", "berlaku_sampai"):
            if terbit <= tanggal and (sampai is None or tanggal <= sampai):
                berlaku[p].add(s)
            else:
                kedaluwarsa[p].add(s)
        for p, prog in (
            RiwayatPelatihan.objects.filter(pegawai_id__in=potong, program__isnull=False)
            .values_list("pegawai_id", "program_id")
            .distinct()
        ):
            pelatihan[p].add(prog)
    return {
        p: rumus.FaktaPegawai(
            kompetensi=dict(level.get(p, {})),
            sertifikasi_berlaku=frozenset(berlaku[p]),
            sertifikasi_kedaluwarsa=frozenset(kedaluwarsa[p] - berlaku[p]),
            pelatihan=frozenset(pelatihan[p]),
        )
        for potong in ids
        for p in potong
    }


def kesenjangan_pegawai(pegawai, jabatan, tanggal: datetime.date | None = None):
    """The gap of one pegawai against one jabatan (five queries)."""
    standar = standar_jabatan([jabatan.pk])[jabatan.pk]
    fakta = fakta_pegawai([pegawai.pk], tanggal)[pegawai.pk]
    return rumus.kesenjangan(standar, fakta)


@dataclass(frozen=True)
class Talenta:
    """One pegawai on the 9-box: the inputs of each axis, the classes and the box."""

    predikat: tuple[str, ...]  # the last (up to) two years, newest first
    tahun_skp: tuple[int, ...]
    rata_level: float | None
    kinerja: str | None
    potensi: str | None
    kotak: int | None


def tata_letak_9_kotak() -> dict[tuple[str, str], int]:
    """The layout kept in admin (one query); the regulation's when the table is empty."""
    tata = {(k.kinerja, k.potensi): k.nomor for k in KotakTalenta.objects.all()}
    return tata if len(tata) == 9 else dict(rumus.TATA_LETAK_9_KOTAK)


def talenta_pegawai(
    pegawai_ids: Iterable[int],
    *,
    pengaturan: PengaturanKompetensi | None = None,
    tata_letak: dict | None = None,
) -> dict[int, Talenta]:
    """Kinerja (last two SKP), potensi (latest assessment level per competency) and 9-box."""
    pengaturan = pengaturan or PengaturanKompetensi.muat()
    tata_letak = tata_letak or tata_letak_9_kotak()
    ambang = pengaturan.ambang
    ids = list(_potongan(pegawai_ids))
    skp: dict[int, list[tuple[int, str]]] = defaultdict(list)
    for potong in ids:
        for p, tahun, hasil, perilaku in (
            SKPTahunan.objects.filter(pegawai_id__in=potong)
            .order_by("pegawai_id", "-tahun")
            .values_list("pegawai_id", "tahun", "hasil_kerja", "perilaku_kerja")
        ):
            if len(skp[p]) < 2:
                skp[p].append((tahun, rumus.predikat_skp(hasil, perilaku)))
    level = level_dimiliki(i for potong in ids for i in potong)
    hasil: dict[int, Talenta] = {}
    for potong in ids:
        for p in potong:
            predikat = tuple(pr for _, pr in skp.get(p, []))
            nilai = list(level.get(p, {}).values())
            kinerja = rumus.kinerja_dari_skp(predikat, ambang)
            potensi = rumus.potensi_dari_asesmen(nilai, ambang)
            hasil[p] = Talenta(
                predikat=predikat,
                tahun_skp=tuple(t for t, _ in skp.get(p, [])),
                rata_level=round(sum(nilai) / len(nilai), 2) if nilai else None,
                kinerja=kinerja,
                potensi=potensi,
                kotak=rumus.kotak_talenta(kinerja, potensi, tata_letak),
            )
    return hasil


def label_predikat() -> dict[str, str]:
    """The predikat wording kept in admin (one query), falling back to the built-in labels."""
    label = dict(PredikatSKP.choices)
    label.update(dict(LabelPredikatSKP.objects.values_list("kode", "label")))
    return label


def _status_sertifikasi(s: SertifikasiPegawai, tanggal: datetime.date, hampir_hari: int) -> str:
    if not s.berlaku_pada(tanggal):
        return "kedaluwarsa" if s.tanggal_terbit <= tanggal else "belum_berlaku"
    if s.berlaku_sampai and (s.berlaku_sampai - tanggal).days <= hampir_hari:
        return "hampir_habis"
    return "berlaku"


def profil_kompetensi(pegawai, tanggal: datetime.date | None = None) -> dict:
    """Everything the profile shows about competencies, training, certifications, SKP, the
    9-box and the fit to the current jabatan. A constant number of queries (about ten)."""
    tanggal = tanggal or timezone.localdate()
    pengaturan = PengaturanKompetensi.muat()
    label = label_predikat()
    skp = list(SKPTahunan.objects.filter(pegawai=pegawai).order_by("-tahun"))
    for s in skp:
        s.predikat_label = label.get(s.predikat, s.predikat)
    asesmen = list(
        HasilAsesmen.objects.filter(pegawai=pegawai)
        .select_related("kompetensi")
        .order_by("kompetensi__jenis", "kompetensi__kode", "-tanggal", "-pk")
    )
    terbaru: dict[int, HasilAsesmen] = {}
    for a in asesmen:
        terbaru.setdefault(a.kompetensi_id, a)
    pelatihan = list(
        RiwayatPelatihan.objects.filter(pegawai=pegawai)
        .select_related("program")
        .order_by("-tahun", "nama", "pk")
    )
    sertifikasi = list(
        SertifikasiPegawai.objects.filter(pegawai=pegawai)
        .select_related("jenis_sertifikasi")
        .order_by("jenis_sertifikasi__nama", "-tanggal_terbit")
    )
    for s in sertifikasi:
        s.status = _status_sertifikasi(s, tanggal, pengaturan.sertifikasi_hampir_habis_hari)
    fakta = rumus.FaktaPegawai(
        kompetensi={k: a.level for k, a in terbaru.items()},
        sertifikasi_berlaku=frozenset(
            s.jenis_sertifikasi_id for s in sertifikasi if s.berlaku_pada(tanggal)
        ),
        sertifikasi_kedaluwarsa=frozenset(
            s.jenis_sertifikasi_id for s in sertifikasi if not s.berlaku_pada(tanggal)
        ),
        pelatihan=frozenset(p.program_id for p in pelatihan if p.program_id),
    )
    kesesuaian = None
    if pegawai.jabatan_id:
        kesesuaian = uraian_kesenjangan(
            rumus.kesenjangan(standar_jabatan([pegawai.jabatan_id])[pegawai.jabatan_id], fakta),
            toleransi=pengaturan.toleransi_kesenjangan,
        )
    nilai = [a.level for a in terbaru.values()]
    kinerja = rumus.kinerja_dari_skp([s.predikat for s in skp], pengaturan.ambang)
    potensi = rumus.potensi_dari_asesmen(nilai, pengaturan.ambang)
    nomor = rumus.kotak_talenta(kinerja, potensi, tata_letak_9_kotak())
    return {
        "skp": skp,
        "asesmen": list(terbaru.values()),
        "pelatihan": pelatihan,
        "jp_tahun_ini": sum(p.jam_pelajaran for p in pelatihan if p.tahun == tanggal.year),
        "jp_target": pengaturan.jp_pelatihan_per_tahun,
        "sertifikasi": sertifikasi,
        "kinerja": kinerja,
        "potensi": potensi,
        "kotak": KotakTalenta.objects.filter(nomor=nomor).first() if nomor else None,
        "kesesuaian": kesesuaian,
    }


def uraian_kesenjangan(gap: rumus.Kesenjangan, *, toleransi: int = 0) -> dict:
    """A gap spelled out with names for pages and the API (three queries at most)."""
    from instansi.models_kompetensi import JenisSertifikasi, Kompetensi, ProgramPelatihan

    kompetensi = (
        {k.pk: k for k in Kompetensi.objects.filter(pk__in=gap.kompetensi)}
        if gap.kompetensi
        else {}
    )
    sertifikasi_ids = gap.sertifikasi_tidak_berlaku
    sertifikasi = (
        {s.pk: s for s in JenisSertifikasi.objects.filter(pk__in=sertifikasi_ids)}
        if sertifikasi_ids
        else {}
    )
    program = (
        {p.pk: p for p in ProgramPelatihan.objects.filter(pk__in=gap.pelatihan_kurang)}
        if gap.pelatihan_kurang
        else {}
    )
    return {
        "cocok": gap.cocok(toleransi),
        "kompetensi": [
            {
                "kompetensi": kompetensi[k],
                "kesenjangan": g,
                "belum_dinilai": k in gap.belum_dinilai,
            }
            for k, g in sorted(gap.kompetensi.items(), key=lambda kv: kompetensi[kv[0]].kode)
        ],
        "sertifikasi_kurang": [sertifikasi[s] for s in sorted(gap.sertifikasi_kurang)],
        "sertifikasi_kedaluwarsa": [sertifikasi[s] for s in sorted(gap.sertifikasi_kedaluwarsa)],
        "pelatihan_kurang": [program[p] for p in sorted(gap.pelatihan_kurang)],
    }
