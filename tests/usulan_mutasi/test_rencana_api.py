"""The plan over the API: create, read moves and explanations, create proposals; scoping."""

import pytest
from rest_framework.test import APIClient

from mutasi_asn.akun.roles import Peran
from tests.usulan_mutasi.test_rencana import kota  # noqa: F401  (fixture)
from usulan_mutasi.models import UsulanMutasi
from usulan_mutasi.rencana.models import RencanaPemerataan, StatusRencana
from usulan_mutasi.rencana.services import rencana_susun


@pytest.fixture
def api(pengguna_peran):
    klien = APIClient()
    klien.force_authenticate(pengguna_peran[Peran.BKPSDM])
    return klien


def test_api_membuat_rencana_membaca_langkah_dan_membuat_usulan(kota, api):  # noqa: F811
    resp = api.post(
        "/api/v1/rencana/",
        {"periode": 2026, "judul": "Lewat API", "pengaturan": {"bobot_selisih_kelas": 3}},
        format="json",
    )
    assert resp.status_code == 201, resp.content
    assert resp.json()["status"] == StatusRencana.ANTRE
    rencana = rencana_susun(rencana_id=resp.json()["id"])
    detail = api.get(f"/api/v1/rencana/{rencana.pk}/").json()
    assert detail["ringkasan"]["optimum"]["jumlah_langkah"] == 2
    langkah = api.get(f"/api/v1/rencana/{rencana.pk}/langkah/").json()["results"]
    assert len(langkah) == 2
    assert langkah[0]["penjelasan"]["tujuan"]["sesudah"]["selisih"] == 0
    sisa = api.get(f"/api/v1/rencana/{rencana.pk}/kekurangan/").json()["results"]
    assert sisa[0]["alasan"] == "tidak_ada_calon"
    resp = api.post(
        f"/api/v1/rencana/{rencana.pk}/usulan/", {"langkah": [langkah[0]["id"]]}, format="json"
    )
    assert resp.status_code == 201
    assert UsulanMutasi.objects.get().nomor == resp.json()["usulan"][0]["nomor"]


def test_api_pengaturan_salah_ditolak_dengan_pesan(kota, api):  # noqa: F811
    resp = api.post(
        "/api/v1/rencana/",
        {"periode": 2026, "pengaturan": {"peringatan": {"pensiun_dekat": "abaikan"}}},
        format="json",
    )
    assert resp.status_code == 400
    assert "kecualikan" in str(resp.json())
    assert not RencanaPemerataan.objects.exists()


def test_api_pengguna_opd_tidak_dapat_membuat_atau_melihat_rencana(kota, api, pengguna_peran):  # noqa: F811
    rencana = rencana_susun(rencana_id=api.post("/api/v1/rencana/", {"periode": 2026}).json()["id"])
    opd = APIClient()
    opd.force_authenticate(pengguna_peran[Peran.OPERATOR_OPD])
    assert opd.get("/api/v1/rencana/").status_code == 403
    assert opd.post("/api/v1/rencana/", {"periode": 2026}).status_code == 403
    resp = opd.post(f"/api/v1/rencana/{rencana.pk}/usulan/", {"langkah": [1]}, format="json")
    assert resp.status_code == 404
