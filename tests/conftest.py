import pytest

from mutasi_asn.akun.roles import Peran
from mutasi_asn.akun.services import peran_sinkronkan
from tests.fixtures.factories import InstansiFactory, PenggunaFactory
from tests.fixtures.urutan_id import mulai_id_di_atas_10000


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup, django_db_blocker):
    """Every id in every test has five digits, as in production (see tests/fixtures/urutan_id)."""
    with django_db_blocker.unblock():
        mulai_id_di_atas_10000()


@pytest.fixture(autouse=True)
def _peran(db):
    """Role groups exist in every test database (post_migrate is skipped without migrations)."""
    peran_sinkronkan()


@pytest.fixture
def instansi_a(db):
    return InstansiFactory(nama="Dinas Kesehatan Uji", kode="DINKES-U")


@pytest.fixture
def instansi_b(db):
    return InstansiFactory(nama="Dinas Pendidikan Uji", kode="DISDIK-U")


@pytest.fixture
def buat_pengguna(db):
    def _buat(peran: str | None, instansi=None, **kwargs):
        user = PenggunaFactory(peran=peran, instansi=instansi, **kwargs)
        return user

    return _buat


@pytest.fixture
def pengguna_peran(buat_pengguna, instansi_a):
    """One user per role; agency roles belong to instansi_a."""
    return {
        Peran.ADMIN: buat_pengguna(Peran.ADMIN, is_staff=True, is_superuser=True),
        Peran.BKPSDM: buat_pengguna(Peran.BKPSDM),
        Peran.OPERATOR_OPD: buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a),
        Peran.KEPALA_OPD: buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_a),
        Peran.TIM_PENILAI: buat_pengguna(Peran.TIM_PENILAI),
        Peran.PPK: buat_pengguna(Peran.PPK),
    }


@pytest.fixture(autouse=True)
def _cache_kosong():
    """API throttle counts live in the cache: every test starts with none."""
    from django.core.cache import cache

    cache.clear()
