"""Presentation helpers: Indonesian dates read in Asia/Jakarta, numbers with Indonesian separators."""

import datetime

from mutasi_asn.templatetags.tampilan import angka, sel, tanggal_panjang
from mutasi_asn.views import Kolom


class _Baris:
    def __init__(self, waktu):
        self.waktu = waktu


def test_tanggal_panjang_memakai_zona_waktu_jakarta():
    # 29 November 2026 20:00 UTC is already 30 November in Pematangsiantar (UTC+7).
    momen = datetime.datetime(2026, 11, 29, 20, 0, tzinfo=datetime.UTC)
    assert tanggal_panjang(momen) == "30 November 2026"
    assert tanggal_panjang(datetime.date(2026, 11, 29)) == "29 November 2026"
    assert tanggal_panjang(None) == "—"


def test_sel_tabel_menampilkan_waktu_lokal():
    momen = datetime.datetime(2026, 11, 29, 20, 0, tzinfo=datetime.UTC)
    assert sel(_Baris(momen), Kolom("Waktu", "waktu")) == "30/11/2026 03:00"


def test_angka_dengan_pemisah_ribuan_indonesia():
    assert angka(1234.5, 2) == "1.234,50"
    assert angka(None) == "—"


def test_saringan_ya_tidak_kosong_berarti_semua(rf, db):
    from pegawai.filters import PegawaiFilter
    from pegawai.models import Pegawai

    html = str(PegawaiFilter({}, queryset=Pegawai.objects.none(), request=None).form["aktif"])
    assert "Semua" in html and "Tidak diketahui" not in html
    fs = PegawaiFilter({"aktif": "false"}, queryset=Pegawai.objects.all(), request=None)
    assert fs.is_valid() and "aktif" in str(fs.qs.query).lower()


def test_kueri_menulis_id_tanpa_pemisah_ribuan():
    from mutasi_asn.templatetags.tampilan import kueri

    assert kueri(unit_kerja=10470, aktif="true") == "?unit_kerja=10470&aktif=true"
    assert (
        kueri("/abk/hasil/?periode=2026", jabatan=1470) == "/abk/hasil/?periode=2026&jabatan=1470"
    )
    assert kueri("/pegawai/", instansi=None) == "/pegawai/"
