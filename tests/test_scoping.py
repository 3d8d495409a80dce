"""Scope matrix: every role against every register page and API endpoint, both agencies' objects.

One table states, per role, the answer to each request; the test compares the whole row so a
failure shows every cell that differs. `A` is the agency of the agency-scoped users, `B` another.
"""

import pytest
from django.urls import reverse

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db

MODEL = {
    # name: (url prefix of the pages, API path, how to build one object in an agency)
    "instansi": ("instansi:instansi", "/api/v1/instansi/", lambda inst: inst),
    "unitkerja": (
        "instansi:unitkerja",
        "/api/v1/unit-kerja/",
        lambda inst: UnitKerjaFactory(instansi=inst),
    ),
    "jabatan": (
        "instansi:jabatan",
        "/api/v1/jabatan/",
        lambda inst: JabatanFactory(unit_kerja__instansi=inst),
    ),
    "pegawai": (
        "pegawai:pegawai",
        "/api/v1/pegawai/",
        lambda inst: PegawaiFactory(jabatan__unit_kerja__instansi=inst),
    ),
}

AKSI = ["list", "detail_A", "detail_B", "add", "edit_A", "edit_B", "api", "api_A", "api_B"]


def baris(list_, detail_a, detail_b, add, edit_a, edit_b, api, api_a, api_b):
    return dict(
        zip(AKSI, [list_, detail_a, detail_b, add, edit_a, edit_b, api, api_a, api_b], strict=True)
    )


KOTA_KELOLA = baris(200, 200, 200, 200, 200, 200, 200, 200, 200)
KOTA_BACA = baris(200, 200, 200, 403, 403, 403, 200, 200, 200)
INSTANSI_BACA = baris(200, 200, 404, 403, 403, 403, 200, 200, 404)
TANPA_INSTANSI = baris(200, 404, 404, 403, 403, 403, 200, 404, 404)
TANPA_PERAN = baris(403, 403, 403, 403, 403, 403, 403, 403, 403)

# role → (expected answers, rows the list and the API show)
MATRIKS = {
    "admin": (KOTA_KELOLA, {"A", "B"}),
    "bkpsdm": (KOTA_KELOLA, {"A", "B"}),
    "operator_opd": (INSTANSI_BACA, {"A"}),
    "kepala_opd": (INSTANSI_BACA, {"A"}),
    "tim_penilai": (KOTA_BACA, {"A", "B"}),
    "ppk": (KOTA_BACA, {"A", "B"}),
    "operator_tanpa_instansi": (TANPA_INSTANSI, set()),
    "kepala_tanpa_instansi": (TANPA_INSTANSI, set()),
    "tanpa_peran": (TANPA_PERAN, set()),
}


@pytest.fixture
def pengguna(pengguna_peran, buat_pengguna):
    semua = {str(k): v for k, v in pengguna_peran.items()}
    semua["operator_tanpa_instansi"] = buat_pengguna(Peran.OPERATOR_OPD)
    semua["kepala_tanpa_instansi"] = buat_pengguna(Peran.KEPALA_OPD)
    semua["tanpa_peran"] = buat_pengguna(None)
    return semua


@pytest.mark.parametrize("model", list(MODEL))
@pytest.mark.parametrize("peran", list(MATRIKS))
def test_matriks_cakupan(client, pengguna, instansi_a, instansi_b, peran, model):
    awalan, api, buat = MODEL[model]
    obj = {"A": buat(instansi_a), "B": buat(instansi_b)}
    client.force_login(pengguna[peran])
    url = {
        "list": reverse(f"{awalan}_list"),
        "detail_A": reverse(f"{awalan}_detail", args=[obj["A"].pk]),
        "detail_B": reverse(f"{awalan}_detail", args=[obj["B"].pk]),
        "add": reverse(f"{awalan}_add"),
        "edit_A": reverse(f"{awalan}_edit", args=[obj["A"].pk]),
        "edit_B": reverse(f"{awalan}_edit", args=[obj["B"].pk]),
        "api": api,
        "api_A": f"{api}{obj['A'].pk}/",
        "api_B": f"{api}{obj['B'].pk}/",
    }
    jawaban = {aksi: client.get(u).status_code for aksi, u in url.items()}
    harapan, terlihat = MATRIKS[peran]
    assert jawaban == harapan

    if harapan["list"] == 200:
        daftar = client.get(url["list"]).context["object_list"]
        assert {k for k, o in obj.items() if o in daftar} == terlihat
    if harapan["api"] == 200:
        ids = {r["id"] for r in client.get(api).json()["results"]}
        assert {k for k, o in obj.items() if o.pk in ids} == terlihat


CARI = {
    "jabatan": (
        "instansi:jabatan_cari",
        lambda inst, nama: JabatanFactory(nama=nama, unit_kerja__instansi=inst),
    ),
    "unitkerja": (
        "instansi:unitkerja_cari",
        lambda inst, nama: UnitKerjaFactory(nama=nama, instansi=inst),
    ),
}


@pytest.mark.parametrize("cari", list(CARI))
@pytest.mark.parametrize("peran", list(MATRIKS))
def test_matriks_pencarian_pilihan(client, pengguna, instansi_a, instansi_b, peran, cari):
    url_name, buat = CARI[cari]
    obj = {"A": buat(instansi_a, "Penata Cakupan A"), "B": buat(instansi_b, "Penata Cakupan B")}
    client.force_login(pengguna[peran])
    resp = client.get(reverse(url_name), {"q": "penata cakupan"})
    harapan, terlihat = MATRIKS[peran]
    if harapan["list"] == 403:
        assert resp.status_code == 403
        return
    ids = {h["id"] for h in resp.json()["hasil"]}
    assert {k for k, o in obj.items() if o.pk in ids} == terlihat


@pytest.mark.parametrize("peran", ["tanpa_peran", "operator_tanpa_instansi"])
def test_beranda_tanpa_cakupan_menghitung_nol(client, pengguna, instansi_a, peran):
    PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    client.force_login(pengguna[peran])
    resp = client.get(reverse("beranda"))
    assert resp.status_code == 200
    assert resp.context["ringkasan"]["pegawai"] == 0
    assert resp.context["ringkasan"]["instansi"] == 0
