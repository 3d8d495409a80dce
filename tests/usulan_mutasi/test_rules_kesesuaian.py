"""Proposal eligibility: the field-of-study and kind-of-position warnings declared in aturan.py."""

import datetime

from instansi.choices import JenisJabatan, Jenjang
from tests.fixtures.factories import JabatanFactory, PegawaiFactory
from usulan_mutasi.rules import PERINGATAN, periksa_pasangan

HARI_INI = datetime.date(2026, 11, 30)


def _kode(temuan):
    return {t.kode for t in temuan if t.jenis == PERINGATAN}


def test_bidang_studi_di_luar_syarat_jabatan_tujuan_memberi_peringatan(db):
    tujuan = JabatanFactory(bidang_studi="Akuntansi, Ekonomi")
    pegawai = PegawaiFactory(bidang_studi="Ilmu Pemerintahan")
    temuan = periksa_pasangan(pegawai, tujuan, hari_ini=HARI_INI)
    assert "bidang_studi_tidak_sesuai" in _kode(temuan)
    pegawai.bidang_studi = " ekonomi "
    assert "bidang_studi_tidak_sesuai" not in _kode(
        periksa_pasangan(pegawai, tujuan, hari_ini=HARI_INI)
    )


def test_pindah_dari_pelaksana_ke_fungsional_dan_antar_rumpun_memberi_peringatan(db):
    perawat = JabatanFactory(
        nama="Perawat Terampil", jenis=JenisJabatan.FUNGSIONAL, jenjang=Jenjang.TERAMPIL
    )
    bidan = JabatanFactory(
        nama="Bidan Terampil", jenis=JenisJabatan.FUNGSIONAL, jenjang=Jenjang.TERAMPIL
    )
    pelaksana = PegawaiFactory()
    assert "jenis_jabatan_berbeda" in _kode(periksa_pasangan(pelaksana, perawat, hari_ini=HARI_INI))
    perawat_lain = PegawaiFactory(
        jabatan=JabatanFactory(
            nama="Perawat Terampil", jenis=JenisJabatan.FUNGSIONAL, jenjang=Jenjang.TERAMPIL
        )
    )
    assert _kode(periksa_pasangan(perawat_lain, perawat, hari_ini=HARI_INI)) <= {
        "abk_tujuan_tidak_ada"
    }
    assert "rumpun_fungsional_berbeda" in _kode(
        periksa_pasangan(perawat_lain, bidan, hari_ini=HARI_INI)
    )
