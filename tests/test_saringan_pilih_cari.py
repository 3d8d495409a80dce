"""Lists filter by unit kerja and jabatan through a search-select, never a raw numeric id box."""

import pytest
from django.urls import reverse

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import JabatanFactory


@pytest.mark.parametrize(
    "nama_url, param",
    [
        ("pegawai:pegawai_list", "unit_kerja"),
        ("pegawai:pegawai_list", "jabatan"),
        ("instansi:jabatan_list", "unit_kerja"),
        ("analisis_beban:hasilabk_list", "unit_kerja"),
        ("analisis_beban:hasilabk_list", "jabatan"),
    ],
)
def test_saringan_unit_dan_jabatan_adalah_pilihan_cari_bernama(
    client, pengguna_peran, instansi_a, nama_url, param
):
    jabatan = JabatanFactory(nama="Perawat Terampil", unit_kerja__instansi=instansi_a)
    nilai = jabatan.unit_kerja if param == "unit_kerja" else jabatan
    client.force_login(pengguna_peran[Peran.BKPSDM])
    html = client.get(reverse(nama_url), {param: nilai.pk}).content.decode()
    assert "ID unit kerja" not in html and "ID jabatan" not in html
    assert f'<select name="{param}"' in html and "data-pilih-cari=" in html
    # A link carrying the id shows the chosen row by name, and the script that searches.
    assert f'value="{nilai.pk}" selected>{nilai.nama}' in html
    assert "js/pilih-cari.js" in html
