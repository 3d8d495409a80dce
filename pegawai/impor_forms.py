from django import forms


class UnggahImporForm(forms.Form):
    berkas = forms.FileField(
        label="Berkas Excel (.xlsx)",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )
