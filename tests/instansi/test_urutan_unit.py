"""Unit order: the explicit `urutan` first, then the name read naturally (Puskesmas 2 before 10),
parents before their sub-units — on the instansi page, the unit list, the peta jabatan and its
.xlsx. Sorting by the path of keys put `/5/100/` before `/5/91/`."""

import io

import openpyxl
import pytest
from django.urls import reverse

from instansi.choices import JenisUnit
from instansi.models import UnitKerja, kunci_nama_alami, susun_urutan_pohon
from instansi.selectors import unit_pohon
from instansi.services import unitkerja_simpan
from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import InstansiFactory, JabatanFactory

URUTAN_BENAR = [
    "Pimpinan Dinas Kesehatan",
    "Sekretariat",
    "Subbagian Umum dan Kepegawaian",
    "Subbagian Keuangan",
    "Bidang Pelayanan Kesehatan",
    "UPTD Puskesmas 2",
    "UPTD Puskesmas 9",
    "UPTD Puskesmas 10",
    "UPTD Puskesmas 19",
]


def test_nama_dibaca_alami():
    nama = ["Puskesmas 10", "Puskesmas 2", "puskesmas 1", "Puskesmas 2A", "Puskesmas"]
    assert sorted(nama, key=kunci_nama_alami) == [
        "Puskesmas",
        "puskesmas 1",
        "Puskesmas 2",
        "Puskesmas 2A",
        "Puskesmas 10",
    ]


def test_susun_urutan_pohon_induk_dulu_lalu_urutan_lalu_nama():
    units = [(1, None, None, "Pimpinan"), (2, 1, None, "B"), (3, 1, 1, "Z"), (4, 3, None, "A")]
    assert susun_urutan_pohon(units) == {1: 1, 3: 2, 4: 3, 2: 4}


@pytest.fixture
def dinkes(db):
    """Units created in an order whose keys sort wrong as text, with the Sekretariat last."""
    instansi = InstansiFactory(nama="Dinas Kesehatan", singkatan="Dinkes")

    def unit(nama, induk=None, jenis=JenisUnit.PUSKESMAS, urutan=None):
        return unitkerja_simpan(
            instance=None,
            data={
                "instansi": instansi,
                "induk": induk,
                "kode": f"U-{nama}",
                "nama": nama,
                "jenis": jenis,
                "urutan": urutan,
            },
            actor=None,
        )

    akar = unit("Pimpinan Dinas Kesehatan", jenis=JenisUnit.PIMPINAN)
    for n in (19, 10, 9, 2):
        JabatanFactory(unit_kerja=unit(f"UPTD Puskesmas {n}", akar), nama=f"Perawat {n}")
    bidang = unit("Bidang Pelayanan Kesehatan", akar, JenisUnit.BIDANG, urutan=2)
    JabatanFactory(unit_kerja=bidang, nama="Kepala Bidang")
    sekretariat = unit("Sekretariat", akar, JenisUnit.SEKRETARIAT, urutan=1)
    unit("Subbagian Keuangan", sekretariat, JenisUnit.SUBBAGIAN, urutan=2)
    unit("Subbagian Umum dan Kepegawaian", sekretariat, JenisUnit.SUBBAGIAN, urutan=1)
    return instansi


def _urutan_di(html: str, nama: list[str]) -> list[str]:
    # From the table on: the filter form above lists unit kinds ("Sekretariat") too.
    html = html[html.find("<table") :]
    return sorted(nama, key=lambda n: html.index(f">{n}<"))


def test_pohon_unit_mengikuti_urutan_lalu_nama_alami(dinkes):
    assert [u.nama for u in unit_pohon(dinkes)] == URUTAN_BENAR
    assert [u.nama for u in UnitKerja.objects.filter(instansi=dinkes)] == URUTAN_BENAR


def test_urutan_diubah_menyusun_ulang_pohon(dinkes):
    bidang = UnitKerja.objects.get(nama="Bidang Pelayanan Kesehatan")
    unitkerja_simpan(instance=bidang, data={"urutan": None}, actor=None)
    nama = [u.nama for u in unit_pohon(dinkes)]
    # Without a number it follows the numbered Sekretariat, then sorts by name among the rest.
    assert nama.index("Bidang Pelayanan Kesehatan") == 4
    assert nama.index("UPTD Puskesmas 2") == 5


@pytest.fixture
def bkpsdm(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    return client


def test_halaman_instansi_dan_daftar_unit_urut_benar(bkpsdm, dinkes):
    html = bkpsdm.get(dinkes.get_absolute_url()).content.decode()
    assert _urutan_di(html, URUTAN_BENAR) == URUTAN_BENAR
    html = bkpsdm.get(reverse("instansi:unitkerja_list"), {"instansi": dinkes.pk}).content.decode()
    assert _urutan_di(html, URUTAN_BENAR) == URUTAN_BENAR


def test_peta_jabatan_dan_xlsx_urut_benar(bkpsdm, dinkes):
    url = reverse("analisis_beban:peta_instansi", args=[dinkes.pk])
    html = bkpsdm.get(url).content.decode()
    assert _urutan_di(html, URUTAN_BENAR) == URUTAN_BENAR
    resp = bkpsdm.get(url, {"format": "xlsx"})
    lembar = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    unit = []
    for (nilai,) in lembar.iter_rows(min_col=1, max_col=1, values_only=True):
        if nilai and nilai.strip() in URUTAN_BENAR and nilai.strip() not in unit:
            unit.append(nilai.strip())
    assert unit == URUTAN_BENAR
