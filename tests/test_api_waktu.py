"""Every date-time of every API endpoint in one format and zone; a vacant position's PJ is null."""

import re
from decimal import Decimal

import pytest

from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK, UraianTugas
from analisis_beban.services import abk_hitung
from mutasi_asn.akun.roles import Peran
from mutasi_asn.api_urls import router
from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    PeristiwaUsulanFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
)

pytestmark = pytest.mark.django_db

MIRIP_WAKTU = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
FORMAT_WAKTU = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+07:00$")


@pytest.fixture
def dunia(instansi_a, instansi_b, pengguna_peran):
    unit = UnitKerjaFactory(instansi=instansi_a, nama="Puskesmas Kota")
    perawat = JabatanFactory(unit_kerja=unit, nama="Perawat Terampil")
    kosong = JabatanFactory(unit_kerja=unit, nama="Bidan Ahli Pertama")  # vacant, with workload
    tujuan = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_b), nama="Guru")
    pegawai = PegawaiFactory(jabatan=perawat)
    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    for j in (perawat, kosong):
        UraianTugas.objects.create(
            periode=periode,
            jabatan=j,
            uraian="Melayani pasien",
            hasil_kerja="Layanan",
            satuan="kegiatan",
            volume=Decimal(2500),
            norma_waktu_menit=Decimal(30),
        )
    abk_hitung(periode=periode)
    usulan = UsulanMutasiFactory(
        pegawai=pegawai,
        jabatan_tujuan=tujuan,
        diusulkan_oleh=pengguna_peran[Peran.BKPSDM],
    )
    PeristiwaUsulanFactory(usulan=usulan)
    return {"kosong": kosong, "usulan": usulan}


def _semua_string(data, jalur=""):
    if isinstance(data, dict):
        for k, v in data.items():
            yield from _semua_string(v, f"{jalur}.{k}")
    elif isinstance(data, list):
        for i, v in enumerate(data):
            yield from _semua_string(v, f"{jalur}[{i}]")
    elif isinstance(data, str):
        yield jalur, data


def test_setiap_waktu_di_setiap_endpoint_api_satu_format_dan_zona(client, dunia, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    jawaban = {}
    for prefix, viewset, _ in router.registry:
        url = f"/api/v1/{prefix}/"
        resp = client.get(url, HTTP_ACCEPT="application/json")
        assert resp.status_code == 200, (url, resp.content)
        jawaban[url] = resp.json()
        baris = jawaban[url].get("results") or []
        if baris and "id" in baris[0] and hasattr(viewset, "retrieve"):
            detail = f"{url}{baris[0]['id']}/"
            resp = client.get(detail, HTTP_ACCEPT="application/json")
            assert resp.status_code == 200, (detail, resp.content)
            jawaban[detail] = resp.json()
    waktu = [
        (url, jalur, nilai)
        for url, data in jawaban.items()
        for jalur, nilai in _semua_string(data)
        if MIRIP_WAKTU.match(nilai)
    ]
    salah = [w for w in waktu if not FORMAT_WAKTU.match(w[2])]
    assert salah == []
    # Not vacuous: the ABK results, the summary, the proposal and its events all carry one.
    dilihat = {(url.split("/")[3], jalur.rsplit(".", 1)[-1]) for url, jalur, _ in waktu}
    assert {
        ("abk", "dihitung_pada"),
        ("usulan", "dibuat_pada"),
        ("usulan", "waktu"),
    } <= dilihat
    assert FORMAT_WAKTU.match(jawaban["/api/v1/abk/ringkasan/"]["dihitung_pada"])


def test_pj_jabatan_kosong_null_bukan_string_kosong(client, dunia, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    hasil = client.get("/api/v1/abk/hasil/", {"jabatan": dunia["kosong"].pk}).json()["results"]
    assert len(hasil) == 1
    assert hasil[0]["bezetting"] == 0 and hasil[0]["ej"] is None
    assert hasil[0]["pj"] is None
