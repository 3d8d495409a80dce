"""The competency dictionary as data, the per-pegawai facts, their selectors and services."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from instansi.choices import JenisKompetensi
from instansi.data.kamus_kompetensi import muat_kamus
from instansi.models_kompetensi import (
    JenisSertifikasi,
    Kompetensi,
    LevelKompetensi,
    ProgramPelatihan,
)
from mutasi_asn.akun.roles import Peran
from pegawai import services_kompetensi as layanan
from pegawai.choices import PredikatSKP, RatingSKP
from pegawai.models_kompetensi import KotakTalenta, LabelPredikatSKP, SKPTahunan
from pegawai.selectors import (
    fakta_pegawai,
    kesenjangan_pegawai,
    label_predikat,
    standar_jabatan,
    talenta_pegawai,
)
from tests.fixtures.factories import (
    HasilAsesmenFactory,
    JabatanFactory,
    JenisSertifikasiFactory,
    KompetensiFactory,
    PegawaiFactory,
    ProgramPelatihanFactory,
    RiwayatPelatihanFactory,
    SertifikasiPegawaiFactory,
    SKPTahunanFactory,
    StandarKompetensiJabatanFactory,
    SyaratPelatihanJabatanFactory,
    SyaratSertifikasiJabatanFactory,
)

HARI_INI = datetime.date(2026, 11, 30)


def test_kamus_memuat_delapan_manajerial_perekat_bangsa_dan_teknis_dengan_lima_level(db):
    manajerial = Kompetensi.objects.filter(jenis=JenisKompetensi.MANAJERIAL)
    assert sorted(manajerial.values_list("kode", flat=True)) == [f"M.0{i}" for i in range(1, 9)]
    assert Kompetensi.objects.get(kode="SK.01").nama == "Perekat Bangsa"
    assert Kompetensi.objects.filter(jenis=JenisKompetensi.TEKNIS, rumpun="Kesehatan").count() >= 3
    for k in Kompetensi.objects.all():
        assert sorted(k.level.values_list("level", flat=True)) == [1, 2, 3, 4, 5], k.kode
    level = LevelKompetensi.objects.get(kompetensi__kode="M.01", level=1)
    nomor = [n for n, _ in level.daftar_indikator]
    assert nomor[:2] == ["1.1", "1.2"]
    assert JenisSertifikasi.objects.filter(kode="STR-PERAWAT").exists()
    assert JenisSertifikasi.objects.get(kode="SERDIK").masa_berlaku_tahun is None
    assert ProgramPelatihan.objects.filter(kode="PKP").exists()


def test_memuat_kamus_lagi_tidak_menimpa_suntingan_admin(db):
    m01 = Kompetensi.objects.get(kode="M.01")
    m01.nama = "Integritas (disunting)"
    m01.save()
    hasil = muat_kamus(Kompetensi, LevelKompetensi, JenisSertifikasi, ProgramPelatihan)
    assert hasil == {"kompetensi": 0, "level": 0, "sertifikasi": 0, "program": 0}
    assert Kompetensi.objects.get(kode="M.01").nama == "Integritas (disunting)"


def test_label_predikat_dan_tata_letak_9_kotak_adalah_data_yang_dapat_diubah(db):
    assert label_predikat()[PredikatSKP.KURANG] == "Kurang/Misconduct"
    LabelPredikatSKP.objects.filter(kode=PredikatSKP.BAIK).update(label="Baik (B)")
    assert label_predikat()[PredikatSKP.BAIK] == "Baik (B)"
    assert KotakTalenta.objects.count() == 9
    assert KotakTalenta.objects.get(kinerja="di_atas", potensi="tinggi").nomor == 9


def test_standar_dan_fakta_membentuk_kesenjangan_dengan_str_kedaluwarsa(db):
    perawat = JabatanFactory(nama="Perawat Terampil")
    teknis = KompetensiFactory()
    str_perawat = JenisSertifikasi.objects.get(kode="STR-PERAWAT")
    pelatihan = ProgramPelatihanFactory()
    StandarKompetensiJabatanFactory(jabatan=perawat, kompetensi=teknis, level=3)
    SyaratSertifikasiJabatanFactory(jabatan=perawat, jenis_sertifikasi=str_perawat)
    SyaratPelatihanJabatanFactory(jabatan=perawat, program=pelatihan)
    pegawai = PegawaiFactory()
    HasilAsesmenFactory(
        pegawai=pegawai, kompetensi=teknis, level=1, tanggal=datetime.date(2023, 1, 1)
    )
    HasilAsesmenFactory(
        pegawai=pegawai, kompetensi=teknis, level=2, tanggal=datetime.date(2025, 1, 1)
    )
    SertifikasiPegawaiFactory(
        pegawai=pegawai,
        jenis_sertifikasi=str_perawat,
        tanggal_terbit=datetime.date(2020, 1, 1),
        berlaku_sampai=datetime.date(2025, 1, 1),
    )
    RiwayatPelatihanFactory(pegawai=pegawai, program=pelatihan)

    gap = kesenjangan_pegawai(pegawai, perawat, HARI_INI)
    assert gap.kompetensi == {teknis.pk: 1}  # the latest assessment (level 2) counts
    assert gap.sertifikasi_kedaluwarsa == {str_perawat.pk}
    assert gap.pelatihan_kurang == frozenset()
    # On a date the STR was still valid, it is not a gap.
    assert kesenjangan_pegawai(pegawai, perawat, datetime.date(2024, 6, 1)).memenuhi_sertifikasi


def test_selektor_fakta_dan_standar_jumlah_query_tetap(db, django_assert_num_queries):
    jabatan = [JabatanFactory() for _ in range(3)]
    pegawai = [PegawaiFactory(jabatan=j) for j in jabatan]
    for j, p in zip(jabatan, pegawai, strict=True):
        StandarKompetensiJabatanFactory(jabatan=j)
        SertifikasiPegawaiFactory(pegawai=p)
        HasilAsesmenFactory(pegawai=p)
    with django_assert_num_queries(3):
        standar = standar_jabatan([j.pk for j in jabatan])
    with django_assert_num_queries(3):
        fakta = fakta_pegawai([p.pk for p in pegawai], HARI_INI)
    assert len(standar) == len(fakta) == 3
    assert all(len(s.kompetensi) == 1 for s in standar.values())


def test_skp_menurunkan_predikat_dan_menyegarkan_skp_tahun_lalu_pegawai(db, buat_pengguna):
    bkpsdm = buat_pengguna(Peran.BKPSDM)
    pegawai = PegawaiFactory()
    data = {
        "pegawai": pegawai,
        "hasil_kerja": RatingSKP.DI_ATAS,
        "perilaku_kerja": RatingSKP.DI_ATAS,
    }
    layanan.skp_simpan(instance=None, data={**data, "tahun": 2024}, actor=bkpsdm)
    skp = layanan.skp_simpan(
        instance=None,
        data={**data, "tahun": 2025, "hasil_kerja": RatingSKP.DI_BAWAH},
        actor=bkpsdm,
    )
    assert skp.predikat == PredikatSKP.BUTUH_PERBAIKAN
    pegawai.refresh_from_db()
    assert (pegawai.skp_tahun_lalu, pegawai.skp_dua_tahun_lalu) == (
        PredikatSKP.BUTUH_PERBAIKAN,
        PredikatSKP.SANGAT_BAIK,
    )
    assert skp.history.first().history_user == bkpsdm
    layanan.skp_hapus(skp=skp, actor=bkpsdm)
    pegawai.refresh_from_db()
    assert (pegawai.skp_tahun_lalu, pegawai.skp_dua_tahun_lalu) == (PredikatSKP.SANGAT_BAIK, "")


def test_skp_kedua_untuk_tahun_yang_sama_ditolak_dengan_pesan(db, buat_pengguna):
    bkpsdm = buat_pengguna(Peran.BKPSDM)
    skp = SKPTahunanFactory()
    with pytest.raises(ValidationError) as info:
        layanan.skp_simpan(
            instance=None,
            data={
                "pegawai": skp.pegawai,
                "tahun": skp.tahun,
                "hasil_kerja": RatingSKP.SESUAI,
                "perilaku_kerja": RatingSKP.SESUAI,
            },
            actor=bkpsdm,
        )
    assert "sudah ada" in str(info.value)
    assert SKPTahunan.objects.count() == 1


def test_sertifikasi_berlaku_sampai_sebelum_terbit_ditolak(db, buat_pengguna):
    bkpsdm = buat_pengguna(Peran.BKPSDM)
    with pytest.raises(ValidationError) as info:
        layanan.sertifikasi_simpan(
            instance=None,
            data={
                "pegawai": PegawaiFactory(),
                "jenis_sertifikasi": JenisSertifikasiFactory(),
                "nomor": "STR-001",
                "tanggal_terbit": datetime.date(2024, 1, 1),
                "berlaku_sampai": datetime.date(2023, 1, 1),
            },
            actor=bkpsdm,
        )
    assert "tidak boleh sebelum terbit" in str(info.value)


def test_talenta_dari_dua_skp_terakhir_dan_asesmen(db):
    bintang, belum = PegawaiFactory(), PegawaiFactory()
    for tahun in (2023, 2024, 2025):
        # 2023 is beyond the last two years and must not pull the kinerja down.
        rating = RatingSKP.DI_BAWAH if tahun == 2023 else RatingSKP.DI_ATAS
        SKPTahunanFactory(pegawai=bintang, tahun=tahun, hasil_kerja=rating, perilaku_kerja=rating)
    for kode in ("M.01", "M.02", "M.03"):
        HasilAsesmenFactory(pegawai=bintang, kompetensi=Kompetensi.objects.get(kode=kode), level=4)
    SKPTahunanFactory(pegawai=belum, tahun=2025)
    hasil = talenta_pegawai([bintang.pk, belum.pk])
    assert hasil[bintang.pk].kinerja == "di_atas"
    assert hasil[bintang.pk].potensi == "tinggi"
    assert hasil[bintang.pk].kotak == 9
    assert hasil[bintang.pk].tahun_skp == (2025, 2024)
    assert hasil[belum.pk].kinerja == "sesuai"
    assert hasil[belum.pk].potensi is None
    assert hasil[belum.pk].kotak is None


@pytest.mark.parametrize(
    "model",
    [
        "instansi/kompetensi",
        "instansi/jenissertifikasi",
        "instansi/programpelatihan",
        "pegawai/hasilasesmen",
        "pegawai/riwayatpelatihan",
        "pegawai/sertifikasipegawai",
        "pegawai/skptahunan",
        "pegawai/kotaktalenta",
        "pegawai/labelpredikatskp",
        "pegawai/pengaturankompetensi",
    ],
)
def test_admin_menampilkan_data_kompetensi(client, pengguna_peran, model):
    SKPTahunanFactory()
    client.force_login(pengguna_peran[Peran.ADMIN])
    assert client.get(f"/admin/{model}/").status_code == 200
    assert client.get(f"/admin/{model}/add/").status_code in (200, 403)


def test_admin_kompetensi_menampilkan_level_dan_jabatan_menampilkan_standar(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.ADMIN])
    m01 = Kompetensi.objects.get(kode="M.01")
    resp = client.get(reverse("admin:instansi_kompetensi_change", args=[m01.pk]))
    assert "Mampu bertindak sesuai nilai" in resp.content.decode()
    jabatan = JabatanFactory()
    StandarKompetensiJabatanFactory(jabatan=jabatan, kompetensi=m01)
    resp = client.get(reverse("admin:instansi_jabatan_change", args=[jabatan.pk]))
    assert resp.status_code == 200
    assert "standar kompetensi jabatan" in resp.content.decode().lower()


def test_admin_skp_menyimpan_lewat_layanan(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.ADMIN])
    pegawai = PegawaiFactory()
    resp = client.post(
        reverse("admin:pegawai_skptahunan_add"),
        {
            "pegawai": pegawai.pk,
            "tahun": 2025,
            "hasil_kerja": "di_atas",
            "perilaku_kerja": "di_atas",
        },
    )
    assert resp.status_code == 302
    pegawai.refresh_from_db()
    assert pegawai.skp_tahun_lalu == PredikatSKP.SANGAT_BAIK


def test_profil_menampilkan_skp_talenta_sertifikasi_dan_kesenjangan(client, pengguna_peran):
    perawat = JabatanFactory(nama="Perawat Terampil")
    str_perawat = JenisSertifikasi.objects.get(kode="STR-PERAWAT")
    SyaratSertifikasiJabatanFactory(jabatan=perawat, jenis_sertifikasi=str_perawat)
    m01 = Kompetensi.objects.get(kode="M.01")
    StandarKompetensiJabatanFactory(jabatan=perawat, kompetensi=m01, level=3)
    pegawai = PegawaiFactory(jabatan=perawat, nama="Rina Saragih")
    SertifikasiPegawaiFactory(
        pegawai=pegawai,
        jenis_sertifikasi=str_perawat,
        nomor="STR-KDL-01",
        tanggal_terbit=datetime.date(2018, 1, 1),
        berlaku_sampai=datetime.date(2023, 1, 1),
    )
    HasilAsesmenFactory(pegawai=pegawai, kompetensi=m01, level=2)
    SKPTahunanFactory(pegawai=pegawai, tahun=2025, hasil_kerja="di_atas", perilaku_kerja="sesuai")
    LabelPredikatSKP.objects.filter(kode="baik").update(label="Baik sekali dicatat")
    client.force_login(pengguna_peran[Peran.BKPSDM])
    html = client.get(pegawai.get_absolute_url()).content.decode()
    assert "Baik sekali dicatat" in html
    assert "Kedaluwarsa" in html
    assert f"{str_perawat} sudah tidak berlaku" in html
    assert "kurang 1 level dari standar" in html
    assert "Kotak 2" in html  # kinerja sesuai (one Baik), potensi rendah (level 2)


def test_perintah_muat_kamus_menambah_yang_hilang_saja(db):
    from io import StringIO

    from django.core.management import call_command

    Kompetensi.objects.filter(kode="SK.01").delete()
    keluaran = StringIO()
    call_command("muat_kamus_kompetensi", stdout=keluaran)
    assert "1 kompetensi (5 level)" in keluaran.getvalue()
    assert Kompetensi.objects.get(kode="SK.01").level.count() == 5
