"""Plan pages: build a plan, read it, export it, tick moves into draft proposals; scoping."""

import io

import openpyxl
import pytest
from django.urls import reverse

from mutasi_asn.akun.roles import Peran
from mutasi_asn.excel import BARIS_HEADER
from tests.usulan_mutasi.test_rencana import kota  # noqa: F401  (fixture)
from usulan_mutasi.choices import AlasanMutasi, StatusUsulan
from usulan_mutasi.models import UsulanMutasi
from usulan_mutasi.rencana.models import RencanaPemerataan
from usulan_mutasi.rencana.services import rencana_susun


@pytest.fixture
def rencana(kota, client, pengguna_peran):  # noqa: F811
    from analisis_beban.models import PeriodeABK

    client.force_login(pengguna_peran[Peran.BKPSDM])
    resp = client.post(
        reverse("usulan_mutasi:rencana_add"),
        {
            "periode": PeriodeABK.objects.get(tahun=2026).pk,
            "judul": "Pemerataan 2026",
            "bobot_antar_instansi": 10,
            "bobot_antar_rumpun": 20,
            "bobot_selisih_kelas": 5,
            "bobot_masa_jabatan": 2,
            "biaya_peringatan": 50,
        },
    )
    rencana = RencanaPemerataan.objects.get()
    assert resp.status_code == 302 and resp["Location"] == rencana.get_absolute_url()
    # The page shows the progress until the worker has computed it (after the commit).
    assert 'data-testid="status-rencana"' in client.get(rencana.get_absolute_url()).content.decode()
    return rencana_susun(rencana_id=rencana.pk)


def test_halaman_rencana_menampilkan_sebelum_sesudah_langkah_dan_alasan_sisa(rencana, client):
    resp = client.get(rencana.get_absolute_url())
    assert resp.status_code == 200
    html = resp.content.decode()
    assert 'data-testid="grafik-rencana"' in html and "js/rencana.js" in html
    assert html.count('data-testid="langkah"') == 2
    assert "Tidak ada pegawai pada jabatan yang kelebihan" in html
    assert "<script>" not in html  # no inline script: the chart reads json_script data


def test_langkah_dapat_disaring_dan_diekspor(rencana, client, kota):  # noqa: F811
    url = rencana.get_absolute_url()
    resp = client.get(url, {"jabatan": kota["tujuan"].nama})
    assert resp.content.decode().count('data-testid="langkah"') == 2
    resp = client.get(url, {"jabatan": "tidak ada jabatan seperti ini"})
    assert resp.content.decode().count('data-testid="langkah"') == 0
    resp = client.get(url, {"format": "xlsx"})
    lembar = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    baris = list(lembar.iter_rows(values_only=True))
    assert baris[BARIS_HEADER - 1][:3] == ("No.", "NIP", "Nama")
    assert len(baris) == BARIS_HEADER + 2


def test_langkah_terpilih_menjadi_usulan_draf_di_kotak_masuk_bkpsdm(rencana, client):
    ids = list(rencana.langkah.values_list("pk", flat=True))
    resp = client.post(
        reverse("usulan_mutasi:rencana_usulan", args=[rencana.pk]), {"langkah": ids}, follow=True
    )
    assert "2 usulan draf dibuat" in resp.content.decode()
    usulan = UsulanMutasi.objects.all()
    assert usulan.count() == 2
    for u in usulan:
        assert u.status == StatusUsulan.DRAF and u.alasan == AlasanMutasi.PEMERATAAN
        assert f"rencana pemerataan #{rencana.pk}" in u.justifikasi
    inbox = client.get(reverse("usulan_mutasi:inbox")).content.decode()
    for u in usulan:
        assert u.nomor in inbox
    # The same moves a second time: refused, nothing created.
    resp = client.post(
        reverse("usulan_mutasi:rencana_usulan", args=[rencana.pk]), {"langkah": ids}, follow=True
    )
    assert "sudah dijadikan usulan" in resp.content.decode()
    assert UsulanMutasi.objects.count() == 2


def test_pengguna_opd_tidak_melihat_rencana(rencana, client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
    assert client.get(reverse("usulan_mutasi:rencana_list")).status_code == 403
    assert client.get(rencana.get_absolute_url()).status_code in (403, 404)
    resp = client.post(reverse("usulan_mutasi:rencana_usulan", args=[rencana.pk]), {"langkah": [1]})
    assert resp.status_code == 404
    assert client.get(reverse("usulan_mutasi:rencana_add")).status_code == 403


def test_daftar_rencana(rencana, client):
    resp = client.get(reverse("usulan_mutasi:rencana_list"))
    assert resp.status_code == 200
    assert "Pemerataan 2026" in resp.content.decode()


def test_kandidat_jabatan_dan_tujuan_pegawai_diperingkat_dengan_biaya_rencana(
    kota,  # noqa: F811
    client,
    pengguna_peran,
):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    resp = client.get(reverse("usulan_mutasi:rencana_kandidat_jabatan", args=[kota["tujuan"].pk]))
    html = resp.content.decode()
    assert html.count('data-testid="peringkat"') == 4
    # The longest in position (TMT 2015) ranks first: the plan's time-in-position cost.
    assert html.index(kota["pemangku"][0].nama) < html.index(kota["pemangku"][3].nama)
    resp = client.get(
        reverse("usulan_mutasi:rencana_tujuan_pegawai", args=[kota["pemangku"][0].pk])
    )
    html = resp.content.decode()
    # The post needing a master's degree is not offered; the short post is.
    assert html.count('data-testid="peringkat"') == 1
    assert str(kota["tujuan"]) in html
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
    url = reverse("usulan_mutasi:rencana_tujuan_pegawai", args=[kota["pemangku"][0].pk])
    assert client.get(url).status_code == 404
