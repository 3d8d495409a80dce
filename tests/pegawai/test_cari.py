"""Pegawai search: names with or without gelar, in any word order, and by jabatan name."""

import pytest
from django.urls import reverse

from mutasi_asn.akun.roles import Peran
from pegawai.models import Pegawai
from pegawai.querysets import kata_pencarian
from tests.fixtures.factories import JabatanFactory, PegawaiFactory


@pytest.fixture
def maria(db):
    return PegawaiFactory(
        gelar_depan="dr.",
        nama="Maria Siregar",
        gelar_belakang="M.Kes.",
        jabatan=JabatanFactory(nama="Dokter Ahli Madya"),
    )


@pytest.fixture
def lain(db):
    return PegawaiFactory(nama="Maria Ulfa Nasution", gelar_belakang="S.Kep., Ns.")


def test_kata_pencarian_membuang_gelar():
    assert kata_pencarian("dr. Maria Siregar, M.Kes.") == ["Maria", "Siregar"]
    assert kata_pencarian("Siregar SH") == ["Siregar"]


@pytest.mark.parametrize(
    "teks",
    [
        "Maria Siregar",
        "siregar maria",
        "dr. Maria Siregar, M.Kes.",
        "dr Maria Siregar",
        "Siregar, Maria",
        "dokter maria",  # a word of the jabatan and one of the name
    ],
)
def test_cari_pegawai_dengan_atau_tanpa_gelar_dan_urutan_kata(maria, lain, teks):
    assert list(Pegawai.objects.cari(teks)) == [maria]


def test_cari_pegawai_menurut_nama_jabatan(maria, lain):
    assert list(Pegawai.objects.cari("ahli madya")) == [maria]
    assert set(Pegawai.objects.cari("maria")) == {maria, lain}


def test_cari_hanya_gelar_menemukan_pemegang_gelar(maria, lain):
    assert list(Pegawai.objects.cari("Ns.")) == [lain]


def test_cari_nip_tetap_awalan_dengan_spasi(maria):
    assert list(Pegawai.objects.cari(f"{maria.nip[:8]} {maria.nip[8:14]}")) == [maria]


def test_daftar_pegawai_mencari_nama_terbalik_bergelar(client, pengguna_peran, maria, lain):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    resp = client.get(reverse("pegawai:pegawai_list"), {"q": "Siregar, dr. Maria"})
    assert list(resp.context["object_list"]) == [maria]
