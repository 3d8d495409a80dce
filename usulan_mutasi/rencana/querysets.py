"""Scoping of plans: BKPSDM (and the other city-wide roles) see every plan; an agency's users
see none. A plan weighs every agency against the others, so part of one would mislead; agency
users meet its moves as ordinary proposals in their inbox."""

from django.db import models


class RencanaQuerySet(models.QuerySet):
    def for_user(self, user):
        if not getattr(user, "is_authenticated", False) or not user.lingkup_kota:
            return self.none()
        return self
