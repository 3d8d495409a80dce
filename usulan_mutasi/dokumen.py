"""The decree as a document: the Keputusan Wali Kota of a batch, one petikan per employee and the
heads' approval letters, rendered with docxtpl from Word templates BKPSDM may replace, plus the
verification QR code; and PDF conversion through LibreOffice headless.

Reads only: building a document writes nothing except, the first time, the verification token
(`tanda_verifikasi`). The PDF task's bookkeeping is in services.py.

Placeholders every template gets (README.md "Templat dokumen" lists them too):
see `PLACEHOLDER` below, which the admin page of the settings shows.
"""

from __future__ import annotations

import io
import os
import secrets
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format

from .choices import AksiPeristiwa, JenisBerkasSK, JenisMutasi
from .models import PengaturanSK, PeristiwaUsulan, SuratKeputusan, TandaVerifikasi, UsulanMutasi

FOLDER_TEMPLAT = Path(__file__).resolve().parent / "templat"
TEMPLAT_BAWAAN = {
    "templat_sk": FOLDER_TEMPLAT / "sk_mutasi.docx",
    "templat_petikan": FOLDER_TEMPLAT / "petikan_mutasi.docx",
    "templat_surat": FOLDER_TEMPLAT / "surat_persetujuan.docx",
}
LAMBANG_PENGGANTI = FOLDER_TEMPLAT / "lambang_pengganti.png"
TIPE_DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"

# What each template may use. Kept here once: the admin page and a test read it.
PLACEHOLDER_SK = {
    "lambang": "gambar lambang pada kop (diunggah di pengaturan)",
    "nomor": "nomor lengkap SK",
    "tentang": "perihal SK, huruf kapital",
    "tanggal": "tanggal SK, mis. 29 November 2026",
    "tmt": "TMT, mis. 1 Desember 2026",
    "tempat": "tempat penetapan",
    "menimbang": "daftar butir {huruf, teks}",
    "mengingat": "daftar butir {nomor, teks}",
    "diktum": "daftar diktum {label (KESATU, KEDUA, …), teks}",
    "lampiran": "daftar baris {no, nip, nama, pangkat, jabatan_lama, unit_lama, jabatan_baru, "
    "unit_baru, keterangan}",
    "jumlah_pegawai": "banyaknya pegawai dalam SK",
    "penandatangan": "{nama, nip, jabatan, jabatan_kapital}",
    "tembusan": "daftar teks",
    "qr": "gambar kode QR verifikasi",
    "url_verifikasi": "alamat halaman verifikasi",
}
PLACEHOLDER_PETIKAN = {
    **PLACEHOLDER_SK,
    "pegawai": "baris lampiran pegawai penerima petikan (kunci sama dengan lampiran)",
}
PLACEHOLDER_SURAT = {
    "lambang": PLACEHOLDER_SK["lambang"],
    "instansi_kapital": "nama instansi penyetuju, huruf kapital",
    "judul_surat": "SURAT PERSETUJUAN MELEPAS PEGAWAI / … MENERIMA PEGAWAI",
    "nomor_surat": "nomor surat (dari nomor usulan)",
    "pernyataan": "'menyetujui untuk melepas' / 'menyetujui untuk menerima'",
    "pegawai": "{nama, nip, pangkat, jabatan_lama, unit_lama, jabatan_baru, unit_baru}",
    "nomor_usulan": "nomor usulan mutasi",
    "jenis_mutasi": "jenis mutasi",
    "waktu_persetujuan": "tanggal dan jam persetujuan dicatat",
    "catatan": "catatan persetujuan (bila ada)",
    "penyetuju": "{nama, jabatan}",
    "tempat": "tempat surat",
    "tanggal": "tanggal persetujuan",
    "qr": PLACEHOLDER_SK["qr"],
    "url_verifikasi": PLACEHOLDER_SK["url_verifikasi"],
}
PLACEHOLDER = {
    "templat_sk": PLACEHOLDER_SK,
    "templat_petikan": PLACEHOLDER_PETIKAN,
    "templat_surat": PLACEHOLDER_SURAT,
}

ANGKA_DIKTUM = ["KESATU", "KEDUA", "KETIGA", "KEEMPAT", "KELIMA", "KEENAM", "KETUJUH"]
HURUF = "abcdefghijklmnopqrstuvwxyz"


def tanggal_indonesia(nilai) -> str:
    """`29 November 2026` (the active language is Indonesian)."""
    if nilai is None:
        return ""
    if hasattr(nilai, "tzinfo") and timezone.is_aware(nilai):
        nilai = timezone.localtime(nilai)
    return date_format(nilai, "j F Y")


def _butir(teks: str) -> list[str]:
    return [b.strip() for b in (teks or "").splitlines() if b.strip()]


# --- verification ----------------------------------------------------------------------------


def tanda_verifikasi(
    *, jenis: str, sk: SuratKeputusan | None = None, usulan=None
) -> TandaVerifikasi:
    """The document's verification token, made the first time it is asked for."""
    kunci = {"jenis": jenis, "surat_keputusan": sk, "usulan": usulan}
    ada = TandaVerifikasi.objects.filter(**kunci).first()
    if ada:
        return ada
    try:
        with transaction.atomic():
            return TandaVerifikasi.objects.create(token=secrets.token_urlsafe(32), **kunci)
    except IntegrityError:
        # Made by a concurrent request a moment earlier.
        return TandaVerifikasi.objects.get(**kunci)


def url_verifikasi(tanda: TandaVerifikasi) -> str:
    return settings.URL_SITUS.rstrip("/") + tanda.get_absolute_url()


def qr_png(url: str) -> bytes:
    import segno

    buf = io.BytesIO()
    segno.make(url, error="m").save(buf, kind="png", scale=6, border=2)
    return buf.getvalue()


# --- context ---------------------------------------------------------------------------------


def baris_lampiran(usulan: UsulanMutasi, no: int) -> dict:
    """One employee's row of the lampiran (and of their petikan)."""
    p = usulan.pegawai
    unit_lama = " — ".join(str(x) for x in (usulan.unit_asal, usulan.instansi_asal) if x)
    if usulan.jenis == JenisMutasi.KELUAR:
        jabatan_baru, unit_baru = "Pindah ke instansi lain", usulan.instansi_luar
    else:
        jabatan_baru = str(usulan.jabatan_tujuan or "")
        unit_baru = " — ".join(str(x) for x in (usulan.unit_tujuan, usulan.instansi_tujuan) if x)
    if usulan.jenis == JenisMutasi.MASUK:
        unit_lama = unit_lama or usulan.instansi_luar
    keterangan = usulan.get_jenis_display()
    return {
        "no": no,
        "nip": p.nip_tampil,
        "nama": p.nama_lengkap,
        "pangkat": p.golongan_tampil,
        "jabatan_lama": str(usulan.jabatan_asal or "—"),
        "unit_lama": unit_lama,
        "jabatan_baru": jabatan_baru,
        "unit_baru": unit_baru,
        "keterangan": keterangan,
    }


def daftar_usulan_sk(sk: SuratKeputusan):
    """Every proposal of the decree, in lampiran order (by name), relations joined."""
    return list(
        UsulanMutasi.objects.filter(surat_keputusan=sk)
        .dengan_relasi()
        .order_by("pegawai__nama", "pk")
    )


def diktum_untuk(sk: SuratKeputusan, daftar: list[UsulanMutasi]) -> list[dict]:
    """The diktum of the batch: what it decides depends on the kinds of transfer in it."""
    jenis = {u.jenis for u in daftar}
    teks = []
    dalam_kota = jenis & {JenisMutasi.ANTAR_UNIT, JenisMutasi.ANTAR_OPD}
    if dalam_kota:
        teks.append(
            "Memindahkan Pegawai Negeri Sipil yang namanya tercantum dalam Lampiran Keputusan ini "
            "dari jabatan dan unit kerja lama ke jabatan dan unit kerja baru di lingkungan "
            "Pemerintah Kota Pematangsiantar sebagaimana tercantum dalam Lampiran tersebut."
        )
    if JenisMutasi.MASUK in jenis:
        teks.append(
            "Menerima pindah Pegawai Negeri Sipil dari instansi lain yang namanya tercantum dalam "
            "Lampiran Keputusan ini dan menempatkannya pada jabatan dan unit kerja baru "
            "sebagaimana tercantum dalam Lampiran tersebut."
        )
    if JenisMutasi.KELUAR in jenis:
        teks.append(
            "Memberhentikan dari jabatannya di lingkungan Pemerintah Kota Pematangsiantar "
            "Pegawai Negeri Sipil yang pindah ke instansi lain sebagaimana tercantum dalam "
            "Lampiran Keputusan ini."
        )
    teks.append(
        "Kepada Pegawai Negeri Sipil sebagaimana dimaksud dalam Diktum KESATU diberikan "
        "penghasilan sesuai dengan ketentuan peraturan perundang-undangan."
    )
    teks.append(
        "Segala biaya yang timbul akibat ditetapkannya Keputusan ini dibebankan pada Anggaran "
        "Pendapatan dan Belanja Daerah Kota Pematangsiantar."
    )
    teks.append(
        f"Keputusan ini mulai berlaku terhitung mulai tanggal {tanggal_indonesia(sk.tmt)}, dengan "
        "ketentuan apabila di kemudian hari terdapat kekeliruan dalam penetapannya akan "
        "diadakan perbaikan sebagaimana mestinya."
    )
    return [{"label": ANGKA_DIKTUM[i], "teks": t} for i, t in enumerate(teks)]


@dataclass
class KonteksSK:
    data: dict
    daftar: list[UsulanMutasi]
    lampiran: list[dict]


def konteks_sk(sk: SuratKeputusan, pengaturan: PengaturanSK | None = None) -> KonteksSK:
    """Everything the decree's templates are filled with (images are added at rendering)."""
    pengaturan = pengaturan or PengaturanSK.muat()
    daftar = daftar_usulan_sk(sk)
    lampiran = [baris_lampiran(u, i) for i, u in enumerate(daftar, start=1)]
    tanda = tanda_verifikasi(jenis=JenisBerkasSK.SK, sk=sk)
    jabatan = sk.penandatangan_jabatan or pengaturan.penandatangan_jabatan
    data = {
        "nomor": sk.nomor,
        "tentang": (sk.perihal or "Mutasi Pegawai Negeri Sipil").upper(),
        "tanggal": tanggal_indonesia(sk.tanggal),
        "tmt": tanggal_indonesia(sk.tmt),
        "tempat": pengaturan.tempat_penetapan,
        "menimbang": [
            {"huruf": HURUF[i % 26], "teks": t} for i, t in enumerate(_butir(sk.menimbang))
        ],
        "mengingat": [{"nomor": i, "teks": t} for i, t in enumerate(_butir(sk.mengingat), 1)],
        "diktum": diktum_untuk(sk, daftar),
        "lampiran": lampiran,
        "jumlah_pegawai": len(lampiran),
        "penandatangan": {
            "nama": sk.penandatangan_nama,
            "nip": sk.penandatangan_nip,
            "jabatan": jabatan,
            "jabatan_kapital": jabatan.upper(),
        },
        "tembusan": _butir(sk.tembusan),
        "url_verifikasi": url_verifikasi(tanda),
    }
    return KonteksSK(data=data, daftar=daftar, lampiran=lampiran)


# --- rendering -------------------------------------------------------------------------------


def _berkas_templat(pengaturan: PengaturanSK, nama: str) -> bytes:
    unggahan = getattr(pengaturan, nama)
    if unggahan:
        try:
            with unggahan.open("rb") as f:
                return f.read()
        except FileNotFoundError:
            pass  # the uploaded file went missing: the default still makes a document
    return TEMPLAT_BAWAAN[nama].read_bytes()


def _gambar_lambang(pengaturan: PengaturanSK) -> bytes:
    if pengaturan.lambang:
        try:
            with pengaturan.lambang.open("rb") as f:
                return f.read()
        except FileNotFoundError:
            pass
    return LAMBANG_PENGGANTI.read_bytes()


def _lingkungan_jinja():
    """A Jinja environment that compiles each template source once: a petikan per employee
    renders the same patched XML 200 times, and compiling it is most of the cost."""
    from jinja2 import Environment

    class LingkunganCache(Environment):
        def from_string(self, source, globals=None, template_class=None):
            kunci = source if isinstance(source, str) else None
            if kunci is not None and kunci in self._hasil_kompilasi:
                return self._hasil_kompilasi[kunci]
            hasil = super().from_string(source, globals, template_class)
            if kunci is not None:
                self._hasil_kompilasi[kunci] = hasil
            return hasil

    env = LingkunganCache(autoescape=True)
    env._hasil_kompilasi = {}
    return env


class Perender:
    """Renders one template many times (a petikan per employee) reading the template, the
    emblem and the QR code once, and compiling the template once."""

    def __init__(self, nama_templat: str, pengaturan: PengaturanSK | None = None):
        self.pengaturan = pengaturan or PengaturanSK.muat()
        self.templat = _berkas_templat(self.pengaturan, nama_templat)
        self.lambang = _gambar_lambang(self.pengaturan)
        self._qr: dict[str, bytes] = {}
        self._jinja = _lingkungan_jinja()

    def render(self, data: dict) -> bytes:
        from docx.shared import Mm
        from docxtpl import DocxTemplate, InlineImage

        tpl = DocxTemplate(io.BytesIO(self.templat))
        url = data.get("url_verifikasi", "")
        if url not in self._qr:
            self._qr[url] = qr_png(url) if url else b""
        konteks = dict(data)
        konteks["lambang"] = InlineImage(tpl, io.BytesIO(self.lambang), height=Mm(26))
        konteks["qr"] = InlineImage(tpl, io.BytesIO(self._qr[url]), width=Mm(24)) if url else ""
        tpl.render(konteks, jinja_env=self._jinja, autoescape=True)
        keluar = io.BytesIO()
        tpl.save(keluar)
        return keluar.getvalue()


class GalatTemplat(Exception):
    """A template BKPSDM uploaded cannot be filled (a broken tag); the message says where."""


def _render_aman(perender: Perender, data: dict) -> bytes:
    from jinja2 import TemplateError

    try:
        return perender.render(data)
    except TemplateError as exc:
        raise GalatTemplat(
            f"Templat dokumen tidak dapat diisi: {exc}. Periksa penulisan tanda {{{{ … }}}} dan "
            "{% … %} di templat yang diunggah pada Pengaturan Keputusan Wali Kota."
        ) from exc


def docx_sk(sk: SuratKeputusan) -> bytes:
    """The Keputusan Wali Kota of the batch with its lampiran, as DOCX."""
    k = konteks_sk(sk)
    return _render_aman(Perender("templat_sk"), k.data)


def docx_petikan(
    sk: SuratKeputusan, usulan: UsulanMutasi | None = None
) -> list[tuple[UsulanMutasi, bytes]]:
    """The petikan of every employee of the decree (or of one), each its own DOCX."""
    k = konteks_sk(sk)
    perender = Perender("templat_petikan")
    hasil = []
    for u, baris in zip(k.daftar, k.lampiran, strict=True):
        if usulan is not None and u.pk != usulan.pk:
            continue
        hasil.append((u, _render_aman(perender, {**k.data, "pegawai": baris})))
    return hasil


def persetujuan_kepala(usulan: UsulanMutasi, jenis: str) -> PeristiwaUsulan | None:
    """The recorded approval of the origin head (melepas) or destination head (menerima): the
    latest one, since a proposal returned and resubmitted is approved again."""
    aksi = (
        AksiPeristiwa.DISETUJUI_ASAL
        if jenis == JenisBerkasSK.SURAT_MELEPAS
        else AksiPeristiwa.DISETUJUI_TUJUAN
    )
    return (
        PeristiwaUsulan.objects.filter(usulan=usulan, aksi=aksi)
        .select_related("aktor")
        .order_by("-waktu", "-pk")
        .first()
    )


def konteks_surat(usulan: UsulanMutasi, jenis: str, peristiwa: PeristiwaUsulan) -> dict:
    pengaturan = PengaturanSK.muat()
    melepas = jenis == JenisBerkasSK.SURAT_MELEPAS
    instansi = usulan.instansi_asal if melepas else usulan.instansi_tujuan
    tanda = tanda_verifikasi(jenis=jenis, usulan=usulan)
    return {
        "instansi_kapital": str(instansi or "").upper(),
        "judul_surat": "SURAT PERSETUJUAN MELEPAS PEGAWAI"
        if melepas
        else "SURAT PERSETUJUAN MENERIMA PEGAWAI",
        "nomor_surat": f"{usulan.nomor}/{'MLP' if melepas else 'MNR'}",
        "pernyataan": "menyetujui untuk melepas" if melepas else "menyetujui untuk menerima",
        "pegawai": baris_lampiran(usulan, 1),
        "nomor_usulan": usulan.nomor,
        "jenis_mutasi": usulan.get_jenis_display(),
        "waktu_persetujuan": f"{tanggal_indonesia(peristiwa.waktu)} pukul "
        f"{timezone.localtime(peristiwa.waktu):%H.%M} WIB",
        "catatan": peristiwa.catatan,
        "penyetuju": {
            "nama": str(peristiwa.aktor or ""),
            "jabatan": f"Kepala {instansi}" if instansi else "Kepala Perangkat Daerah",
        },
        "tempat": pengaturan.tempat_penetapan,
        "tanggal": tanggal_indonesia(peristiwa.waktu),
        "url_verifikasi": url_verifikasi(tanda),
    }


def docx_surat(usulan: UsulanMutasi, jenis: str) -> bytes | None:
    """The head's approval letter from their recorded decision; None when there is none."""
    peristiwa = persetujuan_kepala(usulan, jenis)
    if peristiwa is None:
        return None
    return _render_aman(Perender("templat_surat"), konteks_surat(usulan, jenis, peristiwa))


def nama_berkas(teks: str, ekstensi: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in teks).strip("-") + ekstensi


# --- PDF through LibreOffice --------------------------------------------------------------------


def soffice_tersedia() -> str | None:
    """The path of LibreOffice's `soffice`, or None when it is not installed."""
    return shutil.which(settings.SOFFICE_BIN or "soffice")


PESAN_TANPA_SOFFICE = (
    "PDF dibuat dengan LibreOffice, yang belum terpasang di server ini. Pasang paket Debian "
    "'libreoffice-writer-nogui' (apt-get install libreoffice-writer-nogui); dokumen DOCX tetap "
    "dapat diunduh."
)


class GalatPDF(Exception):
    pass


def docx_ke_pdf(berkas: dict[str, bytes], *, batas_detik: int = 600) -> dict[str, bytes]:
    """Convert DOCX files ({name: bytes}) to PDF in one LibreOffice run; returns {name: pdf}.

    Each worker process has its own LibreOffice profile: two soffice processes sharing one
    profile lock each other out (the second exits at once without converting).
    """
    soffice = soffice_tersedia()
    if soffice is None:
        raise GalatPDF(PESAN_TANPA_SOFFICE)
    profil = Path(tempfile.gettempdir()) / f"mutasi-asn-soffice-{os.getpid()}"
    with tempfile.TemporaryDirectory(prefix="mutasi-pdf-") as kerja:
        kerja = Path(kerja)
        masuk = []
        for nama, isi in berkas.items():
            jalur = kerja / f"{nama}.docx"
            jalur.write_bytes(isi)
            masuk.append(str(jalur))
        keluar = kerja / "pdf"
        perintah = [
            soffice,
            f"-env:UserInstallation={profil.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf:writer_pdf_Export",
            "--outdir",
            str(keluar),
            *masuk,
        ]
        try:
            hasil = subprocess.run(
                perintah, capture_output=True, timeout=batas_detik, check=False, cwd=kerja
            )
        except subprocess.TimeoutExpired:
            raise GalatPDF(f"LibreOffice tidak selesai dalam {batas_detik} detik.") from None
        pdf = {}
        for nama in berkas:
            jalur = keluar / f"{nama}.pdf"
            if not jalur.exists():
                pesan = (hasil.stderr or hasil.stdout or b"").decode(errors="replace")[-500:]
                raise GalatPDF(f"LibreOffice gagal mengubah {nama} menjadi PDF. {pesan}".strip())
            pdf[nama] = jalur.read_bytes()
        return pdf


# --- checking an uploaded template ------------------------------------------------------------


def _contoh_baris() -> dict:
    return {
        "no": 1,
        "nip": "19860926 201505 2 001",
        "nama": "dr. Maria Siregar, M.Kes.",
        "pangkat": "Penata Muda (III/a)",
        "jabatan_lama": "Perawat Terampil",
        "unit_lama": "UPTD Puskesmas 01 — Dinas Kesehatan",
        "jabatan_baru": "Perawat Mahir",
        "unit_baru": "RSUD dr. Djasamen Saragih",
        "keterangan": "Antar OPD",
    }


def contoh_konteks(nama_templat: str) -> dict:
    """A filled-in sample context, to try an uploaded template before it is accepted."""
    baris = _contoh_baris()
    if nama_templat == "templat_surat":
        return {
            "instansi_kapital": "DINAS KESEHATAN",
            "judul_surat": "SURAT PERSETUJUAN MELEPAS PEGAWAI",
            "nomor_surat": "UM/2026/00001/MLP",
            "pernyataan": "menyetujui untuk melepas",
            "pegawai": baris,
            "nomor_usulan": "UM/2026/00001",
            "jenis_mutasi": "Antar OPD",
            "waktu_persetujuan": "29 November 2026 pukul 10.00 WIB",
            "catatan": "",
            "penyetuju": {"nama": "Kepala Dinas", "jabatan": "Kepala Dinas Kesehatan"},
            "tempat": "Pematangsiantar",
            "tanggal": "29 November 2026",
            "url_verifikasi": "https://contoh/verifikasi/",
        }
    data = {
        "nomor": "800.1.3.3/1/BKPSDM/XI/2026",
        "tentang": "MUTASI PEGAWAI NEGERI SIPIL",
        "tanggal": "29 November 2026",
        "tmt": "1 Desember 2026",
        "tempat": "Pematangsiantar",
        "menimbang": [{"huruf": "a", "teks": "bahwa …;"}],
        "mengingat": [{"nomor": 1, "teks": "Undang-Undang …;"}],
        "diktum": [{"label": "KESATU", "teks": "…"}],
        "lampiran": [baris],
        "jumlah_pegawai": 1,
        "penandatangan": {
            "nama": "Wali Kota",
            "nip": "",
            "jabatan": "Wali Kota Pematangsiantar",
            "jabatan_kapital": "WALI KOTA PEMATANGSIANTAR",
        },
        "tembusan": ["Yth. …"],
        "url_verifikasi": "https://contoh/verifikasi/",
    }
    if nama_templat == "templat_petikan":
        data["pegawai"] = baris
    return data


def periksa_templat(nama_templat: str, isi: bytes) -> None:
    """Raise GalatTemplat with what is wrong when an uploaded .docx cannot be filled."""
    import zipfile

    if not zipfile.is_zipfile(io.BytesIO(isi)):
        raise GalatTemplat("Berkas templat harus dokumen Word .docx.")
    perender = Perender.__new__(Perender)
    perender.pengaturan = None
    perender.templat = isi
    perender.lambang = LAMBANG_PENGGANTI.read_bytes()
    perender._qr = {}
    perender._jinja = _lingkungan_jinja()
    try:
        _render_aman(perender, contoh_konteks(nama_templat))
    except GalatTemplat:
        raise
    except Exception as exc:  # noqa: BLE001 - a broken file can fail in many ways inside docx
        raise GalatTemplat(f"Templat tidak dapat dibaca sebagai dokumen Word: {exc}") from exc
