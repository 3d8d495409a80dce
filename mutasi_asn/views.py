"""The thin shared layer of views: every app's pages are declarations on these few classes.

Scoping happens in one place: `get_queryset()` calls the model's `for_user(user)`, so an object
outside the user's scope is a 404, never a 403 that would confirm it exists.
"""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.views import View
from django.views.generic import DetailView
from django.views.generic.edit import FormView
from django_filters.views import FilterView

from .excel import tulis_xlsx
from .filters import uraian_saringan


def ambil_atribut(obj, path: str):
    """Follow `a.b.c` through attributes, calling get_FOO_display-style callables."""
    nilai = obj
    for bagian in path.split("."):
        if nilai is None:
            return None
        nilai = getattr(nilai, bagian)
        if callable(nilai):
            nilai = nilai()
    return nilai


def kata_kunci(nilai: str | None) -> str | None:
    """The one cleaning of a typed search text (pickers, admin search and its search-selects).

    Stripped of surrounding spaces; None when it holds a NUL byte, which PostgreSQL refuses in a
    query (a 500) and which no name, NIP or code contains: the search then finds nothing.
    """
    nilai = (nilai or "").strip()
    return None if "\x00" in nilai else nilai


class CariView(LoginRequiredMixin, PermissionRequiredMixin, View):
    """JSON for a search-select: `cari(q)` returns the rows, `label(obj)` their text.

    The typed text goes through `kata_kunci`, so every picker answers a NUL byte the same way.
    """

    batas = 20

    def cari(self, q: str):
        raise NotImplementedError

    def label(self, obj) -> str:
        return str(obj)

    def get(self, request):
        q = kata_kunci(request.GET.get("q"))
        if q is None:
            return JsonResponse({"hasil": []})
        # One row past the limit tells whether the list was cut (the picker then says so).
        baris = list(self.cari(q)[: self.batas + 1])
        terpotong = len(baris) > self.batas
        jawaban = {"hasil": [{"id": o.pk, "teks": self.label(o)} for o in baris[: self.batas]]}
        if terpotong:
            jawaban["terpotong"] = True
            jawaban["pesan"] = (
                f"Hanya {self.batas} hasil pertama yang ditampilkan; ketik lebih lengkap atau "
                "saring untuk mempersempit."
            )
        return JsonResponse(jawaban)


@dataclass(frozen=True)
class Kolom:
    """One column of a list page and of its .xlsx export."""

    label: str
    atribut: str
    urut: str = ""  # ORM field to order by when the header is clicked; empty = not sortable
    tautan: bool = False  # link the cell to the row's get_absolute_url
    kelas: str = ""
    keterangan: str = ""  # what the heading means, shown as its tooltip (EJ, PJ, bezetting …)


class ScopedMixin(LoginRequiredMixin, PermissionRequiredMixin):
    model: Any = None
    aksi = "view"

    def get_permission_required(self):
        meta = self.model._meta
        return [f"{meta.app_label}.{self.aksi}_{meta.model_name}"]

    def get_base_queryset(self):
        return self.model.objects.all()

    def get_queryset(self):
        return self.get_base_queryset().for_user(self.request.user)


class ObjectListView(ScopedMixin, FilterView):
    """Search, filters, sorting, pagination and export to .xlsx of one model's list."""

    template_name = "generic/object_list.html"
    paginate_by = 25
    kolom: list[Kolom] = []
    kolom_ekspor: list[Kolom] = []  # the export's columns when they are more than the page's
    urut_bawaan = ""
    judul = ""
    tombol_tambah = ""  # url name of the add page, shown to users allowed to add
    tombol_impor = ""  # url name of the .xlsx import page, shown to users allowed to add

    def get_ordering_param(self):
        urut = self.request.GET.get("urut", "")
        diizinkan = {k.urut for k in self.kolom if k.urut}
        if urut.lstrip("-") in diizinkan:
            return urut
        return ""

    def get_queryset(self):
        qs = super().get_queryset()
        urut = self.get_ordering_param()
        if urut:
            qs = qs.order_by(urut, "pk")
        elif self.urut_bawaan:
            qs = qs.order_by(*self.urut_bawaan.split(","))
        return qs

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            return self.ekspor()
        return super().get(request, *args, **kwargs)

    def paginate_queryset(self, queryset, page_size):
        # A bookmarked ?page=40 after rows were removed (or ?page=abc) shows the last (first)
        # page instead of a 404 that reads as "the list is gone".
        paginator = self.get_paginator(queryset, page_size)
        page = paginator.get_page(self.request.GET.get(self.page_kwarg))
        return paginator, page, page.object_list, page.has_other_pages()

    def ekspor(self):
        filterset = self.get_filterset(self.get_filterset_class())
        qs = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        kolom = self.kolom_ekspor or self.kolom
        data = tulis_xlsx(
            self.judul or str(self.model._meta.verbose_name_plural).capitalize(),
            [k.label for k in kolom],
            ([ambil_atribut(obj, k.atribut) for k in kolom] for obj in qs.iterator(2000)),
            saringan=uraian_saringan(filterset),
        )
        nama = f"{self.model._meta.model_name}-{timezone.localdate():%Y%m%d}.xlsx"
        resp = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        resp["Content-Disposition"] = f'attachment; filename="{nama}"'
        return resp

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        params = self.request.GET.copy()
        params.pop("page", None)
        params.pop("format", None)
        tanpa_urut = params.copy()
        tanpa_urut.pop("urut", None)
        meta = self.model._meta
        ctx.update(
            {
                "judul": self.judul or meta.verbose_name_plural.capitalize(),
                "kolom": self.kolom,
                "urut_aktif": self.get_ordering_param(),
                "query_tanpa_halaman": params.urlencode(),
                "query_tanpa_urut": tanpa_urut.urlencode(),
                "boleh_tambah": bool(self.tombol_tambah)
                and self.request.user.has_perm(f"{meta.app_label}.add_{meta.model_name}"),
                "tombol_tambah": self.tombol_tambah,
                "boleh_impor": bool(self.tombol_impor)
                and self.request.user.has_perm(f"{meta.app_label}.add_{meta.model_name}"),
                "tombol_impor": self.tombol_impor,
            }
        )
        return ctx


class ObjectDetailView(ScopedMixin, DetailView):
    pass


class ObjectEditView(ScopedMixin, FormView):
    """Create or edit one object through a service function; the view only handles HTTP.

    `layanan(instance=..., data=form.cleaned_data, actor=user)` does the write and returns the
    object. A ValidationError from it is shown on the form; nothing is half-saved because the
    service is atomic.
    """

    template_name = "generic/object_edit.html"
    layanan = None
    pesan_sukses = "Data berhasil disimpan."

    def get_permission_required(self):
        meta = self.model._meta
        aksi = "change" if "pk" in self.kwargs else "add"
        return [f"{meta.app_label}.{aksi}_{meta.model_name}"]

    def get_object(self):
        if "pk" not in self.kwargs:
            return None
        try:
            return self.get_queryset().get(pk=self.kwargs["pk"])
        except self.model.DoesNotExist:
            raise Http404 from None

    def dispatch(self, request, *args, **kwargs):
        # Permission before scope: a user who may not edit this kind of object gets 403 for
        # every object, so the answer never tells which objects exist; scope then gives 404.
        if not request.user.is_authenticated or not self.has_permission():
            return self.handle_no_permission()
        self.object = self.get_object()
        return super().dispatch(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = self.object
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        try:
            with transaction.atomic():
                obj = type(self).layanan(
                    instance=self.object, data=form.cleaned_data, actor=self.request.user
                )
                # The saved object must still be within the user's scope.
                if not self.get_queryset().filter(pk=obj.pk).exists():
                    raise ValidationError(
                        "Perubahan ini akan memindahkan data keluar dari cakupan instansi Anda."
                    )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errs in exc.error_dict.items():
                    form.add_error(field if field in form.fields else None, errs)
            else:
                form.add_error(None, exc)
            return self.form_invalid(form)
        messages.success(self.request, self.pesan_sukses)
        return redirect(obj.get_absolute_url())

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        meta = self.model._meta
        ctx["object"] = self.object
        ctx["judul"] = (
            f"Ubah {meta.verbose_name}: {self.object}"
            if self.object
            else f"Tambah {meta.verbose_name}"
        )
        return ctx
