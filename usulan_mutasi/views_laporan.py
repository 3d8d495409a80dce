"""Report pages: the rekap of a period (page with charts, .xlsx, printable), the history of every
move that took effect, and the came-and-went list of a unit (an htmx partial on its page)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.views import View

from instansi.models import UnitKerja
from mutasi_asn.excel import tulis_xlsx_lembar
from mutasi_asn.views import Kolom, ObjectListView

from . import laporan
from .filters import RiwayatMutasiFilter
from .models import UsulanMutasi

TANGGAL = {"type": "date"}


class PeriodeForm(forms.Form):
    """Which period the rekap covers: a year, a semester, a month or a date range."""

    JENIS = [
        ("tahun", "Tahun"),
        ("semester", "Semester"),
        ("bulan", "Bulan"),
        ("rentang", "Rentang"),
    ]
    jenis = forms.ChoiceField(label="Periode", choices=JENIS, initial="tahun")
    tahun = forms.IntegerField(label="Tahun", min_value=2000, max_value=2100, required=False)
    semester = forms.TypedChoiceField(
        label="Semester", choices=[(1, "I"), (2, "II")], coerce=int, required=False
    )
    bulan = forms.TypedChoiceField(
        label="Bulan",
        choices=[(i, b) for i, b in enumerate(laporan.BULAN, start=1)],
        coerce=int,
        required=False,
    )
    mulai = forms.DateField(label="Dari tanggal", required=False, widget=forms.DateInput(TANGGAL))
    selesai = forms.DateField(
        label="Sampai tanggal", required=False, widget=forms.DateInput(TANGGAL)
    )

    def clean(self):
        data = super().clean()
        jenis = data.get("jenis")
        tahun = data.get("tahun") or timezone.localdate().year
        data["tahun"] = tahun
        if jenis == "semester" and not data.get("semester"):
            self.add_error("semester", "Pilih semester I atau II.")
        if jenis == "bulan" and not data.get("bulan"):
            self.add_error("bulan", "Pilih bulannya.")
        if jenis == "rentang":
            mulai, selesai = data.get("mulai"), data.get("selesai")
            if not mulai or not selesai:
                self.add_error("mulai", "Isi tanggal awal dan akhir rentang.")
            elif mulai > selesai:
                self.add_error("selesai", "Tanggal akhir tidak boleh sebelum tanggal awal.")
            elif (selesai - mulai).days > 3660:
                self.add_error("selesai", "Rentang paling panjang 10 tahun.")
        return data

    def periode(self) -> laporan.Periode:
        d = self.cleaned_data
        if d["jenis"] == "semester":
            return laporan.Periode.semester(d["tahun"], d["semester"])
        if d["jenis"] == "bulan":
            return laporan.Periode.bulan(d["tahun"], d["bulan"])
        if d["jenis"] == "rentang":
            return laporan.Periode.rentang(d["mulai"], d["selesai"])
        return laporan.Periode.tahun(d["tahun"])


def _hari(nilai):
    return "" if nilai is None else round(nilai, 1)


class RekapView(LoginRequiredMixin, PermissionRequiredMixin, View):
    permission_required = "usulan_mutasi.view_usulanmutasi"
    template_name = "usulan_mutasi/laporan_rekap.html"

    def get(self, request):
        form = PeriodeForm(request.GET or {"jenis": "tahun", "tahun": timezone.localdate().year})
        if not form.is_valid():
            return render(request, self.template_name, {"form": form, "judul": "Rekap mutasi"})
        data = laporan.rekap(request.user, form.periode())
        if request.GET.get("format") == "xlsx":
            return self.ekspor(data)
        grafik = {
            "jenis": [[b["label"], b["jumlah"]] for b in data["per_jenis"]],
            "status": [[b["label"], b["jumlah"]] for b in data["per_status"]],
            "durasi": [[t.label, _hari(t.median), _hari(t.p90)] for t in data["durasi"]],
            "dampak": [[b["instansi"], b["sebelum"], b["sesudah"]] for b in data["dampak_abk"]],
        }
        ctx = {
            **data,
            "form": form,
            "judul": f"Rekap mutasi — {data['periode'].label}",
            "grafik": grafik,
            "cetak": request.GET.get("cetak") == "1",
            "query": request.GET.urlencode(),
        }
        return render(request, self.template_name, ctx)

    def ekspor(self, d):
        def hitung(judul, baris):
            return (judul, [judul.split(" per ")[-1].capitalize(), "Jumlah"],
                    [[b["label"], b["jumlah"]] for b in baris])  # fmt: skip

        isi = tulis_xlsx_lembar(
            [
                (
                    "Ringkasan",
                    ["Periode", "Usulan diajukan", "Mutasi berlaku", "Tahap terlambat sekarang"],
                    [
                        [
                            d["periode"].label,
                            d["jumlah_diajukan"],
                            d["jumlah_berlaku"],
                            d["jumlah_terlambat_kini"],
                        ]
                    ],  # fmt: skip
                ),
                hitung("Usulan per jenis", d["per_jenis"]),
                hitung("Usulan per alasan", d["per_alasan"]),
                hitung("Usulan per status", d["per_status"]),
                hitung("Usulan per instansi asal", d["per_instansi_asal"]),
                hitung("Usulan per instansi tujuan", d["per_instansi_tujuan"]),
                (
                    "Durasi tahap",
                    ["Tahap", "Jumlah", "Median (hari)", "P90 (hari)", "Terlambat"],
                    [
                        [t.label, t.jumlah, _hari(t.median), _hari(t.p90), t.terlambat]
                        for t in d["durasi"]
                    ],  # fmt: skip
                ),
                (
                    "Dampak ABK",
                    ["Instansi", "Kekurangan sebelum", "Kekurangan sesudah", "Perubahan"],
                    [
                        [b["instansi"], b["sebelum"], b["sesudah"], b["perubahan"]]
                        for b in d["dampak_abk"]
                    ],  # fmt: skip
                ),
            ]
        )
        resp = HttpResponse(
            isi, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
        p = d["periode"]
        resp["Content-Disposition"] = (
            f'attachment; filename="rekap-mutasi-{p.mulai:%Y%m%d}-{p.selesai:%Y%m%d}.xlsx"'
        )
        return resp


class RiwayatMutasiView(ObjectListView):
    """Every move that took effect: search by employee, unit, agency, jabatan, SK number, dates."""

    model = UsulanMutasi
    filterset_class = RiwayatMutasiFilter
    template_name = "usulan_mutasi/riwayat_mutasi.html"
    judul = "Riwayat mutasi yang berlaku"
    urut_bawaan = "-surat_keputusan__tmt,-pk"
    kolom = [
        Kolom("TMT", "surat_keputusan.tmt", urut="surat_keputusan__tmt"),
        Kolom("NIP", "pegawai.nip_tampil", urut="pegawai__nip", kelas="nip"),
        Kolom("Nama", "pegawai.nama_lengkap", urut="pegawai__nama"),
        Kolom("Jabatan lama", "jabatan_asal"),
        Kolom("Unit lama", "unit_asal"),
        Kolom("Instansi lama", "instansi_asal"),
        Kolom("Jabatan baru", "jabatan_tujuan"),
        Kolom("Unit baru", "unit_tujuan"),
        Kolom("Instansi baru", "instansi_tujuan"),
        Kolom("Nomor SK", "surat_keputusan.nomor", urut="surat_keputusan__nomor"),
        Kolom("Usulan", "nomor", tautan=True),
    ]

    def get_queryset(self):
        qs = laporan.riwayat_mutasi(self.request.user)
        urut = self.get_ordering_param()
        return qs.order_by(urut, "pk") if urut else qs


@login_required
def unit_datang_pergi(request, pk):
    """htmx partial on a unit's page: who came and who left through moves that took effect."""
    if not request.user.has_perm("usulan_mutasi.view_usulanmutasi"):
        raise Http404
    unit = get_object_or_404(UnitKerja.objects.for_user(request.user), pk=pk)
    return render(
        request,
        "usulan_mutasi/_unit_datang_pergi.html",
        {"unit": unit, **laporan.datang_dan_pergi(request.user, unit)},
    )
