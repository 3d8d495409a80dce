"""Issue #8 in a real browser: a proposal whose impact preview counts another one already in
flight to the same position; BKPSDM's verification refused while a mandatory document is missing,
then the documents uploaded (several files at once), "Semua sesuai", and the verification passes."""

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
    UsulanMutasiFactory,
)
from usulan_mutasi.choices import DipenuhiSistem, StatusUsulan
from usulan_mutasi.models import JenisDokumen

PDF = b"%PDF-1.4\n%uji\n"


@pytest.fixture
def kota(pengguna_demo, instansi_demo):
    """Origin in Dinas Kesehatan (2 holders, need 1); destination in Dinas Pendidikan, vacant,
    need 2. One checklist item to upload, one held by the system."""
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
    for jabatan, volume in ((asal, 1000), (tujuan, 2000)):
        UraianTugas.objects.create(
            periode=periode,
            jabatan=jabatan,
            uraian="Mengelola administrasi",
            hasil_kerja="Dokumen",
            satuan="dokumen",
            volume=Decimal(volume),
            norma_waktu_menit=Decimal(75),
        )
    abk_hitung(periode=periode)
    JenisDokumen.objects.update(aktif=False)
    JenisDokumen.objects.update_or_create(
        kode="sk-pangkat",
        defaults={"nama": "SK pangkat terakhir", "wajib": True, "aktif": True, "urutan": 10},
    )
    JenisDokumen.objects.update_or_create(
        kode="persetujuan-melepas",
        defaults={
            "nama": "Surat persetujuan melepas dari kepala OPD asal",
            "wajib": True,
            "aktif": True,
            "urutan": 20,
            "dipenuhi_sistem": DipenuhiSistem.PERSETUJUAN_ASAL,
        },
    )
    return {"asal": asal, "tujuan": tujuan, "pegawai": pegawai}


def test_pratinjau_menghitung_usulan_lain_yang_sedang_diproses(page, masuk, kota):
    # Another employee is already on the way to the same vacant position.
    UsulanMutasiFactory(
        pegawai=PegawaiFactory(nip="199001012015051002", nama="Rudi Sinaga"),
        jabatan_tujuan=kota["tujuan"],
        status=StatusUsulan.PERTIMBANGAN_TIM,
        diusulkan_oleh=Pengguna.objects.get(username="bkpsdm"),
    )
    masuk("operator_dinkes")
    page.goto("/mutasi/tambah/")
    page.get_by_label("Cari pilihan pegawai").fill("19860926 2015")
    page.wait_for_function(
        "() => document.querySelectorAll('select[name=pegawai] option').length > 1"
    )
    page.locator("select[name=pegawai]").select_option(str(kota["pegawai"].pk))
    # The external steps' fields show only for a transfer out of or into the city.
    page.locator("select[name=jenis]").select_option("keluar")
    assert page.get_by_label("Nomor Pertek BKN").is_visible()
    page.locator("select[name=jenis]").select_option("antar_opd")
    assert not page.get_by_label("Nomor Pertek BKN").is_visible()
    page.get_by_label("Cari pilihan jabatan_tujuan").fill("Pengadministrasi Sekolah")
    page.wait_for_function(
        "() => document.querySelectorAll('select[name=jabatan_tujuan] option').length > 1"
    )
    page.locator("select[name=jabatan_tujuan]").select_option(str(kota["tujuan"].pk))
    pratinjau = page.locator("#pratinjau-dampak")
    pratinjau.get_by_test_id("dampak-tujuan-lain").wait_for()
    assert (
        pratinjau.get_by_test_id("dampak-tujuan").get_by_test_id("bezetting-sesudah").inner_text()
        == "2"
    )
    assert (
        "1 usulan lain sedang diproses ke jabatan ini; bila semuanya berlaku: 0 → 2"
        in pratinjau.get_by_test_id("dampak-tujuan-lain").inner_text()
    )


def test_verifikasi_ditolak_tanpa_dokumen_wajib_lalu_semua_sesuai(page, masuk, kota, tmp_path):
    usulan = UsulanMutasiFactory(
        pegawai=kota["pegawai"],
        jabatan_tujuan=kota["tujuan"],
        status=StatusUsulan.DIAJUKAN,
        diusulkan_oleh=Pengguna.objects.get(username="operator_dinkes"),
        instansi_pengusul=kota["asal"].unit_kerja.instansi,
    )
    url = f"/mutasi/{usulan.pk}/"

    def sebagai(username):
        page.context.clear_cookies()
        masuk(username)
        page.goto(url)

    # BKPSDM tries to verify: refused, with the missing document named.
    sebagai("bkpsdm")
    assert "SK pangkat terakhir (belum diunggah)" in (
        page.get_by_test_id("dokumen-belum-sesuai").inner_text()
    )
    assert "dipenuhi oleh sistem" in page.get_by_test_id("dipenuhi-sistem").inner_text()
    page.get_by_role("button", name="Verifikasi (lanjutkan)").click()
    page.wait_for_load_state()
    pesan = page.locator(".alert-danger, .alert-error").all_inner_texts()
    assert any("SK pangkat terakhir (belum diunggah)" in p for p in pesan), pesan
    assert "Verifikasi BKPSDM" in page.get_by_test_id("status-label").inner_text()

    # The operator uploads two scans at once: one timeline item.
    sebagai("operator_dinkes")
    berkas = []
    for nama in ("sk-pangkat-hal-1.pdf", "sk-pangkat-hal-2.pdf"):
        (tmp_path / nama).write_bytes(PDF)
        berkas.append(str(tmp_path / nama))
    form = page.get_by_test_id("form-unggah")
    form.locator("select[name=jenis_dokumen]").select_option(label="SK pangkat terakhir")
    form.locator("input[name=berkas]").set_input_files(berkas)
    form.get_by_role("button", name="Unggah").click()
    page.wait_for_load_state()
    assert "2 dokumen diunggah." in page.content()
    assert "sk-pangkat-hal-2.pdf" in page.get_by_test_id("linimasa").inner_text()

    # BKPSDM: "Semua sesuai", then the verification goes through.
    sebagai("bkpsdm")
    page.get_by_test_id("form-semua-sesuai").get_by_role("button", name="Semua sesuai").click()
    page.wait_for_load_state()
    assert "2 dokumen dinyatakan sesuai." in page.content()
    assert page.get_by_test_id("dokumen-belum-sesuai").count() == 0
    page.get_by_role("button", name="Verifikasi (lanjutkan)").click()
    page.wait_for_url(re.compile(rf"{url}$"))
    assert "Persetujuan kepala OPD asal" in page.get_by_test_id("status-label").inner_text()
