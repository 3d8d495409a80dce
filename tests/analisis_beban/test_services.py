"""Recalculation and input services against hand-computed values on a small organisation."""

import datetime
from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from analisis_beban import services
from analisis_beban.choices import StatusPerhitungan, StatusPeriode
from analisis_beban.models import HasilABK, PerhitunganABK, PeriodeABK, UraianTugas
from instansi.services import jabatan_simpan
from pegawai.services import pegawai_pindah_jabatan, pegawai_simpan
from tests.analisis_beban.conftest import tugas
from tests.fixtures.factories import JabatanFactory, PegawaiFactory

pytestmark = pytest.mark.django_db


def hasil(periode, jabatan):
    return HasilABK.objects.get(periode=periode, jabatan=jabatan)


def nilai(h):
    return (
        h.total_beban_menit,
        h.kebutuhan,
        h.kebutuhan_bulat,
        h.bezetting,
        h.selisih,
        h.keadaan,
        h.ej,
        h.pj,
    )


def semua_nilai(periode):
    return {
        h.jabatan_id: (*nilai(h), h.unit_kerja_id, h.instansi_id, h.basi)
        for h in HasilABK.objects.filter(periode=periode)
    }


def test_hitung_menyimpan_angka_yang_dihitung_tangan(org):
    p = org["periode"]
    run = services.abk_hitung(periode=p)
    assert run.status == StatusPerhitungan.SELESAI
    assert run.jumlah_jabatan == 4
    assert run.mulai_pada and run.selesai_pada
    # domain.md worked example
    assert nilai(hasil(p, org["j1"])) == (D(72000), D("0.96"), 1, 3, 2, "lebih", D("0.32"), "E")
    # vacant with workload: shortage, no EJ, no PJ
    assert nilai(hasil(p, org["j2"])) == (D(150000), D(2), 2, 0, -2, "kurang", None, "")
    # holders without tasks: all surplus
    assert nilai(hasil(p, org["j3"])) == (D(0), D(0), 0, 2, 2, "lebih", D(0), "E")
    # 112,500 / 75,000 = 1.5 → 2; one active holder (the inactive one does not count)
    assert nilai(hasil(p, org["j4"])) == (D(112500), D("1.5"), 2, 1, -1, "kurang", D("1.5"), "A")
    h4 = hasil(p, org["j4"])
    assert (h4.unit_kerja_id, h4.instansi_id) == (org["u3"].pk, org["instansi_b"].pk)
    p.refresh_from_db()
    assert p.dihitung_pada is not None


def test_hitung_ulang_idempoten(org):
    p = org["periode"]
    services.abk_hitung(periode=p)
    pertama = semua_nilai(p)
    services.abk_hitung(periode=p)
    assert semua_nilai(p) == pertama
    assert HasilABK.objects.filter(periode=p).count() == 4


def test_hitung_terbatas_hanya_menyentuh_unit_yang_diminta(org):
    p = org["periode"]
    services.abk_hitung(periode=p)
    UraianTugas.objects.filter(jabatan=org["j1"]).update(volume=D(2400))
    UraianTugas.objects.filter(jabatan=org["j4"]).update(volume=D(1500))
    sebelum_j4 = nilai(hasil(p, org["j4"]))
    run = services.abk_hitung(periode=p, unit_kerja_ids=[org["u1"].pk])
    assert run.unit_kerja_ids == [org["u1"].pk]
    assert run.jumlah_jabatan == 2
    assert hasil(p, org["j1"]).total_beban_menit == D(2400 * 30 + 2400 * 90)
    assert nilai(hasil(p, org["j4"])) == sebelum_j4


def test_jabatan_nonaktif_hasilnya_dihapus(org):
    p = org["periode"]
    services.abk_hitung(periode=p)
    org["j2"].aktif = False
    org["j2"].save()
    services.abk_hitung(periode=p, unit_kerja_ids=[org["u1"].pk])
    assert not HasilABK.objects.filter(periode=p, jabatan=org["j2"]).exists()
    assert HasilABK.objects.filter(periode=p).count() == 3


def test_ambang_dan_wke_periode_dipakai(org):
    p = org["periode"]
    p.wke_menit = 72000
    p.ambang_a, p.ambang_b = D("1.60"), D("1.40")
    p.save()
    services.abk_hitung(periode=p)
    h1 = hasil(p, org["j1"])
    assert (h1.kebutuhan, h1.kebutuhan_bulat, h1.selisih) == (D(1), 1, 2)
    # 112,500 / 72,000 = 1.5625 → B with A > 1.60, B ≥ 1.40
    assert hasil(p, org["j4"]).pj == "B"


def test_jalankan_ulang_run_selesai_tidak_berbuat_apa_apa(org):
    p = org["periode"]
    run = services.abk_hitung(periode=p)
    UraianTugas.objects.filter(jabatan=org["j1"]).update(volume=D(2400))
    again = services.perhitungan_jalankan(perhitungan_id=run.pk)
    assert again.status == StatusPerhitungan.SELESAI
    assert hasil(p, org["j1"]).total_beban_menit == D(72000)


def test_run_gagal_dicatat(org, monkeypatch):
    p = org["periode"]

    def rusak(*args, **kwargs):
        raise RuntimeError("disk penuh")

    monkeypatch.setattr(services, "_hitung", rusak)
    with pytest.raises(RuntimeError):
        services.abk_hitung(periode=p)
    run = PerhitunganABK.objects.get()
    assert run.status == StatusPerhitungan.GAGAL
    assert "disk penuh" in run.pesan_galat


# --- stale marking and queuing -----------------------------------------------------------


@pytest.fixture
def dihitung(org):
    services.abk_hitung(periode=org["periode"])
    return org


def basi(periode):
    return set(
        HasilABK.objects.filter(periode=periode, basi=True).values_list("jabatan", flat=True)
    )


def test_ubah_tugas_menandai_basi_dan_mengantrekan_setelah_commit(
    dihitung, django_capture_on_commit_callbacks
):
    o = dihitung
    p = o["periode"]
    t = UraianTugas.objects.filter(jabatan=o["j1"]).first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.uraian_tugas_simpan(instance=t, data={"volume": D(2400)}, actor=None)
        assert basi(p) == {o["j1"].pk}
        run = PerhitunganABK.objects.get(status=StatusPerhitungan.ANTRE)
        assert run.unit_kerja_ids == [o["u1"].pk]
    assert len(callbacks) == 1
    # Eager Celery in tests: running the callback performs the recalculation.
    callbacks[0]()
    run.refresh_from_db()
    assert run.status == StatusPerhitungan.SELESAI
    assert basi(p) == set()
    assert hasil(p, o["j1"]).total_beban_menit == D(2400 * 30 + 400 * 90)


def test_tugas_baru_dan_hapus_menandai_basi(dihitung, django_capture_on_commit_callbacks):
    o = dihitung
    p = o["periode"]
    with django_capture_on_commit_callbacks(execute=True):
        t = services.uraian_tugas_simpan(
            data={
                "periode": p,
                "jabatan": o["j3"],
                "uraian": "Mengagendakan surat",
                "hasil_kerja": "Agenda",
                "satuan": "surat",
                "volume": D(3000),
                "norma_waktu_menit": D(25),
            },
        )
    assert hasil(p, o["j3"]).total_beban_menit == D(75000)
    assert hasil(p, o["j3"]).selisih == 1
    with django_capture_on_commit_callbacks(execute=False):
        services.uraian_tugas_hapus(instance=t)
        assert basi(p) == {o["j3"].pk}


def test_tugas_negatif_ditolak_dan_tidak_ada_yang_basi(dihitung):
    o = dihitung
    t = UraianTugas.objects.filter(jabatan=o["j1"]).first()
    with pytest.raises(ValidationError):
        services.uraian_tugas_simpan(instance=t, data={"volume": D(-1)})
    assert basi(o["periode"]) == set()


def test_simpan_banyak_mengganti_tabel_satu_jabatan(dihitung, django_capture_on_commit_callbacks):
    o = dihitung
    p = o["periode"]
    lama = list(UraianTugas.objects.filter(periode=p, jabatan=o["j1"]).order_by("urutan"))
    baris = [
        {"id": lama[0].pk, "uraian": "Menganalisis", "hasil_kerja": "Kajian", "satuan": "kajian",
         "volume": D(100), "norma_waktu_menit": D(750)},
        {"uraian": "Rapat koordinasi", "hasil_kerja": "Notulen", "satuan": "notulen",
         "volume": D(50), "norma_waktu_menit": D(60)},
    ]  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        services.uraian_tugas_simpan_banyak(periode=p, jabatan=o["j1"], baris=baris, actor=None)
    assert len(callbacks) == 1
    tugas_j1 = UraianTugas.objects.filter(periode=p, jabatan=o["j1"])
    assert tugas_j1.count() == 2
    assert not tugas_j1.filter(pk=lama[1].pk).exists()
    assert hasil(p, o["j1"]).total_beban_menit == D(75000 + 3000)


def test_simpan_banyak_baris_salah_tidak_menyimpan_apa_pun(dihitung):
    o = dihitung
    p = o["periode"]
    baris = [
        {"uraian": "Baik", "hasil_kerja": "x", "satuan": "x", "volume": D(1),
         "norma_waktu_menit": D(1)},
        {"uraian": "", "hasil_kerja": "x", "satuan": "x", "volume": D(-5),
         "norma_waktu_menit": D(1)},
    ]  # fmt: skip
    with pytest.raises(ValidationError) as exc:
        services.uraian_tugas_simpan_banyak(periode=p, jabatan=o["j1"], baris=baris)
    assert "baris 2" in exc.value.message_dict
    assert UraianTugas.objects.filter(periode=p, jabatan=o["j1"]).count() == 2


def test_pindah_jabatan_pegawai_menandai_basi_kedua_jabatan(
    dihitung, django_capture_on_commit_callbacks
):
    o = dihitung
    p = o["periode"]
    peg = o["j1"].pemangku.first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pegawai_pindah_jabatan(
            pegawai=peg, jabatan=o["j4"], tmt=datetime.date(2026, 6, 1), actor=None
        )
        assert basi(p) == {o["j1"].pk, o["j4"].pk}
    assert len(callbacks) == 1
    callbacks[0]()
    assert basi(p) == set()
    assert hasil(p, o["j1"]).bezetting == 2
    assert hasil(p, o["j4"]).bezetting == 2
    assert hasil(p, o["j4"]).keadaan == "sesuai"


def test_pegawai_nonaktif_menandai_basi(dihitung, django_capture_on_commit_callbacks):
    o = dihitung
    peg = o["j3"].pemangku.first()
    with django_capture_on_commit_callbacks(execute=True):
        pegawai_simpan(instance=peg, data={"aktif": False}, actor=None)
    assert hasil(o["periode"], o["j3"]).bezetting == 1


def test_jabatan_baru_dan_nonaktif_lewat_layanan_instansi(
    dihitung, django_capture_on_commit_callbacks
):
    o = dihitung
    p = o["periode"]
    with django_capture_on_commit_callbacks(execute=True):
        baru = jabatan_simpan(
            instance=None,
            data={
                "unit_kerja": o["u2"],
                "kode": "JBARU",
                "nama": "Jabatan Baru",
                "jenis": "pelaksana",
                "kelas_jabatan": 6,
            },
            actor=None,
        )
    assert hasil(p, baru).bezetting == 0
    with django_capture_on_commit_callbacks(execute=False):
        jabatan_simpan(instance=o["j3"], data={"aktif": False}, actor=None)
        assert o["j3"].pk in basi(p)
    services.abk_hitung_yang_basi(umur_antre_detik=0)
    assert not HasilABK.objects.filter(periode=p, jabatan=o["j3"]).exists()


def test_pengaturan_periode_menandai_seluruh_periode_basi(
    dihitung, django_capture_on_commit_callbacks
):
    o = dihitung
    p = o["periode"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.periode_ubah_pengaturan(periode=p, data={"wke_menit": 72000}, actor=None)
        assert basi(p) == {o["j1"].pk, o["j2"].pk, o["j3"].pk, o["j4"].pk}
    callbacks[0]()
    assert hasil(p, o["j1"]).kebutuhan == D(1)
    assert basi(p) == set()


def test_keterangan_saja_tidak_menandai_basi(dihitung, django_capture_on_commit_callbacks):
    p = dihitung["periode"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        services.periode_ubah_pengaturan(periode=p, data={"keterangan": "Catatan"})
    assert callbacks == [] and basi(p) == set()


def test_pengaturan_periode_baru_tidak_mengubah_periode_lama(
    dihitung, django_capture_on_commit_callbacks
):
    o = dihitung
    lama = o["periode"]
    sebelum = semua_nilai(lama)
    with django_capture_on_commit_callbacks(execute=True):
        baru = services.periode_buat(data={"tahun": 2027}, actor=None)
        services.uraian_tugas_salin_dari_periode(periode_asal=lama, periode_tujuan=baru)
    with django_capture_on_commit_callbacks(execute=True):
        services.periode_ubah_pengaturan(
            periode=baru, data={"wke_menit": 60000, "ambang_a": D("1.20")}
        )
    assert semua_nilai(lama) == sebelum
    assert hasil(baru, o["j1"]).kebutuhan == D("1.2")
    assert PeriodeABK.objects.get(pk=lama.pk).wke_menit == 75000


def test_salin_tugas_dari_periode_sekali_jalan_dan_tidak_menggandakan(dihitung):
    o = dihitung
    baru = PeriodeABK.objects.create(tahun=2027)
    n = services.uraian_tugas_salin_dari_periode(periode_asal=o["periode"], periode_tujuan=baru)
    assert n == 4
    assert (
        services.uraian_tugas_salin_dari_periode(periode_asal=o["periode"], periode_tujuan=baru)
        == 0
    )
    assert UraianTugas.objects.filter(periode=baru).count() == 4


def test_broker_mati_suntingan_tetap_tersimpan_dan_run_tetap_antre(
    dihitung, django_capture_on_commit_callbacks, monkeypatch, caplog
):
    from analisis_beban import tasks

    def broker_mati(*args, **kwargs):
        from kombu.exceptions import OperationalError

        raise OperationalError("Error 111 connecting to 127.0.0.1:1. Connection refused.")

    monkeypatch.setattr(tasks.hitung_ulang_abk, "apply_async", broker_mati)
    o = dihitung
    p = o["periode"]
    t = UraianTugas.objects.filter(jabatan=o["j1"]).first()
    with django_capture_on_commit_callbacks(execute=True):
        services.uraian_tugas_simpan(instance=t, data={"volume": D(2400)})
    t.refresh_from_db()
    assert t.volume == D(2400)
    assert basi(p) == {o["j1"].pk}
    assert PerhitunganABK.objects.filter(status=StatusPerhitungan.ANTRE).count() == 1
    assert "tidak dapat dikirim" in caplog.text
    # The safety net picks the stuck run up.
    services.abk_hitung_yang_basi(umur_antre_detik=0)
    assert basi(p) == set()
    assert not PerhitunganABK.objects.filter(status=StatusPerhitungan.ANTRE).exists()
    assert hasil(p, o["j1"]).total_beban_menit == D(2400 * 30 + 400 * 90)


def test_yang_basi_menghitung_unit_basi_tanpa_run(dihitung):
    o = dihitung
    p = o["periode"]
    UraianTugas.objects.filter(jabatan=o["j4"]).update(volume=D(1500))
    services.tandai_basi(periode_ids=[p.pk], jabatan_ids=[o["j4"].pk])
    runs = services.abk_hitung_yang_basi()
    assert [r.unit_kerja_ids for r in runs] == [[o["u3"].pk]]
    assert hasil(p, o["j4"]).total_beban_menit == D(225000)


def test_periode_arsip_tidak_ditandai_oleh_perubahan_bezetting(
    dihitung, django_capture_on_commit_callbacks
):
    o = dihitung
    lalu = PeriodeABK.objects.create(tahun=2020, status=StatusPeriode.ARSIP)
    services.abk_hitung(periode=lalu)
    with django_capture_on_commit_callbacks(execute=False):
        PegawaiFactory(jabatan=o["j2"])  # factories bypass services: send via the service
        pegawai_pindah_jabatan(
            pegawai=o["j1"].pemangku.first(),
            jabatan=o["j2"],
            tmt=datetime.date(2026, 6, 1),
            actor=None,
        )
    assert basi(lalu) == set()
    assert basi(o["periode"]) == {o["j1"].pk, o["j2"].pk}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="jalur SQL hanya di PostgreSQL")
def test_jalur_sql_dan_python_sama(dihitung):
    o = dihitung
    p = o["periode"]
    # Awkward numbers: fractions of minutes, halves, thresholds exactly on the band edges.
    j5 = JabatanFactory(unit_kerja=o["u3"])
    PegawaiFactory(jabatan=j5)
    tugas(p, j5, "0.33", "2.27")
    j6 = JabatanFactory(unit_kerja=o["u3"])
    PegawaiFactory(jabatan=j6)
    tugas(p, j6, 675, 100)  # EJ exactly 0.90
    services._hitung_sql(p, None)
    sql = semua_nilai(p)
    services._hitung_python(p, None)
    assert semua_nilai(p) == sql


def test_run_yang_masih_antre_digabung_bukan_run_baru(dihitung, django_capture_on_commit_callbacks):
    o = dihitung
    p = o["periode"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        pegawai_pindah_jabatan(
            pegawai=o["j1"].pemangku.first(),
            jabatan=o["j2"],
            tmt=datetime.date(2026, 6, 1),
            actor=None,
        )
        pegawai_pindah_jabatan(
            pegawai=o["j4"].pemangku.first(), jabatan=o["j3"], tmt=datetime.date(2026, 6, 1),
            actor=None,
        )  # fmt: skip
    assert len(callbacks) == 1  # one send for the merged run
    run = PerhitunganABK.objects.get(status=StatusPerhitungan.ANTRE)
    assert run.unit_kerja_ids == sorted([o["u1"].pk, o["u2"].pk, o["u3"].pk])
    services.perhitungan_jalankan(perhitungan_id=run.pk)
    assert basi(p) == set()
    assert (hasil(p, o["j2"]).bezetting, hasil(p, o["j3"]).bezetting) == (1, 3)


def test_periode_baru_dengan_ambang_tidak_urut_ditolak_dengan_pesan(db):
    with pytest.raises(ValidationError) as exc:
        services.periode_buat(data={"tahun": 2030, "ambang_b": D("1.50")})
    assert "Batas PJ harus menurun" in " ".join(exc.value.messages)
    assert not PeriodeABK.objects.filter(tahun=2030).exists()
    assert not PerhitunganABK.objects.exists()


def test_jabatan_pindah_unit_hasilnya_ikut_unit_dan_instansi_baru(
    dihitung, django_capture_on_commit_callbacks
):
    o = dihitung
    p = o["periode"]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        jabatan_simpan(instance=o["j2"], data={"unit_kerja": o["u3"]}, actor=None)
    run = PerhitunganABK.objects.get(status=StatusPerhitungan.ANTRE)
    assert run.unit_kerja_ids == sorted([o["u1"].pk, o["u3"].pk])
    callbacks[0]()
    h = hasil(p, o["j2"])
    assert (h.unit_kerja_id, h.instansi_id, h.basi) == (o["u3"].pk, o["instansi_b"].pk, False)
    assert HasilABK.objects.filter(periode=p).count() == 4


# --- the recalculation partitioned by instansi ---------------------------------------------


def test_hitung_ulang_terbagi_per_instansi_sama_dengan_satu_pernyataan(
    org, settings, django_capture_on_commit_callbacks
):
    p = org["periode"]
    services.abk_hitung(periode=p)
    acuan = {
        h.jabatan_id: (h.kebutuhan, h.bezetting, h.selisih, h.ej, h.pj)
        for h in HasilABK.objects.filter(periode=p)
    }
    HasilABK.objects.filter(periode=p).update(selisih=999, basi=True)
    settings.ABK_PARTISI_MIN_JABATAN = 1
    with django_capture_on_commit_callbacks(execute=True):
        run = services.perhitungan_antrekan(periode=p, alasan="uji: terbagi")
    run.refresh_from_db()
    assert run.status == StatusPerhitungan.SELESAI
    assert (run.jumlah_jabatan, run.diproses) == (4, 4)
    hasil = {
        h.jabatan_id: (h.kebutuhan, h.bezetting, h.selisih, h.ej, h.pj)
        for h in HasilABK.objects.filter(periode=p)
    }
    assert hasil == acuan
    assert not HasilABK.objects.filter(periode=p, basi=True).exists()


def test_satu_bagian_hanya_menghitung_instansinya(org):
    p = org["periode"]
    services.abk_hitung(periode=p)
    HasilABK.objects.filter(periode=p).update(selisih=999)
    run = PerhitunganABK.objects.create(periode=p, alasan="uji: satu bagian")
    assert services.perhitungan_bagian(perhitungan_id=run.pk, instansi_id=org["instansi_b"].pk) == 1
    selisih = dict(HasilABK.objects.filter(periode=p).values_list("jabatan_id", "selisih"))
    assert selisih[org["j4"].pk] == -1  # 1 holder, need 2
    assert {selisih[org[j].pk] for j in ("j1", "j2", "j3")} == {999}
    run.refresh_from_db()
    assert run.status == StatusPerhitungan.BERJALAN and run.diproses == 1


def test_kota_kecil_tidak_dibagi(org):
    run = PerhitunganABK.objects.create(periode=org["periode"])
    assert services.instansi_untuk_partisi(perhitungan_id=run.pk) == []
