import datetime
from types import SimpleNamespace

import pytest

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
)


@pytest.fixture
def kota(instansi_a, instansi_b, buat_pengguna):
    """Two agencies, each with a unit, a jabatan, a named employee and a draft proposal."""
    jab_a = JabatanFactory(
        pk=20001,
        unit_kerja=UnitKerjaFactory(pk=11001, instansi=instansi_a, nama="UPTD Puskesmas Kota"),
        nama="Perawat Terampil",
    )
    jab_b = JabatanFactory(
        pk=20002,
        unit_kerja=UnitKerjaFactory(pk=11002, instansi=instansi_b, nama="SD Negeri 122350"),
        nama="Guru Ahli Muda",
    )
    pegawai_a = PegawaiFactory(
        pk=30001,
        nama="Rosmawati Siahaan",
        gelar_belakang="S.Kep.",
        nip="198609262015052001",
        jabatan=jab_a,
        tmt_jabatan=datetime.date(2019, 1, 1),
    )
    pegawai_b = PegawaiFactory(
        pk=30002,
        nama="Hotman Simanjuntak",
        gelar_depan="Drs.",
        nip="197501012000031002",
        jabatan=jab_b,
        tmt_jabatan=datetime.date(2019, 1, 1),
    )
    operator_a = buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a, username="operator_a")
    operator_b = buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_b, username="operator_b")
    usulan_a = UsulanMutasiFactory(
        pk=40001,
        pegawai=pegawai_a,
        jabatan_tujuan=JabatanFactory(unit_kerja=jab_a.unit_kerja),
        jenis="antar_unit",
        diusulkan_oleh=operator_a,
        instansi_pengusul=instansi_a,
    )
    usulan_b = UsulanMutasiFactory(
        pk=40002,
        pegawai=pegawai_b,
        jabatan_tujuan=JabatanFactory(unit_kerja=jab_b.unit_kerja),
        jenis="antar_unit",
        diusulkan_oleh=operator_b,
        instansi_pengusul=instansi_b,
    )
    # ABK results of both agencies, so the ABK endpoints have rows on each side.
    from decimal import Decimal

    from analisis_beban.choices import StatusPeriode
    from analisis_beban.models import PeriodeABK, UraianTugas
    from analisis_beban.services import abk_hitung

    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    for jab in (jab_a, jab_b):
        UraianTugas.objects.create(
            periode=periode,
            jabatan=jab,
            uraian="Menyusun laporan",
            hasil_kerja="Laporan",
            satuan="dokumen",
            volume=Decimal(1200),
            norma_waktu_menit=Decimal(30),
        )
    abk_hitung(periode=periode)
    return SimpleNamespace(
        periode=periode,
        a=instansi_a,
        b=instansi_b,
        jab_a=jab_a,
        jab_b=jab_b,
        pegawai_a=pegawai_a,
        pegawai_b=pegawai_b,
        operator_a=operator_a,
        operator_b=operator_b,
        kepala_a=buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_a, username="kepala_a"),
        bkpsdm=buat_pengguna(Peran.BKPSDM, username="staf_bkpsdm"),
        admin=buat_pengguna(Peran.ADMIN, username="admin_uji", is_staff=True, is_superuser=True),
        usulan_a=usulan_a,
        usulan_b=usulan_b,
    )
