"""The ABK formulas (PermenPAN-RB 1/2020; Permendagri 12/2008 for EJ/PJ) as pure functions.

Numbers in, numbers out: Decimal everywhere, no Django, no database. Services feed these from
aggregated rows; the dashboard and the transfer-proposal engine call them for what-if readings.
See domain.md, section "ABK".
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal

NOL = Decimal(0)
SATU = Decimal(1)
WKE_BAWAAN_MENIT = 75000

# Stored precision of the exact need and of EJ (HasilABK.kebutuhan / HasilABK.ej).
PRESISI = Decimal("0.0001")
SEN = Decimal("0.01")

# The largest figures the stored results hold (HasilABK): total beban NUMERIC(16, 2), kebutuhan
# NUMERIC(12, 4), EJ NUMERIC(10, 4). A task's beban and a jabatan's total are bounded by
# `beban_maks_menit`, so that no input can make a recalculation overflow.
TOTAL_BEBAN_MAKS = Decimal("99999999999999.99")
EJ_MAKS = Decimal("999999.9999")


def beban_maks_menit(wke_menit) -> Decimal:
    """The largest total beban kerja (minutes) of one jabatan whose every derived figure fits
    its column: EJ with one holder (its largest value) and kebutuhan are total ÷ WKE."""
    return min(TOTAL_BEBAN_MAKS, (EJ_MAKS * _dec(wke_menit)).quantize(SEN, rounding=ROUND_DOWN))


# Staff on hand between 90 % and 110 % of the need reads as balanced.
BATAS_SEIMBANG_BAWAH = Decimal("0.90")
BATAS_SEIMBANG_ATAS = Decimal("1.10")

KURANG = "kurang"
SESUAI = "sesuai"
LEBIH = "lebih"


@dataclass(frozen=True)
class AmbangPJ:
    """PJ bands on EJ: A > a; B ≥ b; C ≥ c; D ≥ d; otherwise E."""

    a: Decimal = Decimal("1.00")
    b: Decimal = Decimal("0.90")
    c: Decimal = Decimal("0.70")
    d: Decimal = Decimal("0.50")


AMBANG_BAWAAN = AmbangPJ()


def _dec(x) -> Decimal:
    return x if isinstance(x, Decimal) else Decimal(str(x))


def beban_tugas(volume, norma_waktu_menit) -> Decimal:
    """Workload of one task in minutes a year: volume × norma waktu."""
    return _dec(volume) * _dec(norma_waktu_menit)


def total_beban(tugas: Iterable[tuple]) -> Decimal:
    """Σ beban over (volume, norma_waktu_menit) pairs."""
    return sum((beban_tugas(v, n) for v, n in tugas), NOL)


def kebutuhan(total_beban_menit, wke_menit) -> Decimal:
    """The exact need in persons: total beban ÷ WKE (unrounded)."""
    wke = _dec(wke_menit)
    if wke <= 0:
        raise ValueError("WKE harus lebih dari nol.")
    return _dec(total_beban_menit) / wke


def bulatkan_kebutuhan(kebutuhan_eksak) -> int:
    """The need used for formasi: a fraction of 0.5 or more rounds up."""
    return int(_dec(kebutuhan_eksak).quantize(SATU, rounding=ROUND_HALF_UP))


def selisih(bezetting: int, kebutuhan_bulat: int) -> int:
    """bezetting − kebutuhan (rounded): negative is a shortage, positive a surplus."""
    return int(bezetting) - int(kebutuhan_bulat)


def keadaan(nilai_selisih: int) -> str:
    if nilai_selisih < 0:
        return KURANG
    if nilai_selisih > 0:
        return LEBIH
    return SESUAI


def efisiensi(total_beban_menit, bezetting, wke_menit) -> Decimal | None:
    """EJ (or EU/PU over a unit): beban ÷ (bezetting × WKE).

    None when nobody holds the position: a vacant position with workload is a shortage,
    shown as such, never a division error.
    """
    bezetting = _dec(bezetting)
    if bezetting <= 0:
        return None
    wke = _dec(wke_menit)
    if wke <= 0:
        raise ValueError("WKE harus lebih dari nol.")
    return _dec(total_beban_menit) / (bezetting * wke)


def prestasi(ej, ambang: AmbangPJ = AMBANG_BAWAAN) -> str | None:
    """PJ (or PU) grade A–E from EJ with the period's bands; None when EJ is None."""
    if ej is None:
        return None
    ej = _dec(ej)
    if ej > ambang.a:
        return "A"
    if ej >= ambang.b:
        return "B"
    if ej >= ambang.c:
        return "C"
    if ej >= ambang.d:
        return "D"
    return "E"


def simpan_presisi(nilai: Decimal | None) -> Decimal | None:
    """Round to the stored precision (4 decimals, half up) — the same as SQL ROUND(x, 4)."""
    return None if nilai is None else _dec(nilai).quantize(PRESISI, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class HasilJabatan:
    total_beban_menit: Decimal
    kebutuhan: Decimal  # exact
    kebutuhan_bulat: int
    bezetting: int
    selisih: int
    keadaan: str
    ej: Decimal | None  # exact
    pj: str | None


def hitung_jabatan(
    *, total_beban_menit, bezetting: int, wke_menit, ambang: AmbangPJ = AMBANG_BAWAAN
) -> HasilJabatan:
    """Every ABK figure of one jabatan from its total workload and its holders."""
    total = _dec(total_beban_menit)
    keb = kebutuhan(total, wke_menit)
    bulat = bulatkan_kebutuhan(keb)
    sel = selisih(bezetting, bulat)
    ej = efisiensi(total, bezetting, wke_menit)
    return HasilJabatan(
        total_beban_menit=total,
        kebutuhan=keb,
        kebutuhan_bulat=bulat,
        bezetting=int(bezetting),
        selisih=sel,
        keadaan=keadaan(sel),
        ej=ej,
        pj=prestasi(ej, ambang),
    )


def efisiensi_unit(total_beban_menit, total_bezetting, wke_menit) -> Decimal | None:
    """EU / PU of a unit, an instansi or the city: Σ beban ÷ (Σ bezetting × WKE)."""
    return efisiensi(total_beban_menit, total_bezetting, wke_menit)


def rasio_pemenuhan(bezetting, kebutuhan_eksak) -> Decimal | None:
    """Staff on hand as a share of the need (1 = exactly staffed); None when there is no need."""
    keb = _dec(kebutuhan_eksak)
    if keb <= 0:
        return None
    return _dec(bezetting) / keb


def keadaan_unit(bezetting, kebutuhan_eksak) -> str:
    """Balanced when staff on hand is 90–110 % of the need; below is kurang, above lebih."""
    rasio = rasio_pemenuhan(bezetting, kebutuhan_eksak)
    if rasio is None:
        return LEBIH if _dec(bezetting) > 0 else SESUAI
    if rasio < BATAS_SEIMBANG_BAWAH:
        return KURANG
    if rasio > BATAS_SEIMBANG_ATAS:
        return LEBIH
    return SESUAI


def seimbang(bezetting, kebutuhan_eksak) -> bool:
    return keadaan_unit(bezetting, kebutuhan_eksak) == SESUAI
