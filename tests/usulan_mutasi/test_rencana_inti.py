"""The plan's pure core on random small cities: the min-cost flow against exhaustive search.

No database: a city is a list of candidates, origin positions and short positions.
"""

import datetime
import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from instansi.choices import Golongan, JenisJabatan, Pendidikan
from usulan_mutasi.aturan import BLOK, FaktaJabatan, FaktaPegawai, Konteks, aturan_yang_berlaku
from usulan_mutasi.rencana.inti import (
    BIAYA,
    Asal,
    Calon,
    PengaturanRencana,
    Target,
    bangun_pasangan,
    nilai_rencana,
    sah,
    selesaikan,
    serakah,
    susun_masalah,
)

HARI_INI = datetime.date(2026, 11, 30)
K = Konteks(hari_ini=HARI_INI)


def pegawai(**kw):
    dasar = {
        "jenis_asal": JenisJabatan.PELAKSANA,
        "rumpun_asal": "pengadministrasi",
        "pendidikan": Pendidikan.S1,
        "golongan": Golongan.III_A,
        "tmt_jabatan": datetime.date(2020, 1, 1),
        "boleh_pindah_sejak": datetime.date(2020, 7, 1),
        "tanggal_pensiun": datetime.date(2040, 1, 1),
        "jabatan_asal_id": 10_001,
    }
    return FaktaPegawai(**{**dasar, **kw})


def jabatan(id, **kw):
    return FaktaJabatan(
        id=id, **{"jenis": JenisJabatan.PELAKSANA, "rumpun": "pengadministrasi", **kw}
    )


@st.composite
def kota(draw):
    n_asal = draw(st.integers(1, 3))
    asal = [
        Asal(kapasitas=draw(st.integers(0, 2)), instansi=draw(st.integers(1, 2)))
        for _ in range(n_asal)
    ]
    calon = []
    for _ in range(draw(st.integers(0, 6))):
        a = draw(st.integers(0, n_asal - 1))
        fakta = pegawai(
            jabatan_asal_id=10_001 + a,
            jenis_asal=draw(
                st.sampled_from([JenisJabatan.PELAKSANA] * 3 + [JenisJabatan.FUNGSIONAL])
            ),
            rumpun_asal=draw(st.sampled_from(["perawat", "guru"])),
            pendidikan=draw(st.sampled_from([Pendidikan.D3, Pendidikan.S1, Pendidikan.S1])),
            golongan=draw(st.sampled_from([Golongan.II_A, Golongan.III_A, Golongan.III_C])),
            tmt_jabatan=draw(st.dates(datetime.date(2010, 1, 1), datetime.date(2026, 11, 1))),
            boleh_pindah_sejak=draw(st.dates(datetime.date(2010, 7, 1), datetime.date(2027, 2, 1))),
            tanggal_pensiun=draw(st.dates(datetime.date(2027, 1, 1), datetime.date(2045, 1, 1))),
            proses_disiplin=draw(st.booleans()) and draw(st.booleans()),
        )
        calon.append(
            Calon(fakta=fakta, asal=a, instansi=asal[a].instansi, kelas=draw(st.integers(5, 9)))
        )
    target = []
    for i in range(draw(st.integers(1, 3))):
        kurang = draw(st.integers(1, 3))
        target.append(
            Target(
                fakta=jabatan(
                    20_001 + i,
                    jenis=draw(
                        st.sampled_from([JenisJabatan.PELAKSANA] * 3 + [JenisJabatan.FUNGSIONAL])
                    ),
                    rumpun=draw(st.sampled_from(["perawat", "guru"])),
                    pendidikan_minimal=draw(st.sampled_from([0, Pendidikan.D3, Pendidikan.S1])),
                    golongan_minimal=draw(st.sampled_from([0, Golongan.III_A])),
                ),
                instansi=draw(st.integers(1, 2)),
                kelas=draw(st.integers(5, 9)),
                kurang=kurang,
                kebutuhan=kurang + draw(st.integers(0, 4)),
                sudah=draw(st.integers(0, 1)),
            )
        )
    peringatan = {
        kode: draw(st.sampled_from(["kecualikan", BIAYA]))
        for kode in ("masa_jabatan_kurang", "golongan_di_luar_rentang", "jenis_jabatan_berbeda")
    }
    pengaturan = PengaturanRencana(
        peringatan={**PengaturanRencana().peringatan, **peringatan},
        maks_per_instansi_asal=draw(st.sampled_from([None, 1])),
        hanya_dalam_instansi=draw(st.booleans()),
    )
    return calon, asal, target, pengaturan


def optimum_menyeluruh(m, ps):
    """Exhaustive search: each candidate stays or takes one of its eligible pairs."""
    pilihan_per_calon = {}
    for i, c in enumerate(ps.c.tolist()):
        pilihan_per_calon.setdefault(c, [None]).append(i)
    terbaik = 0
    for kombinasi in itertools.product(*pilihan_per_calon.values()):
        pilih = np.array([i for i in kombinasi if i is not None], dtype=np.int64)
        if sah(m, ps, pilih):
            terbaik = max(terbaik, nilai_rencana(m, ps, pilih)[0])
    return terbaik


@settings(max_examples=80, deadline=None)
@given(kota())
def test_rencana_optimal_sah_dan_setiap_mutasi_layak(data):
    calon, asal, target, pengaturan = data
    m = susun_masalah(calon, asal, target, K, pengaturan)
    ps = bangun_pasangan(m)
    hasil = selesaikan(m, ps)

    # Nobody moves twice; no origin gives more than its surplus; no target gets more than its places.
    assert len(set(hasil.c.tolist())) == len(hasil.c)
    per_asal = np.bincount(m.P.asal[hasil.c], minlength=len(asal))
    assert np.all(per_asal <= [a.kapasitas for a in asal])
    assert np.all(np.bincount(hasil.t, minlength=len(target)) <= [t.tempat for t in target])
    if pengaturan.maks_per_instansi_asal is not None and len(hasil.c):
        assert np.bincount(m.asal_instansi[m.P.asal[hasil.c]]).max() <= 1
    # Every move passes the proposal's own rules: no block, only warnings set to be costed.
    for c, t in zip(hasil.c.tolist(), hasil.t.tolist(), strict=True):
        temuan = aturan_yang_berlaku(calon[c].fakta, target[t].fakta, K, untuk_rencana=True)
        assert not [a for a, _ in temuan if a.jenis == BLOK]
        assert all(pengaturan.peringatan[a.kode] == BIAYA for a, _ in temuan)
        if pengaturan.hanya_dalam_instansi:
            assert calon[c].instansi == target[t].instansi
    # The optimum of the flow is the optimum of exhaustive search, and never below greedy.
    assert hasil.nilai == optimum_menyeluruh(m, ps)
    assert serakah(m, ps).nilai <= hasil.nilai


def test_kekurangan_terbesar_relatif_diisi_lebih_dulu():
    # One candidate, two posts short of one: the one short of 1 in 2 beats the one short of 1 in 10.
    calon = [Calon(fakta=pegawai(), asal=0, instansi=1, kelas=7)]
    target = [
        Target(fakta=jabatan(20_001), instansi=1, kelas=7, kurang=1, kebutuhan=10),
        Target(fakta=jabatan(20_002), instansi=2, kelas=9, kurang=1, kebutuhan=2),
    ]
    m = susun_masalah(calon, [Asal(kapasitas=1, instansi=1)], target, K)
    hasil = selesaikan(m, bangun_pasangan(m))
    # Cheaper by every secondary cost (same agency, same kelas), yet the shorter post wins.
    assert hasil.t.tolist() == [1]
    assert hasil.bobot_terisi == 0.5


def test_biaya_sekunder_memilih_calon_terlama_di_jabatan():
    calon = [
        Calon(fakta=pegawai(tmt_jabatan=datetime.date(2025, 1, 1)), asal=0, instansi=1, kelas=7),
        Calon(fakta=pegawai(tmt_jabatan=datetime.date(2012, 1, 1)), asal=0, instansi=1, kelas=7),
    ]
    target = [Target(fakta=jabatan(20_001), instansi=1, kelas=7, kurang=1, kebutuhan=3)]
    m = susun_masalah(calon, [Asal(kapasitas=1, instansi=1)], target, K)
    assert selesaikan(m, bangun_pasangan(m)).c.tolist() == [1]


def test_tempat_dikurangi_usulan_yang_sedang_berjalan():
    calon = [Calon(fakta=pegawai(), asal=0, instansi=1, kelas=7) for _ in range(3)]
    target = [Target(fakta=jabatan(20_001), instansi=1, kelas=7, kurang=3, kebutuhan=5, sudah=2)]
    m = susun_masalah(calon, [Asal(kapasitas=3, instansi=1)], target, K)
    assert len(selesaikan(m, bangun_pasangan(m)).c) == 1


def test_jabatan_asal_tidak_menjadi_kurang():
    calon = [Calon(fakta=pegawai(), asal=0, instansi=1, kelas=7) for _ in range(4)]
    target = [Target(fakta=jabatan(20_001), instansi=1, kelas=7, kurang=4, kebutuhan=4)]
    m = susun_masalah(calon, [Asal(kapasitas=2, instansi=1)], target, K)
    assert len(selesaikan(m, bangun_pasangan(m)).c) == 2


def test_jabatan_struktural_tidak_diisi_rencana():
    calon = [Calon(fakta=pegawai(), asal=0, instansi=1, kelas=7)]
    target = [
        Target(
            fakta=jabatan(20_001, jenis=JenisJabatan.PENGAWAS),
            instansi=1,
            kelas=8,
            kurang=1,
            kebutuhan=1,
        )
    ]
    m = susun_masalah(calon, [Asal(kapasitas=1, instansi=1)], target, K)
    assert len(bangun_pasangan(m).c) == 0
