"""Import of jabatan from .xlsx: each row references its unit kerja by the unit's kode."""

import pytest
from django.core.management import CommandError, call_command
from django.urls import reverse

from instansi.choices import Golongan, JenisJabatan, Jenjang, Pendidikan
from instansi.models import Jabatan
from mutasi_asn.akun.roles import Peran
from mutasi_asn.impor_xlsx import baca_lembar
from pegawai import impor_jabatan
from pegawai.choices import StatusImpor
from pegawai.models import ImporRegister
from tests.fixtures.factories import JabatanFactory, UnitKerjaFactory
from tests.pegawai.test_impor import unggah
from tests.pegawai.test_impor_xlsx import buat_xlsx

HEADER = [
    "Kode Jabatan",
    "Nama Jabatan",
    "Kode Unit Kerja",
    "Jenis Jabatan",
    "Jenjang",
    "Eselon",
    "Kelas Jabatan",
    "Pendidikan Minimal",
    "Gol Min",
    "Gol Maks",
]


@pytest.fixture
def unit(db, instansi_a):
    return UnitKerjaFactory(instansi=instansi_a, kode="U-1", nama="Bidang Mutasi")


def periksa(header, baris):
    return impor_jabatan.periksa(baca_lembar(buat_xlsx(header, baris), impor_jabatan.KOLOM))


def simpan(tmp_path, header, baris, *args):
    path = tmp_path / "jabatan.xlsx"
    path.write_bytes(buat_xlsx(header, baris))
    call_command("impor_jabatan", str(path), *args)


def test_jabatan_baru_dibuat_di_unit_menurut_kodenya(tmp_path, unit, capsys):
    simpan(
        tmp_path,
        HEADER,
        [
            [
                "J-1",
                "Analis Kepegawaian",
                "U-1",
                "Fungsional",
                "Ahli Muda",
                "",
                9,
                "S-1",
                "III/c",
                "III-d",
            ],
            ["J-2", "Kepala Bidang Mutasi", "U-1", "Administrator", "", "III.b", 11, "S1", "", ""],
            ["J-3", "Pengadministrasi Umum", "U-1", "JFU", "", "", "5", "SMA", "", ""],
        ],
    )
    assert "3 baru" in capsys.readouterr().out
    j1 = Jabatan.objects.get(kode="J-1")
    assert j1.unit_kerja == unit and j1.jenis == JenisJabatan.FUNGSIONAL
    assert j1.jenjang == Jenjang.AHLI_MUDA and j1.kelas_jabatan == 9
    assert (j1.golongan_minimal, j1.golongan_maksimal) == (Golongan.III_C, Golongan.III_D)
    assert j1.pendidikan_minimal == Pendidikan.S1 and j1.aktif
    assert Jabatan.objects.get(kode="J-2").eselon == "III.b"
    assert Jabatan.objects.get(kode="J-3").jenis == JenisJabatan.PELAKSANA
    assert j1.history.count() == 1


def test_kode_yang_ada_memperbarui_jabatan(tmp_path, unit):
    lama = JabatanFactory(kode="J-9", nama="Lama", unit_kerja=unit, kelas_jabatan=5)
    simpan(tmp_path, ["Kode", "Jabatan", "Kode Unit", "Kelas"], [["J-9", "Baru", "U-1", 7]])
    lama.refresh_from_db()
    assert (lama.nama, lama.kelas_jabatan) == ("Baru", 7)
    assert Jabatan.objects.count() == 1


def test_setiap_galat_jabatan_dilaporkan_dengan_nomor_baris(unit):
    JabatanFactory(kode="J-LAIN", nama="Sudah Ada", unit_kerja=unit)
    hasil = periksa(
        HEADER,
        [
            ["J-1", "A", "U-TIDAK", "Pelaksana", "", "", 5, "", "", ""],  # 2 unit asing
            ["J-2", "B", "U-1", "Fungsional", "", "", 9, "", "", ""],  # 3 tanpa jenjang
            ["J-3", "C", "U-1", "Pengawas", "", "", 9, "", "", ""],  # 4 tanpa eselon
            ["J-4", "D", "U-1", "Pelaksana", "", "", 20, "", "", ""],  # 5 kelas > 17
            ["J-5", "E", "U-1", "Pelaksana", "", "", 5, "", "IV/a", "III/a"],  # 6 rentang
            ["J-6", "F", "U-1", "Pelaksana", "", "", 5, "", "", ""],  # 7 ganda
            ["J-6", "G", "U-1", "Pelaksana", "", "", 5, "", "", ""],  # 8 ganda
            ["J-7", "Sudah Ada", "U-1", "Pelaksana", "", "", 5, "", "", ""],  # 9 nama terpakai
            ["J-8", "H", "U-1", "Staf", "", "", 5, "", "", ""],  # 10 jenis asing
            ["", "I", "U-1", "Pelaksana", "", "", 5, "", "", ""],  # 11 kode kosong
            ["J-9", "", "U-1", "Pelaksana", "", "", "", "", "", ""],  # 12 nama, kelas kosong
            ["J-10", "K", "U-1", "Pelaksana", "", "", 5, "Kursus", "", ""],  # 13 pendidikan
            ["J-11", "L", "U-1", "Pelaksana", "", "", 5, "", "", ""],  # 14 nama ganda di unit
            ["J-12", "L", "U-1", "Pelaksana", "", "", 5, "", "", ""],  # 15 nama ganda di unit
        ],
    )
    galat = {(g.baris, g.kolom): g.pesan for g in hasil.galat}
    assert "U-TIDAK" in galat[(2, "Kode Unit Kerja")]
    assert "jenjang" in galat[(3, "Jenjang")].lower()
    assert "eselon" in galat[(4, "Eselon")].lower()
    assert (5, "Kelas Jabatan") in galat
    assert "lebih tinggi" in galat[(6, "Golongan Minimal")]
    assert "lebih dari sekali" in galat[(7, "Kode Jabatan")]
    assert "lebih dari sekali" in galat[(8, "Kode Jabatan")]
    assert "J-LAIN" in galat[(9, "Nama Jabatan")]
    assert "Staf" in galat[(10, "Jenis Jabatan")]
    assert "wajib" in galat[(11, "Kode Jabatan")]
    assert "wajib" in galat[(12, "Nama Jabatan")] and "wajib" in galat[(12, "Kelas Jabatan")]
    assert "Kursus" in galat[(13, "Pendidikan Minimal")]
    assert "unit kerja yang sama" in galat[(14, "Nama Jabatan")]
    assert "unit kerja yang sama" in galat[(15, "Nama Jabatan")]
    assert hasil.jumlah_baris_galat == 14 and hasil.jumlah_baru == 0


def test_satu_baris_salah_maka_tidak_ada_jabatan_yang_ditulis(tmp_path, unit):
    with pytest.raises(CommandError, match="tidak ada data yang disimpan"):
        simpan(
            tmp_path,
            HEADER,
            [
                ["J-1", "Baik", "U-1", "Pelaksana", "", "", 5, "", "", ""],
                ["J-2", "Salah", "U-X", "Pelaksana", "", "", 5, "", "", ""],
            ],
        )
    assert not Jabatan.objects.exists()


def test_dry_run_jabatan_keluar_bukan_nol_bila_ada_galat(tmp_path, unit, capsys):
    with pytest.raises(CommandError):
        simpan(
            tmp_path, HEADER, [["J-1", "A", "U-X", "Pelaksana", "", "", 5, "", "", ""]], "--dry-run"
        )
    assert "Baris 2 [Kode Unit Kerja]" in capsys.readouterr().out
    simpan(tmp_path, HEADER, [["J-1", "A", "U-1", "Pelaksana", "", "", 5, "", "", ""]], "--dry-run")
    assert not Jabatan.objects.exists()


def test_halaman_impor_jabatan_untuk_bkpsdm(
    client, pengguna_peran, unit, django_capture_on_commit_callbacks
):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    daftar = client.get(reverse("instansi:jabatan_list")).content.decode()
    assert reverse("pegawai:impor_jabatan") in daftar
    resp = unggah(
        client,
        buat_xlsx(HEADER, [["J-1", "Analis", "U-1", "Pelaksana", "", "", 7, "S1", "", ""]]),
        "jabatan.xlsx",
        "pegawai:impor_jabatan",
    )
    impor = ImporRegister.objects.get()
    assert resp["Location"] == impor.get_absolute_url()
    halaman = client.get(impor.get_absolute_url()).content.decode()
    assert "Pratinjau impor jabatan" in halaman and "Analis" in halaman
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("pegawai:impor_simpan", args=[impor.pk]))
    impor.refresh_from_db()
    assert impor.status == StatusImpor.BERHASIL
    assert Jabatan.objects.get(kode="J-1").unit_kerja == unit


def test_operator_opd_tidak_boleh_mengimpor_jabatan(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
    assert client.get(reverse("pegawai:impor_jabatan")).status_code == 403
    assert client.get(reverse("pegawai:impor_templat", args=["jabatan"])).status_code == 403
    assert (
        'data-testid="tombol-impor"'
        not in client.get(reverse("instansi:jabatan_list")).content.decode()
    )


def test_impor_jabatan_tidak_terlihat_oleh_yang_hanya_boleh_impor_pegawai(
    client, pengguna_peran, unit
):
    from django.contrib.auth.models import Permission

    from pegawai.impor import impor_periksa, impor_unggah
    from tests.fixtures.factories import PenggunaFactory
    from tests.pegawai.test_impor import Unggahan

    data = buat_xlsx(HEADER, [["J-1", "A", "U-1", "Pelaksana", "", "", 5, "", "", ""]])
    pengimpor = PenggunaFactory()
    pengimpor.user_permissions.add(Permission.objects.get(codename="add_jabatan"))
    impor = impor_periksa(
        impor=impor_unggah(jenis="jabatan", berkas=Unggahan(data, "j.xlsx"), actor=pengimpor)
    )
    client.force_login(pengimpor)
    assert client.get(impor.get_absolute_url()).status_code == 200
    lain = PenggunaFactory()
    lain.user_permissions.add(Permission.objects.get(codename="add_pegawai"))
    client.force_login(lain)
    assert client.get(impor.get_absolute_url()).status_code == 404


def test_sinyal_jabatan_berubah_sekali_untuk_seluruh_berkas(tmp_path, unit, instansi_a):
    from instansi.signals import jabatan_berubah

    unit2 = UnitKerjaFactory(instansi=instansi_a, kode="U-2")
    lama = JabatanFactory(kode="J-9", nama="Pindah Unit", unit_kerja=unit)
    diterima = []

    def catat(sender, jabatan_ids, unit_kerja_ids, **kwargs):
        diterima.append((set(jabatan_ids), set(unit_kerja_ids)))

    jabatan_berubah.connect(catat, dispatch_uid="uji-impor-jabatan")
    try:
        simpan(
            tmp_path,
            ["Kode", "Nama Jabatan", "Kode Unit", "Jenis", "Kelas"],
            [["J-1", "Baru", "U-1", "Pelaksana", 5], ["J-9", "Pindah Unit", "U-2", "", ""]],
        )
    finally:
        jabatan_berubah.disconnect(dispatch_uid="uji-impor-jabatan")
    baru = Jabatan.objects.get(kode="J-1")
    assert diterima == [({baru.pk, lama.pk}, {unit.pk, unit2.pk})]


def test_jabatan_di_luar_cakupan_tidak_dapat_diubah(unit, instansi_b, buat_pengguna):
    from django.contrib.auth.models import Permission

    lain = JabatanFactory(kode="J-LUAR", unit_kerja=UnitKerjaFactory(instansi=instansi_b))
    operator = buat_pengguna(Peran.OPERATOR_OPD, instansi=unit.instansi)
    operator.user_permissions.add(Permission.objects.get(codename="add_jabatan"))
    lembar = baca_lembar(
        buat_xlsx(["Kode", "Nama Jabatan", "Kode Unit"], [["J-LUAR", "Diambil", "U-1"]]),
        impor_jabatan.KOLOM,
    )
    hasil = impor_jabatan.periksa(lembar, actor=operator)
    assert [(g.baris, g.kolom) for g in hasil.galat] == [(2, "Kode Jabatan")]
    assert "di luar cakupan" in hasil.galat[0].pesan
    lain.refresh_from_db()
    assert lain.nama != "Diambil"
