"""Two decrees drafted at the same moment, each on its own PostgreSQL connection, never get the
same number, and neither is refused: the second takes the next number of the register."""

import datetime
import threading
import time

import pytest
from django.db import connection, transaction

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    PenggunaFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
)
from usulan_mutasi import services
from usulan_mutasi.choices import StatusNomorSK, StatusUsulan
from usulan_mutasi.models import NomorSK, SuratKeputusan

TANGGAL = datetime.date(2026, 11, 30)


@pytest.fixture
def butuh_postgres():
    if connection.vendor != "postgresql":
        pytest.skip("DATABASE_URL bukan PostgreSQL: uji konkurensi penomoran butuh PostgreSQL")


def _usulan_disetujui():
    asal = JabatanFactory(unit_kerja=UnitKerjaFactory())
    return UsulanMutasiFactory(
        pegawai=PegawaiFactory(jabatan=asal),
        jabatan_tujuan=JabatanFactory(unit_kerja=UnitKerjaFactory()),
        status=StatusUsulan.DISETUJUI,
    )


def _buat(usulan, actor):
    return services.sk_buat(
        usulan_ids=[usulan.pk],
        tanggal=TANGGAL,
        tmt=TANGGAL + datetime.timedelta(days=30),
        penandatangan_nama="Wali Kota Uji",
        actor=actor,
    )


def _jalankan(kerja):
    hasil: list = [None] * len(kerja)

    def bungkus(i, f):
        try:
            hasil[i] = f()
        except Exception as exc:  # noqa: BLE001 — reported by the assertion below
            hasil[i] = exc
        finally:
            connection.close()

    benang = [threading.Thread(target=bungkus, args=(i, f)) for i, f in enumerate(kerja)]
    for b in benang:
        b.start()
    for b in benang:
        b.join(timeout=60)
    return hasil


def _periksa_register(hasil):
    assert all(isinstance(h, SuratKeputusan) for h in hasil), hasil
    nomor = sorted(h.nomor for h in hasil)
    assert len(set(nomor)) == len(nomor)
    assert sorted(NomorSK.objects.values_list("urut", flat=True)) == list(range(1, len(hasil) + 1))
    assert set(NomorSK.objects.values_list("status", flat=True)) == {StatusNomorSK.DIPAKAI}


def test_sk_kedua_yang_membaca_nomor_sebelum_sk_pertama_commit_mendapat_nomor_berikutnya(
    butuh_postgres, transactional_db
):
    bkpsdm_1 = PenggunaFactory(peran=Peran.BKPSDM)
    bkpsdm_2 = PenggunaFactory(peran=Peran.BKPSDM)
    u1, u2 = _usulan_disetujui(), _usulan_disetujui()
    pertama_menyimpan = threading.Event()

    def pertama():
        with transaction.atomic():
            sk = _buat(u1, bkpsdm_1)
            pertama_menyimpan.set()
            time.sleep(1.0)  # keep the number uncommitted while the second one reads the register
        return sk

    def kedua():
        pertama_menyimpan.wait(timeout=20)
        return _buat(u2, bkpsdm_2)

    hasil = _jalankan([pertama, kedua])
    _periksa_register(hasil)
    assert hasil[0].nomor.startswith("800.1.3.3/1/") and hasil[1].nomor.startswith("800.1.3.3/2/")


@pytest.mark.parametrize("ulang", range(3))
def test_dua_sk_bersamaan_tidak_pernah_bernomor_sama(butuh_postgres, transactional_db, ulang):
    pelaku = [PenggunaFactory(peran=Peran.BKPSDM) for _ in range(2)]
    usulan = [_usulan_disetujui() for _ in range(2)]
    mulai = threading.Barrier(2)

    def kerja(i):
        def f():
            mulai.wait(timeout=10)
            return _buat(usulan[i], pelaku[i])

        return f

    _periksa_register(_jalankan([kerja(0), kerja(1)]))
