"""The pure competency arithmetic, without a database."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from instansi.choices import JenisKompetensi
from pegawai import kompetensi as rumus
from pegawai.choices import Potensi, PredikatSKP, RatingSKP


@pytest.fixture(autouse=True)
def _peran():
    """Override the suite-wide autouse fixture that needs the database: these tests need none."""


def test_konstanta_rumus_sama_dengan_pilihan_model():
    assert set(rumus.RATING) == set(RatingSKP.values)
    assert set(rumus.POTENSI) == set(Potensi.values)
    assert set(rumus.NILAI_PREDIKAT) == set(PredikatSKP.values)
    assert "manajerial" in JenisKompetensi.values


def test_kesenjangan_adalah_level_wajib_dikurangi_level_dimiliki():
    standar = rumus.StandarJabatan(kompetensi={1: 3, 2: 2, 3: 4})
    fakta = rumus.FaktaPegawai(kompetensi={1: 1, 2: 3, 3: 4})
    gap = rumus.kesenjangan(standar, fakta)
    assert gap.kompetensi == {1: 2}  # 2 is above the standard, 3 meets it
    assert gap.total_kompetensi == 2
    assert gap.belum_dinilai == frozenset()


def test_kompetensi_yang_belum_pernah_dinilai_dihitung_level_nol_dan_dicatat_terpisah():
    gap = rumus.kesenjangan(
        rumus.StandarJabatan(kompetensi={1: 3, 2: 3}), rumus.FaktaPegawai(kompetensi={2: 2})
    )
    assert gap.kompetensi == {1: 3, 2: 1}
    assert gap.belum_dinilai == {1}
    assert gap.kompetensi_terukur == {2: 1}
    # Only a measured gap makes a pegawai unfit; "not assessed yet" does not.
    assert gap.melebihi(0) == {2: 1}
    assert gap.cocok(1)


def test_sertifikasi_kedaluwarsa_dibedakan_dari_yang_tidak_pernah_dimiliki():
    standar = rumus.StandarJabatan(sertifikasi=frozenset({10, 11, 12}))
    fakta = rumus.FaktaPegawai(
        sertifikasi_berlaku=frozenset({12}), sertifikasi_kedaluwarsa=frozenset({10})
    )
    gap = rumus.kesenjangan(standar, fakta)
    assert gap.sertifikasi_kedaluwarsa == {10}
    assert gap.sertifikasi_kurang == {11}
    assert gap.sertifikasi_tidak_berlaku == {10, 11}
    assert not gap.memenuhi_sertifikasi


def test_sertifikat_lama_kedaluwarsa_tidak_berarti_bila_ada_yang_baru_berlaku():
    standar = rumus.StandarJabatan(sertifikasi=frozenset({10}))
    fakta = rumus.FaktaPegawai(
        sertifikasi_berlaku=frozenset({10}), sertifikasi_kedaluwarsa=frozenset({10})
    )
    assert rumus.kesenjangan(standar, fakta).memenuhi_sertifikasi


def test_pelatihan_wajib_yang_belum_diikuti_kurang():
    standar = rumus.StandarJabatan(pelatihan=frozenset({5, 6}))
    gap = rumus.kesenjangan(standar, rumus.FaktaPegawai(pelatihan=frozenset({6, 7})))
    assert gap.pelatihan_kurang == {5}
    assert not gap.cocok()


def test_toleransi_kesenjangan_menentukan_cocok():
    gap = rumus.kesenjangan(
        rumus.StandarJabatan(kompetensi={1: 3, 2: 4}), rumus.FaktaPegawai(kompetensi={1: 2, 2: 2})
    )
    assert gap.melebihi(0) == {1: 1, 2: 2}
    assert gap.melebihi(1) == {2: 2}
    assert not gap.cocok(1)
    assert gap.cocok(2)


def test_standar_kosong_selalu_cocok():
    gap = rumus.kesenjangan(rumus.StandarJabatan(), rumus.FaktaPegawai())
    assert gap.cocok()
    assert rumus.StandarJabatan().kosong


@pytest.mark.parametrize(
    ("hasil", "perilaku", "predikat"),
    [
        ("di_atas", "di_atas", "sangat_baik"),
        ("di_atas", "sesuai", "baik"),
        ("sesuai", "di_atas", "baik"),
        ("sesuai", "sesuai", "baik"),
        ("di_bawah", "sesuai", "butuh_perbaikan"),
        ("di_bawah", "di_atas", "butuh_perbaikan"),
        ("sesuai", "di_bawah", "kurang"),
        ("di_atas", "di_bawah", "kurang"),
        ("di_bawah", "di_bawah", "sangat_kurang"),
    ],
)
def test_predikat_skp_dari_matriks_tiga_kali_tiga(hasil, perilaku, predikat):
    assert rumus.predikat_skp(hasil, perilaku) == predikat


def test_predikat_skp_menolak_rating_tak_dikenal():
    with pytest.raises(ValueError):
        rumus.predikat_skp("luar_biasa", "sesuai")


@pytest.mark.parametrize(
    ("predikat", "kinerja"),
    [
        (["sangat_baik", "sangat_baik"], "di_atas"),
        (["sangat_baik", "baik"], "di_atas"),
        (["baik", "baik"], "sesuai"),
        (["baik", "butuh_perbaikan"], "sesuai"),
        (["butuh_perbaikan", "kurang"], "di_bawah"),
        (["sangat_baik"], "di_atas"),
        ([], None),
    ],
)
def test_kinerja_dari_dua_skp_terakhir(predikat, kinerja):
    assert rumus.kinerja_dari_skp(predikat) == kinerja


def test_kinerja_hanya_membaca_dua_skp_terbaru():
    # Newest first: an old bad year beyond the last two does not count.
    assert rumus.kinerja_dari_skp(["sangat_baik", "sangat_baik", "sangat_kurang"]) == "di_atas"


def test_ambang_kinerja_dan_potensi_adalah_pengaturan():
    ketat = rumus.AmbangTalenta(kinerja_di_atas=rumus.Decimal("3.00"))
    assert rumus.kinerja_dari_skp(["sangat_baik", "baik"], ketat) == "sesuai"
    longgar = rumus.AmbangTalenta(potensi_tinggi=rumus.Decimal("3.00"))
    assert rumus.potensi_dari_asesmen([3, 3, 3], longgar) == "tinggi"


@pytest.mark.parametrize(
    ("level", "potensi"),
    [([4, 4, 3], "tinggi"), ([3, 3, 2], "menengah"), ([2, 3, 3], "menengah"), ([1, 2], "rendah")],
)
def test_potensi_dari_rata_rata_level_asesmen(level, potensi):
    assert rumus.potensi_dari_asesmen(level) == potensi


def test_potensi_tanpa_asesmen_tidak_diketahui():
    assert rumus.potensi_dari_asesmen([]) is None


@pytest.mark.parametrize(
    ("kinerja", "potensi", "kotak"),
    [
        ("di_atas", "rendah", 4),
        ("di_atas", "menengah", 7),
        ("di_atas", "tinggi", 9),
        ("sesuai", "rendah", 2),
        ("sesuai", "menengah", 5),
        ("sesuai", "tinggi", 8),
        ("di_bawah", "rendah", 1),
        ("di_bawah", "menengah", 3),
        ("di_bawah", "tinggi", 6),
    ],
)
def test_penempatan_9_kotak_menurut_permenpan_3_2020(kinerja, potensi, kotak):
    assert rumus.kotak_talenta(kinerja, potensi) == kotak


def test_penempatan_9_kotak_memakai_tata_letak_yang_diberikan():
    tata = {k: 10 - v for k, v in rumus.TATA_LETAK_9_KOTAK.items()}
    assert rumus.kotak_talenta("di_atas", "tinggi", tata) == 1


def test_tanpa_kinerja_atau_potensi_tidak_ditempatkan():
    assert rumus.kotak_talenta(None, "tinggi") is None
    assert rumus.kotak_talenta("sesuai", None) is None


_level = st.integers(min_value=1, max_value=5)
_peta = st.dictionaries(st.integers(min_value=1, max_value=12), _level, max_size=12)


@given(wajib=_peta, dimiliki=_peta, tambahan=st.integers(1, 12), level=_level)
def test_menambah_kompetensi_yang_dimiliki_tidak_pernah_menambah_kesenjangan(
    wajib, dimiliki, tambahan, level
):
    standar = rumus.StandarJabatan(kompetensi=wajib)
    sebelum = rumus.kesenjangan(standar, rumus.FaktaPegawai(kompetensi=dimiliki))
    # Holding a competency (newly, or at a level at least the one held before).
    level = max(level, dimiliki.get(tambahan, 0))
    sesudah = rumus.kesenjangan(
        standar, rumus.FaktaPegawai(kompetensi={**dimiliki, tambahan: level})
    )
    for k in wajib:
        assert sesudah.kompetensi.get(k, 0) <= sebelum.kompetensi.get(k, 0)
    assert sesudah.total_kompetensi <= sebelum.total_kompetensi
    assert sesudah.belum_dinilai <= sebelum.belum_dinilai
