"""The eligibility rules of one pegawai for one destination jabatan, declared once.

Each rule has two readings of the same condition: `cek` for one pair (the proposal's
`periksa_kelayakan`) and `vektor` over numpy columns (the rebalancing plan, which evaluates
millions of pairs at once). `tests/usulan_mutasi/test_aturan.py` checks that both agree on random
data. Rules whose `tingkat` is PEGAWAI look only at the person, so the plan evaluates them once per
candidate; PASANGAN rules need the destination too.

Pure: dataclasses and numpy, no ORM. `fakta_*` builders that read models live in rules.py.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from instansi.choices import Golongan, JenisJabatan, Jenjang, Pendidikan

BLOK = "blok"
PERINGATAN = "peringatan"

PEGAWAI = "pegawai"
PASANGAN = "pasangan"

# Codes of the kinds of position as small integers for the vector form.
KODE_JENIS = {j.value: i for i, j in enumerate(JenisJabatan)}
JENIS_STRUKTURAL = (
    JenisJabatan.JPT.value,
    JenisJabatan.ADMINISTRATOR.value,
    JenisJabatan.PENGAWAS.value,
)
KODE_STRUKTURAL = np.array([KODE_JENIS[j] for j in JENIS_STRUKTURAL])
KODE_FUNGSIONAL = KODE_JENIS[JenisJabatan.FUNGSIONAL.value]

_LABEL_JENJANG = sorted((j.label for j in Jenjang), key=len, reverse=True)


def rumpun_jabatan(nama: str, jenis: str) -> str:
    """The family of a position: a JF's name without its level ('Perawat Terampil' → 'Perawat');
    any other position is its own family. Lower case, single spaces."""
    bersih = " ".join(str(nama or "").split())
    if jenis == JenisJabatan.FUNGSIONAL:
        for label in _LABEL_JENJANG:
            if bersih.lower().endswith(" " + label.lower()):
                bersih = bersih[: -len(label) - 1]
                break
    return bersih.lower()


def normal_bidang(teks: str) -> str:
    return " ".join(str(teks or "").lower().split())


def daftar_bidang(teks: str) -> tuple[str, ...]:
    return tuple(sorted({normal_bidang(b) for b in str(teks or "").split(",") if b.strip()}))


def tambah_bulan(tanggal: datetime.date, bulan: int) -> datetime.date:
    tahun, sisa = divmod(tanggal.month - 1 + bulan, 12)
    bulan_baru = sisa + 1
    tahun_baru = tanggal.year + tahun
    hari = tanggal.day
    while True:
        try:
            return datetime.date(tahun_baru, bulan_baru, hari)
        except ValueError:
            hari -= 1


def _tgl(tanggal: datetime.date | None) -> str:
    return tanggal.strftime("%d/%m/%Y") if tanggal else "-"


def _label_golongan(nilai) -> str:
    return Golongan(nilai).label if nilai in Golongan.values else str(nilai)


@dataclass(frozen=True)
class FaktaPegawai:
    """What the rules read of a person (and of the position they move from)."""

    aktif: bool = True
    proses_disiplin: bool = False
    tugas_belajar: bool = False
    cuti_luar_tanggungan: bool = False
    temuan_inspektorat: bool = False
    usulan_lain: str | None = None  # number of another proposal in progress, "-" if unnumbered
    jabatan_asal_id: int | None = None
    jenis_asal: str = ""
    rumpun_asal: str = ""
    nama_asal: str = ""  # normalised (normal_bidang) name of the position held
    kelas_asal: int = 0  # its kelas jabatan; 0: unknown
    pendidikan: int = 0
    bidang_studi: str = ""  # normalised (normal_bidang)
    golongan: int = 0
    tmt_jabatan: datetime.date | None = None
    boleh_pindah_sejak: datetime.date | None = None  # tmt_jabatan + the minimum time in position
    tanggal_pensiun: datetime.date = datetime.date(2100, 1, 1)


@dataclass(frozen=True)
class FaktaJabatan:
    """What the rules read of the destination position."""

    id: int
    jenis: str
    rumpun: str = ""
    nama: str = ""  # normalised (normal_bidang)
    kelas: int = 0  # kelas jabatan; 0: unknown
    pendidikan_minimal: int = 0  # 0: none
    bidang_studi: tuple[str, ...] = ()  # normalised; empty: every field
    golongan_minimal: int = 0  # 0: none
    golongan_maksimal: int = 0


@dataclass(frozen=True)
class Konteks:
    hari_ini: datetime.date
    masa_jabatan_minimal_bulan: int = 6
    cek_masa_jabatan: bool = True  # not for a transfer in from another government
    # A drop of more kelas jabatan than this needs a justification (PengaturanMutasi).
    batas_turun_kelas: int = 2

    @property
    def batas_pensiun(self) -> datetime.date:
        return tambah_bulan(self.hari_ini, 12)


# --- the vector form's tables ----------------------------------------------------------------


def _ordinal(tanggal: datetime.date | None, kosong: int) -> int:
    return tanggal.toordinal() if tanggal else kosong


@dataclass
class Kolom:
    """Columns of facts as numpy arrays (one row per person, or per position, or per pair)."""

    data: dict[str, np.ndarray] = field(default_factory=dict)

    def __getattr__(self, nama):
        try:
            return self.data[nama]
        except KeyError as exc:
            raise AttributeError(nama) from exc

    def __len__(self):
        return len(next(iter(self.data.values()))) if self.data else 0

    def ambil(self, indeks: np.ndarray) -> Kolom:
        """The rows at `indeks`; each column is gathered only when a rule reads it."""
        return KolomTerambil(self.data, indeks)


class KolomTerambil(Kolom):
    def __init__(self, sumber: dict[str, np.ndarray], indeks: np.ndarray):
        super().__init__({})
        self._sumber, self._indeks = sumber, indeks

    def __getattr__(self, nama):
        if nama.startswith("_"):
            raise AttributeError(nama)
        if nama not in self.data:
            try:
                self.data[nama] = self._sumber[nama][self._indeks]
            except KeyError as exc:
                raise AttributeError(nama) from exc
        return self.data[nama]

    def __len__(self):
        return len(self._indeks)


class KamusKode:
    """Strings (families, fields of study) as stable small integers; 0 is the empty string."""

    def __init__(self):
        self.kode: dict[str, int] = {"": 0}

    def __call__(self, teks: str) -> int:
        return self.kode.setdefault(teks, len(self.kode))


def kolom_pegawai(fakta: list[FaktaPegawai], kamus: KamusKode) -> Kolom:
    def arr(f, dtype=np.int64):
        return np.fromiter((f(p) for p in fakta), dtype=dtype, count=len(fakta))

    return Kolom(
        {
            "aktif": arr(lambda p: p.aktif, bool),
            "proses_disiplin": arr(lambda p: p.proses_disiplin, bool),
            "tugas_belajar": arr(lambda p: p.tugas_belajar, bool),
            "cuti_luar_tanggungan": arr(lambda p: p.cuti_luar_tanggungan, bool),
            "temuan_inspektorat": arr(lambda p: p.temuan_inspektorat, bool),
            "berjalan": arr(lambda p: p.usulan_lain is not None, bool),
            "jabatan_asal_id": arr(lambda p: p.jabatan_asal_id or 0),
            "jenis_asal": arr(lambda p: KODE_JENIS.get(p.jenis_asal, -1)),
            "rumpun_asal": arr(lambda p: kamus(p.rumpun_asal)),
            "nama_asal": arr(lambda p: kamus(p.nama_asal)),
            "kelas_asal": arr(lambda p: p.kelas_asal),
            "pendidikan": arr(lambda p: p.pendidikan),
            "bidang_studi": arr(lambda p: kamus(p.bidang_studi)),
            "golongan": arr(lambda p: p.golongan),
            # No TMT: the time in position is unknown and never blocks (as in the proposal).
            "boleh_pindah_sejak": arr(lambda p: _ordinal(p.boleh_pindah_sejak, 0)),
            "tmt_jabatan": arr(lambda p: _ordinal(p.tmt_jabatan, 0)),
            "tanggal_pensiun": arr(lambda p: p.tanggal_pensiun.toordinal()),
        }
    )


def kolom_jabatan(fakta: list[FaktaJabatan], kamus: KamusKode) -> tuple[Kolom, np.ndarray]:
    """The positions' columns, and the sorted keys `position row × B + field code` of every
    field of study a position accepts (B = a bound on the codes, stored as column `_b`)."""

    def arr(f, dtype=np.int64):
        return np.fromiter((f(j) for j in fakta), dtype=dtype, count=len(fakta))

    kolom = Kolom(
        {
            "id": arr(lambda j: j.id),
            "jenis": arr(lambda j: KODE_JENIS.get(j.jenis, -1)),
            "rumpun": arr(lambda j: kamus(j.rumpun)),
            "nama": arr(lambda j: kamus(j.nama)),
            "kelas": arr(lambda j: j.kelas),
            "pendidikan_minimal": arr(lambda j: j.pendidikan_minimal or 0),
            "ada_bidang": arr(lambda j: bool(j.bidang_studi), bool),
            "golongan_minimal": arr(lambda j: j.golongan_minimal or 0),
            "golongan_maksimal": arr(lambda j: j.golongan_maksimal or 0),
            "baris": np.arange(len(fakta), dtype=np.int64),
        }
    )
    pasangan = [(i, kamus(b)) for i, j in enumerate(fakta) for b in j.bidang_studi]
    return kolom, _kunci_bidang(pasangan, kamus)


BATAS_KODE = 1 << 20


def _kunci_bidang(pasangan, kamus) -> np.ndarray:
    if len(kamus.kode) >= BATAS_KODE:
        raise ValueError("Terlalu banyak bidang studi yang berbeda.")
    return np.sort(np.array([i * BATAS_KODE + b for i, b in pasangan], dtype=np.int64))


@dataclass
class KolomPasangan:
    """Pairs (person row, position row) with their gathered columns, for the vector form."""

    p: Kolom  # gathered per pair
    j: Kolom  # gathered per pair
    kunci_bidang: np.ndarray  # from kolom_jabatan


# --- the rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Aturan:
    kode: str
    jenis: str  # BLOK or PERINGATAN
    tingkat: str  # PEGAWAI or PASANGAN
    cek: Callable[[FaktaPegawai, FaktaJabatan | None, Konteks], bool]  # True: the rule applies
    vektor: Callable[[Kolom, KolomPasangan | None, Konteks], np.ndarray]
    pesan: Callable[[FaktaPegawai, FaktaJabatan | None, Konteks], str]
    label: str = ""
    # Only the plan applies it (a proposal may still ask for it, with the chain's approval).
    hanya_rencana: bool = False

    @property
    def blok(self) -> bool:
        return self.jenis == BLOK


def _pegawai_blok(kode, atribut, pesan, label):
    return Aturan(
        kode=kode,
        jenis=BLOK,
        tingkat=PEGAWAI,
        cek=lambda p, j, k: bool(getattr(p, atribut)),
        vektor=lambda P, pr, k: np.asarray(getattr(P, atribut), dtype=bool),
        pesan=lambda p, j, k: pesan,
        label=label,
    )


def _bidang_tidak_sesuai_vektor(P, pr, k):
    if pr is None or len(pr.j) == 0:
        return np.zeros(len(P), dtype=bool)
    kunci = pr.j.baris * BATAS_KODE + P.bidang_studi
    pos = np.searchsorted(pr.kunci_bidang, kunci)
    pos = np.minimum(pos, max(len(pr.kunci_bidang) - 1, 0))
    ada = (pr.kunci_bidang[pos] == kunci) if len(pr.kunci_bidang) else np.zeros(len(P), bool)
    return pr.j.ada_bidang & ~ada


def _sejenis(gol, batas):
    # PNS ranges do not apply to PPPK grades and the reverse: compare like with like.
    return (batas > 0) & ((gol > 100) == (batas > 100)) & (gol > 0)


def _jabatan_sama(p, j) -> bool:
    """The same position in another unit (Perawat Terampil of one puskesmas to another's)."""
    return bool(p.nama_asal) and p.nama_asal == j.nama and p.jenis_asal == j.jenis


def _jabatan_sama_vektor(P, pr):
    return (P.nama_asal != 0) & (P.nama_asal == pr.j.nama) & (P.jenis_asal == pr.j.jenis)


def _golongan_vektor(P, pr, k):
    g, mn, mx = P.golongan, pr.j.golongan_minimal, pr.j.golongan_maksimal
    di_luar = (_sejenis(g, mn) & (g < mn)) | (_sejenis(g, mx) & (g > mx))
    return di_luar & ~_jabatan_sama_vektor(P, pr)


def _golongan_cek(p, j, k):
    g = p.golongan
    sejenis = (lambda b: bool(b) and bool(g) and (g > 100) == (b > 100)) if g else (lambda b: False)
    di_luar = (sejenis(j.golongan_minimal) and g < j.golongan_minimal) or (
        sejenis(j.golongan_maksimal) and g > j.golongan_maksimal
    )
    # Someone who holds this very position already holds it at their grade.
    return di_luar and not _jabatan_sama(p, j)


def _kelas_turun_cek(p, j, k):
    return (
        p.kelas_asal > 0
        and j.kelas > 0
        and p.kelas_asal - j.kelas > k.batas_turun_kelas
        and not _jabatan_sama(p, j)
    )


def _kelas_turun_vektor(P, pr, k):
    turun = (
        (P.kelas_asal > 0) & (pr.j.kelas > 0) & (P.kelas_asal - pr.j.kelas > k.batas_turun_kelas)
    )
    return turun & ~_jabatan_sama_vektor(P, pr)


def _golongan_pesan(p, j, k):
    rentang = "–".join(_label_golongan(g) for g in (j.golongan_minimal, j.golongan_maksimal) if g)
    return (
        f"Golongan pegawai ({_label_golongan(p.golongan)}) di luar rentang golongan jabatan "
        f"tujuan ({rentang})."
    )


def _jenis_berbeda_cek(p, j, k):
    return (
        bool(p.jenis_asal)
        and j.jenis not in JENIS_STRUKTURAL
        and p.jenis_asal != j.jenis
        and (p.jenis_asal not in JENIS_STRUKTURAL)
    )


def _jenis_berbeda_vektor(P, pr, k):
    struktural_j = np.isin(pr.j.jenis, KODE_STRUKTURAL)
    struktural_p = np.isin(P.jenis_asal, KODE_STRUKTURAL)
    return (P.jenis_asal >= 0) & ~struktural_j & ~struktural_p & (P.jenis_asal != pr.j.jenis)


ATURAN: tuple[Aturan, ...] = (
    Aturan(
        kode="pegawai_tidak_aktif",
        jenis=BLOK,
        tingkat=PEGAWAI,
        cek=lambda p, j, k: not p.aktif,
        vektor=lambda P, pr, k: ~np.asarray(P.aktif, dtype=bool),
        pesan=lambda p, j, k: "Pegawai tidak aktif sehingga tidak dapat dimutasi.",
        label="Pegawai aktif",
    ),
    _pegawai_blok(
        "proses_disiplin",
        "proses_disiplin",
        "Pegawai sedang menjalani proses atau hukuman disiplin; mutasi tidak dapat diajukan "
        "sampai prosesnya selesai.",
        "Tidak dalam proses atau hukuman disiplin",
    ),
    _pegawai_blok(
        "tugas_belajar",
        "tugas_belajar",
        "Pegawai sedang tugas belajar; mutasi dapat diajukan setelah tugas belajar selesai.",
        "Tidak sedang tugas belajar",
    ),
    _pegawai_blok(
        "cuti_luar_tanggungan",
        "cuti_luar_tanggungan",
        "Pegawai sedang cuti di luar tanggungan negara; mutasi tidak dapat diajukan.",
        "Tidak cuti di luar tanggungan negara",
    ),
    _pegawai_blok(
        "temuan_inspektorat",
        "temuan_inspektorat",
        "Pegawai memiliki temuan Inspektorat yang belum selesai; selesaikan temuan terlebih "
        "dahulu.",
        "Tidak ada temuan Inspektorat terbuka",
    ),
    Aturan(
        kode="usulan_lain_berjalan",
        jenis=BLOK,
        tingkat=PEGAWAI,
        cek=lambda p, j, k: p.usulan_lain is not None,
        vektor=lambda P, pr, k: np.asarray(P.berjalan, dtype=bool),
        pesan=lambda p, j, k: (
            f"Pegawai ini sudah memiliki usulan mutasi lain yang sedang berjalan "
            f"({p.usulan_lain or '-'}); selesaikan atau batalkan usulan itu terlebih dahulu."
        ),
        label="Tidak ada usulan mutasi lain yang berjalan",
    ),
    Aturan(
        kode="tujuan_sama_dengan_asal",
        jenis=BLOK,
        tingkat=PASANGAN,
        cek=lambda p, j, k: bool(p.jabatan_asal_id) and p.jabatan_asal_id == j.id,
        vektor=lambda P, pr, k: (P.jabatan_asal_id > 0) & (P.jabatan_asal_id == pr.j.id),
        pesan=lambda p, j, k: (
            "Jabatan tujuan sama dengan jabatan asal; pilih jabatan tujuan yang lain."
        ),
        label="Jabatan tujuan berbeda dari jabatan asal",
    ),
    Aturan(
        kode="pendidikan_kurang",
        jenis=BLOK,
        tingkat=PASANGAN,
        cek=lambda p, j, k: bool(j.pendidikan_minimal) and p.pendidikan < j.pendidikan_minimal,
        vektor=lambda P, pr, k: (
            (pr.j.pendidikan_minimal > 0) & (P.pendidikan < pr.j.pendidikan_minimal)
        ),
        pesan=lambda p, j, k: (
            f"Pendidikan pegawai ({Pendidikan(p.pendidikan).label}) di bawah pendidikan "
            f"minimal jabatan tujuan ({Pendidikan(j.pendidikan_minimal).label})."
        ),
        label="Pendidikan memenuhi pendidikan minimal",
    ),
    Aturan(
        kode="asal_struktural",
        jenis=BLOK,
        tingkat=PEGAWAI,
        cek=lambda p, j, k: p.jenis_asal in JENIS_STRUKTURAL,
        vektor=lambda P, pr, k: np.isin(P.jenis_asal, KODE_STRUKTURAL),
        pesan=lambda p, j, k: (
            "Pejabat struktural tidak dipindahkan oleh rencana pemerataan; ajukan usulan "
            "tersendiri bila perlu."
        ),
        label="Bukan pejabat struktural",
        hanya_rencana=True,
    ),
    Aturan(
        kode="tujuan_struktural",
        jenis=BLOK,
        tingkat=PASANGAN,
        cek=lambda p, j, k: j.jenis in JENIS_STRUKTURAL,
        vektor=lambda P, pr, k: np.isin(pr.j.jenis, KODE_STRUKTURAL),
        pesan=lambda p, j, k: (
            "Jabatan struktural (JPT, administrator, pengawas) diisi melalui seleksi atau "
            "pertimbangan Tim Penilai Kinerja, tidak melalui rencana pemerataan."
        ),
        label="Jabatan tujuan bukan jabatan struktural",
        hanya_rencana=True,
    ),
    Aturan(
        kode="masa_jabatan_kurang",
        jenis=PERINGATAN,
        tingkat=PEGAWAI,
        cek=lambda p, j, k: (
            k.cek_masa_jabatan
            and p.boleh_pindah_sejak is not None
            and k.hari_ini < p.boleh_pindah_sejak
        ),
        vektor=lambda P, pr, k: (
            np.full(len(P), k.cek_masa_jabatan, dtype=bool)
            & (P.boleh_pindah_sejak > 0)
            & (k.hari_ini.toordinal() < P.boleh_pindah_sejak)
        ),
        pesan=lambda p, j, k: (
            f"Pegawai baru menduduki jabatan sekarang sejak {_tgl(p.tmt_jabatan)}; masa jabatan "
            f"minimal {k.masa_jabatan_minimal_bulan} bulan baru terpenuhi pada "
            f"{_tgl(p.boleh_pindah_sejak)}."
        ),
        label="Masa jabatan minimal terpenuhi",
    ),
    Aturan(
        kode="pensiun_dekat",
        jenis=PERINGATAN,
        tingkat=PEGAWAI,
        cek=lambda p, j, k: p.tanggal_pensiun <= k.batas_pensiun,
        vektor=lambda P, pr, k: P.tanggal_pensiun <= k.batas_pensiun.toordinal(),
        pesan=lambda p, j, k: (
            f"Pegawai mencapai batas usia pensiun pada {p.tanggal_pensiun:%d/%m/%Y} (kurang dari "
            "12 bulan lagi)."
        ),
        label="Tidak pensiun dalam 12 bulan",
    ),
    Aturan(
        kode="golongan_di_luar_rentang",
        jenis=PERINGATAN,
        tingkat=PASANGAN,
        cek=_golongan_cek,
        vektor=lambda P, pr, k: _golongan_vektor(P, pr, k),
        pesan=_golongan_pesan,
        label="Golongan dalam rentang jabatan tujuan",
    ),
    Aturan(
        kode="kelas_jabatan_turun",
        jenis=PERINGATAN,
        tingkat=PASANGAN,
        cek=_kelas_turun_cek,
        vektor=_kelas_turun_vektor,
        pesan=lambda p, j, k: (
            f"Kelas jabatan tujuan ({j.kelas}) turun {p.kelas_asal - j.kelas} kelas dari jabatan "
            f"asal ({p.kelas_asal}), lebih dari batas {k.batas_turun_kelas} kelas; jelaskan "
            "alasannya."
        ),
        label="Kelas jabatan tidak turun melebihi batas",
    ),
    Aturan(
        kode="bidang_studi_tidak_sesuai",
        jenis=PERINGATAN,
        tingkat=PASANGAN,
        cek=lambda p, j, k: bool(j.bidang_studi) and p.bidang_studi not in j.bidang_studi,
        vektor=_bidang_tidak_sesuai_vektor,
        pesan=lambda p, j, k: (
            f"Bidang studi pegawai ({p.bidang_studi or 'tidak tercatat'}) tidak termasuk bidang "
            f"studi jabatan tujuan ({', '.join(j.bidang_studi)})."
        ),
        label="Bidang studi sesuai",
    ),
    Aturan(
        kode="jenis_jabatan_berbeda",
        jenis=PERINGATAN,
        tingkat=PASANGAN,
        cek=_jenis_berbeda_cek,
        vektor=_jenis_berbeda_vektor,
        pesan=lambda p, j, k: (
            f"Jenis jabatan tujuan ({JenisJabatan(j.jenis).label}) berbeda dari jabatan asal "
            f"({JenisJabatan(p.jenis_asal).label}); perpindahan antara pelaksana dan fungsional "
            "memerlukan penyesuaian/inpassing."
        ),
        label="Jenis jabatan sama (pelaksana/fungsional)",
    ),
    Aturan(
        kode="rumpun_fungsional_berbeda",
        jenis=PERINGATAN,
        tingkat=PASANGAN,
        cek=lambda p, j, k: (
            p.jenis_asal == JenisJabatan.FUNGSIONAL
            and j.jenis == JenisJabatan.FUNGSIONAL
            and p.rumpun_asal != j.rumpun
        ),
        vektor=lambda P, pr, k: (
            (P.jenis_asal == KODE_FUNGSIONAL)
            & (pr.j.jenis == KODE_FUNGSIONAL)
            & (P.rumpun_asal != pr.j.rumpun)
        ),
        pesan=lambda p, j, k: (
            f"Jabatan fungsional tujuan ({j.rumpun}) berbeda rumpun dari jabatan fungsional asal "
            f"({p.rumpun_asal}); memerlukan uji kompetensi/perpindahan jabatan fungsional."
        ),
        label="Rumpun jabatan fungsional sama",
    ),
)

ATURAN_PER_KODE = {a.kode: a for a in ATURAN}


def aturan_yang_berlaku(
    p: FaktaPegawai, j: FaktaJabatan | None, k: Konteks, *, untuk_rencana: bool = False
) -> list[tuple[Aturan, str]]:
    """Every declared rule that applies to this pair, with its message (declaration order)."""
    hasil = []
    for a in ATURAN:
        if a.hanya_rencana and not untuk_rencana:
            continue
        if a.tingkat == PASANGAN and j is None:
            continue
        if a.cek(p, j, k):
            hasil.append((a, a.pesan(p, j, k)))
    return hasil


def vektor_pegawai(P: Kolom, k: Konteks) -> dict[str, np.ndarray]:
    """Per person: which person-level rules apply (rule code → bool array)."""
    return {a.kode: np.asarray(a.vektor(P, None, k), bool) for a in ATURAN if a.tingkat == PEGAWAI}


def vektor_pasangan(pr: KolomPasangan, k: Konteks) -> dict[str, np.ndarray]:
    """Per pair: which pair-level rules apply (rule code → bool array)."""
    return {
        a.kode: np.asarray(a.vektor(pr.p, pr, k), bool) for a in ATURAN if a.tingkat == PASANGAN
    }
