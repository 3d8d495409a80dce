"""Issue 13, findings 5 and 8: a proposal's kind must fit the employee, and its eligibility
details stay with the proposing side — on the page and over the API alike."""

import pytest
from django.urls import reverse

from tests.fixtures.factories import PegawaiFactory, UsulanMutasiFactory
from usulan_mutasi.choices import StatusUsulan
from usulan_mutasi.models import UsulanMutasi

pytestmark = pytest.mark.django_db
URL = "/api/v1/usulan/"
TEMUAN = "temuan Inspektorat yang belum selesai"


@pytest.fixture
def bebas(kota):
    """The employees of `kota` with no proposal under way (another one would be refused first)."""
    kota.usulan_a.delete()
    kota.usulan_b.delete()
    return kota


# --- 5: "masuk" only from outside the city, the other kinds only from inside ----------------


def test_api_menolak_masuk_untuk_pegawai_yang_memegang_jabatan_kota(client, bebas):
    kota = bebas
    client.force_login(kota.bkpsdm)
    sebelum = UsulanMutasi.objects.count()
    resp = client.post(
        URL,
        {
            "pegawai": kota.pegawai_a.pk,
            "jenis": "masuk",
            "alasan": "pemerataan",
            "jabatan_tujuan": kota.jab_b.pk,
            "instansi_luar": "Pemerintah Kabupaten Simalungun",
        },
        content_type="application/json",
    )
    assert resp.status_code == 400, resp.content
    assert "mutasi masuk hanya untuk pegawai dari luar" in resp.json()["jenis"][0]
    assert UsulanMutasi.objects.count() == sebelum


def test_formulir_menolak_masuk_untuk_pegawai_yang_memegang_jabatan_kota(client, bebas):
    kota = bebas
    client.force_login(kota.bkpsdm)
    resp = client.post(
        reverse("usulan_mutasi:usulan_add"),
        {
            "pegawai": kota.pegawai_a.pk,
            "jenis": "masuk",
            "alasan": "pemerataan",
            "jabatan_tujuan": kota.jab_b.pk,
            "instansi_luar": "Pemerintah Kabupaten Simalungun",
            "justifikasi": "Kebutuhan guru.",
        },
    )
    assert resp.status_code == 200
    assert "mutasi masuk hanya untuk pegawai dari luar" in resp.content.decode()
    assert not UsulanMutasi.objects.filter(jenis="masuk").exists()


def test_masuk_untuk_pegawai_dari_luar_kota_tetap_bisa(client, kota):
    luar = PegawaiFactory(pk=30003, nama="Sarma Nainggolan", gelar_belakang="S.Pd.", jabatan=None)
    client.force_login(kota.bkpsdm)
    resp = client.post(
        URL,
        {
            "pegawai": luar.pk,
            "jenis": "masuk",
            "alasan": "pemerataan",
            "jabatan_tujuan": kota.jab_b.pk,
            "instansi_luar": "Pemerintah Kabupaten Simalungun",
        },
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content


@pytest.mark.parametrize("jenis", ["antar_opd", "keluar"])
def test_pegawai_dari_luar_kota_hanya_bisa_masuk(client, kota, jenis):
    luar = PegawaiFactory(pk=30004, nama="Sarma Nainggolan", gelar_belakang="S.Pd.", jabatan=None)
    client.force_login(kota.bkpsdm)
    data = {"pegawai": luar.pk, "jenis": jenis, "alasan": "pemerataan"}
    if jenis == "keluar":
        data["instansi_luar"] = "Pemerintah Provinsi Sumatera Utara"
    else:
        data["jabatan_tujuan"] = kota.jab_b.pk
    resp = client.post(URL, data, content_type="application/json")
    assert resp.status_code == 400, resp.content
    assert "pilih jenis 'Masuk'" in resp.json()["jenis"][0]


def test_keluar_tidak_boleh_ke_jabatan_kota(client, bebas):
    kota = bebas
    client.force_login(kota.bkpsdm)
    resp = client.post(
        URL,
        {
            "pegawai": kota.pegawai_a.pk,
            "jenis": "keluar",
            "alasan": "pemerataan",
            "jabatan_tujuan": kota.jab_b.pk,
            "instansi_luar": "Pemerintah Provinsi Sumatera Utara",
        },
        content_type="application/json",
    )
    assert resp.status_code == 400
    assert "jabatan_tujuan" in resp.json()


def test_draf_masuk_yang_pegawainya_kini_memegang_jabatan_tidak_bisa_diajukan(client, kota):
    """A draft "masuk" made while the employee was outside, submitted after the register gave
    them a city jabatan: refused at submission too (the service re-checks)."""
    luar = PegawaiFactory(pk=30005, nama="Sarma Nainggolan", jabatan=None)
    usulan = UsulanMutasiFactory(
        pk=40005,
        pegawai=luar,
        jenis="masuk",
        jabatan_asal=None,
        jabatan_tujuan=kota.jab_b,
        instansi_luar="Pemerintah Kabupaten Simalungun",
        diusulkan_oleh=kota.bkpsdm,
    )
    luar.jabatan = kota.jab_a
    luar.save()
    client.force_login(kota.bkpsdm)
    resp = client.post(f"{URL}{usulan.pk}/ajukan/", {}, content_type="application/json")
    assert resp.status_code == 400
    assert "mutasi masuk hanya untuk pegawai dari luar" in resp.json()["jenis"][0]
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DRAF


# --- 8: eligibility details of another agency's draft ---------------------------------------


@pytest.fixture
def draf_a_ke_b(bebas):
    kota = bebas
    """Agency A's draft moving its employee (under a disciplinary process) into agency B."""
    kota.pegawai_a.proses_disiplin = True
    kota.pegawai_a.temuan_inspektorat = True
    kota.pegawai_a.save()
    return UsulanMutasiFactory(
        pk=40010,
        pegawai=kota.pegawai_a,
        jabatan_tujuan=kota.jab_b,
        diusulkan_oleh=kota.operator_a,
        instansi_pengusul=kota.a,
    )


def test_kelayakan_draf_instansi_lain_tidak_terbaca_lewat_api(client, kota, draf_a_ke_b):
    client.force_login(kota.operator_b)
    assert client.get(f"{URL}{draf_a_ke_b.pk}/").status_code == 200  # the proposal is in scope
    resp = client.get(f"{URL}{draf_a_ke_b.pk}/kelayakan/")
    assert resp.status_code == 403
    assert TEMUAN not in resp.content.decode()
    assert "hanya ditampilkan kepada pengusul" in resp.json()["detail"]


def test_kelayakan_draf_instansi_lain_tidak_tampil_di_halaman(client, kota, draf_a_ke_b):
    client.force_login(kota.operator_b)
    resp = client.get(draf_a_ke_b.get_absolute_url())
    assert resp.status_code == 200
    assert TEMUAN not in resp.content.decode()


def test_pengusul_melihat_kelayakan_di_api_dan_halaman(client, kota, draf_a_ke_b):
    client.force_login(kota.operator_a)
    resp = client.get(f"{URL}{draf_a_ke_b.pk}/kelayakan/")
    assert resp.status_code == 200
    assert {t["jenis"] for t in resp.json()} >= {"blok"}
    assert TEMUAN in resp.content.decode()
    assert TEMUAN in client.get(draf_a_ke_b.get_absolute_url()).content.decode()
