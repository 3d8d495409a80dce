from mutasi_asn.views import Kolom, ObjectDetailView, ObjectEditView, ObjectListView

from . import filters, forms, selectors, services
from .models import Pegawai


class PegawaiListView(ObjectListView):
    model = Pegawai
    filterset_class = filters.PegawaiFilter
    tombol_tambah = "pegawai:pegawai_add"
    tombol_impor = "pegawai:impor_pegawai"
    urut_bawaan = "nama,nip"
    kolom = [
        Kolom("NIP/NI", "nip_tampil", urut="nip", kelas="nip"),
        Kolom("Nama", "nama_lengkap", urut="nama", tautan=True),
        Kolom("Status", "get_status_display", urut="status"),
        Kolom("Golongan", "get_golongan_display", urut="golongan"),
        Kolom("Pendidikan", "get_pendidikan_display", urut="pendidikan"),
        Kolom("Jabatan", "jabatan", urut="jabatan__nama"),
        Kolom("Unit kerja", "jabatan.unit_kerja"),
        Kolom("Instansi", "jabatan.unit_kerja.instansi"),
    ]

    # The profile's columns, so the export answers what the profile answers.
    kolom_ekspor = [
        Kolom("NIP/NI", "nip_tampil"),
        Kolom("Nama", "nama_lengkap"),
        Kolom("Status", "get_status_display"),
        Kolom("Tanggal lahir", "tanggal_lahir"),
        Kolom("Jenis kelamin", "get_jenis_kelamin_display"),
        Kolom("Pangkat/golongan", "golongan_tampil"),
        Kolom("Pendidikan", "get_pendidikan_display"),
        Kolom("Bidang studi", "bidang_studi"),
        Kolom("Jabatan", "jabatan.nama"),
        Kolom("Kelas jabatan", "jabatan.kelas_jabatan"),
        Kolom("Unit kerja", "jabatan.unit_kerja"),
        Kolom("Instansi", "jabatan.unit_kerja.instansi"),
        Kolom("TMT jabatan", "tmt_jabatan"),
        Kolom("TMT CPNS", "tmt_cpns"),
        Kolom("Batas usia pensiun", "batas_usia_pensiun"),
        Kolom("Tanggal pensiun (BUP)", "tanggal_pensiun"),
        Kolom("Aktif", "aktif"),
    ]

    def get_base_queryset(self):
        return Pegawai.objects.select_related("jabatan__unit_kerja__instansi")


class PegawaiDetailView(ObjectDetailView):
    model = Pegawai
    template_name = "pegawai/pegawai_detail.html"

    def get_base_queryset(self):
        return Pegawai.objects.select_related("jabatan__unit_kerja__instansi")

    def get_context_data(self, **kwargs):
        ctx = super().get_context_data(**kwargs)
        ctx["judul"] = self.object.nama_lengkap
        ctx["riwayat"] = self.object.riwayat_jabatan.select_related(
            "jabatan__unit_kerja__instansi"
        ).order_by("-tanggal_mulai", "-pk")
        ctx["kompetensi"] = selectors.profil_kompetensi(self.object)
        ctx["perubahan"] = self.object.history.select_related("history_user").order_by(
            "-history_date"
        )[:20]
        return ctx


class PegawaiEditView(ObjectEditView):
    model = Pegawai
    form_class = forms.PegawaiForm
    layanan = services.pegawai_simpan
