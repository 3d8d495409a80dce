"""Form widgets shared by every app."""

from django import forms


class PilihCari(forms.Select):
    """A select that renders only the chosen option; the others are found by typing.

    For a foreign key over thousands of rows (a city's jabatan) the page stays small. The field
    keeps its own (scoped) queryset, so what may be chosen and saved is checked as before;
    `static/js/pilih-cari.js` asks `url_cari?q=` for `{"hasil": [{"id", "teks"}]}` while typing.
    """

    class Media:
        js = ["js/pilih-cari.js"]

    def __init__(self, url_cari, attrs=None):
        super().__init__(attrs)
        self.url_cari = url_cari

    def build_attrs(self, base_attrs, extra_attrs=None):
        attrs = super().build_attrs(base_attrs, extra_attrs)
        attrs["data-pilih-cari"] = str(self.url_cari)
        return attrs

    def optgroups(self, name, value, attrs=None):
        # A forged id past the bigint range would raise OverflowError in the query below; the
        # field itself answers it with "Masukkan pilihan yang valid".
        terpilih = [str(v) for v in value if str(v).isdigit() and int(v) < 2**63]
        pilihan = [("", "---------")]
        if terpilih:
            field = self.choices.field
            pilihan += [
                (str(obj.pk), field.label_from_instance(obj))
                for obj in self.choices.queryset.filter(pk__in=terpilih)
            ]
        return [
            (None, [self.create_option(name, v, label, v in terpilih, i, attrs=attrs)], i)
            for i, (v, label) in enumerate(pilihan)
        ]
