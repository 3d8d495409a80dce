"""The ABK read API: results per jabatan and the summary per instansi, filtered like the page
and scoped like it (an agency user sees their own agency only)."""

from decimal import Decimal as D

import pytest
from django.urls import reverse

from analisis_beban import services
from analisis_beban.models import PeriodeABK
from mutasi_asn.akun.roles import Peran
from tests.analisis_beban.conftest import tugas
from tests.fixtures.factories import JabatanFactory, PegawaiFactory
from tests.fixtures.views import hitung_query

pytestmark = pytest.mark.django_db

HASIL = "/api/v1/abk/hasil/"
RINGKASAN = "/api/v1/abk/ringkasan/"


@pytest.fixture
def dihitung(org):
    services.abk_hitung(periode=org["periode"])
    return org


@pytest.fixture
def bkpsdm(client, buat_pengguna):
    user = buat_pengguna(Peran.BKPSDM)
    client.force_login(user)
    return user


def hasil(client, params=None):
    resp = client.get(HASIL, {**(params or {}), "page_size": 1000})
    assert resp.status_code == 200, resp.content
    return resp.json()["results"]


def test_tamu_dan_pengguna_tanpa_peran_ditolak(client, buat_pengguna, dihitung):
    assert client.get(HASIL).status_code in (401, 403)
    assert client.get(RINGKASAN).status_code in (401, 403)
    client.force_login(buat_pengguna(None))
    assert client.get(HASIL).status_code == 403
    assert client.get(RINGKASAN).status_code == 403


def test_hasil_memuat_kolom_yang_dijanjikan(client, bkpsdm, dihitung):
    o = dihitung
    baris = {r["jabatan"]: r for r in hasil(client, {"periode": 2026})}
    assert set(baris) == {o["j1"].pk, o["j2"].pk, o["j3"].pk, o["j4"].pk}
    r = baris[o["j1"].pk]
    assert {
        "jabatan",
        "unit_kerja",
        "instansi",
        "total_beban_menit",
        "kebutuhan",
        "kebutuhan_bulat",
        "bezetting",
        "selisih",
        "ej",
        "pj",
    } <= set(r)
    assert r["unit_kerja"] == o["u1"].pk and r["instansi"] == o["instansi_a"].pk
    assert D(r["total_beban_menit"]) == D(72000)
    assert D(r["kebutuhan"]) == D("0.96") and r["kebutuhan_bulat"] == 1
    assert (r["bezetting"], r["selisih"], r["pj"]) == (3, 2, "E")
    assert D(r["ej"]) == D("0.32")
    assert baris[o["j2"].pk]["ej"] is None  # vacant: no EJ, never a division error


def test_hasil_tersaring_seperti_halaman(client, bkpsdm, dihitung):
    o = dihitung
    assert {r["jabatan"] for r in hasil(client, {"keadaan": "kurang"})} == {o["j2"].pk, o["j4"].pk}
    assert {r["jabatan"] for r in hasil(client, {"instansi": o["instansi_b"].pk})} == {o["j4"].pk}
    assert {r["jabatan"] for r in hasil(client, {"unit_kerja": o["u1"].pk})} == {
        o["j1"].pk,
        o["j2"].pk,
    }
    assert [r["jabatan"] for r in hasil(client, {"pj": "A"})] == [o["j4"].pk]
    # the same filter on the page gives the same rows
    resp = client.get(reverse("analisis_beban:hasilabk_list"), {"keadaan": "kurang"})
    assert {h.jabatan_id for h in resp.context["paginator"].object_list} == {
        o["j2"].pk,
        o["j4"].pk,
    }


def test_periode_bawaan_terbaru_dan_periode_lama_tetap_terbaca(client, bkpsdm, dihitung):
    lama = PeriodeABK.objects.create(tahun=2025)
    tugas(lama, dihitung["j1"], 10, 10)
    services.abk_hitung(periode=lama)
    assert {r["periode"] for r in hasil(client)} == {2026}
    assert {r["periode"] for r in hasil(client, {"periode": 2025})} == {2025}
    resp = client.get(HASIL, {"periode": 2019})  # no such period: a clear 400, not an empty list
    assert resp.status_code == 400 and "periode" in resp.json()


@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.KEPALA_OPD])
def test_pengguna_instansi_hanya_instansinya(client, buat_pengguna, dihitung, peran):
    o = dihitung
    client.force_login(buat_pengguna(peran, instansi=o["instansi_a"]))
    assert {r["instansi"] for r in hasil(client)} == {o["instansi_a"].pk}
    # another agency is not even a valid choice for the filter
    assert client.get(HASIL, {"instansi": o["instansi_b"].pk}).status_code == 400
    resp = client.get(RINGKASAN)
    assert [r["instansi"] for r in resp.json()["results"]] == [o["instansi_a"].pk]


def test_ringkasan_per_instansi(client, bkpsdm, dihitung):
    o = dihitung
    resp = client.get(RINGKASAN, {"periode": 2026})
    assert resp.status_code == 200
    data = resp.json()
    assert data["periode"] == 2026
    baris = {r["instansi"]: r for r in data["results"]}
    a, b = baris[o["instansi_a"].pk], baris[o["instansi_b"].pk]
    assert (a["bezetting"], a["kebutuhan_bulat"], a["lebih"], a["kurang"]) == (5, 3, 4, 2)
    assert (b["bezetting"], b["kebutuhan_bulat"], b["kurang"], b["pu"]) == (1, 2, 1, "A")
    assert client.get(RINGKASAN, {"periode": 2019}).status_code == 404


def test_ringkasan_tanpa_periode(client, bkpsdm):
    resp = client.get(RINGKASAN)
    assert resp.status_code == 200 and resp.json()["results"] == []


def test_jumlah_query_api_tidak_tumbuh(client, bkpsdm, dihitung):
    o = dihitung

    def tambah(n):
        for _ in range(n):
            j = JabatanFactory(unit_kerja=o["u1"])
            tugas(o["periode"], j, 10, 10)
            PegawaiFactory(jabatan=j)
        services.abk_hitung(periode=o["periode"])

    for url in (HASIL + "?periode=2026", RINGKASAN + "?periode=2026"):
        tambah(3)
        sedikit, _ = hitung_query(client, url)
        tambah(27)
        banyak, _ = hitung_query(client, url)
        assert sedikit == banyak, (url, sedikit, banyak)


def test_skema_openapi_memuat_endpoint_abk(client, bkpsdm):
    resp = client.get("/api/schema/")
    assert resp.status_code == 200
    teks = resp.content.decode()
    assert "/api/v1/abk/hasil/" in teks and "/api/v1/abk/ringkasan/" in teks
