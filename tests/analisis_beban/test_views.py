"""The ABK pages: permission, scoping (another agency's page is a 404), the writes through the
services, the exports with state colours, and query counts that do not grow with rows."""

import io
import re
from decimal import Decimal as D

import pytest
from django.db import connection
from django.template.loader import render_to_string
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from analisis_beban import services
from analisis_beban.models import HasilABK, PerhitunganABK, PeriodeABK, UraianTugas
from analisis_beban.views import konteks_dasbor
from mutasi_asn.akun.roles import Peran
from mutasi_asn.excel import BARIS_HEADER
from tests.analisis_beban.conftest import tugas
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from tests.fixtures.views import hitung_query

pytestmark = pytest.mark.django_db


@pytest.fixture
def dihitung(org):
    services.abk_hitung(periode=org["periode"])
    return org


@pytest.fixture
def bkpsdm(buat_pengguna):
    return buat_pengguna(Peran.BKPSDM)


@pytest.fixture
def operator_a(buat_pengguna, dihitung):
    return buat_pengguna(Peran.OPERATOR_OPD, instansi=dihitung["instansi_a"])


@pytest.fixture
def kepala_a(buat_pengguna, dihitung):
    return buat_pengguna(Peran.KEPALA_OPD, instansi=dihitung["instansi_a"])


def halaman_baca(o):
    """Every read page of the ABK, for the org fixture (all of instansi A)."""
    t = o["periode"].tahun
    return [
        reverse("analisis_beban:dasbor"),
        reverse("analisis_beban:periodeabk_list"),
        reverse("analisis_beban:periode_detail", args=[t]),
        reverse("analisis_beban:hasilabk_list"),
        reverse("analisis_beban:peta_instansi", args=[o["instansi_a"].pk]),
        reverse("analisis_beban:peta_unit", args=[o["u1"].pk]),
        reverse("analisis_beban:jabatan_abk", args=[t, o["j1"].pk]),
    ]


def halaman_bkpsdm(o):
    t = o["periode"].tahun
    return [
        reverse("analisis_beban:periodeabk_add"),
        reverse("analisis_beban:periodeabk_edit", args=[t]),
        reverse("analisis_beban:impor"),
        reverse("analisis_beban:peta_jabatan"),
    ]


# --- access -------------------------------------------------------------------------------


def test_tamu_diarahkan_ke_halaman_masuk(client, dihitung):
    for url in halaman_baca(dihitung) + halaman_bkpsdm(dihitung):
        resp = client.get(url)
        assert resp.status_code == 302, url
        assert resp["Location"].startswith(reverse("login"))


def test_pengguna_tanpa_peran_ditolak_403(client, buat_pengguna, dihitung):
    client.force_login(buat_pengguna(None))
    for url in halaman_baca(dihitung) + halaman_bkpsdm(dihitung):
        assert client.get(url).status_code == 403, url


def test_bkpsdm_membuka_setiap_halaman(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    for url in halaman_baca(dihitung) + halaman_bkpsdm(dihitung):
        assert client.get(url).status_code == 200, url


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.KEPALA_OPD, Peran.PPK])
def test_peran_lain_membaca_tetapi_tidak_mengubah(client, buat_pengguna, dihitung, peran):
    user = buat_pengguna(peran, instansi=dihitung["instansi_a"])
    client.force_login(user)
    for url in halaman_baca(dihitung):
        assert client.get(url).status_code == 200, url
    for url in halaman_bkpsdm(dihitung)[:3]:
        assert client.get(url).status_code == 403, url
    t = dihitung["periode"].tahun
    assert client.post(reverse("analisis_beban:periode_hitung", args=[t])).status_code == 403
    assert client.post(reverse("analisis_beban:periode_salin", args=[t])).status_code == 403
    resp = client.post(
        reverse("analisis_beban:jabatan_abk", args=[t, dihitung["j1"].pk]), {"tugas-TOTAL_FORMS": 0}
    )
    assert resp.status_code == 403
    assert PerhitunganABK.objects.filter(dibuat_oleh=user).count() == 0


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.KEPALA_OPD])
def test_halaman_instansi_lain_404(client, buat_pengguna, dihitung, peran):
    o = dihitung
    client.force_login(buat_pengguna(peran, instansi=o["instansi_a"]))
    t = o["periode"].tahun
    for url in [
        reverse("analisis_beban:peta_instansi", args=[o["instansi_b"].pk]),
        reverse("analisis_beban:peta_unit", args=[o["u3"].pk]),
        reverse("analisis_beban:jabatan_abk", args=[t, o["j4"].pk]),
        reverse("analisis_beban:jabatan_abk_terkini", args=[o["j4"].pk]),
    ]:
        assert client.get(url).status_code == 404, url


def test_peta_pilih_mengarahkan_pengguna_instansi_ke_instansinya(client, operator_a, dihitung):
    client.force_login(operator_a)
    resp = client.get(reverse("analisis_beban:peta_jabatan"))
    assert resp.status_code == 302
    assert resp["Location"] == reverse(
        "analisis_beban:peta_instansi", args=[dihitung["instansi_a"].pk]
    )


def test_navigasi_abk_menurut_peran(client, bkpsdm, operator_a):
    client.force_login(bkpsdm)
    teks = client.get(reverse("beranda")).content.decode()
    for label in ["Analisis Beban Kerja", "Dasbor", "Periode", "Hasil ABK", "Peta jabatan"]:
        assert label in teks
    assert reverse("analisis_beban:impor") in teks
    client.force_login(operator_a)
    teks = client.get(reverse("beranda")).content.decode()
    assert reverse("analisis_beban:hasilabk_list") in teks
    assert reverse("analisis_beban:impor") not in teks


def test_halaman_jabatan_menautkan_abk(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    teks = client.get(dihitung["j1"].get_absolute_url()).content.decode()
    url = reverse("analisis_beban:jabatan_abk_terkini", args=[dihitung["j1"].pk])
    assert url in teks
    resp = client.get(url)
    assert resp["Location"] == reverse(
        "analisis_beban:jabatan_abk", args=[dihitung["periode"].tahun, dihitung["j1"].pk]
    )


# --- periods ------------------------------------------------------------------------------


def test_bkpsdm_membuat_periode_dengan_pengaturannya(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    resp = client.post(
        reverse("analisis_beban:periodeabk_add"),
        {
            "tahun": 2027,
            "wke_menit": "72.000",  # Indonesian thousands separator
            "ambang_a": "1,00",
            "ambang_b": "0.90",  # a dot typed as the decimal point is understood too
            "ambang_c": "0,70",
            "ambang_d": "0,50",
            "keterangan": "Perka BKN 19/2011",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    p = PeriodeABK.objects.get(tahun=2027)
    assert resp["Location"] == p.get_absolute_url() == "/abk/periode/2027/"
    assert p.wke_menit == 72000 and p.ambang_b == D("0.90")
    assert p.history.first().history_user == bkpsdm


def test_ubah_pengaturan_menandai_basi_dan_tahun_tidak_berubah(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    p = dihitung["periode"]
    resp = client.post(
        reverse("analisis_beban:periodeabk_edit", args=[p.tahun]),
        {
            "tahun": 1999,
            "wke_menit": "60000",
            "ambang_a": "1,00",
            "ambang_b": "0,90",
            "ambang_c": "0,70",
            "ambang_d": "0,50",
        },
    )
    assert resp.status_code == 302
    p.refresh_from_db()
    assert p.tahun == 2026 and p.wke_menit == 60000
    assert HasilABK.objects.filter(periode=p, basi=False).count() == 0


def test_batas_pj_tidak_urut_ditolak_dengan_pesan(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    resp = client.post(
        reverse("analisis_beban:periodeabk_add"),
        {
            "tahun": 2028,
            "wke_menit": "75000",
            "ambang_a": "0,50",
            "ambang_b": "0,90",
            "ambang_c": "0,70",
            "ambang_d": "0,50",
        },
    )
    assert resp.status_code == 200
    assert "Batas PJ harus menurun" in resp.content.decode()
    assert not PeriodeABK.objects.filter(tahun=2028).exists()


def test_periode_sebelumnya_tetap_dapat_dibaca(client, operator_a, dihitung):
    lama = PeriodeABK.objects.create(tahun=2025)
    tugas(lama, dihitung["j1"], 10, 10)
    services.abk_hitung(periode=lama)
    client.force_login(operator_a)
    assert client.get(lama.get_absolute_url()).status_code == 200
    resp = client.get(reverse("analisis_beban:hasilabk_list") + "?periode=2025")
    assert {h.periode.tahun for h in resp.context["object_list"]} == {2025}
    resp = client.get(reverse("analisis_beban:dasbor") + "?periode=2025")
    assert resp.context["periode"] == lama


# --- recalculation ------------------------------------------------------------------------


def test_tombol_hitung_ulang_membuat_run_dan_progres_berhenti_saat_selesai(
    client, bkpsdm, dihitung, django_capture_on_commit_callbacks
):
    client.force_login(bkpsdm)
    p = dihitung["periode"]
    with django_capture_on_commit_callbacks(execute=False) as antrean:
        resp = client.post(
            reverse("analisis_beban:periode_hitung", args=[p.tahun]), HTTP_HX_REQUEST="true"
        )
    assert resp.status_code == 200
    run = PerhitunganABK.objects.filter(dibuat_oleh=bkpsdm).get()
    teks = resp.content.decode()
    assert 'hx-trigger="every 1s"' in teks and run.get_status_display() in teks
    assert len(antrean) == 1  # sent to the worker after commit

    url = reverse("analisis_beban:perhitungan_status", args=[run.pk])
    assert 'hx-trigger="every 1s"' in client.get(url).content.decode()
    services.perhitungan_jalankan(perhitungan_id=run.pk)
    teks = client.get(url).content.decode()
    assert "hx-trigger" not in teks
    assert "Selesai" in teks and "100%" in teks and "4 / 4 jabatan" in teks

    halaman = client.get(p.get_absolute_url()).content.decode()
    assert 'data-testid="tabel-perhitungan"' in halaman and str(bkpsdm) in halaman


def test_status_perhitungan_selesai_menyegarkan_tabel_dan_waktu_terakhir_dihitung(
    client, bkpsdm, dihitung, django_capture_on_commit_callbacks
):
    client.force_login(bkpsdm)
    p = dihitung["periode"]
    with django_capture_on_commit_callbacks(execute=False):
        client.post(
            reverse("analisis_beban:periode_hitung", args=[p.tahun]), HTTP_HX_REQUEST="true"
        )
    run = PerhitunganABK.objects.filter(dibuat_oleh=bkpsdm).get()
    url = reverse("analisis_beban:perhitungan_status", args=[run.pk])
    menunggu = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "hx-swap-oob" not in menunggu  # nothing to refresh while it is still queued
    services.perhitungan_jalankan(perhitungan_id=run.pk)
    p.refresh_from_db()
    teks = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert 'id="status-hasil-periode" data-testid="status-hasil" hx-swap-oob="true"' in teks
    assert f"pukul {timezone.localtime(p.dihitung_pada):%H:%M}" in teks
    assert 'id="tabel-perhitungan-periode" hx-swap-oob="true"' in teks
    tabel = teks[teks.index('id="tabel-perhitungan-periode"') :]
    assert "Hitung ulang diminta dari halaman periode" in tabel and "Selesai" in tabel


def test_status_perhitungan_hanya_untuk_yang_berizin(client, operator_a, dihitung):
    run = PerhitunganABK.objects.first()
    client.force_login(operator_a)
    url = reverse("analisis_beban:perhitungan_status", args=[run.pk])
    assert client.get(url).status_code == 403


# --- tasks per jabatan --------------------------------------------------------------------


def _data_formset(baris):
    data = {
        "tugas-TOTAL_FORMS": str(len(baris)),
        "tugas-INITIAL_FORMS": "0",
        "tugas-MIN_NUM_FORMS": "0",
        "tugas-MAX_NUM_FORMS": "1000",
    }
    for i, b in enumerate(baris):
        for k, v in b.items():
            data[f"tugas-{i}-{k}"] = v
    return data


def test_tabel_tugas_disimpan_lewat_layanan(client, bkpsdm, dihitung):
    o = dihitung
    client.force_login(bkpsdm)
    url = reverse("analisis_beban:jabatan_abk", args=[o["periode"].tahun, o["j1"].pk])
    resp = client.get(url)
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "72.000,00" in teks  # total beban 1,200 × 30 + 400 × 90
    lama = list(UraianTugas.objects.filter(jabatan=o["j1"]).order_by("urutan"))
    data = _data_formset(
        [
            # the first kept and edited, the second deleted, one new row
            {
                "id": lama[0].pk,
                "uraian": "Menyusun laporan",
                "hasil_kerja": "Laporan",
                "satuan": "dokumen",
                "volume": "1.500",
                "norma_waktu_menit": "30",
            },
            {
                "id": lama[1].pk,
                "uraian": "x",
                "hasil_kerja": "x",
                "satuan": "x",
                "volume": "1",
                "norma_waktu_menit": "1",
                "DELETE": "on",
            },
            {
                "uraian": "Memverifikasi berkas",
                "hasil_kerja": "Berkas",
                "satuan": "berkas",
                "volume": "200",
                "norma_waktu_menit": "7,5",
            },
            {},  # an untouched extra row
        ]
    )
    resp = client.post(url, data)
    assert resp.status_code == 302, resp.content.decode()[:3000]
    baru = list(
        UraianTugas.objects.filter(jabatan=o["j1"], periode=o["periode"]).order_by("urutan")
    )
    assert [(t.uraian, t.volume, t.norma_waktu_menit) for t in baru] == [
        ("Menyusun laporan", D(1500), D(30)),
        ("Memverifikasi berkas", D(200), D("7.5")),
    ]
    assert baru[0].pk == lama[0].pk
    assert HasilABK.objects.get(jabatan=o["j1"]).basi is True
    assert "perlu dihitung ulang" in client.get(url).content.decode()


def test_tabel_tugas_tidak_sah_tidak_menyimpan_apa_pun(client, bkpsdm, dihitung):
    o = dihitung
    client.force_login(bkpsdm)
    url = reverse("analisis_beban:jabatan_abk", args=[o["periode"].tahun, o["j1"].pk])
    sebelum = UraianTugas.objects.count()
    resp = client.post(
        url,
        _data_formset(
            [
                {
                    "uraian": "Tugas",
                    "hasil_kerja": "",
                    "satuan": "x",
                    "volume": "-3",
                    "norma_waktu_menit": "abc",
                }
            ]
        ),
    )
    assert resp.status_code == 200
    assert UraianTugas.objects.count() == sebelum
    assert resp.context["formset"].errors[0].keys() >= {"hasil_kerja", "norma_waktu_menit"}


def test_salin_dari_periode_sebelumnya(client, bkpsdm, dihitung):
    o = dihitung
    baru = PeriodeABK.objects.create(tahun=2027)
    client.force_login(bkpsdm)
    # per jabatan: prefilled, not saved
    url = reverse("analisis_beban:jabatan_abk", args=[2027, o["j1"].pk])
    resp = client.get(url + "?salin=1")
    assert resp.context["formset"].initial[0]["uraian"] == "Menyusun laporan"
    assert "belum disimpan" in resp.content.decode()
    assert not UraianTugas.objects.filter(periode=baru).exists()
    # whole period
    resp = client.post(reverse("analisis_beban:periode_salin", args=[2027]))
    assert resp.status_code == 302
    assert UraianTugas.objects.filter(periode=baru).count() == 4


# --- result list --------------------------------------------------------------------------


def test_daftar_hasil_tersaring_dan_berlingkup(client, bkpsdm, operator_a, dihitung):
    o = dihitung
    url = reverse("analisis_beban:hasilabk_list")
    client.force_login(operator_a)
    baris = list(client.get(url).context["object_list"])
    assert {h.instansi_id for h in baris} == {o["instansi_a"].pk}
    client.force_login(bkpsdm)
    assert len(client.get(url).context["object_list"]) == 4
    kurang = client.get(url + "?keadaan=kurang").context["object_list"]
    assert {h.jabatan for h in kurang} == {o["j2"], o["j4"]}
    assert [
        h.jabatan for h in client.get(url + f"?unit_kerja={o['u1'].pk}").context["object_list"]
    ] == [
        o["j1"],
        o["j2"],
    ] or {
        h.jabatan for h in client.get(url + f"?unit_kerja={o['u1'].pk}").context["object_list"]
    } == {
        o["j1"],
        o["j2"],
    }
    assert [h.jabatan for h in client.get(url + "?pj=A").context["object_list"]] == [o["j4"]]
    urut = [h.selisih for h in client.get(url + "?urut=selisih").context["object_list"]]
    assert urut == sorted(urut)
    teks = client.get(url + "?keadaan=kurang").content.decode()
    assert 'class="baris-kurang"' in teks


def test_ekspor_hasil_xlsx_berwarna(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    resp = client.get(reverse("analisis_beban:hasilabk_list") + "?format=xlsx")
    assert resp["Content-Type"].startswith("application/vnd.openxmlformats")
    ws = load_workbook(io.BytesIO(resp.content)).active
    header = [c.value for c in ws[BARIS_HEADER]]
    assert header[:3] == ["Periode", "Kode jabatan", "Jabatan"]
    kolom = header.index("Keadaan") + 1
    warna = {
        ws.cell(row=r, column=kolom).value: ws.cell(row=r, column=kolom).fill.fgColor.rgb
        for r in range(BARIS_HEADER + 1, ws.max_row + 1)
    }
    assert warna["Kurang"].endswith("A93226") and warna["Lebih"].endswith("7E5109")
    assert ws.max_row == BARIS_HEADER + 4


# --- dashboard ----------------------------------------------------------------------------


def test_dasbor_angka_kota_dan_tautan(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    resp = client.get(reverse("beranda"))
    teks = resp.content.decode()
    # the register counts stay on the home page
    assert 'data-testid="ringkasan"' in teks
    assert resp.context["kota"]["kebutuhan_bulat"] == 5
    dasar = reverse("analisis_beban:hasilabk_list") + "?periode=2026"
    assert f'href="{dasar}&keadaan=lebih"' in teks
    assert f'href="{dasar}&pj=A"' in teks
    grafik = resp.context["grafik"]
    assert grafik["lebih"] == [4, 0] and grafik["kurang"] == [2, 1]
    assert grafik["url_kurang"][1] == f"{dasar}&instansi={dihitung['instansi_b'].pk}&keadaan=kurang"
    assert 'id="data-grafik"' in teks and "chart.umd.min.js" in teks
    assert 'data-testid="tabel-grafik"' in teks
    # every url of the chart leads to a list holding exactly the figure's jabatan
    daftar = client.get(grafik["url_lebih"][0]).context["object_list"]
    assert sum(h.selisih for h in daftar) == 4


def test_dasbor_pengguna_instansi_hanya_instansinya(client, operator_a, dihitung):
    client.force_login(operator_a)
    resp = client.get(reverse("beranda"))
    assert resp.context["grafik"]["label"] == [dihitung["instansi_a"].singkatan]
    assert resp.context["kota"]["bezetting"] == 5
    assert "Penelaah" not in resp.content.decode()  # instansi B's jabatan


def test_dasbor_menunjukkan_hasil_basi(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    services.tandai_basi(periode_ids=[dihitung["periode"].pk], jabatan_ids=[dihitung["j1"].pk])
    teks = client.get(reverse("analisis_beban:dasbor")).content.decode()
    assert "1 perlu dihitung ulang" in teks


def test_dasbor_tanpa_periode(client, bkpsdm):
    client.force_login(bkpsdm)
    resp = client.get(reverse("beranda"))
    assert resp.status_code == 200
    assert "Belum ada periode ABK" in resp.content.decode()


# --- peta jabatan -------------------------------------------------------------------------


def test_peta_jabatan_pohon_unit_berwarna(client, bkpsdm, dihitung):
    o = dihitung
    sub = UnitKerjaFactory(instansi=o["instansi_a"], induk=o["u1"], nama="Subbagian Bawah")
    JabatanFactory(unit_kerja=sub, nama="Jabatan Baru")  # not computed yet
    client.force_login(bkpsdm)
    resp = client.get(reverse("analisis_beban:peta_unit", args=[o["u1"].pk]))
    teks = resp.content.decode()
    assert [u.nama for u in resp.context["units"]] == ["Bidang Satu", "Subbagian Bawah"]
    assert teks.index("Analis") < teks.index("Subbagian Bawah") < teks.index("Jabatan Baru")
    assert "Bidang Dua" not in teks
    assert 'class="baris-lebih"' in teks and 'class="baris-kurang"' in teks
    assert "Belum dihitung" in teks
    assert "data-cetak" in teks  # the print button (static/js/aplikasi.js)


def test_peta_jabatan_xlsx_berwarna(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    url = reverse("analisis_beban:peta_instansi", args=[dihitung["instansi_a"].pk])
    resp = client.get(url + "?format=xlsx")
    ws = load_workbook(io.BytesIO(resp.content)).active
    header = [c.value for c in ws[BARIS_HEADER]]
    assert header[:4] == ["Unit kerja", "Kode jabatan", "Jabatan", "Kelas"]
    k = header.index("Keadaan") + 1
    fills = {
        ws.cell(row=r, column=3).value: ws.cell(row=r, column=k).fill.fgColor.rgb
        for r in range(BARIS_HEADER + 1, ws.max_row + 1)
    }
    assert fills["Analis"].endswith("7E5109")  # lebih: amber
    assert fills["Pranata"].endswith("A93226")  # kurang: red
    # Units without an explicit urutan follow their names: Dua before Satu.
    assert ws.cell(row=BARIS_HEADER + 1, column=1).value == "Bidang Dua"


# --- query counts -------------------------------------------------------------------------


def _tambah_jabatan(o, n):
    """n more computed jabatan in instansi A (each with a task and a holder)."""
    for i in range(n):
        j = JabatanFactory(unit_kerja=o["u2"] if i % 2 else o["u1"])
        tugas(o["periode"], j, 100 + i, 60)
        PegawaiFactory(jabatan=j)
    services.abk_hitung(periode=o["periode"])
    # one queued and one finished run more: the periode page lists runs
    PerhitunganABK.objects.create(periode=o["periode"])


@pytest.mark.parametrize(
    "nama",
    ["beranda", "dasbor", "hasil", "peta_instansi", "peta_unit", "periode", "periode_list", "api"],
)
def test_jumlah_query_tidak_tumbuh(client, bkpsdm, dihitung, nama):
    o = dihitung
    urls = {
        "beranda": reverse("beranda"),
        "dasbor": reverse("analisis_beban:dasbor"),
        "hasil": reverse("analisis_beban:hasilabk_list"),
        "peta_instansi": reverse("analisis_beban:peta_instansi", args=[o["instansi_a"].pk]),
        "peta_unit": reverse("analisis_beban:peta_unit", args=[o["u1"].pk]),
        "periode": reverse("analisis_beban:periode_detail", args=[2026]),
        "periode_list": reverse("analisis_beban:periodeabk_list"),
        "api": "/api/v1/abk/hasil/?periode=2026",
    }
    client.force_login(bkpsdm)
    _tambah_jabatan(o, 3)
    sedikit, _ = hitung_query(client, urls[nama])
    _tambah_jabatan(o, 27)
    banyak, _ = hitung_query(client, urls[nama])
    assert sedikit == banyak, (
        f"{nama}: {sedikit} query dengan sedikit baris, {banyak} dengan banyak"
    )


def test_jumlah_query_dasbor_dipatok(rf, bkpsdm, dihitung):
    """The dashboard's own reads, pinned (the bench depends on them staying this few): the
    selectors, the period and its years; the page around it (session, user, menu) is counted by
    the tests that check the whole request does not grow."""
    request = rf.get(reverse("analisis_beban:dasbor"))
    request.user = bkpsdm
    bkpsdm.has_perm("analisis_beban.view_hasilabk")  # roles and permissions cached per request
    with CaptureQueriesContext(connection) as q:
        ctx = konteks_dasbor(request)
        html = render_to_string("analisis_beban/_dasbor_isi.html", ctx, request=request)
    assert 'data-testid="dasbor-abk"' in html
    assert len(q.captured_queries) == 10, [x["sql"][:80] for x in q.captured_queries]


def test_jumlah_query_halaman_tugas_tidak_tumbuh(client, bkpsdm, dihitung):
    o = dihitung
    client.force_login(bkpsdm)
    url = reverse("analisis_beban:jabatan_abk", args=[2026, o["j2"].pk])
    sedikit, _ = hitung_query(client, url)
    for i in range(29):
        tugas(o["periode"], o["j2"], 10, 10, urutan=i + 2)
    banyak, resp = hitung_query(client, url)
    assert len(resp.context["tugas"]) == 30
    assert sedikit == banyak


def test_angka_berformat_indonesia(client, bkpsdm, dihitung):
    client.force_login(bkpsdm)
    teks = client.get(
        reverse("analisis_beban:hasilabk_list") + "?urut=-total_beban_menit"
    ).content.decode()
    assert "150.000" in teks  # thousands with a dot
    assert re.search(r"2,00\b", teks)  # kebutuhan with a decimal comma


# --- admin --------------------------------------------------------------------------------


def test_admin_abk_terbuka_dan_hasil_hanya_baca(client, pengguna_peran, dihitung):
    client.force_login(pengguna_peran[Peran.ADMIN])
    for model in ["periodeabk", "uraiantugas", "hasilabk", "perhitunganabk"]:
        assert client.get(f"/admin/analisis_beban/{model}/").status_code == 200, model
    assert client.get("/admin/analisis_beban/periodeabk/add/").status_code == 200
    assert client.get("/admin/analisis_beban/hasilabk/add/").status_code == 403
    h = HasilABK.objects.first()
    resp = client.post(f"/admin/analisis_beban/hasilabk/{h.pk}/change/", {"selisih": 99})
    h.refresh_from_db()
    assert h.selisih != 99 and resp.status_code in (200, 403)


def test_admin_mengubah_periode_lewat_layanan(client, pengguna_peran, dihitung):
    client.force_login(pengguna_peran[Peran.ADMIN])
    p = dihitung["periode"]
    resp = client.post(
        f"/admin/analisis_beban/periodeabk/{p.pk}/change/",
        {
            "wke_menit": "60000",
            "ambang_a": "1.00",
            "ambang_b": "0.90",
            "ambang_c": "0.70",
            "ambang_d": "0.50",
            "keterangan": "",
        },
    )
    assert resp.status_code == 302, resp.content.decode()[:2000]
    p.refresh_from_db()
    assert p.wke_menit == 60000
    assert HasilABK.objects.filter(periode=p, basi=True).count() == 4  # marked stale by the service


def test_peta_instansi_besar_diringkas_per_unit(client, bkpsdm, dihitung, monkeypatch):
    from analisis_beban import views

    monkeypatch.setattr(views, "BATAS_JABATAN_PETA", 2)
    client.force_login(bkpsdm)
    url = reverse("analisis_beban:peta_instansi", args=[dihitung["instansi_a"].pk])
    resp = client.get(url)
    teks = resp.content.decode()
    assert resp.context["ringkas"] and 'data-testid="peta-ringkas"' in teks
    satu = next(u for u in resp.context["units"] if u.nama == "Bidang Satu")
    assert (satu.ringkas["jabatan"], satu.ringkas["bezetting"], satu.ringkas["lebih"]) == (2, 3, 2)
    # 3 holders for an exact need of 2.96: within 90–110 %, the unit reads as balanced
    assert satu.ringkas["kurang"] == 2 and satu.ringkas["keadaan"] == "sesuai"
    assert reverse("analisis_beban:peta_unit", args=[dihitung["u1"].pk]) in teks
    # the export still lists every jabatan
    ws = load_workbook(io.BytesIO(client.get(url + "?format=xlsx").content)).active
    assert {ws.cell(row=r, column=3).value for r in range(2, ws.max_row + 1)} >= {
        "Analis",
        "Pranata",
    }


@pytest.mark.parametrize(
    ("ketikan", "nilai"),
    [("1.500", D(1500)), ("1,5", D("1.5")), ("1.5", D("1.5")), ("1.234,5", D("1234.5"))],
)
def test_angka_tugas_dibaca_seperti_impor_dan_total_langsung(
    client, bkpsdm, dihitung, ketikan, nilai
):
    o = dihitung
    client.force_login(bkpsdm)
    url = reverse("analisis_beban:jabatan_abk", args=[o["periode"].tahun, o["j3"].pk])
    baris = {"uraian": "U", "hasil_kerja": "H", "satuan": "S", "volume": ketikan}
    resp = client.post(url, _data_formset([baris | {"norma_waktu_menit": "1"}]))
    assert resp.status_code == 302
    assert UraianTugas.objects.get(jabatan=o["j3"]).volume == nilai


def test_daftar_hasil_tanpa_saringan_hanya_periode_terbaru(client, bkpsdm, dihitung):
    """Opened from the menu (no query string) the list shows the latest period only."""
    from analisis_beban.models import PeriodeABK
    from analisis_beban.services import abk_hitung

    lama = PeriodeABK.objects.create(tahun=2025)
    abk_hitung(periode=lama, actor=None)
    client.force_login(bkpsdm)
    url = reverse("analisis_beban:hasilabk_list")
    semua = client.get(url).context["object_list"]
    assert {h.periode.tahun for h in semua} == {2026}
    assert len(semua) == 4
    assert {h.periode.tahun for h in client.get(url + "?periode=2025").context["object_list"]} == {
        2025
    }
