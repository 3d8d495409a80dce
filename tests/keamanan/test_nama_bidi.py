"""Issue 13, finding 12 (last part): a name holding U+202E (right-to-left override) or another
bidirectional control shows other letters than it holds. Every name of the register refuses
them — in the service (full_clean), so the forms, admin and imports all say so."""

import pytest
from django.core.exceptions import ValidationError

from instansi.services import instansi_simpan, unitkerja_simpan
from mutasi_asn.validators import KONTROL_ARAH
from pegawai.models import Pegawai
from pegawai.services import pegawai_simpan
from tests.fixtures.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
)

pytestmark = pytest.mark.django_db

NAMA_PALSU = "Sondang Siregar\u202eH.S"  # shows as "Sondang SiregarS.H"


@pytest.mark.parametrize(
    ("pabrik", "field"),
    [
        (InstansiFactory, "nama"),
        (InstansiFactory, "singkatan"),
        (UnitKerjaFactory, "nama"),
        (JabatanFactory, "nama"),
        (PegawaiFactory, "nama"),
        (PegawaiFactory, "gelar_depan"),
        (PegawaiFactory, "gelar_belakang"),
    ],
)
@pytest.mark.parametrize("kontrol", sorted(KONTROL_ARAH))
def test_setiap_nama_menolak_kontrol_arah(pabrik, field, kontrol):
    obj = pabrik.build(**{field: f"Ab{kontrol}cd"})
    with pytest.raises(ValidationError) as galat:
        obj.full_clean(exclude=[f.name for f in obj._meta.fields if f.name != field])
    pesan = galat.value.message_dict[field][0]
    assert f"U+{ord(kontrol):04X}" in pesan and "hapus karakter itu" in pesan


def test_layanan_pegawai_menolak_dan_tidak_menyimpan(kota):
    data = {
        f: getattr(kota.pegawai_a, f)
        for f in ("nip", "status", "nama", "golongan", "pendidikan", "jabatan", "tmt_jabatan")
    }
    data["nama"] = NAMA_PALSU
    with pytest.raises(ValidationError) as galat:
        pegawai_simpan(instance=kota.pegawai_a, data=data, actor=kota.bkpsdm)
    assert "nama" in galat.value.message_dict
    kota.pegawai_a.refresh_from_db()
    assert kota.pegawai_a.nama == "Rosmawati Siahaan"


def test_formulir_pegawai_menampilkan_pesan(client, kota):
    client.force_login(kota.bkpsdm)
    resp = client.post(
        f"/pegawai/{kota.pegawai_a.pk}/ubah/",
        {
            "nip": kota.pegawai_a.nip,
            "status": kota.pegawai_a.status,
            "nama": NAMA_PALSU,
            "golongan": kota.pegawai_a.golongan,
            "pendidikan": kota.pegawai_a.pendidikan,
            "jabatan": kota.pegawai_a.jabatan_id,
            "tmt_jabatan": "2019-01-01",
        },
    )
    assert resp.status_code == 200
    assert "karakter kontrol arah tulisan (U+202E)" in resp.content.decode()
    assert not Pegawai.objects.filter(nama=NAMA_PALSU).exists()


def test_layanan_instansi_dan_unit_menolak(kota, instansi_a):
    with pytest.raises(ValidationError):
        instansi_simpan(
            instance=None,
            data={"kode": "BARU", "nama": "Dinas\u2067 Baru", "jenis": "dinas"},
            actor=kota.bkpsdm,
        )
    with pytest.raises(ValidationError):
        unitkerja_simpan(
            instance=None,
            data={
                "instansi": instansi_a,
                "kode": "UK-B",
                "nama": "Bidang\u202d A",
                "jenis": "bidang",
            },
            actor=kota.bkpsdm,
        )


def test_nama_biasa_dengan_tanda_baca_tetap_diterima():
    PegawaiFactory.build(nama="Maria Ulfa Br. Sitepu", gelar_belakang="S.Kep., Ns.").full_clean(
        exclude=["jabatan"]
    )
