"""The transfer chain through its services: the whole road, its detours, documents and the SK."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from mutasi_asn.akun.roles import Peran
from pegawai.models import RiwayatJabatan
from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
    dokumen_lengkap,
)
from usulan_mutasi import services
from usulan_mutasi.choices import (
    AksiPeristiwa,
    AlasanMutasi,
    JenisMutasi,
    StatusSK,
    StatusUsulan,
    VerdikDokumen,
)
from usulan_mutasi.models import (
    JenisDokumen,
    PengaturanMutasi,
    PeristiwaUsulan,
    SuratKeputusan,
    UsulanMutasi,
)

S = StatusUsulan
JUSTIFIKASI = "Kebutuhan mendesak di unit tujuan; ABK sedang disusun."


@pytest.fixture
def dunia(pengguna_peran, buat_pengguna, instansi_a, instansi_b):
    unit_a = UnitKerjaFactory(instansi=instansi_a)
    unit_a2 = UnitKerjaFactory(instansi=instansi_a)
    unit_b = UnitKerjaFactory(instansi=instansi_b)
    jab_a = JabatanFactory(unit_kerja=unit_a)
    return SimpleNamespace(
        instansi_a=instansi_a,
        instansi_b=instansi_b,
        jab_a=jab_a,
        jab_a2=JabatanFactory(unit_kerja=unit_a2),
        jab_b=JabatanFactory(unit_kerja=unit_b),
        pegawai=PegawaiFactory(jabatan=jab_a, tmt_jabatan=datetime.date(2020, 1, 1)),
        bkpsdm=pengguna_peran[Peran.BKPSDM],
        operator_a=pengguna_peran[Peran.OPERATOR_OPD],
        kepala_a=pengguna_peran[Peran.KEPALA_OPD],
        kepala_b=buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_b),
        operator_b=buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_b),
        tim=pengguna_peran[Peran.TIM_PENILAI],
        ppk=pengguna_peran[Peran.PPK],
        admin=pengguna_peran[Peran.ADMIN],
    )


def buat(d, *, jabatan_tujuan=None, actor=None, **kwargs):
    kwargs.setdefault("jenis", JenisMutasi.ANTAR_OPD)
    return services.usulan_buat(
        pegawai=kwargs.pop("pegawai", d.pegawai),
        alasan=kwargs.pop("alasan", AlasanMutasi.PEMERATAAN),
        justifikasi="Pemerataan pegawai.",
        jabatan_tujuan=jabatan_tujuan if jabatan_tujuan is not None else d.jab_b,
        actor=actor or d.operator_a,
        **kwargs,
    )


def ajukan(d, u, actor=None):
    """Submit, with the mandatory documents in and accepted (BKPSDM's verification needs them)."""
    u = services.usulan_ajukan(
        usulan=u, actor=actor or d.operator_a, justifikasi_peringatan=JUSTIFIKASI
    )
    dokumen_lengkap(u, d.bkpsdm)
    return u


def aksi_dicatat(u):
    return list(PeristiwaUsulan.objects.filter(usulan=u).values_list("aksi", flat=True))


def test_rantai_lengkap_antar_opd_sampai_disetujui_ppk(dunia):
    d = dunia
    u = buat(d)
    assert u.nomor == f"UM/{u.dibuat_pada.year}/{u.pk:05d}"
    assert (u.jabatan_asal, u.unit_asal, u.instansi_asal) == (
        d.jab_a,
        d.jab_a.unit_kerja,
        d.instansi_a,
    )
    assert (u.unit_tujuan, u.instansi_tujuan) == (d.jab_b.unit_kerja, d.instansi_b)
    assert u.status == S.DRAF and u.tenggat is None

    u = ajukan(d, u)
    assert u.status == S.DIAJUKAN
    assert u.tenggat is not None and u.tenggat.weekday() < 5
    assert {p["kode"] for p in u.peringatan} == {"abk_tujuan_tidak_ada"}
    for actor, status in [
        (d.bkpsdm, S.PERSETUJUAN_ASAL),
        (d.kepala_a, S.PERSETUJUAN_TUJUAN),
        (d.kepala_b, S.PERTIMBANGAN_TIM),
        (d.tim, S.KEPUTUSAN_PPK),
        (d.ppk, S.DISETUJUI),
    ]:
        u = services.usulan_setujui(usulan=u, actor=actor, catatan="ok")
        assert u.status == status
    assert u.tenggat is None and u.diputuskan_pada is not None
    assert aksi_dicatat(u) == [
        AksiPeristiwa.DIBUAT,
        AksiPeristiwa.DIAJUKAN,
        AksiPeristiwa.DIVERIFIKASI,
        AksiPeristiwa.DISETUJUI_ASAL,
        AksiPeristiwa.DISETUJUI_TUJUAN,
        AksiPeristiwa.DIPERTIMBANGKAN,
        AksiPeristiwa.DIPUTUSKAN,
    ]
    terakhir = PeristiwaUsulan.objects.filter(usulan=u).last()
    assert (terakhir.aktor, terakhir.dari_status, terakhir.ke_status) == (
        d.ppk,
        S.KEPUTUSAN_PPK,
        S.DISETUJUI,
    )


def test_mutasi_dalam_satu_opd_hanya_satu_persetujuan_kepala(dunia):
    d = dunia
    u = ajukan(d, buat(d, jabatan_tujuan=d.jab_a2, jenis=JenisMutasi.ANTAR_UNIT))
    u = services.usulan_setujui(usulan=u, actor=d.bkpsdm)
    assert u.status == S.PERSETUJUAN_ASAL
    u = services.usulan_setujui(usulan=u, actor=d.kepala_a)
    assert u.status == S.PERTIMBANGAN_TIM


def test_mutasi_keluar_tanpa_persetujuan_kepala_tujuan(dunia):
    d = dunia
    u = services.usulan_buat(
        pegawai=d.pegawai,
        jenis=JenisMutasi.KELUAR,
        alasan=AlasanMutasi.PERMINTAAN_SENDIRI,
        instansi_luar="Pemerintah Kabupaten Simalungun",
        actor=d.bkpsdm,
    )
    assert u.instansi_tujuan is None and u.instansi_pengusul is None
    u = ajukan(d, u, actor=d.bkpsdm)
    u = services.usulan_setujui(usulan=u, actor=d.bkpsdm)
    u = services.usulan_setujui(usulan=u, actor=d.kepala_a)
    assert u.status == S.PERTIMBANGAN_TIM


def test_mutasi_masuk_langsung_ke_kepala_tujuan(dunia):
    d = dunia
    pendatang = PegawaiFactory(jabatan=None, tmt_jabatan=None)
    u = services.usulan_buat(
        pegawai=pendatang,
        jenis=JenisMutasi.MASUK,
        alasan=AlasanMutasi.PERMINTAAN_SENDIRI,
        jabatan_tujuan=d.jab_b,
        instansi_luar="Pemerintah Kota Medan",
        actor=d.operator_b,
    )
    assert u.instansi_asal is None and u.instansi_tujuan == d.instansi_b
    u = ajukan(d, u, actor=d.operator_b)
    u = services.usulan_setujui(usulan=u, actor=d.bkpsdm)
    assert u.status == S.PERSETUJUAN_TUJUAN
    with pytest.raises(PermissionDenied):
        services.usulan_setujui(usulan=u, actor=d.kepala_a)
    u = services.usulan_setujui(usulan=u, actor=d.kepala_b)
    assert u.status == S.PERTIMBANGAN_TIM


def test_dikembalikan_lalu_diubah_dan_diajukan_ulang(dunia):
    d = dunia
    u = ajukan(d, buat(d))
    u = services.usulan_setujui(usulan=u, actor=d.bkpsdm)
    with pytest.raises(ValidationError):
        services.usulan_kembalikan(usulan=u, alasan="  ", actor=d.kepala_a)
    u = services.usulan_kembalikan(usulan=u, alasan="Lengkapi SKP 2 tahun.", actor=d.kepala_a)
    assert u.status == S.DIKEMBALIKAN and u.catatan_pengembalian == "Lengkapi SKP 2 tahun."
    assert u.tenggat is None
    # Only the proposing side may edit and resubmit.
    with pytest.raises(PermissionDenied):
        services.usulan_ubah(usulan=u, data={"justifikasi": "x"}, actor=d.kepala_a)
    u = services.usulan_ubah(usulan=u, data={"justifikasi": "SKP dilampirkan."}, actor=d.operator_a)
    assert u.justifikasi == "SKP dilampirkan."
    u = ajukan(d, u)
    assert u.status == S.DIAJUKAN
    assert aksi_dicatat(u)[-3:] == [
        AksiPeristiwa.DIKEMBALIKAN,
        AksiPeristiwa.DIUBAH,
        AksiPeristiwa.DIAJUKAN,
    ]


def test_ubah_hanya_saat_draf_atau_dikembalikan(dunia):
    d = dunia
    u = ajukan(d, buat(d))
    with pytest.raises(ValidationError, match="tidak dapat diubah"):
        services.usulan_ubah(usulan=u, data={"justifikasi": "x"}, actor=d.operator_a)


def test_ditolak_bersifat_final_dengan_alasan(dunia):
    d = dunia
    u = ajukan(d, buat(d))
    u = services.usulan_tolak(usulan=u, alasan="Tidak sesuai kebutuhan.", actor=d.bkpsdm)
    assert u.status == S.DITOLAK and u.alasan_penolakan == "Tidak sesuai kebutuhan."
    for fungsi, kwargs in [
        (services.usulan_setujui, {}),
        (services.usulan_kembalikan, {"alasan": "x"}),
        (services.usulan_tolak, {"alasan": "x"}),
    ]:
        with pytest.raises(ValidationError):
            fungsi(usulan=u, actor=d.bkpsdm, **kwargs)
    with pytest.raises(ValidationError):
        services.usulan_batalkan(usulan=u, actor=d.operator_a)
    with pytest.raises(ValidationError):
        ajukan(d, u)
    # A rejected proposal no longer blocks a new one for the same pegawai.
    assert buat(d).status == S.DRAF


def test_dibatalkan_pengusul_sebelum_keputusan(dunia):
    d = dunia
    u = ajukan(d, buat(d))
    u = services.usulan_setujui(usulan=u, actor=d.bkpsdm)
    with pytest.raises(PermissionDenied):
        services.usulan_batalkan(usulan=u, actor=d.kepala_a)
    u = services.usulan_batalkan(usulan=u, actor=d.operator_a, alasan="Pegawai bertahan.")
    assert u.status == S.DIBATALKAN and u.selesai_pada is not None


def test_tidak_dapat_dibatalkan_setelah_keputusan_ppk(dunia):
    d = dunia
    u = UsulanMutasiFactory(
        pegawai=d.pegawai, jabatan_tujuan=d.jab_b, status=S.DISETUJUI, instansi_pengusul=None
    )
    with pytest.raises(ValidationError, match="tidak dapat dibatalkan"):
        services.usulan_batalkan(usulan=u, actor=d.bkpsdm)


def test_blok_kelayakan_menolak_pengajuan_dengan_pesan(dunia):
    d = dunia
    d.pegawai.tugas_belajar = True
    d.pegawai.save()
    u = buat(d)
    with pytest.raises(ValidationError) as exc:
        ajukan(d, u)
    assert "tugas belajar" in " ".join(exc.value.messages)
    u.refresh_from_db()
    assert u.status == S.DRAF


def test_peringatan_butuh_justifikasi_tertulis(dunia):
    d = dunia
    u = buat(d)
    with pytest.raises(ValidationError) as exc:
        services.usulan_ajukan(usulan=u, actor=d.operator_a)
    assert "justifikasi_peringatan" in exc.value.message_dict
    u = services.usulan_ajukan(usulan=u, actor=d.operator_a, justifikasi_peringatan="Alasan.")
    assert u.status == S.DIAJUKAN and u.justifikasi_peringatan == "Alasan."


def test_satu_usulan_berjalan_per_pegawai_dijaga_layanan_dan_database(dunia):
    d = dunia
    buat(d)
    with pytest.raises(ValidationError, match="sedang berjalan"):
        buat(d, actor=d.bkpsdm)
    with pytest.raises(IntegrityError), transaction.atomic():
        UsulanMutasiFactory(pegawai=d.pegawai, jabatan_tujuan=d.jab_b, status=S.DIAJUKAN)


def test_operator_hanya_untuk_instansi_sendiri(dunia, buat_pengguna, instansi_b):
    d = dunia
    lain = JabatanFactory()  # a third agency
    with pytest.raises(PermissionDenied):
        services.usulan_buat(
            pegawai=PegawaiFactory(jabatan=lain),
            jenis=JenisMutasi.ANTAR_UNIT,
            alasan=AlasanMutasi.PENYEGARAN,
            jabatan_tujuan=JabatanFactory(unit_kerja=lain.unit_kerja),
            actor=d.operator_a,
        )
    # The receiving agency's operator may propose to take someone in.
    u = buat(d, actor=d.operator_b)
    assert u.instansi_pengusul == d.instansi_b
    for peran in (Peran.KEPALA_OPD, Peran.TIM_PENILAI, Peran.PPK):
        with pytest.raises(PermissionDenied):
            buat(d, actor=buat_pengguna(peran, instansi=instansi_b))


def test_jenis_mengikuti_jabatan_tujuan(dunia):
    d = dunia
    # A destination in the employee's own OPD is a move between its units, whatever was chosen.
    u = buat(d, jabatan_tujuan=d.jab_a2, jenis=JenisMutasi.ANTAR_OPD)
    assert u.jenis == JenisMutasi.ANTAR_UNIT
    u = services.usulan_ubah(usulan=u, data={"jabatan_tujuan": d.jab_b}, actor=d.operator_a)
    assert u.jenis == JenisMutasi.ANTAR_OPD


def test_tenggat_hari_kerja_melewati_akhir_pekan():
    jumat = datetime.date(2026, 11, 27)
    assert services.tambah_hari_kerja(jumat, 1) == datetime.date(2026, 11, 30)
    assert services.tambah_hari_kerja(jumat, 5) == datetime.date(2026, 12, 4)


def test_tenggat_mengikuti_pengaturan(dunia):
    pengaturan = PengaturanMutasi.muat()
    pengaturan.hari_kerja_per_tahap = 10
    pengaturan.save()
    u = ajukan(dunia, buat(dunia))
    assert u.tenggat == services.tambah_hari_kerja(timezone.localdate(), 10)


# --- comments and documents --------------------------------------------------------------

PDF = b"%PDF-1.4\n%uji\n"


def test_komentar_oleh_yang_dapat_melihat(dunia, buat_pengguna):
    d = dunia
    u = buat(d)
    k = services.komentar_tambah(usulan=u, isi="Mohon dipercepat.", actor=d.kepala_b)
    assert k.penulis == d.kepala_b
    orang_luar = buat_pengguna(Peran.KEPALA_OPD, instansi=JabatanFactory().unit_kerja.instansi)
    with pytest.raises(PermissionDenied):
        services.komentar_tambah(usulan=u, isi="x", actor=orang_luar)
    with pytest.raises(ValidationError):
        services.komentar_tambah(usulan=u, isi="  ", actor=d.bkpsdm)


def test_dokumen_diunggah_ke_penyimpanan_privat_dan_diverifikasi(dunia, settings):
    d = dunia
    u = buat(d)
    jenis = JenisDokumen.objects.get(kode="sk-jabatan")
    dok = services.dokumen_unggah(
        usulan=u,
        jenis_dokumen=jenis,
        berkas=SimpleUploadedFile("sk.pdf", PDF, "application/pdf"),
        actor=d.operator_a,
    )
    assert dok.tipe_konten == "application/pdf" and dok.ukuran == len(PDF)
    assert str(settings.PRIVATE_MEDIA_ROOT) in dok.berkas.path
    with pytest.raises(ValueError):
        dok.berkas.url  # noqa: B018 — never served by URL
    with pytest.raises(PermissionDenied):
        services.dokumen_verifikasi(dokumen=dok, verdik=VerdikDokumen.SESUAI, actor=d.kepala_a)
    with pytest.raises(ValidationError):
        services.dokumen_verifikasi(
            dokumen=dok, verdik=VerdikDokumen.PERLU_PERBAIKAN, actor=d.bkpsdm
        )
    dok = services.dokumen_verifikasi(
        dokumen=dok, verdik=VerdikDokumen.PERLU_PERBAIKAN, catatan="Tidak terbaca.", actor=d.bkpsdm
    )
    assert (dok.verdik, dok.diverifikasi_oleh) == (VerdikDokumen.PERLU_PERBAIKAN, d.bkpsdm)
    assert aksi_dicatat(u)[-2:] == [
        AksiPeristiwa.DOKUMEN_DIUNGGAH,
        AksiPeristiwa.DOKUMEN_DIVERIFIKASI,
    ]


@pytest.mark.parametrize(
    ("nama", "isi", "pesan"),
    [
        ("surat.docx", b"PK\x03\x04", "PDF, JPG, atau PNG"),
        ("surat.pdf", b"bukan pdf", "tidak sesuai"),
        ("foto.png", b"\xff\xd8\xff\xe0 jpeg", "tidak sesuai"),
    ],
)
def test_dokumen_jenis_berkas_divalidasi(dunia, nama, isi, pesan):
    d = dunia
    with pytest.raises(ValidationError, match=pesan):
        services.dokumen_unggah(
            usulan=buat(d),
            jenis_dokumen=JenisDokumen.objects.get(kode="sk-jabatan"),
            berkas=SimpleUploadedFile(nama, isi),
            actor=d.operator_a,
        )


def test_dokumen_terlalu_besar_ditolak(dunia, settings):
    settings.UNGGAHAN_MAKS_BYTE = 10
    with pytest.raises(ValidationError, match="melebihi batas"):
        services.dokumen_unggah(
            usulan=buat(dunia),
            jenis_dokumen=JenisDokumen.objects.get(kode="sk-jabatan"),
            berkas=SimpleUploadedFile("sk.pdf", PDF + b"x" * 20),
            actor=dunia.operator_a,
        )


def test_daftar_dokumen_bawaan_sesuai_jenis_mutasi(dunia):
    d = dunia
    from usulan_mutasi.selectors import kelengkapan_dokumen

    u = buat(d)
    kode = {b["jenis"].kode for b in kelengkapan_dokumen(u)}
    assert {"persetujuan-melepas", "persetujuan-menerima", "skp-2-tahun"} <= kode
    assert "surat-permohonan" not in kode  # only for transfers at the employee's own request
    assert "pertek-bkn" not in kode


# --- SK -----------------------------------------------------------------------------------


def disetujui(d, pegawai=None, jabatan_tujuan=None):
    u = ajukan(d, buat(d, pegawai=pegawai or d.pegawai, jabatan_tujuan=jabatan_tujuan))
    for actor in (d.bkpsdm, d.kepala_a, d.kepala_b, d.tim, d.ppk):
        u = services.usulan_setujui(usulan=u, actor=actor)
    assert u.status == S.DISETUJUI
    return u


def sk_baru(d, usulan, *, tmt, actor=None):
    return services.sk_buat(
        usulan_ids=[x.pk for x in usulan],
        tanggal=datetime.date(2026, 11, 20),
        tmt=tmt,
        penandatangan_nama="Wali Kota Pematangsiantar",
        actor=actor or d.bkpsdm,
    )


def test_sk_memberlakukan_semua_usulan_sekaligus(dunia):
    d = dunia
    kedua = PegawaiFactory(jabatan=d.jab_a, tmt_jabatan=datetime.date(2019, 5, 1))
    u1 = disetujui(d)
    u2 = disetujui(d, pegawai=kedua)
    with pytest.raises(PermissionDenied):
        sk_baru(d, [u1, u2], tmt=datetime.date(2027, 1, 1), actor=d.ppk)
    sk = sk_baru(d, [u1, u2], tmt=datetime.date(2027, 1, 1))
    assert set(sk.usulan.values_list("status", flat=True)) == {S.DALAM_SK}
    sk = services.sk_tetapkan(sk=sk, actor=d.bkpsdm, hari_ini=datetime.date(2026, 11, 30))
    assert sk.status == StatusSK.DITETAPKAN  # TMT still ahead
    sk = services.sk_berlakukan(sk=sk, actor=d.bkpsdm)
    assert sk.status == StatusSK.BERLAKU and sk.berlaku_pada is not None
    for u, pegawai in [(u1, d.pegawai), (u2, kedua)]:
        u.refresh_from_db()
        pegawai.refresh_from_db()
        assert u.status == S.BERLAKU
        assert (pegawai.jabatan, pegawai.tmt_jabatan) == (d.jab_b, datetime.date(2027, 1, 1))
        baru = RiwayatJabatan.objects.get(pegawai=pegawai, tanggal_selesai__isnull=True)
        assert (baru.jabatan, baru.nomor_sk) == (d.jab_b, sk.nomor)
        lama = RiwayatJabatan.objects.get(pegawai=pegawai, jabatan=d.jab_a)
        assert lama.tanggal_selesai == datetime.date(2026, 12, 31)  # the day before the TMT
        assert aksi_dicatat(u)[-3:] == [
            AksiPeristiwa.MASUK_SK,
            AksiPeristiwa.SK_DITETAPKAN,
            AksiPeristiwa.BERLAKU,
        ]
    # A second run changes nothing.
    services.sk_berlakukan(sk=sk, actor=d.bkpsdm)
    assert RiwayatJabatan.objects.filter(pegawai=d.pegawai).count() == 2


def test_sk_gagal_berlaku_tidak_mengubah_siapa_pun(dunia):
    d = dunia
    kedua = PegawaiFactory(jabatan=d.jab_a, tmt_jabatan=datetime.date(2026, 1, 1))
    u1 = disetujui(d)
    u2 = disetujui(d, pegawai=kedua)
    sk = sk_baru(d, [u1, u2], tmt=datetime.date(2026, 12, 1))
    sk = services.sk_tetapkan(sk=sk, actor=d.bkpsdm, hari_ini=datetime.date(2026, 11, 30))
    # The second employee's position now starts after the TMT: the whole SK must roll back.
    RiwayatJabatan.objects.filter(pegawai=kedua).update(tanggal_mulai=datetime.date(2027, 1, 1))
    with pytest.raises(ValidationError):
        services.sk_berlakukan(sk=sk, actor=d.bkpsdm)
    d.pegawai.refresh_from_db()
    assert d.pegawai.jabatan == d.jab_a
    assert set(UsulanMutasi.objects.values_list("status", flat=True)) == {S.DALAM_SK}
    sk.refresh_from_db()
    assert sk.status == StatusSK.DITETAPKAN


def test_sk_ditetapkan_dengan_tmt_lewat_langsung_berlaku(dunia):
    d = dunia
    u = disetujui(d)
    sk = sk_baru(d, [u], tmt=datetime.date(2026, 11, 25))
    sk = services.sk_tetapkan(sk=sk, actor=d.bkpsdm, hari_ini=datetime.date(2026, 11, 30))
    assert sk.status == StatusSK.BERLAKU
    d.pegawai.refresh_from_db()
    assert d.pegawai.jabatan == d.jab_b


def test_sk_hanya_untuk_usulan_disetujui(dunia):
    d = dunia
    u = ajukan(d, buat(d))
    with pytest.raises(ValidationError, match="hanya usulan yang sudah disetujui"):
        sk_baru(d, [u], tmt=datetime.date(2027, 1, 1))
    assert not SuratKeputusan.objects.exists()


def test_sk_dalam_masa_pembekuan_butuh_persetujuan_mendagri(dunia):
    d = dunia
    pengaturan = PengaturanMutasi.muat()
    pengaturan.pembekuan_mulai = datetime.date(2026, 11, 1)
    pengaturan.pembekuan_selesai = datetime.date(2027, 3, 1)
    pengaturan.save()
    u = disetujui(d)
    with pytest.raises(ValidationError, match="persetujuan tertulis Mendagri"):
        sk_baru(d, [u], tmt=datetime.date(2027, 1, 1))
    sk = services.sk_buat(
        usulan_ids=[u.pk],
        tanggal=datetime.date(2026, 11, 20),
        tmt=datetime.date(2027, 1, 1),
        penandatangan_nama="Wali Kota",
        nomor_persetujuan_mendagri="100.2.2.6/1234/OTDA",
        actor=d.bkpsdm,
    )
    assert sk.dalam_masa_pembekuan
    # As a flag only, the decree goes through marked.
    pengaturan.pembekuan_memblokir = False
    pengaturan.save()
    services.sk_keluarkan_usulan(sk=sk, usulan=u, actor=d.bkpsdm)
    sk2 = sk_baru(d, [u], tmt=datetime.date(2027, 1, 1))
    assert sk2.dalam_masa_pembekuan


def test_sk_mutasi_keluar_menonaktifkan_pegawai(dunia):
    d = dunia
    u = services.usulan_buat(
        pegawai=d.pegawai,
        jenis=JenisMutasi.KELUAR,
        alasan=AlasanMutasi.PERMINTAAN_SENDIRI,
        instansi_luar="Pemerintah Provinsi Sumatera Utara",
        actor=d.bkpsdm,
    )
    u = ajukan(d, u, actor=d.bkpsdm)
    for actor in (d.bkpsdm, d.kepala_a, d.tim, d.ppk):
        u = services.usulan_setujui(usulan=u, actor=actor)
    sk = sk_baru(d, [u], tmt=datetime.date(2026, 11, 25))
    services.sk_tetapkan(sk=sk, actor=d.bkpsdm, hari_ini=datetime.date(2026, 11, 30))
    d.pegawai.refresh_from_db()
    assert not d.pegawai.aktif


def test_status_tidak_dapat_ditulis_langsung(dunia):
    u = buat(dunia)
    with pytest.raises(AttributeError):
        u.status = S.DISETUJUI


# --- late steps and admin -----------------------------------------------------------------


def test_usulan_terlambat_hanya_tahap_persetujuan_yang_lewat_tenggat(dunia):
    from usulan_mutasi.selectors import usulan_terlambat

    d = dunia
    hari_ini = datetime.date(2026, 12, 10)
    lewat = UsulanMutasiFactory(status=S.PERSETUJUAN_ASAL, tenggat=datetime.date(2026, 12, 9))
    UsulanMutasiFactory(status=S.PERSETUJUAN_ASAL, tenggat=hari_ini)
    UsulanMutasiFactory(status=S.DISETUJUI, tenggat=datetime.date(2026, 12, 1))
    assert list(usulan_terlambat(d.bkpsdm, hari_ini=hari_ini)) == [lewat]
    assert list(usulan_terlambat(d.kepala_a, hari_ini=hari_ini)) == []


def test_admin_alur_hanya_baca_daftar_dokumen_dan_pengaturan_dapat_diubah(dunia, client):
    d = dunia
    u = ajukan(d, buat(d))
    client.force_login(d.admin)
    for url in [
        "/admin/usulan_mutasi/usulanmutasi/",
        f"/admin/usulan_mutasi/usulanmutasi/{u.pk}/change/",
        "/admin/usulan_mutasi/peristiwausulan/",
        "/admin/usulan_mutasi/suratkeputusan/",
        "/admin/usulan_mutasi/jenisdokumen/",
    ]:
        assert client.get(url).status_code == 200, url
    assert client.get("/admin/usulan_mutasi/usulanmutasi/add/").status_code == 403
    # The settings list is a detour to the single row.
    resp = client.get("/admin/usulan_mutasi/pengaturanmutasi/")
    assert resp.status_code == 302
    resp = client.post(
        resp["Location"],
        {
            "masa_jabatan_minimal_bulan": 24,
            "hari_kerja_per_tahap": 5,
            "batas_turun_kelas": 3,
            "pembekuan_mulai": "",
            "pembekuan_selesai": "",
            "pembekuan_catatan": "",
        },
    )
    assert resp.status_code == 302
    assert PengaturanMutasi.muat().masa_jabatan_minimal_bulan == 24
    assert PengaturanMutasi.muat().batas_turun_kelas == 3
    # An admin may correct a clerical field but never the status.
    halaman = client.get(f"/admin/usulan_mutasi/usulanmutasi/{u.pk}/change/").content.decode()
    assert 'name="status"' not in halaman and 'name="justifikasi"' in halaman


def test_jabatan_tujuan_tidak_aktif_ditolak(dunia):
    d = dunia
    d.jab_b.aktif = False
    d.jab_b.save()
    with pytest.raises(ValidationError) as exc:
        buat(d)
    assert "tidak aktif" in exc.value.message_dict["jabatan_tujuan"][0]


def test_demo_usulan_semua_status_idempoten_tanpa_email(django_capture_on_commit_callbacks):
    from django.core import mail

    from mutasi_asn.demo.pengguna import buat_pengguna_demo
    from mutasi_asn.demo.register import buat_register_demo
    from mutasi_asn.demo.usulan import buat_usulan_demo

    buat_register_demo(jumlah_pegawai=600)
    buat_pengguna_demo()
    with django_capture_on_commit_callbacks(execute=True):
        hasil = buat_usulan_demo()
    assert hasil.usulan >= 20 and hasil.sk == 2
    assert set(UsulanMutasi.objects.values_list("status", flat=True)) == set(S.values)
    assert mail.outbox == []
    assert buat_usulan_demo().usulan == 0


# --- the ABK impact kept at each decision (issue #8, item 3) -------------------------------


def test_dampak_dicatat_pada_setiap_keputusan_dan_tetap_setelah_berlaku(dunia, client):
    from analisis_beban.models import HasilABK
    from tests.usulan_mutasi.test_rules import hasil_abk

    d = dunia
    hasil_abk(d.jab_a, beban_menit=14 * 75000, bezetting=15)  # need 14, 15 holders
    hasil_abk(d.jab_b, beban_menit=5 * 75000, bezetting=3)  # need 5, 3 holders
    u = disetujui(d)
    sk = sk_baru(d, [u], tmt=datetime.date(2026, 11, 20))
    services.sk_tetapkan(sk=sk, actor=d.bkpsdm, hari_ini=datetime.date(2026, 11, 30))
    u.refresh_from_db()
    assert u.status == S.BERLAKU
    cuplikan = dict(
        PeristiwaUsulan.objects.filter(usulan=u, dampak__isnull=False).values_list("aksi", "dampak")
    )
    assert set(cuplikan) == {
        AksiPeristiwa.DIAJUKAN,
        AksiPeristiwa.DIPUTUSKAN,
        AksiPeristiwa.BERLAKU,
    }
    for c in cuplikan.values():
        assert (c["asal"]["sebelum"]["bezetting"], c["asal"]["sesudah"]["bezetting"]) == (15, 14)
        assert (c["tujuan"]["sebelum"]["bezetting"], c["tujuan"]["sesudah"]["bezetting"]) == (3, 4)
        assert c["periode"]["tahun"] == 2026
    # The recalculation after the move: the origin now holds 14.
    HasilABK.objects.filter(jabatan=d.jab_a).update(bezetting=14, selisih=0)
    HasilABK.objects.filter(jabatan=d.jab_b).update(bezetting=4, selisih=-1)
    client.force_login(d.bkpsdm)
    resp = client.get(u.get_absolute_url())
    diputuskan = resp.context["cuplikan"][0]
    assert diputuskan["label"] == "saat berlaku"
    assert diputuskan["dampak"]["asal"]["sebelum"]["bezetting"] == 15
    saat_ini = resp.context["dampak"]
    assert saat_ini["sudah_berlaku"]
    assert saat_ini["asal"]["sesudah"]["bezetting"] == 14  # as it stands: not 14 → 13
    assert saat_ini["tujuan"]["sesudah"]["bezetting"] == 4
    isi = resp.content.decode()
    assert 'data-testid="dampak-saat-diputuskan"' in isi and "Saat ini" in isi
    assert "15 → <strong" in isi and "14 → <strong" not in isi


# --- mandatory documents (issue #8, item 5) --------------------------------------------------


def _unggah(d, u, kode, *nama, actor=None):
    return services.dokumen_unggah_banyak(
        usulan=u,
        jenis_dokumen=JenisDokumen.objects.get(kode=kode),
        daftar_berkas=[SimpleUploadedFile(n, PDF, "application/pdf") for n in nama],
        actor=actor or d.operator_a,
    )


WAJIB_ANTAR_OPD = [
    "sk-pangkat",
    "sk-jabatan",
    "skp-2-tahun",
    "bebas-hukuman-disiplin",
    "bebas-tugas-belajar",
    "bebas-temuan",
]


def test_verifikasi_ditolak_selama_dokumen_wajib_belum_ada_atau_belum_sesuai(dunia):
    d = dunia
    u = services.usulan_ajukan(usulan=buat(d), actor=d.operator_a, justifikasi_peringatan="Perlu.")
    for kode in WAJIB_ANTAR_OPD[:-1]:
        _unggah(d, u, kode, f"{kode}.pdf")
    with pytest.raises(ValidationError) as exc:
        services.usulan_setujui(usulan=u, actor=d.bkpsdm)
    pesan = exc.value.messages[0]
    assert "Surat keterangan bebas temuan dari Inspektorat (belum diunggah)" in pesan
    assert "SK pangkat terakhir (belum diperiksa)" in pesan
    # What the system holds is never asked for: the ABK figures and the heads' approvals.
    assert "Analisis beban kerja" not in pesan and "persetujuan melepas" not in pesan
    _unggah(d, u, "bebas-temuan", "temuan.pdf")
    services.dokumen_verifikasi_semua(usulan=u, actor=d.bkpsdm)
    skp = u.dokumen.get(jenis_dokumen__kode="skp-2-tahun")
    services.dokumen_verifikasi(
        dokumen=skp,
        verdik=VerdikDokumen.PERLU_PERBAIKAN,
        catatan="SKP 2025 belum ada.",
        actor=d.bkpsdm,
    )
    with pytest.raises(ValidationError) as exc:
        services.usulan_setujui(usulan=u, actor=d.bkpsdm)
    assert "SKP 2 tahun terakhir (perlu perbaikan: SKP 2025 belum ada.)" in exc.value.messages[0]
    u.refresh_from_db()
    assert u.status == S.DIAJUKAN
    _unggah(d, u, "skp-2-tahun", "skp-2024.pdf", "skp-2025.pdf")
    services.dokumen_verifikasi_semua(usulan=u, actor=d.bkpsdm)
    u = services.usulan_setujui(usulan=u, actor=d.bkpsdm)
    assert u.status == S.PERSETUJUAN_ASAL


def test_semua_sesuai_menerima_yang_belum_diperiksa_dalam_satu_peristiwa(dunia):
    d = dunia
    u = buat(d)
    _unggah(d, u, "sk-pangkat", "pangkat.pdf")
    perbaikan = _unggah(d, u, "sk-jabatan", "jabatan.pdf")[0]
    services.dokumen_verifikasi(
        dokumen=perbaikan, verdik=VerdikDokumen.PERLU_PERBAIKAN, catatan="Buram.", actor=d.bkpsdm
    )
    with pytest.raises(PermissionDenied):
        services.dokumen_verifikasi_semua(usulan=u, actor=d.operator_a)
    diterima = services.dokumen_verifikasi_semua(usulan=u, actor=d.bkpsdm)
    assert [x.nama_asli for x in diterima] == ["pangkat.pdf"]
    perbaikan.refresh_from_db()
    assert perbaikan.verdik == VerdikDokumen.PERLU_PERBAIKAN  # kept until replaced
    terakhir = PeristiwaUsulan.objects.filter(usulan=u).latest("pk")
    assert terakhir.catatan == "Semua sesuai: SK pangkat terakhir: pangkat.pdf"
    with pytest.raises(ValidationError, match="Tidak ada dokumen yang belum diperiksa"):
        services.dokumen_verifikasi_semua(usulan=u, actor=d.bkpsdm)


def test_unggah_banyak_berkas_satu_peristiwa_dan_semua_atau_tidak_sama_sekali(dunia):
    d = dunia
    u = buat(d)
    dokumen = _unggah(d, u, "skp-2-tahun", "skp-2024.pdf", "skp-2025.pdf")
    assert [x.nama_asli for x in dokumen] == ["skp-2024.pdf", "skp-2025.pdf"]
    assert aksi_dicatat(u).count(AksiPeristiwa.DOKUMEN_DIUNGGAH) == 1
    assert PeristiwaUsulan.objects.filter(usulan=u).latest("pk").catatan == (
        "SKP 2 tahun terakhir: skp-2024.pdf, skp-2025.pdf"
    )
    with pytest.raises(ValidationError) as exc:
        services.dokumen_unggah_banyak(
            usulan=u,
            jenis_dokumen=JenisDokumen.objects.get(kode="sk-pangkat"),
            daftar_berkas=[
                SimpleUploadedFile("baik.pdf", PDF),
                SimpleUploadedFile("rusak.pdf", b"bukan pdf"),
            ],
            actor=d.operator_a,
        )
    assert "rusak.pdf: Isi berkas tidak sesuai" in exc.value.messages[0]
    assert not u.dokumen.filter(jenis_dokumen__kode="sk-pangkat").exists()


def test_dokumen_yang_dipenuhi_sistem_tidak_diunggah_dan_tercatat_dari_alur(dunia):
    from usulan_mutasi.selectors import kelengkapan_dokumen

    d = dunia
    with pytest.raises(ValidationError, match="dipenuhi oleh sistem"):
        _unggah(d, buat(d), "persetujuan-melepas", "melepas.pdf")
    u = disetujui(d, pegawai=PegawaiFactory(jabatan=d.jab_a))
    sistem = {b["jenis"].kode: b["sistem"] for b in kelengkapan_dokumen(u) if b["sistem"]}
    assert set(sistem) == {"abk-jabatan", "persetujuan-melepas", "persetujuan-menerima"}
    assert all(s["terpenuhi"] for s in sistem.values())
    assert f"disetujui {d.kepala_a}" in sistem["persetujuan-melepas"]["keterangan"]
    assert "tercatat saat diajukan" in sistem["abk-jabatan"]["keterangan"]
