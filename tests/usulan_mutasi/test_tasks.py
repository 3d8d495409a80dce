"""Notifications go out after commit to whoever acts next (and to the proposer on a decision);
the beat job applies the decrees whose TMT has arrived, on a fixed date, once.
"""

import datetime

import pytest
from django.core import mail

from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
    dokumen_lengkap,
)
from usulan_mutasi import services, tasks
from usulan_mutasi.choices import AlasanMutasi, JenisMutasi, StatusSK, StatusUsulan
from usulan_mutasi.models import PeristiwaUsulan, SuratKeputusan

S = StatusUsulan


@pytest.fixture
def orang(buat_pengguna, instansi_a, instansi_b):
    def u(nama, peran, instansi=None):
        return buat_pengguna(
            peran, instansi=instansi, username=nama, email=f"{nama}@pematangsiantarkota.go.id"
        )

    return {
        "bkpsdm": u("bkpsdm1", Peran.BKPSDM),
        "bkpsdm2": u("bkpsdm2", Peran.BKPSDM),
        "operator_a": u("operator_a", Peran.OPERATOR_OPD, instansi_a),
        "kepala_a": u("kepala_a", Peran.KEPALA_OPD, instansi_a),
        "kepala_b": u("kepala_b", Peran.KEPALA_OPD, instansi_b),
        "tim": u("tim", Peran.TIM_PENILAI),
        "ppk": u("ppk", Peran.PPK),
    }


@pytest.fixture
def usulan(orang, instansi_a, instansi_b):
    asal = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_a))
    usulan = services.usulan_buat(
        pegawai=PegawaiFactory(jabatan=asal),
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=AlasanMutasi.PEMERATAAN,
        jabatan_tujuan=JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_b)),
        actor=orang["operator_a"],
    )
    return dokumen_lengkap(usulan, orang["bkpsdm"])


def penerima():
    return sorted(addr.split("@")[0] for m in mail.outbox for addr in m.to)


def test_notifikasi_dikirim_setelah_commit_ke_yang_bertindak_berikutnya(
    orang, usulan, django_capture_on_commit_callbacks, settings
):
    settings.URL_SITUS = "https://mutasi.contoh.go.id"
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        usulan = services.usulan_ajukan(
            usulan=usulan, actor=orang["operator_a"], justifikasi_peringatan="Perlu."
        )
    assert mail.outbox == []  # nothing leaves before the commit
    assert len(callbacks) == 1
    callbacks[0]()
    assert penerima() == ["bkpsdm1", "bkpsdm2"]
    assert "menunggu tindakan Anda" in mail.outbox[0].body
    assert usulan.nomor in mail.outbox[0].subject
    assert f"https://mutasi.contoh.go.id{usulan.get_absolute_url()}" in mail.outbox[0].body

    langkah = [
        ("bkpsdm", ["kepala_a", "operator_a"]),
        ("kepala_a", ["kepala_b", "operator_a"]),
        ("kepala_b", ["operator_a", "tim"]),
        ("tim", ["operator_a", "ppk"]),
        ("ppk", ["bkpsdm1", "bkpsdm2", "operator_a"]),
    ]
    for pelaku, harap in langkah:
        mail.outbox.clear()
        with django_capture_on_commit_callbacks(execute=True):
            usulan = services.usulan_setujui(usulan=usulan, actor=orang[pelaku])
        assert penerima() == harap, pelaku


def test_pengembalian_diberitahukan_ke_pengusul(orang, usulan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        usulan = services.usulan_ajukan(
            usulan=usulan, actor=orang["operator_a"], justifikasi_peringatan="Perlu."
        )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.usulan_kembalikan(usulan=usulan, alasan="Lampirkan SKP.", actor=orang["bkpsdm"])
    assert penerima() == ["operator_a"]
    assert "Lampirkan SKP." in mail.outbox[0].body


def test_notifikasi_idempoten(orang, usulan, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        services.usulan_ajukan(
            usulan=usulan, actor=orang["operator_a"], justifikasi_peringatan="Perlu."
        )
    peristiwa = PeristiwaUsulan.objects.get(usulan=usulan, aksi="diajukan")
    assert peristiwa.notifikasi_terkirim_pada is not None
    jumlah = len(mail.outbox)
    assert tasks.kirim_notifikasi(peristiwa.pk) == 0  # a redelivered task sends nothing
    assert len(mail.outbox) == jumlah


def _sk_ditetapkan(orang, usulan, *, tmt):
    dokumen_lengkap(usulan, orang["bkpsdm"])
    usulan = services.usulan_ajukan(
        usulan=usulan, actor=orang["operator_a"], justifikasi_peringatan="Perlu."
    )
    for p in ("bkpsdm", "kepala_a", "kepala_b", "tim", "ppk"):
        usulan = services.usulan_setujui(usulan=usulan, actor=orang[p])
    sk = services.sk_buat(
        usulan_ids=[usulan.pk],
        tanggal=datetime.date(2026, 11, 20),
        tmt=tmt,
        penandatangan_nama="Wali Kota Pematangsiantar",
        actor=orang["bkpsdm"],
    )
    return services.sk_tetapkan(sk=sk, actor=orang["bkpsdm"], hari_ini=datetime.date(2026, 11, 20))


def test_tugas_beat_memberlakukan_sk_yang_tmt_nya_tiba(orang, usulan, instansi_a, instansi_b):
    sk1 = _sk_ditetapkan(orang, usulan, tmt=datetime.date(2026, 12, 1))
    asal = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_a))
    kedua = services.usulan_buat(
        pegawai=PegawaiFactory(jabatan=asal),
        jenis=JenisMutasi.ANTAR_OPD,
        alasan=AlasanMutasi.PEMERATAAN,
        jabatan_tujuan=usulan.jabatan_tujuan,
        actor=orang["operator_a"],
    )
    sk2 = _sk_ditetapkan(orang, kedua, tmt=datetime.date(2026, 12, 2))
    assert {sk1.status, sk2.status} == {StatusSK.DITETAPKAN}

    assert tasks.berlakukan_sk_jatuh_tempo("2026-11-30") == []
    assert tasks.berlakukan_sk_jatuh_tempo("2026-12-01") == [sk1.pk]
    assert tasks.berlakukan_sk_jatuh_tempo("2026-12-01") == []  # idempotent
    sk1.refresh_from_db()
    sk2.refresh_from_db()
    assert (sk1.status, sk2.status) == (StatusSK.BERLAKU, StatusSK.DITETAPKAN)
    usulan.refresh_from_db()
    usulan.pegawai.refresh_from_db()
    assert usulan.status == S.BERLAKU
    assert usulan.pegawai.jabatan == usulan.jabatan_tujuan
    assert tasks.berlakukan_sk_jatuh_tempo("2026-12-05") == [sk2.pk]
    assert set(SuratKeputusan.objects.values_list("status", flat=True)) == {StatusSK.BERLAKU}


def test_jadwal_beat_terdaftar(settings):
    jadwal = settings.CELERY_BEAT_SCHEDULE["usulan-berlakukan-sk-jatuh-tempo"]
    assert jadwal["task"] == "usulan_mutasi.tasks.berlakukan_sk_jatuh_tempo"
