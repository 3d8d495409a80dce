"""Pages of the one import flow: upload, preview, commit, progress and result. HTTP only.

Every import (pegawai, jabatan, instansi, unit kerja, the ABK's uraian tugas, ...) uses these
views; what differs is its contract (`mutasi_asn.impor_kontrak.KontrakImpor`).
"""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django.views.generic.edit import FormView

from mutasi_asn.excel import tulis_xlsx
from mutasi_asn.impor_kontrak import kontrak_impor

from .choices import StatusImpor
from .impor import impor_konfirmasi, impor_unggah, templat_xlsx
from .impor_forms import UnggahImporForm
from .models import ImporRegister

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _xlsx(data: bytes, nama: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


def _kontrak_boleh(user, jenis: str):
    try:
        kontrak = kontrak_impor(jenis)
    except KeyError:
        raise Http404 from None
    if not kontrak.boleh(user):
        raise PermissionDenied
    return kontrak


class ImporUnggahView(LoginRequiredMixin, FormView):
    """The upload page of one import kind (`jenis`, a registered contract)."""

    template_name = "pegawai/impor_unggah.html"
    jenis = "pegawai"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.kontrak = _kontrak_boleh(request.user, self.jenis)
        return super().dispatch(request, *args, **kwargs)

    def get_form_class(self):
        return self.kontrak.formulir or UnggahImporForm

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        label = self.kontrak.label.lower()
        ctx.update(
            {
                "judul": f"Impor {label}",
                "jenis": self.jenis,
                "label_jenis": label,
                "kontrak": self.kontrak,
                "kolom": self.kontrak.kolom,
                "maks_mb": settings.UNGGAHAN_MAKS_BYTE / 1048576,
                "riwayat": ImporRegister.objects.for_user(self.request.user)
                .filter(jenis=self.jenis)
                .select_related("diunggah_oleh")[:15],
                "url_daftar": self.kontrak.url_daftar,
            }
        )
        return ctx

    def form_valid(self, form):
        try:
            impor = impor_unggah(
                jenis=self.jenis,
                berkas=form.cleaned_data["berkas"],
                actor=self.request.user,
                opsi=form.opsi(),
            )
        except ValidationError as exc:
            form.add_error("berkas", exc)
            return self.form_invalid(form)
        return redirect(impor.get_absolute_url())


def _ambil(request, pk) -> ImporRegister:
    impor = get_object_or_404(
        ImporRegister.objects.for_user(request.user).select_related("diunggah_oleh"), pk=pk
    )
    _kontrak_boleh(request.user, impor.jenis)
    return impor


@login_required
def impor_detail(request, pk):
    """The preview (counts, every row error, a sample of what will be written) and the result."""
    impor = _ambil(request, pk)
    kontrak = impor.kontrak
    if request.GET.get("format") == "xlsx":
        data = tulis_xlsx(
            "Kesalahan impor",
            ["Baris", "Kolom", "Kesalahan"],
            ([g["baris"], g["kolom"], g["pesan"]] for g in impor.galat),
        )
        return _xlsx(data, f"kesalahan-impor-{impor.pk}.xlsx")
    halaman = Paginator(impor.galat, 50).get_page(request.GET.get("page"))
    kunci = [k for k, _ in kontrak.kolom_contoh]
    return render(
        request,
        "pegawai/impor_detail.html",
        {
            "judul": ("Pratinjau impor" if impor.status == StatusImpor.PRATINJAU else "Hasil impor")
            + f" {impor.get_jenis_display().lower()}",
            "impor": impor,
            "kontrak": kontrak,
            "page_obj": halaman,
            "galat": halaman.object_list,
            "query_tanpa_halaman": "",
            "url_unggah": kontrak.url_unggah,
            "url_daftar": kontrak.url_daftar,
            "judul_contoh": [label for _, label in kontrak.kolom_contoh],
            "contoh": [
                (c["baris"], c["aksi"], [c.get(k, "") for k in kunci]) for c in impor.contoh
            ],
        },
    )


@login_required
@require_POST
def impor_simpan(request, pk):
    impor = _ambil(request, pk)
    try:
        impor_konfirmasi(impor=impor, actor=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect(impor.get_absolute_url())


@login_required
def impor_progres(request, pk):
    """The htmx-polled progress bar; once the import has ended the whole page reloads."""
    impor = _ambil(request, pk)
    resp = render(request, "pegawai/impor_progres.html", {"impor": impor})
    if not impor.sedang_berjalan and request.headers.get("HX-Request"):
        resp["HX-Refresh"] = "true"
    return resp


@login_required
def impor_templat(request, jenis):
    kontrak = _kontrak_boleh(request.user, jenis)
    nama = kontrak.nama_templat or f"templat-impor-{jenis}-{timezone.localdate():%Y%m%d}.xlsx"
    return _xlsx(templat_xlsx(jenis), nama)
