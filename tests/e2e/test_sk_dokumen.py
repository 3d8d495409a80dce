"""The decree as a document in a real browser: BKPSDM drafts a Keputusan Wali Kota from an
approved proposal (the number comes from the register), issues it, downloads the DOCX and the
PDF (made in the background), uploads the signed scan; the verification page, opened by someone
not signed in, shows it signed and nothing personal."""

import io
import re
import shutil

import docx
import pytest

from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
)
from usulan_mutasi.choices import JenisBerkasSK, StatusUsulan
from usulan_mutasi.dokumen import tanda_verifikasi
from usulan_mutasi.models import SuratKeputusan

PDF_TTD = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.mark.skipif(shutil.which("soffice") is None, reason="soffice tidak terpasang")
def test_bkpsdm_membuat_sk_mengunduh_docx_pdf_dan_mengunggah_pindaian(
    page, masuk, pengguna_demo, instansi_demo, tmp_path, settings
):
    asal = JabatanFactory(
        nama="Perawat Terampil",
        unit_kerja=UnitKerjaFactory(instansi=instansi_demo["DINKES"], nama="UPTD Puskesmas Rami"),
    )
    tujuan = JabatanFactory(
        nama="Pengadministrasi Sekolah",
        unit_kerja=UnitKerjaFactory(instansi=instansi_demo["DISDIK"], nama="SD Negeri 122350"),
    )
    pegawai = PegawaiFactory(
        nip="198609262015052001",
        gelar_depan="",
        nama="Maria Siregar",
        gelar_belakang="S.Kep.",
        jabatan=asal,
    )
    UsulanMutasiFactory(pegawai=pegawai, jabatan_tujuan=tujuan, status=StatusUsulan.DISETUJUI)

    masuk("bkpsdm")
    page.goto("/mutasi/sk/tambah/")
    assert "800.1.3.3/1/BKPSDM/" in page.get_by_test_id("nomor-berikut").inner_text()
    page.locator("input[name=usulan]").first.check()
    page.get_by_label("Nama penandatangan").fill("Wali Kota Pematangsiantar")
    page.get_by_role("button", name="Susun draf SK").click()
    page.wait_for_url(re.compile(r"/mutasi/sk/\d+/$"))
    sk = SuratKeputusan.objects.get()
    assert sk.nomor.startswith("800.1.3.3/1/BKPSDM/")

    # The DOCX of the whole decree.
    with page.expect_download() as unduhan:
        page.get_by_test_id("unduh-docx").click()
    isi = tmp_path / "sk.docx"
    unduhan.value.save_as(isi)
    teks = "\n".join(
        c.text
        for t in docx.Document(io.BytesIO(isi.read_bytes())).tables
        for r in t.rows
        for c in r.cells
    )
    assert "198609262015052001"[:8] in teks and "Maria Siregar, S.Kep." in teks

    # Issue it (the confirm dialog is accepted), then the PDF in the background.
    page.on("dialog", lambda d: d.accept())
    page.get_by_test_id("tombol-tetapkan").click()
    page.wait_for_load_state()
    # Test settings run the Celery task eagerly after commit: the page returns when it is done.
    with page.expect_navigation(timeout=180_000):
        page.get_by_test_id("tombol-buat-pdf").click(no_wait_after=True)
    page.get_by_test_id("unduh-pdf").wait_for(timeout=120_000)
    with page.expect_download() as unduhan:
        page.get_by_test_id("unduh-pdf").click()
    pdf = tmp_path / "sk.pdf"
    unduhan.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF-")

    # The signed scan.
    assert "Belum ditandatangani" in page.get_by_test_id("status-ttd").inner_text()
    ttd = tmp_path / "ttd.pdf"
    ttd.write_bytes(PDF_TTD)
    page.get_by_label(re.compile("Unggah pindaian SK")).set_input_files(str(ttd))
    page.get_by_role("button", name="Unggah pindaian", exact=True).click()
    page.wait_for_load_state()
    assert "Ditandatangani" in page.get_by_test_id("status-ttd").inner_text()

    # Anyone holding the paper checks it, signed in or not.
    url = tanda_verifikasi(jenis=JenisBerkasSK.SK, sk=sk).get_absolute_url()
    anonim = page.context.browser.new_context(base_url=page.url.split("/mutasi")[0])
    halaman = anonim.new_page()
    halaman.goto(url)
    assert sk.nomor in halaman.get_by_test_id("verifikasi-nomor").inner_text()
    assert "Ditandatangani" in halaman.get_by_test_id("verifikasi-ttd").inner_text()
    assert "1 orang" in halaman.get_by_test_id("verifikasi-jumlah").inner_text()
    isi_halaman = halaman.content()
    assert "Maria Siregar" not in isi_halaman and "198609262015052001" not in isi_halaman
    anonim.close()
