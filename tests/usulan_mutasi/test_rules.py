"""Eligibility of a transfer: each block and each warning, with a fixed 'today'."""

import datetime

import pytest
from django.utils import timezone

from analisis_beban import calculations as calc
from analisis_beban.choices import StatusPeriode
from analisis_beban.models import HasilABK, PeriodeABK
from instansi.choices import Golongan, Pendidikan
from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
)
from usulan_mutasi.choices import JenisMutasi, StatusUsulan
from usulan_mutasi.models import PengaturanMutasi
from usulan_mutasi.rules import BLOK, PERINGATAN, periksa_kelayakan, tambah_bulan

HARI_INI = datetime.date(2026, 11, 30)


def hasil_abk(
    jabatan, *, beban_menit: int, bezetting: int, tahun: int = 2026, status=StatusPeriode.BERLAKU
) -> HasilABK:
    periode, _ = PeriodeABK.objects.get_or_create(tahun=tahun, defaults={"status": status})
    h = calc.hitung_jabatan(
        total_beban_menit=beban_menit, bezetting=bezetting, wke_menit=periode.wke_menit
    )
    return HasilABK.objects.create(
        periode=periode,
        jabatan=jabatan,
        unit_kerja=jabatan.unit_kerja,
        instansi=jabatan.unit_kerja.instansi,
        total_beban_menit=h.total_beban_menit,
        kebutuhan=calc.simpan_presisi(h.kebutuhan),
        kebutuhan_bulat=h.kebutuhan_bulat,
        bezetting=h.bezetting,
        selisih=h.selisih,
        keadaan=h.keadaan,
        ej=calc.simpan_presisi(h.ej),
        pj=h.pj or "",
        dihitung_pada=timezone.now(),
    )


@pytest.fixture
def usulan(db, instansi_a, instansi_b):
    asal = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_a))
    tujuan = JabatanFactory(
        unit_kerja=UnitKerjaFactory(instansi=instansi_b),
        pendidikan_minimal=Pendidikan.S1,
        golongan_minimal=Golongan.III_A,
        golongan_maksimal=Golongan.III_D,
    )
    pegawai = PegawaiFactory(
        nip="198001012005011001",
        jabatan=asal,
        tmt_jabatan=datetime.date(2020, 1, 1),
        pendidikan=Pendidikan.S1,
        golongan=Golongan.III_B,
    )
    # The destination is short (need 3, one holder); the origin stays above its need.
    hasil_abk(tujuan, beban_menit=3 * 75000, bezetting=1)
    hasil_abk(asal, beban_menit=75000, bezetting=3)
    return UsulanMutasiFactory(pegawai=pegawai, jabatan_tujuan=tujuan)


def kode(temuan, jenis=None):
    return {t.kode for t in temuan if jenis is None or t.jenis == jenis}


def test_usulan_yang_memenuhi_syarat_tanpa_blok_dan_peringatan(usulan):
    assert periksa_kelayakan(usulan, hari_ini=HARI_INI) == []


@pytest.mark.parametrize(
    ("field", "kode_blok"),
    [
        ("proses_disiplin", "proses_disiplin"),
        ("tugas_belajar", "tugas_belajar"),
        ("cuti_luar_tanggungan", "cuti_luar_tanggungan"),
        ("temuan_inspektorat", "temuan_inspektorat"),
    ],
)
def test_hambatan_pegawai_memblokir(usulan, field, kode_blok):
    setattr(usulan.pegawai, field, True)
    usulan.pegawai.save()
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert kode(temuan, BLOK) == {kode_blok}
    assert all(t.pesan for t in temuan)


def test_pegawai_tidak_aktif_memblokir(usulan):
    usulan.pegawai.aktif = False
    usulan.pegawai.save()
    assert "pegawai_tidak_aktif" in kode(periksa_kelayakan(usulan, hari_ini=HARI_INI), BLOK)


def test_usulan_lain_yang_berjalan_memblokir(usulan):
    lain = UsulanMutasiFactory(
        pegawai=usulan.pegawai, jabatan_tujuan=usulan.jabatan_tujuan, status=StatusUsulan.DITOLAK
    )
    assert "usulan_lain_berjalan" not in kode(periksa_kelayakan(usulan, hari_ini=HARI_INI))
    usulan.delete()  # the constraint allows one in progress; check from a fresh draft instead
    lain_berjalan = UsulanMutasiFactory(
        pegawai=lain.pegawai, jabatan_tujuan=lain.jabatan_tujuan, status=StatusUsulan.DIAJUKAN
    )
    baru = UsulanMutasiFactory.build(pegawai=lain.pegawai, jabatan_tujuan=lain.jabatan_tujuan)
    temuan = periksa_kelayakan(baru, hari_ini=HARI_INI)
    assert "usulan_lain_berjalan" in kode(temuan, BLOK)
    assert lain_berjalan.nomor in " ".join(t.pesan for t in temuan)


def test_tujuan_sama_dengan_asal_memblokir(usulan):
    usulan.jabatan_tujuan = usulan.jabatan_asal
    assert "tujuan_sama_dengan_asal" in kode(periksa_kelayakan(usulan, hari_ini=HARI_INI), BLOK)


def test_pendidikan_di_bawah_minimal_tujuan_memblokir(usulan):
    usulan.pegawai.pendidikan = Pendidikan.D3
    usulan.pegawai.save()
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert kode(temuan, BLOK) == {"pendidikan_kurang"}
    assert "D-III" in temuan[0].pesan and "S1" in temuan[0].pesan


def test_masa_jabatan_kurang_dari_pengaturan_memberi_peringatan(usulan):
    usulan.pegawai.tmt_jabatan = datetime.date(2026, 7, 1)
    usulan.pegawai.save()
    assert kode(periksa_kelayakan(usulan, hari_ini=HARI_INI)) == {"masa_jabatan_kurang"}
    # With the 2-year option, a position held since 2025 is too short as well.
    pengaturan = PengaturanMutasi.muat()
    pengaturan.masa_jabatan_minimal_bulan = 24
    pengaturan.save()
    usulan.pegawai.tmt_jabatan = datetime.date(2025, 3, 1)
    usulan.pegawai.save()
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert kode(temuan, PERINGATAN) == {"masa_jabatan_kurang"}
    assert "24 bulan" in temuan[0].pesan


def test_pensiun_dalam_12_bulan_memberi_peringatan(usulan):
    # Born 1969-03-01 as administrasi (BUP 58): retires 1 April 2027.
    usulan.pegawai.nip = "196903012005011001"
    usulan.pegawai.tanggal_lahir = datetime.date(1969, 3, 1)
    usulan.pegawai.save()
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert kode(temuan) == {"pensiun_dekat"}
    assert "01/04/2027" in temuan[0].pesan


def test_tujuan_tanpa_kekurangan_memberi_peringatan(usulan):
    HasilABK.objects.filter(jabatan=usulan.jabatan_tujuan).delete()
    hasil_abk(usulan.jabatan_tujuan, beban_menit=75000, bezetting=1)  # need 1, has 1
    assert kode(periksa_kelayakan(usulan, hari_ini=HARI_INI)) == {"tujuan_tidak_kurang"}


def test_tujuan_tanpa_hasil_abk_memberi_peringatan(usulan):
    HasilABK.objects.filter(jabatan=usulan.jabatan_tujuan).delete()
    assert kode(periksa_kelayakan(usulan, hari_ini=HARI_INI)) == {"abk_tujuan_tidak_ada"}


def test_asal_yang_menjadi_kurang_memberi_peringatan(usulan):
    HasilABK.objects.filter(jabatan=usulan.jabatan_asal).delete()
    hasil_abk(usulan.jabatan_asal, beban_menit=75000, bezetting=1)  # need 1; 0 after the move
    assert kode(periksa_kelayakan(usulan, hari_ini=HARI_INI)) == {"asal_menjadi_kurang"}


def test_peringatan_abk_membaca_periode_berlaku_bukan_draf_yang_lebih_baru(usulan):
    # A 2027 draft says the destination is full and the origin will fall short: not in force.
    draf = StatusPeriode.PENYUSUNAN
    hasil_abk(usulan.jabatan_tujuan, beban_menit=75000, bezetting=1, tahun=2027, status=draf)
    hasil_abk(usulan.jabatan_asal, beban_menit=75000, bezetting=1, tahun=2027, status=draf)
    assert periksa_kelayakan(usulan, hari_ini=HARI_INI) == []


def test_asal_keluar_membaca_periode_berlaku_bukan_draf_yang_lebih_baru(usulan):
    draf = StatusPeriode.PENYUSUNAN
    hasil_abk(usulan.jabatan_asal, beban_menit=75000, bezetting=1, tahun=2027, status=draf)
    usulan.jenis = JenisMutasi.KELUAR
    usulan.jabatan_tujuan = None
    usulan.instansi_luar = "Pemerintah Kabupaten Simalungun"
    assert periksa_kelayakan(usulan, hari_ini=HARI_INI) == []


def test_asal_keluar_yang_menjadi_kurang_memberi_peringatan(usulan):
    HasilABK.objects.filter(jabatan=usulan.jabatan_asal).delete()
    hasil_abk(usulan.jabatan_asal, beban_menit=75000, bezetting=1)
    usulan.jenis = JenisMutasi.KELUAR
    usulan.jabatan_tujuan = None
    usulan.instansi_luar = "Pemerintah Kabupaten Simalungun"
    assert kode(periksa_kelayakan(usulan, hari_ini=HARI_INI)) == {"asal_menjadi_kurang"}


@pytest.mark.parametrize("golongan", [Golongan.II_D, Golongan.IV_A])
def test_golongan_di_luar_rentang_tujuan_memberi_peringatan(usulan, golongan):
    usulan.pegawai.golongan = golongan
    usulan.pegawai.save()
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert kode(temuan) == {"golongan_di_luar_rentang"}
    assert "III/a–III/d" in temuan[0].pesan


def test_masa_pembekuan_memberi_peringatan(usulan):
    pengaturan = PengaturanMutasi.muat()
    pengaturan.pembekuan_mulai = datetime.date(2026, 11, 1)
    pengaturan.pembekuan_selesai = datetime.date(2027, 2, 28)
    pengaturan.pembekuan_catatan = "Pilkada 2027"
    pengaturan.save()
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert kode(temuan, PERINGATAN) == {"masa_pembekuan"}
    assert "Pilkada 2027" in temuan[0].pesan
    assert periksa_kelayakan(usulan, hari_ini=datetime.date(2027, 3, 1)) == []


def test_tambah_bulan_akhir_bulan():
    assert tambah_bulan(datetime.date(2026, 1, 31), 1) == datetime.date(2026, 2, 28)
    assert tambah_bulan(datetime.date(2026, 7, 15), 6) == datetime.date(2027, 1, 15)


# --- other proposals under way (issue #8, item 4) ------------------------------------------


def _usulan_lain(ke, *, status=StatusUsulan.DIAJUKAN, **kwargs):
    return UsulanMutasiFactory(pegawai=PegawaiFactory(**kwargs), jabatan_tujuan=ke, status=status)


@pytest.mark.parametrize(
    "status", [StatusUsulan.PERSETUJUAN_ASAL, StatusUsulan.DISETUJUI, StatusUsulan.DALAM_SK]
)
def test_tujuan_yang_kekurangannya_sudah_terisi_usulan_lain_memberi_peringatan(usulan, status):
    # Need 3, one holder: two more proposals under way fill it, so this one is a surplus.
    _usulan_lain(usulan.jabatan_tujuan, status=status)
    _usulan_lain(usulan.jabatan_tujuan, status=StatusUsulan.KEPUTUSAN_PPK)
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert kode(temuan) == {"tujuan_tidak_kurang"}
    assert (
        "2 usulan lain sedang diproses ke jabatan ini; bila semuanya berlaku: 1 → 4"
        in temuan[0].pesan
    )


@pytest.mark.parametrize(
    "status", [StatusUsulan.DRAF, StatusUsulan.DIKEMBALIKAN, StatusUsulan.BERLAKU]
)
def test_draf_dan_usulan_selesai_tidak_dihitung_sebagai_usulan_lain(usulan, status):
    _usulan_lain(usulan.jabatan_tujuan, status=status)
    _usulan_lain(usulan.jabatan_tujuan, status=status)
    assert periksa_kelayakan(usulan, hari_ini=HARI_INI) == []


def test_asal_yang_ditinggalkan_usulan_lain_menjadi_kurang_memberi_peringatan(usulan):
    # Origin: need 1, three holders. Two others are already leaving it: after this one, none left.
    for _ in range(2):
        UsulanMutasiFactory(
            pegawai=PegawaiFactory(jabatan=usulan.jabatan_asal), status=StatusUsulan.DIAJUKAN
        )
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert kode(temuan) == {"asal_menjadi_kurang"}
    assert "2 usulan lain sedang diproses dari jabatan ini; bila semuanya berlaku: 3 → 0" in (
        temuan[0].pesan
    )


def test_periksa_pasangan_tanpa_usulan_tersimpan(usulan):
    from usulan_mutasi.rules import cek_pendidikan, periksa_pasangan

    pegawai = usulan.pegawai
    # For a new pair, the pegawai's own draft is "another proposal in progress".
    temuan = periksa_pasangan(pegawai, usulan.jabatan_tujuan, hari_ini=HARI_INI)
    assert kode(temuan) == {"usulan_lain_berjalan"}
    usulan.delete()
    assert periksa_pasangan(pegawai, usulan.jabatan_tujuan, hari_ini=HARI_INI) == []
    pegawai.pendidikan = Pendidikan.D3
    hanya = periksa_pasangan(
        pegawai, usulan.jabatan_tujuan, hari_ini=HARI_INI, cek=[cek_pendidikan]
    )
    assert kode(hanya) == {"pendidikan_kurang"}


# --- kelas jabatan, field of study, the same position elsewhere (issue #8, item 6) ----------


def test_turun_kelas_jabatan_melebihi_pengaturan_memberi_peringatan(usulan):
    from instansi.choices import JenisJabatan, Jenjang

    asal = usulan.jabatan_asal
    asal.nama, asal.jenis, asal.jenjang, asal.kelas_jabatan = (
        "Guru Ahli Madya",
        JenisJabatan.FUNGSIONAL,
        Jenjang.AHLI_MADYA,
        11,
    )
    asal.save()
    tujuan = usulan.jabatan_tujuan
    tujuan.nama, tujuan.jenis, tujuan.jenjang, tujuan.kelas_jabatan = (
        "Pengadministrasi Perkantoran",
        JenisJabatan.PELAKSANA,
        "",
        5,
    )
    tujuan.save()
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    kelas = [t for t in temuan if t.kode == "kelas_jabatan_turun"]
    assert kelas and kelas[0].jenis == PERINGATAN
    assert "turun 6 kelas" in kelas[0].pesan and "batas 2 kelas" in kelas[0].pesan
    pengaturan = PengaturanMutasi.muat()
    pengaturan.batas_turun_kelas = 6
    pengaturan.save()
    assert "kelas_jabatan_turun" not in kode(periksa_kelayakan(usulan, hari_ini=HARI_INI))


def test_bidang_studi_di_luar_persyaratan_jabatan_memberi_peringatan(usulan):
    tujuan = usulan.jabatan_tujuan
    tujuan.nama, tujuan.bidang_studi = "Bidan Terampil", "Kebidanan"
    tujuan.save()
    usulan.pegawai.bidang_studi = "Teknik Sipil"
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert "bidang_studi_tidak_sesuai" in kode(temuan, PERINGATAN)
    usulan.pegawai.bidang_studi = "Kebidanan"
    assert "bidang_studi_tidak_sesuai" not in kode(periksa_kelayakan(usulan, hari_ini=HARI_INI))


def test_jabatan_yang_sama_di_unit_lain_tanpa_peringatan_golongan(usulan):
    asal, tujuan = usulan.jabatan_asal, usulan.jabatan_tujuan
    asal.nama = tujuan.nama = "Perawat Terampil"
    asal.jenis = tujuan.jenis
    asal.save()
    tujuan.save()
    usulan.pegawai.golongan = Golongan.IV_A  # above the destination's III/a–III/d
    temuan = periksa_kelayakan(usulan, hari_ini=HARI_INI)
    assert "golongan_di_luar_rentang" not in kode(temuan)
    assert "kelas_jabatan_turun" not in kode(temuan)
