"""Riwayat jabatan: a row ends the day before its successor's TMT, so no day has two positions."""

import datetime

from pegawai.services import Perpindahan, pegawai_pindah_jabatan, pegawai_pindah_jabatan_massal
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, PenggunaFactory


def _dengan_riwayat(mulai):
    return PegawaiFactory(tmt_jabatan=mulai)  # with its open riwayat row from `mulai`


def _riwayat(pegawai):
    return list(
        pegawai.riwayat_jabatan.order_by("tanggal_mulai").values_list(
            "tanggal_mulai", "tanggal_selesai"
        )
    )


def test_pindah_jabatan_menutup_riwayat_lama_sehari_sebelum_tmt_baru(db):
    pegawai = _dengan_riwayat(datetime.date(2020, 1, 2))
    pegawai_pindah_jabatan(
        pegawai=pegawai,
        jabatan=JabatanFactory(),
        tmt=datetime.date(2026, 3, 1),
        actor=PenggunaFactory(),
    )
    assert _riwayat(pegawai) == [
        (datetime.date(2020, 1, 2), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 3, 1), None),
    ]


def test_pindah_jabatan_massal_menutup_riwayat_lama_sehari_sebelum_tmt_baru(db):
    pegawai = _dengan_riwayat(datetime.date(2020, 1, 2))
    pegawai_pindah_jabatan_massal(
        perpindahan=[
            Perpindahan(
                pegawai_id=pegawai.pk, jabatan=JabatanFactory(), tmt=datetime.date(2027, 1, 1)
            )
        ],
        actor=None,
    )
    assert _riwayat(pegawai)[0] == (datetime.date(2020, 1, 2), datetime.date(2026, 12, 31))


def test_pindah_jabatan_pada_hari_mulai_yang_sama_menyisakan_satu_hari(db):
    # A same-day correction: the database never holds an end before the start.
    pegawai = _dengan_riwayat(datetime.date(2026, 3, 1))
    pegawai_pindah_jabatan(
        pegawai=pegawai, jabatan=JabatanFactory(), tmt=datetime.date(2026, 3, 1), actor=None
    )
    assert _riwayat(pegawai)[0] == (datetime.date(2026, 3, 1), datetime.date(2026, 3, 1))
