"""The stored rebalancing plan: computed from the database, explained, reproducible, scoped,
and marked stale when the ABK results or the register change."""

import datetime

import pytest

from instansi.choices import Pendidikan
from mutasi_asn.akun.roles import Peran
from pegawai.services import pegawai_simpan
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory
from tests.usulan_mutasi.test_rules import hasil_abk
from usulan_mutasi.rencana.models import RencanaPemerataan, StatusRencana
from usulan_mutasi.rencana.services import rencana_buat, rencana_susun
from usulan_mutasi.rules import BLOK, periksa_pasangan

WKE = 75000


@pytest.fixture
def kota(db, instansi_a, instansi_b):
    """Origin in agency A: need 1, four holders (surplus 3). Two targets in agency B: one short
    of 2 (need 3), one needing a master's degree nobody has. A third post in A is balanced."""
    asal = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_a), kelas_jabatan=7)
    pemangku = [
        PegawaiFactory(
            nama=f"Pegawai Rencana {i}",
            jabatan=asal,
            tmt_jabatan=datetime.date(2015 + i, 1, 1),
            pendidikan=Pendidikan.S1,
        )
        for i in range(4)
    ]
    tujuan = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_b), kelas_jabatan=7)
    sulit = JabatanFactory(
        unit_kerja=UnitKerjaFactory(instansi=instansi_b), pendidikan_minimal=Pendidikan.S2
    )
    seimbang = JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_a))
    PegawaiFactory(jabatan=seimbang)
    PegawaiFactory(jabatan=tujuan)
    hasil_abk(asal, beban_menit=WKE, bezetting=4)
    hasil_abk(tujuan, beban_menit=3 * WKE, bezetting=1)
    hasil_abk(sulit, beban_menit=WKE, bezetting=0)
    hasil_abk(seimbang, beban_menit=WKE, bezetting=1)
    return {"asal": asal, "tujuan": tujuan, "sulit": sulit, "pemangku": pemangku}


def _susun(bkpsdm, periode=None, django_capture_on_commit_callbacks=None, **kw):
    from analisis_beban.models import PeriodeABK

    rencana = rencana_buat(
        periode=periode or PeriodeABK.objects.get(tahun=2026), actor=bkpsdm, **kw
    )
    return rencana_susun(rencana_id=rencana.pk)


def test_rencana_mengisi_kekurangan_dengan_pegawai_terlama_dan_menjelaskannya(kota, pengguna_peran):
    rencana = _susun(pengguna_peran[Peran.BKPSDM])
    assert rencana.status == StatusRencana.SELESAI and rencana.progres == 100
    langkah = list(rencana.langkah.order_by("urutan"))
    assert [step.jabatan_tujuan for step in langkah] == [kota["tujuan"], kota["tujuan"]]
    # The two longest in position move (TMT 2015 and 2016).
    assert {step.pegawai for step in langkah} == set(kota["pemangku"][:2])
    penjelasan = langkah[0].penjelasan
    assert penjelasan["asal"]["sebelum"]["selisih"] == 3
    assert penjelasan["asal"]["sesudah"]["selisih"] == 1
    assert penjelasan["tujuan"]["sebelum"]["selisih"] == -2
    assert penjelasan["tujuan"]["sesudah"]["selisih"] == 0
    assert "Pendidikan memenuhi pendidikan minimal" in penjelasan["lolos"]
    assert penjelasan["biaya"]["antar_instansi"] > 0
    ringkasan = rencana.ringkasan
    assert ringkasan["sebelum"]["total_kurang"] == 3
    assert ringkasan["sesudah"]["total_kurang"] == 1
    assert ringkasan["optimum"]["bobot_terisi"] >= ringkasan["serakah"]["bobot_terisi"]


def test_setiap_langkah_lolos_pemeriksaan_kelayakan_usulan(kota, pengguna_peran):
    rencana = _susun(pengguna_peran[Peran.BKPSDM])
    for step in rencana.langkah.all():
        temuan = periksa_pasangan(step.pegawai, step.jabatan_tujuan)
        assert not [t for t in temuan if t.jenis == BLOK]
        assert not temuan, temuan


def test_kekurangan_yang_tidak_terisi_diberi_alasan(kota, pengguna_peran):
    rencana = _susun(pengguna_peran[Peran.BKPSDM])
    sisa = rencana.kekurangan_tersisa.get()
    assert sisa.jabatan == kota["sulit"]
    assert sisa.alasan == "tidak_ada_calon"
    assert "memenuhi syarat" in sisa.keterangan


def test_masukan_sama_menghasilkan_rencana_sama(kota, pengguna_peran):
    pertama = _susun(pengguna_peran[Peran.BKPSDM])
    kedua = _susun(pengguna_peran[Peran.BKPSDM])
    assert pertama.sidik_jari == kedua.sidik_jari
    langkah = [
        list(r.langkah.order_by("urutan").values_list("pegawai_id", "jabatan_tujuan_id"))
        for r in (pertama, kedua)
    ]
    assert langkah[0] == langkah[1]
    ketiga = _susun(pengguna_peran[Peran.BKPSDM], pengaturan={"bobot_masa_jabatan": 0})
    assert ketiga.sidik_jari != pertama.sidik_jari


def test_rencana_basi_saat_register_atau_abk_berubah(kota, pengguna_peran):
    from analisis_beban.services import tandai_basi

    rencana = _susun(pengguna_peran[Peran.BKPSDM])
    assert not rencana.basi
    pegawai = kota["pemangku"][3]
    pegawai_simpan(
        instance=pegawai, data={"pendidikan": Pendidikan.S2}, actor=pengguna_peran[Peran.BKPSDM]
    )
    rencana.refresh_from_db()
    assert rencana.basi and "Register" in rencana.alasan_basi

    lain = _susun(pengguna_peran[Peran.BKPSDM])
    tandai_basi(periode_ids=[lain.periode_id], jabatan_ids=[kota["tujuan"].pk])
    lain.refresh_from_db()
    assert lain.basi and "ABK" in lain.alasan_basi


def test_hanya_bkpsdm_yang_menyusun_dan_pengguna_opd_tidak_melihat_rencana(kota, pengguna_peran):
    from django.core.exceptions import PermissionDenied

    from analisis_beban.models import PeriodeABK

    with pytest.raises(PermissionDenied):
        rencana_buat(
            periode=PeriodeABK.objects.get(tahun=2026), actor=pengguna_peran[Peran.OPERATOR_OPD]
        )
    rencana = _susun(pengguna_peran[Peran.BKPSDM])
    for peran in (Peran.OPERATOR_OPD, Peran.KEPALA_OPD):
        assert not RencanaPemerataan.objects.for_user(pengguna_peran[peran]).exists()
    for peran in (Peran.BKPSDM, Peran.PPK, Peran.TIM_PENILAI):
        assert rencana in RencanaPemerataan.objects.for_user(pengguna_peran[peran])


def test_pengaturan_yang_salah_ditolak_dengan_pesan(kota, pengguna_peran):
    from django.core.exceptions import ValidationError

    from analisis_beban.models import PeriodeABK

    with pytest.raises(ValidationError, match="Bobot 'bobot_selisih_kelas'"):
        rencana_buat(
            periode=PeriodeABK.objects.get(tahun=2026),
            pengaturan={"bobot_selisih_kelas": -3},
            actor=pengguna_peran[Peran.BKPSDM],
        )
    assert not RencanaPemerataan.objects.exists()


def test_rencana_buat_mengantrekan_penyusunan_setelah_commit(
    kota, pengguna_peran, django_capture_on_commit_callbacks
):
    from analisis_beban.models import PeriodeABK

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        rencana = rencana_buat(
            periode=PeriodeABK.objects.get(tahun=2026), actor=pengguna_peran[Peran.BKPSDM]
        )
        assert rencana.status == StatusRencana.ANTRE
    assert len(callbacks) == 1
    rencana.refresh_from_db()
    assert rencana.status == StatusRencana.SELESAI  # eager in the test settings
