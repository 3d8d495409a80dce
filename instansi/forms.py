from django import forms
from django.urls import reverse_lazy

from mutasi_asn.widgets import PilihCari

from .models import Instansi, Jabatan, UnitKerja


def label_jabatan(jabatan: Jabatan) -> str:
    """How a jabatan reads in a choice list: `Perawat Terampil — UPTD Puskesmas 01 (Dinkes)`."""
    unit = jabatan.unit_kerja
    instansi = unit.instansi.singkatan or unit.instansi.nama
    return f"{jabatan.nama} — {unit.nama} ({instansi})"


def label_unit(unit: UnitKerja) -> str:
    """How a unit reads in a choice list: `UPTD Puskesmas 01 (Dinkes)`."""
    return f"{unit.nama} ({unit.instansi.singkatan or unit.instansi.nama})"


class _ScopedForm(forms.ModelForm):
    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None and "instansi" in self.fields:
            self.fields["instansi"].queryset = Instansi.objects.for_user(user)
        # A big city has well over a thousand units: searched (instansi:unitkerja_cari), not
        # listed; the field's own scoped queryset still decides what may be saved.
        for nama in ("induk", "unit_kerja"):
            if nama in self.fields:
                units = UnitKerja.objects.select_related("instansi")
                field = self.fields[nama]
                field.queryset = units.for_user(user) if user is not None else units
                field.widget = PilihCari(url_cari=reverse_lazy("instansi:unitkerja_cari"))
                field.widget.choices = field.choices
                field.widget.is_required = field.required
                field.label_from_instance = label_unit
                field.help_text = "Ketik nama atau kode unit kerja untuk mencari."

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
        fields = ["instansi", "induk", "kode", "nama", "jenis", "urutan"]


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
