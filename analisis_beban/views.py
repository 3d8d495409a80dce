"""The ABK pages: periods, tasks per jabatan, recalculation runs, dashboard, results, peta
jabatan and the spreadsheet import. Thin: reads go through selectors and scoped querysets,
writes through services."""

from decimal import Decimal

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Case, Count, F, Sum, Value, When
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from instansi.models import Instansi, Jabatan, UnitKerja
from instansi.selectors import unit_pohon
from mutasi_asn.filters import uraian_saringan
from mutasi_asn.views import Kolom, ObjectListView, ambil_atribut

from . import calculations, forms, selectors, services
from .choices import ISTILAH, PrestasiJabatan, StatusPerhitungan, StatusPeriode
from .ekspor import tulis_xlsx_berwarna
from .filters import HasilABKFilter
from .models import HasilABK, PerhitunganABK, PeriodeABK, UraianTugas

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FORMAT_DESIMAL = "#,##0.00"


def _xlsx(data: bytes, nama: str) -> HttpResponse:
    resp = HttpResponse(data, content_type=XLSX)
    resp["Content-Disposition"] = f'attachment; filename="{nama}"'
    return resp


def _periode_atau_404(user, tahun) -> PeriodeABK:
    return get_object_or_404(PeriodeABK.objects.for_user(user), tahun=tahun)


def _periode_dari_query(request) -> PeriodeABK | None:
    """The period asked for by ?periode=YYYY, else the one in force (None when there is none)."""
    tahun = request.GET.get("periode", "")
    if tahun.isdigit():
        return _periode_atau_404(request.user, int(tahun))
    return selectors.periode_berlaku()


# --- Periods ----------------------------------------------------------------------------


@login_required
@permission_required("analisis_beban.view_periodeabk", raise_exception=True)
def periode_list(request):
    daftar = list(PeriodeABK.objects.for_user(request.user).order_by("-tahun"))
    jumlah = dict(
        HasilABK.objects.for_user(request.user)
        .values("periode_id")
        .annotate(n=Count("pk"))
        .values_list("periode_id", "n")
        .order_by()
    )
    for p in daftar:
        p.jumlah_hasil = jumlah.get(p.pk, 0)
        p.wke_jam = Decimal(p.wke_menit) / 60
    return render(
        request,
        "analisis_beban/periode_list.html",
        {"judul": "Periode ABK", "daftar": daftar},
    )


@login_required
@permission_required("analisis_beban.view_periodeabk", raise_exception=True)
def periode_detail(request, tahun):
    periode = _periode_atau_404(request.user, tahun)
    user = request.user
    runs = _runs_periode(periode, user)
    sebelumnya = PeriodeABK.objects.filter(tahun__lt=periode.tahun).order_by("-tahun").first()
    berlaku = selectors.periode_berlaku()
    ctx = {
        "judul": f"Periode ABK {periode.tahun}",
        "periode": periode,
        "periode_berlaku": berlaku,
        "boleh_tetapkan": not periode.berlaku
        and user.has_perm("analisis_beban.tetapkan_periodeabk"),
        "wke_jam": Decimal(periode.wke_menit) / 60,
        **_konteks_status_periode(periode, user),
        "runs": runs,
        "run_terakhir": _dengan_persen(runs[0]) if runs else None,
        "sebelumnya": sebelumnya,
    }
    return render(request, "analisis_beban/periode_detail.html", ctx)


@login_required
def periode_edit(request, tahun=None):
    izin = "analisis_beban.change_periodeabk" if tahun else "analisis_beban.add_periodeabk"
    if not request.user.has_perm(izin):
        raise PermissionDenied
    periode = _periode_atau_404(request.user, tahun) if tahun else None
    form = forms.PeriodeForm(request.POST or None, instance=periode)
    if request.method == "POST" and form.is_valid():
        try:
            if periode is None:
                periode = services.periode_buat(data=form.cleaned_data, actor=request.user)
            else:
                data = {k: v for k, v in form.cleaned_data.items() if k != "tahun"}
                periode = services.periode_ubah_pengaturan(
                    periode=periode, data=data, actor=request.user
                )
        except ValidationError as exc:
            _galat_ke_form(form, exc)
        else:
            messages.success(request, f"Periode ABK {periode.tahun} disimpan.")
            return redirect(periode.get_absolute_url())
    judul = f"Ubah pengaturan periode ABK {periode.tahun}" if periode else "Tambah periode ABK"
    return render(
        request,
        "analisis_beban/periode_form.html",
        {"judul": judul, "form": form, "object": periode},
    )


def _pembanding_bawaan(periode: PeriodeABK) -> PeriodeABK | None:
    """What a period is compared with by default: a draft or an archive with the one in force;
    the one in force with the newest draft, else the year before it."""
    if not periode.berlaku:
        return selectors.periode_berlaku()
    draf = PeriodeABK.objects.filter(status=StatusPeriode.PENYUSUNAN).order_by("-tahun").first()
    return draf or PeriodeABK.objects.filter(tahun__lt=periode.tahun).order_by("-tahun").first()


@login_required
@permission_required("analisis_beban.view_hasilabk", raise_exception=True)
def periode_banding(request, tahun):
    """Two periods side by side: city totals and per instansi, each with the change."""
    user = request.user
    periode = _periode_atau_404(user, tahun)
    dengan = request.GET.get("dengan", "")
    if dengan.isdigit():
        pembanding = _periode_atau_404(user, int(dengan))
    else:
        pembanding = _pembanding_bawaan(periode)
    ctx = {
        "judul": f"Bandingkan ABK {periode.tahun}",
        "periode": periode,
        "pembanding": pembanding,
        "semua_periode": [(t, label) for t, label in selectors.pilihan_periode() if t != tahun],
    }
    if pembanding is not None and pembanding.pk != periode.pk:
        ctx["banding"] = selectors.banding_periode(
            periode=periode, pembanding=pembanding, user=user
        )
    return render(request, "analisis_beban/periode_banding.html", ctx)


@login_required
def periode_tetapkan(request, tahun):
    """Make a period the one in force: a confirmation page that shows what changes, then POST."""
    user = request.user
    if not user.has_perm("analisis_beban.tetapkan_periodeabk"):
        raise PermissionDenied
    periode = _periode_atau_404(user, tahun)
    if periode.berlaku:
        messages.info(request, f"Periode ABK {periode.tahun} sudah berlaku.")
        return redirect(periode.get_absolute_url())
    berlaku = selectors.periode_berlaku()
    galat = []
    if request.method == "POST":
        try:
            services.periode_tetapkan_berlaku(periode=periode, actor=user)
        except ValidationError as exc:
            galat = exc.messages
        else:
            pesan = f"ABK {periode.tahun} sekarang berlaku"
            if berlaku is not None:
                pesan += f"; ABK {berlaku.tahun} menjadi arsip"
            messages.success(request, pesan + ".")
            return redirect(periode.get_absolute_url())
    ctx = {
        "judul": f"Tetapkan ABK {periode.tahun} sebagai periode berlaku",
        "periode": periode,
        "periode_berlaku": berlaku,
        "kesiapan": selectors.kesiapan_periode(periode),
        "tidak_siap": galat or services.periode_kesiapan(periode),
        "banding": selectors.banding_periode(periode=periode, pembanding=berlaku, user=user)
        if berlaku is not None
        else None,
        "pembanding": berlaku,
    }
    return render(
        request, "analisis_beban/periode_tetapkan.html", ctx, status=400 if galat else 200
    )


def _galat_ke_form(form, exc: ValidationError):
    if hasattr(exc, "error_dict"):
        for f, errs in exc.error_dict.items():
            form.add_error(f if f in form.fields else None, errs)
    else:
        form.add_error(None, exc)


# --- Recalculation runs -----------------------------------------------------------------


def _runs_periode(periode, user) -> list[PerhitunganABK]:
    """The period page's last ten runs (none for a user who may not see runs)."""
    if not user.has_perm("analisis_beban.view_perhitunganabk"):
        return []
    return list(
        PerhitunganABK.objects.for_user(user)
        .filter(periode=periode)
        .select_related("dibuat_oleh")
        .order_by("-dibuat_pada")[:10]
    )


def _konteks_status_periode(periode, user) -> dict:
    """The "terakhir dihitung" line of the period page."""
    return {
        "status": selectors.status_hasil(periode=periode, user=user),
        "jumlah_tugas": UraianTugas.objects.for_user(user).filter(periode=periode).count(),
    }


def _render_status_run(request, run):
    """The progress partial; once the run has ended it also carries, out of band, the period
    page's "terakhir dihitung" line and run table, so the page shows the new time and the
    finished row without a reload."""
    ctx = {"run": _dengan_persen(run)}
    if run.status in (StatusPerhitungan.SELESAI, StatusPerhitungan.GAGAL):
        periode = PeriodeABK.objects.get(pk=run.periode_id)
        ctx.update(
            segarkan=True,
            periode=periode,
            runs=_runs_periode(periode, request.user),
            **_konteks_status_periode(periode, request.user),
        )
    return render(request, "analisis_beban/_perhitungan_status.html", ctx)


def _dengan_persen(run: PerhitunganABK | None) -> PerhitunganABK | None:
    """Attach the progress percentage the bar shows (a finished run is 100 %)."""
    if run is None:
        return None
    if run.status in (StatusPerhitungan.SELESAI, StatusPerhitungan.GAGAL):
        run.persen = 100
    elif run.jumlah_jabatan:
        run.persen = min(100, run.diproses * 100 // run.jumlah_jabatan)
    elif run.status == StatusPerhitungan.BERJALAN:
        run.persen = 50
    else:
        run.persen = 0
    return run


@login_required
@require_POST
def periode_hitung(request, tahun):
    if not request.user.has_perm("analisis_beban.add_perhitunganabk"):
        raise PermissionDenied
    periode = _periode_atau_404(request.user, tahun)
    if periode.status == StatusPeriode.ARSIP:
        messages.error(
            request,
            f"Periode ABK {periode.tahun} sudah diarsipkan; hasilnya tetap seperti saat ditutup "
            "dan tidak dihitung ulang.",
        )
        return redirect(periode.get_absolute_url())
    # Queued, not computed in the request: the page follows the run's progress.
    with transaction.atomic():
        run = services.perhitungan_antrekan(
            periode=periode, actor=request.user, alasan="Hitung ulang diminta dari halaman periode"
        )
    run.refresh_from_db()
    if request.htmx:
        return _render_status_run(request, run)
    messages.info(request, "Perhitungan ulang dimulai.")
    return redirect(periode.get_absolute_url())


@login_required
@permission_required("analisis_beban.view_perhitunganabk", raise_exception=True)
def perhitungan_status(request, pk):
    run = get_object_or_404(
        PerhitunganABK.objects.for_user(request.user).select_related("periode"), pk=pk
    )
    return _render_status_run(request, run)


# --- Tasks per jabatan ------------------------------------------------------------------


@login_required
@permission_required("analisis_beban.view_uraiantugas", raise_exception=True)
def jabatan_abk(request, tahun, pk):
    user = request.user
    periode = _periode_atau_404(user, tahun)
    jabatan = get_object_or_404(
        Jabatan.objects.for_user(user).select_related("unit_kerja__instansi"), pk=pk
    )
    boleh_ubah = user.has_perm("analisis_beban.change_uraiantugas")
    tugas = UraianTugas.objects.filter(periode=periode, jabatan=jabatan).order_by("urutan", "pk")
    if request.method == "POST":
        if not boleh_ubah:
            raise PermissionDenied
        formset = forms.UraianTugasFormSet(request.POST, prefix="tugas")
        if formset.is_valid():
            baris = [
                {k: f.cleaned_data[k] for k in ["id", *forms.FIELD_TUGAS]}
                for f in formset.forms
                if f.cleaned_data and not f.cleaned_data.get("DELETE")
            ]
            try:
                services.uraian_tugas_simpan_banyak(
                    periode=periode, jabatan=jabatan, baris=baris, actor=user
                )
            except ValidationError as exc:
                formset._non_form_errors = formset.error_class(exc.messages)
            else:
                messages.success(
                    request,
                    f"{len(baris)} uraian tugas disimpan; hasil ABK jabatan ini dihitung ulang.",
                )
                return redirect(request.path)
    else:
        sumber, disalin = tugas, None
        if request.GET.get("salin") and boleh_ubah:
            disalin = PeriodeABK.objects.filter(tahun__lt=periode.tahun).order_by("-tahun").first()
            if disalin is not None:
                # Prefilled, not saved: the user reviews the rows and presses Simpan.
                sumber = UraianTugas.objects.filter(periode=disalin, jabatan=jabatan).order_by(
                    "urutan", "pk"
                )
        formset = forms.UraianTugasFormSet(
            prefix="tugas",
            initial=[
                {"id": t.pk if disalin is None else None}
                | {k: getattr(t, k) for k in forms.FIELD_TUGAS}
                for t in sumber
            ],
        )
    daftar_tugas = list(tugas)
    total = sum((t.beban_menit for t in daftar_tugas), Decimal(0))
    bezetting = jabatan.pemangku.filter(aktif=True).count()
    pratinjau = calculations.hitung_jabatan(
        total_beban_menit=total,
        bezetting=bezetting,
        wke_menit=periode.wke_menit,
        ambang=calculations.AmbangPJ(
            periode.ambang_a, periode.ambang_b, periode.ambang_c, periode.ambang_d
        ),
    )
    hasil = (
        HasilABK.objects.filter(periode=periode, jabatan=jabatan)
        .select_related("unit_kerja")
        .first()
    )
    periode_lain = list(PeriodeABK.objects.exclude(pk=periode.pk).order_by("-tahun"))
    sebelumnya = next((p for p in periode_lain if p.tahun < periode.tahun), None)
    ctx = {
        "judul": f"ABK {periode.tahun}: {jabatan.nama}",
        "periode": periode,
        "jabatan": jabatan,
        "formset": formset,
        "tugas": daftar_tugas,
        "total_beban": total,
        "pratinjau": pratinjau,
        "hasil": hasil,
        "boleh_ubah": boleh_ubah,
        "periode_lain": periode_lain,
        "sebelumnya": sebelumnya,
        "periode_berlaku": next((p for p in [periode, *periode_lain] if p.berlaku), None),
    }
    return render(request, "analisis_beban/jabatan_abk.html", ctx)


@login_required
@permission_required("analisis_beban.view_uraiantugas", raise_exception=True)
def jabatan_abk_terkini(request, pk):
    """The jabatan page's "ABK" link: that jabatan's ABK page in the period in force."""
    jabatan = get_object_or_404(Jabatan.objects.for_user(request.user), pk=pk)
    periode = selectors.periode_berlaku()
    if periode is None:
        messages.info(request, "Belum ada periode ABK yang berlaku.")
        return redirect(jabatan.get_absolute_url())
    return redirect("analisis_beban:jabatan_abk", tahun=periode.tahun, pk=jabatan.pk)


@login_required
@require_POST
def salin_dari_periode(request, tahun):
    """Copy the previous period's tasks into this one, for every jabatan that has none yet.

    BKPSDM copies for the whole city; an agency user only for the units of their agency.
    """
    user = request.user
    if not user.has_perm("analisis_beban.add_uraiantugas"):
        raise PermissionDenied
    periode = _periode_atau_404(user, tahun)
    asal = PeriodeABK.objects.filter(tahun__lt=periode.tahun).order_by("-tahun").first()
    unit_ids = None
    if not user.lingkup_kota:
        unit_ids = list(UnitKerja.objects.for_user(user).values_list("pk", flat=True))
    if asal is None:
        messages.error(request, "Tidak ada periode sebelumnya untuk disalin.")
    else:
        try:
            jumlah = services.uraian_tugas_salin_dari_periode(
                periode_asal=asal, periode_tujuan=periode, actor=user, unit_kerja_ids=unit_ids
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request,
                f"{jumlah} uraian tugas disalin dari periode {asal.tahun} (jabatan yang sudah "
                "memiliki uraian tugas di periode ini tidak diubah).",
            )
    return redirect(periode.get_absolute_url())


# --- Dashboard --------------------------------------------------------------------------


def konteks_dasbor(request) -> dict:
    """Everything the dashboard shows, from the selectors; a fixed number of queries."""
    user = request.user
    periode = _periode_dari_query(request)
    berlaku = periode if periode is not None and periode.berlaku else selectors.periode_berlaku()
    ctx = {"periode": periode, "periode_berlaku": berlaku, "semua_periode": []}
    if periode is None:
        # Periods exist but none is in force yet: say so instead of "no period".
        ctx["ada_periode"] = PeriodeABK.objects.exists()
        return ctx
    daftar = reverse("analisis_beban:hasilabk_list")
    dasar = f"{daftar}?periode={periode.tahun}"
    per_instansi = selectors.ringkasan_per_instansi(periode=periode, user=user)
    grafik = {
        "label": [],
        "lebih": [],
        "kurang": [],
        "url_lebih": [],
        "url_kurang": [],
    }
    for r in per_instansi:
        grafik["label"].append(r["instansi_singkatan"] or r["instansi_nama"])
        grafik["lebih"].append(r["lebih"])
        grafik["kurang"].append(r["kurang"])
        grafik["url_lebih"].append(f"{dasar}&instansi={r['instansi_id']}&keadaan=lebih")
        grafik["url_kurang"].append(f"{dasar}&instansi={r['instansi_id']}&keadaan=kurang")
        r["url"] = f"{dasar}&instansi={r['instansi_id']}"
        r["url_lebih"] = grafik["url_lebih"][-1]
        r["url_kurang"] = grafik["url_kurang"][-1]
    pj = selectors.distribusi_pj(periode=periode, user=user)
    jumlah_pj = sum(pj.values()) or 1
    pj_baris = [
        (kode, label, {"n": pj.get(kode, 0), "persen": pj.get(kode, 0) * 100 // jumlah_pj})
        for kode, label in PrestasiJabatan.choices
    ] + [("", "Tanpa EJ (jabatan kosong)", {"n": pj[""], "persen": pj[""] * 100 // jumlah_pj})]
    ctx.update(
        {
            "semua_periode": selectors.pilihan_periode(),
            "url_hasil": dasar,
            "kota": selectors.ringkasan_kota(periode=periode, user=user),
            "per_instansi": per_instansi,
            "grafik": grafik,
            "pj_baris": pj_baris,
            "daftar_teratas": [
                {
                    "judul": "20 jabatan dengan kelebihan pegawai terbesar",
                    "keadaan": "lebih",
                    "urut": "-selisih",
                    "testid": "jabatan-terlebih",
                    "baris": list(selectors.jabatan_terlebih(periode=periode, user=user, n=20)),
                },
                {
                    "judul": "20 jabatan dengan kekurangan pegawai terbesar",
                    "keadaan": "kurang",
                    "urut": "selisih",
                    "testid": "jabatan-terkurang",
                    "baris": list(selectors.jabatan_terkurang(periode=periode, user=user, n=20)),
                },
            ],
            "status": selectors.status_hasil(periode=periode, user=user),
        }
    )
    return ctx


@login_required
@permission_required("analisis_beban.view_hasilabk", raise_exception=True)
def dasbor(request):
    ctx = konteks_dasbor(request)
    ctx["judul"] = "Dasbor analisis beban kerja"
    return render(request, "analisis_beban/dasbor.html", ctx)


# --- Result list ------------------------------------------------------------------------


class HasilABKListView(ObjectListView):
    model = HasilABK
    filterset_class = HasilABKFilter
    template_name = "analisis_beban/hasilabk_list.html"
    judul = "Hasil ABK"
    urut_bawaan = "instansi__nama,unit_kerja__urutan_pohon,-jabatan__kelas_jabatan,jabatan__nama"
    kolom = [
        Kolom("Jabatan", "jabatan", urut="jabatan__nama"),
        Kolom("Kelas", "jabatan.kelas_jabatan", urut="jabatan__kelas_jabatan", kelas="text-end"),
        Kolom("Unit kerja", "unit_kerja", urut="unit_kerja__urutan_pohon"),
        Kolom("Instansi", "instansi", urut="instansi__nama"),
        Kolom(
            "Beban kerja (menit)", "total_beban_menit", urut="total_beban_menit", kelas="text-end"
        ),
        Kolom(
            "Kebutuhan",
            "kebutuhan",
            urut="kebutuhan",
            kelas="text-end",
            keterangan=ISTILAH["Kebutuhan"],
        ),
        Kolom("Kebutuhan (bulat)", "kebutuhan_bulat", urut="kebutuhan_bulat", kelas="text-end"),
        Kolom(
            "Bezetting",
            "bezetting",
            urut="bezetting",
            kelas="text-end",
            keterangan=ISTILAH["Bezetting"],
        ),
        Kolom(
            "Selisih", "selisih", urut="selisih", kelas="text-end", keterangan=ISTILAH["Selisih"]
        ),
        Kolom("Keadaan", "get_keadaan_display", urut="keadaan"),
        Kolom("EJ", "ej", urut="ej", kelas="text-end", keterangan=ISTILAH["EJ"]),
        Kolom("PJ", "pj", urut="pj", keterangan=ISTILAH["PJ"]),
    ]

    def get_base_queryset(self):
        return HasilABK.objects.select_related("jabatan", "unit_kerja", "instansi", "periode")

    def ekspor(self):
        filterset = self.get_filterset(self.get_filterset_class())
        qs = filterset.qs if filterset.is_valid() else self.get_queryset().none()
        i_keadaan = next(i for i, k in enumerate(self.kolom) if k.atribut == "get_keadaan_display")
        header = ["Periode", "Kode jabatan"] + [k.label for k in self.kolom]
        baris = (
            (
                [h.periode.tahun, h.jabatan.kode] + [ambil(h, k.atribut) for k in self.kolom],
                h.keadaan,
            )
            for h in qs.iterator(2000)
        )
        data = tulis_xlsx_berwarna(
            "Hasil ABK",
            header,
            baris,
            kolom_keadaan=i_keadaan + 2,
            format_angka={6: FORMAT_DESIMAL, 7: "#,##0.0000", 12: "#,##0.0000"},
            saringan=uraian_saringan(filterset),
        )
        return _xlsx(data, f"hasil-abk-{timezone.localdate():%Y%m%d}.xlsx")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        tahun = self.request.GET.get("periode", "")
        periode = (
            PeriodeABK.objects.filter(tahun=int(tahun)).first()
            if tahun.isdigit()
            else selectors.periode_berlaku()
        )
        ctx["periode"] = periode
        ctx["tahun_periode"] = str(periode.tahun) if periode else ""
        return ctx


def ambil(obj, atribut):
    nilai = ambil_atribut(obj, atribut)
    return str(nilai) if hasattr(nilai, "_meta") else nilai


# --- Peta jabatan -----------------------------------------------------------------------


@login_required
@permission_required("analisis_beban.view_hasilabk", raise_exception=True)
def peta_jabatan_pilih(request):
    """Choose the agency (agency users go straight to theirs)."""
    user = request.user
    if not user.lingkup_kota and user.instansi_cakupan_id:
        return redirect("analisis_beban:peta_instansi", pk=user.instansi_cakupan_id)
    daftar = Instansi.objects.for_user(user).filter(aktif=True).order_by("nama")
    return render(
        request,
        "analisis_beban/peta_pilih.html",
        {"judul": "Peta jabatan", "daftar": daftar, "periode": _periode_dari_query(request)},
    )


# Above this many jabatan the page shows one row per unit (each opens its own peta) instead of
# every jabatan: a whole Dinas Pendidikan is ~10,000 rows, megabytes of HTML. The .xlsx export
# always holds every jabatan.
BATAS_JABATAN_PETA = 1500


def _peta(request, instansi: Instansi, akar: UnitKerja | None):
    user = request.user
    periode = _periode_dari_query(request)
    units = unit_pohon(instansi, akar=akar)
    ids = [u.pk for u in units]
    ekspor = request.GET.get("format") == "xlsx"
    ringkas = not ekspor and sum(u.jumlah_jabatan for u in units) > BATAS_JABATAN_PETA
    total = {"kebutuhan_bulat": 0, "bezetting": 0, "lebih": 0, "kurang": 0}
    if ringkas:
        per_unit = {}
        if periode is not None:
            per_unit = {
                r["unit_kerja_id"]: r
                for r in HasilABK.objects.filter(periode=periode, unit_kerja_id__in=ids)
                .values("unit_kerja_id")
                .annotate(
                    jabatan=Count("pk"),
                    kebutuhan=Sum("kebutuhan"),
                    kebutuhan_bulat=Sum("kebutuhan_bulat"),
                    bezetting=Sum("bezetting"),
                    lebih=Sum(Case(When(selisih__gt=0, then="selisih"), default=Value(0))),
                    kurang=Sum(Case(When(selisih__lt=0, then=-F("selisih")), default=Value(0))),
                )
                .order_by()
            }
        for u in units:
            u.ringkas = per_unit.get(u.pk)
            if u.ringkas:
                u.ringkas["keadaan"] = calculations.keadaan_unit(
                    u.ringkas["bezetting"], u.ringkas["kebutuhan"]
                )
                for k in total:
                    total[k] += u.ringkas[k]
    else:
        hasil = {}
        if periode is not None:
            for h in HasilABK.objects.filter(periode=periode, unit_kerja_id__in=ids).select_related(
                "jabatan"
            ):
                hasil[h.jabatan_id] = h
        baris_unit: dict[int, list] = {pk: [] for pk in ids}
        for j in Jabatan.objects.filter(unit_kerja_id__in=ids, aktif=True).order_by(
            "-kelas_jabatan", "nama"
        ):
            baris_unit[j.unit_kerja_id].append((j, hasil.pop(j.pk, None)))
        # Results of jabatan since deactivated or moved: still part of that period's picture.
        for h in hasil.values():
            baris_unit[h.unit_kerja_id].append((h.jabatan, h))
        for u in units:
            u.baris = baris_unit[u.pk]
            for _, h in u.baris:
                if h is not None:
                    total["kebutuhan_bulat"] += h.kebutuhan_bulat
                    total["bezetting"] += h.bezetting
                    if h.selisih > 0:
                        total["lebih"] += h.selisih
                    else:
                        total["kurang"] -= h.selisih
    judul = f"Peta jabatan {akar.nama if akar else instansi.nama}"
    if ekspor:
        return _peta_xlsx(units, periode, judul)
    return render(
        request,
        "analisis_beban/peta_jabatan.html",
        {
            "judul": judul,
            "instansi": instansi,
            "akar": akar,
            "periode": periode,
            "periode_berlaku": periode
            if periode is not None and periode.berlaku
            else selectors.periode_berlaku(),
            "units": units,
            "ringkas": ringkas,
            "batas_jabatan": BATAS_JABATAN_PETA,
            "total": total,
            "semua_periode": selectors.pilihan_periode(),
            "dicetak_pada": timezone.localtime(),
            "user": user,
        },
    )


def _peta_xlsx(units, periode, judul):
    header = [
        "Unit kerja",
        "Kode jabatan",
        "Jabatan",
        "Kelas",
        "Bezetting",
        "Kebutuhan",
        "Kebutuhan (bulat)",
        "Selisih",
        "Keadaan",
        "EJ",
        "PJ",
    ]

    def baris():
        for u in units:
            nama_unit = ("    " * u.indent) + u.nama
            if not u.baris:
                yield [nama_unit] + [None] * (len(header) - 1), None
            for j, h in u.baris:
                if h is None:
                    yield (
                        [nama_unit, j.kode, j.nama, j.kelas_jabatan]
                        + [None] * 4
                        + [
                            "Belum dihitung",
                            None,
                            None,
                        ],
                        None,
                    )
                else:
                    yield (
                        [
                            nama_unit,
                            j.kode,
                            j.nama,
                            j.kelas_jabatan,
                            h.bezetting,
                            h.kebutuhan,
                            h.kebutuhan_bulat,
                            h.selisih,
                            h.get_keadaan_display(),
                            h.ej,
                            h.pj,
                        ],
                        h.keadaan,
                    )

    data = tulis_xlsx_berwarna(
        judul,
        header,
        baris(),
        kolom_keadaan=8,
        format_angka={5: "#,##0.0000", 9: "#,##0.0000"},
        saringan=f"Periode {periode.tahun}" if periode else "belum ada periode ABK",
    )
    tahun = periode.tahun if periode else "tanpa-periode"
    return _xlsx(data, f"peta-jabatan-{tahun}-{timezone.localdate():%Y%m%d}.xlsx")


@login_required
@permission_required("analisis_beban.view_hasilabk", raise_exception=True)
def peta_instansi(request, pk):
    instansi = get_object_or_404(Instansi.objects.for_user(request.user), pk=pk)
    return _peta(request, instansi, None)


@login_required
@permission_required("analisis_beban.view_hasilabk", raise_exception=True)
def peta_unit(request, pk):
    unit = get_object_or_404(
        UnitKerja.objects.for_user(request.user).select_related("instansi"), pk=pk
    )
    return _peta(request, unit.instansi, unit)
