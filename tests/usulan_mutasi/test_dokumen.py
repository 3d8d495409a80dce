"""The decree as a document: the number register, DOCX of the decree and its petikan, the
verification QR code and public page, the signed scan, the heads' letters, and the PDF."""

import datetime
import io
import itertools
import re
import shutil
import subprocess
import zipfile

import docx
import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse

from tests.fixtures.factories import PegawaiFactory
from tests.usulan_mutasi import test_views
from tests.usulan_mutasi.test_views import ikuti, pesan, usulan_dari
from usulan_mutasi import dokumen, services
from usulan_mutasi.choices import (
    AksiPeristiwa,
    JenisBerkasSK,
    StatusNomorSK,
    StatusPembuatanPDF,
    StatusUsulan,
)
from usulan_mutasi.models import (
    BerkasSK,
    NomorSK,
    PengaturanSK,
    PeristiwaUsulan,
    SuratKeputusan,
)
from usulan_mutasi.selectors import nomor_sk_berikut

S = StatusUsulan
dunia = test_views.dunia  # the same world of agencies, users and jabatan
TANGGAL = datetime.date(2026, 11, 30)
PDF_KECIL = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"

butuh_soffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) tidak terpasang: apt-get install libreoffice-writer-nogui",
)
butuh_zbar = pytest.mark.skipif(
    shutil.which("zbarimg") is None, reason="zbarimg tidak terpasang: apt-get install zbar-tools"
)
butuh_poppler = pytest.mark.skipif(
    shutil.which("pdftotext") is None,
    reason="poppler tidak terpasang: apt-get install poppler-utils",
)

NAMA = [
    ("dr.", "Maria Siregar", "M.Kes."),
    ("", "Budi Hutapea", "S.Pd."),
    ("Ir.", "Togar Simanjuntak", "M.T."),
    ("", "Rosmawati Sinaga", "S.Kep., Ners"),
]


_NOMOR = itertools.count(20000)


def batch(d, n=3):
    hasil = []
    for _ in range(n):
        i = next(_NOMOR) - 20000
        depan, nama, belakang = NAMA[i % len(NAMA)]
        pegawai = PegawaiFactory(
            pk=20000 + i,
            jabatan=d.jab_a,
            nama=f"{nama} {i}",
            gelar_depan=depan,
            gelar_belakang=belakang,
            nip=f"1986{(i % 12) + 1:02d}{(i % 28) + 1:02d}2015051{i % 999 + 1:03d}",
        )
        hasil.append(usulan_dari(d, status=S.DISETUJUI, pegawai=pegawai))
    return hasil


def sk_dari(d, usulan, **kwargs):
    kwargs.setdefault("tanggal", TANGGAL)
    kwargs.setdefault("tmt", TANGGAL + datetime.timedelta(days=30))
    kwargs.setdefault("penandatangan_nama", "Wali Kota Uji")
    return services.sk_buat(usulan_ids=[u.pk for u in usulan], actor=d.bkpsdm, **kwargs)


def teks_docx(isi: bytes) -> str:
    d = docx.Document(io.BytesIO(isi))
    bagian = [p.text for p in d.paragraphs]
    for t in d.tables:
        for r in t.rows:
            bagian.extend(c.text for c in r.cells)
    return "\n".join(bagian)


def baris_lampiran_docx(isi: bytes) -> list[list[str]]:
    """The rows of the lampiran table (the one whose header starts with NO)."""
    d = docx.Document(io.BytesIO(isi))
    for t in d.tables:
        if t.rows and t.rows[0].cells[0].text.strip() == "NO":
            return [[c.text for c in r.cells] for r in t.rows[1:]]
    raise AssertionError("tabel lampiran tidak ditemukan")


# --- numbering --------------------------------------------------------------------------------


def test_nomor_sk_berikutnya_diusulkan_dalam_format_kota_dan_berurutan(dunia):
    a, b = batch(dunia, 2)
    assert nomor_sk_berikut(2026) == 1
    sk1 = sk_dari(dunia, [a])
    sk2 = sk_dari(dunia, [b], tanggal=datetime.date(2026, 12, 1))
    assert sk1.nomor == "800.1.3.3/1/BKPSDM/XI/2026"
    assert sk2.nomor == "800.1.3.3/2/BKPSDM/XII/2026"
    assert list(NomorSK.objects.order_by("urut").values_list("urut", "status")) == [
        (1, StatusNomorSK.DIPAKAI),
        (2, StatusNomorSK.DIPAKAI),
    ]
    # A new year starts again from 1.
    assert nomor_sk_berikut(2027) == 1


def test_format_nomor_dan_penandatangan_bawaan_dari_pengaturan(dunia):
    pengaturan = PengaturanSK.muat()
    pengaturan.format_nomor = "821.2/{nomor3}/BKPSDM/{bulan}/{tahun}"
    pengaturan.penandatangan_nama = "dr. Hendra Pardede, M.Si."
    pengaturan.penandatangan_nip = "197001012000031001"
    pengaturan.save()
    sk = sk_dari(dunia, batch(dunia, 1), penandatangan_nama="")
    assert sk.nomor == "821.2/001/BKPSDM/11/2026"
    assert sk.penandatangan_nama == "dr. Hendra Pardede, M.Si."
    assert sk.penandatangan_jabatan == "Wali Kota Pematangsiantar"
    assert "pemerataan" in sk.menimbang and "Nomor 20 Tahun 2023" in sk.mengingat


def test_format_nomor_yang_salah_ditolak_dengan_pesan(db):
    p = PengaturanSK.muat()
    for salah, kata in (
        ("800/{nomer}/{tahun}", "tidak dikenal"),
        ("800/BKPSDM/{tahun}", "harus memuat {nomor}"),
        ("800/{nomor/{tahun}", "tidak berpasangan"),
    ):
        p.format_nomor = salah
        with pytest.raises(ValidationError, match=re.escape(kata)):
            p.full_clean()


def test_nomor_yang_dilewati_wajib_beralasan_dan_dicatat_dibatalkan(dunia):
    a, b = batch(dunia, 2)
    sk_dari(dunia, [a])
    with pytest.raises(ValidationError) as exc:
        sk_dari(dunia, [b], nomor_urut=4)
    assert "2–3 akan dilewati" in " ".join(exc.value.message_dict["alasan_lompat"])
    sk = sk_dari(dunia, [b], nomor_urut=4, alasan_lompat="Nomor 2-3 dipakai SK kenaikan pangkat.")
    assert sk.nomor.startswith("800.1.3.3/4/")
    batal = NomorSK.objects.filter(status=StatusNomorSK.DIBATALKAN).order_by("urut")
    assert [n.urut for n in batal] == [2, 3]
    assert all("kenaikan pangkat" in n.alasan_batal for n in batal)
    # Every number 1..4 of the year is accounted for.
    assert sorted(NomorSK.objects.values_list("urut", flat=True)) == [1, 2, 3, 4]


def test_nomor_urut_yang_sudah_lewat_ditolak(dunia):
    a, b = batch(dunia, 2)
    sk_dari(dunia, [a])
    with pytest.raises(ValidationError, match="berikutnya yang tersedia adalah 2"):
        sk_dari(dunia, [b], nomor_urut=1)
    b.refresh_from_db()
    assert b.status == S.DISETUJUI


def test_membatalkan_nomor_berikutnya_butuh_alasan_dan_bkpsdm(dunia):
    with pytest.raises(ValidationError):
        services.nomor_sk_batalkan(tahun=2026, alasan=" ", actor=dunia.bkpsdm)
    with pytest.raises(PermissionDenied):
        services.nomor_sk_batalkan(tahun=2026, alasan="Salah ketik", actor=dunia.kepala_a)
    n = services.nomor_sk_batalkan(
        tahun=2026, alasan="Dipakai SK yang ditandatangani manual.", actor=dunia.bkpsdm
    )
    assert (n.urut, n.status) == (1, StatusNomorSK.DIBATALKAN)
    assert nomor_sk_berikut(2026) == 2


def test_basis_data_menolak_nomor_ganda_dan_pembatalan_tanpa_alasan(dunia):
    NomorSK.objects.create(
        tahun=2026,
        urut=9,
        nomor="X/9",
        status=StatusNomorSK.DIBATALKAN,
        alasan_batal="Uji",
        dicatat_oleh=dunia.bkpsdm,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        NomorSK.objects.create(
            tahun=2026,
            urut=9,
            nomor="X/9b",
            status=StatusNomorSK.DIBATALKAN,
            alasan_batal="Uji",
            dicatat_oleh=dunia.bkpsdm,
        )
    with pytest.raises(IntegrityError), transaction.atomic():
        NomorSK.objects.create(
            tahun=2026,
            urut=10,
            nomor="X/10",
            status=StatusNomorSK.DIBATALKAN,
            dicatat_oleh=dunia.bkpsdm,
        )


def test_halaman_register_dan_form_sk_menunjukkan_nomor_berikutnya(client, dunia):
    sk_dari(dunia, batch(dunia, 1), tanggal=datetime.date.today())
    client.force_login(dunia.bkpsdm)
    isi = client.get(reverse("usulan_mutasi:sk_add")).content.decode()
    assert "(nomor urut 2)" in isi
    resp = client.get(reverse("usulan_mutasi:register_nomor"))
    assert resp.status_code == 200 and "800.1.3.3/1/BKPSDM/" in resp.content.decode()
    resp = ikuti(
        client,
        client.post(
            reverse("usulan_mutasi:nomor_batalkan"),
            {"tahun": datetime.date.today().year, "alasan": "Dipakai SK manual."},
        ),
    )
    assert any("dicatat sebagai nomor dibatalkan" in m for m in pesan(resp))
    client.force_login(dunia.kepala_a)
    assert client.get(reverse("usulan_mutasi:register_nomor")).context["paginator"].count == 0


# --- DOCX of the decree and the petikan ---------------------------------------------------------


def test_docx_sk_memuat_setiap_pegawai_di_lampiran_dan_bagian_keputusan(client, dunia):
    daftar = batch(dunia, 4)
    sk = sk_dari(dunia, daftar, perihal="Mutasi Pegawai Negeri Sipil antar Perangkat Daerah")
    client.force_login(dunia.bkpsdm)
    resp = client.get(reverse("usulan_mutasi:sk_docx", args=[sk.pk]))
    assert resp.status_code == 200 and resp["Content-Type"] == dokumen.TIPE_DOCX
    teks = teks_docx(resp.content)
    for bagian in (
        "KEPUTUSAN WALI KOTA PEMATANGSIANTAR",
        f"NOMOR {sk.nomor}",
        "MUTASI PEGAWAI NEGERI SIPIL ANTAR PERANGKAT DAERAH",
        "Menimbang",
        "Mengingat",
        "MEMUTUSKAN:",
        "KESATU",
        "Ditetapkan di Pematangsiantar",
        "pada tanggal 30 November 2026",
        "WALI KOTA PEMATANGSIANTAR,",
        "Wali Kota Uji",
        "Tembusan:",
        "terhitung mulai tanggal 30 Desember 2026",
    ):
        assert bagian in teks, bagian
    baris = baris_lampiran_docx(resp.content)
    assert len(baris) == 4
    for u in daftar:
        cocok = [b for b in baris if b[2] == u.pegawai.nip_tampil]
        assert len(cocok) == 1
        assert cocok[0][1] == u.pegawai.nama_lengkap
        assert "Penata Muda (III/a)" in cocok[0][3]
        assert dunia.jab_a.nama in cocok[0][4] and dunia.jab_b.nama in cocok[0][5]
        assert dunia.instansi_b.nama in cocok[0][5]
    # The lampiran starts a new (landscape) section: its own page.
    d = docx.Document(io.BytesIO(resp.content))
    assert len(d.sections) == 2 and d.sections[1].page_width > d.sections[1].page_height


def test_setiap_pegawai_tepat_di_satu_petikan(client, dunia):
    daftar = batch(dunia, 3)
    sk = sk_dari(dunia, daftar)
    petikan = dokumen.docx_petikan(sk)
    assert len(petikan) == 3
    teks = [teks_docx(isi) for _u, isi in petikan]
    for u in daftar:
        assert sum(u.pegawai.nip_tampil in t for t in teks) == 1
        assert sum(u.pegawai.nama_lengkap in t for t in teks) == 1
    assert all("PETIKAN" in t for t in teks)
    # One employee's petikan through the page; another agency's employee is a 404.
    client.force_login(dunia.operator_a)
    u = daftar[0]
    resp = client.get(reverse("usulan_mutasi:petikan_docx", args=[sk.pk, u.pk]))
    assert resp.status_code == 200 and u.pegawai.nip_tampil in teks_docx(resp.content)
    client.force_login(dunia.kepala_c)
    assert client.get(reverse("usulan_mutasi:petikan_docx", args=[sk.pk, u.pk])).status_code == 404


def test_docx_sk_lengkap_hanya_untuk_peran_lingkup_kota(client, dunia):
    sk = sk_dari(dunia, batch(dunia, 1))
    url = reverse("usulan_mutasi:sk_docx", args=[sk.pk])
    client.force_login(dunia.operator_a)  # sees the SK page, but not everyone's document
    assert client.get(url).status_code == 404
    client.force_login(dunia.kepala_c)
    assert client.get(url).status_code == 404
    client.force_login(dunia.ppk)
    assert client.get(url).status_code == 200


def test_templat_bawaan_memuat_semua_tanda_isian_dan_dapat_dibangun_ulang(tmp_path, monkeypatch):
    from usulan_mutasi.templat import buat_templat

    monkeypatch.setattr(buat_templat, "FOLDER", tmp_path)
    buat_templat.main()
    for nama, jalur in dokumen.TEMPLAT_BAWAAN.items():
        terpasang = teks_docx(jalur.read_bytes())
        baru = teks_docx((tmp_path / jalur.name).read_bytes())
        assert terpasang == baru, f"{jalur.name} tidak sama dengan hasil buat_templat.py"
        # Every tag the default template uses is one the code fills (and the README lists).
        dipakai = set(re.findall(r"\{\{\s*(\w+)", terpasang)) | set(
            re.findall(r"for \w+ in (\w+)", terpasang)
        )
        lokal = {"r", "m", "d", "t", "loop"}
        assert dipakai - lokal <= set(dokumen.PLACEHOLDER[nama]), jalur.name
        assert {"lambang", "qr"} <= dipakai
    assert (
        tmp_path / "lambang_pengganti.png"
    ).read_bytes() == dokumen.LAMBANG_PENGGANTI.read_bytes()


def test_templat_unggahan_dipakai_dan_templat_rusak_ditolak_admin(client, dunia, buat_pengguna):
    from usulan_mutasi.admin import PengaturanSKForm

    d = docx.Document()
    d.add_paragraph("SK KHUSUS {{ nomor }} untuk {{ jumlah_pegawai }} pegawai")
    buf = io.BytesIO()
    d.save(buf)
    rusak = docx.Document()
    rusak.add_paragraph("{{ nomor ")
    buf_rusak = io.BytesIO()
    rusak.save(buf_rusak)
    p = PengaturanSK.muat()
    teks = ("format_nomor", "tempat_penetapan", "penandatangan_jabatan", "menimbang", "mengingat")
    data = {f: getattr(p, f) for f in (*teks, "tembusan")}
    form = PengaturanSKForm(
        data=data,
        files={"templat_sk": SimpleUploadedFile("sk.docx", buf_rusak.getvalue())},
        instance=p,
    )
    assert not form.is_valid() and "tidak dapat diisi" in " ".join(form.errors["templat_sk"])
    form = PengaturanSKForm(
        data=data,
        files={"templat_sk": SimpleUploadedFile("sk.docx", buf.getvalue())},
        instance=p,
    )
    assert form.is_valid(), form.errors
    form.save()
    sk = sk_dari(dunia, batch(dunia, 2))
    assert f"SK KHUSUS {sk.nomor} untuk 2 pegawai" in teks_docx(dokumen.docx_sk(sk))
    admin = buat_pengguna("admin", is_staff=True, is_superuser=True)
    client.force_login(admin)
    halaman = client.get(reverse("admin:usulan_mutasi_pengaturansk_change", args=[1]))
    isi = halaman.content.decode()
    assert "{{ lampiran }}" in isi and "{{ pegawai }}" in isi and "unduh templat bawaan" in isi


# --- verification QR and page -----------------------------------------------------------------


def _qr_dari_docx(isi: bytes, tmp_path) -> list[str]:
    hasil = []
    with zipfile.ZipFile(io.BytesIO(isi)) as z:
        for nama in z.namelist():
            if nama.startswith("word/media/") and nama.endswith(".png"):
                jalur = tmp_path / nama.replace("/", "_")
                jalur.write_bytes(z.read(nama))
                keluar = subprocess.run(
                    ["zbarimg", "-q", "--raw", str(jalur)], capture_output=True, text=True
                )
                hasil += [b for b in keluar.stdout.splitlines() if b]
    return hasil


@butuh_zbar
def test_qr_menuju_halaman_verifikasi_tanpa_data_pribadi(client, dunia, tmp_path, settings):
    settings.URL_SITUS = "https://mutasi.pematangsiantarkota.go.id"
    daftar = batch(dunia, 2)
    sk = sk_dari(dunia, daftar)
    (url,) = _qr_dari_docx(dokumen.docx_sk(sk), tmp_path)
    assert url.startswith("https://mutasi.pematangsiantarkota.go.id/mutasi/verifikasi/")
    token = url.rstrip("/").rsplit("/", 1)[-1]
    assert len(token) >= 40  # 32 random bytes: not guessable
    # Every petikan carries the same QR code.
    assert {q for _u, isi in dokumen.docx_petikan(sk) for q in _qr_dari_docx(isi, tmp_path)} == {
        url
    }
    client.logout()
    resp = client.get(url.removeprefix(settings.URL_SITUS))
    assert resp.status_code == 200
    isi = resp.content.decode()
    assert sk.nomor in isi and "2 orang" in isi and "Wali Kota Pematangsiantar" in isi
    assert "30 Desember 2026" in isi  # TMT
    for u in daftar:
        assert u.pegawai.nip not in isi and u.pegawai.nip_tampil not in isi
        assert u.pegawai.nama not in isi
    assert "Belum ada" in isi
    assert client.get("/mutasi/verifikasi/tebakan-token/").status_code == 404


# --- signed scan ----------------------------------------------------------------------------


def test_pindaian_bertanda_tangan_diunggah_diperiksa_dan_disajikan_dengan_cakupan(client, dunia):
    daftar = batch(dunia, 1)
    sk = sk_dari(dunia, daftar)
    url = reverse("usulan_mutasi:sk_scan_unggah", args=[sk.pk])
    client.force_login(dunia.bkpsdm)
    resp = ikuti(client, client.post(url, {"berkas": SimpleUploadedFile("sk.pdf", PDF_KECIL)}))
    assert any("masih draf" in m for m in pesan(resp))
    services.sk_tetapkan(sk=sk, actor=dunia.bkpsdm, hari_ini=TANGGAL)
    for berkas, kata in (
        (SimpleUploadedFile("sk.png", b"\x89PNG\r\n\x1a\nxx"), "harus berupa berkas PDF"),
        (SimpleUploadedFile("sk.pdf", b"bukan pdf"), "tidak sesuai"),
    ):
        resp = ikuti(client, client.post(url, {"berkas": berkas}))
        assert any(kata in m for m in pesan(resp)), pesan(resp)
    resp = ikuti(client, client.post(url, {"berkas": SimpleUploadedFile("ttd.pdf", PDF_KECIL)}))
    assert any("disimpan" in m for m in pesan(resp))
    sk.refresh_from_db()
    assert sk.ditandatangani and sk.scan_ttd_diunggah_oleh == dunia.bkpsdm
    isi = resp.content.decode()
    assert "Ditandatangani" in isi and str(dunia.bkpsdm) in isi
    unduh = reverse("usulan_mutasi:sk_scan_unduh", args=[sk.pk])
    assert b"".join(client.get(unduh).streaming_content) == PDF_KECIL
    client.force_login(dunia.kepala_c)
    assert client.get(unduh).status_code == 404
    assert client.post(url, {"berkas": SimpleUploadedFile("x.pdf", PDF_KECIL)}).status_code == 404
    # The origin head sees the decree and may read the scan, but uploading is BKPSDM's.
    client.force_login(dunia.kepala_a)
    assert b"".join(client.get(unduh).streaming_content) == PDF_KECIL
    assert client.post(url, {"berkas": SimpleUploadedFile("x.pdf", PDF_KECIL)}).status_code == 404
    with pytest.raises(PermissionDenied):
        services.sk_unggah_pindaian(
            sk=sk, berkas=SimpleUploadedFile("x.pdf", PDF_KECIL), actor=dunia.ppk
        )
    # The public page now shows it signed.
    client.logout()
    tanda = dokumen.tanda_verifikasi(jenis=JenisBerkasSK.SK, sk=sk)
    assert "Ditandatangani" in client.get(tanda.get_absolute_url()).content.decode()


# --- letters from the heads' recorded approvals --------------------------------------------------


@butuh_zbar
def test_surat_persetujuan_melepas_dari_persetujuan_yang_tercatat(client, dunia, tmp_path):
    (u,) = batch(dunia, 1)
    url = reverse("usulan_mutasi:surat_docx", args=[u.pk, "melepas"])
    client.force_login(dunia.operator_a)
    assert client.get(url).status_code == 404  # nothing recorded yet
    PeristiwaUsulan.objects.create(
        usulan=u,
        aktor=dunia.kepala_a,
        aksi=AksiPeristiwa.DISETUJUI_ASAL,
        catatan="Setuju, formasi di unit asal masih cukup.",
    )
    resp = client.get(url)
    assert resp.status_code == 200
    teks = teks_docx(resp.content)
    assert "SURAT PERSETUJUAN MELEPAS PEGAWAI" in teks
    assert dunia.instansi_a.nama.upper() in teks and u.pegawai.nip_tampil in teks
    assert "formasi di unit asal masih cukup" in teks and u.nomor in teks
    (qr,) = _qr_dari_docx(resp.content, tmp_path)
    # The SK page links the letter once the proposal is in a decree.
    sk = sk_dari(dunia, [u])
    client.force_login(dunia.bkpsdm)
    assert url in client.get(sk.get_absolute_url()).content.decode()
    client.force_login(dunia.operator_a)
    client.logout()
    halaman = client.get(qr.split("127.0.0.1:8000")[-1]).content.decode()
    assert "Surat persetujuan melepas" in halaman and u.pegawai.nama not in halaman
    assert client.get(reverse("usulan_mutasi:surat_docx", args=[u.pk, "menerima"])).status_code in (
        302,
        404,
    )
    client.force_login(dunia.kepala_c)
    assert client.get(url).status_code == 404


# --- PDF -------------------------------------------------------------------------------------


def test_tanpa_libreoffice_docx_tetap_jalan_dan_halaman_menyebut_paket(client, dunia, settings):
    settings.SOFFICE_BIN = "/tidak/ada/soffice"
    sk = sk_dari(dunia, batch(dunia, 1))
    with pytest.raises(ValidationError, match="libreoffice-writer-nogui"):
        services.sk_minta_pdf(sk=sk, actor=dunia.bkpsdm)
    client.force_login(dunia.bkpsdm)
    isi = client.get(sk.get_absolute_url()).content.decode()
    assert "libreoffice-writer-nogui" in isi and "Unduh SK (.docx)" in isi
    assert client.get(reverse("usulan_mutasi:sk_docx", args=[sk.pk])).status_code == 200


@butuh_soffice
@butuh_poppler
def test_pdf_sk_dan_petikan_dibuat_di_latar_dan_memuat_nip(
    client, dunia, tmp_path, django_capture_on_commit_callbacks
):
    daftar = batch(dunia, 3)
    sk = sk_dari(dunia, daftar)
    PeristiwaUsulan.objects.create(
        usulan=daftar[0], aktor=dunia.kepala_b, aksi=AksiPeristiwa.DISETUJUI_TUJUAN
    )
    client.force_login(dunia.bkpsdm)
    with django_capture_on_commit_callbacks(execute=True):
        resp = client.post(reverse("usulan_mutasi:sk_pdf_buat", args=[sk.pk]))
    assert resp.status_code == 302
    status = dict(
        BerkasSK.objects.filter(surat_keputusan=sk).values_list("jenis", "status").distinct()
    )
    assert set(status.values()) == {StatusPembuatanPDF.SELESAI}, BerkasSK.objects.values("pesan")
    assert BerkasSK.objects.filter(surat_keputusan=sk).count() == 1 + 3 + 1
    resp = client.get(reverse("usulan_mutasi:sk_pdf", args=[sk.pk]))
    pdf = tmp_path / "sk.pdf"
    pdf.write_bytes(b"".join(resp.streaming_content))
    subprocess.run(["pdftoppm", "-r", "30", "-png", str(pdf), str(tmp_path / "hal")], check=True)
    assert len(list(tmp_path.glob("hal*.png"))) >= 2  # the decree, then the lampiran page
    teks = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True).stdout
    assert sk.nomor in teks
    for u in daftar:
        assert u.pegawai.nip_tampil in teks
    # Each petikan PDF holds its own employee only.
    for u in daftar:
        resp = client.get(reverse("usulan_mutasi:petikan_pdf", args=[sk.pk, u.pk]))
        jalur = tmp_path / f"p{u.pk}.pdf"
        jalur.write_bytes(b"".join(resp.streaming_content))
        teks = subprocess.run(["pdftotext", str(jalur), "-"], capture_output=True, text=True).stdout
        assert [x.pegawai.nip_tampil in teks for x in daftar].count(True) == 1
    resp = client.get(reverse("usulan_mutasi:surat_pdf", args=[daftar[0].pk, "menerima"]))
    assert resp.status_code == 200
    isi = client.get(sk.get_absolute_url()).content.decode()
    assert "PDF selesai: 5 berkas" in isi and "Unduh PDF SK" in isi


def test_status_pdf_tampil_saat_berjalan_dan_gagal(client, dunia):
    sk = sk_dari(dunia, batch(dunia, 1))
    BerkasSK.objects.create(surat_keputusan=sk, jenis=JenisBerkasSK.SK)
    BerkasSK.objects.create(
        surat_keputusan=sk,
        jenis=JenisBerkasSK.PETIKAN,
        usulan=sk.usulan.get(),
        status=StatusPembuatanPDF.SELESAI,
    )
    client.force_login(dunia.bkpsdm)
    isi = client.get(reverse("usulan_mutasi:sk_pdf_status", args=[sk.pk])).content.decode()
    assert "1 dari 2 berkas selesai" in isi and 'hx-trigger="every 2s"' in isi
    BerkasSK.objects.filter(jenis=JenisBerkasSK.SK).update(
        status=StatusPembuatanPDF.GAGAL, pesan="LibreOffice gagal."
    )
    isi = client.get(reverse("usulan_mutasi:sk_pdf_status", args=[sk.pk])).content.decode()
    assert "PDF gagal dibuat" in isi and "hx-trigger" not in isi
    client.force_login(dunia.kepala_c)
    assert client.get(reverse("usulan_mutasi:sk_pdf_status", args=[sk.pk])).status_code == 404


def test_minta_pdf_mengantre_tugas_setelah_commit_dan_tidak_ganda(
    dunia, django_capture_on_commit_callbacks, monkeypatch
):
    from usulan_mutasi import tasks

    dipanggil = []
    monkeypatch.setattr(tasks.buat_pdf_sk, "delay_on_commit", lambda sk_id: dipanggil.append(sk_id))
    sk = sk_dari(dunia, batch(dunia, 2))
    if dokumen.soffice_tersedia() is None:
        pytest.skip("soffice tidak terpasang")
    services.sk_minta_pdf(sk=sk, actor=dunia.bkpsdm)
    services.sk_minta_pdf(sk=sk, actor=dunia.bkpsdm)  # still queued: nothing new
    assert dipanggil == [sk.pk]
    assert BerkasSK.objects.filter(surat_keputusan=sk).count() == 3
    assert SuratKeputusan.objects.count() == 1
