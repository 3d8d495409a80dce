"""The Celery tasks: fetch by id, call the service; idempotent; the safety nets."""

from decimal import Decimal as D

import pytest
from django.conf import settings
from django.core.management import call_command

from analisis_beban import services, tasks
from analisis_beban.choices import StatusPerhitungan
from analisis_beban.models import HasilABK, PerhitunganABK, UraianTugas

pytestmark = pytest.mark.django_db


def test_tugas_menjalankan_run_antre(org):
    p = org["periode"]
    run = PerhitunganABK.objects.create(periode=p)
    hasil = tasks.hitung_ulang_abk(run.pk)
    assert hasil == {"perhitungan": run.pk, "status": "selesai", "jabatan": 4}
    assert HasilABK.objects.filter(periode=p).count() == 4


def test_tugas_run_selesai_adalah_noop(org):
    p = org["periode"]
    run = services.abk_hitung(periode=p)
    UraianTugas.objects.filter(jabatan=org["j1"]).update(volume=D(9999))
    tasks.hitung_ulang_abk(run.pk)
    assert HasilABK.objects.get(periode=p, jabatan=org["j1"]).total_beban_menit == D(72000)
    run.refresh_from_db()
    assert run.status == StatusPerhitungan.SELESAI


def test_tugas_run_terputus_dijalankan_ulang_dengan_hasil_sama(org):
    """A worker killed midway leaves the run `berjalan`; the redelivered task runs it again."""
    p = org["periode"]
    services.abk_hitung(periode=p)
    acuan = list(HasilABK.objects.filter(periode=p).values_list("jabatan", "selisih", "ej"))
    run = PerhitunganABK.objects.create(periode=p, status=StatusPerhitungan.BERJALAN)
    tasks.hitung_ulang_abk(run.pk)
    run.refresh_from_db()
    assert run.status == StatusPerhitungan.SELESAI
    assert list(HasilABK.objects.filter(periode=p).values_list("jabatan", "selisih", "ej")) == acuan


def test_tugas_run_yang_sudah_dihapus_diabaikan(db):
    assert tasks.hitung_ulang_abk(987654) is None


def test_tugas_diatur_acks_late_dan_batas_waktu():
    t = tasks.hitung_ulang_abk
    assert t.acks_late is True
    assert t.soft_time_limit and t.time_limit and t.soft_time_limit < t.time_limit


def test_jadwal_beat_memuat_kedua_jaring_pengaman():
    jadwal = {v["task"] for v in settings.CELERY_BEAT_SCHEDULE.values()}
    assert {
        "analisis_beban.tasks.abk_hitung_yang_basi",
        "analisis_beban.tasks.abk_hitung_ulang_malam",
    } <= jadwal


def test_tugas_basi_menghitung_hasil_basi(org):
    p = org["periode"]
    services.abk_hitung(periode=p)
    UraianTugas.objects.filter(jabatan=org["j4"]).update(volume=D(1500))
    services.tandai_basi(periode_ids=[p.pk], jabatan_ids=[org["j4"].pk])
    assert tasks.abk_hitung_yang_basi() == 1
    h = HasilABK.objects.get(periode=p, jabatan=org["j4"])
    assert (h.total_beban_menit, h.basi) == (D(225000), False)


def test_tugas_malam_menghitung_periode_terbuka(org):
    p = org["periode"]
    assert tasks.abk_hitung_ulang_malam() == 1
    assert HasilABK.objects.filter(periode=p, basi=False).count() == 4


def test_perintah_hitung_abk(org, capsys):
    call_command("hitung_abk", "--periode", "2026")
    keluar = capsys.readouterr().out
    assert "4 jabatan" in keluar and "detik" in keluar
    assert HasilABK.objects.filter(periode=org["periode"]).count() == 4


def test_perintah_hitung_abk_periode_tidak_ada(org):
    from django.core.management.base import CommandError

    with pytest.raises(CommandError, match="tidak ada"):
        call_command("hitung_abk", "--periode", "1999")


def test_perintah_hitung_abk_tanpa_periode_menghitung_yang_berlaku_dan_draf_bukan_arsip(
    org, capsys
):
    from analisis_beban.choices import StatusPeriode
    from analisis_beban.models import PeriodeABK

    arsip = PeriodeABK.objects.create(tahun=2025, status=StatusPeriode.ARSIP)
    draf = PeriodeABK.objects.create(tahun=2027)
    call_command("hitung_abk")
    keluar = capsys.readouterr().out
    assert "ABK 2026" in keluar and "ABK 2027" in keluar and "2 periode" in keluar
    assert "ABK 2025" not in keluar
    assert HasilABK.objects.filter(periode=draf).count() == 4
    assert not HasilABK.objects.filter(periode=arsip).exists()
