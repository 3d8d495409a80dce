"""The period's state: penyusunan → berlaku → arsip, one berlaku at a time (database), chosen by
BKPSDM on a confirmation page; every default reads the period in force, never a newer draft."""

import importlib
from decimal import Decimal as D

import pytest
from django.apps import apps
from django.db import IntegrityError, transaction
from django.urls import reverse

from analisis_beban import selectors, services
from analisis_beban.choices import StatusPerhitungan, StatusPeriode
from analisis_beban.models import HasilABK, PerhitunganABK, PeriodeABK
from mutasi_asn.akun.roles import Peran
from tests.analisis_beban.conftest import tugas
from tests.fixtures.factories import PegawaiFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def dihitung(org):
    services.abk_hitung(periode=org["periode"])
    return org


@pytest.fixture
def draf_2027(dihitung, bkpsdm):
    """Period 2027 opened through the service as BKPSDM does: no tasks yet."""
    return services.periode_buat(data={"tahun": 2027}, actor=bkpsdm)


@pytest.fixture
def draf_2027_siap(draf_2027, org):
    """2027 with one task for J1 only (other jabatan have no task: kebutuhan 0), computed."""
    tugas(draf_2027, org["j1"], 3000, 75)  # 225,000 min = 3 persons for J1's 3 holders
    services.abk_hitung(periode=draf_2027)
    draf_2027.refresh_from_db()
    return draf_2027


@pytest.fixture
def bkpsdm(buat_pengguna):
    return buat_pengguna(Peran.BKPSDM)


def masuk(client, user):
    client.force_login(user)
    return client


# --- the model and its migration ----------------------------------------------------------


def test_periode_baru_disusun_sebagai_draf_dan_tidak_menggantikan_yang_berlaku(draf_2027, org):
    assert draf_2027.status == StatusPeriode.PENYUSUNAN
    assert selectors.periode_berlaku() == org["periode"]


def test_basis_data_menolak_dua_periode_berlaku(org):
    with pytest.raises(IntegrityError), transaction.atomic():
        PeriodeABK.objects.create(tahun=2027, status=StatusPeriode.BERLAKU)


def test_migrasi_menjadikan_periode_terakhir_berlaku_dan_sebelumnya_arsip(db):
    for t in (2024, 2026, 2025):
        PeriodeABK.objects.create(tahun=t)
    migrasi = importlib.import_module("analisis_beban.migrations.0003_periode_status")
    migrasi._status_awal(apps, None)
    status = dict(PeriodeABK.objects.values_list("tahun", "status"))
    assert status == {2026: "berlaku", 2025: "arsip", 2024: "arsip"}


def test_tanpa_periode_berlaku_tidak_ada_periode_bawaan(db):
    PeriodeABK.objects.create(tahun=2026)
    assert selectors.periode_berlaku() is None


# --- the service --------------------------------------------------------------------------


def test_menetapkan_berlaku_mengarsipkan_yang_lama_dan_mencatat_siapa(draf_2027_siap, bkpsdm):
    services.periode_tetapkan_berlaku(periode=draf_2027_siap, actor=bkpsdm)
    baru = PeriodeABK.objects.get(tahun=2027)
    lama = PeriodeABK.objects.get(tahun=2026)
    assert (baru.status, lama.status) == (StatusPeriode.BERLAKU, StatusPeriode.ARSIP)
    assert baru.ditetapkan_oleh == bkpsdm and baru.ditetapkan_pada is not None
    assert selectors.periode_berlaku() == baru
    riwayat = baru.history.first()
    assert riwayat.status == "berlaku" and riwayat.history_user == bkpsdm
    assert lama.history.first().history_change_reason == "Digantikan oleh ABK 2027"


def test_periode_tanpa_uraian_tugas_tidak_dapat_ditetapkan(draf_2027, bkpsdm):
    with pytest.raises(services.ValidationError, match="belum memiliki uraian tugas"):
        services.periode_tetapkan_berlaku(periode=draf_2027, actor=bkpsdm)
    assert PeriodeABK.objects.get(tahun=2026).status == StatusPeriode.BERLAKU


def test_periode_yang_belum_dihitung_tidak_dapat_ditetapkan(draf_2027, org, bkpsdm):
    tugas(draf_2027, org["j1"], 10, 10)
    HasilABK.objects.filter(periode=draf_2027).delete()
    with pytest.raises(services.ValidationError, match="belum pernah dihitung"):
        services.periode_tetapkan_berlaku(periode=draf_2027, actor=bkpsdm)


def test_periode_yang_sudah_berlaku_ditolak(org, bkpsdm):
    with pytest.raises(services.ValidationError, match="sudah berlaku"):
        services.periode_tetapkan_berlaku(periode=org["periode"], actor=bkpsdm)


def test_periode_arsip_yang_berlaku_kembali_dihitung_ulang_dengan_bezetting_hari_ini(
    draf_2027_siap, dihitung, bkpsdm, django_capture_on_commit_callbacks
):
    services.periode_tetapkan_berlaku(periode=draf_2027_siap, actor=bkpsdm)
    lama = PeriodeABK.objects.get(tahun=2026)
    PegawaiFactory(jabatan=dihitung["j2"])  # the archive does not follow the register
    assert HasilABK.objects.get(periode=lama, jabatan=dihitung["j2"]).bezetting == 0
    with django_capture_on_commit_callbacks(execute=True):
        services.periode_tetapkan_berlaku(periode=lama, actor=bkpsdm)
    assert PeriodeABK.objects.get(tahun=2027).status == StatusPeriode.ARSIP
    assert HasilABK.objects.get(periode=lama, jabatan=dihitung["j2"]).bezetting == 1
    run = PerhitunganABK.objects.filter(periode=lama).first()
    assert run.status == StatusPerhitungan.SELESAI and "kembali" in run.alasan


def test_periode_arsip_tidak_mengikuti_perubahan_pemangku(draf_2027_siap, dihitung, bkpsdm):
    services.periode_tetapkan_berlaku(periode=draf_2027_siap, actor=bkpsdm)
    terbuka = {p.tahun for p in services.periode_terbuka()}
    assert terbuka == {2027}


def test_uraian_tugas_dan_pengaturan_periode_arsip_tidak_dapat_diubah(
    draf_2027_siap, dihitung, bkpsdm
):
    services.periode_tetapkan_berlaku(periode=draf_2027_siap, actor=bkpsdm)
    arsip = PeriodeABK.objects.get(tahun=2026)
    t = arsip.uraian_tugas.first()
    with pytest.raises(services.ValidationError, match="sudah diarsipkan"):
        services.uraian_tugas_simpan(instance=t, data={"volume": D(1)}, actor=bkpsdm)
    t.refresh_from_db()
    assert t.volume != D(1)
    with pytest.raises(services.ValidationError, match="sudah diarsipkan"):
        services.periode_ubah_pengaturan(periode=arsip, data={"wke_menit": 60000}, actor=bkpsdm)
    assert PeriodeABK.objects.get(tahun=2026).wke_menit == 75000


# --- what reads the period in force -------------------------------------------------------


def test_pratinjau_dampak_memakai_periode_berlaku_bukan_draf_terbaru(draf_2027_siap, dihitung):
    dampak = selectors.dampak_mutasi(jabatan_asal=dihitung["j1"], jabatan_tujuan=dihitung["j2"])
    assert dampak["periode"].tahun == 2026
    assert dampak["tujuan"]["sebelum"]["kebutuhan_bulat"] == 2  # 150,000 min in 2026


def test_dasbor_tidak_berubah_saat_periode_baru_dibuat(client, dihitung, bkpsdm):
    masuk(client, bkpsdm)
    sebelum = client.get(reverse("analisis_beban:dasbor")).context["kota"]
    services.periode_buat(data={"tahun": 2027}, actor=bkpsdm)
    for url in (reverse("analisis_beban:dasbor"), reverse("beranda")):
        resp = client.get(url)
        assert resp.context["periode"].tahun == 2026
        assert resp.context["kota"]["kebutuhan_bulat"] == sebelum["kebutuhan_bulat"]
        assert "Draf · penyusunan" not in resp.content.decode()


def test_dasbor_periode_draf_diberi_label_draf_dan_angkanya_sendiri(client, draf_2027_siap, bkpsdm):
    masuk(client, bkpsdm)
    resp = client.get(reverse("analisis_beban:dasbor"), {"periode": 2027})
    html = resp.content.decode()
    assert resp.context["periode"].tahun == 2027
    assert resp.context["kota"]["kebutuhan_bulat"] == 3  # J1 only: 225,000 / 75,000
    assert 'data-testid="periode-bukan-berlaku"' in html and "Draf · penyusunan" in html
    assert "Bandingkan dengan ABK 2026" in html
    assert ">2027 (draf)</option>" in html


def test_dasbor_tanpa_periode_berlaku_meminta_penetapan(client, bkpsdm, org):
    PeriodeABK.objects.filter(pk=org["periode"].pk).update(status=StatusPeriode.PENYUSUNAN)
    masuk(client, bkpsdm)
    html = client.get(reverse("analisis_beban:dasbor")).content.decode()
    assert "Belum ada periode ABK yang berlaku" in html


def test_daftar_hasil_dan_api_bawaan_periode_berlaku(client, draf_2027_siap, bkpsdm):
    masuk(client, bkpsdm)
    resp = client.get(reverse("analisis_beban:hasilabk_list"))
    assert {h.periode.tahun for h in resp.context["object_list"]} == {2026}
    ringkasan = client.get("/api/v1/abk/ringkasan/").json()
    assert ringkasan["periode"] == 2026 and ringkasan["status_periode"] == "berlaku"
    hasil = client.get("/api/v1/abk/hasil/").json()["results"]
    assert {h["periode"] for h in hasil} == {2026}
    draf = client.get("/api/v1/abk/ringkasan/", {"periode": 2027}).json()
    assert draf["status_periode"] == "penyusunan"


# --- the pages ----------------------------------------------------------------------------


def test_halaman_konfirmasi_menunjukkan_yang_berubah(client, draf_2027_siap, bkpsdm):
    masuk(client, bkpsdm)
    url = reverse("analisis_beban:periode_tetapkan", args=[2027])
    resp = client.get(url)
    html = resp.content.decode()
    assert resp.status_code == 200
    assert "ABK 2026 menjadi <strong>arsip</strong>" in html
    assert 'data-testid="banding-kota"' in html
    kota = resp.context["banding"]["kota"]
    assert (kota["a"]["kebutuhan_bulat"], kota["b"]["kebutuhan_bulat"]) == (3, 5)
    assert resp.context["kesiapan"]["jabatan_tanpa_tugas"] == 3
    # GET changes nothing; POST does.
    assert PeriodeABK.objects.get(tahun=2027).status == StatusPeriode.PENYUSUNAN
    resp = client.post(url)
    assert resp.status_code == 302
    assert PeriodeABK.objects.get(tahun=2027).status == StatusPeriode.BERLAKU
    assert PeriodeABK.objects.get(tahun=2026).status == StatusPeriode.ARSIP


def test_konfirmasi_menolak_periode_yang_belum_siap_dengan_pesan(client, draf_2027, bkpsdm):
    masuk(client, bkpsdm)
    url = reverse("analisis_beban:periode_tetapkan", args=[2027])
    html = client.get(url).content.decode()
    assert "belum memiliki uraian tugas" in html
    assert 'data-testid="konfirmasi-tetapkan-kirim"' not in html
    resp = client.post(url)
    assert resp.status_code == 400
    assert PeriodeABK.objects.get(tahun=2027).status == StatusPeriode.PENYUSUNAN


def test_hanya_bkpsdm_yang_menetapkan_periode(client, buat_pengguna, draf_2027_siap, org):
    operator = buat_pengguna(Peran.OPERATOR_OPD, instansi=org["instansi_a"])
    masuk(client, operator)
    url = reverse("analisis_beban:periode_tetapkan", args=[2027])
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    html = client.get(reverse("analisis_beban:periode_detail", args=[2027])).content.decode()
    assert 'data-testid="tombol-tetapkan"' not in html
    assert PeriodeABK.objects.get(tahun=2027).status == StatusPeriode.PENYUSUNAN


def test_halaman_banding_menampilkan_dua_periode_berdampingan(client, draf_2027_siap, bkpsdm):
    masuk(client, bkpsdm)
    resp = client.get(reverse("analisis_beban:periode_banding", args=[2027]))
    assert resp.context["pembanding"].tahun == 2026
    baris = {r["instansi_nama"]: r for r in resp.context["banding"]["per_instansi"]}
    a = baris["Dinas A"]
    assert (a["a"]["kebutuhan_bulat"], a["b"]["kebutuhan_bulat"]) == (3, 3)
    assert baris["Dinas B"]["beda"]["kebutuhan_bulat"] == -2  # J4 has no task in 2027


def test_banding_untuk_instansi_hanya_instansinya(client, buat_pengguna, draf_2027_siap, org):
    masuk(client, buat_pengguna(Peran.OPERATOR_OPD, instansi=org["instansi_a"]))
    resp = client.get(reverse("analisis_beban:periode_banding", args=[2027]))
    assert [r["instansi_nama"] for r in resp.context["banding"]["per_instansi"]] == ["Dinas A"]


def test_daftar_periode_menampilkan_status(client, draf_2027, bkpsdm):
    masuk(client, bkpsdm)
    html = client.get(reverse("analisis_beban:periodeabk_list")).content.decode()
    assert 'data-status="penyusunan"' in html and 'data-status="berlaku"' in html


def test_hitung_ulang_periode_arsip_ditolak_dengan_pesan(client, draf_2027_siap, bkpsdm):
    services.periode_tetapkan_berlaku(periode=draf_2027_siap, actor=bkpsdm)
    masuk(client, bkpsdm)
    n = PerhitunganABK.objects.count()
    resp = client.post(reverse("analisis_beban:periode_hitung", args=[2026]), follow=True)
    assert "sudah diarsipkan" in resp.content.decode()
    assert PerhitunganABK.objects.count() == n
