"""Browser: BKPSDM imports pegawai from .xlsx — upload, preview with errors, Simpan, result."""

from playwright.sync_api import expect

from pegawai.models import Pegawai
from tests.fixtures.factories import JabatanFactory, UnitKerjaFactory
from tests.pegawai.test_impor_xlsx import buat_xlsx

HEADER = ["NIP", "Status", "Nama Lengkap", "Gol", "Pendidikan Terakhir", "Kode Jabatan"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _jabatan(instansi_demo):
    unit = UnitKerjaFactory(instansi=instansi_demo["DINKES"], kode="U-E2E")
    return JabatanFactory(kode="JAB-E2E", nama="Pranata Komputer", unit_kerja=unit)


def _unggah(page, data, nama="pegawai.xlsx"):
    page.locator("input[type=file]").set_input_files(
        {"name": nama, "mimeType": XLSX, "buffer": data}
    )
    page.get_by_role("button", name="Periksa berkas").click()


def test_bkpsdm_mengimpor_pegawai_dari_daftar_sampai_berhasil(
    page, masuk, pengguna_demo, instansi_demo
):
    _jabatan(instansi_demo)
    masuk("bkpsdm")
    page.goto("/pegawai/")
    page.get_by_test_id("tombol-impor").click()
    page.wait_for_url("**/pegawai/impor/pegawai/")
    expect(page.get_by_test_id("unduh-templat")).to_be_visible()

    # A file with a bad row: the preview lists it and offers no Simpan.
    _unggah(
        page,
        buat_xlsx(
            HEADER,
            [
                ["19900102 201503 2 004", "PNS", "Rina Sitorus", "III-b", "S-1", "JAB-E2E"],
                ["19900102 201503 2 005", "PNS", "Salah Kode", "III/a", "S1", "TIDAK-ADA"],
            ],
        ),
    )
    page.wait_for_url("**/pegawai/impor/*/")
    expect(page.get_by_test_id("jumlah-galat")).to_have_text("1")
    baris = page.get_by_test_id("tabel-galat").locator("tbody tr")
    expect(baris).to_have_count(1)
    expect(baris.first).to_contain_text("3")
    expect(baris.first).to_contain_text("TIDAK-ADA")
    expect(page.get_by_test_id("form-simpan")).to_have_count(0)
    assert not Pegawai.objects.exists()

    # The corrected file: preview, then Simpan, then the result.
    page.get_by_role("link", name="Unggah berkas lain").click()
    _unggah(
        page,
        buat_xlsx(
            HEADER, [["19900102 201503 2 004", "PNS", "Rina Sitorus", "III-b", "S-1", "JAB-E2E"]]
        ),
    )
    page.wait_for_url("**/pegawai/impor/*/")
    expect(page.get_by_test_id("jumlah-baru")).to_have_text("1")
    expect(page.get_by_test_id("tabel-contoh")).to_contain_text("Rina Sitorus")
    page.get_by_test_id("form-simpan").get_by_role("button", name="Simpan").click()
    expect(page.get_by_test_id("impor-berhasil")).to_be_visible()
    expect(page.get_by_test_id("status-impor")).to_have_text("Berhasil")
    p = Pegawai.objects.get()
    assert p.nama == "Rina Sitorus" and p.jabatan.kode == "JAB-E2E"


def test_berkas_rusak_diberi_pesan_di_halaman_unggah(page, masuk, pengguna_demo):
    masuk("bkpsdm")
    page.goto("/pegawai/impor/pegawai/")
    _unggah(page, b"ini bukan excel", "daftar.xlsx")
    expect(page.locator("form[data-testid=form-unggah]")).to_contain_text("bukan .xlsx")


def test_operator_opd_tidak_melihat_impor(page, masuk, pengguna_demo):
    masuk("operator_dinkes")
    page.goto("/pegawai/")
    expect(page.get_by_test_id("tombol-impor")).to_have_count(0)
    resp = page.goto("/pegawai/impor/pegawai/")
    assert resp.status == 403
