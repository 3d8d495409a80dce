"""Exports: every .xlsx carries a title row with the filter and the date, frozen headers with an
autofilter; the pegawai export carries the profile's columns."""

import datetime
import io

import openpyxl
import pytest
from django.urls import reverse

from mutasi_asn.akun.roles import Peran
from mutasi_asn.excel import BARIS_HEADER, tulis_xlsx
from tests.fixtures.factories import PegawaiFactory


def _buka(data: bytes):
    return openpyxl.load_workbook(io.BytesIO(data)).active


def test_setiap_ekspor_berjudul_bersaringan_dan_berfilter_otomatis():
    ws = _buka(
        tulis_xlsx(
            "Daftar uji",
            ["Nama", "Tanggal"],
            [["Maria", datetime.date(2026, 11, 29)], ["Budi", None]],
            saringan="Instansi: Dinas Kesehatan",
        )
    )
    assert ws["A1"].value == "Daftar uji"
    assert ws["A2"].value.startswith("Saringan: Instansi: Dinas Kesehatan; Diunduh ")
    assert [c.value for c in ws[BARIS_HEADER]] == ["Nama", "Tanggal"]
    assert ws.auto_filter.ref == f"A{BARIS_HEADER}:B{BARIS_HEADER + 2}"
    assert ws.freeze_panes == f"A{BARIS_HEADER + 1}"
    tanggal = ws.cell(row=BARIS_HEADER + 1, column=2)
    assert tanggal.value.date() == datetime.date(2026, 11, 29)
    assert tanggal.number_format == "dd/mm/yyyy"


@pytest.fixture
def maria(instansi_a):
    return PegawaiFactory(
        gelar_depan="dr.",
        nama="Maria Siregar",
        gelar_belakang="M.Kes.",
        jabatan__unit_kerja__instansi=instansi_a,
        jabatan__kelas_jabatan=11,
        tmt_jabatan=datetime.date(2021, 3, 1),
    )


def test_ekspor_pegawai_memuat_kolom_profil_dan_saringannya(client, pengguna_peran, maria):
    PegawaiFactory()  # another agency: filtered out
    client.force_login(pengguna_peran[Peran.BKPSDM])
    instansi = maria.jabatan.unit_kerja.instansi
    resp = client.get(reverse("pegawai:pegawai_list"), {"instansi": instansi.pk, "format": "xlsx"})
    ws = _buka(resp.content)
    assert f"Instansi: {instansi.nama}" in ws["A2"].value
    header = [c.value for c in ws[BARIS_HEADER]]
    for kolom in [
        "Tanggal lahir",
        "Jenis kelamin",
        "TMT jabatan",
        "Tanggal pensiun (BUP)",
        "Kelas jabatan",
        "Pendidikan",
        "Unit kerja",
    ]:
        assert kolom in header
    baris = [c.value for c in ws[BARIS_HEADER + 1]]
    assert ws.max_row == BARIS_HEADER + 1
    nilai = dict(zip(header, baris, strict=True))
    assert nilai["Nama"] == "dr. Maria Siregar, M.Kes."
    assert nilai["Tanggal lahir"].date() == maria.tanggal_lahir
    assert nilai["Tanggal pensiun (BUP)"].date() == maria.tanggal_pensiun
    assert nilai["Kelas jabatan"] == 11
    assert nilai["Unit kerja"] == maria.jabatan.unit_kerja.nama
    assert ws.auto_filter.ref.startswith(f"A{BARIS_HEADER}:")
