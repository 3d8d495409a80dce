from django.contrib.auth.models import Group, Permission
from django.db import transaction

from .roles import IZIN_PERAN, Peran


@transaction.atomic
def peran_sinkronkan() -> dict[str, int]:
    """Create each role's group and give it exactly the permissions `IZIN_PERAN` lists.

    The `admin` group holds every permission, so a staff user in it can work in Django admin
    without being a superuser. Returns the number of permissions per role.
    """
    semua = {
        f"{app_label}.{codename}": pk
        for pk, app_label, codename in Permission.objects.values_list(
            "pk", "content_type__app_label", "codename"
        )
    }
    hasil = {}
    for peran in Peran:
        grup, _ = Group.objects.get_or_create(name=peran.value)
        if peran == Peran.ADMIN:
            izin = list(semua.values())
        else:
            # A codename of an app not migrated yet is skipped; the next post_migrate adds it.
            izin = [semua[kode] for kode in IZIN_PERAN.get(peran, []) if kode in semua]
        grup.permissions.set(izin)
        hasil[peran.value] = len(izin)
    return hasil


def peran_sinkronkan_setelah_migrasi(sender, **kwargs):
    # post_migrate is sent once per app, and permissions of an app exist only after its own
    # signal: syncing on every one leaves the groups complete once the last app is done.
    peran_sinkronkan()
