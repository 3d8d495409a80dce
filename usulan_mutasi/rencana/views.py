"""Pages of the rebalancing plan: the list, the form that asks for one, the plan itself (before →
after, chart, moves with filters and .xlsx export, shortages left), and the action that turns
ticked moves into draft proposals. Scoped through RencanaPemerataan.objects.for_user."""

from __future__ import annotations

import django_filters
from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from analisis_beban.models import PeriodeABK
from analisis_beban.selectors import periode_berlaku
from instansi.choices import JenisJabatan
from instansi.models import Instansi
from mutasi_asn.excel import tulis_xlsx
from mutasi_asn.filters import FilterSetBerlingkup
from mutasi_asn.views import Kolom, ObjectDetailView, ObjectListView

from ..aturan import ATURAN_PER_KODE
from .inti import BIAYA, KECUALIKAN, PERINGATAN_RENCANA, PengaturanRencana
from .models import KekuranganTersisa, LangkahRencana, RencanaPemerataan, StatusRencana
from .selectors import langkah_daftar, rencana_daftar
from .services import rencana_buat, rencana_buat_usulan

LABEL_BIAYA = {
    "antar_instansi": "antar instansi",
    "antar_rumpun": "antar rumpun jabatan",
    "selisih_kelas": "selisih kelas jabatan",
    "kompetensi": "kesenjangan kompetensi",
    "masa_jabatan": "masa jabatan singkat",
    "peringatan": "peringatan diterima",
}


class RencanaFilter(FilterSetBerlingkup):
    status = django_filters.ChoiceFilter(choices=StatusRencana.choices, label="Status")
    periode = django_filters.ModelChoiceFilter(
        queryset=PeriodeABK.objects.all(), label="Periode ABK"
    )

    class Meta:
        model = RencanaPemerataan
        fields = ["status", "periode"]


class RencanaListView(ObjectListView):
    model = RencanaPemerataan
    filterset_class = RencanaFilter
    judul = "Rencana pemerataan"
    tombol_tambah = "usulan_mutasi:rencana_add"
    urut_bawaan = "-dibuat_pada,-pk"
    kolom = [
        Kolom("Rencana", "__str__", tautan=True),
        Kolom("Periode", "periode.tahun", urut="periode__tahun"),
        Kolom("Status", "get_status_display", urut="status"),
        Kolom("Langkah", "jumlah_langkah", kelas="text-end"),
        Kolom("Perlu disusun ulang", "basi"),
        Kolom("Dibuat", "dibuat_pada", urut="dibuat_pada"),
        Kolom("Oleh", "dibuat_oleh"),
    ]

    def get_base_queryset(self):
        return rencana_daftar(self.request.user)


class RencanaForm(forms.Form):
    periode = forms.ModelChoiceField(
        queryset=PeriodeABK.objects.all(), label="Periode ABK", empty_label=None
    )
    instansi = forms.ModelMultipleChoiceField(
        queryset=Instansi.objects.filter(aktif=True),
        label="Lingkup instansi",
        required=False,
        help_text="Kosongkan untuk seluruh kota.",
        widget=forms.SelectMultiple(attrs={"size": 8}),
    )
    judul = forms.CharField(label="Judul", max_length=200, required=False)
    peringatan_biaya = forms.MultipleChoiceField(
        label="Peringatan yang boleh diterima (sebagai biaya)",
        choices=[(k, ATURAN_PER_KODE[k].label) for k in PERINGATAN_RENCANA],
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Yang tidak dicentang mengecualikan pasangan pegawai × jabatan itu.",
    )
    bobot_antar_instansi = forms.IntegerField(
        label="Bobot antar instansi", min_value=0, max_value=1000
    )
    bobot_antar_rumpun = forms.IntegerField(
        label="Bobot antar rumpun jabatan", min_value=0, max_value=1000
    )
    bobot_selisih_kelas = forms.IntegerField(
        label="Bobot per selisih kelas jabatan", min_value=0, max_value=1000
    )
    bobot_masa_jabatan = forms.IntegerField(
        label="Bobot per tahun masa jabatan di bawah 10 tahun", min_value=0, max_value=1000
    )
    biaya_peringatan = forms.IntegerField(
        label="Biaya per peringatan yang diterima", min_value=0, max_value=1000
    )
    maks_per_instansi_asal = forms.IntegerField(
        label="Paling banyak mutasi per instansi asal", min_value=1, required=False
    )
    hanya_dalam_instansi = forms.BooleanField(
        label="Hanya di dalam instansi yang sama", required=False
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        bawaan = PengaturanRencana()
        for nama in (
            "bobot_antar_instansi",
            "bobot_antar_rumpun",
            "bobot_selisih_kelas",
            "bobot_masa_jabatan",
            "biaya_peringatan",
        ):
            self.fields[nama].initial = getattr(bawaan, nama)
        self.fields["periode"].initial = periode_berlaku()

    def pengaturan(self) -> dict:
        d = self.cleaned_data
        dipilih = set(d["peringatan_biaya"])
        return {
            "peringatan": {k: BIAYA if k in dipilih else KECUALIKAN for k in PERINGATAN_RENCANA},
            **{
                k: d[k]
                for k in (
                    "bobot_antar_instansi",
                    "bobot_antar_rumpun",
                    "bobot_selisih_kelas",
                    "bobot_masa_jabatan",
                    "biaya_peringatan",
                    "maks_per_instansi_asal",
                    "hanya_dalam_instansi",
                )
            },
        }


def _izin(user, aksi="view"):
    return user.is_authenticated and user.has_perm(f"usulan_mutasi.{aksi}_rencanapemerataan")


def rencana_tambah(request):
    if not request.user.is_authenticated:
        return redirect(f"{reverse('login')}?next={request.path}")
    if not _izin(request.user, "add"):
        raise PermissionDenied
    form = RencanaForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            rencana = rencana_buat(
                periode=form.cleaned_data["periode"],
                instansi=list(form.cleaned_data["instansi"]),
                pengaturan=form.pengaturan(),
                judul=form.cleaned_data["judul"],
                actor=request.user,
            )
        except (ValidationError, PermissionDenied) as exc:
            form.add_error(None, getattr(exc, "messages", [str(exc)]))
        else:
            messages.success(request, "Rencana sedang disusun; halaman ini menampilkan progresnya.")
            return redirect(rencana.get_absolute_url())
    return render(
        request,
        "usulan_mutasi/rencana_form.html",
        {"form": form, "judul": "Susun rencana pemerataan"},
    )


class LangkahFilter(django_filters.FilterSet):
    instansi = django_filters.ModelChoiceFilter(
        queryset=Instansi.objects.all(),
        label="Instansi (asal atau tujuan)",
        method="saring_instansi",
    )
    unit = django_filters.CharFilter(label="Unit kerja (asal atau tujuan)", method="saring_unit")
    jabatan = django_filters.CharFilter(label="Jabatan (asal atau tujuan)", method="saring_jabatan")
    jenis = django_filters.ChoiceFilter(
        choices=JenisJabatan.choices,
        label="Jenis jabatan tujuan",
        field_name="jabatan_tujuan__jenis",
    )
    usulan = django_filters.BooleanFilter(
        label="Sudah dijadikan usulan",
        field_name="usulan",
        lookup_expr="isnull",
        exclude=True,
        widget=forms.Select(choices=[("", "Semua"), ("true", "Ya"), ("false", "Belum")]),
    )

    class Meta:
        model = LangkahRencana
        fields = ["instansi", "unit", "jabatan", "jenis", "usulan"]

    def saring_instansi(self, qs, name, value):
        return qs.filter(Q(instansi_asal=value) | Q(instansi_tujuan=value)) if value else qs

    def saring_unit(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(unit_asal__nama__icontains=value) | Q(unit_tujuan__nama__icontains=value)
        )

    def saring_jabatan(self, qs, name, value):
        value = value.strip()
        if not value:
            return qs
        return qs.filter(
            Q(jabatan_asal__nama__icontains=value) | Q(jabatan_tujuan__nama__icontains=value)
        )


KOLOM_EKSPOR = [
    "No.",
    "NIP",
    "Nama",
    "Instansi asal",
    "Unit asal",
    "Jabatan asal",
    "Instansi tujuan",
    "Unit tujuan",
    "Jabatan tujuan",
    "Selisih asal sebelum",
    "Selisih asal sesudah",
    "Selisih tujuan sebelum",
    "Selisih tujuan sesudah",
    "Biaya",
    "Peringatan diterima",
    "Nomor usulan",
]


def _baris_ekspor(step: LangkahRencana) -> list:
    p = step.penjelasan
    return [
        step.urutan,
        step.pegawai.nip_tampil,
        step.pegawai.nama_lengkap,
        str(step.instansi_asal),
        str(step.unit_asal),
        str(step.jabatan_asal),
        str(step.instansi_tujuan),
        str(step.unit_tujuan),
        str(step.jabatan_tujuan),
        p["asal"]["sebelum"]["selisih"],
        p["asal"]["sesudah"]["selisih"],
        p["tujuan"]["sebelum"]["selisih"],
        p["tujuan"]["sesudah"]["selisih"],
        step.biaya,
        ", ".join(p.get("peringatan_diterima") or []),
        step.usulan.nomor if step.usulan_id else "",
    ]


def grafik_rencana(ringkasan: dict) -> dict:
    """Data of the plan page's chart: shortage per instansi before and after."""
    instansi = ringkasan.get("instansi", [])
    sebelum = ringkasan.get("sebelum", {}).get("per_instansi", {})
    sesudah = ringkasan.get("sesudah", {}).get("per_instansi", {})
    return {
        "label": [i["nama"] for i in instansi],
        "sebelum": [sebelum.get(str(i["id"]), {}).get("kurang", 0) for i in instansi],
        "sesudah": [sesudah.get(str(i["id"]), {}).get("kurang", 0) for i in instansi],
    }


class RencanaDetailView(ObjectDetailView):
    model = RencanaPemerataan
    template_name = "usulan_mutasi/rencana_detail.html"
    paginate_by = 50

    def get_base_queryset(self):
        return rencana_daftar(self.request.user)

    def get(self, request, *args, **kwargs):
        if request.GET.get("format") == "xlsx":
            self.object = self.get_object()
            return self.ekspor()
        return super().get(request, *args, **kwargs)

    def _langkah(self):
        filterset = LangkahFilter(
            self.request.GET or None, queryset=langkah_daftar(self.object), request=self.request
        )
        qs = filterset.qs if filterset.is_bound and filterset.is_valid() else filterset.queryset
        return filterset, qs.order_by("urutan")

    def ekspor(self):
        _, qs = self._langkah()
        data = tulis_xlsx(
            "Langkah rencana", KOLOM_EKSPOR, (_baris_ekspor(s) for s in qs.iterator(2000))
        )
        resp = HttpResponse(
            data, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        nama = f"rencana-{self.object.pk}-{timezone.localdate():%Y%m%d}.xlsx"
        resp["Content-Disposition"] = f'attachment; filename="{nama}"'
        return resp

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        rencana = self.object
        filterset, qs = self._langkah()
        halaman = Paginator(qs, self.paginate_by).get_page(self.request.GET.get("page"))
        params = self.request.GET.copy()
        params.pop("page", None)
        params.pop("format", None)
        ringkasan = rencana.ringkasan or {}
        per_instansi = []
        for i in ringkasan.get("instansi", []):
            kunci = str(i["id"])
            per_instansi.append(
                {
                    "nama": i["nama"],
                    "sebelum": ringkasan["sebelum"]["per_instansi"].get(kunci, {}),
                    "sesudah": ringkasan["sesudah"]["per_instansi"].get(kunci, {}),
                }
            )
        ctx.update(
            judul=str(rencana),
            filter=filterset,
            halaman=halaman,
            query_tanpa_halaman=params.urlencode(),
            per_instansi=per_instansi,
            grafik=grafik_rencana(ringkasan),
            kekurangan_tersisa=KekuranganTersisa.objects.filter(rencana=rencana).select_related(
                "jabatan__unit_kerja", "instansi"
            )[:100],
            label_biaya=LABEL_BIAYA,
            label_aturan={k: a.label for k, a in ATURAN_PER_KODE.items()},
            boleh_usulan=self.request.user.has_perm("usulan_mutasi.add_usulanmutasi")
            and rencana.status == StatusRencana.SELESAI,
        )
        return ctx


def _rencana_atau_404(request, pk):
    if not request.user.is_authenticated:
        raise Http404
    return get_object_or_404(RencanaPemerataan.objects.for_user(request.user), pk=pk)


def rencana_status(request, pk):
    """The progress partial the plan page polls while the plan is being computed."""
    if not _izin(request.user):
        raise Http404
    rencana = _rencana_atau_404(request, pk)
    resp = render(request, "usulan_mutasi/_rencana_status.html", {"rencana": rencana})
    if not rencana.sedang_berjalan and request.headers.get("HX-Request"):
        resp["HX-Refresh"] = "true"
    return resp


@require_POST
def rencana_usulan(request, pk):
    """Tick moves, create draft proposals from them in one action."""
    if not _izin(request.user):
        raise Http404
    rencana = _rencana_atau_404(request, pk)
    try:
        ids = [int(i) for i in request.POST.getlist("langkah")]
    except ValueError:
        ids = []
    try:
        dibuat = rencana_buat_usulan(rencana=rencana, langkah_ids=ids, actor=request.user)
    except PermissionDenied as exc:
        messages.error(request, str(exc))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(
            request,
            f"{len(dibuat)} usulan draf dibuat ({', '.join(u.nomor for u in dibuat)}); ajukan "
            "masing-masing dari daftar 'Menunggu tindakan saya'.",
        )
    return redirect(rencana.get_absolute_url())


BATAS_PERINGKAT = 50


def _peringkat_halaman(request, *, judul, keterangan, baris, mode):
    from instansi.models import Jabatan
    from pegawai.models import Pegawai

    pegawai = Pegawai.objects.in_bulk({b["pegawai_id"] for b in baris})
    jabatan = Jabatan.objects.select_related("unit_kerja__instansi").in_bulk(
        {b["jabatan_id"] for b in baris}
    )
    for b in baris:
        b["pegawai"] = pegawai[b["pegawai_id"]]
        b["jabatan"] = jabatan[b["jabatan_id"]]
        b["label_peringatan"] = [ATURAN_PER_KODE[k].label for k in b["peringatan"]]
        b["rincian_biaya"] = [(LABEL_BIAYA[k], v) for k, v in b["suku"].items() if v]
    return render(
        request,
        "usulan_mutasi/rencana_peringkat.html",
        {"judul": judul, "keterangan": keterangan, "baris": baris, "mode": mode},
    )


def kandidat_jabatan(request, pk):
    """On a short position: the candidates, ranked with the plan's rules and costs."""
    from instansi.models import Jabatan

    from .selectors import kandidat_jabatan as _kandidat

    if not _izin(request.user):
        raise Http404
    jabatan = get_object_or_404(Jabatan.objects.for_user(request.user), pk=pk)
    periode = periode_berlaku()
    baris = _kandidat(jabatan.pk, periode=periode)[:BATAS_PERINGKAT] if periode else []
    return _peringkat_halaman(
        request,
        judul=f"Kandidat untuk {jabatan}",
        keterangan=f"{jabatan.unit_kerja} · ABK {periode.tahun if periode else '-'}",
        baris=baris,
        mode="kandidat",
    )


def tujuan_pegawai(request, pk):
    """On a profile: where this person may be moved — the eligible short positions, ranked."""
    from pegawai.models import Pegawai

    from .selectors import tujuan_pegawai as _tujuan

    if not _izin(request.user):
        raise Http404
    pegawai = get_object_or_404(Pegawai.objects.for_user(request.user), pk=pk)
    periode = periode_berlaku()
    baris = _tujuan(pegawai.pk, periode=periode)[:BATAS_PERINGKAT] if periode else []
    return _peringkat_halaman(
        request,
        judul=f"Ke mana {pegawai.nama_lengkap} dapat dipindahkan",
        keterangan=f"{pegawai.jabatan or 'tanpa jabatan'} · ABK {periode.tahun if periode else '-'}",
        baris=baris,
        mode="tujuan",
    )
