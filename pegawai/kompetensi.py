"""Competency arithmetic as pure functions: ids and numbers in, results out, no ORM, no Django.

Used by the profile ("cocok untuk …"), the eligibility checks of a proposal
(`usulan_mutasi/rules.py`), the talent pool (`analisis_beban/talenta.py`) and the rebalancing
plan's pair costs. The ORM side — reading a jabatan's standard and a pegawai's facts into the
dataclasses below, in a constant number of queries for many people at once — is
`pegawai/selectors.py` (`standar_jabatan`, `fakta_pegawai`).

- **Kesenjangan** (gap) of a pegawai against a jabatan (PermenPAN-RB 38/2017): per required
  competency, required level − held level when positive; a competency never assessed counts as
  held at level 0 (so holding more never increases a gap) and is also listed in `belum_dinilai`,
  so callers can tell "measured short" (`kompetensi_terukur`) from "not measured yet". Required
  certifications are
  *kurang* when never held and *kedaluwarsa* when held but no longer valid on the date; required
  training not followed is *kurang*.
- **Predikat SKP** (PermenPAN-RB 6/2022): the 3×3 combination of the rating of hasil kerja and
  of perilaku kerja.
- **9-box** (PermenPAN-RB 3/2020): kinerja (from the last two SKP) × potensi (from assessment
  results); the box numbers come from a layout passed in (data, editable in admin), with the
  regulation's layout as the default.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

# Ratings of hasil kerja / perilaku kerja (the values of pegawai.choices.RatingSKP).
DI_BAWAH = "di_bawah"
SESUAI = "sesuai"
DI_ATAS = "di_atas"
RATING = (DI_BAWAH, SESUAI, DI_ATAS)

# Predikat codes (the values of pegawai.choices.PredikatSKP).
SANGAT_BAIK = "sangat_baik"
BAIK = "baik"
BUTUH_PERBAIKAN = "butuh_perbaikan"
KURANG = "kurang"
SANGAT_KURANG = "sangat_kurang"

# Potensi classes (pegawai.choices.Potensi); kinerja classes reuse the three ratings.
RENDAH = "rendah"
MENENGAH = "menengah"
TINGGI = "tinggi"
POTENSI = (RENDAH, MENENGAH, TINGGI)

# PermenPAN-RB 3/2020: rows kinerja di atas 4·7·9, sesuai 2·5·8, di bawah 1·3·6 (potensi
# rendah → tinggi).
TATA_LETAK_9_KOTAK: dict[tuple[str, str], int] = {
    (DI_ATAS, RENDAH): 4,
    (DI_ATAS, MENENGAH): 7,
    (DI_ATAS, TINGGI): 9,
    (SESUAI, RENDAH): 2,
    (SESUAI, MENENGAH): 5,
    (SESUAI, TINGGI): 8,
    (DI_BAWAH, RENDAH): 1,
    (DI_BAWAH, MENENGAH): 3,
    (DI_BAWAH, TINGGI): 6,
}
KOTAK_TALENT_POOL = frozenset({7, 8, 9})


# --- gap ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class StandarJabatan:
    """What a jabatan asks for: competency id → required level, certification kinds, training."""

    kompetensi: Mapping[int, int] = field(default_factory=dict)
    sertifikasi: frozenset[int] = frozenset()
    pelatihan: frozenset[int] = frozenset()

    @property
    def kosong(self) -> bool:
        return not (self.kompetensi or self.sertifikasi or self.pelatihan)


@dataclass(frozen=True)
class FaktaPegawai:
    """What a pegawai holds on a date: competency id → level (latest assessment), the
    certification kinds valid on that date, those held but expired, and the training programs
    followed."""

    kompetensi: Mapping[int, int] = field(default_factory=dict)
    sertifikasi_berlaku: frozenset[int] = frozenset()
    sertifikasi_kedaluwarsa: frozenset[int] = frozenset()
    pelatihan: frozenset[int] = frozenset()


@dataclass(frozen=True)
class Kesenjangan:
    """The gap of one pegawai against one jabatan."""

    kompetensi: Mapping[int, int]  # competency id → gap (> 0 only; never assessed = full level)
    belum_dinilai: frozenset[int]  # required competencies never assessed
    sertifikasi_kurang: frozenset[int]  # required, never held
    sertifikasi_kedaluwarsa: frozenset[int]  # required, held but not valid on the date
    pelatihan_kurang: frozenset[int]

    @property
    def total_kompetensi(self) -> int:
        return sum(self.kompetensi.values())

    @property
    def sertifikasi_tidak_berlaku(self) -> frozenset[int]:
        return self.sertifikasi_kurang | self.sertifikasi_kedaluwarsa

    @property
    def memenuhi_sertifikasi(self) -> bool:
        return not self.sertifikasi_tidak_berlaku

    @property
    def kompetensi_terukur(self) -> dict[int, int]:
        """The gaps shown by an assessment (competencies never assessed left out)."""
        return {k: g for k, g in self.kompetensi.items() if k not in self.belum_dinilai}

    def melebihi(self, toleransi: int = 0) -> dict[int, int]:
        """The measured competency gaps larger than `toleransi` levels."""
        return {k: g for k, g in self.kompetensi_terukur.items() if g > toleransi}

    def cocok(self, toleransi: int = 0) -> bool:
        """No missing certification or training and no measured competency gap above the
        tolerance (a competency not assessed yet does not make a pegawai unfit)."""
        return (
            self.memenuhi_sertifikasi and not self.pelatihan_kurang and not self.melebihi(toleransi)
        )


def kesenjangan(standar: StandarJabatan, fakta: FaktaPegawai) -> Kesenjangan:
    """The gap of `fakta` against `standar`: per required competency max(0, required − held)."""
    gap: dict[int, int] = {}
    belum: set[int] = set()
    for kompetensi_id, wajib in standar.kompetensi.items():
        dimiliki = fakta.kompetensi.get(kompetensi_id)
        if dimiliki is None:
            belum.add(kompetensi_id)
            dimiliki = 0
        if wajib > dimiliki:
            gap[kompetensi_id] = wajib - dimiliki
    berlaku = fakta.sertifikasi_berlaku
    kedaluwarsa = (standar.sertifikasi & fakta.sertifikasi_kedaluwarsa) - berlaku
    return Kesenjangan(
        kompetensi=gap,
        belum_dinilai=frozenset(belum),
        sertifikasi_kurang=frozenset(standar.sertifikasi - berlaku - kedaluwarsa),
        sertifikasi_kedaluwarsa=frozenset(kedaluwarsa),
        pelatihan_kurang=frozenset(standar.pelatihan - fakta.pelatihan),
    )


# --- SKP ------------------------------------------------------------------------------------


def predikat_skp(hasil_kerja: str, perilaku_kerja: str) -> str:
    """The predikat of one year's SKP from the two ratings (PermenPAN-RB 6/2022).

    Sangat Baik: both di atas. Baik: hasil di atas + perilaku sesuai, hasil sesuai + perilaku
    di atas, or both sesuai. Butuh Perbaikan: hasil di bawah + perilaku sesuai or di atas.
    Kurang/Misconduct: perilaku di bawah + hasil sesuai or di atas. Sangat Kurang: both di bawah.
    """
    if hasil_kerja not in RATING or perilaku_kerja not in RATING:
        raise ValueError(f"Rating SKP tidak dikenal: {hasil_kerja!r}, {perilaku_kerja!r}")
    if hasil_kerja == DI_BAWAH and perilaku_kerja == DI_BAWAH:
        return SANGAT_KURANG
    if perilaku_kerja == DI_BAWAH:
        return KURANG
    if hasil_kerja == DI_BAWAH:
        return BUTUH_PERBAIKAN
    if hasil_kerja == DI_ATAS and perilaku_kerja == DI_ATAS:
        return SANGAT_BAIK
    return BAIK


# Score of one year's predikat for the kinerja axis of the 9-box.
NILAI_PREDIKAT = {
    SANGAT_BAIK: 3,
    BAIK: 2,
    BUTUH_PERBAIKAN: 1,
    KURANG: 1,
    SANGAT_KURANG: 1,
}


@dataclass(frozen=True)
class AmbangTalenta:
    """Cut-offs of the two axes (settings: pegawai.PengaturanKompetensi)."""

    kinerja_di_atas: Decimal = Decimal("2.50")  # mean predikat score ≥ this → di atas
    kinerja_sesuai: Decimal = Decimal("1.50")  # ≥ this → sesuai, else di bawah
    potensi_tinggi: Decimal = Decimal("3.50")  # mean assessed level ≥ this → tinggi
    potensi_menengah: Decimal = Decimal("2.50")  # ≥ this → menengah, else rendah


def _rata(nilai: Iterable[int | Decimal]) -> Decimal | None:
    daftar = [Decimal(n) for n in nilai]
    if not daftar:
        return None
    return (sum(daftar) / len(daftar)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def kinerja_dari_skp(predikat: Iterable[str], ambang: AmbangTalenta | None = None) -> str | None:
    """Kinerja class from the predikat of the last (up to) two years; None without any SKP."""
    ambang = ambang or AmbangTalenta()
    skor = _rata(NILAI_PREDIKAT[p] for p in list(predikat)[:2])
    if skor is None:
        return None
    if skor >= ambang.kinerja_di_atas:
        return DI_ATAS
    if skor >= ambang.kinerja_sesuai:
        return SESUAI
    return DI_BAWAH


def potensi_dari_asesmen(level: Iterable[int], ambang: AmbangTalenta | None = None) -> str | None:
    """Potensi class from the held levels of the assessed competencies; None if never assessed."""
    ambang = ambang or AmbangTalenta()
    skor = _rata(level)
    if skor is None:
        return None
    if skor >= ambang.potensi_tinggi:
        return TINGGI
    if skor >= ambang.potensi_menengah:
        return MENENGAH
    return RENDAH


def kotak_talenta(
    kinerja: str | None,
    potensi: str | None,
    tata_letak: Mapping[tuple[str, str], int] | None = None,
) -> int | None:
    """The 9-box number of (kinerja, potensi); None when either axis is unknown."""
    if kinerja is None or potensi is None:
        return None
    return (tata_letak or TATA_LETAK_9_KOTAK)[(kinerja, potensi)]
