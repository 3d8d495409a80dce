"""The test database hands out production-sized ids, on PostgreSQL and on SQLite alike."""

import pytest

from tests.fixtures.factories import InstansiFactory, PegawaiFactory


def test_id_baru_di_database_uji_lebih_dari_10000(db):
    instansi = InstansiFactory()
    pegawai = PegawaiFactory()
    assert instansi.pk > 10_000
    assert pegawai.pk > 10_000
    # Each table has its own range: an instansi id is not also a pegawai id.
    assert instansi.pk != pegawai.pk


@pytest.mark.django_db(transaction=True)
def test_id_tetap_di_atas_10000_setelah_tes_transaksional():
    assert InstansiFactory().pk > 10_000
