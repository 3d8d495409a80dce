"""The register in a real browser: find a pegawai by NIP, read their history, move them."""

import datetime

import pytest

from mutasi_asn.akun.models import Pengguna
from pegawai.services import pegawai_pindah_jabatan
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory


@pytest.fixture
def pegawai_pindah(pengguna_demo, instansi_demo):
    """A nurse moved from one puskesmas to another in 2024: two rows of riwayat jabatan."""
    dinkes = instansi_demo["DINKES"]
    lama = JabatanFactory(
        nama="Perawat Terampil",
        unit_kerja=UnitKerjaFactory(instansi=dinkes, nama="UPTD Puskesmas Kristen"),
    )
    baru = JabatanFactory(
        nama="Perawat Mahir",
        unit_kerja=UnitKerjaFactory(instansi=dinkes, nama="UPTD Puskesmas Rami"),
    )
    JabatanFactory.create_batch(3, unit_kerja=baru.unit_kerja)  # other holders' noise
    pegawai = PegawaiFactory(
        nip="198609262015052001",
        nama="Maria Siregar",
        gelar_belakang="A.Md.Kep.",
        jabatan=lama,
        tmt_jabatan=datetime.date(2015, 5, 1),
    )
    PegawaiFactory(nip="198609262015051002", nama="Martin Saragih", jabatan=lama)
    pegawai_pindah_jabatan(
        pegawai=pegawai,
        jabatan=baru,
        tmt=datetime.date(2024, 3, 1),
        nomor_sk="821/123/BKPSDM/2024",
        actor=Pengguna.objects.get(username="bkpsdm"),
    )
    return pegawai


def test_cari_nip_dengan_spasi_lalu_lihat_riwayat_jabatan(page, masuk, pegawai_pindah):
    masuk("bkpsdm")
    page.goto("/pegawai/")
    page.get_by_label("Cari nama, NIP atau jabatan").fill("19860926 201505 2")
    page.get_by_role("button", name="Terapkan").click()
    page.wait_for_url("**/pegawai/?q=*")
    tabel = page.get_by_test_id("tabel-data")
    assert "1 data" in page.get_by_test_id("jumlah-hasil").inner_text()
    assert "Martin" not in tabel.inner_text()
    assert "19860926 201505 2 001" in tabel.inner_text()  # shown grouped

    tabel.get_by_role("link", name="Maria Siregar, A.Md.Kep.").click()
    page.wait_for_url(f"**/pegawai/{pegawai_pindah.pk}/")
    assert "Perawat Mahir" in page.get_by_test_id("jabatan-saat-ini").inner_text()
    riwayat = page.get_by_test_id("riwayat-jabatan").locator("li")
    assert riwayat.count() == 2
    sekarang, dulu = riwayat.nth(0).inner_text(), riwayat.nth(1).inner_text()
    assert "Perawat Mahir" in sekarang and "01/03/2024" in sekarang and "sekarang" in sekarang
    assert "SK 821/123/BKPSDM/2024" in sekarang
    assert (
        "Perawat Terampil" in dulu and "01/05/2015 – 29/02/2024" in dulu
    )  # ends the day before the new TMT
    assert "UPTD Puskesmas Kristen" in dulu


def test_pindah_jabatan_lewat_pencarian_jabatan_di_form(page, masuk, pegawai_pindah):
    tujuan = JabatanFactory(
        nama="Perawat Penyelia",
        unit_kerja=UnitKerjaFactory(
            instansi=pegawai_pindah.jabatan.unit_kerja.instansi, nama="UPTD Puskesmas Kesatuan"
        ),
    )
    masuk("bkpsdm")
    page.goto(f"/pegawai/{pegawai_pindah.pk}/ubah/")
    pilihan = page.locator("select[name=jabatan]")
    assert pilihan.locator("option").count() == 2  # empty + current, not the whole city
    page.get_by_label("Cari pilihan jabatan").fill("penyelia")
    page.wait_for_function(
        "() => document.querySelectorAll('select[name=jabatan] option').length > 2"
    )
    pilihan.select_option(str(tujuan.pk))
    page.get_by_label("TMT jabatan").fill("2026-01-02")
    page.get_by_label("Nomor SK jabatan").fill("821/9/2026")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url(f"**/pegawai/{pegawai_pindah.pk}/")
    assert "Perawat Penyelia" in page.get_by_test_id("jabatan-saat-ini").inner_text()
    assert page.get_by_test_id("riwayat-jabatan").locator("li").count() == 3
