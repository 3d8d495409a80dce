"""The rebalancing plan's core: eligible pairs (set-based), costs, the min-cost flow, a greedy
baseline. Pure: numpy and OR-Tools, no ORM — `selectors.py` loads a `Masalah` from the database.

The network: source → origin position (capacity = its movable surplus) → candidate (1) →
eligible target position (1) → sink. A target has one arc to the sink per place, the k-th place
worth `BOBOT_PRESISI × (shortage before it ÷ need)`: the first place of a post that is short of
half its need is worth more than the last place of a post short of one in twenty. That worth is
multiplied by a factor larger than every secondary cost the whole plan can carry, so the solver
fills as much weighted shortage as possible first and only then minimises the secondary costs.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import numpy as np

from ..aturan import (
    ATURAN,
    BLOK,
    KODE_FUNGSIONAL,
    PASANGAN,
    PEGAWAI,
    PERINGATAN,
    FaktaJabatan,
    FaktaPegawai,
    KamusKode,
    Kolom,
    KolomPasangan,
    Konteks,
    kolom_jabatan,
    kolom_pegawai,
    vektor_pasangan,
    vektor_pegawai,
)

KECUALIKAN = "kecualikan"
BIAYA = "biaya"

BOBOT_PRESISI = 10_000
# A chunk of candidate × target pairs evaluated at once (bounds memory, not a Python loop per pair).
UKURAN_POTONGAN = 2_000_000
MASA_JABATAN_PENUH_TAHUN = 10

PERINGATAN_RENCANA = tuple(a.kode for a in ATURAN if a.jenis == PERINGATAN)


@dataclass
class PengaturanRencana:
    """The plan's settings: what a warning does (exclude the pair or cost it) and the weights."""

    peringatan: dict[str, str] = field(
        default_factory=lambda: dict.fromkeys(PERINGATAN_RENCANA, KECUALIKAN)
    )
    biaya_peringatan: int = 50  # per warning accepted as a cost
    bobot_antar_instansi: int = 10
    bobot_antar_rumpun: int = 20
    bobot_selisih_kelas: int = 5  # per kelas jabatan of distance
    bobot_kompetensi: int = 5  # per level of competency gap
    bobot_masa_jabatan: int = 2  # per year short of MASA_JABATAN_PENUH_TAHUN in position
    maks_per_instansi_asal: int | None = None
    hanya_dalam_instansi: bool = False

    @classmethod
    def dari_dict(cls, data: dict | None) -> PengaturanRencana:
        bawaan = cls()
        data = dict(data or {})
        peringatan = {**bawaan.peringatan, **(data.pop("peringatan", None) or {})}
        nama = set(cls.__dataclass_fields__)
        return cls(peringatan=peringatan, **{k: v for k, v in data.items() if k in nama})

    def sebagai_dict(self) -> dict:
        return asdict(self)

    def dikecualikan(self, kode: str) -> bool:
        return self.peringatan.get(kode, KECUALIKAN) != BIAYA


@dataclass
class Masalah:
    """One instance: candidates, their origin positions, and the target positions.

    P: candidate columns (aturan.kolom_pegawai) plus `asal` (origin row), `instansi`, `kelas`.
    J: target columns (aturan.kolom_jabatan) plus `instansi`, `kelas`, `tempat` (places the plan
    may fill), `kurang` (the rounded shortage before proposals in flight) and `kebutuhan`.
    Origins: `asal_kapasitas` (movable surplus) and `asal_instansi`, indexed by origin row.
    `kompetensi`: optional (candidate row, target row) → gap in levels, as three arrays.
    """

    P: Kolom
    J: Kolom
    kunci_bidang: np.ndarray
    asal_kapasitas: np.ndarray
    asal_instansi: np.ndarray
    konteks: Konteks
    pengaturan: PengaturanRencana = field(default_factory=PengaturanRencana)
    kompetensi: tuple[np.ndarray, np.ndarray, np.ndarray] | None = None


@dataclass(frozen=True)
class Calon:
    """A candidate: an active holder of a position with a surplus."""

    fakta: FaktaPegawai
    asal: int  # row of the origin position
    instansi: int
    kelas: int


@dataclass(frozen=True)
class Asal:
    """An origin position: how many of its holders may leave (its rounded surplus)."""

    kapasitas: int
    instansi: int


@dataclass(frozen=True)
class Target:
    """A position short of staff."""

    fakta: FaktaJabatan
    instansi: int
    kelas: int
    kurang: int  # rounded shortage (kebutuhan − bezetting)
    kebutuhan: int  # rounded need
    sudah: int = 0  # proposals in flight to it

    @property
    def tempat(self) -> int:
        return max(self.kurang - self.sudah, 0)


def susun_masalah(
    calon: list[Calon],
    asal: list[Asal],
    target: list[Target],
    konteks: Konteks,
    pengaturan: PengaturanRencana | None = None,
    kompetensi=None,
) -> Masalah:
    kamus = KamusKode()
    P = kolom_pegawai([c.fakta for c in calon], kamus)
    P.data.update(
        asal=np.array([c.asal for c in calon], dtype=np.int64),
        instansi=np.array([c.instansi for c in calon], dtype=np.int64),
        kelas=np.array([c.kelas for c in calon], dtype=np.int64),
    )
    J, kunci_bidang = kolom_jabatan([t.fakta for t in target], kamus)
    J.data.update(
        instansi=np.array([t.instansi for t in target], dtype=np.int64),
        kelas=np.array([t.kelas for t in target], dtype=np.int64),
        tempat=np.array([t.tempat for t in target], dtype=np.int64),
        kurang=np.array([t.kurang for t in target], dtype=np.int64),
        kebutuhan=np.array([t.kebutuhan for t in target], dtype=np.int64),
    )
    return Masalah(
        P=P,
        J=J,
        kunci_bidang=kunci_bidang,
        asal_kapasitas=np.array([a.kapasitas for a in asal], dtype=np.int64),
        asal_instansi=np.array([a.instansi for a in asal], dtype=np.int64),
        konteks=konteks,
        pengaturan=pengaturan or PengaturanRencana(),
        kompetensi=kompetensi,
    )


@dataclass
class Pasangan2:
    """Eligible pairs with their secondary cost and its terms."""

    c: np.ndarray  # candidate row
    t: np.ndarray  # target row
    biaya: np.ndarray  # total secondary cost (int64)
    suku: dict[str, np.ndarray]  # cost terms by name
    peringatan: dict[str, np.ndarray]  # warning code → accepted on this pair


@dataclass
class Hasil:
    c: np.ndarray  # moved candidate rows
    t: np.ndarray  # their target rows
    nilai: int  # integer objective (higher is better)
    bobot_terisi: float  # Σ weighted shortage filled
    biaya_sekunder: int
    terisi: np.ndarray  # places filled per target row
    detik_solver: float = 0.0


# --- eligibility, set-based ------------------------------------------------------------------


def _kunci_kelompok(m: Masalah, jenis: np.ndarray, rumpun: np.ndarray) -> np.ndarray:
    """The join key implied by the exclusions: pairs across it are never eligible."""
    peng = m.pengaturan
    kunci = np.zeros(len(jenis), dtype=np.int64)
    if peng.dikecualikan("jenis_jabatan_berbeda"):
        kunci = jenis.astype(np.int64) + 1
        if peng.dikecualikan("rumpun_fungsional_berbeda"):
            kunci = np.where(
                jenis == KODE_FUNGSIONAL, (rumpun.astype(np.int64) + 1) * 64 + kunci, kunci
            )
    return kunci


def calon_layak(m: Masalah) -> tuple[np.ndarray, dict[str, np.ndarray]]:
    """Which candidates pass the person-level rules (blocks, and warnings set to exclude)."""
    hasil = vektor_pegawai(m.P, m.konteks)
    boleh = np.ones(len(m.P), dtype=bool)
    for a in ATURAN:
        if a.tingkat != PEGAWAI:
            continue
        if a.jenis == BLOK or m.pengaturan.dikecualikan(a.kode):
            boleh &= ~hasil[a.kode]
    return boleh, hasil


def bangun_pasangan(m: Masalah) -> Pasangan2:
    """Every eligible (candidate, target) pair with its cost: a band join on (group, education)
    in sorted arrays, then the declared pair rules over whole chunks of pairs."""
    P, J, k, peng = m.P, m.J, m.konteks, m.pengaturan
    boleh_c, temuan_c = calon_layak(m)
    calon = np.flatnonzero(boleh_c)
    kosong = np.zeros(0, dtype=np.int64)
    if len(calon) == 0 or len(J) == 0:
        return Pasangan2(kosong, kosong, kosong, {}, {})

    # Education is a block: a target whose minimum is above the candidate's is never a pair.
    kunci_t = _kunci_kelompok(m, J.jenis, J.rumpun) * 16 + J.pendidikan_minimal
    urut = np.argsort(kunci_t, kind="stable")
    kunci_t_urut = kunci_t[urut]
    kunci_c = _kunci_kelompok(m, P.jenis_asal[calon], P.rumpun_asal[calon]) * 16
    lo = np.searchsorted(kunci_t_urut, kunci_c, "left")
    hi = np.searchsorted(kunci_t_urut, kunci_c + P.pendidikan[calon], "right")
    jumlah = np.maximum(hi - lo, 0)

    potongan_c, potongan_t = [], []
    kumulatif = np.cumsum(jumlah)
    mulai = 0
    while mulai < len(calon):
        dasar = kumulatif[mulai - 1] if mulai else 0
        akhir = int(np.searchsorted(kumulatif, dasar + UKURAN_POTONGAN, "right"))
        akhir = max(akhir, mulai + 1)
        n = jumlah[mulai:akhir]
        total = int(n.sum())
        if total:
            ci = np.repeat(calon[mulai:akhir], n)
            geser = np.arange(total) - np.repeat(np.cumsum(n) - n, n)
            ti = urut[np.repeat(lo[mulai:akhir], n) + geser]
            pr = KolomPasangan(P.ambil(ci), J.ambil(ti), m.kunci_bidang)
            temuan = vektor_pasangan(pr, k)
            boleh = np.ones(total, dtype=bool)
            for a in ATURAN:
                if a.tingkat == PASANGAN and (a.jenis == BLOK or peng.dikecualikan(a.kode)):
                    boleh &= ~temuan[a.kode]
            if peng.hanya_dalam_instansi:
                boleh &= pr.p.instansi == pr.j.instansi
            potongan_c.append(ci[boleh])
            potongan_t.append(ti[boleh])
        mulai = akhir
    c = np.concatenate(potongan_c) if potongan_c else kosong
    t = np.concatenate(potongan_t) if potongan_t else kosong
    return hitung_biaya(m, c, t, temuan_c)


def hitung_biaya(
    m: Masalah, c: np.ndarray, t: np.ndarray, temuan_c: dict[str, np.ndarray] | None = None
) -> Pasangan2:
    """The secondary cost of each pair and its terms (all integers)."""
    P, J, k, peng = m.P, m.J, m.konteks, m.pengaturan
    if temuan_c is None:
        temuan_c = vektor_pegawai(P, k)
    pr = KolomPasangan(P.ambil(c), J.ambil(t), m.kunci_bidang)
    temuan_p = vektor_pasangan(pr, k)
    peringatan = {}
    for a in ATURAN:
        if a.jenis == PERINGATAN and not peng.dikecualikan(a.kode):
            nilai = temuan_c[a.kode][c] if a.tingkat == PEGAWAI else temuan_p[a.kode]
            peringatan[a.kode] = nilai
    jumlah_peringatan = sum(
        (v.astype(np.int64) for v in peringatan.values()), np.zeros(len(c), np.int64)
    )
    tahun = np.where(pr.p.tmt_jabatan > 0, (k.hari_ini.toordinal() - pr.p.tmt_jabatan) // 365, 0)
    suku = {
        "antar_instansi": peng.bobot_antar_instansi * (pr.p.instansi != pr.j.instansi),
        "antar_rumpun": peng.bobot_antar_rumpun * (pr.p.rumpun_asal != pr.j.rumpun),
        "selisih_kelas": peng.bobot_selisih_kelas * np.abs(pr.p.kelas - pr.j.kelas),
        "kompetensi": peng.bobot_kompetensi * _gap_kompetensi(m, c, t),
        "masa_jabatan": peng.bobot_masa_jabatan
        * np.clip(MASA_JABATAN_PENUH_TAHUN - tahun, 0, MASA_JABATAN_PENUH_TAHUN),
        "peringatan": peng.biaya_peringatan * jumlah_peringatan,
    }
    suku = {nama: np.asarray(v, dtype=np.int64) for nama, v in suku.items()}
    biaya = sum(suku.values(), np.zeros(len(c), np.int64))
    return Pasangan2(c.astype(np.int64), t.astype(np.int64), biaya, suku, peringatan)


def _gap_kompetensi(m: Masalah, c: np.ndarray, t: np.ndarray) -> np.ndarray:
    if m.kompetensi is None or len(c) == 0:
        return np.zeros(len(c), dtype=np.int64)
    kc, kt, gap = m.kompetensi
    lebar = max(len(m.J), 1)
    kunci = kc.astype(np.int64) * lebar + kt
    urut = np.argsort(kunci)
    kunci, gap = kunci[urut], gap[urut]
    cari = c * lebar + t
    pos = np.minimum(np.searchsorted(kunci, cari), max(len(kunci) - 1, 0))
    ada = kunci[pos] == cari if len(kunci) else np.zeros(len(c), bool)
    return np.where(ada, gap[pos] if len(kunci) else 0, 0).astype(np.int64)


# --- the objective ---------------------------------------------------------------------------


def bobot_tempat(m: Masalah) -> tuple[np.ndarray, np.ndarray]:
    """For each place the plan may fill: (target row, integer worth), best place first per target.

    The k-th place of a target short of `kurang` with `tempat` places left (the others are taken
    by proposals in flight) and a need of `kebutuhan` is worth (kurang − sudah − k + 1) ÷ kebutuhan.
    """
    tempat = np.maximum(m.J.tempat, 0)
    t = np.repeat(np.arange(len(m.J)), tempat)
    k = np.arange(len(t)) - np.repeat(np.cumsum(tempat) - tempat, tempat)
    sisa = np.repeat(m.J.tempat, tempat) - k  # shortage left before this place is filled
    keb = np.maximum(np.repeat(m.J.kebutuhan, tempat), 1)
    return t, (BOBOT_PRESISI * sisa + keb // 2) // keb


def faktor_dominan(ps: Pasangan2, m: Masalah) -> int:
    """Larger than the secondary cost of any whole plan, so one unit of worth outweighs it."""
    aliran = min(int(np.maximum(m.asal_kapasitas, 0).sum()), int(np.maximum(m.J.tempat, 0).sum()))
    maks = int(ps.biaya.max()) if len(ps.biaya) else 0
    return maks * max(aliran, 1) + 1


def nilai_rencana(
    m: Masalah, ps: Pasangan2, pilih: np.ndarray
) -> tuple[int, float, int, np.ndarray]:
    """Objective of a set of chosen pairs (indices into `ps`): (integer value, weighted shortage
    filled, secondary cost, places filled per target). Used by every solver here and the tests."""
    M = faktor_dominan(ps, m)
    t_tempat, bobot = bobot_tempat(m)
    terisi = np.bincount(ps.t[pilih], minlength=len(m.J)) if len(pilih) else np.zeros(len(m.J), int)
    # Places of a target are filled best first: the first `terisi[t]` of its places count.
    awal = np.cumsum(np.maximum(m.J.tempat, 0)) - np.maximum(m.J.tempat, 0)
    urutan = np.arange(len(t_tempat)) - awal[t_tempat] if len(t_tempat) else t_tempat
    dipakai = urutan < terisi[t_tempat] if len(t_tempat) else np.zeros(0, bool)
    worth = int(bobot[dipakai].sum())
    biaya = int(ps.biaya[pilih].sum()) if len(pilih) else 0
    bobot_terisi = float(worth) / BOBOT_PRESISI
    return worth * M - biaya, bobot_terisi, biaya, terisi


def sah(m: Masalah, ps: Pasangan2, pilih: np.ndarray) -> bool:
    """Capacities hold: nobody twice, no origin beyond its surplus, no target beyond its places."""
    c, t = ps.c[pilih], ps.t[pilih]
    if len(np.unique(c)) != len(c):
        return False
    asal = m.P.asal[c]
    if np.any(np.bincount(asal, minlength=len(m.asal_kapasitas)) > m.asal_kapasitas):
        return False
    if np.any(np.bincount(t, minlength=len(m.J)) > np.maximum(m.J.tempat, 0)):
        return False
    K = m.pengaturan.maks_per_instansi_asal
    if K is not None and len(c):
        _, n = np.unique(m.asal_instansi[asal], return_counts=True)
        if np.any(n > K):
            return False
    return True


# --- solvers ---------------------------------------------------------------------------------


def selesaikan(m: Masalah, ps: Pasangan2) -> Hasil:
    """The exact optimum by min-cost flow (OR-Tools SimpleMinCostFlow)."""
    import time

    from ortools.graph.python import min_cost_flow

    C, T, A = len(m.P), len(m.J), len(m.asal_kapasitas)
    kap_asal = np.maximum(m.asal_kapasitas, 0).astype(np.int64)
    aliran = min(int(kap_asal.sum()), int(np.maximum(m.J.tempat, 0).sum()), len(np.unique(ps.c)))
    if len(ps.c) == 0 or aliran == 0:
        return _hasil_kosong(m, ps)
    K = m.pengaturan.maks_per_instansi_asal
    instansi_kode, instansi_asal = np.unique(m.asal_instansi, return_inverse=True)
    SUMBER, SERAP = 0, 1
    n_inst = len(instansi_kode) if K is not None else 0
    simpul_inst = 2
    simpul_asal = simpul_inst + n_inst
    simpul_calon = simpul_asal + A
    simpul_target = simpul_calon + C

    M = faktor_dominan(ps, m)
    t_tempat, bobot = bobot_tempat(m)
    ekor, kepala, kap, biaya = [], [], [], []

    def busur(e, h, k, b):
        ekor.append(np.asarray(e, np.int64))
        kepala.append(np.asarray(h, np.int64))
        kap.append(np.broadcast_to(np.asarray(k, np.int64), np.shape(e)).copy())
        biaya.append(np.broadcast_to(np.asarray(b, np.int64), np.shape(e)).copy())

    asal_idx = np.arange(A)
    if K is not None:
        busur(np.zeros(n_inst), simpul_inst + np.arange(n_inst), K, 0)
        busur(simpul_inst + instansi_asal, simpul_asal + asal_idx, kap_asal, 0)
    else:
        busur(np.zeros(A), simpul_asal + asal_idx, kap_asal, 0)
    dipakai = np.unique(ps.c)
    busur(simpul_asal + m.P.asal[dipakai], simpul_calon + dipakai, 1, 0)
    busur(simpul_calon + ps.c, simpul_target + ps.t, 1, ps.biaya)
    busur(simpul_target + t_tempat, np.full(len(t_tempat), SERAP), 1, -bobot * M)
    busur([SUMBER], [SERAP], aliran, 0)  # what is not worth moving flows past the network

    smcf = min_cost_flow.SimpleMinCostFlow()
    idx_pasangan_awal = sum(len(e) for e in ekor[:-3])
    smcf.add_arcs_with_capacity_and_unit_cost(
        np.concatenate(ekor), np.concatenate(kepala), np.concatenate(kap), np.concatenate(biaya)
    )
    pasokan = np.zeros(simpul_target + T, dtype=np.int64)
    pasokan[SUMBER], pasokan[SERAP] = aliran, -aliran
    smcf.set_nodes_supplies(np.arange(len(pasokan)), pasokan)
    mulai = time.perf_counter()
    status = smcf.solve()
    detik = time.perf_counter() - mulai
    if status != smcf.OPTIMAL:
        raise RuntimeError(f"Min-cost flow gagal (status {status}).")
    busur_pasangan = np.arange(idx_pasangan_awal, idx_pasangan_awal + len(ps.c))
    pilih = np.flatnonzero(smcf.flows(busur_pasangan.astype(np.int32)) > 0)
    nilai, bobot_terisi, biaya_sek, terisi = nilai_rencana(m, ps, pilih)
    assert nilai == -smcf.optimal_cost(), "objektif solver dan nilai_rencana berbeda"
    return Hasil(ps.c[pilih], ps.t[pilih], nilai, bobot_terisi, biaya_sek, terisi, detik)


def _hasil_kosong(m, ps):
    kosong = np.zeros(0, np.int64)
    return Hasil(kosong, kosong, 0, 0.0, 0, np.zeros(len(m.J), np.int64))


def pilihan_hasil(ps: Pasangan2, hasil: Hasil) -> np.ndarray:
    """Indices into `ps` of the moves of `hasil`."""
    kunci = ps.c * (int(ps.t.max(initial=0)) + 1) + ps.t
    cari = hasil.c * (int(ps.t.max(initial=0)) + 1) + hasil.t
    return np.flatnonzero(np.isin(kunci, cari))


def serakah(m: Masalah, ps: Pasangan2) -> Hasil:
    """Baseline: the largest shortage first, each place to its cheapest free eligible candidate."""
    if len(ps.c) == 0:
        return _hasil_kosong(m, ps)
    tempat = np.maximum(m.J.tempat, 0).copy()
    rasio = m.J.tempat / np.maximum(m.J.kebutuhan, 1)
    # Order targets by shortage (places) descending, then by relative shortage, then row.
    urut_target = np.lexsort((np.arange(len(m.J)), -rasio, -m.J.tempat))
    pangkat = np.empty(len(m.J), np.int64)
    pangkat[urut_target] = np.arange(len(m.J))
    urut = np.lexsort((ps.c, ps.biaya, pangkat[ps.t]))
    kap_asal = np.maximum(m.asal_kapasitas, 0).copy()
    K = m.pengaturan.maks_per_instansi_asal
    per_inst: dict[int, int] = {}
    pindah = np.zeros(len(m.P), bool)
    pilih = []
    for i in urut.tolist():
        c, t = int(ps.c[i]), int(ps.t[i])
        if tempat[t] == 0 or pindah[c]:
            continue
        a = int(m.P.asal[c])
        if kap_asal[a] == 0:
            continue
        inst = int(m.asal_instansi[a])
        if K is not None and per_inst.get(inst, 0) >= K:
            continue
        tempat[t] -= 1
        kap_asal[a] -= 1
        pindah[c] = True
        per_inst[inst] = per_inst.get(inst, 0) + 1
        pilih.append(i)
    pilih = np.array(pilih, dtype=np.int64)
    nilai, bobot_terisi, biaya_sek, terisi = nilai_rencana(m, ps, pilih)
    return Hasil(ps.c[pilih], ps.t[pilih], nilai, bobot_terisi, biaya_sek, terisi)
