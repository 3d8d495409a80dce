"""Browser: a new ABK period is a draft that changes nothing until BKPSDM makes it berlaku."""

from decimal import Decimal

import pytest
from playwright.sync_api import expect

from analisis_beban import services
from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK, UraianTugas
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory


@pytest.fixture
def abk_2026(pengguna_demo, instansi_demo):
    """Dinkes: Perawat Terampil with 4 holders and a need of 1 (2,500 × 30 min)."""
    puskesmas = UnitKerjaFactory(instansi=instansi_demo["DINKES"], nama="Puskesmas Kota")
    perawat = JabatanFactory(unit_kerja=puskesmas, nama="Perawat Terampil")
    for _ in range(4):
        PegawaiFactory(jabatan=perawat)
    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    UraianTugas.objects.create(
        periode=periode,
        jabatan=perawat,
        uraian="Melakukan asuhan keperawatan",
        hasil_kerja="Asuhan",
        satuan="kegiatan",
        volume=Decimal(2500),
        norma_waktu_menit=Decimal(30),
    )
    services.abk_hitung(periode=periode)
    return {"perawat": perawat}


def test_periode_2027_tidak_mengubah_dasbor_sampai_ditetapkan_berlaku(page, masuk, abk_2026):
    masuk("bkpsdm")
    dasbor = page.get_by_test_id("dasbor-abk")
    assert dasbor.get_attribute("data-periode") == "2026"
    assert page.get_by_test_id("kebutuhan").inner_text() == "1"
    assert page.get_by_test_id("lebih").inner_text() == "3"

    # BKPSDM opens 2027 from the period list.
    page.goto("/abk/periode/")
    page.get_by_role("link", name="Tambah periode").click()
    page.locator("#id_tahun").fill("2027")
    page.get_by_role("button", name="Simpan").click()
    page.wait_for_url("**/abk/periode/2027/")
    assert page.get_by_test_id("status-periode").get_by_test_id("label-periode").inner_text() == (
        "Draf · penyusunan"
    )

    # The dashboard still reads 2026: no "kebutuhan 0, surplus 4" from the empty draft.
    page.goto("/")
    assert page.get_by_test_id("dasbor-abk").get_attribute("data-periode") == "2026"
    assert page.get_by_test_id("kebutuhan").inner_text() == "1"
    assert page.get_by_test_id("lebih").inner_text() == "3"
    assert page.get_by_test_id("periode-bukan-berlaku").count() == 0

    # Making an empty draft berlaku is refused on the confirmation page, which says why.
    page.goto("/abk/periode/2027/")
    page.get_by_test_id("tombol-tetapkan").click()
    assert "belum memiliki uraian tugas" in page.get_by_test_id("tidak-siap").inner_text()
    assert page.get_by_test_id("konfirmasi-tetapkan-kirim").count() == 0

    # The 2027 tasks arrive (the draft's own figures: need 4 for the 4 nurses), then computed.
    UraianTugas.objects.create(
        periode=PeriodeABK.objects.get(tahun=2027),
        jabatan=abk_2026["perawat"],
        uraian="Melakukan asuhan keperawatan",
        hasil_kerja="Asuhan",
        satuan="kegiatan",
        volume=Decimal(10000),
        norma_waktu_menit=Decimal(30),
    )
    page.goto("/abk/periode/2027/")
    page.get_by_test_id("tombol-hitung").click()
    baris = page.get_by_test_id("tabel-perhitungan").locator("tbody tr").first
    expect(baris).to_contain_text("Hitung ulang diminta dari halaman periode", timeout=30000)
    expect(baris).to_contain_text("Selesai")

    # Its figures are visible as a draft, labelled, beside the dashboard of 2026.
    page.goto("/?periode=2027")
    assert page.get_by_test_id("dasbor-abk").get_attribute("data-status-periode") == "penyusunan"
    assert "Draf" in page.get_by_test_id("periode-bukan-berlaku").inner_text()
    assert page.get_by_test_id("kebutuhan").inner_text() == "4"
    page.get_by_test_id("tautan-banding").click()
    kebutuhan = page.get_by_test_id("banding-kota").get_by_test_id("banding-kebutuhan")
    assert kebutuhan.locator("td").all_inner_texts() == ["4", "1", "+3"]
    page.goto("/")
    assert page.get_by_test_id("kebutuhan").inner_text() == "1"

    # BKPSDM makes 2027 berlaku after reading what changes.
    page.goto("/abk/periode/2027/")
    page.get_by_test_id("tombol-tetapkan").click()
    konfirmasi = page.get_by_test_id("konfirmasi-tetapkan")
    assert "ABK 2026 menjadi arsip" in konfirmasi.inner_text()
    page.get_by_test_id("konfirmasi-tetapkan-kirim").click()
    page.wait_for_url("**/abk/periode/2027/")
    assert "ABK 2027 sekarang berlaku" in page.content()

    page.goto("/")
    assert page.get_by_test_id("dasbor-abk").get_attribute("data-periode") == "2027"
    assert page.get_by_test_id("kebutuhan").inner_text() == "4"
    assert page.get_by_test_id("lebih").inner_text() == "0"
    page.goto("/abk/periode/")
    tabel = page.get_by_test_id("tabel-periode")
    baris_2026 = tabel.locator("tr", has=page.get_by_role("link", name="2026", exact=True))
    assert baris_2026.get_by_test_id("label-periode").inner_text() == "Arsip"
