"""Eligibility from competencies: a missing or expired required certification blocks (an expired
STR to a nurse post), a competency gap or missing training warns — through the rules, the
proposal service and the API."""

import datetime

import pytest
from django.core.exceptions import ValidationError

from instansi.choices import Pendidikan
from instansi.models_kompetensi import JenisSertifikasi, Kompetensi, ProgramPelatihan
from mutasi_asn.akun.roles import Peran
from pegawai.models_kompetensi import PengaturanKompetensi
from tests.fixtures.factories import (
    HasilAsesmenFactory,
    JabatanFactory,
    PegawaiFactory,
    RiwayatPelatihanFactory,
    SertifikasiPegawaiFactory,
    StandarKompetensiJabatanFactory,
    SyaratPelatihanJabatanFactory,
    SyaratSertifikasiJabatanFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
)
from tests.usulan_mutasi.test_rules import hasil_abk
from usulan_mutasi.choices import StatusUsulan
from usulan_mutasi.rules import periksa_kelayakan
from usulan_mutasi.services import usulan_ajukan

HARI_INI = datetime.date(2026, 11, 30)


@pytest.fixture
def nakes(db, instansi_a, instansi_b):
    """A nurse post in another agency that requires a valid STR, PKP-free, M.05 at level 3."""
    asal = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_a), nama="Perawat Terampil")
    tujuan = JabatanFactory(
        unit_kerja=UnitKerjaFactory(instansi=instansi_b, nama="UPTD Puskesmas 04"),
        nama="Perawat Terampil",
        pendidikan_minimal=Pendidikan.D3,
    )
    str_perawat = JenisSertifikasi.objects.get(kode="STR-PERAWAT")
    SyaratSertifikasiJabatanFactory(jabatan=tujuan, jenis_sertifikasi=str_perawat)
    pegawai = PegawaiFactory(
        nip="198503122010012001",
        nama="Rina Saragih",
        gelar_belakang="A.Md.Kep.",
        jabatan=asal,
        pendidikan=Pendidikan.D3,
        tmt_jabatan=datetime.date(2019, 1, 1),
    )
    hasil_abk(tujuan, beban_menit=3 * 75000, bezetting=1)
    hasil_abk(asal, beban_menit=75000, bezetting=3)
    usulan = UsulanMutasiFactory(pegawai=pegawai, jabatan_tujuan=tujuan)
    return {"usulan": usulan, "pegawai": pegawai, "tujuan": tujuan, "str": str_perawat}


def catat_str(pegawai, jenis, sampai, nomor="STR-00012/2021"):
    return SertifikasiPegawaiFactory(
        pegawai=pegawai,
        jenis_sertifikasi=jenis,
        nomor=nomor,
        tanggal_terbit=sampai.replace(year=sampai.year - 5),
        berlaku_sampai=sampai,
    )


def kode(temuan):
    return {t.kode: t for t in temuan}


def test_str_berlaku_tidak_menimbulkan_temuan(nakes):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2029, 5, 1))
    assert periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI) == []


def test_str_kedaluwarsa_memblokir_ke_jabatan_perawat(nakes):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2026, 3, 31))
    temuan = kode(periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI))
    t = temuan["sertifikasi_kedaluwarsa"]
    assert t.blok
    assert "STR" in t.pesan and "sejak 31/03/2026" in t.pesan


def test_str_lama_kedaluwarsa_tidak_memblokir_bila_sudah_diperpanjang(nakes):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2024, 3, 31), nomor="STR-LAMA")
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2029, 3, 31), nomor="STR-BARU")
    assert periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI) == []


def test_tanpa_str_memblokir_dengan_pesan_apa_yang_dicatat(nakes):
    t = kode(periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI))["sertifikasi_tidak_ada"]
    assert t.blok and "catat sertifikatnya di profil pegawai" in t.pesan


def test_str_yang_segera_berakhir_hanya_peringatan_sesuai_pengaturan(nakes):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2027, 1, 15))
    t = kode(periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI))["sertifikasi_hampir_habis"]
    assert not t.blok and "15/01/2027" in t.pesan
    PengaturanKompetensi.objects.filter(pk=1).update(sertifikasi_hampir_habis_hari=30)
    assert periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI) == []


def test_kesenjangan_kompetensi_di_atas_toleransi_memberi_peringatan(nakes):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2029, 5, 1))
    m05 = Kompetensi.objects.get(kode="M.05")
    StandarKompetensiJabatanFactory(jabatan=nakes["tujuan"], kompetensi=m05, level=3)
    HasilAsesmenFactory(pegawai=nakes["pegawai"], kompetensi=m05, level=1)
    t = kode(periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI))["kesenjangan_kompetensi"]
    assert not t.blok
    assert "M.05 Pelayanan Publik level 1, standar 3" in t.pesan
    PengaturanKompetensi.objects.filter(pk=1).update(toleransi_kesenjangan=2)
    assert periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI) == []


def test_kompetensi_yang_belum_dinilai_tidak_memberi_peringatan(nakes):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2029, 5, 1))
    StandarKompetensiJabatanFactory(
        jabatan=nakes["tujuan"], kompetensi=Kompetensi.objects.get(kode="M.05"), level=3
    )
    assert periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI) == []


def test_pelatihan_wajib_belum_diikuti_memberi_peringatan(nakes):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2029, 5, 1))
    program = ProgramPelatihan.objects.get(kode="JF-PERAWAT")
    SyaratPelatihanJabatanFactory(jabatan=nakes["tujuan"], program=program)
    t = kode(periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI))["pelatihan_belum_diikuti"]
    assert not t.blok and "Pelatihan Fungsional Perawat" in t.pesan
    RiwayatPelatihanFactory(pegawai=nakes["pegawai"], program=program, nama=program.nama)
    assert periksa_kelayakan(nakes["usulan"], hari_ini=HARI_INI) == []


def test_layanan_ajukan_menolak_str_kedaluwarsa_dan_usulan_tetap_draf(
    nakes, buat_pengguna, instansi_a
):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2025, 3, 31))
    operator = buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a)
    usulan = nakes["usulan"]
    usulan.instansi_pengusul = instansi_a
    usulan.save()
    with pytest.raises(ValidationError) as info:
        usulan_ajukan(usulan=usulan, actor=operator)
    assert any("tidak berlaku" in m for m in info.value.messages)
    usulan.refresh_from_db()
    assert usulan.status == StatusUsulan.DRAF


def test_layanan_ajukan_kesenjangan_butuh_justifikasi_lalu_lolos(nakes, buat_pengguna, instansi_a):
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2029, 5, 1))
    m05 = Kompetensi.objects.get(kode="M.05")
    StandarKompetensiJabatanFactory(jabatan=nakes["tujuan"], kompetensi=m05, level=3)
    HasilAsesmenFactory(pegawai=nakes["pegawai"], kompetensi=m05, level=1)
    operator = buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a)
    usulan = nakes["usulan"]
    usulan.instansi_pengusul = instansi_a
    usulan.save()
    with pytest.raises(ValidationError) as info:
        usulan_ajukan(usulan=usulan, actor=operator)
    assert "justifikasi_peringatan" in info.value.message_dict
    usulan = usulan_ajukan(
        usulan=usulan,
        actor=operator,
        justifikasi_peringatan="Akan diikutkan pelatihan pelayanan prima tahun 2027.",
    )
    assert usulan.status == StatusUsulan.DIAJUKAN
    assert "kesenjangan_kompetensi" in {t["kode"] for t in usulan.peringatan}


def test_api_ajukan_str_kedaluwarsa_400_dan_kelayakan_menyebutnya(
    client, nakes, buat_pengguna, instansi_a
):
    nakes["usulan"].delete()  # the API makes its own draft
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2025, 3, 31))
    operator = buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a)
    client.force_login(operator)
    resp = client.post(
        "/api/v1/usulan/",
        {
            "pegawai": nakes["pegawai"].pk,
            "jenis": "antar_opd",
            "alasan": "pemerataan",
            "jabatan_tujuan": nakes["tujuan"].pk,
        },
        content_type="application/json",
    )
    assert resp.status_code == 201, resp.content
    pk = resp.json()["id"]
    kelayakan = client.get(f"/api/v1/usulan/{pk}/kelayakan/").json()
    assert {"kode": "sertifikasi_kedaluwarsa", "jenis": "blok"}.items() <= kelayakan[0].items()
    resp = client.post(
        f"/api/v1/usulan/{pk}/ajukan/",
        {"justifikasi_peringatan": "Mendesak."},
        content_type="application/json",
    )
    assert resp.status_code == 400
    assert "tidak berlaku" in resp.content.decode()


def test_api_ajukan_kesenjangan_memperingatkan_lalu_lolos_dengan_justifikasi(
    client, nakes, buat_pengguna, instansi_a
):
    nakes["usulan"].delete()  # the API makes its own draft
    catat_str(nakes["pegawai"], nakes["str"], datetime.date(2029, 5, 1))
    m05 = Kompetensi.objects.get(kode="M.05")
    StandarKompetensiJabatanFactory(jabatan=nakes["tujuan"], kompetensi=m05, level=3)
    HasilAsesmenFactory(pegawai=nakes["pegawai"], kompetensi=m05, level=1)
    client.force_login(buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a))
    pk = client.post(
        "/api/v1/usulan/",
        {
            "pegawai": nakes["pegawai"].pk,
            "jenis": "antar_opd",
            "alasan": "pemerataan",
            "jabatan_tujuan": nakes["tujuan"].pk,
        },
        content_type="application/json",
    ).json()["id"]
    resp = client.post(f"/api/v1/usulan/{pk}/ajukan/", {}, content_type="application/json")
    assert resp.status_code == 400
    assert "Kompetensi pegawai di bawah standar" in resp.content.decode()
    resp = client.post(
        f"/api/v1/usulan/{pk}/ajukan/",
        {"justifikasi_peringatan": "Akan dibina di tempat baru."},
        content_type="application/json",
    )
    assert resp.status_code == 200 and resp.json()["status"] == "diajukan"
