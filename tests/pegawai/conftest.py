"""Fixtures of the register import tests."""

import pytest

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import JabatanFactory, UnitKerjaFactory


@pytest.fixture
def jabatan(db, instansi_a):
    unit = UnitKerjaFactory(instansi=instansi_a, kode="UNIT-A")
    return {
        "A": JabatanFactory(kode="JAB-A", nama="Pengelola Data", unit_kerja=unit),
        "B": JabatanFactory(kode="JAB-B", nama="Analis SDM", unit_kerja=unit),
    }


@pytest.fixture
def bkpsdm(pengguna_peran):
    return pengguna_peran[Peran.BKPSDM]
