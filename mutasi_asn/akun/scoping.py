"""The one rule of visibility, shared by every model's `for_user` queryset method.

A city-wide role sees everything; an agency role sees rows of its own instansi; anybody else
(or an agency role with no instansi set) sees nothing.
"""

from django.db.models import Q


def filter_instansi(queryset, user, *lookups: str):
    """Restrict `queryset` to rows whose instansi (reached through any of `lookups`) is the user's."""
    if not getattr(user, "is_authenticated", False):
        return queryset.none()
    if user.lingkup_kota:
        return queryset
    instansi_id = user.instansi_cakupan_id
    if instansi_id is None:
        return queryset.none()
    kondisi = Q()
    for lookup in lookups:
        kondisi |= Q(**{lookup: instansi_id})
    return queryset.filter(kondisi).distinct() if len(lookups) > 1 else queryset.filter(kondisi)
