"""Two people approve the same step at the same moment, each on their own database connection:
the row lock lets exactly one through, the other gets a clear message, one event is recorded.
"""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    PenggunaFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
    dokumen_lengkap,
)
from usulan_mutasi import services
from usulan_mutasi.choices import AksiPeristiwa, StatusUsulan
from usulan_mutasi.models import PeristiwaUsulan, UsulanMutasi


@pytest.fixture
def butuh_postgres():
    if connection.vendor != "postgresql":
        pytest.skip(
            "DATABASE_URL bukan PostgreSQL: uji konkurensi butuh kunci baris (SELECT ... FOR "
            "UPDATE) yang tidak ada di SQLite"
        )


def _setujui_bersamaan(usulan_id, pelaku):
    """Run `usulan_setujui` from one thread per actor, released together by a barrier."""
    mulai = threading.Barrier(len(pelaku))
    hasil: list = [None] * len(pelaku)

    def kerja(i, actor):
        try:
            usulan = UsulanMutasi.objects.get(pk=usulan_id)  # both read the same state
            mulai.wait(timeout=10)
            services.usulan_setujui(usulan=usulan, actor=actor, catatan=f"oleh {actor}")
            hasil[i] = "ok"
        except ValidationError as exc:
            hasil[i] = exc
        except Exception as exc:  # noqa: BLE001 — reported by the assertion below
            hasil[i] = exc
        finally:
            connection.close()

    benang = [threading.Thread(target=kerja, args=(i, a)) for i, a in enumerate(pelaku)]
    for b in benang:
        b.start()
    for b in benang:
        b.join(timeout=30)
    return hasil


@pytest.mark.parametrize("ulang", range(3))
def test_dua_persetujuan_bersamaan_hanya_satu_berhasil(butuh_postgres, transactional_db, ulang):
    bkpsdm_1 = PenggunaFactory(peran=Peran.BKPSDM)
    bkpsdm_2 = PenggunaFactory(peran=Peran.BKPSDM)
    asal = JabatanFactory(unit_kerja=UnitKerjaFactory())
    usulan = UsulanMutasiFactory(
        pegawai=PegawaiFactory(jabatan=asal),
        jabatan_tujuan=JabatanFactory(unit_kerja=UnitKerjaFactory()),
        status=StatusUsulan.DIAJUKAN,
    )
    dokumen_lengkap(usulan, bkpsdm_1)

    hasil = _setujui_bersamaan(usulan.pk, [bkpsdm_1, bkpsdm_2])

    assert sorted(map(str, hasil)).count("ok") == 1, hasil
    gagal = next(h for h in hasil if h != "ok")
    assert isinstance(gagal, ValidationError), repr(gagal)
    assert "baru saja diproses oleh pengguna lain" in gagal.messages[0]
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.PERSETUJUAN_ASAL
    assert (
        PeristiwaUsulan.objects.filter(usulan=usulan, aksi=AksiPeristiwa.DIVERIFIKASI).count() == 1
    )


def test_notifikasi_dikirim_worker_sungguhan_setelah_commit(celery_worker_proses):
    """The event's notification travels through real Redis to a real worker, after commit."""
    from tests.integration.conftest import tunggu

    pengusul = PenggunaFactory(peran=Peran.BKPSDM, email="pengusul@pematangsiantarkota.go.id")
    PenggunaFactory(peran=Peran.KEPALA_OPD, email="kepala@pematangsiantarkota.go.id")
    asal = JabatanFactory(unit_kerja=UnitKerjaFactory())
    usulan = UsulanMutasiFactory(
        pegawai=PegawaiFactory(jabatan=asal),
        jabatan_tujuan=JabatanFactory(unit_kerja=UnitKerjaFactory()),
        status=StatusUsulan.DIAJUKAN,
        diusulkan_oleh=pengusul,
    )
    bkpsdm = PenggunaFactory(peran=Peran.BKPSDM)
    services.usulan_setujui(usulan=dokumen_lengkap(usulan, bkpsdm), actor=bkpsdm)
    peristiwa = PeristiwaUsulan.objects.get(usulan=usulan, aksi=AksiPeristiwa.DIVERIFIKASI)

    def terkirim():
        peristiwa.refresh_from_db()
        return peristiwa.notifikasi_terkirim_pada

    assert tunggu(terkirim, batas_detik=30)
