"""The declared eligibility rules: the per-pair reading (proposals) and the vector reading (the
plan) agree on random people and positions. Pure: no database."""

import datetime
import itertools

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from instansi.choices import Golongan, JenisJabatan, Pendidikan
from usulan_mutasi.aturan import (
    ATURAN,
    PASANGAN,
    PEGAWAI,
    FaktaJabatan,
    FaktaPegawai,
    KamusKode,
    KolomPasangan,
    Konteks,
    aturan_yang_berlaku,
    kolom_jabatan,
    kolom_pegawai,
    rumpun_jabatan,
    vektor_pasangan,
    vektor_pegawai,
)

HARI_INI = datetime.date(2026, 11, 30)
BIDANG = ["", "kedokteran", "keperawatan", "pendidikan", "akuntansi"]
RUMPUN = ["perawat", "guru", "pengadministrasi perkantoran", "dokter"]
NAMA = ["perawat terampil", "guru ahli madya", "pengadministrasi perkantoran"]
GOLONGAN = [g.value for g in Golongan]
tanggal = st.dates(datetime.date(2015, 1, 1), datetime.date(2029, 12, 31))

fakta_pegawai = st.builds(
    FaktaPegawai,
    aktif=st.booleans(),
    proses_disiplin=st.booleans(),
    tugas_belajar=st.booleans(),
    cuti_luar_tanggungan=st.booleans(),
    temuan_inspektorat=st.booleans(),
    usulan_lain=st.one_of(st.none(), st.just("UM/2026/00011")),
    jabatan_asal_id=st.one_of(st.none(), st.integers(10_001, 10_004)),
    jenis_asal=st.sampled_from([""] + [j.value for j in JenisJabatan]),
    rumpun_asal=st.sampled_from(RUMPUN),
    nama_asal=st.sampled_from(["", *NAMA]),
    kelas_asal=st.integers(0, 17),
    pendidikan=st.sampled_from([p.value for p in Pendidikan]),
    bidang_studi=st.sampled_from(BIDANG),
    golongan=st.sampled_from(GOLONGAN),
    tmt_jabatan=st.one_of(st.none(), tanggal),
    boleh_pindah_sejak=st.one_of(st.none(), tanggal),
    tanggal_pensiun=tanggal,
)
fakta_jabatan = st.builds(
    FaktaJabatan,
    id=st.integers(10_001, 10_004),
    jenis=st.sampled_from([j.value for j in JenisJabatan]),
    rumpun=st.sampled_from(RUMPUN),
    nama=st.sampled_from(NAMA),
    kelas=st.integers(0, 17),
    pendidikan_minimal=st.sampled_from([0] + [p.value for p in Pendidikan]),
    bidang_studi=st.lists(st.sampled_from(BIDANG[1:]), max_size=2, unique=True).map(
        lambda x: tuple(sorted(x))
    ),
    golongan_minimal=st.sampled_from([0, *GOLONGAN]),
    golongan_maksimal=st.sampled_from([0, *GOLONGAN]),
)
konteks = st.builds(
    Konteks,
    hari_ini=st.just(HARI_INI),
    masa_jabatan_minimal_bulan=st.sampled_from([6, 24]),
    cek_masa_jabatan=st.booleans(),
    batas_turun_kelas=st.integers(0, 4),
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(fakta_pegawai, min_size=1, max_size=6),
    st.lists(fakta_jabatan, min_size=1, max_size=6),
    konteks,
)
def test_bentuk_vektor_sama_dengan_pemeriksaan_per_pasangan(pegawai, jabatan, k):
    kamus = KamusKode()
    P = kolom_pegawai(pegawai, kamus)
    J, kunci = kolom_jabatan(jabatan, kamus)
    per_pegawai = vektor_pegawai(P, k)
    ci, ti = (
        np.array(x, dtype=np.int64)
        for x in zip(*itertools.product(range(len(pegawai)), range(len(jabatan))), strict=False)
    )
    per_pasangan = vektor_pasangan(KolomPasangan(P.ambil(ci), J.ambil(ti), kunci), k)
    for n, (c, t) in enumerate(zip(ci.tolist(), ti.tolist(), strict=True)):
        satu = {
            a.kode for a, _ in aturan_yang_berlaku(pegawai[c], jabatan[t], k, untuk_rencana=True)
        }
        vektor = {a.kode for a in ATURAN if a.tingkat == PEGAWAI and per_pegawai[a.kode][c]} | {
            a.kode for a in ATURAN if a.tingkat == PASANGAN and per_pasangan[a.kode][n]
        }
        assert satu == vektor, (pegawai[c], jabatan[t])


def test_setiap_aturan_memiliki_pesan_dan_label():
    p = FaktaPegawai(
        jenis_asal=JenisJabatan.FUNGSIONAL,
        rumpun_asal="perawat",
        pendidikan=Pendidikan.SLTA,
        golongan=Golongan.II_A,
        tmt_jabatan=HARI_INI,
        boleh_pindah_sejak=HARI_INI + datetime.timedelta(days=30),
        tanggal_pensiun=HARI_INI,
        usulan_lain="UM/2026/00011",
        aktif=False,
    )
    j = FaktaJabatan(
        id=10_001,
        jenis=JenisJabatan.FUNGSIONAL,
        rumpun="guru",
        pendidikan_minimal=Pendidikan.S1,
        bidang_studi=("pendidikan",),
        golongan_minimal=Golongan.III_A,
    )
    for a in ATURAN:
        assert a.label
        assert a.pesan(p, j, Konteks(hari_ini=HARI_INI)).endswith(".")


def test_rumpun_jabatan_fungsional_tanpa_jenjang():
    assert rumpun_jabatan("Perawat Terampil", JenisJabatan.FUNGSIONAL) == "perawat"
    assert rumpun_jabatan("Guru Ahli Pertama", JenisJabatan.FUNGSIONAL) == "guru"
    assert rumpun_jabatan("Pengadministrasi  Perkantoran", JenisJabatan.PELAKSANA) == (
        "pengadministrasi perkantoran"
    )
