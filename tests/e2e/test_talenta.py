"""The talent pool in a real browser: BKPSDM opens the 9-box grid, picks box 9, opens the
employee's profile, comes back, and "Usulkan mutasi" on a suggested position opens the proposal
form with the employee and the destination already chosen."""

import datetime
from decimal import Decimal

import pytest

from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK, UraianTugas
from analisis_beban.services import abk_hitung
from instansi.choices import Pendidikan
from instansi.models_kompetensi import Kompetensi
from tests.fixtures.factories import (
    HasilAsesmenFactory,
    JabatanFactory,
    PegawaiFactory,
    SKPTahunanFactory,
    UnitKerjaFactory,
)


def tugas(periode, jabatan, volume, norma):
    UraianTugas.objects.create(
        periode=periode,
        jabatan=jabatan,
        uraian="Melaksanakan asuhan keperawatan",
        hasil_kerja="Tindakan",
        satuan="tindakan",
        volume=Decimal(volume),
        norma_waktu_menit=Decimal(norma),
    )


@pytest.fixture
def kota(pengguna_demo, instansi_demo):
    puskesmas = UnitKerjaFactory(instansi=instansi_demo["DINKES"], nama="UPTD Puskesmas Rami")
    perawat = JabatanFactory(
        nama="Perawat Terampil",
        unit_kerja=puskesmas,
        kelas_jabatan=6,
        pendidikan_minimal=Pendidikan.D3,
    )
    penyelia = JabatanFactory(
        nama="Perawat Penyelia",
        unit_kerja=puskesmas,
        kelas_jabatan=8,
        pendidikan_minimal=Pendidikan.D3,
    )
    rina = PegawaiFactory(
        nip="198503122010012001",
        nama="Rina Saragih",
        gelar_belakang="A.Md.Kep.",
        jabatan=perawat,
        pendidikan=Pendidikan.D3,
        tmt_jabatan=datetime.date(2018, 1, 2),
    )
    for tahun in (2024, 2025):
        SKPTahunanFactory(
            pegawai=rina, tahun=tahun, hasil_kerja="di_atas", perilaku_kerja="di_atas"
        )
    for kode in ("M.01", "M.02", "M.03", "M.05"):
        HasilAsesmenFactory(pegawai=rina, kompetensi=Kompetensi.objects.get(kode=kode), level=4)
    PegawaiFactory(nip="198701012015052003", nama="Sondang Tambunan", jabatan=perawat)
    periode = PeriodeABK.objects.create(
        tahun=datetime.date.today().year, status=StatusPeriode.BERLAKU
    )
    tugas(periode, perawat, 1000, 75)  # need 1, two holders
    tugas(periode, penyelia, 2000, 75)  # need 2, vacant: short of 2
    abk_hitung(periode=periode)
    return {"rina": rina, "penyelia": penyelia}


def test_grid_kotak_pegawai_lalu_usulkan_mutasi_mengisi_formulir(page, masuk, kota):
    masuk("bkpsdm")
    page.goto("/abk/talenta/")
    grid = page.get_by_test_id("grid-talenta")
    assert "1" in page.get_by_test_id("kotak-9").inner_text()
    grid.get_by_test_id("kotak-9").click()
    orang = page.get_by_test_id("orang")
    assert "Rina Saragih" in orang.inner_text()
    saran = orang.get_by_test_id("saran")
    assert "Perawat Penyelia" in saran.inner_text()
    assert "kekurangan 2 pegawai" in saran.inner_text()
    # The employee's profile, and back.
    orang.get_by_test_id("tautan-pegawai").click()
    page.wait_for_url(f"**/pegawai/{kota['rina'].pk}/")
    assert "Kotak 9" in page.get_by_test_id("kotak-talenta").inner_text()
    page.go_back()
    page.get_by_test_id("orang").get_by_test_id("usulkan-mutasi").click()
    page.wait_for_url("**/mutasi/**")
    assert page.locator("select[name=pegawai]").input_value() == str(kota["rina"].pk)
    assert page.locator("select[name=jabatan_tujuan]").input_value() == str(kota["penyelia"].pk)
    assert "Perawat Penyelia" in page.locator("select[name=jabatan_tujuan]").inner_text()
