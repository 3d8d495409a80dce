from django import forms


class UnggahImporForm(forms.Form):
    """The upload of every import; a contract that needs a choice (the ABK's periode)
    subclasses it, adds the field and returns it from `opsi()`."""

    berkas = forms.FileField(
        label="Berkas Excel (.xlsx)",
        widget=forms.ClearableFileInput(
            attrs={
                "accept": ".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            }
        ),
    )

    def opsi(self) -> dict:
        """The contract's choices, JSON-able (kept on the import row)."""
        return {}
