"""Task numbers are bounded so that every derived figure fits its column (issue #13, item 6):
volume = norma = 99,999,999 was accepted, then every recalculation of the period failed with
`numeric field overflow`. The form, the import preview and the services refuse it; a
recalculation that meets such a row (entered before the bound) names it and computes the rest."""

from decimal import Decimal as D

import pytest
from django.core.exceptions import ValidationError

from analisis_beban import calculations as calc
from analisis_beban import services
from analisis_beban.choices import StatusPerhitungan
from analisis_beban.models import HasilABK, UraianTugas
from pegawai.impor import impor_berkas
from tests.analisis_beban.conftest import tugas

pytestmark = pytest.mark.django_db

RAKSASA = D("99999999")


def test_batas_beban_jabatan_membuat_ej_dan_kebutuhan_muat_di_kolomnya():
    maks = calc.beban_maks_menit(75000)
    assert maks == D("74999999992.50")
    h = calc.hitung_jabatan(
        total_beban_menit=maks, bezetting=1, wke_menit=75000, ambang=calc.AmbangPJ()
    )
    assert calc.simpan_presisi(h.ej) <= calc.EJ_MAKS
    assert calc.simpan_presisi(h.kebutuhan) < D("100000000")
    assert maks <= calc.TOTAL_BEBAN_MAKS


def test_tugas_dengan_volume_dan_norma_raksasa_ditolak_layanan(org):
    with pytest.raises(ValidationError) as exc:
        services.uraian_tugas_simpan(
            data={
                "periode": org["periode"],
                "jabatan": org["j3"],
                "uraian": "Tugas raksasa",
                "hasil_kerja": "Laporan",
                "satuan": "dokumen",
                "volume": RAKSASA,
                "norma_waktu_menit": RAKSASA,
            }
        )
    assert "melebihi batas beban kerja satu jabatan" in exc.value.message_dict["volume"][0]
    assert not UraianTugas.objects.filter(jabatan=org["j3"]).exists()


def test_tabel_tugas_yang_totalnya_melebihi_batas_ditolak_utuh(org):
    # Each task fits on its own; together they exceed what the jabatan's result holds.
    baris = [
        {
            "uraian": f"Tugas {i}",
            "hasil_kerja": "Laporan",
            "satuan": "dokumen",
            "volume": D("1000000"),
            "norma_waktu_menit": D("40000"),
        }
        for i in range(3)
    ]
    with pytest.raises(ValidationError, match=f"jabatan {org['j3'].kode} melebihi batas"):
        services.uraian_tugas_simpan_banyak(periode=org["periode"], jabatan=org["j3"], baris=baris)
    assert not UraianTugas.objects.filter(jabatan=org["j3"]).exists()


def test_pratinjau_impor_menolak_baris_dan_jabatan_yang_melebihi_batas(org, tmp_path):
    from tests.analisis_beban.test_impor import xlsx

    path = tmp_path / "tugas.xlsx"
    path.write_bytes(
        xlsx(
            [
                [org["j1"].kode, "Tugas", "Hasil", "buah", "99.999.999", "99.999.999"],  # 2
                [org["j3"].kode, "Tugas A", "Hasil", "buah", 1000000, 40000],  # 3
                [org["j3"].kode, "Tugas B", "Hasil", "buah", 1000000, 40000],  # 4
                [org["j4"].kode, "Tugas", "Hasil", "buah", 10, 10],  # 5: valid
            ]
        )
    )
    hasil = impor_berkas(
        jenis="abk", path=path, actor=None, simpan=False, opsi={"periode": 2026}
    ).hasil
    pesan = {g.baris: g.pesan for g in hasil.galat}
    assert set(pesan) == {2, 3, 4}
    assert "melebihi batas beban kerja satu jabatan" in pesan[2]
    assert f"Total beban kerja jabatan {org['j3'].kode}" in pesan[3]


def test_hitung_ulang_melewati_baris_lama_yang_berlebih_dan_menghitung_sisanya(org):
    services.abk_hitung(periode=org["periode"])
    # A task saved before the bound existed (written past validation, as old data was).
    UraianTugas.objects.bulk_create(
        [
            UraianTugas(
                periode=org["periode"],
                jabatan=org["j2"],
                uraian="Lama",
                hasil_kerja="Laporan",
                satuan="dokumen",
                volume=RAKSASA,
                norma_waktu_menit=RAKSASA,
            )
        ]
    )
    tugas(org["periode"], org["j3"], 100, 60)  # a real change elsewhere in the period
    services.tandai_basi(periode_ids=[org["periode"].pk])
    run = services.abk_hitung(periode=org["periode"])
    assert run.status == StatusPerhitungan.SELESAI
    assert org["j2"].kode in run.pesan_galat and "dilewati" in run.pesan_galat
    j3 = HasilABK.objects.get(periode=org["periode"], jabatan=org["j3"])
    assert j3.total_beban_menit == D("6000.00") and not j3.basi
    # The skipped jabatan keeps its old result, marked stale.
    assert HasilABK.objects.get(periode=org["periode"], jabatan=org["j2"]).basi
