"""Demo competency data: every demo pegawai gets a plausible history, the same for one seed."""

from collections import Counter

import pytest
from django.db import transaction

from mutasi_asn.demo.kompetensi import buat_kompetensi_demo
from mutasi_asn.demo.register import buat_register_demo
from pegawai import kompetensi as rumus
from pegawai.models import Pegawai
from pegawai.models_kompetensi import HasilAsesmen, SertifikasiPegawai, SKPTahunan
from pegawai.selectors import fakta_pegawai, standar_jabatan, talenta_pegawai


@pytest.fixture(scope="module")
def _demo_modul(django_db_setup, django_db_blocker):
    """One demo city for the whole module (building it is the slow part), rolled back after."""
    with django_db_blocker.unblock(), transaction.atomic():
        buat_register_demo(jumlah_pegawai=800, seed=7)
        yield buat_kompetensi_demo(seed=7)
        transaction.set_rollback(True)


@pytest.fixture
def demo(_demo_modul, db):
    return _demo_modul


def _sidik(pegawai_ids):
    return sorted(
        SKPTahunan.objects.filter(pegawai_id__in=pegawai_ids).values_list(
            "pegawai__nip", "tahun", "hasil_kerja", "perilaku_kerja"
        )
    )


def test_setiap_pegawai_punya_dua_skp_dengan_sebaran_wajar(demo):
    jumlah = Pegawai.objects.count()
    assert demo["skp"] == 2 * jumlah
    predikat = Counter(s.predikat for s in SKPTahunan.objects.all())
    assert predikat["baik"] / demo["skp"] > 0.7
    assert 0.03 < predikat["sangat_baik"] / demo["skp"] < 0.2
    assert predikat["butuh_perbaikan"] + predikat["kurang"] + predikat["sangat_kurang"] > 0
    # The register's own two SKP fields follow the records.
    p = Pegawai.objects.order_by("pk").first()
    assert p.skp_tahun_lalu == SKPTahunan.objects.get(pegawai=p, tahun=2025).predikat


def test_perawat_dan_guru_bersertifikat_sebagian_str_kedaluwarsa(demo):
    perawat = Pegawai.objects.filter(jabatan__nama__startswith="Perawat")
    assert perawat.exists()
    dengan_str = SertifikasiPegawai.objects.filter(
        pegawai__in=perawat, jenis_sertifikasi__kode="STR-PERAWAT"
    )
    assert dengan_str.count() >= 0.9 * perawat.count()
    nakes = Pegawai.objects.filter(
        jabatan__syarat_sertifikasi__jenis_sertifikasi__kode__startswith="STR"
    )
    fakta = fakta_pegawai(nakes.values_list("pk", flat=True))
    standar = standar_jabatan(nakes.values_list("jabatan_id", flat=True))
    kedaluwarsa = [
        p
        for p in nakes
        if rumus.kesenjangan(standar[p.jabatan_id], fakta[p.pk]).sertifikasi_kedaluwarsa
    ]
    assert 0 < len(kedaluwarsa) < 0.25 * nakes.count()
    assert SertifikasiPegawai.objects.filter(jenis_sertifikasi__kode="SERDIK").exists()


def test_sebagian_pegawai_diasesmen_dan_ada_kelompok_talenta(demo):
    jumlah = Pegawai.objects.count()
    diasesmen = HasilAsesmen.objects.values("pegawai").distinct().count()
    assert 0.2 * jumlah < diasesmen < 0.5 * jumlah
    kotak = Counter(
        t.kotak for t in talenta_pegawai(Pegawai.objects.values_list("pk", flat=True)).values()
    )
    assert sum(kotak[k] for k in (7, 8, 9)) > 0
    assert kotak[None] > 0.4 * jumlah  # not assessed: not placed


def test_demo_kompetensi_sama_untuk_benih_yang_sama_dan_idempoten(demo):
    sebelum = _sidik(Pegawai.objects.values_list("pk", flat=True))
    assert buat_kompetensi_demo(seed=7) == {}
    from instansi.models_kompetensi import (
        StandarKompetensiJabatan,
        SyaratPelatihanJabatan,
        SyaratSertifikasiJabatan,
    )
    from pegawai.models_kompetensi import RiwayatPelatihan

    # Raw deletes: no per-row signals and history rows, only a clean slate for the second run.
    for m in (
        SKPTahunan,
        SertifikasiPegawai,
        HasilAsesmen,
        RiwayatPelatihan,
        StandarKompetensiJabatan,
        SyaratPelatihanJabatan,
        SyaratSertifikasiJabatan,
    ):
        m.objects.all()._raw_delete(m.objects.db)
    buat_kompetensi_demo(seed=7)
    assert _sidik(Pegawai.objects.values_list("pk", flat=True)) == sebelum
