from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .roles import IZIN_PERAN, Peran


@transaction.atomic
def peran_sinkronkan() -> dict[str, int]:
    """Create each role's group and give it exactly the permissions `IZIN_PERAN` lists."""
    hasil = {}
    for peran in Peran:
        grup, _ = Group.objects.get_or_create(name=peran.value)
        izin = []
        for kode in IZIN_PERAN.get(peran, []):
            app_label, codename = kode.split(".", 1)
            perm = Permission.objects.filter(
                content_type__app_label=app_label, codename=codename
            ).first()
            if perm is not None:
                izin.append(perm)
        grup.permissions.set(izin)
        hasil[peran.value] = len(izin)
    return hasil


def peran_sinkronkan_setelah_migrasi(sender, **kwargs):
    peran_sinkronkan()
