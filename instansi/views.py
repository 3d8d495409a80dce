from django.db.models import Q

from mutasi_asn.views import CariView, Kolom, ObjectDetailView, ObjectEditView, ObjectListView

from . import filters, forms, services
from .models import Instansi, Jabatan, UnitKerja
from .selectors import instansi_ringkasan, unit_pohon


class InstansiListView(ObjectListView):
    model = Instansi
    filterset_class = filters.InstansiFilter
    tombol_tambah = "instansi:instansi_add"
    tombol_impor = "pegawai:impor_instansi"
    urut_bawaan = "nama"
    kolom = [
        Kolom("Kode", "kode", urut="kode"),
        Kolom("Nama instansi", "nama", urut="nama", tautan=True),
        Kolom("Singkatan", "singkatan", urut="singkatan"),
        Kolom("Jenis", "get_jenis_display", urut="jenis"),
        Kolom("Aktif", "aktif"),
    ]


class InstansiDetailView(ObjectDetailView):
    model = Instansi
    template_name = "instansi/instansi_detail.html"

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["ringkasan"] = instansi_ringkasan(self.object)
        ctx["pohon"] = unit_pohon(self.object)
        ctx["judul"] = self.object.nama
        return ctx


class InstansiEditView(ObjectEditView):
    model = Instansi
    form_class = forms.InstansiForm
    layanan = services.instansi_simpan


class UnitKerjaListView(ObjectListView):
    model = UnitKerja
    filterset_class = filters.UnitKerjaFilter
    tombol_tambah = "instansi:unitkerja_add"
    tombol_impor = "pegawai:impor_unitkerja"
    urut_bawaan = "instansi__nama,urutan_pohon"
    judul = "Unit kerja"

    def get_base_queryset(self):
        return UnitKerja.objects.select_related("instansi", "induk")

    kolom = [
        Kolom("Kode", "kode", urut="kode"),
        Kolom("Unit kerja", "nama", urut="nama", tautan=True),
        Kolom("Jenis", "get_jenis_display", urut="jenis"),
        Kolom("Unit induk", "induk"),
        Kolom("Instansi", "instansi", urut="instansi__nama"),
    ]


class UnitKerjaDetailView(ObjectDetailView):
    model = UnitKerja
    template_name = "instansi/unitkerja_detail.html"

    def get_base_queryset(self):
        return UnitKerja.objects.select_related("instansi", "induk")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["judul"] = self.object.nama
        ctx["pohon"] = unit_pohon(self.object.instansi, akar=self.object)
        return ctx


class UnitKerjaEditView(ObjectEditView):
    model = UnitKerja
    form_class = forms.UnitKerjaForm
    layanan = services.unitkerja_simpan


class JabatanListView(ObjectListView):
    model = Jabatan
    filterset_class = filters.JabatanFilter
    tombol_tambah = "instansi:jabatan_add"
    tombol_impor = "pegawai:impor_jabatan"
    urut_bawaan = "unit_kerja__instansi__nama,unit_kerja__urutan_pohon,-kelas_jabatan,nama"

    def get_base_queryset(self):
        return Jabatan.objects.select_related("unit_kerja__instansi")

    kolom = [
        Kolom("Kode", "kode", urut="kode"),
        Kolom("Jabatan", "nama", urut="nama", tautan=True),
        Kolom("Jenis", "get_jenis_display", urut="jenis"),
        Kolom("Eselon/jenjang", "eselon_atau_jenjang"),
        Kolom("Kelas", "kelas_jabatan", urut="kelas_jabatan", kelas="text-end"),
        Kolom("Unit kerja", "unit_kerja", urut="unit_kerja__nama"),
        Kolom("Instansi", "unit_kerja.instansi", urut="unit_kerja__instansi__nama"),
    ]


class JabatanDetailView(ObjectDetailView):
    model = Jabatan
    template_name = "instansi/jabatan_detail.html"

    def get_base_queryset(self):
        return Jabatan.objects.select_related("unit_kerja__instansi")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["judul"] = self.object.nama
        ctx["pemangku"] = self.object.pemangku.filter(aktif=True).order_by("nama")[:200]
        return ctx


class JabatanEditView(ObjectEditView):
    model = Jabatan
    form_class = forms.JabatanForm
    layanan = services.jabatan_simpan


class JabatanCariView(CariView):
    """JSON for the searchable jabatan select: active jabatan in the user's scope, by name/code."""

    permission_required = "instansi.view_jabatan"

    def cari(self, q):
        qs = Jabatan.objects.for_user(self.request.user).filter(aktif=True)
        if q:
            qs = qs.filter(
                Q(nama__icontains=q) | Q(kode__iexact=q) | Q(unit_kerja__nama__icontains=q)
            )
        return qs.select_related("unit_kerja__instansi").order_by("nama", "pk")

    def label(self, obj):
        return forms.label_jabatan(obj)


class UnitKerjaCariView(CariView):
    """JSON for the searchable unit select: units in the user's scope, by name or code."""

    permission_required = "instansi.view_unitkerja"

    def cari(self, q):
        qs = UnitKerja.objects.for_user(self.request.user)
        if q:
            qs = qs.filter(Q(nama__icontains=q) | Q(kode__iexact=q))
        return qs.select_related("instansi").order_by("nama", "pk")

    def label(self, obj):
        return forms.label_unit(obj)
