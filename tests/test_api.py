"""The read API: the same filters and scope as the pages, token sign-in, schema and docs."""

import datetime
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse
from rest_framework.authtoken.models import Token

from instansi.choices import Golongan, JenisJabatan, JenisUnit, Pendidikan
from mutasi_asn.akun.roles import Peran
from pegawai.choices import StatusKepegawaian
from tests.fixtures.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
)
from tests.fixtures.views import hitung_query

pytestmark = pytest.mark.django_db

ENDPOINT = {
    "instansi": ("/api/v1/instansi/", "instansi:instansi_list"),
    "unit-kerja": ("/api/v1/unit-kerja/", "instansi:unitkerja_list"),
    "jabatan": ("/api/v1/jabatan/", "instansi:jabatan_list"),
    "pegawai": ("/api/v1/pegawai/", "pegawai:pegawai_list"),
}


def id_api(client, url, params=None):
    resp = client.get(url, {**(params or {}), "page_size": 1000}, HTTP_ACCEPT="application/json")
    assert resp.status_code == 200, resp.content
    return {r["id"] for r in resp.json()["results"]}


def id_halaman(client, url_name, params=None):
    resp = client.get(reverse(url_name), params or {})
    assert resp.status_code == 200
    assert not resp.context["filter"].errors, resp.context["filter"].errors
    return {o.pk for o in resp.context["paginator"].object_list}


@pytest.fixture
def register(instansi_a, instansi_b):
    """A small two-agency register with enough variety for every filter."""
    ua = UnitKerjaFactory(instansi=instansi_a, jenis=JenisUnit.PUSKESMAS, nama="Puskesmas Kota")
    ub = UnitKerjaFactory(instansi=instansi_b, jenis=JenisUnit.SEKOLAH, nama="SD Negeri 1")
    perawat = JabatanFactory(
        unit_kerja=ua, nama="Perawat Terampil", jenis=JenisJabatan.FUNGSIONAL, jenjang="terampil"
    )
    kasi = JabatanFactory(
        unit_kerja=ua, nama="Kepala Seksi", jenis=JenisJabatan.PENGAWAS, eselon="IV.a"
    )
    guru = JabatanFactory(
        unit_kerja=ub, nama="Guru Ahli Muda", jenis=JenisJabatan.FUNGSIONAL, jenjang="ahli_muda"
    )
    p = {
        "maria": PegawaiFactory(
            nama="Maria Siregar",
            nip="198609262015052001",
            jabatan=perawat,
            golongan=Golongan.II_C,
            pendidikan=Pendidikan.D3,
        ),
        "lamhot": PegawaiFactory(
            nama="Lamhot Sinaga",
            nip="197501012000031002",
            jabatan=kasi,
            golongan=Golongan.III_D,
            pendidikan=Pendidikan.S1,
        ),
        "tiur": PegawaiFactory(
            nama="Tiur Purba",
            nip="199203152021012003",
            status=StatusKepegawaian.PPPK,
            tanggal_lahir=datetime.date(1992, 3, 15),
            jenis_kelamin="P",
            jabatan=guru,
            golongan=Golongan.P_IX,
            pendidikan=Pendidikan.S1,
        ),
    }
    return {"ua": ua, "ub": ub, "perawat": perawat, "kasi": kasi, "guru": guru, **p}


@pytest.fixture
def bkpsdm(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    return client


# --- filters: the API answers a query string as the page does --------------------------------
KASUS_FILTER = [
    ("pegawai", lambda r: {"instansi": r["ua"].instansi_id}, {"maria", "lamhot"}),
    ("pegawai", lambda r: {"unit_kerja": r["ub"].pk}, {"tiur"}),
    ("pegawai", lambda r: {"jenis_jabatan": JenisJabatan.PENGAWAS}, {"lamhot"}),
    ("pegawai", lambda r: {"golongan": [Golongan.II_C, Golongan.P_IX]}, {"maria", "tiur"}),
    ("pegawai", lambda r: {"pendidikan": Pendidikan.S1}, {"lamhot", "tiur"}),
    ("pegawai", lambda r: {"status": StatusKepegawaian.PPPK}, {"tiur"}),
    ("pegawai", lambda r: {"q": "siregar"}, {"maria"}),
    ("pegawai", lambda r: {"q": "19750101 2000"}, {"lamhot"}),  # NIP prefix typed with a space
    ("pegawai", lambda r: {"q": "1992"}, {"tiur"}),
    ("pegawai", lambda r: {"jabatan": r["perawat"].pk}, {"maria"}),
]


@pytest.mark.parametrize("endpoint, params, harapan", KASUS_FILTER)
def test_filter_pegawai_api_sama_dengan_halaman(bkpsdm, register, endpoint, params, harapan):
    api, halaman = ENDPOINT[endpoint]
    q = params(register)
    ids = {register[k].pk for k in harapan}
    assert id_api(bkpsdm, api, q) == ids
    assert id_halaman(bkpsdm, halaman, q) == ids


KASUS_FILTER_STRUKTUR = [
    ("instansi", lambda r: {"q": "pendidikan uji"}, lambda r: {r["ub"].instansi_id}),
    (
        "instansi",
        lambda r: {"jenis": "dinas"},
        lambda r: {r["ua"].instansi_id, r["ub"].instansi_id},
    ),
    ("unit-kerja", lambda r: {"instansi": r["ua"].instansi_id}, lambda r: {r["ua"].pk}),
    ("unit-kerja", lambda r: {"jenis": JenisUnit.SEKOLAH}, lambda r: {r["ub"].pk}),
    ("unit-kerja", lambda r: {"q": "puskesmas"}, lambda r: {r["ua"].pk}),
    (
        "jabatan",
        lambda r: {"instansi": r["ua"].instansi_id},
        lambda r: {r["perawat"].pk, r["kasi"].pk},
    ),
    ("jabatan", lambda r: {"unit_kerja": r["ub"].pk}, lambda r: {r["guru"].pk}),
    (
        "jabatan",
        lambda r: {"jenis": JenisJabatan.FUNGSIONAL},
        lambda r: {r["perawat"].pk, r["guru"].pk},
    ),
    ("jabatan", lambda r: {"eselon": "IV.a"}, lambda r: {r["kasi"].pk}),
    ("jabatan", lambda r: {"q": "guru"}, lambda r: {r["guru"].pk}),
]


@pytest.mark.parametrize("endpoint, params, harapan", KASUS_FILTER_STRUKTUR)
def test_filter_struktur_api_sama_dengan_halaman(bkpsdm, register, endpoint, params, harapan):
    api, halaman = ENDPOINT[endpoint]
    q, ids = params(register), harapan(register)
    assert id_api(bkpsdm, api, q) == ids
    assert id_halaman(bkpsdm, halaman, q) == ids


def test_filter_tidak_sah_ditolak_dengan_400(bkpsdm, register):
    resp = bkpsdm.get("/api/v1/pegawai/", {"status": "bukan-status"})
    assert resp.status_code == 400
    assert "status" in resp.json()


# --- scope ---------------------------------------------------------------------------------
@pytest.mark.parametrize("peran", [Peran.OPERATOR_OPD, Peran.KEPALA_OPD])
@pytest.mark.parametrize("endpoint", list(ENDPOINT))
def test_pengguna_instansi_hanya_mendapat_baris_instansinya(
    client, pengguna_peran, register, instansi_a, peran, endpoint
):
    client.force_login(pengguna_peran[peran])
    api, halaman = ENDPOINT[endpoint]
    milik_a = {
        "instansi": {instansi_a.pk},
        "unit-kerja": {register["ua"].pk},
        "jabatan": {register["perawat"].pk, register["kasi"].pk},
        "pegawai": {register["maria"].pk, register["lamhot"].pk},
    }[endpoint]
    assert id_api(client, api) == milik_a
    assert id_halaman(client, halaman) == milik_a
    if endpoint != "instansi":
        # Filtering by the other agency is refused: it is not among the user's choices.
        resp = client.get(api, {"instansi": register["ub"].instansi_id})
        assert resp.status_code == 400
        assert "instansi" in resp.json()


@pytest.mark.parametrize("endpoint", list(ENDPOINT))
def test_detail_instansi_lain_404_dan_milik_sendiri_200(client, pengguna_peran, register, endpoint):
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
    api, _ = ENDPOINT[endpoint]
    sendiri, lain = {
        "instansi": (register["ua"].instansi_id, register["ub"].instansi_id),
        "unit-kerja": (register["ua"].pk, register["ub"].pk),
        "jabatan": (register["perawat"].pk, register["guru"].pk),
        "pegawai": (register["maria"].pk, register["tiur"].pk),
    }[endpoint]
    assert client.get(f"{api}{sendiri}/").status_code == 200
    assert client.get(f"{api}{lain}/").status_code == 404


def test_isi_pegawai_api(bkpsdm, register):
    maria = register["maria"]
    data = bkpsdm.get(f"/api/v1/pegawai/{maria.pk}/").json()
    assert data["nip"] == "198609262015052001"
    assert data["golongan_label"] == "II/c"
    assert data["jabatan"] == register["perawat"].pk
    assert data["unit_kerja"] == register["ua"].pk
    assert data["instansi"] == register["ua"].instansi_id


# --- tokens --------------------------------------------------------------------------------
def test_buat_token_lalu_masuk_dengan_token(client, pengguna_peran, register):
    user = pengguna_peran[Peran.OPERATOR_OPD]
    out = StringIO()
    call_command("buat_token", user.username, stdout=out)
    kunci = out.getvalue().strip()
    assert Token.objects.get(user=user).key == kunci
    resp = client.get("/api/v1/pegawai/", HTTP_AUTHORIZATION=f"Token {kunci}")
    assert resp.status_code == 200
    assert {r["id"] for r in resp.json()["results"]} == {
        register["maria"].pk,
        register["lamhot"].pk,
    }
    # Same key on a second call; a new one with --ganti, and the old key stops working.
    out2 = StringIO()
    call_command("buat_token", user.username, stdout=out2)
    assert out2.getvalue().strip() == kunci
    out3 = StringIO()
    call_command("buat_token", user.username, "--ganti", stdout=out3)
    assert out3.getvalue().strip() != kunci
    assert client.get("/api/v1/pegawai/", HTTP_AUTHORIZATION=f"Token {kunci}").status_code == 401


def test_buat_token_pengguna_tidak_ada_diberi_pesan():
    with pytest.raises(CommandError, match="tidak ditemukan"):
        call_command("buat_token", "tidak-ada")


def test_tanpa_masuk_api_menolak_401(client, register):
    assert client.get("/api/v1/pegawai/").status_code == 401
    assert client.get("/api/v1/pegawai/", HTTP_AUTHORIZATION="Token salah").status_code == 401


def test_pengguna_tanpa_peran_ditolak_403(client, buat_pengguna, register):
    client.force_login(buat_pengguna(None))
    for api, _ in ENDPOINT.values():
        assert client.get(api).status_code == 403


def test_api_hanya_baca(bkpsdm, register):
    resp = bkpsdm.post("/api/v1/instansi/", {"kode": "X", "nama": "X", "jenis": "dinas"})
    assert resp.status_code == 405


# --- schema and docs -----------------------------------------------------------------------
def test_skema_openapi_dan_dokumentasi_termuat(bkpsdm):
    resp = bkpsdm.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert resp.status_code == 200
    skema = resp.json()
    for api, _ in ENDPOINT.values():
        assert api in skema["paths"]
    assert "tokenAuth" in skema["components"]["securitySchemes"]
    resp = bkpsdm.get("/api/docs/")
    assert resp.status_code == 200
    assert "swagger" in resp.content.decode().lower()


# --- query counts --------------------------------------------------------------------------
def _isi(endpoint, n, instansi):
    if endpoint == "instansi":
        InstansiFactory.create_batch(n)
    elif endpoint == "unit-kerja":
        for _ in range(n):
            UnitKerjaFactory(instansi=instansi, induk=UnitKerjaFactory(instansi=instansi))
    elif endpoint == "jabatan":
        JabatanFactory.create_batch(n, unit_kerja__instansi=instansi)
    else:
        PegawaiFactory.create_batch(n, jabatan__unit_kerja__instansi=instansi)


@pytest.mark.parametrize("endpoint", list(ENDPOINT))
def test_jumlah_query_api_daftar_tidak_tumbuh(bkpsdm, instansi_a, endpoint):
    api, _ = ENDPOINT[endpoint]
    _isi(endpoint, 3, instansi_a)
    sedikit, _ = hitung_query(bkpsdm, api)
    _isi(endpoint, 27, instansi_a)
    banyak, resp = hitung_query(bkpsdm, api)
    assert len(resp.json()["results"]) >= 30
    assert sedikit == banyak, f"{sedikit} query dengan 3 baris, {banyak} dengan 30"
