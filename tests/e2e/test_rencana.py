"""The rebalancing plan in a real browser: BKPSDM builds a plan, ticks three moves, creates draft
proposals and finds them in the inbox of the first step (its own drafts)."""

import datetime

import pytest

from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK
from analisis_beban.services import abk_hitung
from tests.e2e.test_usulan_journey import tugas
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory


@pytest.fixture
def kota(pengguna_demo, instansi_demo):
    """Origin in Dinkes: need 1, four holders (lebih 3). Destination in Disdik: need 4, one holder."""
    asal = JabatanFactory(
        nama="Pengadministrasi Perkantoran",
        unit_kerja=UnitKerjaFactory(instansi=instansi_demo["DINKES"], nama="UPTD Puskesmas Rami"),
    )
    tujuan = JabatanFactory(
        nama="Pengadministrasi Sekolah",
        unit_kerja=UnitKerjaFactory(instansi=instansi_demo["DISDIK"], nama="SD Negeri 122350"),
    )
    nama = ["Budi Hutapea", "Sondang Tambunan, S.E.", "Rina Sitorus", "Dedi Simanjuntak"]
    for i, n in enumerate(nama):
        PegawaiFactory(nama=n, jabatan=asal, tmt_jabatan=datetime.date(2012 + i, 1, 2))
    PegawaiFactory(nama="Maria Siregar", jabatan=tujuan)
    periode = PeriodeABK.objects.create(
        tahun=datetime.date.today().year, status=StatusPeriode.BERLAKU
    )
    tugas(periode, asal, 1000, 75)  # 1 person
    tugas(periode, tujuan, 4000, 75)  # 4 persons
    abk_hitung(periode=periode)
    return {"asal": asal, "tujuan": tujuan}


def test_rencana_tiga_langkah_menjadi_usulan_di_kotak_masuk(page, masuk, kota):
    masuk("bkpsdm")
    page.goto("/mutasi/rencana/tambah/")
    page.get_by_label("Judul").fill("Pemerataan uji peramban")
    with page.expect_navigation():
        page.get_by_role("button", name="Susun rencana").click()
    # Computed after the commit (eagerly here); the page polls its progress until it is done.
    page.get_by_test_id("tabel-langkah").wait_for()
    assert page.get_by_test_id("langkah").count() == 3
    assert page.get_by_test_id("total-kurang-sesudah").inner_text().strip() == "0"
    page.wait_for_function("() => document.getElementById('grafik-rencana').dataset.siap === '1'")
    kotak = page.locator("input[name=langkah]")
    for i in range(3):
        kotak.nth(i).check()
    with page.expect_navigation():
        page.get_by_test_id("tombol-buat-usulan").click()
    assert "3 usulan draf dibuat" in page.content()
    nomor = [
        page.get_by_test_id("langkah").nth(i).locator("td").first.inner_text().strip()
        for i in range(3)
    ]
    assert all(n.startswith("UM/") for n in nomor)
    page.goto("/mutasi/menunggu/")
    tabel = page.get_by_test_id("tabel-menunggu").inner_text()
    for n in nomor:
        assert n in tabel
    assert "Pengadministrasi Sekolah" in tabel
