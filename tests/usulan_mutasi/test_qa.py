"""Regression tests of the QA pass over the transfer proposals (each names the behaviour kept)."""

import datetime

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from mutasi_asn.akun.roles import Peran
from mutasi_asn.excel import BARIS_HEADER
from pegawai.models import RiwayatJabatan
from tests.fixtures.factories import JabatanFactory, PegawaiFactory
from tests.usulan_mutasi import test_views
from tests.usulan_mutasi.test_views import ikuti, pesan, usulan_dari
from usulan_mutasi import services
from usulan_mutasi.choices import StatusSK, StatusUsulan
from usulan_mutasi.models import JenisDokumen, SuratKeputusan, UsulanMutasi

S = StatusUsulan
URL_API = "/api/v1/usulan/"

dunia = test_views.dunia  # the same world of agencies, users and jabatan


def test_api_operator_tidak_bisa_mengusulkan_pegawai_di_luar_cakupannya(client, dunia):
    # The page's picker is scoped; the API must be too (pulling another agency's employee in).
    orang_b = PegawaiFactory(jabatan=dunia.jab_b)
    tujuan_a = JabatanFactory(unit_kerja=dunia.jab_a.unit_kerja)
    client.force_login(dunia.operator_a)
    resp = client.post(
        URL_API,
        {
            "pegawai": orang_b.pk,
            "jenis": "antar_opd",
            "alasan": "pemerataan",
            "jabatan_tujuan": tujuan_a.pk,
        },
        content_type="application/json",
    )
    assert resp.status_code == 400, resp.content
    assert "pegawai" in resp.json()
    assert not UsulanMutasi.objects.exists()


def test_api_tanpa_kredensial_401_dan_404_berbahasa_indonesia(client, dunia):
    assert client.get(URL_API).status_code == 401
    assert client.get(URL_API, HTTP_AUTHORIZATION="Token salah").status_code == 401
    client.force_login(dunia.kepala_c)
    u = usulan_dari(dunia, status=S.PERSETUJUAN_ASAL)
    for resp in (
        client.get(f"{URL_API}{u.pk}/"),
        client.post(f"{URL_API}{u.pk}/setujui/", {}, content_type="application/json"),
        client.post(f"{URL_API}999999/tolak/", {"alasan": "x"}, content_type="application/json"),
    ):
        assert resp.status_code == 404
        assert resp.json() == {"detail": "Usulan tidak ditemukan."}


def test_pencarian_pemilih_dengan_karakter_nul_tidak_500(client, dunia):
    client.force_login(dunia.bkpsdm)
    for nama in ("usulan_mutasi:pegawai_cari", "usulan_mutasi:jabatan_tujuan_cari"):
        resp = client.get(reverse(nama), {"q": "Rina\x00"})
        assert resp.status_code == 200
        assert resp.json() == {"hasil": []}


def test_formulir_ubah_mengirim_id_pegawai_tanpa_pemisah_ribuan(client, dunia):
    # USE_THOUSAND_SEPARATOR rendered 1606 as "1.606", so the impact preview lost the origin.
    u = usulan_dari(dunia, pegawai=PegawaiFactory(pk=1606, jabatan=dunia.jab_a))
    client.force_login(dunia.operator_a)
    isi = client.get(reverse("usulan_mutasi:usulan_edit", args=[u.pk])).content.decode()
    assert '<input type="hidden" name="pegawai" value="1606">' in isi


def test_galat_formulir_usulan_tampil_sekali(client, dunia):
    orang = PegawaiFactory(jabatan=dunia.jab_a, tugas_belajar=True)
    client.force_login(dunia.operator_a)
    resp = client.post(
        reverse("usulan_mutasi:usulan_add"),
        {
            "pegawai": orang.pk,
            "jenis": "antar_opd",
            "alasan": "pemerataan",
            "jabatan_tujuan": dunia.jab_b.pk,
            "ajukan": "1",
        },
    )
    assert resp.status_code == 200
    assert resp.content.decode().count("sedang tugas belajar") == 1
    assert not UsulanMutasi.objects.exists()


def test_halaman_ubah_usulan_yang_tidak_boleh_diubah_kembali_ke_usulan_dengan_pesan(
    client, dunia, buat_pengguna
):
    diajukan = usulan_dari(dunia, status=S.DIAJUKAN)
    client.force_login(dunia.operator_a)
    resp = client.get(reverse("usulan_mutasi:usulan_edit", args=[diajukan.pk]))
    assert resp.status_code == 302 and resp["Location"] == diajukan.get_absolute_url()
    assert any("tidak dapat diubah" in m for m in pesan(ikuti(client, resp)))
    # The destination agency's operator sees the proposal but is not its proposer.
    draf = usulan_dari(dunia)
    operator_b = buat_pengguna(Peran.OPERATOR_OPD, instansi=dunia.instansi_b)
    client.force_login(operator_b)
    resp = client.get(reverse("usulan_mutasi:usulan_edit", args=[draf.pk]))
    assert resp.status_code == 302
    assert any("Hanya pengusul" in m for m in pesan(ikuti(client, resp)))


def test_cetak_sk_tetap_memuat_tanda_tangan(client, dunia):
    u = usulan_dari(dunia, status=S.DISETUJUI)
    hari_ini = timezone.localdate()
    sk = services.sk_buat(
        usulan_ids=[u.pk],
        tanggal=hari_ini,
        tmt=hari_ini + datetime.timedelta(days=30),
        penandatangan_nama="Wali Kota Uji",
        actor=dunia.bkpsdm,
    )
    client.force_login(dunia.bkpsdm)
    isi = client.get(sk.get_absolute_url()).content.decode()
    # The print stylesheet hides every <footer> (the site's); the signature must not be one.
    awal = isi.index('class="dokumen-sk')
    akhir = isi.index("</article>", awal)
    assert "<footer" not in isi[awal:akhir]
    assert "Wali Kota Uji" in isi[awal:akhir]


def test_sk_draf_muncul_di_kotak_masuk_bkpsdm_dan_sk_ditetapkan_tidak_menunggu_siapa_pun(
    client, dunia
):
    u = usulan_dari(dunia, status=S.DISETUJUI)
    hari_ini = timezone.localdate()
    sk = services.sk_buat(
        usulan_ids=[u.pk],
        tanggal=hari_ini,
        tmt=hari_ini + datetime.timedelta(days=30),
        penandatangan_nama="Wali Kota Uji",
        actor=dunia.bkpsdm,
    )
    client.force_login(dunia.bkpsdm)
    resp = client.get(reverse("usulan_mutasi:inbox"))
    assert [x.pk for x in resp.context["object_list"]] == [u.pk]
    assert "Tetapkan SK" in resp.content.decode()
    services.sk_tetapkan(sk=sk, actor=dunia.bkpsdm)
    assert sk.__class__.objects.get(pk=sk.pk).status == StatusSK.DITETAPKAN
    resp = client.get(reverse("usulan_mutasi:inbox"))
    assert resp.context["paginator"].count == 0
    resp = client.get(u.get_absolute_url())
    assert "berlaku otomatis pada TMT" in resp.context["pelaku_label"]


def test_sk_dari_tab_kedua_memberi_pesan_yang_jelas(client, dunia):
    u = usulan_dari(dunia, status=S.DISETUJUI)
    hari_ini = timezone.localdate().isoformat()
    data = {
        "usulan": [u.pk],
        "tanggal": hari_ini,
        "tmt": hari_ini,
        "penandatangan_nama": "Wali Kota Uji",
        "penandatangan_jabatan": "Wali Kota Pematangsiantar",
    }
    client.force_login(dunia.bkpsdm)
    assert client.post(reverse("usulan_mutasi:sk_add"), data).status_code == 302
    resp = client.post(reverse("usulan_mutasi:sk_add"), data)
    assert resp.status_code == 200
    galat = " ".join(resp.context["form"].errors["usulan"])
    assert "sudah tidak menunggu Keputusan Wali Kota" in galat
    assert SuratKeputusan.objects.count() == 1


def test_usulan_kedua_untuk_pegawai_yang_sama_menyebut_usulan_pertama(dunia):
    pertama = usulan_dari(dunia, pegawai=dunia.pegawai, status=S.DIAJUKAN)
    try:
        services.usulan_buat(
            pegawai=dunia.pegawai,
            jenis="antar_opd",
            alasan="pemerataan",
            jabatan_tujuan=dunia.jab_c,
            actor=dunia.operator_a,
        )
    except Exception as exc:  # noqa: BLE001
        assert pertama.nomor in " ".join(exc.messages)
    else:
        raise AssertionError("usulan kedua seharusnya ditolak")
    assert UsulanMutasi.objects.count() == 1


def test_pratinjau_dampak_htmx_tanpa_sesi_mengarahkan_ulang_halaman(client, dunia):
    resp = client.get(
        reverse("usulan_mutasi:dampak"), {"jabatan_tujuan": dunia.jab_b.pk}, HTTP_HX_REQUEST="true"
    )
    assert resp.status_code == 204 or resp.status_code == 200
    assert resp["HX-Redirect"].startswith("/masuk/")


def test_sk_dengan_tmt_sebelum_tmt_jabatan_pegawai_ditolak_saat_disusun_dengan_nama(dunia):
    # Otherwise the beat job fails on it every hour while the page says it will take effect.
    pegawai = PegawaiFactory(jabatan=dunia.jab_a, tmt_jabatan=datetime.date(2026, 6, 1))
    u = usulan_dari(dunia, pegawai=pegawai, status=S.DISETUJUI)
    try:
        services.sk_buat(
            usulan_ids=[u.pk],
            tanggal=datetime.date(2026, 1, 5),
            tmt=datetime.date(2026, 2, 1),
            penandatangan_nama="Wali Kota Uji",
            actor=dunia.bkpsdm,
        )
    except ValidationError as exc:
        teks = " ".join(exc.messages)
        assert u.nomor in teks and pegawai.nama_lengkap in teks and "01/06/2026" in teks
    else:
        raise AssertionError("SK dengan TMT sebelum TMT jabatan pegawai seharusnya ditolak")
    u.refresh_from_db()
    assert u.status == S.DISETUJUI and not SuratKeputusan.objects.exists()


def test_mutasi_keluar_berlaku_menutup_riwayat_jabatan_dengan_nomor_sk(dunia):
    pegawai = PegawaiFactory(jabatan=dunia.jab_a, tmt_jabatan=datetime.date(2020, 1, 1))
    u = usulan_dari(
        dunia,
        pegawai=pegawai,
        status=S.DISETUJUI,
        jenis="keluar",
        jabatan_tujuan=None,
        instansi_luar="Pemerintah Kabupaten Simalungun",
    )
    tmt = timezone.localdate() + datetime.timedelta(days=10)
    sk = services.sk_buat(
        usulan_ids=[u.pk],
        tanggal=timezone.localdate(),
        tmt=tmt,
        penandatangan_nama="Wali Kota Uji",
        actor=dunia.bkpsdm,
    )
    services.sk_tetapkan(sk=sk, actor=dunia.bkpsdm)
    assert services.sk_berlakukan_jatuh_tempo(hari_ini=tmt) == [sk.pk]
    pegawai.refresh_from_db()
    assert not pegawai.aktif
    riwayat = RiwayatJabatan.objects.get(pegawai=pegawai)
    assert riwayat.tanggal_selesai == tmt - datetime.timedelta(days=1)
    assert sk.nomor in riwayat.keterangan and "Simalungun" in riwayat.keterangan


def test_pengusul_dan_verifikator_melihat_dokumen_wajib_yang_belum_ada(client, dunia):
    u = usulan_dari(dunia)
    client.force_login(dunia.operator_a)
    resp = client.get(u.get_absolute_url())
    assert "SK jabatan terakhir" in [j.nama for j in resp.context["dokumen_kurang"]]
    assert 'data-testid="dokumen-kurang"' in resp.content.decode()
    diajukan = usulan_dari(dunia, status=S.DIAJUKAN)
    client.force_login(dunia.bkpsdm)
    assert client.get(diajukan.get_absolute_url()).context["dokumen_kurang"]
    client.force_login(dunia.kepala_b)  # nothing to act on: no checklist reminder
    assert client.get(diajukan.get_absolute_url()).context["dokumen_kurang"] == []
    dok = services.dokumen_unggah(
        usulan=u,
        jenis_dokumen=JenisDokumen.objects.get(kode="sk-jabatan"),
        berkas=SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n"),
        actor=dunia.operator_a,
    )
    services.dokumen_verifikasi(
        dokumen=dok, verdik="perlu_perbaikan", catatan="Tidak terbaca.", actor=dunia.bkpsdm
    )
    client.force_login(dunia.operator_a)
    isi = client.get(u.get_absolute_url()).content.decode()
    assert "Dokumen perlu perbaikan:</strong> SK jabatan terakhir (Tidak terbaca.)" in isi


def test_pembatalan_diberitahukan_kepada_yang_sedang_diminta_memutuskan(dunia, mailoutbox):
    from usulan_mutasi.models import PeristiwaUsulan

    dunia.kepala_b.email = "kepala.b@pematangsiantarkota.go.id"
    dunia.kepala_b.save()
    u = usulan_dari(dunia, status=S.PERSETUJUAN_TUJUAN)
    services.usulan_batalkan(usulan=u, actor=dunia.operator_a, alasan="Pegawai mengundurkan diri.")
    peristiwa = PeristiwaUsulan.objects.filter(usulan=u).latest("pk")
    assert services.peristiwa_kirim_notifikasi(peristiwa_id=peristiwa.pk) == 1
    (pesan_email,) = mailoutbox
    assert pesan_email.to == [dunia.kepala_b.email]
    assert "Dibatalkan" in pesan_email.subject and "menunggu tindakan" not in pesan_email.subject
    assert "Pegawai mengundurkan diri." in pesan_email.body


def test_nomor_urut_sk_yang_sudah_dipakai_memberi_pesan_dengan_nomor_berikutnya(dunia):
    u1 = usulan_dari(dunia, status=S.DISETUJUI)
    u2 = usulan_dari(dunia, status=S.DISETUJUI)
    hari_ini = timezone.localdate()
    data = {
        "nomor_urut": 7,
        "alasan_lompat": "Nomor 1-6 dipakai SK yang ditandatangani di luar aplikasi.",
        "tanggal": hari_ini,
        "tmt": hari_ini + datetime.timedelta(days=5),
        "penandatangan_nama": "Wali Kota Uji",
        "actor": dunia.bkpsdm,
    }
    services.sk_buat(usulan_ids=[u1.pk], **data)
    try:
        services.sk_buat(usulan_ids=[u2.pk], **data)
    except ValidationError as exc:
        teks = " ".join(exc.message_dict["nomor_urut"])
        assert "sudah dipakai" in teks and "berikutnya yang tersedia adalah 8" in teks
    else:
        raise AssertionError("nomor SK ganda seharusnya ditolak")
    u2.refresh_from_db()
    assert u2.status == S.DISETUJUI and SuratKeputusan.objects.count() == 1


def test_ekspor_daftar_usulan_menulis_waktu_jakarta_bukan_utc(client, dunia):
    import io

    import openpyxl

    diajukan = datetime.datetime(2026, 11, 29, 22, 53, tzinfo=datetime.UTC)
    usulan_dari(dunia, status=S.DIAJUKAN, diajukan_pada=diajukan)
    client.force_login(dunia.bkpsdm)
    resp = client.get(reverse("usulan_mutasi:usulan_list"), {"format": "xlsx"})
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    kolom = [c.value for c in ws[BARIS_HEADER]].index("Diajukan")
    assert ws.cell(row=BARIS_HEADER + 1, column=kolom + 1).value == datetime.datetime(
        2026, 11, 30, 5, 53
    )


def test_teks_dengan_karakter_nul_dari_halaman_tidak_500(client, dunia):
    # PostgreSQL refuses NUL bytes in text; the actions read the POST without a form.
    u = usulan_dari(dunia, status=S.DIAJUKAN)
    client.force_login(dunia.bkpsdm)
    resp = client.post(reverse("usulan_mutasi:komentar_add", args=[u.pk]), {"isi": "ok\x00e"})
    assert resp.status_code == 302
    assert u.komentar.get().isi == "oke"
    resp = client.post(
        reverse("usulan_mutasi:usulan_aksi", args=[u.pk, "kembalikan"]),
        {"alasan": "Lengkapi\x00 SKP.", "status_dibaca": S.DIAJUKAN},
    )
    assert resp.status_code == 302
    u.refresh_from_db()
    assert u.status == S.DIKEMBALIKAN and u.catatan_pengembalian == "Lengkapi SKP."


def test_tujuan_sama_dengan_jabatan_sekarang_ditolak_saat_disimpan(client, dunia):
    client.force_login(dunia.operator_a)
    resp = client.post(
        reverse("usulan_mutasi:usulan_add"),
        {
            "pegawai": dunia.pegawai.pk,
            "jenis": "antar_unit",
            "alasan": "pemerataan",
            "jabatan_tujuan": dunia.jab_a.pk,
            "simpan": "1",
        },
    )
    assert resp.status_code == 200
    assert "sama dengan jabatan pegawai sekarang" in " ".join(
        resp.context["form"].errors["jabatan_tujuan"]
    )
    assert not UsulanMutasi.objects.exists()


def test_diajukan_ulang_memakai_jabatan_pegawai_sekarang_sebagai_asal(dunia):
    from pegawai.services import pegawai_pindah_jabatan

    u = services.usulan_buat(
        pegawai=dunia.pegawai,
        jenis="antar_opd",
        alasan="pemerataan",
        jabatan_tujuan=dunia.jab_b,
        actor=dunia.operator_a,
    )
    jabatan_baru = JabatanFactory(unit_kerja=dunia.jab_a.unit_kerja)
    pegawai_pindah_jabatan(
        pegawai=dunia.pegawai, jabatan=jabatan_baru, tmt=timezone.localdate(), actor=None
    )
    u = services.usulan_ajukan(usulan=u, actor=dunia.operator_a, justifikasi_peringatan="ABK.")
    u.refresh_from_db()
    assert u.status == S.DIAJUKAN and u.jabatan_asal == jabatan_baru


def test_peringatan_di_formulir_tampil_sekali(client, dunia):
    client.force_login(dunia.operator_a)
    resp = client.post(
        reverse("usulan_mutasi:usulan_add"),
        {
            "pegawai": dunia.pegawai.pk,
            "jenis": "antar_opd",
            "alasan": "pemerataan",
            "jabatan_tujuan": dunia.jab_b.pk,
            "justifikasi_peringatan": "",
            "ajukan": "1",
        },
    )
    isi = resp.content.decode()
    assert isi.count("Belum ada hasil ABK untuk jabatan tujuan") == 1
    assert "Tuliskan justifikasi atas peringatan di atas" in isi


def test_dokumen_perbaikan_tidak_diingatkan_lagi_setelah_diganti(client, dunia):
    u = usulan_dari(dunia)
    jenis = JenisDokumen.objects.get(kode="sk-jabatan")
    dok = services.dokumen_unggah(
        usulan=u,
        jenis_dokumen=jenis,
        berkas=SimpleUploadedFile("sk.pdf", b"%PDF-1.4\n"),
        actor=dunia.operator_a,
    )
    services.dokumen_verifikasi(
        dokumen=dok, verdik="perlu_perbaikan", catatan="Tidak terbaca.", actor=dunia.bkpsdm
    )
    services.dokumen_unggah(
        usulan=u,
        jenis_dokumen=jenis,
        berkas=SimpleUploadedFile("sk-baru.pdf", b"%PDF-1.4\n"),
        actor=dunia.operator_a,
    )
    client.force_login(dunia.operator_a)
    assert client.get(u.get_absolute_url()).context["dokumen_perbaikan"] == []


def test_sk_dengan_jabatan_tujuan_yang_sudah_nonaktif_ditolak_dengan_nomor_usulan(dunia):
    u = usulan_dari(dunia, status=S.DISETUJUI)
    type(dunia.jab_b).objects.filter(pk=dunia.jab_b.pk).update(aktif=False)
    hari_ini = timezone.localdate()
    try:
        services.sk_buat(
            usulan_ids=[u.pk],
            tanggal=hari_ini,
            tmt=hari_ini,
            penandatangan_nama="Wali Kota Uji",
            actor=dunia.bkpsdm,
        )
    except ValidationError as exc:
        assert u.nomor in " ".join(exc.message_dict["usulan_ids"])
    else:
        raise AssertionError("SK ke jabatan nonaktif seharusnya ditolak")
    assert not SuratKeputusan.objects.exists()


def test_kotak_masuk_mendahulukan_tahap_bertenggat(client, dunia):
    disetujui = usulan_dari(dunia, status=S.DISETUJUI, tenggat=None)
    diajukan = usulan_dari(dunia, status=S.DIAJUKAN)
    client.force_login(dunia.bkpsdm)
    resp = client.get(reverse("usulan_mutasi:inbox"))
    assert [u.pk for u in resp.context["object_list"]] == [diajukan.pk, disetujui.pk]
