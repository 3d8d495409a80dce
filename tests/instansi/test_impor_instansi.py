"""Import of instansi and unit kerja from .xlsx: a city loads its whole register from Excel
(instansi → unit kerja → jabatan → pegawai), on the same flow as every other import."""

import io

import pytest
from django.test import TestCase
from django.urls import reverse

from instansi.models import Instansi, UnitKerja
from mutasi_asn.akun.roles import Peran
from mutasi_asn.impor_xlsx import PESAN_BARIS_CONTOH, baca_lembar
from pegawai import impor_instansi
from pegawai.choices import StatusImpor
from pegawai.impor import impor_berkas, templat_xlsx
from pegawai.models import ImporRegister
from tests.fixtures.factories import InstansiFactory, UnitKerjaFactory
from tests.pegawai.test_impor_xlsx import buat_xlsx

pytestmark = pytest.mark.django_db

HEADER_INSTANSI = ["Kode OPD", "Nama OPD", "Singkatan", "Jenis"]
HEADER_UNIT = ["Kode Unit", "Nama Unit", "Kode Instansi", "Kode Induk", "Jenis Unit"]


def simpan(tmp_path, jenis, header, baris, actor=None):
    path = tmp_path / f"{jenis}.xlsx"
    path.write_bytes(buat_xlsx(header, baris))
    return impor_berkas(jenis=jenis, path=path, actor=actor, simpan=True)


def periksa_unit(baris, header=HEADER_UNIT):
    return impor_instansi.periksa_unit(
        baca_lembar(buat_xlsx(header, baris), impor_instansi.KOLOM_UNIT)
    )


def test_kota_memuat_instansi_lalu_unit_kerja_dengan_induk_di_berkas_yang_sama(
    tmp_path, pengguna_peran
):
    bkpsdm = pengguna_peran[Peran.BKPSDM]
    hasil = simpan(
        tmp_path,
        "instansi",
        HEADER_INSTANSI,
        [
            ["I-DINKES", "Dinas Kesehatan Kota Pematangsiantar", "Dinkes", "Dinas"],
            ["I-RSUD", "RSUD dr. Djasamen Saragih", "RSUD", "RSUD"],
        ],
        actor=bkpsdm,
    )
    assert hasil.disimpan, hasil.hasil.galat
    dinkes = Instansi.objects.get(kode="I-DINKES")
    assert dinkes.jenis == "dinas" and Instansi.objects.get(kode="I-RSUD").jenis == "rsud"
    assert dinkes.history.get().history_user == bkpsdm
    # A child row before its parent row: written parents first.
    hasil = simpan(
        tmp_path,
        "unitkerja",
        HEADER_UNIT,
        [
            ["U-SEKSI", "Seksi Pelayanan Kesehatan", "I-DINKES", "U-BIDANG", "Seksi"],
            ["U-BIDANG", "Bidang Pelayanan Kesehatan", "I-DINKES", "", "Bidang"],
            ["U-PKM", "UPTD Puskesmas Kesatria", "I-DINKES", "", "Puskesmas"],
        ],
        actor=bkpsdm,
    )
    assert hasil.disimpan, hasil.hasil.galat
    bidang = UnitKerja.objects.get(kode="U-BIDANG")
    seksi = UnitKerja.objects.get(kode="U-SEKSI")
    assert seksi.induk == bidang and seksi.instansi == dinkes
    assert (bidang.jalur, seksi.jalur) == (f"/{bidang.pk}/", f"/{bidang.pk}/{seksi.pk}/")
    assert seksi.kedalaman == 1
    assert hasil.impor.jenis == "unitkerja" and hasil.impor.jumlah_baru == 3
    assert ImporRegister.objects.filter(status=StatusImpor.BERHASIL).count() == 2


def test_instansi_yang_ada_diperbarui_dan_yang_sama_tidak_berubah(tmp_path):
    InstansiFactory(kode="I-1", nama="Dinas Sosial", singkatan="Dinsos")
    InstansiFactory(kode="I-2", nama="Dinas Perhubungan", singkatan="Dishub")
    hasil = simpan(
        tmp_path,
        "instansi",
        HEADER_INSTANSI,
        [["I-1", "Dinas Sosial Kota", "", ""], ["I-2", "Dinas Perhubungan", "Dishub", ""]],
    )
    h = hasil.hasil
    assert (h.jumlah_baru, h.jumlah_ubah, h.jumlah_tetap) == (0, 1, 1)
    i1 = Instansi.objects.get(kode="I-1")
    assert i1.nama == "Dinas Sosial Kota" and i1.singkatan == "Dinsos"  # empty = unchanged


def test_galat_instansi_nama_terpakai_jenis_salah_dan_wajib_untuk_baru(tmp_path):
    InstansiFactory(kode="I-LAMA", nama="Inspektorat")
    hasil = simpan(
        tmp_path,
        "instansi",
        HEADER_INSTANSI,
        [
            ["I-BARU", "Inspektorat", "", "Inspektorat"],  # 2: the name belongs to I-LAMA
            ["I-X", "Dinas X", "", "Kementerian"],  # 3: unknown kind
            ["I-Y", "", "", ""],  # 4: name and kind required
            ["I-Z", "Dinas Z", "", "Dinas"],  # 5: valid, but the file is refused
        ],
    )
    assert not hasil.disimpan
    pesan = {(g.baris, g.kolom): g.pesan for g in hasil.hasil.galat}
    assert "kode I-LAMA" in pesan[(2, "Nama Instansi")]
    assert "tidak dikenali" in pesan[(3, "Jenis Instansi")]
    assert {(4, "Nama Instansi"), (4, "Jenis Instansi")} <= set(pesan)
    assert not Instansi.objects.filter(kode__in=["I-BARU", "I-Z"]).exists()


def test_galat_unit_instansi_tidak_ada_induk_lain_instansi_lingkaran_dan_nama_ganda(db):
    a = InstansiFactory(kode="I-A")
    b = InstansiFactory(kode="I-B")
    induk_b = UnitKerjaFactory(instansi=b, kode="U-B")
    UnitKerjaFactory(instansi=a, kode="U-ADA", nama="Bagian Umum")
    hasil = periksa_unit(
        [
            ["U-1", "Bidang Satu", "I-TIDAK-ADA", "", "Bidang"],  # 2
            ["U-2", "Seksi Dua", "I-A", "U-B", "Seksi"],  # 3: parent in another agency
            ["U-3", "Seksi Tiga", "I-A", "U-4", "Seksi"],  # 4: U-3 -> U-4 -> U-3
            ["U-4", "Seksi Empat", "I-A", "U-3", "Seksi"],  # 5
            ["U-5", "Bagian Umum", "I-A", "", "Bagian"],  # 6: name taken by U-ADA
            ["U-6", "Bidang Kembar", "I-A", "", "Bidang"],  # 7
            ["U-7", "Bidang Kembar", "I-A", "", "Bidang"],  # 8: same name, same parent
            ["U-8", "Seksi Delapan", "I-A", "U-HILANG", "Seksi"],  # 9
        ]
    )
    pesan = {}
    for g in hasil.galat:
        pesan.setdefault(g.baris, []).append(g.pesan)
    assert "I-TIDAK-ADA" in pesan[2][0] and "tidak ada di register" in pesan[2][0]
    assert "instansi yang sama" in pesan[3][0] and str(induk_b.instansi) in pesan[3][0]
    assert any("kembali ke unit ini" in p for p in pesan[4])
    assert any("kembali ke unit ini" in p for p in pesan[5])
    assert "kode U-ADA" in pesan[6][0]
    assert any("muncul dua kali" in p for p in pesan[7]) and any(
        "muncul dua kali" in p for p in pesan[8]
    )
    assert "tidak ada di register maupun di berkas" in pesan[9][0]


def test_unit_tidak_boleh_pindah_ke_bawah_sub_unitnya_sendiri(db):
    ins = InstansiFactory(kode="I-A")
    atas = UnitKerjaFactory(instansi=ins, kode="U-ATAS")
    bawah = UnitKerjaFactory(instansi=ins, kode="U-BAWAH", induk=atas)
    assert bawah.jalur.startswith(atas.jalur)
    hasil = periksa_unit([["U-ATAS", "", "", "U-BAWAH", ""]])
    assert [g.kolom for g in hasil.galat] == ["Kode Unit Induk"]
    assert "sub-unit dari unit ini" in hasil.galat[0].pesan


@pytest.mark.parametrize("jenis", ["instansi", "unitkerja"])
def test_baris_contoh_templat_ditandai(jenis):
    kontrak = {
        "instansi": impor_instansi.KONTRAK_INSTANSI,
        "unitkerja": impor_instansi.KONTRAK_UNIT,
    }
    lembar = baca_lembar(templat_xlsx(jenis), kontrak[jenis].kolom)
    hasil = kontrak[jenis].periksa(lembar, opsi={})
    assert PESAN_BARIS_CONTOH in [g.pesan for g in hasil.galat]


def test_halaman_impor_unit_kerja_pratinjau_lalu_simpan(client, pengguna_peran, instansi_a):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    berkas = io.BytesIO(
        buat_xlsx(HEADER_UNIT, [["U-WEB", "Bidang Web", instansi_a.kode, "", "Bidang"]])
    )
    berkas.name = "unit.xlsx"
    with TestCase.captureOnCommitCallbacks(execute=True):
        resp = client.post(reverse("pegawai:impor_unitkerja"), {"berkas": berkas})
    impor = ImporRegister.objects.get()
    assert resp["Location"] == impor.get_absolute_url()
    teks = client.get(impor.get_absolute_url()).content.decode()
    assert "Bidang Web" in teks and 'data-testid="form-simpan"' in teks
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post(reverse("pegawai:impor_simpan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == StatusImpor.BERHASIL
    assert UnitKerja.objects.get(kode="U-WEB").instansi == instansi_a
    # the list shows the import button to BKPSDM
    assert (
        reverse("pegawai:impor_unitkerja")
        in client.get(reverse("instansi:unitkerja_list")).content.decode()
    )


@pytest.mark.parametrize("url", ["pegawai:impor_instansi", "pegawai:impor_unitkerja"])
def test_operator_opd_tidak_boleh_mengimpor_instansi_atau_unit(client, pengguna_peran, url):
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
    assert client.get(reverse(url)).status_code == 403
