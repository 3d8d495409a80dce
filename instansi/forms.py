from django import forms

from .models import Instansi, Jabatan, UnitKerja


def label_jabatan(jabatan: Jabatan) -> str:
    """How a jabatan reads in a choice list: `Perawat Terampil — UPTD Puskesmas 01 (Dinkes)`."""
    unit = jabatan.unit_kerja
    instansi = unit.instansi.singkatan or unit.instansi.nama
    return f"{jabatan.nama} — {unit.nama} ({instansi})"


class _ScopedForm(forms.ModelForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            if "instansi" in self.fields:
                self.fields["instansi"].queryset = Instansi.objects.for_user(user)
            if "induk" in self.fields:
                self.fields["induk"].queryset = UnitKerja.objects.for_user(user).select_related(
                    "instansi"
                )
            if "unit_kerja" in self.fields:
                self.fields["unit_kerja"].queryset = UnitKerja.objects.for_user(
                    user
                ).select_related("instansi")

    def _post_clean(self):
        # Model validation runs in the service (full_clean before save), not twice here.
        pass


class InstansiForm(_ScopedForm):
    class Meta:
        model = Instansi
        fields = ["kode", "nama", "singkatan", "jenis", "aktif"]


class UnitKerjaForm(_ScopedForm):
    class Meta:
        model = UnitKerja
        fields = ["instansi", "induk", "kode", "nama", "jenis"]


class JabatanForm(_ScopedForm):
    class Meta:
        model = Jabatan
        fields = [
            "unit_kerja",
            "kode",
            "nama",
            "jenis",
            "jenjang",
            "eselon",
            "kelas_jabatan",
            "pendidikan_minimal",
            "bidang_studi",
            "golongan_minimal",
            "golongan_maksimal",
            "aktif",
        ]
