"""Dashboard selectors: hand-checked totals, scoping, and a query count that does not grow."""

from decimal import Decimal as D

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from analisis_beban import selectors, services
from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK
from mutasi_asn.akun.roles import Peran
from tests.analisis_beban.conftest import tugas
from tests.fixtures.factories import JabatanFactory, PegawaiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dihitung(org):
    services.abk_hitung(periode=org["periode"])
    return org


def test_periode_berlaku_bukan_tahun_terbaru_yang_masih_draf(org):
    PeriodeABK.objects.create(tahun=2025, status=StatusPeriode.ARSIP)
    PeriodeABK.objects.create(tahun=2027)
    assert selectors.periode_berlaku() == org["periode"]


def test_ringkasan_kota_dihitung_tangan(dihitung, buat_pengguna):
    bkpsdm = buat_pengguna(Peran.BKPSDM)
    r = selectors.ringkasan_kota(dihitung["periode"], bkpsdm)
    # beban 72,000 + 150,000 + 0 + 112,500; bezetting 3 + 0 + 2 + 1; need 1 + 2 + 0 + 2
    assert r["total_beban_menit"] == D(334500)
    assert r["bezetting"] == 6
    assert r["kebutuhan_bulat"] == 5
    assert r["kebutuhan"] == D("4.46")
    assert (r["lebih"], r["kurang"]) == (4, 3)
    assert (r["jabatan_lebih"], r["jabatan_kurang"], r["jabatan_sesuai"]) == (2, 2, 0)
    assert r["eu"] == D("0.7433")  # 334,500 / (6 × 75,000)
    assert r["pu"] == "C"
    assert r["keadaan"] == "lebih"  # 6 / 4.46 = 134 %


def test_ringkasan_per_instansi_dan_lingkup_opd(dihitung, buat_pengguna):
    o = dihitung
    bkpsdm = buat_pengguna(Peran.BKPSDM)
    baris = selectors.ringkasan_per_instansi(o["periode"], bkpsdm)
    assert [(b["instansi_nama"], b["bezetting"], b["kebutuhan_bulat"]) for b in baris] == [
        ("Dinas A", 5, 3),
        ("Dinas B", 1, 2),
    ]
    assert baris[1]["keadaan"] == "kurang" and baris[1]["pu"] == "A"
    operator_b = buat_pengguna(Peran.OPERATOR_OPD, instansi=o["instansi_b"])
    assert [
        b["instansi_nama"] for b in selectors.ringkasan_per_instansi(o["periode"], operator_b)
    ] == ["Dinas B"]
    assert selectors.ringkasan_kota(o["periode"], operator_b)["bezetting"] == 1


def test_distribusi_pj(dihitung, buat_pengguna):
    d = selectors.distribusi_pj(dihitung["periode"], buat_pengguna(Peran.BKPSDM))
    assert d == {"A": 1, "B": 0, "C": 0, "D": 0, "E": 2, "": 1}


def test_jabatan_terlebih_dan_terkurang(dihitung, buat_pengguna):
    o = dihitung
    u = buat_pengguna(Peran.BKPSDM)
    # equal surplus (2 each): the idler one (lower EJ) first
    assert [h.jabatan for h in selectors.jabatan_terlebih(o["periode"], u)] == [o["j3"], o["j1"]]
    assert [h.jabatan for h in selectors.jabatan_terkurang(o["periode"], u)] == [o["j2"], o["j4"]]
    assert len(selectors.jabatan_terlebih(o["periode"], u, n=1)) == 1


def test_status_hasil(dihitung, buat_pengguna):
    o = dihitung
    u = buat_pengguna(Peran.BKPSDM)
    o["periode"].refresh_from_db()
    s = selectors.status_hasil(o["periode"], u)
    assert s["ada_basi"] is False and s["dihitung_pada"] is not None
    assert s["perhitungan_terakhir"].status == "selesai" and not s["sedang_berjalan"]
    services.tandai_basi(periode_ids=[o["periode"].pk], jabatan_ids=[o["j1"].pk])
    assert selectors.status_hasil(o["periode"], u)["jumlah_basi"] == 1


def test_selector_kosong_tanpa_peran(dihitung, buat_pengguna):
    tanpa = buat_pengguna(None)
    r = selectors.ringkasan_kota(dihitung["periode"], tanpa)
    assert r["jumlah_jabatan"] == 0 and r["eu"] is None


def _jumlah_query(fungsi):
    with CaptureQueriesContext(connection) as ctx:
        hasil = fungsi()
        if hasattr(hasil, "__iter__") and not isinstance(hasil, dict):
            for h in hasil:
                str(getattr(h, "jabatan", ""))
                str(getattr(h, "unit_kerja", ""))
                str(getattr(h, "instansi", ""))
    return len(ctx.captured_queries)


def test_jumlah_query_tidak_bertambah_saat_baris_bertambah(dihitung, buat_pengguna):
    o = dihitung
    p = o["periode"]
    u = buat_pengguna(Peran.BKPSDM)
    fungsi = [
        lambda: selectors.ringkasan_kota(p, u),
        lambda: selectors.ringkasan_per_instansi(p, u),
        lambda: selectors.distribusi_pj(p, u),
        lambda: selectors.jabatan_terlebih(p, u),
        lambda: selectors.jabatan_terkurang(p, u),
        lambda: selectors.status_hasil(p, u),
    ]
    assert u.lingkup_kota  # roles are read once per user, not per selector
    sebelum = [_jumlah_query(f) for f in fungsi]
    for i in range(6):
        j = JabatanFactory(unit_kerja=o["u3"] if i % 2 else o["u1"])
        PegawaiFactory(jabatan=j)
        PegawaiFactory(jabatan=j)
        tugas(p, j, 10 * i, 30)
    services.abk_hitung(periode=p)
    sesudah = [_jumlah_query(f) for f in fungsi]
    assert sesudah == sebelum
    assert max(sesudah) <= 2


def test_dampak_mutasi_dari_hasil_tersimpan(dihitung):
    o = dihitung
    d = selectors.dampak_mutasi(jabatan_asal=o["j1"], jabatan_tujuan=o["j2"])
    assert d["periode"] == o["periode"]
    asal, tujuan = d["asal"], d["tujuan"]
    assert (asal["sebelum"]["bezetting"], asal["sesudah"]["bezetting"]) == (3, 2)
    assert (asal["sebelum"]["selisih"], asal["sesudah"]["selisih"]) == (2, 1)
    assert asal["sesudah"]["ej"] == D("0.48") and asal["sesudah"]["pj"] == "E"
    assert (tujuan["sebelum"]["selisih"], tujuan["sesudah"]["selisih"]) == (-2, -1)
    assert tujuan["sebelum"]["ej"] is None
    assert tujuan["sesudah"]["ej"] == D(2) and tujuan["sesudah"]["pj"] == "A"
    assert tujuan["sesudah"]["keadaan"] == "kurang"


def test_dampak_mutasi_jabatan_tanpa_hasil_dan_tanpa_asal(dihitung):
    o = dihitung
    baru = JabatanFactory(unit_kerja=o["u1"])
    PegawaiFactory(jabatan=baru)
    d = selectors.dampak_mutasi(jabatan_asal=None, jabatan_tujuan=baru)
    assert d["asal"] is None
    assert d["tujuan"]["ada_hasil"] is False
    assert (d["tujuan"]["sebelum"]["bezetting"], d["tujuan"]["sesudah"]["bezetting"]) == (1, 2)
