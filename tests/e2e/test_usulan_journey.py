"""The whole transfer in a real browser, with the demo users.

operator_dinkes proposes moving a Dinas Kesehatan employee to a vacant jabatan in Dinas
Pendidikan (the impact preview shows both sides), BKPSDM verifies, both heads agree, the Tim
Penilai Kinerja considers, the PPK decides, BKPSDM drafts and issues the Keputusan Wali Kota with
TMT today, the profile shows the new jabatan, and the ABK dashboard's numbers move.
"""

import datetime
import re
from decimal import Decimal

import pytest

from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK, UraianTugas
from analisis_beban.services import abk_hitung
from mutasi_asn.akun.models import Pengguna
from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    dokumen_lengkap,
)
from usulan_mutasi.models import UsulanMutasi


def tugas(periode, jabatan, volume, norma):
    UraianTugas.objects.create(
        periode=periode,
        jabatan=jabatan,
        uraian="Mengelola administrasi",
        hasil_kerja="Dokumen",
        satuan="dokumen",
        volume=Decimal(volume),
        norma_waktu_menit=Decimal(norma),
    )


@pytest.fixture
def kota(pengguna_demo, instansi_demo):
    """Origin: 2 holders for a need of 1 (lebih 1). Destination: vacant, need 2 (kurang 2)."""
    asal = JabatanFactory(
        nama="Pengadministrasi Umum",
        unit_kerja=UnitKerjaFactory(instansi=instansi_demo["DINKES"], nama="UPTD Puskesmas Rami"),
    )
    tujuan = JabatanFactory(
        nama="Pengadministrasi Sekolah",
        unit_kerja=UnitKerjaFactory(instansi=instansi_demo["DISDIK"], nama="SD Negeri 122350"),
    )
    pegawai = PegawaiFactory(
        nip="198609262015051001",
        nama="Budi Hutapea",
        jabatan=asal,
        tmt_jabatan=datetime.date(2018, 1, 2),
    )
    PegawaiFactory(nip="198701012015052003", nama="Sondang Tambunan", jabatan=asal)
    periode = PeriodeABK.objects.create(
        tahun=datetime.date.today().year, status=StatusPeriode.BERLAKU
    )
    tugas(periode, asal, 1000, 75)  # 75,000 min = 1 person
    tugas(periode, tujuan, 2000, 75)  # 150,000 min = 2 persons
    abk_hitung(periode=periode)
    return {"asal": asal, "tujuan": tujuan, "pegawai": pegawai}


def angka_dasbor(page, testid) -> int:
    page.goto("/")
    return int(re.sub(r"\D", "", page.get_by_test_id(testid).inner_text()) or 0)


def bezetting_tujuan(page, jabatan) -> str:
    page.goto(f"/abk/hasil/?jabatan={jabatan.pk}")
    baris = page.get_by_test_id("tabel-data").locator("tbody tr")
    assert baris.count() == 1
    # Columns: jabatan, kelas, unit, instansi, beban, kebutuhan, kebutuhan bulat, bezetting, …
    return baris.first.locator("td").nth(7).inner_text().strip()


def test_perjalanan_usulan_dari_operator_sampai_sk_berlaku(page, masuk, kota):
    page.on("dialog", lambda d: d.accept())

    def sebagai(username):
        page.context.clear_cookies()
        masuk(username)

    def setujui(username, tombol, status_berikut):
        sebagai(username)
        page.goto(url_usulan)
        page.get_by_role("button", name=tombol).click()
        page.wait_for_load_state()
        assert status_berikut in page.get_by_test_id("status-label").inner_text(), username

    # The numbers before: the destination is vacant; the city is short 2 and over by 1.
    sebagai("bkpsdm")
    assert bezetting_tujuan(page, kota["tujuan"]) == "0"
    kurang_sebelum = angka_dasbor(page, "kurang")
    lebih_sebelum = angka_dasbor(page, "lebih")

    # 1. The operator of Dinas Kesehatan proposes.
    sebagai("operator_dinkes")
    page.goto("/mutasi/tambah/")
    page.get_by_label("Cari pilihan pegawai").fill("19860926 2015")
    page.wait_for_function(
        "() => document.querySelectorAll('select[name=pegawai] option').length > 1"
    )
    page.locator("select[name=pegawai]").select_option(str(kota["pegawai"].pk))
    page.locator("select[name=jenis]").select_option("antar_opd")
    page.get_by_label("Cari pilihan jabatan_tujuan").fill("Pengadministrasi Sekolah")
    page.wait_for_function(
        "() => document.querySelectorAll('select[name=jabatan_tujuan] option').length > 1"
    )
    page.locator("select[name=jabatan_tujuan]").select_option(str(kota["tujuan"].pk))
    # The impact preview follows the chosen destination (htmx).
    pratinjau = page.locator("#pratinjau-dampak")
    pratinjau.get_by_test_id("dampak-tujuan").wait_for()
    assert (
        pratinjau.get_by_test_id("dampak-tujuan").get_by_test_id("bezetting-sesudah").inner_text()
        == "1"
    )
    assert (
        pratinjau.get_by_test_id("dampak-asal").get_by_test_id("bezetting-sesudah").inner_text()
        == "1"
    )
    page.locator("select[name=alasan]").select_option("pemerataan")
    page.get_by_label("Justifikasi", exact=True).fill(
        "SD Negeri 122350 tidak memiliki tenaga administrasi; Puskesmas Rami kelebihan satu."
    )
    page.get_by_role("button", name="Simpan dan ajukan").click()
    page.wait_for_url(re.compile(r"/mutasi/\d+/$"))
    url_usulan = page.url
    assert "Verifikasi BKPSDM" in page.get_by_test_id("status-label").inner_text()
    # Its mandatory documents are in and accepted (test_usulan_dokumen.py walks that part).
    dokumen_lengkap(
        UsulanMutasi.objects.get(pk=int(url_usulan.rstrip("/").rsplit("/", 1)[1])),
        Pengguna.objects.get(username="bkpsdm"),
    )
    assert "Staf BKPSDM" in page.get_by_test_id("pelaku").inner_text()

    # 2. BKPSDM sees it waiting (badge), verifies.
    sebagai("bkpsdm")
    assert page.get_by_test_id("lencana-menunggu").inner_text().strip() == "1"
    page.goto("/mutasi/menunggu/")
    page.get_by_test_id("tabel-menunggu").get_by_role("link").first.click()
    page.wait_for_url(url_usulan)
    page.get_by_role("button", name="Verifikasi (lanjutkan)").click()
    page.wait_for_load_state()
    assert "Persetujuan kepala OPD asal" in page.get_by_test_id("status-label").inner_text()

    # 3. Both heads, the panel, the PPK.
    setujui("kepala_dinkes", "Setuju melepas", "Persetujuan kepala OPD tujuan")
    setujui("kepala_disdik", "Setuju menerima", "Pertimbangan Tim Penilai Kinerja")
    setujui("tim_penilai", "Pertimbangkan (setuju)", "Keputusan PPK")
    setujui("ppk", "Putuskan: setujui", "Disetujui")

    # 4. BKPSDM drafts the Keputusan Wali Kota with TMT today and issues it.
    sebagai("bkpsdm")
    page.goto(url_usulan)
    page.get_by_role("link", name="Masukkan ke SK").click()
    page.wait_for_url("**/mutasi/sk/tambah/**")
    assert page.locator("input[name=usulan]").first.is_checked()
    # The number comes from the register: the next one is proposed.
    assert "800.1.3.3/1/BKPSDM/" in page.get_by_test_id("nomor-berikut").inner_text()
    page.get_by_label("Nama penandatangan").fill("dr. Susanti Dewayani, Sp.A.")
    page.get_by_role("button", name="Susun draf SK").click()
    page.wait_for_url(re.compile(r"/mutasi/sk/\d+/$"))
    assert "KEPUTUSAN WALI KOTA PEMATANGSIANTAR" in page.content()
    lampiran = page.get_by_test_id("lampiran-sk").inner_text()
    assert "Budi Hutapea" in lampiran and "Pengadministrasi Umum" in lampiran
    assert "Pengadministrasi Sekolah" in lampiran
    page.get_by_test_id("tombol-tetapkan").click()
    page.wait_for_load_state()
    assert "Berlaku" in page.get_by_test_id("status-sk").inner_text()

    # 5. The profile shows the new position; the proposal is done.
    page.goto(f"/pegawai/{kota['pegawai'].pk}/")
    assert "Pengadministrasi Sekolah" in page.get_by_test_id("jabatan-saat-ini").inner_text()
    assert "Berlaku" in page.get_by_test_id("usulan-pegawai").inner_text()

    # 6. The ABK (recomputed after the move) and the dashboard moved.
    assert bezetting_tujuan(page, kota["tujuan"]) == "1"
    assert angka_dasbor(page, "kurang") == kurang_sebelum - 1
    assert angka_dasbor(page, "lebih") == lebih_sebelum - 1
