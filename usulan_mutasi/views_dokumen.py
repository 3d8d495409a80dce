"""Pages and downloads of the decree as a document: the number register, DOCX and PDF of the
decree, its petikan and the heads' letters, the signed scan, and the public verification page.

Scope: the whole decree (every employee) is read by the city-wide roles; an agency user reads the
petikan and letters of the proposals in its scope (`UsulanMutasi.for_user`); anything else is a
404. Files are private and streamed here after that check.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from mutasi_asn.views import Kolom, ObjectListView

from . import dokumen, services
from .choices import JenisBerkasSK, StatusPembuatanPDF, StatusSK
from .filters import NomorSKFilter
from .models import BerkasSK, NomorSK, SuratKeputusan, TandaVerifikasi, UsulanMutasi
from .views import pesan_dari

JENIS_SURAT = {"melepas": JenisBerkasSK.SURAT_MELEPAS, "menerima": JenisBerkasSK.SURAT_MENERIMA}


def _sk_atau_404(request, pk, *, seluruhnya: bool = False) -> SuratKeputusan:
    """The decree in the user's scope; `seluruhnya`: the whole document, city-wide roles only."""
    if not request.user.has_perm("usulan_mutasi.view_suratkeputusan"):
        raise Http404
    if seluruhnya and not request.user.lingkup_kota:
        raise Http404
    return get_object_or_404(SuratKeputusan.objects.for_user(request.user), pk=pk)


def _usulan_sk_atau_404(request, sk, usulan_pk) -> UsulanMutasi:
    return get_object_or_404(
        UsulanMutasi.objects.for_user(request.user).filter(surat_keputusan=sk).dengan_relasi(),
        pk=usulan_pk,
    )


def _unduhan(isi: bytes, nama: str, tipe: str) -> HttpResponse:
    resp = HttpResponse(isi, content_type=tipe)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


def _berkas(berkas_field, nama: str, tipe: str = "application/pdf", lihat: bool = False):
    try:
        f = berkas_field.open("rb")
    except FileNotFoundError:
        raise Http404("Berkas tidak ditemukan.") from None
    return FileResponse(f, as_attachment=not lihat, filename=nama, content_type=tipe)


def _galat_templat(request, exc, kembali):
    messages.error(request, str(exc))
    return redirect(kembali)


# --- register ---------------------------------------------------------------------------------


class RegisterNomorView(ObjectListView):
    """The decree number register: every number of a year, used or cancelled with its reason."""

    model = NomorSK
    filterset_class = NomorSKFilter
    template_name = "usulan_mutasi/register_nomor.html"
    judul = "Register nomor Keputusan Wali Kota"
    urut_bawaan = "-tahun,-urut"
    kolom = [
        Kolom("Tahun", "tahun", urut="tahun"),
        Kolom("Urut", "urut", urut="urut"),
        Kolom("Nomor", "nomor", urut="nomor"),
        Kolom("Status", "get_status_display", urut="status"),
        Kolom("SK", "surat_keputusan.perihal"),
        Kolom("Alasan pembatalan", "alasan_batal"),
        Kolom("Dicatat oleh", "dicatat_oleh"),
        Kolom("Dicatat pada", "dicatat_pada", urut="dicatat_pada"),
    ]

    def get_permission_required(self):
        return ["usulan_mutasi.view_suratkeputusan"]

    def get_base_queryset(self):
        return NomorSK.objects.select_related("surat_keputusan", "dicatat_oleh")

    def get_context_data(self, **kwargs):
        from django.utils import timezone

        from .selectors import nomor_sk_berikut

        ctx = super().get_context_data(**kwargs)
        tahun = timezone.localdate().year
        ctx["tahun_ini"] = tahun
        ctx["nomor_berikut"] = nomor_sk_berikut(tahun)
        ctx["boleh_batalkan"] = self.request.user.punya_peran("bkpsdm")
        return ctx


@login_required
@require_POST
def nomor_batalkan(request):
    if not request.user.lingkup_kota:
        raise Http404
    try:
        tahun = int(request.POST.get("tahun", ""))
    except ValueError:
        messages.error(request, "Tahun tidak sah.")
        return redirect("usulan_mutasi:register_nomor")
    try:
        nomor = services.nomor_sk_batalkan(
            tahun=tahun,
            alasan=request.POST.get("alasan", "").replace("\x00", ""),
            actor=request.user,
        )
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(request, f"Nomor {nomor.nomor} dicatat sebagai nomor dibatalkan.")
    return redirect("usulan_mutasi:register_nomor")


# --- DOCX ------------------------------------------------------------------------------------


@login_required
def sk_docx(request, pk):
    sk = _sk_atau_404(request, pk, seluruhnya=True)
    try:
        isi = dokumen.docx_sk(sk)
    except dokumen.GalatTemplat as exc:
        return _galat_templat(request, exc, sk.get_absolute_url())
    return _unduhan(isi, dokumen.nama_berkas(f"SK-{sk.nomor}", ".docx"), dokumen.TIPE_DOCX)


@login_required
def petikan_docx(request, pk, usulan_pk):
    sk = _sk_atau_404(request, pk)
    usulan = _usulan_sk_atau_404(request, sk, usulan_pk)
    try:
        ((_u, isi),) = dokumen.docx_petikan(sk, usulan)
    except dokumen.GalatTemplat as exc:
        return _galat_templat(request, exc, sk.get_absolute_url())
    nama = dokumen.nama_berkas(f"Petikan-{sk.nomor}-{usulan.pegawai.nip}", ".docx")
    return _unduhan(isi, nama, dokumen.TIPE_DOCX)


def _jenis_surat(jenis: str) -> str:
    if jenis not in JENIS_SURAT:
        raise Http404
    return JENIS_SURAT[jenis]


@login_required
def surat_docx(request, pk, jenis):
    jenis = _jenis_surat(jenis)
    if not request.user.has_perm("usulan_mutasi.view_usulanmutasi"):
        raise Http404
    usulan = get_object_or_404(UsulanMutasi.objects.for_user(request.user).dengan_relasi(), pk=pk)
    try:
        isi = dokumen.docx_surat(usulan, jenis)
    except dokumen.GalatTemplat as exc:
        return _galat_templat(request, exc, usulan.get_absolute_url())
    if isi is None:
        raise Http404("Persetujuan ini belum dicatat.")
    nama = dokumen.nama_berkas(f"{JenisBerkasSK(jenis).label}-{usulan.nomor}", ".docx")
    return _unduhan(isi, nama, dokumen.TIPE_DOCX)


# --- PDF -------------------------------------------------------------------------------------


def _berkas_selesai(sk, jenis, usulan=None) -> BerkasSK:
    b = (
        BerkasSK.objects.filter(
            surat_keputusan=sk, jenis=jenis, usulan=usulan, status=StatusPembuatanPDF.SELESAI
        )
        .exclude(berkas="")
        .first()
    )
    if b is None:
        raise Http404("PDF belum dibuat; buat PDF di halaman SK.")
    return b


@login_required
def sk_pdf(request, pk):
    sk = _sk_atau_404(request, pk, seluruhnya=True)
    b = _berkas_selesai(sk, JenisBerkasSK.SK)
    return _berkas(b.berkas, dokumen.nama_berkas(f"SK-{sk.nomor}", ".pdf"))


@login_required
def petikan_pdf(request, pk, usulan_pk):
    sk = _sk_atau_404(request, pk)
    usulan = _usulan_sk_atau_404(request, sk, usulan_pk)
    b = _berkas_selesai(sk, JenisBerkasSK.PETIKAN, usulan)
    nama = dokumen.nama_berkas(f"Petikan-{sk.nomor}-{usulan.pegawai.nip}", ".pdf")
    return _berkas(b.berkas, nama)


@login_required
def surat_pdf(request, pk, jenis):
    jenis = _jenis_surat(jenis)
    if not request.user.has_perm("usulan_mutasi.view_usulanmutasi"):
        raise Http404
    usulan = get_object_or_404(UsulanMutasi.objects.for_user(request.user), pk=pk)
    if usulan.surat_keputusan_id is None:
        raise Http404("PDF surat dibuat bersama PDF Keputusan Wali Kota.")
    b = _berkas_selesai(usulan.surat_keputusan_id, jenis, usulan)
    nama = dokumen.nama_berkas(f"{JenisBerkasSK(jenis).label}-{usulan.nomor}", ".pdf")
    return _berkas(b.berkas, nama)


@login_required
@require_POST
def sk_pdf_buat(request, pk):
    sk = _sk_atau_404(request, pk, seluruhnya=True)
    try:
        services.sk_minta_pdf(sk=sk, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(
            request, "PDF sedang dibuat di latar belakang; statusnya tampil di halaman ini."
        )
    return redirect(sk.get_absolute_url() + "#dokumen")


def ringkasan_pdf(sk) -> dict:
    """The PDF run of a decree at a glance. Two queries."""
    from django.db.models import Count

    hitung = dict(
        BerkasSK.objects.filter(surat_keputusan=sk)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    total = sum(hitung.values())
    gagal = (
        BerkasSK.objects.filter(surat_keputusan=sk, status=StatusPembuatanPDF.GAGAL)
        .exclude(pesan="")
        .values_list("pesan", flat=True)
        .first()
    )
    selesai = hitung.get(StatusPembuatanPDF.SELESAI, 0)
    berjalan = hitung.get(StatusPembuatanPDF.ANTRI, 0) + hitung.get(StatusPembuatanPDF.PROSES, 0)
    return {
        "total": total,
        "selesai": selesai,
        "berjalan": berjalan,
        "gagal": hitung.get(StatusPembuatanPDF.GAGAL, 0),
        "pesan_gagal": gagal,
        "persen": round(100 * selesai / total) if total else 0,
        "sk_siap": BerkasSK.objects.filter(
            surat_keputusan=sk, jenis=JenisBerkasSK.SK, status=StatusPembuatanPDF.SELESAI
        ).exists()
        if selesai
        else False,
    }


@login_required
def sk_pdf_status(request, pk):
    """htmx partial: the PDF run's progress (polls itself while it runs)."""
    sk = _sk_atau_404(request, pk, seluruhnya=True)
    return render(
        request,
        "usulan_mutasi/_sk_pdf_status.html",
        {"sk": sk, "pdf": ringkasan_pdf(sk), "soffice": dokumen.soffice_tersedia()},
    )


# --- signed scan -----------------------------------------------------------------------------


@login_required
@require_POST
def scan_unggah(request, pk):
    sk = _sk_atau_404(request, pk, seluruhnya=True)
    berkas = request.FILES.get("berkas")
    if berkas is None:
        messages.error(request, "Pilih berkas PDF pindaian SK yang sudah ditandatangani.")
        return redirect(sk.get_absolute_url() + "#dokumen")
    try:
        services.sk_unggah_pindaian(sk=sk, berkas=berkas, actor=request.user)
    except (ValidationError, PermissionDenied) as exc:
        for p in pesan_dari(exc):
            messages.error(request, p)
    else:
        messages.success(request, "Pindaian SK bertanda tangan disimpan.")
    return redirect(sk.get_absolute_url() + "#dokumen")


@login_required
def scan_unduh(request, pk):
    sk = _sk_atau_404(request, pk)
    if not sk.scan_ttd:
        raise Http404("Pindaian belum diunggah.")
    nama = dokumen.nama_berkas(f"SK-{sk.nomor}-ditandatangani", ".pdf")
    return _berkas(sk.scan_ttd, nama, lihat=request.GET.get("lihat") == "1")


# --- public verification -------------------------------------------------------------------------


def verifikasi(request, token):
    """Public: what the QR code on a document leads to. Nothing personal is shown — no name, no
    NIP — only what proves the document was issued: number, dates, the signer's title, how many
    employees, and whether the signed scan is on file."""
    tanda = (
        TandaVerifikasi.objects.select_related(
            "surat_keputusan", "usulan__instansi_asal", "usulan__instansi_tujuan"
        )
        .filter(token=token)
        .first()
    )
    if tanda is None:
        return render(request, "usulan_mutasi/verifikasi.html", {"tanda": None}, status=404)
    ctx = {"tanda": tanda, "judul": "Verifikasi dokumen"}
    if tanda.surat_keputusan_id:
        sk = tanda.surat_keputusan
        ctx["sk"] = sk
        ctx["jumlah_pegawai"] = UsulanMutasi.objects.filter(surat_keputusan=sk).count()
        ctx["sah"] = sk.status != StatusSK.DRAF
    else:
        u = tanda.usulan
        ctx["usulan"] = u
        melepas = tanda.jenis == JenisBerkasSK.SURAT_MELEPAS
        ctx["instansi"] = u.instansi_asal if melepas else u.instansi_tujuan
        ctx["persetujuan"] = dokumen.persetujuan_kepala(u, tanda.jenis)
        ctx["sah"] = ctx["persetujuan"] is not None
    return render(request, "usulan_mutasi/verifikasi.html", ctx)


@login_required
def templat_bawaan(request, nama):
    """The default Word template that ships with the product, to edit and upload back."""
    if not request.user.is_staff or nama not in dokumen.TEMPLAT_BAWAAN:
        raise Http404
    jalur = dokumen.TEMPLAT_BAWAAN[nama]
    return _unduhan(jalur.read_bytes(), jalur.name, dokumen.TIPE_DOCX)
