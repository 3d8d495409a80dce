"""Reads of the plan: the instance (`muat_masalah`) from the ABK results and the register in a
constant number of queries, the stored plans and their moves."""

from __future__ import annotations

import datetime
import hashlib
import json
from dataclasses import dataclass

import numpy as np
from django.db.models import Exists, OuterRef
from django.utils import timezone

from analisis_beban.models import HasilABK, PeriodeABK
from instansi.models import Jabatan
from pegawai.models import Pegawai

from ..aturan import (
    FaktaJabatan,
    FaktaPegawai,
    Konteks,
    daftar_bidang,
    normal_bidang,
    rumpun_jabatan,
)
from ..choices import STATUS_BERJALAN
from ..models import PengaturanMutasi, UsulanMutasi
from ..rules import boleh_pindah_sejak
from ..selectors import usulan_lain_diproses
from .inti import (
    BOBOT_PRESISI,
    Asal,
    Calon,
    Masalah,
    PengaturanRencana,
    Target,
    bangun_pasangan,
    susun_masalah,
)
from .models import LangkahRencana, RencanaPemerataan

KOLOM_HASIL = (
    "jabatan_id",
    "unit_kerja_id",
    "instansi_id",
    "total_beban_menit",
    "kebutuhan",
    "kebutuhan_bulat",
    "bezetting",
    "selisih",
    "ej",
    "pj",
)


@dataclass
class DataMasalah:
    """A `Masalah` with the database ids behind its rows and the ABK rows it read."""

    masalah: Masalah
    pegawai_ids: list[int]
    asal_jabatan_ids: list[int]
    target_jabatan_ids: list[int]
    hasil: dict[int, dict]  # jabatan id → stored ABK row (KOLOM_HASIL) of every position in scope
    jabatan: dict[int, dict]  # jabatan id → name, kind, unit, instansi (origins and targets)
    sidik_jari: str


def _hasil_dalam_lingkup(periode: PeriodeABK, instansi_ids):
    qs = HasilABK.objects.filter(periode=periode, jabatan__aktif=True)
    if instansi_ids:
        qs = qs.filter(instansi_id__in=instansi_ids)
    return qs


def muat_masalah(
    *,
    periode: PeriodeABK,
    instansi_ids: list[int] | None = None,
    pengaturan: PengaturanRencana | None = None,
    hari_ini: datetime.date | None = None,
    hanya_target_ids: list[int] | None = None,
    hanya_pegawai_ids: list[int] | None = None,
) -> DataMasalah:
    """Candidates, origins and targets of a plan for `periode` within `instansi_ids` (None: the
    city). Origins: positions with a surplus, each may give at most its rounded surplus less the
    proposals already taking holders out of it. Targets: positions short of staff, with the
    proposals under way to them already counted as filled. Five queries, whatever the city.

    `hanya_target_ids` keeps only those short positions (a post's candidates);
    `hanya_pegawai_ids` takes only those people as candidates, from whatever position they hold
    (where one person may go) — an origin without a surplus then has no capacity."""
    hari_ini = hari_ini or timezone.localdate()
    pengaturan = pengaturan or PengaturanRencana()
    pengaturan_mutasi = PengaturanMutasi.muat()
    minimal = pengaturan_mutasi.masa_jabatan_minimal_bulan

    hasil = {
        r["jabatan_id"]: r
        for r in _hasil_dalam_lingkup(periode, instansi_ids)
        .order_by("jabatan_id")
        .values(*KOLOM_HASIL)
    }
    asal_ids = [i for i, r in hasil.items() if r["selisih"] > 0]
    target_ids = [i for i, r in hasil.items() if r["selisih"] < 0]
    if hanya_target_ids is not None:
        target_ids = [i for i in target_ids if i in set(hanya_target_ids)]
    if hanya_pegawai_ids is not None:
        milik = set(
            Pegawai.objects.filter(pk__in=hanya_pegawai_ids, jabatan_id__in=hasil).values_list(
                "jabatan_id", flat=True
            )
        )
        asal_ids = sorted(milik)
    jabatan = {
        j["pk"]: j
        for j in Jabatan.objects.filter(pk__in=asal_ids + target_ids).values(
            "pk",
            "nama",
            "jenis",
            "jenjang",
            "kelas_jabatan",
            "pendidikan_minimal",
            "bidang_studi",
            "golongan_minimal",
            "golongan_maksimal",
            "unit_kerja_id",
            "unit_kerja__instansi_id",
        )
    }
    lain = usulan_lain_diproses(asal_ids + target_ids)

    asal_baris = {}
    asal = []
    for i in asal_ids:
        kap = max(hasil[i]["selisih"] - lain[i]["keluar"], 0)
        asal_baris[i] = len(asal)
        asal.append(Asal(kapasitas=kap, instansi=hasil[i]["instansi_id"]))

    berjalan = UsulanMutasi.objects.filter(pegawai_id=OuterRef("pk"), status__in=STATUS_BERJALAN)
    pegawai_qs = Pegawai.objects.filter(aktif=True, jabatan_id__in=asal_ids)
    if hanya_pegawai_ids is not None:
        pegawai_qs = pegawai_qs.filter(pk__in=hanya_pegawai_ids)
    pegawai_rows = (
        pegawai_qs.annotate(berjalan=Exists(berjalan))
        .order_by("pk")
        .values(
            "pk",
            "jabatan_id",
            "tanggal_lahir",
            "proses_disiplin",
            "tugas_belajar",
            "cuti_luar_tanggungan",
            "temuan_inspektorat",
            "pendidikan",
            "bidang_studi",
            "golongan",
            "tmt_jabatan",
            "berjalan",
        )
    )
    contoh_jabatan = {
        i: Jabatan(jenis=j["jenis"], jenjang=j["jenjang"]) for i, j in jabatan.items()
    }
    calon, pegawai_ids = [], []
    for r in pegawai_rows:
        j = jabatan[r["jabatan_id"]]
        # The model's own retirement rule (BUP by the position held), on an unsaved instance.
        pensiun = Pegawai(
            tanggal_lahir=r["tanggal_lahir"], jabatan=contoh_jabatan[r["jabatan_id"]]
        ).tanggal_pensiun
        fakta = FaktaPegawai(
            aktif=True,
            proses_disiplin=r["proses_disiplin"],
            tugas_belajar=r["tugas_belajar"],
            cuti_luar_tanggungan=r["cuti_luar_tanggungan"],
            temuan_inspektorat=r["temuan_inspektorat"],
            usulan_lain="-" if r["berjalan"] else None,
            jabatan_asal_id=r["jabatan_id"],
            jenis_asal=j["jenis"],
            rumpun_asal=rumpun_jabatan(j["nama"], j["jenis"]),
            nama_asal=normal_bidang(j["nama"]),
            kelas_asal=j["kelas_jabatan"] or 0,
            pendidikan=r["pendidikan"] or 0,
            bidang_studi=normal_bidang(r["bidang_studi"]),
            golongan=r["golongan"] or 0,
            tmt_jabatan=r["tmt_jabatan"],
            boleh_pindah_sejak=boleh_pindah_sejak(r["tmt_jabatan"], minimal),
            tanggal_pensiun=pensiun,
        )
        calon.append(
            Calon(
                fakta=fakta,
                asal=asal_baris[r["jabatan_id"]],
                instansi=hasil[r["jabatan_id"]]["instansi_id"],
                kelas=j["kelas_jabatan"],
            )
        )
        pegawai_ids.append(r["pk"])

    target = []
    for i in target_ids:
        j = jabatan[i]
        target.append(
            Target(
                fakta=FaktaJabatan(
                    id=i,
                    jenis=j["jenis"],
                    rumpun=rumpun_jabatan(j["nama"], j["jenis"]),
                    nama=normal_bidang(j["nama"]),
                    kelas=j["kelas_jabatan"] or 0,
                    pendidikan_minimal=j["pendidikan_minimal"] or 0,
                    bidang_studi=daftar_bidang(j["bidang_studi"]),
                    golongan_minimal=j["golongan_minimal"] or 0,
                    golongan_maksimal=j["golongan_maksimal"] or 0,
                ),
                instansi=hasil[i]["instansi_id"],
                kelas=j["kelas_jabatan"],
                kurang=-hasil[i]["selisih"],
                kebutuhan=hasil[i]["kebutuhan_bulat"],
                sudah=lain[i]["masuk"],
            )
        )
    konteks = Konteks(
        hari_ini=hari_ini,
        masa_jabatan_minimal_bulan=minimal,
        batas_turun_kelas=pengaturan_mutasi.batas_turun_kelas,
    )
    masalah = susun_masalah(calon, asal, target, konteks, pengaturan)
    return DataMasalah(
        masalah=masalah,
        pegawai_ids=pegawai_ids,
        asal_jabatan_ids=asal_ids,
        target_jabatan_ids=target_ids,
        hasil=hasil,
        jabatan=jabatan,
        sidik_jari=sidik_jari(masalah, pegawai_ids, asal_ids, target_ids, periode),
    )


def sidik_jari(m: Masalah, pegawai_ids, asal_ids, target_ids, periode) -> str:
    """SHA-256 of every input the solver reads: the same inputs give the same plan."""
    h = hashlib.sha256()
    h.update(json.dumps([periode.pk, periode.wke_menit, m.konteks.hari_ini.isoformat()]).encode())
    h.update(json.dumps(m.pengaturan.sebagai_dict(), sort_keys=True).encode())
    h.update(json.dumps([m.konteks.masa_jabatan_minimal_bulan]).encode())
    for ids in (pegawai_ids, asal_ids, target_ids):
        h.update(np.asarray(ids, dtype=np.int64).tobytes())
    for kolom in (m.P, m.J):
        for nama in sorted(kolom.data):
            h.update(nama.encode())
            h.update(np.ascontiguousarray(kolom.data[nama]).tobytes())
    for arr in (m.kunci_bidang, m.asal_kapasitas, m.asal_instansi):
        h.update(np.ascontiguousarray(arr).tobytes())
    return h.hexdigest()


def peringkat(data: DataMasalah) -> list[dict]:
    """Every eligible (person, short position) pair of `data`, best first: the worth of the
    position's next place (its shortage relative to its need), then the plan's secondary cost."""
    m = data.masalah
    ps = bangun_pasangan(m)
    worth = (BOBOT_PRESISI * m.J.tempat + m.J.kebutuhan // 2) // np.maximum(m.J.kebutuhan, 1)
    urut = np.lexsort((ps.c, ps.biaya, -worth[ps.t])) if len(ps.c) else []
    hasil = []
    for i in urut:
        c, t = int(ps.c[i]), int(ps.t[i])
        hasil.append(
            {
                "pegawai_id": data.pegawai_ids[c],
                "jabatan_id": data.target_jabatan_ids[t],
                "kurang": int(m.J.kurang[t]),
                "tempat": int(m.J.tempat[t]),
                "kebutuhan": int(m.J.kebutuhan[t]),
                "biaya": int(ps.biaya[i]),
                "suku": {k: int(v[i]) for k, v in ps.suku.items()},
                "peringatan": [k for k, v in ps.peringatan.items() if v[i]],
                "asal_kapasitas": int(m.asal_kapasitas[m.P.asal[c]]),
            }
        )
    return hasil


def kandidat_jabatan(jabatan_id: int, *, periode: PeriodeABK) -> list[dict]:
    """A short position's candidates, ranked with the plan's own rules and costs."""
    return peringkat(muat_masalah(periode=periode, hanya_target_ids=[jabatan_id]))


def tujuan_pegawai(pegawai_id: int, *, periode: PeriodeABK) -> list[dict]:
    """Where one person may be moved: the eligible short positions, ranked."""
    return peringkat(muat_masalah(periode=periode, hanya_pegawai_ids=[pegawai_id]))


def rencana_daftar(user):
    return (
        RencanaPemerataan.objects.for_user(user)
        .select_related("periode", "dibuat_oleh")
        .prefetch_related("instansi")
    )


def langkah_daftar(rencana: RencanaPemerataan):
    return LangkahRencana.objects.filter(rencana=rencana).select_related(
        "pegawai",
        "jabatan_asal",
        "jabatan_tujuan",
        "unit_asal",
        "unit_tujuan",
        "instansi_asal",
        "instansi_tujuan",
        "usulan",
    )
