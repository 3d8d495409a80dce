"""The demo ABK: tasks for every jabatan, and results that reveal the register's imbalances."""

import pytest
from django.db.models import Count, Sum

from analisis_beban.calculations import keadaan_unit
from analisis_beban.models import HasilABK, PeriodeABK, UraianTugas
from mutasi_asn.demo.abk import buat_abk_demo, faktor_unit_register
from mutasi_asn.demo.register import buat_register_demo

pytestmark = pytest.mark.django_db


@pytest.fixture
def register():
    return buat_register_demo(jumlah_pegawai=1500, seed=7)


def test_faktor_unit_diulang_sama_dengan_register(register):
    assert faktor_unit_register(7) == register.faktor_unit


def test_demo_abk_unit_berlebih_lebih_dan_unit_kurang_kurang(register):
    dibuat = buat_abk_demo(tahun=2026, seed=7)
    assert set(dibuat) == {2025, 2026}
    status = dict(PeriodeABK.objects.values_list("tahun", "status"))
    assert status == {2025: "arsip", 2026: "berlaku"}
    p = PeriodeABK.objects.get(tahun=2026)
    tugas_per_jabatan = {
        r["jabatan"]: r["n"]
        for r in UraianTugas.objects.filter(periode=p).values("jabatan").annotate(n=Count("pk"))
    }
    assert tugas_per_jabatan and min(tugas_per_jabatan.values()) >= 3
    assert max(tugas_per_jabatan.values()) <= 6
    per_unit = {
        r[0]: keadaan_unit(r[1], r[2])
        for r in HasilABK.objects.filter(periode=p)
        .values("unit_kerja")
        .annotate(b=Sum("bezetting"), k=Sum("kebutuhan"))
        .filter(b__gte=2)
        .values_list("unit_kerja", "b", "k")
    }
    faktor = {u: f for u, f in register.faktor_unit.items() if u in per_unit}
    berlebih = [u for u, f in faktor.items() if f > 1.6]
    kurang = [u for u, f in faktor.items() if f < 0.7]
    assert berlebih and kurang
    assert sum(per_unit[u] == "lebih" for u in berlebih) >= 0.8 * len(berlebih)
    assert sum(per_unit[u] == "kurang" for u in kurang) >= 0.8 * len(kurang)
    assert HasilABK.objects.filter(periode=p, keadaan="sesuai").exists()
    assert not HasilABK.objects.filter(basi=True).exists()


def test_demo_abk_idempoten(register):
    buat_abk_demo(tahun=2026, seed=7)
    n = UraianTugas.objects.count()
    assert buat_abk_demo(tahun=2026, seed=7) == {}
    assert UraianTugas.objects.count() == n
