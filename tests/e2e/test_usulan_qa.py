"""Browser regressions of the proposal pages found in the QA pass."""

from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory


def test_pemilih_pegawai_setelah_sesi_berakhir_membuka_halaman_masuk(
    page, masuk, pengguna_demo, instansi_demo
):
    jabatan = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_demo["DINKES"]))
    PegawaiFactory(jabatan=jabatan, nama="Sari Uji Sesi")
    masuk("operator_dinkes")
    page.goto("/mutasi/tambah/")
    page.context.clear_cookies()
    page.get_by_test_id("cari-pegawai").fill("Sari")
    page.wait_for_url("**/masuk/?next=/mutasi/tambah/")
