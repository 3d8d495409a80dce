"""Pages of pegawai: the generic view tests, then the rules of editing an employee."""

import datetime

import factory
import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from instansi.choices import Golongan, Pendidikan
from mutasi_asn.akun.roles import Peran
from pegawai.choices import StatusKepegawaian
from pegawai.models import Pegawai, RiwayatJabatan
from tests.fixtures.factories import (
    HasilAsesmenFactory,
    JabatanFactory,
    KompetensiFactory,
    PegawaiFactory,
    RiwayatPelatihanFactory,
    SertifikasiPegawaiFactory,
    SKPTahunanFactory,
    StandarKompetensiJabatanFactory,
    SyaratPelatihanJabatanFactory,
    SyaratSertifikasiJabatanFactory,
)
from tests.fixtures.views import UjiHalamanObjek

NIP_SAH = "19860926 201505 1 001"


def data_form_pegawai(pegawai, **ubah):
    """The edit form as a browser would post it for `pegawai`, with `ubah` applied."""
    data = {
        "nip": pegawai.nip,
        "status": pegawai.status,
        "nama": pegawai.nama,
        "golongan": pegawai.golongan,
        "pendidikan": pegawai.pendidikan,
        "jabatan": pegawai.jabatan_id or "",
        "tmt_jabatan": pegawai.tmt_jabatan.isoformat() if pegawai.tmt_jabatan else "",
        "aktif": "on" if pegawai.aktif else "",
    }
    if pegawai.status == StatusKepegawaian.PPPK:
        data["tanggal_lahir"] = pegawai.tanggal_lahir.isoformat()
        data["jenis_kelamin"] = pegawai.jenis_kelamin
    data.update(ubah)
    return {k: v for k, v in data.items() if v != ""}


class TestHalamanPegawai(UjiHalamanObjek):
    model = Pegawai
    nama_url = "pegawai:pegawai"
    pesan_tidak_sah = "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan)."

    def buat_objek(self, instansi):
        return PegawaiFactory(jabatan__unit_kerja__instansi=instansi)

    def data_tambah(self, instansi):
        return {
            "nip": NIP_SAH,
            "status": StatusKepegawaian.PNS,
            "nama": "Maria Siregar",
            "gelar_depan": "dr.",
            "golongan": Golongan.III_A,
            "pendidikan": Pendidikan.PROFESI,
            "jabatan": JabatanFactory(unit_kerja__instansi=instansi).pk,
            "tmt_jabatan": "2024-01-01",
            "aktif": "on",
        }

    def data_ubah(self, obj):
        return data_form_pegawai(obj, nama=f"{obj.nama} Baru")

    def cek_ubah(self, obj):
        assert obj.nama.endswith(" Baru")

    def data_tidak_sah(self, instansi):
        return {**self.data_tambah(instansi), "nip": "19860926 201505 3 001"}

    def buat_detail(self, n, instansi):
        pegawai = PegawaiFactory(jabatan__unit_kerja__instansi=instansi)
        mulai = datetime.date(1990, 1, 1)
        for i in range(n):
            RiwayatJabatan.objects.create(
                pegawai=pegawai,
                jabatan=JabatanFactory(unit_kerja__instansi=instansi),
                tanggal_mulai=mulai.replace(year=1990 + i // 12, month=i % 12 + 1),
                tanggal_selesai=mulai.replace(year=1990 + i // 12, month=i % 12 + 1, day=28),
            )
            # Competency facts grow with n too: the profile reads them in constant queries.
            kompetensi = KompetensiFactory()
            StandarKompetensiJabatanFactory(jabatan=pegawai.jabatan, kompetensi=kompetensi)
            SyaratSertifikasiJabatanFactory(jabatan=pegawai.jabatan)
            SyaratPelatihanJabatanFactory(jabatan=pegawai.jabatan)
            HasilAsesmenFactory(pegawai=pegawai, kompetensi=kompetensi, level=i % 5 + 1)
            RiwayatPelatihanFactory(pegawai=pegawai, tahun=2000 + i)
            SertifikasiPegawaiFactory(pegawai=pegawai)
            SKPTahunanFactory(pegawai=pegawai, tahun=2000 + i)
        return pegawai


# --- rules of the edit page -----------------------------------------------------------------


@pytest.fixture
def bkpsdm_masuk(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    return client


def url_ubah(pegawai):
    return reverse("pegawai:pegawai_edit", args=[pegawai.pk])


def test_ganti_jabatan_di_halaman_ubah_menutup_riwayat_lama_dan_membuka_baru(
    bkpsdm_masuk, pengguna_peran, instansi_a
):
    pegawai = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    lama = pegawai.jabatan
    baru = JabatanFactory(unit_kerja__instansi=instansi_a)
    resp = bkpsdm_masuk.post(
        url_ubah(pegawai),
        data_form_pegawai(pegawai, jabatan=baru.pk, tmt_jabatan="2026-03-01", nomor_sk="821/1"),
    )
    assert resp.status_code == 302
    pegawai.refresh_from_db()
    assert pegawai.jabatan == baru and pegawai.tmt_jabatan == datetime.date(2026, 3, 1)
    riwayat = list(pegawai.riwayat_jabatan.order_by("tanggal_mulai"))
    assert [(r.jabatan, r.tanggal_selesai) for r in riwayat] == [
        (lama, datetime.date(2026, 2, 28)),  # the day before the new TMT
        (baru, None),
    ]
    assert riwayat[1].nomor_sk == "821/1"
    assert riwayat[1].history.first().history_user == pengguna_peran[Peran.BKPSDM]


def test_tmt_jabatan_baru_sebelum_tmt_berjalan_ditolak_dengan_pesan(bkpsdm_masuk, instansi_a):
    pegawai = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    baru = JabatanFactory(unit_kerja__instansi=instansi_a)
    resp = bkpsdm_masuk.post(
        url_ubah(pegawai), data_form_pegawai(pegawai, jabatan=baru.pk, tmt_jabatan="2019-01-01")
    )
    assert resp.status_code == 200
    assert "tidak boleh sebelum TMT jabatan yang sedang berjalan" in resp.content.decode()
    pegawai.refresh_from_db()
    assert pegawai.jabatan != baru and pegawai.riwayat_jabatan.count() == 1


@pytest.mark.parametrize(
    "nip, pesan",
    [
        ("19861326 201505 1 001", "Tanggal lahir pada NIP (digit 1–8, TTTTBBHH) bukan tanggal"),
        ("19860931 201505 1 001", "Tanggal lahir pada NIP (digit 1–8, TTTTBBHH) bukan tanggal"),
        ("19860926 201505 3 001", "Digit ke-15 NIP (jenis kelamin) harus 1"),
        ("19860926 201513 1 001", "Tahun dan bulan pengangkatan CPNS pada NIP"),
        ("1986092620150510", "NIP harus terdiri dari 18 angka"),
    ],
)
def test_nip_tidak_sah_diberi_pesan_di_form(bkpsdm_masuk, instansi_a, nip, pesan):
    pegawai = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    nip_lama = pegawai.nip
    resp = bkpsdm_masuk.post(url_ubah(pegawai), data_form_pegawai(pegawai, nip=nip))
    assert resp.status_code == 200
    assert pesan in " ".join(resp.context["form"].errors["nip"])
    assert pesan in resp.content.decode()
    pegawai.refresh_from_db()
    assert pegawai.nip == nip_lama


def test_nip_dengan_spasi_disimpan_tanpa_spasi_dan_tanggal_lahir_dibaca(bkpsdm_masuk, instansi_a):
    pegawai = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    resp = bkpsdm_masuk.post(
        url_ubah(pegawai), data_form_pegawai(pegawai, nip="19900214 201503 2 007")
    )
    assert resp.status_code == 302
    pegawai.refresh_from_db()
    assert pegawai.nip == "199002142015032007"
    assert pegawai.tanggal_lahir == datetime.date(1990, 2, 14)
    assert pegawai.jenis_kelamin == "P"


def test_pppk_wajib_mengisi_tanggal_lahir_dan_jenis_kelamin(bkpsdm_masuk, instansi_a):
    data = {
        "nip": "202101012021011001",
        "status": StatusKepegawaian.PPPK,
        "nama": "Tiur Sinaga",
        "golongan": Golongan.P_IX,
        "pendidikan": Pendidikan.S1,
        "jabatan": JabatanFactory(unit_kerja__instansi=instansi_a).pk,
        "aktif": "on",
    }
    url = reverse("pegawai:pegawai_add")
    resp = bkpsdm_masuk.post(url, data)
    assert resp.status_code == 200
    assert "Untuk PPPK, tanggal lahir dan jenis kelamin wajib diisi." in resp.content.decode()
    assert not Pegawai.objects.filter(nip=data["nip"]).exists()
    resp = bkpsdm_masuk.post(url, {**data, "tanggal_lahir": "1992-05-17", "jenis_kelamin": "P"})
    assert resp.status_code == 302
    pppk = Pegawai.objects.get(nip=data["nip"])
    assert pppk.tanggal_lahir == datetime.date(1992, 5, 17) and pppk.jenis_kelamin == "P"


def test_pilihan_jabatan_di_form_tidak_memuat_ribuan_opsi(bkpsdm_masuk, instansi_a):
    pegawai = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    JabatanFactory.create_batch(60, unit_kerja=pegawai.jabatan.unit_kerja)
    html = bkpsdm_masuk.get(url_ubah(pegawai)).content.decode()
    select = html.split('name="jabatan"', 1)[1].split("</select>", 1)[0]
    assert select.count("<option") == 2  # the empty choice and the current jabatan
    assert pegawai.jabatan.nama in select and "selected" in select
    assert f'data-pilih-cari="{reverse("instansi:jabatan_cari")}"' in html
    assert "js/pilih-cari.js" in html
    # The add page renders no jabatan at all until one is searched.
    html = bkpsdm_masuk.get(reverse("pegawai:pegawai_add")).content.decode()
    assert html.split('name="jabatan"', 1)[1].split("</select>", 1)[0].count("<option") == 1


def test_jabatan_hasil_cari_bisa_disimpan_tapi_jabatan_instansi_lain_tidak(
    client, buat_pengguna, instansi_a, instansi_b
):
    """The autocomplete shows nothing outside scope, and the form refuses it when posted anyway."""
    operator = buat_pengguna(Peran.OPERATOR_OPD, instansi=instansi_a)
    operator.user_permissions.add(Permission.objects.get(codename="change_pegawai"))
    client.force_login(operator)
    pegawai = PegawaiFactory(jabatan__unit_kerja__instansi=instansi_a)
    lain = JabatanFactory(unit_kerja__instansi=instansi_b)
    resp = client.post(url_ubah(pegawai), data_form_pegawai(pegawai, jabatan=lain.pk))
    assert resp.status_code == 200
    assert "jabatan" in resp.context["form"].errors
    pegawai.refresh_from_db()
    assert pegawai.jabatan != lain


@pytest.mark.django_db
class TestCariJabatan:
    @pytest.fixture(autouse=True)
    def _url(self):
        self.url = reverse("instansi:jabatan_cari")

    def test_mencari_nama_dalam_cakupan_dan_membatasi_jumlah(
        self, client, pengguna_peran, instansi_a, instansi_b
    ):
        JabatanFactory.create_batch(
            25, nama=factory.Sequence(lambda n: f"Perawat Uji {n}"), unit_kerja__instansi=instansi_a
        )
        lain = JabatanFactory(nama="Perawat Lain Instansi", unit_kerja__instansi=instansi_b)
        JabatanFactory(nama="Bidan Terampil", unit_kerja__instansi=instansi_a)
        JabatanFactory(nama="Perawat Nonaktif", unit_kerja__instansi=instansi_a, aktif=False)
        client.force_login(pengguna_peran[Peran.OPERATOR_OPD])
        hasil = client.get(self.url, {"q": "perawat"}).json()["hasil"]
        assert len(hasil) == 20
        assert all("Perawat" in h["teks"] and "Lain" not in h["teks"] for h in hasil)
        assert all("Nonaktif" not in h["teks"] for h in hasil)
        client.force_login(pengguna_peran[Peran.BKPSDM])
        teks = [h["teks"] for h in client.get(self.url, {"q": "lain instansi"}).json()["hasil"]]
        assert teks == [f"Perawat Lain Instansi — {lain.unit_kerja.nama} ({instansi_b.singkatan})"]

    def test_kode_persis_ditemukan(self, client, pengguna_peran, instansi_a):
        j = JabatanFactory(kode="J000777", unit_kerja__instansi=instansi_a)
        client.force_login(pengguna_peran[Peran.BKPSDM])
        assert [h["id"] for h in client.get(self.url, {"q": "j000777"}).json()["hasil"]] == [j.pk]

    def test_tamu_dan_tanpa_peran_tidak_mendapat_data(self, client, buat_pengguna, instansi_a):
        JabatanFactory(unit_kerja__instansi=instansi_a)
        assert client.get(self.url, {"q": "Penata"}).status_code == 302
        client.force_login(buat_pengguna(None))
        assert client.get(self.url, {"q": "Penata"}).status_code == 403

    def test_operator_tanpa_instansi_tidak_mendapat_data(self, client, buat_pengguna, instansi_a):
        JabatanFactory(unit_kerja__instansi=instansi_a)
        client.force_login(buat_pengguna(Peran.OPERATOR_OPD))
        assert client.get(self.url, {"q": "Penata"}).json() == {"hasil": []}


def test_cari_nama_memakai_indeks_trigram_di_postgresql(bkpsdm_masuk, instansi_a):
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("indeks trigram hanya di PostgreSQL")
    with connection.cursor() as cur:
        cur.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'pegawai_nama_trgm_idx'")
        (definisi,) = cur.fetchone()
    assert "gin_trgm_ops" in definisi and "upper((nama)::text)" in definisi
    # The index expression is the one Django writes for the page's name search.
    PegawaiFactory(nama="Maria Siregar", jabatan__unit_kerja__instansi=instansi_a)
    resp = bkpsdm_masuk.get(reverse("pegawai:pegawai_list"), {"q": "siregar"})
    qs = resp.context["paginator"].object_list
    assert 'UPPER("pegawai_pegawai"."nama"::text) LIKE UPPER(' in str(qs.query)
    assert [p.nama for p in qs] == ["Maria Siregar"]


@pytest.mark.parametrize(
    "q, harapan",
    [
        ("1980 0101", {"a", "b"}),
        ("19800101 2005011001", {"a"}),
        ("198001012005011001", {"a"}),
        ("1980010120050110010", set()),  # longer than a NIP
        ("1979", set()),
        ("1", {"a", "b", "c"}),
        ("19", {"a", "b", "c"}),
        ("1999", {"c"}),
        ("2", {"d"}),
        ("9", set()),
        ("0", set()),
    ],
)
def test_cari_awalan_nip_tepat_di_batas(bkpsdm_masuk, instansi_a, q, harapan):
    p = {
        "a": PegawaiFactory(nama="Yusuf Lubis", nip="198001012005011001"),
        "b": PegawaiFactory(nama="Andi Purba", nip="198001019999011002"),
        "c": PegawaiFactory(nama="Budi Sinaga", nip="199912312015011001"),
        "d": PegawaiFactory(nama="Rina Saragih", nip="200001012025012001"),
    }
    hasil = set(bkpsdm_masuk.get(reverse("pegawai:pegawai_list"), {"q": q}).context["object_list"])
    assert hasil == {p[k] for k in harapan}
    api = bkpsdm_masuk.get("/api/v1/pegawai/", {"q": q}).json()["results"]
    assert {r["id"] for r in api} == {p[k].pk for k in harapan}
