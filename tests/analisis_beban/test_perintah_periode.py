"""`manage.py buat_periode_abk`: a new period from the shell, a draft like one made on the page."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from analisis_beban import selectors
from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK, UraianTugas
from mutasi_asn.akun.roles import Peran

pytestmark = pytest.mark.django_db


def test_perintah_membuat_periode_draf_dan_menyalin_uraian_tugas(org, buat_pengguna, capsys):
    bkpsdm = buat_pengguna(Peran.BKPSDM, username="bkpsdm_uji")
    call_command(
        "buat_periode_abk",
        "2027",
        "--wke",
        "72000",
        "--salin-dari",
        "2026",
        "--oleh",
        "bkpsdm_uji",
        "--keterangan",
        "ABK 2027",
    )
    keluar = capsys.readouterr().out
    p = PeriodeABK.objects.get(tahun=2027)
    assert p.status == StatusPeriode.PENYUSUNAN and p.wke_menit == 72000
    assert UraianTugas.objects.filter(periode=p).count() == 4
    assert p.history.first().history_user == bkpsdm
    assert "draf" in keluar and "4 uraian tugas disalin dari periode 2026" in keluar
    assert "tetap ABK 2026" in keluar
    assert selectors.periode_berlaku() == org["periode"]


def test_perintah_menolak_tahun_yang_sudah_ada_tanpa_menyimpan(org):
    with pytest.raises(CommandError, match="telah ada"):
        call_command("buat_periode_abk", "2026")
    assert PeriodeABK.objects.count() == 1


def test_perintah_menolak_periode_sumber_dan_pengguna_yang_tidak_ada(org):
    with pytest.raises(CommandError, match="2020"):
        call_command("buat_periode_abk", "2027", "--salin-dari", "2020")
    with pytest.raises(CommandError, match="tidak ada"):
        call_command("buat_periode_abk", "2027", "--oleh", "siapa")
    assert not PeriodeABK.objects.filter(tahun=2027).exists()
