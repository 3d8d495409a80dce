"""Pages of instansi, unit kerja and jabatan: the generic view tests, declared per model."""

from instansi.choices import JenisInstansi, JenisJabatan, JenisUnit
from instansi.models import Instansi, Jabatan, UnitKerja
from tests.fixtures.factories import (
    InstansiFactory,
    JabatanFactory,
    PegawaiFactory,
    UnitKerjaFactory,
)
from tests.fixtures.views import UjiHalamanObjek


class TestHalamanInstansi(UjiHalamanObjek):
    model = Instansi
    nama_url = "instansi:instansi"
    pesan_tidak_sah = "Instansi dengan Nama instansi telah ada."

    def buat_objek(self, instansi):
        return instansi  # an agency's own object is the agency itself

    def buat_baris(self, n, instansi):
        InstansiFactory.create_batch(n)

    def data_tambah(self, instansi):
        return {"kode": "DLH-U", "nama": "Dinas Lingkungan Hidup Uji", "jenis": JenisInstansi.DINAS}

    def data_ubah(self, obj):
        return {"kode": obj.kode, "nama": f"{obj.nama} Baru", "jenis": obj.jenis, "aktif": "on"}

    def cek_ubah(self, obj):
        assert obj.nama.endswith(" Baru")

    def data_tidak_sah(self, instansi):
        return {**self.data_tambah(instansi), "nama": instansi.nama}

    def buat_detail(self, n, instansi):
        inst = InstansiFactory()
        akar = UnitKerjaFactory(instansi=inst)
        for _ in range(n):
            PegawaiFactory(jabatan__unit_kerja=UnitKerjaFactory(instansi=inst, induk=akar))
        return inst


class TestHalamanUnitKerja(UjiHalamanObjek):
    model = UnitKerja
    nama_url = "instansi:unitkerja"
    pesan_tidak_sah = "Unit induk harus berada di instansi yang sama."

    def buat_objek(self, instansi):
        return UnitKerjaFactory(instansi=instansi, induk=UnitKerjaFactory(instansi=instansi))

    def data_tambah(self, instansi):
        return {
            "instansi": instansi.pk,
            "kode": "UK-BARU",
            "nama": "Bidang Baru",
            "jenis": "bidang",
        }

    def data_ubah(self, obj):
        return {
            "instansi": obj.instansi_id,
            "induk": obj.induk_id or "",
            "kode": obj.kode,
            "nama": f"{obj.nama} Baru",
            "jenis": JenisUnit.SEKSI,
        }

    def cek_ubah(self, obj):
        assert obj.nama.endswith(" Baru") and obj.jenis == JenisUnit.SEKSI

    def data_tidak_sah(self, instansi):
        induk_lain = UnitKerjaFactory()  # in another agency
        return {**self.data_tambah(instansi), "induk": induk_lain.pk}

    def buat_detail(self, n, instansi):
        akar = UnitKerjaFactory(instansi=instansi)
        for _ in range(n):
            PegawaiFactory(jabatan__unit_kerja=UnitKerjaFactory(instansi=instansi, induk=akar))
        return akar


class TestHalamanJabatan(UjiHalamanObjek):
    model = Jabatan
    nama_url = "instansi:jabatan"
    pesan_tidak_sah = "Jabatan fungsional wajib memiliki jenjang."

    def buat_objek(self, instansi):
        return JabatanFactory(unit_kerja__instansi=instansi)

    def data_tambah(self, instansi):
        return {
            "unit_kerja": UnitKerjaFactory(instansi=instansi).pk,
            "kode": "JB-BARU",
            "nama": "Analis Kepegawaian",
            "jenis": JenisJabatan.PELAKSANA,
            "kelas_jabatan": 7,
            "aktif": "on",
        }

    def data_ubah(self, obj):
        return {
            "unit_kerja": obj.unit_kerja_id,
            "kode": obj.kode,
            "nama": obj.nama,
            "jenis": obj.jenis,
            "kelas_jabatan": 9,
            "aktif": "on",
        }

    def cek_ubah(self, obj):
        assert obj.kelas_jabatan == 9

    def data_tidak_sah(self, instansi):
        return {**self.data_tambah(instansi), "jenis": JenisJabatan.FUNGSIONAL}

    def buat_detail(self, n, instansi):
        jabatan = JabatanFactory(unit_kerja__instansi=instansi)
        PegawaiFactory.create_batch(n, jabatan=jabatan)
        return jabatan


def test_ringkasan_dan_pohon_instansi_menghitung_jabatan_sekali_per_jabatan(
    client, pengguna_peran, instansi_a, instansi_b
):
    from django.urls import reverse

    from mutasi_asn.akun.roles import Peran

    akar = UnitKerjaFactory(instansi=instansi_a)
    seksi = UnitKerjaFactory(instansi=instansi_a, induk=akar)
    perawat = JabatanFactory(unit_kerja=seksi)
    JabatanFactory(unit_kerja=seksi)  # vacant
    JabatanFactory(unit_kerja=akar)
    PegawaiFactory.create_batch(3, jabatan=perawat)
    PegawaiFactory(jabatan=perawat, aktif=False)
    PegawaiFactory(jabatan__unit_kerja__instansi=instansi_b)  # another agency's
    client.force_login(pengguna_peran[Peran.BKPSDM])

    ctx = client.get(reverse("instansi:instansi_detail", args=[instansi_a.pk])).context
    assert ctx["ringkasan"] == {"unit": 2, "jabatan": 3, "pegawai": 3}
    pohon = {u.pk: (u.indent, u.jumlah_jabatan, u.jumlah_pegawai) for u in ctx["pohon"]}
    assert pohon == {akar.pk: (0, 1, 0), seksi.pk: (1, 2, 3)}

    ctx = client.get(reverse("instansi:unitkerja_detail", args=[seksi.pk])).context
    assert [(u.pk, u.indent, u.jumlah_jabatan, u.jumlah_pegawai) for u in ctx["pohon"]] == [
        (seksi.pk, 0, 2, 3)
    ]


def _opsi(html, nama):
    return html.split(f'name="{nama}"', 1)[1].split("</select>", 1)[0]


def test_pilihan_unit_kerja_dicari_bukan_didaftar(client, pengguna_peran, instansi_a):
    from django.urls import reverse

    from mutasi_asn.akun.roles import Peran

    units = UnitKerjaFactory.create_batch(40, instansi=instansi_a)
    jabatan = JabatanFactory(unit_kerja=units[0])
    client.force_login(pengguna_peran[Peran.BKPSDM])
    html = client.get(reverse("instansi:jabatan_add")).content.decode()
    assert _opsi(html, "unit_kerja").count("<option") == 1
    assert f'data-pilih-cari="{reverse("instansi:unitkerja_cari")}"' in html
    html = client.get(reverse("instansi:jabatan_edit", args=[jabatan.pk])).content.decode()
    pilihan = _opsi(html, "unit_kerja")
    assert pilihan.count("<option") == 2 and units[0].nama in pilihan and "selected" in pilihan
    html = client.get(reverse("instansi:unitkerja_edit", args=[units[1].pk])).content.decode()
    assert _opsi(html, "induk").count("<option") == 1


def test_cari_unit_kerja_dalam_cakupan(
    client, pengguna_peran, buat_pengguna, instansi_a, instansi_b
):
    from django.urls import reverse

    from mutasi_asn.akun.roles import Peran

    url = reverse("instansi:unitkerja_cari")
    a = UnitKerjaFactory(instansi=instansi_a, nama="Puskesmas Kristen")
    UnitKerjaFactory(instansi=instansi_b, nama="Puskesmas Rami")
    client.force_login(pengguna_peran[Peran.KEPALA_OPD])
    assert client.get(url, {"q": "puskesmas"}).json() == {
        "hasil": [{"id": a.pk, "teks": f"Puskesmas Kristen ({instansi_a.singkatan})"}]
    }
    client.force_login(pengguna_peran[Peran.BKPSDM])
    assert len(client.get(url, {"q": "puskesmas"}).json()["hasil"]) == 2
    assert [h["id"] for h in client.get(url, {"q": a.kode.lower()}).json()["hasil"]] == [a.pk]
    client.force_login(buat_pengguna(None))
    assert client.get(url, {"q": "puskesmas"}).status_code == 403
