"""ABK recalculation through a real Celery worker, real Redis and PostgreSQL.

- an edit of a task volume reaches the stored result once the worker has run;
- a worker killed (SIGKILL) in the middle of a recalculation leaves the old results intact, and
  a new worker running the interrupted run gives the same results as an uninterrupted one;
- with the broker unreachable the edit is kept and its results marked stale; the stale job
  recomputes them when the broker is back.
"""

import os
import signal
import subprocess
import sys
import time
from decimal import Decimal as D

import psycopg
import pytest

from analisis_beban import services
from analisis_beban.choices import StatusPerhitungan, StatusPeriode
from analisis_beban.models import HasilABK, PerhitunganABK, PeriodeABK, UraianTugas
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from tests.integration.conftest import ROOT, _url_database_uji, tunggu


def _organisasi(jumlah_jabatan=4):
    """A few units with jabatan, holders and tasks; returns (periode, [jabatan])."""
    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    units = [UnitKerjaFactory() for _ in range(max(1, jumlah_jabatan // 20))]
    jabatan = []
    for i in range(jumlah_jabatan):
        j = JabatanFactory(unit_kerja=units[i % len(units)])
        jabatan.append(j)
    PegawaiFactory.create_batch(3, jabatan=jabatan[0])
    for i, j in enumerate(jabatan[1:], start=1):
        if i % 3:
            PegawaiFactory(jabatan=j)
    UraianTugas.objects.bulk_create(
        [
            UraianTugas(
                periode=periode,
                jabatan=j,
                urutan=k,
                uraian=f"Tugas {k}",
                hasil_kerja="Laporan",
                satuan="dokumen",
                volume=D(100 + 37 * i + k),
                norma_waktu_menit=D(30 + k),
            )
            for i, j in enumerate(jabatan)
            for k in range(3)
        ]
    )
    return periode, jabatan


def _hasil(periode):
    return sorted(
        HasilABK.objects.filter(periode=periode).values_list(
            "jabatan_id", "total_beban_menit", "kebutuhan", "bezetting", "selisih", "ej", "pj"
        )
    )


def test_ubah_volume_hasil_berubah_setelah_worker_berjalan(celery_worker_proses):
    periode, jabatan = _organisasi()
    services.abk_hitung(periode=periode)
    j1 = jabatan[0]
    lama = HasilABK.objects.get(periode=periode, jabatan=j1).total_beban_menit
    t = UraianTugas.objects.filter(periode=periode, jabatan=j1).first()
    services.uraian_tugas_simpan(instance=t, data={"volume": t.volume + 1000})
    run = PerhitunganABK.objects.latest("dibuat_pada")
    assert run.task_id, "tugas harus sudah terkirim ke Redis setelah commit"
    tunggu(
        lambda: PerhitunganABK.objects.get(pk=run.pk).status == StatusPerhitungan.SELESAI,
        batas_detik=60,
    )
    h = HasilABK.objects.get(periode=periode, jabatan=j1)
    assert h.total_beban_menit == lama + 1000 * t.norma_waktu_menit
    assert h.basi is False


def _mulai_worker(tmp_path, nama):
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "mutasi_asn.settings.test",
            "DATABASE_URL": _url_database_uji(),
            "CELERY_TASK_ALWAYS_EAGER": "false",
        }
    )
    log = tmp_path / f"{nama.split('@')[0]}.log"
    proses = subprocess.Popen(
        [sys.executable, "-m", "celery", "-A", "mutasi_asn", "worker", "--pool=solo",
         "--loglevel=INFO", "--without-gossip", "--without-mingle", "-n", nama],
        cwd=ROOT, env=env, stdout=log.open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    return proses, log


def test_worker_dibunuh_di_tengah_hitung_ulang_hasil_tetap_sama(celery_worker_proses, tmp_path):
    app = celery_worker_proses["app"]
    periode, jabatan = _organisasi(jumlah_jabatan=200)
    services.abk_hitung(periode=periode)
    acuan = _hasil(periode)
    # Invalidate every result in the database so a half-done rerun would show.
    HasilABK.objects.filter(periode=periode).update(selisih=999, basi=True)

    # Hold the period's lock in another connection: the worker's run starts (`berjalan`,
    # committed) and then waits inside its transaction — it is in the middle of the run.
    penahan = psycopg.connect(_url_database_uji())
    penahan.execute(
        "SELECT 1 FROM analisis_beban_periodeabk WHERE id = %s FOR NO KEY UPDATE", [periode.pk]
    )
    run = PerhitunganABK.objects.create(periode=periode, alasan="uji: dibunuh")
    services.perhitungan_kirim(perhitungan_id=run.pk)
    tunggu(
        lambda: PerhitunganABK.objects.get(pk=run.pk).status == StatusPerhitungan.BERJALAN,
        batas_detik=60,
    )
    time.sleep(0.5)
    celery_worker_proses["proses"].send_signal(signal.SIGKILL)
    celery_worker_proses["proses"].wait(timeout=10)
    penahan.rollback()
    penahan.close()

    # Nothing of the interrupted run was written.
    assert PerhitunganABK.objects.get(pk=run.pk).status == StatusPerhitungan.BERJALAN
    assert set(HasilABK.objects.filter(periode=periode).values_list("selisih", flat=True)) == {999}

    nama = f"uji-baru-{os.getpid()}-{time.monotonic_ns()}@localhost"
    proses, log = _mulai_worker(tmp_path, nama)
    try:
        tunggu(lambda: app.control.ping(destination=[nama], timeout=1.0), batas_detik=60)
        # The safety net runs what the killed worker left `berjalan`.
        app.send_task("analisis_beban.tasks.abk_hitung_yang_basi", kwargs={"umur_antre_detik": 0})
        tunggu(
            lambda: PerhitunganABK.objects.get(pk=run.pk).status == StatusPerhitungan.SELESAI,
            batas_detik=90,
        )
        assert _hasil(periode) == acuan
        assert not HasilABK.objects.filter(periode=periode, basi=True).exists()
    finally:
        proses.terminate()
        try:
            proses.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proses.kill()


class _BrokerMati:
    """Point the Celery app's producers at a port where no Redis listens, then restore."""

    def __init__(self, app):
        self.app = app

    def _reset(self):
        self.app._pool = None
        self.app.amqp._producer_pool = None

    def __enter__(self):
        self.lama = self.app.conf.broker_write_url
        self.app.conf.broker_write_url = "redis://127.0.0.1:1/3"
        self._reset()
        return self

    def __exit__(self, *exc):
        self.app.conf.broker_write_url = self.lama
        self._reset()


def test_broker_mati_suntingan_tetap_dan_basi_lalu_dihitung_saat_broker_kembali(
    celery_worker_proses,
):
    app = celery_worker_proses["app"]
    periode, jabatan = _organisasi()
    services.abk_hitung(periode=periode)
    j1 = jabatan[0]
    t = UraianTugas.objects.filter(periode=periode, jabatan=j1).first()
    with _BrokerMati(app):
        mulai = time.monotonic()
        services.uraian_tugas_simpan(instance=t, data={"volume": D(5000)})
        assert time.monotonic() - mulai < 15, "pengguna tidak boleh menunggu broker lama"
    t.refresh_from_db()
    assert t.volume == D(5000)
    assert HasilABK.objects.get(periode=periode, jabatan=j1).basi is True
    run = PerhitunganABK.objects.latest("dibuat_pada")
    assert (run.status, run.task_id) == (StatusPerhitungan.ANTRE, "")
    time.sleep(2)
    assert PerhitunganABK.objects.get(pk=run.pk).status == StatusPerhitungan.ANTRE

    # Broker back: the periodic stale job (as beat would send it) recomputes.
    app.send_task("analisis_beban.tasks.abk_hitung_yang_basi", kwargs={"umur_antre_detik": 0})
    tunggu(lambda: not HasilABK.objects.filter(periode=periode, basi=True).exists(), batas_detik=60)
    h = HasilABK.objects.get(periode=periode, jabatan=j1)
    assert h.total_beban_menit == sum(
        u.volume * u.norma_waktu_menit for u in UraianTugas.objects.filter(jabatan=j1)
    )
    tunggu(lambda: PerhitunganABK.objects.get(pk=run.pk).status == StatusPerhitungan.SELESAI)


@pytest.fixture(autouse=True)
def _tanpa_periode_lain(transactional_db):
    """Each test builds its own period 2026."""
    PeriodeABK.objects.all().delete()
