from django import forms
from django.urls import reverse_lazy

from instansi.forms import label_jabatan
from instansi.models import Jabatan
from mutasi_asn.widgets import PilihCari

from .models import Pegawai
from .nip import normalisasi_nip


class PegawaiForm(forms.ModelForm):
    # Typed with or without the spaces of `19860926 201505 1 001`: 18 digits fit in 24 chars.
    nip = forms.CharField(
        label="NIP/NI",
        max_length=24,
        help_text="18 angka, boleh dengan spasi. Untuk PNS/CPNS tanggal lahir dan jenis kelamin "
        "dibaca dari NIP.",
    )
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
            # A city has thousands of jabatan: only the chosen one is rendered, the rest are
            # searched (instansi:jabatan_cari, scoped like the field's queryset).
            "jabatan": PilihCari(url_cari=reverse_lazy("instansi:jabatan_cari")),
        }
        help_texts = {
            "tanggal_lahir": "Hanya untuk PPPK.",
            "jenis_kelamin": "Hanya untuk PPPK.",
        }

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["tanggal_lahir"].required = False
        self.fields["jenis_kelamin"].required = False
        jabatan = Jabatan.objects.select_related("unit_kerja__instansi")
        self.fields["jabatan"].queryset = jabatan.for_user(user) if user is not None else jabatan
        self.fields["jabatan"].label_from_instance = label_jabatan
        self.fields["jabatan"].help_text = "Ketik nama atau kode jabatan untuk mencari."

    def clean_nip(self):
        return normalisasi_nip(self.cleaned_data["nip"])

    def _post_clean(self):
        # Model validation runs in the service (full_clean before save), not twice here.
        pass
