"""The talent pool page: the 9-box grid with counts, each box's people, and for boxes 7–9 the
higher-kelas positions in shortage they are eligible for, with the reasons; scoped; constant
queries."""

import datetime

import pytest
from django.urls import reverse

from instansi.choices import Golongan, Pendidikan
from instansi.models_kompetensi import JenisSertifikasi, Kompetensi
from mutasi_asn.akun.roles import Peran
from tests.fixtures.factories import (
    HasilAsesmenFactory,
    JabatanFactory,
    PegawaiFactory,
    SertifikasiPegawaiFactory,
    SKPTahunanFactory,
    SyaratSertifikasiJabatanFactory,
    UnitKerjaFactory,
)
from tests.fixtures.views import hitung_query
from tests.usulan_mutasi.test_rules import hasil_abk

URL = reverse("analisis_beban:talenta")
MANAJERIAL = [f"M.0{i}" for i in range(1, 9)]
_urut = iter(range(10_000, 99_999))


def bintang(jabatan, *, level=4, nama="Maria Siregar", **kwargs):
    """A pegawai in box 9: two Sangat Baik SKP and assessed levels `level`."""
    n = next(_urut)
    p = PegawaiFactory(
        nip=f"1985{n % 12 + 1:02d}{n % 28 + 1:02d}201001{2}{n % 999 + 1:03d}",
        nama=f"{nama} {n}",
        gelar_belakang="S.Kep.",
        jabatan=jabatan,
        **kwargs,
    )
    for tahun in (2024, 2025):
        SKPTahunanFactory(pegawai=p, tahun=tahun, hasil_kerja="di_atas", perilaku_kerja="di_atas")
    for kode in MANAJERIAL:
        HasilAsesmenFactory(pegawai=p, kompetensi=Kompetensi.objects.get(kode=kode), level=level)
    return p


def biasa(jabatan):
    p = PegawaiFactory(jabatan=jabatan)
    SKPTahunanFactory(pegawai=p, tahun=2025)
    return p


@pytest.fixture
def kota(db, instansi_a, instansi_b):
    unit_a = UnitKerjaFactory(instansi=instansi_a, nama="UPTD Puskesmas 01")
    perawat = JabatanFactory(
        unit_kerja=unit_a,
        nama="Perawat Terampil",
        kelas_jabatan=6,
        pendidikan_minimal=Pendidikan.D3,
        bidang_studi="Keperawatan",
    )
    # Higher, short of staff, field of study fits; one needs a valid STR.
    penyelia = JabatanFactory(
        unit_kerja=unit_a,
        nama="Perawat Penyelia",
        kelas_jabatan=8,
        pendidikan_minimal=Pendidikan.D3,
        bidang_studi="Keperawatan",
        golongan_minimal=Golongan.III_C,
        golongan_maksimal=Golongan.III_D,
    )
    ahli = JabatanFactory(
        unit_kerja=UnitKerjaFactory(instansi=instansi_b, nama="Instalasi Rawat Inap"),
        nama="Perawat Ahli Pertama",
        kelas_jabatan=8,
        pendidikan_minimal=Pendidikan.D3,
        bidang_studi="Keperawatan",
    )
    SyaratSertifikasiJabatanFactory(
        jabatan=ahli, jenis_sertifikasi=JenisSertifikasi.objects.get(kode="STR-PERAWAT")
    )
    # Not suggested: lower kelas, no shortage, another field, education too high.
    rendah = JabatanFactory(unit_kerja=unit_a, nama="Pengadministrasi", kelas_jabatan=5)
    penuh = JabatanFactory(unit_kerja=unit_a, nama="Perawat Mahir", kelas_jabatan=7)
    guru = JabatanFactory(
        unit_kerja=unit_a, nama="Guru Ahli Muda", kelas_jabatan=9, bidang_studi="Pendidikan"
    )
    dokter = JabatanFactory(
        unit_kerja=unit_a, nama="Dokter", kelas_jabatan=11, pendidikan_minimal=Pendidikan.PROFESI
    )
    for j in (penyelia, ahli, rendah, guru, dokter):
        hasil_abk(j, beban_menit=3 * 75000, bezetting=1)
    hasil_abk(penuh, beban_menit=75000, bezetting=2)
    hasil_abk(perawat, beban_menit=75000, bezetting=3)
    rina = bintang(
        perawat,
        nama="Rina Saragih",
        pendidikan=Pendidikan.D3,
        bidang_studi="Keperawatan",
        golongan=Golongan.III_B,
    )
    return {
        "perawat": perawat,
        "penyelia": penyelia,
        "ahli": ahli,
        "rina": rina,
        "rendah": rendah,
        "penuh": penuh,
        "guru": guru,
        "dokter": dokter,
        "biasa_b": biasa(JabatanFactory(unit_kerja__instansi=instansi_b)),
    }


def test_grid_menghitung_per_kotak_dan_kepala_opd_hanya_instansinya(client, kota, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    grid = client.get(URL).context["grid"]
    jumlah = {s["nomor"]: s["jumlah"] for b in grid["baris"] for s in b["sel"]}
    assert jumlah[9] == 1
    assert grid["jumlah_pegawai"] == 2 and grid["tanpa_asesmen"] == 1
    assert [s["nomor"] for s in grid["baris"][0]["sel"]] == [4, 7, 9]
    assert [s["nomor"] for s in grid["baris"][2]["sel"]] == [1, 3, 6]
    client.force_login(pengguna_peran[Peran.KEPALA_OPD])  # instansi_a
    resp = client.get(URL)
    assert resp.context["grid"]["jumlah_pegawai"] == 1
    assert resp.context["instansi"] == kota["perawat"].unit_kerja.instansi


def test_kotak_9_menyarankan_jabatan_lebih_tinggi_yang_kurang_dengan_alasan(
    client, kota, pengguna_peran
):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    resp = client.get(URL, {"kotak": 9})
    [orang] = resp.context["halaman"].object_list
    assert orang["pegawai"] == kota["rina"]
    saran = {s.jabatan: s for s in orang["saran"]}
    # The STR post needs a valid STR Rina does not have; lower, full, other-field and
    # higher-education posts are never suggested.
    assert set(saran) == {kota["penyelia"]}
    s = saran[kota["penyelia"]]
    assert "Menurut ABK 2026, jabatan ini kekurangan 2 pegawai." in s.alasan
    assert "Kelas jabatan naik dari 6 ke 8." in s.alasan
    assert s.catatan == ["Golongan III/b di luar rentang III/c–III/d."]
    html = resp.content.decode()
    assert "Kandidat untuk posisi yang lebih strategis" in html
    assert f"?pegawai={kota['rina'].pk}&amp;jabatan_tujuan={kota['penyelia'].pk}" in html


def test_str_berlaku_membuka_saran_jabatan_yang_mensyaratkannya(client, kota, pengguna_peran):
    SertifikasiPegawaiFactory(
        pegawai=kota["rina"],
        jenis_sertifikasi=JenisSertifikasi.objects.get(kode="STR-PERAWAT"),
        tanggal_terbit=datetime.date(2023, 1, 1),
        berlaku_sampai=datetime.date(2099, 1, 1),
    )
    client.force_login(pengguna_peran[Peran.BKPSDM])
    [orang] = client.get(URL, {"kotak": 9}).context["halaman"].object_list
    ahli = next(s for s in orang["saran"] if s.jabatan == kota["ahli"])
    assert "Surat Tanda Registrasi (STR) Perawat masih berlaku." in ahli.alasan
    # No warning to weigh ranks first.
    assert orang["saran"][0].jabatan == kota["ahli"]


def test_kepala_opd_tidak_melihat_jabatan_instansi_lain_sebagai_saran(client, kota, pengguna_peran):
    SertifikasiPegawaiFactory(
        pegawai=kota["rina"],
        jenis_sertifikasi=JenisSertifikasi.objects.get(kode="STR-PERAWAT"),
        berlaku_sampai=datetime.date(2099, 1, 1),
    )
    client.force_login(pengguna_peran[Peran.KEPALA_OPD])
    [orang] = client.get(URL, {"kotak": 9}).context["halaman"].object_list
    assert kota["ahli"] not in {s.jabatan for s in orang["saran"]}


def test_instansi_lain_di_query_adalah_404_bagi_kepala_opd(client, kota, pengguna_peran):
    client.force_login(pengguna_peran[Peran.KEPALA_OPD])
    lain = kota["ahli"].unit_kerja.instansi
    assert client.get(URL, {"instansi": lain.pk}).status_code == 404


def test_panel_cocok_untuk_di_profil_dan_di_luar_cakupan_404(client, kota, pengguna_peran):
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
    url = reverse("analisis_beban:talenta_cocok", args=[kota["rina"].pk])
    html = client.get(url).content.decode()
    assert "Perawat Penyelia" in html
    assert (
        client.get(reverse("analisis_beban:talenta_cocok", args=[kota["biasa_b"].pk])).status_code
        == 404
    )
    profil = client.get(kota["rina"].get_absolute_url()).content.decode()
    assert url in profil


def test_usulkan_mutasi_dari_saran_mengisi_pegawai_dan_jabatan_tujuan(client, kota, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    resp = client.get(
        reverse("usulan_mutasi:usulan_add"),
        {"pegawai": kota["rina"].pk, "jabatan_tujuan": kota["penyelia"].pk},
    )
    form = resp.context["form"]
    assert form.initial["pegawai"] == kota["rina"].pk
    assert form.initial["jabatan_tujuan"] == kota["penyelia"].pk


def test_jumlah_query_grid_dan_kotak_tidak_tumbuh(client, kota, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    sedikit_grid, _ = hitung_query(client, URL)
    sedikit_kotak, _ = hitung_query(client, f"{URL}?kotak=9")
    for _ in range(12):
        bintang(kota["perawat"], pendidikan=Pendidikan.D3, bidang_studi="Keperawatan")
        biasa(kota["perawat"])
    banyak_grid, _ = hitung_query(client, URL)
    banyak_kotak, resp = hitung_query(client, f"{URL}?kotak=9")
    assert len(resp.context["halaman"].object_list) == 13
    assert sedikit_grid == banyak_grid
    assert sedikit_kotak == banyak_kotak


def test_tanpa_izin_tidak_dapat_membuka(client, kota, buat_pengguna):
    client.force_login(buat_pengguna(None))
    assert client.get(URL).status_code == 403
