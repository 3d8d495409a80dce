"""A small organisation with hand-checkable ABK numbers, shared by the ABK tests.

Instansi A: unit U1 with jabatan J1 (tasks 1,200 × 30 + 400 × 90 = 72,000 min; 3 holders) and
J2 (150,000 min; no holder); unit U2 with J3 (no task; 2 holders).
Instansi B: unit U3 with J4 (112,500 min; 1 holder).
"""

from decimal import Decimal

import pytest

from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK, UraianTugas
from tests.fixtures.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
)


def tugas(periode, jabatan, volume, norma, urutan=0, uraian="Menyusun laporan"):
    return UraianTugas.objects.create(
        periode=periode,
        jabatan=jabatan,
        urutan=urutan,
        uraian=uraian,
        hasil_kerja="Laporan",
        satuan="dokumen",
        volume=Decimal(volume),
        norma_waktu_menit=Decimal(norma),
    )


@pytest.fixture
def org(db):
    ia = InstansiFactory(nama="Dinas A", kode="DA")
    ib = InstansiFactory(nama="Dinas B", kode="DB")
    u1 = UnitKerjaFactory(instansi=ia, nama="Bidang Satu")
    u2 = UnitKerjaFactory(instansi=ia, nama="Bidang Dua")
    u3 = UnitKerjaFactory(instansi=ib, nama="Bidang Tiga")
    j1 = JabatanFactory(unit_kerja=u1, nama="Analis")
    j2 = JabatanFactory(unit_kerja=u1, nama="Pranata")
    j3 = JabatanFactory(unit_kerja=u2, nama="Pengadministrasi")
    j4 = JabatanFactory(unit_kerja=u3, nama="Penelaah")
    for _ in range(3):
        PegawaiFactory(jabatan=j1)
    for _ in range(2):
        PegawaiFactory(jabatan=j3)
    PegawaiFactory(jabatan=j4)
    PegawaiFactory(jabatan=j4, aktif=False)  # inactive: not bezetting
    p = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    tugas(p, j1, 1200, 30, 1)
    tugas(p, j1, 400, 90, 2)
    tugas(p, j2, 1000, 150)
    tugas(p, j4, 750, 150)
    return {
        "periode": p,
        "instansi_a": ia,
        "instansi_b": ib,
        "u1": u1,
        "u2": u2,
        "u3": u3,
        "j1": j1,
        "j2": j2,
        "j3": j3,
        "j4": j4,
    }
