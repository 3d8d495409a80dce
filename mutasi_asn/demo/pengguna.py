"""Demo users, one per role, for `make run` and the browser tests."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from instansi.models import Instansi
from mutasi_asn.akun.roles import Peran
from mutasi_asn.akun.services import peran_sinkronkan

KATA_SANDI_DEMO = "demo12345"

# username, full name, role, instansi kode (None = city-wide), staff
PENGGUNA_DEMO = [
    ("admin", "Administrator Sistem", Peran.ADMIN, None, True),
    ("bkpsdm", "Rina Sitorus", Peran.BKPSDM, "BKPSDM", False),
    ("operator_dinkes", "Dedi Simanjuntak", Peran.OPERATOR_OPD, "DINKES", False),
    ("kepala_dinkes", "dr. Lamhot Sinaga", Peran.KEPALA_OPD, "DINKES", False),
    ("operator_disdik", "Sari Purba", Peran.OPERATOR_OPD, "DISDIK", False),
    ("kepala_disdik", "Drs. Hotman Pardede", Peran.KEPALA_OPD, "DISDIK", False),
    ("tim_penilai", "Tim Penilai Kinerja", Peran.TIM_PENILAI, None, False),
    ("ppk", "Wali Kota Pematangsiantar", Peran.PPK, None, False),
]


@transaction.atomic
def buat_pengguna_demo() -> list[tuple[str, str, str]]:
    """Create (or reset) the demo users; return (username, password, role label) rows."""
    peran_sinkronkan()
    User = get_user_model()
    hasil = []
    for username, nama, peran, kode_instansi, staff in PENGGUNA_DEMO:
        user, _ = User.objects.get_or_create(username=username)
        depan, _, belakang = nama.partition(" ")
        user.first_name, user.last_name = depan, belakang
        user.email = f"{username}@pematangsiantarkota.go.id"
        user.is_staff = staff
        user.is_superuser = peran == Peran.ADMIN
        user.instansi = (
            Instansi.objects.filter(kode=kode_instansi).first() if kode_instansi else None
        )
        user.set_password(KATA_SANDI_DEMO)
        user.save()
        user.groups.set([Group.objects.get(name=peran.value)])
        label = Peran(peran).label + (f" — {user.instansi.singkatan}" if user.instansi else "")
        hasil.append((username, KATA_SANDI_DEMO, label))
    return hasil
