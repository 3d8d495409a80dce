from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator

from mutasi_asn.impor_xlsx import urai_angka
from pegawai.impor_forms import UnggahImporForm

from .models import PeriodeABK, UraianTugas

TAHUN_TERKECIL, TAHUN_TERBESAR = 2000, 2100

FIELD_TUGAS = ["uraian", "hasil_kerja", "satuan", "volume", "norma_waktu_menit"]


class AngkaIndonesiaField(forms.DecimalField):
    """A number typed as people here type it, read by the same rule as the spreadsheet import
    (and the live total in static/js/abk-tugas.js): `1.200` is twelve hundred, `1,5` and `1.5`
    are one and a half."""

    def to_python(self, value):
        if value in self.empty_values:
            return None
        angka = urai_angka(value)
        if angka is None:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return angka


class PeriodeForm(forms.ModelForm):
    class Meta:
        model = PeriodeABK
        fields = [
            "tahun",
            "wke_menit",
            "ambang_a",
            "ambang_b",
            "ambang_c",
            "ambang_d",
            "keterangan",
        ]
        localized_fields = ["wke_menit", "ambang_a", "ambang_b", "ambang_c", "ambang_d"]
        field_classes = dict.fromkeys(
            ("ambang_a", "ambang_b", "ambang_c", "ambang_d"), AngkaIndonesiaField
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            # The year identifies the period (its URL); settings change, the year does not.
            self.fields["tahun"].disabled = True
        else:
            # A typo such as 20266 would make a period nobody can use (and overflow the
            # smallint column on PostgreSQL): a year of this century, said in the form.
            tahun = self.fields["tahun"]
            tahun.min_value, tahun.max_value = TAHUN_TERKECIL, TAHUN_TERBESAR
            tahun.validators += [
                MinValueValidator(TAHUN_TERKECIL),
                MaxValueValidator(TAHUN_TERBESAR),
            ]
            tahun.widget.attrs.update(min=TAHUN_TERKECIL, max=TAHUN_TERBESAR)

    def _post_clean(self):
        # Model validation runs in the service (full_clean before save), not twice here.
        pass


class UraianTugasForm(forms.ModelForm):
    id = forms.IntegerField(required=False, widget=forms.HiddenInput)

    class Meta:
        model = UraianTugas
        fields = ["id", *FIELD_TUGAS]
        localized_fields = ["volume", "norma_waktu_menit"]
        field_classes = {"volume": AngkaIndonesiaField, "norma_waktu_menit": AngkaIndonesiaField}
        widgets = {
            "uraian": forms.Textarea(attrs={"rows": 1}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for nama, f in self.fields.items():
            f.widget.attrs.setdefault("class", "form-control form-control-sm")
            f.widget.attrs["aria-label"] = f.label
            if nama in ("volume", "norma_waktu_menit"):
                f.widget.attrs["class"] += " text-end"
                f.widget.attrs["inputmode"] = "decimal"

    def _post_clean(self):
        pass


UraianTugasFormSet = forms.formset_factory(
    UraianTugasForm, extra=1, can_delete=True, max_num=300, validate_max=True
)


class ImporForm(UnggahImporForm):
    """The upload of the ABK import: which periode the tasks belong to."""

    periode = forms.ModelChoiceField(
        queryset=PeriodeABK.objects.order_by("-tahun"), label="Periode", empty_label=None
    )
    field_order = ["periode", "berkas"]

    def opsi(self) -> dict:
        return {"periode": self.cleaned_data["periode"].tahun}
