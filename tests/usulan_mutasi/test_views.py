"""Pages of the transfer proposals: who may open what, another agency's proposal (and its
documents and actions) is a 404, every refused action shows the service's message, and the list,
inbox and proposal pages make the same number of queries for 3 rows as for 30."""

import datetime
from types import SimpleNamespace

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    UsulanMutasiFactory,
    dokumen_lengkap,
)
from usulan_mutasi import services
from usulan_mutasi.choices import StatusSK, StatusUsulan, VerdikDokumen
from usulan_mutasi.models import (
    DokumenUsulan,
    JenisDokumen,
    KomentarUsulan,
    SuratKeputusan,
    UsulanMutasi,
)

S = StatusUsulan
PDF = b"%PDF-1.4\n%uji\n"


@pytest.fixture
def dunia(buat_pengguna, instansi_a, instansi_b):
    instansi_c = InstansiFactory(nama="Dinas Lain Uji")
    unit_a = UnitKerjaFactory(instansi=instansi_a)
    unit_b = UnitKerjaFactory(instansi=instansi_b)
    jab_a = JabatanFactory(unit_kerja=unit_a, nama="Perawat Uji")
    jab_b = JabatanFactory(unit_kerja=unit_b, nama="Guru Uji")
    return SimpleNamespace(
        instansi_a=instansi_a,
        instansi_b=instansi_b,
        instansi_c=instansi_c,
        jab_a=jab_a,
        jab_b=jab_b,
        jab_c=JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_c)),
        pegawai=PegawaiFactory(jabatan=jab_a, nama="Rina Uji"),
        bkpsdm=buat_pengguna(Peran.BKPSDM),
        operator_a=buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a),
        kepala_a=buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_a),
        kepala_b=buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_b),
        operator_c=buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_c),
        kepala_c=buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_c),
        tim=buat_pengguna(Peran.TIM_PENILAI),
        ppk=buat_pengguna(Peran.PPK),
        tanpa_peran=buat_pengguna(None),
    )


def usulan_dari(d, status=S.DRAF, **kwargs):
    kwargs.setdefault("pegawai", PegawaiFactory(jabatan=d.jab_a))
    kwargs.setdefault("jabatan_tujuan", d.jab_b)
    kwargs.setdefault("diusulkan_oleh", d.operator_a)
    kwargs.setdefault("instansi_pengusul", d.instansi_a)
    kwargs.setdefault("tenggat", timezone.localdate() + datetime.timedelta(days=3))
    return UsulanMutasiFactory(status=status, **kwargs)


def pesan(resp) -> list[str]:
    return [str(m) for m in resp.context["messages"]] if resp.context else []


def ikuti(client, resp):
    assert resp.status_code == 302, resp.status_code
    return client.get(resp["Location"])


# --- permission and scope -----------------------------------------------------------------


@pytest.mark.parametrize(
    "nama,kode",
    [
        ("bkpsdm", 200),
        ("operator_a", 200),
        ("kepala_a", 200),
        ("tim", 200),
        ("ppk", 200),
        ("tanpa_peran", 403),
    ],
)
def test_halaman_daftar_dan_kotak_masuk_per_peran(client, dunia, nama, kode):
    client.force_login(getattr(dunia, nama))
    assert client.get(reverse("usulan_mutasi:usulan_list")).status_code == kode
    assert client.get(reverse("usulan_mutasi:inbox")).status_code == 200


def test_tamu_diarahkan_ke_halaman_masuk(client, dunia):
    resp = client.get(reverse("usulan_mutasi:usulan_list"))
    assert resp.status_code == 302 and "/masuk/" in resp["Location"]


@pytest.mark.parametrize("nama,kode", [("bkpsdm", 200), ("operator_a", 200), ("kepala_a", 403)])
def test_formulir_usulan_hanya_untuk_pengusul(client, dunia, nama, kode):
    client.force_login(getattr(dunia, nama))
    assert client.get(reverse("usulan_mutasi:usulan_add")).status_code == kode


def test_daftar_instansi_hanya_melihat_usulan_yang_menyentuh_instansinya(client, dunia):
    milik_a = usulan_dari(dunia)
    lain = usulan_dari(
        dunia,
        pegawai=PegawaiFactory(jabatan=dunia.jab_c),
        jabatan_tujuan=JabatanFactory(unit_kerja=dunia.jab_c.unit_kerja),
        jenis="antar_unit",
        diusulkan_oleh=dunia.operator_c,
        instansi_pengusul=dunia.instansi_c,
    )
    client.force_login(dunia.kepala_b)  # the destination side sees it too
    isi = client.get(reverse("usulan_mutasi:usulan_list")).content.decode()
    assert milik_a.nomor in isi and lain.nomor not in isi
    client.force_login(dunia.bkpsdm)
    isi = client.get(reverse("usulan_mutasi:usulan_list")).content.decode()
    assert milik_a.nomor in isi and lain.nomor in isi


def test_usulan_instansi_lain_404_termasuk_dokumen_dan_aksi(client, dunia):
    u = usulan_dari(dunia, status=S.PERSETUJUAN_ASAL)
    jenis = JenisDokumen.objects.get(kode="sk-jabatan")
    dok = services.dokumen_unggah(
        usulan=u,
        jenis_dokumen=jenis,
        berkas=SimpleUploadedFile("sk.pdf", PDF, "application/pdf"),
        actor=dunia.bkpsdm,
    )
    client.force_login(dunia.kepala_c)
    assert client.get(u.get_absolute_url()).status_code == 404
    assert client.get(reverse("usulan_mutasi:usulan_edit", args=[u.pk])).status_code == 403
    client.force_login(dunia.operator_c)
    assert client.get(reverse("usulan_mutasi:usulan_edit", args=[u.pk])).status_code == 404
    client.force_login(dunia.kepala_c)
    for aksi in ("ajukan", "setujui", "kembalikan", "tolak", "batalkan"):
        url = reverse("usulan_mutasi:usulan_aksi", args=[u.pk, aksi])
        assert client.post(url, {"alasan": "x"}).status_code == 404
    assert client.get(reverse("usulan_mutasi:dokumen_unduh", args=[dok.pk])).status_code == 404
    url = reverse("usulan_mutasi:dokumen_verifikasi", args=[dok.pk])
    assert client.post(url, {"verdik": "sesuai"}).status_code == 404
    url = reverse("usulan_mutasi:dokumen_add", args=[u.pk])
    assert client.post(url, {"jenis_dokumen": jenis.pk}).status_code == 404
    url = reverse("usulan_mutasi:komentar_add", args=[u.pk])
    assert client.post(url, {"isi": "halo"}).status_code == 404
    u.refresh_from_db()
    assert u.status == S.PERSETUJUAN_ASAL
    assert not KomentarUsulan.objects.exists()


def test_dokumen_diunduh_oleh_yang_boleh_melihat_usulan(client, dunia):
    u = usulan_dari(dunia)
    dok = services.dokumen_unggah(
        usulan=u,
        jenis_dokumen=JenisDokumen.objects.get(kode="sk-jabatan"),
        berkas=SimpleUploadedFile("sk jabatan.pdf", PDF, "application/pdf"),
        actor=dunia.operator_a,
    )
    client.force_login(dunia.kepala_b)
    resp = client.get(reverse("usulan_mutasi:dokumen_unduh", args=[dok.pk]))
    assert resp.status_code == 200
    assert resp["Content-Type"] == "application/pdf"
    assert b"".join(resp.streaming_content) == PDF
    assert "attachment" in resp["Content-Disposition"]


# --- the form -----------------------------------------------------------------------------


def data_form(d, **lain):
    return {
        "pegawai": d.pegawai.pk,
        "jenis": "antar_opd",
        "jabatan_tujuan": d.jab_b.pk,
        "alasan": "pemerataan",
        "justifikasi": "Guru kurang di sekolah tujuan.",
        "justifikasi_peringatan": "",
        **lain,
    }


def test_operator_membuat_draf_lalu_halaman_usulan(client, dunia):
    client.force_login(dunia.operator_a)
    resp = client.post(reverse("usulan_mutasi:usulan_add"), data_form(dunia, simpan="1"))
    u = UsulanMutasi.objects.get()
    assert resp["Location"] == u.get_absolute_url()
    assert u.status == S.DRAF and u.instansi_tujuan == dunia.instansi_b
    halaman = client.get(u.get_absolute_url())
    isi = halaman.content.decode()
    assert "Usulan dibuat" in isi and "Guru Uji" in isi
    assert halaman.context["boleh_ajukan"] and halaman.context["boleh_batal"]


def test_ajukan_dengan_peringatan_meminta_justifikasi_lalu_berhasil(client, dunia):
    client.force_login(dunia.operator_a)
    url = reverse("usulan_mutasi:usulan_add")
    # No ABK result for the destination: a warning, so a justification is required.
    resp = client.post(url, data_form(dunia, ajukan="1"))
    assert resp.status_code == 200
    galat = resp.context["form"].errors["justifikasi_peringatan"]
    assert any("Belum ada hasil ABK" in e for e in galat)
    assert not UsulanMutasi.objects.exists()  # nothing half-done
    resp = client.post(
        url, data_form(dunia, ajukan="1", justifikasi_peringatan="ABK tujuan sedang disusun.")
    )
    u = UsulanMutasi.objects.get()
    assert resp.status_code == 302 and u.status == S.DIAJUKAN


def test_blok_kelayakan_ditampilkan_sebagai_galat(client, dunia):
    dunia.pegawai.tugas_belajar = True
    dunia.pegawai.save()
    client.force_login(dunia.operator_a)
    resp = client.post(
        reverse("usulan_mutasi:usulan_add"),
        data_form(dunia, ajukan="1", justifikasi_peringatan="x"),
    )
    assert resp.status_code == 200
    assert any("tugas belajar" in e for e in resp.context["form"].non_field_errors())
    assert "tugas belajar" in resp.content.decode()


def test_operator_tidak_bisa_mengusulkan_pegawai_instansi_lain(client, dunia):
    orang_c = PegawaiFactory(jabatan=dunia.jab_c)
    client.force_login(dunia.operator_a)
    resp = client.post(
        reverse("usulan_mutasi:usulan_add"), data_form(dunia, pegawai=orang_c.pk, simpan="1")
    )
    assert resp.status_code == 200 and "pegawai" in resp.context["form"].errors
    assert not UsulanMutasi.objects.exists()


def test_operator_boleh_mengubah_tujuan_ke_instansi_ketiga_karena_asal_miliknya(client, dunia):
    client.force_login(dunia.bkpsdm)
    u = usulan_dari(dunia, diusulkan_oleh=dunia.operator_a)
    client.force_login(dunia.operator_a)
    resp = client.post(
        reverse("usulan_mutasi:usulan_edit", args=[u.pk]),
        data_form(dunia, jabatan_tujuan=dunia.jab_c.pk, simpan="1"),
    )
    # Own agency remains the origin, so this is allowed; the form reloads the proposal page.
    assert resp.status_code == 302


def test_pencarian_pegawai_dan_jabatan_tujuan(client, dunia):
    PegawaiFactory(jabatan=dunia.jab_c, nama="Rina Lain")
    client.force_login(dunia.operator_a)
    hasil = client.get(reverse("usulan_mutasi:pegawai_cari"), {"q": "Rina"}).json()["hasil"]
    assert [h["id"] for h in hasil] == [dunia.pegawai.pk]  # scoped: not the other agency's
    nip = dunia.pegawai.nip
    hasil = client.get(
        reverse("usulan_mutasi:pegawai_cari"), {"q": f"{nip[:8]} {nip[8:14]}"}
    ).json()["hasil"]
    assert [h["id"] for h in hasil] == [dunia.pegawai.pk]
    hasil = client.get(reverse("usulan_mutasi:jabatan_tujuan_cari"), {"q": "Guru"}).json()
    assert [h["id"] for h in hasil["hasil"]] == [dunia.jab_b.pk]
    client.force_login(dunia.kepala_a)
    assert client.get(reverse("usulan_mutasi:pegawai_cari"), {"q": "Rina"}).status_code == 403


def abk_guru_dua_orang(d):
    """An ABK result for the destination (jab_b): a workload of two persons, nobody holding it."""
    from analisis_beban.choices import StatusPeriode
    from analisis_beban.models import PeriodeABK, UraianTugas
    from analisis_beban.services import abk_hitung

    p, _ = PeriodeABK.objects.get_or_create(
        tahun=timezone.localdate().year, defaults={"status": StatusPeriode.BERLAKU}
    )
    UraianTugas.objects.create(
        periode=p,
        jabatan=d.jab_b,
        uraian="Mengajar",
        hasil_kerja="Jam",
        satuan="jam",
        volume=3000,
        norma_waktu_menit=50,
    )
    abk_hitung(periode=p)


def test_pratinjau_dampak_htmx(client, dunia):
    abk_guru_dua_orang(dunia)
    client.force_login(dunia.operator_a)
    resp = client.get(
        reverse("usulan_mutasi:dampak"),
        {"pegawai": dunia.pegawai.pk, "jabatan_tujuan": dunia.jab_b.pk, "jenis": "antar_opd"},
    )
    isi = resp.content.decode()
    assert resp.status_code == 200
    assert 'data-testid="dampak-asal"' in isi and 'data-testid="dampak-tujuan"' in isi
    tujuan = resp.context["dampak"]["tujuan"]
    assert tujuan["sebelum"]["bezetting"] == 0 and tujuan["sesudah"]["bezetting"] == 1
    asal = resp.context["dampak"]["asal"]
    assert asal["sebelum"]["bezetting"] == 1 and asal["sesudah"]["bezetting"] == 0


# --- actions and their error messages -----------------------------------------------------


def aksi(client, u, nama, **data):
    return client.post(reverse("usulan_mutasi:usulan_aksi", args=[u.pk, nama]), data)


def test_rantai_persetujuan_lewat_tombol(client, dunia):
    u = dokumen_lengkap(usulan_dari(dunia, status=S.DIAJUKAN), dunia.bkpsdm)
    for user in (dunia.bkpsdm, dunia.kepala_a, dunia.kepala_b, dunia.tim, dunia.ppk):
        client.force_login(user)
        halaman = client.get(u.get_absolute_url())
        assert halaman.context["boleh_putuskan"], user
        resp = ikuti(
            client, aksi(client, u, "setujui", status_dibaca=halaman.context["object"].status)
        )
        assert not [m for m in pesan(resp) if "tidak" in m.lower()], pesan(resp)
    u.refresh_from_db()
    assert u.status == S.DISETUJUI
    assert u.peristiwa.count() == 5


@pytest.mark.parametrize(
    "nama,data,potongan",
    [
        ("setujui", {}, "hanya dapat diputuskan oleh"),
        ("kembalikan", {"alasan": ""}, "Tuliskan apa yang harus diperbaiki"),
        ("tolak", {"alasan": ""}, "Alasan penolakan wajib diisi"),
        ("batalkan", {}, "Hanya pengusul"),
        ("ajukan", {}, "Hanya pengusul"),
    ],
)
def test_setiap_aksi_yang_ditolak_menampilkan_pesan(client, dunia, nama, data, potongan):
    u = usulan_dari(dunia, status=S.PERSETUJUAN_ASAL)
    pelaku = dunia.kepala_b if nama == "setujui" else dunia.kepala_a
    client.force_login(pelaku)
    resp = ikuti(client, aksi(client, u, nama, **data))
    assert resp.status_code == 200
    assert any(potongan in m for m in pesan(resp)), pesan(resp)
    u.refresh_from_db()
    assert u.status == S.PERSETUJUAN_ASAL


def test_aksi_pada_status_yang_sudah_berubah_memberi_pesan_bukan_500(client, dunia):
    u = usulan_dari(dunia, status=S.PERSETUJUAN_ASAL)
    client.force_login(dunia.kepala_a)
    resp = ikuti(client, aksi(client, u, "setujui", status_dibaca=S.DIAJUKAN))
    assert any("baru saja diproses" in m for m in pesan(resp))
    u.refresh_from_db()
    assert u.status == S.PERSETUJUAN_ASAL
    # A step already decided (another user was quicker): the service's own message.
    u2 = usulan_dari(dunia, status=S.DISETUJUI)
    resp = ikuti(client, aksi(client, u2, "tolak", alasan="Terlambat."))
    assert any("tidak sedang menunggu persetujuan" in m for m in pesan(resp))


def test_aksi_tidak_dikenal_404(client, dunia):
    u = usulan_dari(dunia)
    client.force_login(dunia.operator_a)
    assert aksi(client, u, "hapus").status_code == 404
    assert (
        client.get(reverse("usulan_mutasi:usulan_aksi", args=[u.pk, "ajukan"])).status_code == 405
    )


def test_ajukan_dari_halaman_dengan_justifikasi(client, dunia):
    u = usulan_dari(dunia)
    client.force_login(dunia.operator_a)
    resp = ikuti(client, aksi(client, u, "ajukan"))
    assert any("justifikasi" in m for m in pesan(resp))
    resp = ikuti(client, aksi(client, u, "ajukan", justifikasi_peringatan="ABK disusun."))
    u.refresh_from_db()
    assert u.status == S.DIAJUKAN


def test_kembalikan_dan_tolak_dengan_alasan(client, dunia):
    u = usulan_dari(dunia, status=S.DIAJUKAN)
    client.force_login(dunia.bkpsdm)
    ikuti(client, aksi(client, u, "kembalikan", alasan="Lengkapi SKP."))
    u.refresh_from_db()
    assert u.status == S.DIKEMBALIKAN and u.catatan_pengembalian == "Lengkapi SKP."
    u2 = usulan_dari(dunia, status=S.DIAJUKAN)
    ikuti(client, aksi(client, u2, "tolak", alasan="Tidak sesuai kebutuhan."))
    u2.refresh_from_db()
    assert u2.status == S.DITOLAK


def test_komentar_dan_pesan_kosong(client, dunia):
    u = usulan_dari(dunia)
    client.force_login(dunia.kepala_b)
    url = reverse("usulan_mutasi:komentar_add", args=[u.pk])
    resp = ikuti(client, client.post(url, {"isi": "  "}))
    assert any("tidak boleh kosong" in m for m in pesan(resp))
    ikuti(client, client.post(url, {"isi": "Kami siap menerima."}))
    assert "Kami siap menerima." in client.get(u.get_absolute_url()).content.decode()


def test_unggah_dokumen_dengan_pesan_yang_jelas(client, dunia):
    u = usulan_dari(dunia)
    jenis = JenisDokumen.objects.get(kode="sk-jabatan")
    client.force_login(dunia.operator_a)
    url = reverse("usulan_mutasi:dokumen_add", args=[u.pk])
    resp = ikuti(
        client,
        client.post(url, {"jenis_dokumen": jenis.pk, "berkas": SimpleUploadedFile("a.exe", b"MZ")}),
    )
    assert any("PDF, JPG, atau PNG" in m for m in pesan(resp))
    palsu = SimpleUploadedFile("a.pdf", b"bukan pdf sama sekali")
    resp = ikuti(client, client.post(url, {"jenis_dokumen": jenis.pk, "berkas": palsu}))
    assert any("tidak sesuai dengan ekstensinya" in m for m in pesan(resp))
    resp = ikuti(client, client.post(url, {"jenis_dokumen": jenis.pk}))
    assert any("Berkas" in m for m in pesan(resp))
    resp = ikuti(
        client,
        client.post(url, {"jenis_dokumen": jenis.pk, "berkas": SimpleUploadedFile("sk.pdf", PDF)}),
    )
    assert any("Dokumen diunggah" in m for m in pesan(resp))
    assert "sk.pdf" in resp.content.decode()


def test_verifikasi_dokumen_oleh_bkpsdm(client, dunia):
    u = usulan_dari(dunia)
    dok = services.dokumen_unggah(
        usulan=u,
        jenis_dokumen=JenisDokumen.objects.get(kode="sk-jabatan"),
        berkas=SimpleUploadedFile("sk.pdf", PDF),
        actor=dunia.operator_a,
    )
    url = reverse("usulan_mutasi:dokumen_verifikasi", args=[dok.pk])
    client.force_login(dunia.operator_a)
    resp = ikuti(client, client.post(url, {"verdik": "sesuai"}))
    assert any("diverifikasi oleh staf BKPSDM" in m for m in pesan(resp))
    client.force_login(dunia.bkpsdm)
    resp = ikuti(client, client.post(url, {"verdik": "perlu_perbaikan", "catatan": ""}))
    assert any("perlu diperbaiki" in m for m in pesan(resp))
    ikuti(client, client.post(url, {"verdik": "perlu_perbaikan", "catatan": "Tidak terbaca."}))
    dok.refresh_from_db()
    assert dok.verdik == VerdikDokumen.PERLU_PERBAIKAN
    assert "Tidak terbaca." in client.get(u.get_absolute_url()).content.decode()


# --- inbox and badge ----------------------------------------------------------------------


def test_kotak_masuk_dan_lencana_navigasi(client, dunia):
    usulan_dari(dunia, status=S.PERSETUJUAN_ASAL)
    terlambat = usulan_dari(
        dunia, status=S.PERSETUJUAN_ASAL, tenggat=timezone.localdate() - datetime.timedelta(1)
    )
    usulan_dari(dunia, status=S.PERSETUJUAN_TUJUAN)  # the other head's step
    client.force_login(dunia.kepala_a)
    resp = client.get(reverse("usulan_mutasi:inbox"))
    assert resp.context["paginator"].count == 2
    isi = resp.content.decode()
    assert terlambat.nomor in isi and "terlambat" in isi
    assert 'data-testid="lencana-menunggu"' in isi
    client.force_login(dunia.kepala_c)
    isi = client.get(reverse("usulan_mutasi:inbox")).content.decode()
    assert 'data-testid="lencana-menunggu"' not in isi


def test_navigasi_mutasi_per_peran(client, dunia):
    client.force_login(dunia.kepala_a)
    isi = client.get("/").content.decode()
    assert reverse("usulan_mutasi:usulan_list") in isi
    assert reverse("usulan_mutasi:inbox") in isi
    client.force_login(dunia.tanpa_peran)
    isi = client.get("/").content.decode()
    assert reverse("usulan_mutasi:usulan_list") not in isi


def test_daftar_menyaring_terlambat_dan_mencari_nip(client, dunia):
    biasa = usulan_dari(dunia, status=S.DIAJUKAN)
    terlambat = usulan_dari(
        dunia, status=S.DIAJUKAN, tenggat=timezone.localdate() - datetime.timedelta(2)
    )
    client.force_login(dunia.bkpsdm)
    url = reverse("usulan_mutasi:usulan_list")
    daftar = list(client.get(url, {"terlambat": "true"}).context["object_list"])
    assert daftar == [terlambat]
    nip = biasa.pegawai.nip
    cari = f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"
    assert list(client.get(url, {"q": cari}).context["object_list"]) == [biasa]
    assert list(client.get(url, {"q": biasa.nomor}).context["object_list"]) == [biasa]
    resp = client.get(url, {"format": "xlsx", "status": S.DIAJUKAN})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd")


# --- query counts -------------------------------------------------------------------------


def _jumlah_kueri(client, url, django_assert_max_num_queries):
    with django_assert_max_num_queries(200) as q:
        resp = client.get(url)
    assert resp.status_code == 200
    return len(q.captured_queries)


@pytest.mark.parametrize("halaman", ["usulan_list", "inbox"])
def test_jumlah_kueri_daftar_tetap_3_ke_30(client, dunia, halaman, django_assert_max_num_queries):
    client.force_login(dunia.bkpsdm)
    url = reverse(f"usulan_mutasi:{halaman}")
    for _ in range(3):
        usulan_dari(dunia, status=S.DIAJUKAN)
    sedikit = _jumlah_kueri(client, url, django_assert_max_num_queries)
    for _ in range(27):
        usulan_dari(dunia, status=S.DIAJUKAN)
    banyak = _jumlah_kueri(client, url, django_assert_max_num_queries)
    assert banyak == sedikit


def test_jumlah_kueri_halaman_usulan_tetap(client, dunia, django_assert_max_num_queries):
    u = usulan_dari(dunia, status=S.DIAJUKAN)
    jenis = JenisDokumen.objects.get(kode="sk-jabatan")

    def tambah(n):
        for i in range(n):
            services.komentar_tambah(usulan=u, isi=f"Komentar {i}", actor=dunia.kepala_b)
            DokumenUsulan.objects.create(
                usulan=u,
                jenis_dokumen=jenis,
                berkas=f"uji/{i}.pdf",
                nama_asli=f"{i}.pdf",
                ukuran=10,
                tipe_konten="application/pdf",
                diunggah_oleh=dunia.operator_a,
            )
            u.peristiwa.create(aksi="diubah", aktor=dunia.operator_a, catatan=f"ubah {i}")

    client.force_login(dunia.bkpsdm)
    tambah(3)
    sedikit = _jumlah_kueri(client, u.get_absolute_url(), django_assert_max_num_queries)
    tambah(27)
    banyak = _jumlah_kueri(client, u.get_absolute_url(), django_assert_max_num_queries)
    assert banyak == sedikit


# --- SK -----------------------------------------------------------------------------------


def test_sk_disusun_ditetapkan_dan_berlaku_hari_ini(client, dunia):
    u = usulan_dari(dunia, status=S.DISETUJUI, pegawai=dunia.pegawai)
    client.force_login(dunia.operator_a)
    assert client.get(reverse("usulan_mutasi:sk_add")).status_code == 403
    client.force_login(dunia.bkpsdm)
    hari_ini = timezone.localdate()
    resp = client.post(
        reverse("usulan_mutasi:sk_add"),
        {
            "usulan": [u.pk],
            "tanggal": hari_ini.isoformat(),
            "tmt": hari_ini.isoformat(),
            "perihal": "Mutasi PNS",
            "penandatangan_nama": "dr. Susanti Dewayani, Sp.A.",
            "penandatangan_jabatan": "Wali Kota Pematangsiantar",
        },
    )
    sk = SuratKeputusan.objects.get()
    assert resp["Location"] == sk.get_absolute_url()
    halaman = client.get(sk.get_absolute_url()).content.decode()
    assert "KEPUTUSAN WALI KOTA PEMATANGSIANTAR" in halaman and "Rina Uji" in halaman
    resp = client.get(sk.get_absolute_url(), {"format": "xlsx"})
    assert resp.status_code == 200 and resp["Content-Type"].startswith("application/vnd")
    resp = ikuti(client, client.post(reverse("usulan_mutasi:sk_tetapkan", args=[sk.pk])))
    assert any("sudah berlaku" in m for m in pesan(resp))
    sk.refresh_from_db()
    dunia.pegawai.refresh_from_db()
    assert sk.status == StatusSK.BERLAKU and dunia.pegawai.jabatan == dunia.jab_b
    resp = ikuti(client, client.post(reverse("usulan_mutasi:sk_tetapkan", args=[sk.pk])))
    assert any("sudah berlaku" in m.lower() for m in pesan(resp))


def test_sk_tmt_mendatang_menunggu_tmt_dan_galat_form(client, dunia):
    u = usulan_dari(dunia, status=S.DISETUJUI)
    client.force_login(dunia.bkpsdm)
    hari_ini = timezone.localdate()
    dasar = {
        "usulan": [u.pk],
        "tanggal": hari_ini.isoformat(),
        "penandatangan_nama": "Wali Kota",
        "penandatangan_jabatan": "Wali Kota Pematangsiantar",
    }
    resp = client.post(
        reverse("usulan_mutasi:sk_add"),
        {**dasar, "tmt": (hari_ini - datetime.timedelta(days=3)).isoformat()},
    )
    assert resp.status_code == 200 and "tmt" in resp.context["form"].errors
    client.post(
        reverse("usulan_mutasi:sk_add"),
        {**dasar, "tmt": (hari_ini + datetime.timedelta(days=10)).isoformat()},
    )
    sk = SuratKeputusan.objects.get()
    resp = ikuti(client, client.post(reverse("usulan_mutasi:sk_tetapkan", args=[sk.pk])))
    assert any("berlaku otomatis pada TMT" in m for m in pesan(resp))
    sk.refresh_from_db()
    assert sk.status == StatusSK.DITETAPKAN


def test_sk_instansi_lain_404_dan_jumlah_kueri(client, dunia, django_assert_max_num_queries):
    sk = SuratKeputusan.objects.create(
        nomor="800/1/2026",
        tanggal=timezone.localdate(),
        tmt=timezone.localdate(),
        penandatangan_nama="Wali Kota",
        dibuat_oleh=dunia.bkpsdm,
    )
    for _ in range(3):
        usulan_dari(dunia, status=S.DALAM_SK, surat_keputusan=sk)
    client.force_login(dunia.kepala_c)
    assert client.get(sk.get_absolute_url()).status_code == 404
    assert client.post(reverse("usulan_mutasi:sk_tetapkan", args=[sk.pk])).status_code == 404
    client.force_login(dunia.bkpsdm)
    sedikit = _jumlah_kueri(client, sk.get_absolute_url(), django_assert_max_num_queries)
    for _ in range(27):
        usulan_dari(dunia, status=S.DALAM_SK, surat_keputusan=sk)
    assert _jumlah_kueri(client, sk.get_absolute_url(), django_assert_max_num_queries) == sedikit
    assert client.get(reverse("usulan_mutasi:sk_list")).status_code == 200


def test_profil_pegawai_menampilkan_usulannya(client, dunia):
    u = usulan_dari(dunia, pegawai=dunia.pegawai)
    client.force_login(dunia.operator_a)
    isi = client.get(dunia.pegawai.get_absolute_url()).content.decode()
    assert u.nomor in isi and "Usulkan mutasi" in isi
    resp = client.get(reverse("usulan_mutasi:usulan_add"), {"pegawai": dunia.pegawai.pk})
    assert resp.context["form"].initial["pegawai"] == dunia.pegawai.pk


# --- notification email -------------------------------------------------------------------


def test_email_notifikasi_memakai_templat_berbahasa_indonesia(dunia, mailoutbox):
    from usulan_mutasi.models import PeristiwaUsulan

    dunia.kepala_a.email = "kepala.a@pematangsiantarkota.go.id"
    dunia.kepala_a.save()
    u = usulan_dari(dunia, status=S.DIAJUKAN, pegawai=dunia.pegawai)
    services.usulan_setujui(usulan=dokumen_lengkap(u, dunia.bkpsdm), actor=dunia.bkpsdm)
    peristiwa = PeristiwaUsulan.objects.filter(usulan=u).latest("pk")
    assert services.peristiwa_kirim_notifikasi(peristiwa_id=peristiwa.pk) >= 1
    pesan_kepala = next(m for m in mailoutbox if m.to == [dunia.kepala_a.email])
    assert pesan_kepala.subject == (
        f"[Mutasi ASN] {u.nomor} — Diverifikasi BKPSDM (menunggu tindakan Anda)"
    )
    assert "Rina Uji" in pesan_kepala.body
    assert "Status sekarang: Persetujuan kepala OPD asal" in pesan_kepala.body
    assert "menunggu tindakan Anda paling lambat" in pesan_kepala.body
    assert f"/mutasi/{u.pk}/" in pesan_kepala.body
    assert "&#x27;" not in pesan_kepala.body and "&amp;" not in pesan_kepala.body


def test_usulan_dikeluarkan_dari_draf_sk(client, dunia):
    sk = SuratKeputusan.objects.create(
        nomor="800/2/2026",
        tanggal=timezone.localdate(),
        tmt=timezone.localdate(),
        penandatangan_nama="Wali Kota",
        dibuat_oleh=dunia.bkpsdm,
    )
    u = usulan_dari(dunia, status=S.DALAM_SK, surat_keputusan=sk)
    url = reverse("usulan_mutasi:sk_keluarkan_usulan", args=[sk.pk, u.pk])
    client.force_login(dunia.kepala_a)
    resp = ikuti(client, client.post(url))
    assert any("staf BKPSDM" in m for m in pesan(resp))
    client.force_login(dunia.kepala_c)
    assert client.post(url).status_code == 404
    client.force_login(dunia.bkpsdm)
    ikuti(client, client.post(url))
    u.refresh_from_db()
    assert u.status == S.DISETUJUI and u.surat_keputusan is None


def test_mutasi_keluar_dengan_langkah_eksternal(client, dunia):
    client.force_login(dunia.operator_a)
    resp = client.post(
        reverse("usulan_mutasi:usulan_add"),
        {
            "pegawai": dunia.pegawai.pk,
            "jenis": "keluar",
            "instansi_luar": "Pemerintah Kabupaten Simalungun",
            "alasan": "permintaan_sendiri",
            "justifikasi": "Mengikuti suami.",
            "nomor_pertek": "PERTEK/123/BKN",
            "tanggal_pertek": "2026-11-02",
            "simpan": "1",
        },
    )
    u = UsulanMutasi.objects.get()
    assert resp.status_code == 302 and u.nomor_pertek == "PERTEK/123/BKN"
    client.force_login(dunia.bkpsdm)
    halaman = client.get(u.get_absolute_url())
    assert halaman.context["form_langkah_luar"] is not None
    assert "PERTEK/123/BKN" in halaman.content.decode()
    url = reverse("usulan_mutasi:usulan_langkah_luar", args=[u.pk])
    ikuti(
        client,
        client.post(
            url,
            {
                "nomor_pertek": "PERTEK/123/BKN",
                "tanggal_pertek": "2026-11-02",
                "pejabat_keputusan_luar": "gubernur",
                "nomor_keputusan_luar": "188.44/77/2026",
                "tanggal_keputusan_luar": "2026-11-20",
            },
        ),
    )
    u.refresh_from_db()
    assert u.nomor_keputusan_luar == "188.44/77/2026"
    client.force_login(dunia.operator_a)
    resp = ikuti(client, client.post(url, {"nomor_pertek": "X"}))
    assert any("staf BKPSDM" in m for m in pesan(resp))


def test_pratinjau_dampak_menghitung_usulan_lain_yang_sedang_diproses(client, dunia):
    abk_guru_dua_orang(dunia)
    UsulanMutasiFactory(
        pegawai=PegawaiFactory(),
        jabatan_tujuan=dunia.jab_b,
        status=S.PERTIMBANGAN_TIM,
    )
    client.force_login(dunia.operator_a)
    resp = client.get(
        reverse("usulan_mutasi:dampak"),
        {"pegawai": dunia.pegawai.pk, "jabatan_tujuan": dunia.jab_b.pk, "jenis": "antar_opd"},
    )
    tujuan = resp.context["dampak"]["tujuan"]
    assert tujuan["sebelum"]["bezetting"] == 0 and tujuan["sesudah"]["bezetting"] == 2
    assert (
        "1 usulan lain sedang diproses ke jabatan ini; bila semuanya berlaku: 0 → 2"
        in resp.content.decode()
    )


def test_halaman_usulan_verifikasi_dokumen_semua_sesuai_dan_linimasa_berkelompok(client, dunia):
    u = usulan_dari(dunia, status=S.DIAJUKAN)
    client.force_login(dunia.operator_a)
    url = reverse("usulan_mutasi:dokumen_add", args=[u.pk])
    jenis = JenisDokumen.objects.get(kode="skp-2-tahun")
    resp = ikuti(
        client,
        client.post(
            url,
            {
                "jenis_dokumen": jenis.pk,
                "berkas": [
                    SimpleUploadedFile("skp-2024.pdf", PDF),
                    SimpleUploadedFile("skp-2025.pdf", PDF),
                ],
            },
        ),
    )
    assert "2 dokumen diunggah." in pesan(resp)
    client.post(
        url,
        {
            "jenis_dokumen": JenisDokumen.objects.get(kode="sk-jabatan").pk,
            "berkas": SimpleUploadedFile("sk.pdf", PDF),
        },
    )
    client.force_login(dunia.bkpsdm)
    halaman = client.get(u.get_absolute_url())
    isi = halaman.content.decode()
    assert 'data-testid="dipenuhi-sistem"' in isi and "dipenuhi oleh sistem" in isi
    assert 'data-testid="linimasa-kelompok"' in isi  # two uploads by one person, one item
    assert any(
        "SK pangkat terakhir (belum diunggah)" in d for d in halaman.context["dokumen_belum_sesuai"]
    )
    resp = ikuti(client, aksi(client, u, "setujui", status_dibaca=S.DIAJUKAN))
    assert any("dokumen wajib berikut belum ada" in m for m in pesan(resp))
    resp = ikuti(
        client, client.post(reverse("usulan_mutasi:dokumen_verifikasi_semua", args=[u.pk]))
    )
    assert "3 dokumen dinyatakan sesuai." in pesan(resp)
    assert any(m.startswith("Masih belum lengkap: SK pangkat terakhir") for m in pesan(resp))
    client.force_login(dunia.operator_a)
    resp = client.post(reverse("usulan_mutasi:dokumen_verifikasi_semua", args=[u.pk]))
    assert "oleh staf BKPSDM" in " ".join(pesan(ikuti(client, resp)))


# --- pickers and naming the units (issue #8, item 9) -----------------------------------------


@pytest.fixture
def puskesmas(dunia):
    from tests.usulan_mutasi.test_rules import hasil_abk

    dinkes = InstansiFactory(nama="Dinas Kesehatan Kota", singkatan="Dinkes")
    p05 = UnitKerjaFactory(instansi=dinkes, nama="UPTD Puskesmas 05")
    p09 = UnitKerjaFactory(instansi=dinkes, nama="UPTD Puskesmas 09")
    perawat_05 = JabatanFactory(unit_kerja=p05, nama="Perawat Terampil")
    perawat_09 = JabatanFactory(unit_kerja=p09, nama="Perawat Terampil")
    JabatanFactory(unit_kerja=p05, nama="Bidan Terampil")
    hasil_abk(perawat_05, beban_menit=4 * 75000, bezetting=2)  # kurang 2
    return SimpleNamespace(
        dinkes=dinkes, p05=p05, p09=p09, perawat_05=perawat_05, perawat_09=perawat_09
    )


def cari_tujuan(client, **params):
    return client.get(reverse("usulan_mutasi:jabatan_tujuan_cari"), params).json()


def test_cari_jabatan_tujuan_kata_lintas_jabatan_unit_dan_instansi_dengan_kekurangan(
    client, dunia, puskesmas
):
    client.force_login(dunia.bkpsdm)
    hasil = cari_tujuan(client, q="perawat puskesmas 05")["hasil"]
    assert [h["id"] for h in hasil] == [puskesmas.perawat_05.pk]
    assert hasil[0]["teks"] == "Perawat Terampil — UPTD Puskesmas 05 (Dinkes) · kurang 2"
    assert cari_tujuan(client, q="perawat dinkes 09")["hasil"][0]["teks"].endswith(
        "· belum ada ABK"
    )
    # Filters by agency and unit.
    di_09 = cari_tujuan(client, q="terampil", saring_unit=puskesmas.p09.pk)["hasil"]
    assert [h["id"] for h in di_09] == [puskesmas.perawat_09.pk]
    assert cari_tujuan(client, q="perawat", saring_instansi=dunia.instansi_b.pk)["hasil"] == []


def test_antar_unit_hanya_menawarkan_jabatan_di_opd_pegawai(client, dunia, puskesmas):
    pegawai = PegawaiFactory(jabatan=puskesmas.perawat_09)
    client.force_login(dunia.bkpsdm)
    semua = cari_tujuan(client, q="terampil")["hasil"]
    lain = JabatanFactory(
        unit_kerja=UnitKerjaFactory(instansi=dunia.instansi_b), nama="Guru Terampil"
    )
    hasil = cari_tujuan(client, q="terampil", jenis="antar_unit", pegawai=pegawai.pk)["hasil"]
    assert lain.pk not in {h["id"] for h in hasil}
    assert {h["id"] for h in hasil} == {h["id"] for h in semua}
    assert lain.pk in {h["id"] for h in cari_tujuan(client, q="terampil")["hasil"]}


def test_hasil_pencarian_yang_dipotong_mengatakannya(client, dunia):
    unit = UnitKerjaFactory(instansi=dunia.instansi_b, nama="SD Negeri 122350")
    for i in range(21):
        JabatanFactory(unit_kerja=unit, nama=f"Analis Uji {i:02d}")
    client.force_login(dunia.bkpsdm)
    jawaban = cari_tujuan(client, q="analis uji")
    assert len(jawaban["hasil"]) == 20 and jawaban["terpotong"] is True
    assert "Hanya 20 hasil pertama" in jawaban["pesan"]
    assert "terpotong" not in cari_tujuan(client, q="analis uji 20")


def test_mutasi_dalam_satu_opd_menyebut_unitnya_di_daftar_kotak_masuk_dan_email(
    client, dunia, puskesmas
):
    pegawai = PegawaiFactory(jabatan=puskesmas.perawat_09, nama="Rina Uji")
    u = services.usulan_buat(
        pegawai=pegawai,
        jenis="antar_opd",  # the kind follows from the destination: same OPD
        alasan="pemerataan",
        jabatan_tujuan=puskesmas.perawat_05,
        actor=dunia.bkpsdm,
    )
    assert u.jenis == "antar_unit"
    teks = "Perawat Terampil, UPTD Puskesmas 09 → UPTD Puskesmas 05 (Dinkes)"
    assert u.uraian_perpindahan == teks
    client.force_login(dunia.bkpsdm)
    assert teks in client.get(reverse("usulan_mutasi:usulan_list")).content.decode()
    assert teks in client.get(reverse("usulan_mutasi:inbox")).content.decode()
    services.usulan_ajukan(usulan=u, actor=dunia.bkpsdm, justifikasi_peringatan="Perlu.")
    _subjek, isi = services._isi_email(u.peristiwa.latest("pk"), dunia.bkpsdm)
    assert teks in isi
