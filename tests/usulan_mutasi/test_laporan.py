"""Reports: the rekap of a period, step durations, the ABK effect of the moves that took effect,
the history search and a unit's came-and-went list; constant query counts."""

import datetime
import io
from decimal import Decimal

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from analisis_beban.choices import StatusPeriode
from analisis_beban.models import HasilABK, PeriodeABK
from mutasi_asn.excel import BARIS_HEADER
from tests.fixtures.factories import PegawaiFactory, SuratKeputusanFactory
from tests.usulan_mutasi import test_views
from tests.usulan_mutasi.test_views import usulan_dari
from usulan_mutasi import laporan
from usulan_mutasi.choices import AksiPeristiwa, StatusUsulan
from usulan_mutasi.models import PeristiwaUsulan

S = StatusUsulan
dunia = test_views.dunia
TZ = datetime.timezone(datetime.timedelta(hours=7))


def waktu(hari, jam=9):
    return datetime.datetime(2026, 3, 1, jam, tzinfo=TZ) + datetime.timedelta(days=hari)


def test_periode_tahun_semester_bulan_rentang():
    assert laporan.Periode.semester(2026, 2).mulai == datetime.date(2026, 7, 1)
    assert laporan.Periode.bulan(2026, 2).selesai == datetime.date(2026, 2, 28)
    assert laporan.Periode.bulan(2026, 2).label == "Februari 2026"
    p = laporan.Periode.rentang(datetime.date(2026, 3, 1), datetime.date(2026, 3, 31))
    awal, akhir = p.batas_waktu()
    assert awal.utcoffset() == datetime.timedelta(hours=7) and (akhir - awal).days == 31


def test_rekap_menghitung_usulan_yang_diajukan_dalam_periode(dunia):
    for _ in range(2):
        usulan_dari(dunia, status=S.DIAJUKAN, diajukan_pada=waktu(5))
    usulan_dari(dunia, status=S.DITOLAK, diajukan_pada=waktu(6), alasan="penyegaran")
    usulan_dari(dunia, status=S.DIAJUKAN, diajukan_pada=waktu(60))  # May: outside March
    usulan_dari(dunia)  # a draft never submitted
    r = laporan.rekap(dunia.bkpsdm, laporan.Periode.bulan(2026, 3))
    assert r["jumlah_diajukan"] == 3
    assert {b["label"]: b["jumlah"] for b in r["per_status"]} == {
        "Verifikasi BKPSDM": 2,
        "Ditolak": 1,
    }
    assert {b["label"]: b["jumlah"] for b in r["per_alasan"]} == {
        "Pemerataan beban kerja": 2,
        "Penyegaran": 1,
    }
    assert r["per_instansi_tujuan"] == [
        {"kunci": dunia.instansi_b.pk, "label": dunia.instansi_b.nama, "jumlah": 3}
    ]
    # The agency outside both sides sees nothing.
    assert laporan.rekap(dunia.kepala_c, laporan.Periode.bulan(2026, 3))["jumlah_diajukan"] == 0


def test_lama_tahap_median_p90_dan_yang_melewati_tenggat(dunia):
    # Three proposals verified after 1, 2 and 9 calendar days; the last one past 5 working days.
    for hari in (1, 2, 9):
        u = usulan_dari(dunia, status=S.PERSETUJUAN_ASAL, diajukan_pada=waktu(0))
        PeristiwaUsulan.objects.create(
            usulan=u,
            aksi=AksiPeristiwa.DIAJUKAN,
            dari_status=S.DRAF,
            ke_status=S.DIAJUKAN,
            waktu=waktu(0),
        )
        PeristiwaUsulan.objects.create(
            usulan=u,
            aksi=AksiPeristiwa.DIVERIFIKASI,
            dari_status=S.DIAJUKAN,
            ke_status=S.PERSETUJUAN_ASAL,
            waktu=waktu(hari),
        )
    r = laporan.rekap(dunia.bkpsdm, laporan.Periode.bulan(2026, 3))
    verifikasi = next(t for t in r["durasi"] if t.status == S.DIAJUKAN)
    assert verifikasi.jumlah == 3
    assert verifikasi.median == 2.0
    assert verifikasi.p90 == pytest.approx(7.6)
    assert verifikasi.terlambat == 1
    # The step the proposals are still in has no end yet: not counted.
    assert next(t for t in r["durasi"] if t.status == S.PERSETUJUAN_ASAL).jumlah == 0


def test_dampak_abk_kekurangan_sebelum_dan_sesudah_per_instansi(dunia):
    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    sk = SuratKeputusanFactory(tmt=datetime.date(2026, 3, 10), dibuat_oleh=dunia.bkpsdm)
    for _ in range(2):
        usulan_dari(dunia, status=S.BERLAKU, surat_keputusan=sk)
    # Now (after both moves): the destination needs 5 and has 3; the origin needs 2 and has 2.
    for jabatan, keb, bez in ((dunia.jab_b, 5, 3), (dunia.jab_a, 2, 2)):
        HasilABK.objects.create(
            periode=periode,
            jabatan=jabatan,
            unit_kerja=jabatan.unit_kerja,
            instansi=jabatan.unit_kerja.instansi,
            total_beban_menit=Decimal(1),
            kebutuhan=keb,
            kebutuhan_bulat=keb,
            bezetting=bez,
            selisih=bez - keb,
            keadaan="kurang" if bez < keb else "sesuai",
            dihitung_pada=timezone.now(),
        )
    r = laporan.rekap(dunia.bkpsdm, laporan.Periode.tahun(2026))
    assert r["jumlah_berlaku"] == 2
    dampak = {b["instansi"]: (b["sebelum"], b["sesudah"]) for b in r["dampak_abk"]}
    assert dampak[dunia.instansi_b.nama] == (4, 2)  # 5-1 before, 5-3 after
    assert dampak[dunia.instansi_a.nama] == (0, 0)  # 2 needed, had 4 before: no shortage either way


def test_halaman_rekap_xlsx_dan_jumlah_kueri_tetap(client, dunia, django_assert_max_num_queries):
    client.force_login(dunia.bkpsdm)
    url = reverse("usulan_mutasi:laporan_rekap") + "?jenis=bulan&tahun=2026&bulan=3"

    def kueri():
        with django_assert_max_num_queries(100) as q:
            resp = client.get(url)
        assert resp.status_code == 200
        return len(q.captured_queries)

    usulan_dari(dunia, status=S.DIAJUKAN, diajukan_pada=waktu(3))
    kueri()  # the first visit creates the settings rows
    sedikit = kueri()
    for i in range(15):
        u = usulan_dari(dunia, status=S.PERSETUJUAN_ASAL, diajukan_pada=waktu(i % 20))
        PeristiwaUsulan.objects.create(
            usulan=u,
            aksi=AksiPeristiwa.DIVERIFIKASI,
            dari_status=S.DIAJUKAN,
            ke_status=S.PERSETUJUAN_ASAL,
            waktu=waktu(i % 20 + 1),
        )
    assert kueri() == sedikit
    isi = client.get(url).content.decode()
    assert "Rekap mutasi — Maret 2026" in isi and 'id="data-rekap"' in isi
    assert "onclick" not in isi.split("<main", 1)[1].split("</main>")[0]
    resp = client.get(url + "&format=xlsx")
    wb = openpyxl.load_workbook(io.BytesIO(resp.content))
    assert "Durasi tahap" in wb.sheetnames and wb["Ringkasan"][f"B{BARIS_HEADER + 1}"].value == 16
    resp = client.get(reverse("usulan_mutasi:laporan_rekap") + "?jenis=rentang&mulai=2026-03-05")
    assert resp.status_code == 200 and "Isi tanggal awal dan akhir" in resp.content.decode()


def test_riwayat_mutasi_dicari_dan_dibatasi_cakupan(client, dunia, django_assert_max_num_queries):
    sk = SuratKeputusanFactory(nomor="800.1.3.3/7/BKPSDM/III/2026", dibuat_oleh=dunia.bkpsdm)
    orang = PegawaiFactory(jabatan=dunia.jab_a, nama="Lestari Purba")
    usulan_dari(dunia, status=S.BERLAKU, surat_keputusan=sk, pegawai=orang)
    usulan_dari(dunia, status=S.BERLAKU, surat_keputusan=sk)
    usulan_dari(dunia, status=S.DISETUJUI)  # not in effect: not history
    url = reverse("usulan_mutasi:riwayat_mutasi")
    client.force_login(dunia.bkpsdm)
    assert client.get(url).context["paginator"].count == 2
    assert client.get(url, {"q": "Lestari"}).context["paginator"].count == 1
    assert client.get(url, {"q": orang.nip[:10]}).context["paginator"].count == 1
    assert client.get(url, {"nomor_sk": "7/BKPSDM"}).context["paginator"].count == 2
    assert client.get(url, {"instansi": dunia.instansi_c.pk}).context["paginator"].count == 0
    assert client.get(url, {"jabatan": dunia.jab_b.nama}).context["paginator"].count == 2
    client.force_login(dunia.kepala_c)
    assert client.get(url).context["paginator"].count == 0
    client.force_login(dunia.bkpsdm)
    with django_assert_max_num_queries(100) as q:
        client.get(url)
    sedikit = len(q.captured_queries)
    for _ in range(10):
        usulan_dari(dunia, status=S.BERLAKU, surat_keputusan=sk)
    with django_assert_max_num_queries(100) as q:
        client.get(url)
    assert len(q.captured_queries) == sedikit


def test_halaman_unit_menampilkan_yang_datang_dan_pergi(client, dunia):
    sk = SuratKeputusanFactory(dibuat_oleh=dunia.bkpsdm)
    orang = PegawaiFactory(jabatan=dunia.jab_a, nama="Hotman Sitorus")
    usulan_dari(dunia, status=S.BERLAKU, surat_keputusan=sk, pegawai=orang)
    client.force_login(dunia.bkpsdm)
    unit_b = dunia.jab_b.unit_kerja
    isi = client.get(reverse("usulan_mutasi:unit_datang_pergi", args=[unit_b.pk])).content.decode()
    datang = isi.split("Pergi")[0]
    assert "Hotman Sitorus" in datang and sk.nomor in datang
    isi = client.get(reverse("usulan_mutasi:unit_datang_pergi", args=[dunia.jab_a.unit_kerja.pk]))
    assert "Hotman Sitorus" in isi.content.decode().split("Pergi")[1]
    assert "datang-pergi" in client.get(unit_b.get_absolute_url()).content.decode()
    client.force_login(dunia.kepala_c)
    resp = client.get(reverse("usulan_mutasi:unit_datang_pergi", args=[unit_b.pk]))
    assert resp.status_code == 404 or "Hotman" not in resp.content.decode()
