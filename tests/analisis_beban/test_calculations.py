"""The ABK formulas against hand-computed values and properties — no database."""

from decimal import Decimal as D

import pytest
from hypothesis import given
from hypothesis import strategies as st

from analisis_beban import calculations as calc


@pytest.fixture(autouse=True)
def _peran():
    """Override the suite-wide autouse fixture that needs the database: these tests need none."""


# --- hand-computed values ----------------------------------------------------------------


def test_beban_tugas_adalah_volume_kali_norma():
    assert calc.beban_tugas(1200, 30) == D(36000)
    assert calc.beban_tugas(D("12.5"), D("2.4")) == D("30.00")


def test_total_beban_menjumlah_semua_tugas():
    assert calc.total_beban([(1200, 30), (400, 90)]) == D(72000)
    assert calc.total_beban([]) == D(0)


def test_contoh_domain_md_lengkap():
    """domain.md: 1,200 × 30 + 400 × 90 = 72,000 min; need 0.96 → 1; 3 holders: +2, EJ 0.32, E."""
    total = calc.total_beban([(1200, 30), (400, 90)])
    h = calc.hitung_jabatan(total_beban_menit=total, bezetting=3, wke_menit=75000)
    assert h.total_beban_menit == D(72000)
    assert h.kebutuhan == D("0.96")
    assert h.kebutuhan_bulat == 1
    assert h.selisih == 2
    assert h.keadaan == "lebih"
    assert h.ej == D("0.32")
    assert h.pj == "E"


def test_kebutuhan_eksak_adalah_beban_dibagi_wke():
    assert calc.kebutuhan(150000, 75000) == D(2)
    assert calc.kebutuhan(72000, 72000) == D(1)
    assert calc.simpan_presisi(calc.kebutuhan(100000, 75000)) == D("1.3333")


def test_kebutuhan_wke_nol_ditolak():
    with pytest.raises(ValueError):
        calc.kebutuhan(100, 0)


@pytest.mark.parametrize(
    ("eksak", "bulat"),
    [("0", 0), ("0.49", 0), ("0.4999", 0), ("0.5", 1), ("0.96", 1), ("1.5", 2), ("2.49", 2)],
)
def test_pembulatan_kebutuhan_setengah_ke_atas(eksak, bulat):
    assert calc.bulatkan_kebutuhan(D(eksak)) == bulat


def test_selisih_dan_keadaan():
    assert calc.selisih(3, 1) == 2
    assert calc.keadaan(2) == "lebih"
    assert calc.selisih(0, 2) == -2
    assert calc.keadaan(-2) == "kurang"
    assert calc.keadaan(0) == "sesuai"


def test_jabatan_kosong_dengan_beban_adalah_kekurangan_bukan_galat():
    h = calc.hitung_jabatan(total_beban_menit=150000, bezetting=0, wke_menit=75000)
    assert h.ej is None and h.pj is None
    assert h.kebutuhan_bulat == 2 and h.selisih == -2 and h.keadaan == "kurang"


def test_jabatan_tanpa_tugas_tapi_berpemangku_semua_lebih():
    h = calc.hitung_jabatan(total_beban_menit=0, bezetting=4, wke_menit=75000)
    assert h.kebutuhan == 0 and h.selisih == 4 and h.keadaan == "lebih"
    assert h.ej == 0 and h.pj == "E"


def test_ej_beban_dibagi_bezetting_kali_wke():
    assert calc.efisiensi(150000, 2, 75000) == D(1)
    assert calc.efisiensi(67500, 1, 75000) == D("0.9")
    assert calc.efisiensi(1, 0, 75000) is None


@pytest.mark.parametrize(
    ("ej", "pj"),
    [
        ("1.01", "A"),
        ("1.00", "B"),  # A needs EJ strictly above 1.00
        ("0.90", "B"),
        ("0.8999", "C"),
        ("0.70", "C"),
        ("0.69", "D"),
        ("0.50", "D"),
        ("0.4999", "E"),
        ("0", "E"),
    ],
)
def test_pj_dari_ej_dengan_ambang_bawaan(ej, pj):
    assert calc.prestasi(D(ej)) == pj


def test_pj_none_bila_ej_none():
    assert calc.prestasi(None) is None


def test_pj_memakai_ambang_periode():
    ketat = calc.AmbangPJ(a=D("1.10"), b=D("1.00"), c=D("0.80"), d=D("0.60"))
    assert calc.prestasi(D("1.05"), ketat) == "B"
    assert calc.prestasi(D("0.95"), ketat) == "C"
    assert calc.prestasi(D("0.55"), ketat) == "E"
    assert calc.prestasi(D("1.05")) == "A"


def test_eu_unit_adalah_jumlah_beban_dibagi_jumlah_bezetting_kali_wke():
    # Two jabatan: 72,000 min with 3 holders, 150,000 min with 1 holder → 222,000 / (4 × 75,000).
    assert calc.efisiensi_unit(72000 + 150000, 3 + 1, 75000) == D("0.74")
    assert calc.prestasi(calc.efisiensi_unit(222000, 4, 75000)) == "C"
    assert calc.efisiensi_unit(1000, 0, 75000) is None


@pytest.mark.parametrize(
    ("bez", "keb", "keadaan"),
    [
        (9, "10", "sesuai"),
        (11, "10", "sesuai"),
        (8, "10", "kurang"),
        (12, "10", "lebih"),
        (0, "0", "sesuai"),
        (3, "0", "lebih"),
        (0, "2.5", "kurang"),
    ],
)
def test_bacaan_seimbang_90_sampai_110_persen(bez, keb, keadaan):
    assert calc.keadaan_unit(bez, D(keb)) == keadaan
    assert calc.seimbang(bez, D(keb)) is (keadaan == "sesuai")


def test_rasio_pemenuhan():
    assert calc.rasio_pemenuhan(9, D(10)) == D("0.9")
    assert calc.rasio_pemenuhan(3, 0) is None


def test_presisi_simpan_setengah_ke_atas_seperti_sql_round():
    assert calc.simpan_presisi(D("0.12345")) == D("0.1235")
    assert calc.simpan_presisi(None) is None


# --- properties --------------------------------------------------------------------------

volume = st.decimals(min_value=0, max_value=100000, places=2, allow_nan=False)
norma = st.decimals(min_value=0, max_value=10000, places=2, allow_nan=False)
tugas = st.lists(st.tuples(volume, norma), max_size=8)
wke = st.integers(min_value=1000, max_value=150000)
ej = st.decimals(min_value=0, max_value=5, places=4, allow_nan=False)


@given(tugas, wke)
def test_volume_dua_kali_kebutuhan_dua_kali(daftar, w):
    dua = [(v * 2, n) for v, n in daftar]
    assert calc.total_beban(dua) == 2 * calc.total_beban(daftar)
    # Exact up to Decimal's 28 significant digits of the division.
    assert abs(
        calc.kebutuhan(calc.total_beban(dua), w) - 2 * calc.kebutuhan(calc.total_beban(daftar), w)
    ) < D("1e-20")


@given(tugas, wke)
def test_ej_tanpa_pemangku_selalu_none(daftar, w):
    h = calc.hitung_jabatan(total_beban_menit=calc.total_beban(daftar), bezetting=0, wke_menit=w)
    assert h.ej is None and h.pj is None
    assert h.selisih == -h.kebutuhan_bulat


@given(ej, ej)
def test_pj_monoton_dalam_ej(x, y):
    urut = "EDCBA"
    rendah, tinggi = sorted([x, y])
    assert urut.index(calc.prestasi(rendah)) <= urut.index(calc.prestasi(tinggi))


@given(tugas, st.integers(min_value=0, max_value=500), wke)
def test_selisih_tanda_sesuai_keadaan(daftar, bez, w):
    h = calc.hitung_jabatan(total_beban_menit=calc.total_beban(daftar), bezetting=bez, wke_menit=w)
    assert h.selisih == bez - h.kebutuhan_bulat
    assert (h.selisih < 0) == (h.keadaan == "kurang")
    assert (h.selisih > 0) == (h.keadaan == "lebih")
    assert abs(h.kebutuhan - h.kebutuhan_bulat) <= D("0.5")


@given(tugas, st.integers(min_value=1, max_value=500), wke)
def test_ej_kali_bezetting_sama_dengan_kebutuhan(daftar, bez, w):
    total = calc.total_beban(daftar)
    ej_nilai = calc.efisiensi(total, bez, w)
    assert abs(ej_nilai * bez - calc.kebutuhan(total, w)) < D("1e-20")


@given(tugas, st.integers(min_value=1, max_value=50), st.integers(min_value=1, max_value=50), wke)
def test_pemangku_bertambah_ej_tidak_naik(daftar, bez, tambah, w):
    total = calc.total_beban(daftar)
    assert calc.efisiensi(total, bez + tambah, w) <= calc.efisiensi(total, bez, w)


@given(st.lists(st.tuples(tugas, st.integers(min_value=1, max_value=30)), min_size=1, max_size=5))
def test_eu_unit_berada_di_antara_ej_jabatannya(jabatan):
    w = 75000
    beban = [calc.total_beban(t) for t, _ in jabatan]
    bez = [b for _, b in jabatan]
    eu = calc.efisiensi_unit(sum(beban), sum(bez), w)
    ejs = [calc.efisiensi(x, b, w) for x, b in zip(beban, bez, strict=True)]
    assert min(ejs) - D("1e-20") <= eu <= max(ejs) + D("1e-20")
