from django import forms

from instansi.models import Jabatan

from .models import Pegawai


class PegawaiForm(forms.ModelForm):
    nomor_sk = forms.CharField(
        label="Nomor SK jabatan",
        max_length=100,
        required=False,
        help_text="Diisi bila jabatan berubah; dicatat di riwayat jabatan.",
    )

    class Meta:
        model = Pegawai
        fields = [
            "nip",
            "status",
            "gelar_depan",
            "nama",
            "gelar_belakang",
            "tanggal_lahir",
            "jenis_kelamin",
            "golongan",
            "pendidikan",
            "bidang_studi",
            "jabatan",
            "tmt_jabatan",
            "tmt_cpns",
            "skp_tahun_lalu",
            "skp_dua_tahun_lalu",
            "proses_disiplin",
            "tugas_belajar",
            "cuti_luar_tanggungan",
            "temuan_inspektorat",
            "aktif",
        ]
        widgets = {
            "tanggal_lahir": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tmt_jabatan": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "tmt_cpns": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }
        help_texts = {
            "nip": "18 angka, boleh dengan spasi. Untuk PNS/CPNS tanggal lahir dan jenis kelamin "
            "dibaca dari NIP.",
            "tanggal_lahir": "Hanya untuk PPPK.",
            "jenis_kelamin": "Hanya untuk PPPK.",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nip"].max_length = 24
        self.fields["nip"].widget.attrs["maxlength"] = 24
        self.fields["tanggal_lahir"].required = False
        self.fields["jenis_kelamin"].required = False
        if user is not None:
            self.fields["jabatan"].queryset = Jabatan.objects.for_user(user).select_related(
                "unit_kerja"
            )
        self.fields["jabatan"].label_from_instance = lambda j: f"{j.nama} — {j.unit_kerja.nama}"

    def _post_clean(self):
        # Model validation runs in the service (full_clean before save), not twice here.
        pass
