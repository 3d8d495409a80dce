"""Roles are groups whose permissions follow roles.py; scope follows the user's instansi."""

import pytest
from django.contrib.auth.models import Group, Permission
from django.core.management import call_command

from instansi.models import Instansi
from mutasi_asn.akun.roles import IZIN_PERAN, Peran
from mutasi_asn.akun.scoping import filter_instansi
from mutasi_asn.akun.services import peran_sinkronkan


@pytest.mark.django_db
def test_setiap_kode_izin_di_roles_ada_sebagai_permission():
    ada = {
        f"{a}.{c}" for a, c in Permission.objects.values_list("content_type__app_label", "codename")
    }
    hilang = {kode for daftar in IZIN_PERAN.values() for kode in daftar} - ada
    assert hilang == set(), f"kode izin salah ketik atau model sudah tidak ada: {hilang}"


@pytest.mark.django_db
def test_sinkronisasi_idempoten_dan_tepat():
    pertama = peran_sinkronkan()
    kedua = peran_sinkronkan()
    assert pertama == kedua
    for peran in Peran:
        grup = Group.objects.get(name=peran.value)
        if peran == Peran.ADMIN:
            assert grup.permissions.count() == Permission.objects.count()
        else:
            assert grup.permissions.count() == len(set(IZIN_PERAN[peran]))


@pytest.mark.django_db
def test_izin_yang_dicabut_dari_kode_hilang_dari_grup():
    grup = Group.objects.get(name=Peran.PPK)
    tambahan = Permission.objects.get(codename="delete_instansi")
    grup.permissions.add(tambahan)
    peran_sinkronkan()
    assert not grup.permissions.filter(pk=tambahan.pk).exists()


@pytest.mark.django_db(transaction=True)
def test_migrate_membuat_grup_lengkap_dengan_izin():
    Group.objects.all().delete()
    call_command("migrate", verbosity=0)
    bkpsdm = Group.objects.get(name=Peran.BKPSDM)
    assert bkpsdm.permissions.filter(codename="change_pegawai").exists()
    assert bkpsdm.permissions.filter(codename="add_usulanmutasi").exists()


@pytest.mark.django_db
def test_admin_grup_tanpa_superuser_boleh_ke_admin_django(client, buat_pengguna):
    user = buat_pengguna(Peran.ADMIN, is_staff=True)
    assert not user.is_superuser
    client.force_login(user)
    assert client.get("/admin/pegawai/pegawai/").status_code == 200


@pytest.mark.django_db
def test_lingkup_per_peran(buat_pengguna, instansi_a, instansi_b):
    semua = Instansi.objects.all()
    assert set(filter_instansi(semua, buat_pengguna(Peran.BKPSDM), "pk")) == {
        instansi_a,
        instansi_b,
    }
    kepala = buat_pengguna(Peran.KEPALA_OPD, instansi=instansi_a)
    assert list(filter_instansi(semua, kepala, "pk")) == [instansi_a]
    assert kepala.instansi_cakupan_id == instansi_a.pk and not kepala.lingkup_kota
    tanpa_instansi = buat_pengguna(Peran.OPERATOR_OPD)
    assert list(filter_instansi(semua, tanpa_instansi, "pk")) == []
    tanpa_peran = buat_pengguna(None, instansi=instansi_a)
    assert list(filter_instansi(semua, tanpa_peran, "pk")) == []
    assert tanpa_peran.label_peran == "Tanpa peran"


@pytest.mark.django_db
def test_pengguna_nonaktif_tidak_punya_peran(buat_pengguna):
    user = buat_pengguna(Peran.BKPSDM, is_active=False)
    assert user.daftar_peran == frozenset()
    assert not user.lingkup_kota
