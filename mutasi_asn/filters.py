import django_filters
from django import forms

# A yes/no filter left empty means "do not filter": say "Semua", not Django's "Tidak diketahui".
PILIHAN_YA_TIDAK = [("", "Semua"), ("true", "Ya"), ("false", "Tidak")]


class FilterSetBerlingkup(django_filters.FilterSet):
    """A filter set whose choice lists show only what the requesting user may see.

    Every ModelChoiceFilter over a model with a `for_user` queryset method is narrowed, so an
    agency head never sees another agency's names in a drop-down. Both the page views and the
    API pass the request to the filter set, so one class serves both.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for f in self.filters.values():
            if isinstance(f, django_filters.BooleanFilter) and "widget" not in f.extra:
                f.extra["widget"] = forms.Select(choices=PILIHAN_YA_TIDAK)
        user = getattr(self.request, "user", None)
        if user is None:
            return
        for f in self.filters.values():
            qs = getattr(f, "queryset", None)
            if qs is not None and hasattr(qs, "for_user"):
                f.queryset = qs.for_user(user)
