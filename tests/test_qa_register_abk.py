"""QA pass over the register, ABK and Django admin: what a demanding user typed or forged.

Every bad input gets a page with an Indonesian message, never a 500; admin pages open and
read in Indonesian.
"""

import re

import pytest
from django.contrib import admin
from django.urls import reverse

from analisis_beban.choices import StatusPeriode
from analisis_beban.models import PeriodeABK
from mutasi_asn.akun.roles import Peran
from mutasi_asn.demo.abk import buat_abk_demo
from mutasi_asn.demo.pengguna import buat_pengguna_demo
from mutasi_asn.demo.register import buat_register_demo
from mutasi_asn.demo.usulan import buat_usulan_demo
from mutasi_asn.excel import BARIS_HEADER
from tests.fixtures.factories import JabatanFactory, PegawaiFactory, UnitKerjaFactory

pytestmark = pytest.mark.django_db

# Past the bigint range of every id column: the database driver raised OverflowError (SQLite)
# or DataError (PostgreSQL), a 500.
ID_RAKSASA = "9" * 25


@pytest.fixture
def bkpsdm(pengguna_peran):
    return pengguna_peran[Peran.BKPSDM]


@pytest.fixture
def superuser(pengguna_peran):
    return pengguna_peran[Peran.ADMIN]


# --- ids past the integer range --------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "pegawai:pegawai_list|jabatan",
        "pegawai:pegawai_list|unit_kerja",
        "instansi:jabatan_list|unit_kerja",
        "analisis_beban:hasilabk_list|jabatan",
    ],
)
def test_filter_id_di_luar_jangkauan_menampilkan_pesan_bukan_500(client, bkpsdm, url):
    nama, param = url.split("|")
    client.force_login(bkpsdm)
    for query in (f"?{param}={ID_RAKSASA}", f"?{param}={ID_RAKSASA}&format=xlsx"):
        resp = client.get(reverse(nama) + query)
        assert resp.status_code == 200
    resp = client.get(reverse(nama) + f"?{param}={ID_RAKSASA}")
    assert "Pilihan ini tidak ditemukan" in resp.content.decode()


@pytest.mark.parametrize(
    "url",
    ["/api/v1/pegawai/?jabatan=", "/api/v1/jabatan/?unit_kerja=", "/api/v1/abk/hasil/?jabatan="],
)
def test_api_filter_id_di_luar_jangkauan_400_dengan_pesan(client, bkpsdm, url):
    PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    client.force_login(bkpsdm)
    resp = client.get(url + ID_RAKSASA)
    assert resp.status_code == 400
    assert "Pilihan ini tidak ditemukan" in resp.content.decode()


def test_form_pegawai_jabatan_palsu_raksasa_ditolak_dengan_pesan(client, bkpsdm):
    client.force_login(bkpsdm)
    resp = client.post(
        reverse("pegawai:pegawai_add"),
        {"nip": "198609262015051777", "nama": "Uji", "jabatan": ID_RAKSASA},
    )
    assert resp.status_code == 200
    assert "Masukkan pilihan yang valid" in resp.content.decode()


@pytest.mark.parametrize(
    "nama_url, field", [("instansi:unitkerja_add", "induk"), ("instansi:jabatan_add", "unit_kerja")]
)
def test_form_unit_palsu_raksasa_ditolak_dengan_pesan(client, bkpsdm, nama_url, field):
    client.force_login(bkpsdm)
    resp = client.post(reverse(nama_url), {field: ID_RAKSASA, "kode": "X", "nama": "Uji"})
    assert resp.status_code == 200
    assert "Masukkan pilihan yang valid" in resp.content.decode()


# --- ABK period ------------------------------------------------------------------------


@pytest.mark.parametrize("tahun", ["20266", "99999999999", "1900"])
def test_periode_tahun_di_luar_abad_ini_ditolak_dengan_pesan(client, bkpsdm, tahun):
    client.force_login(bkpsdm)
    data = {
        "tahun": tahun,
        "wke_menit": "75000",
        "ambang_a": "1,00",
        "ambang_b": "0,90",
        "ambang_c": "0,70",
        "ambang_d": "0,50",
    }
    resp = client.post(reverse("analisis_beban:periodeabk_add"), data)
    assert resp.status_code == 200
    assert "Pastikan nilai ini" in resp.content.decode()
    assert not PeriodeABK.objects.exists()


# --- Django admin ----------------------------------------------------------------------


@pytest.fixture
def kota_demo(db):
    """A small demo city: every admin model has rows (register, ABK, proposals, decrees)."""
    buat_register_demo(jumlah_pegawai=150, seed=3)
    buat_abk_demo(tahun=2026, seed=3)
    buat_pengguna_demo()
    buat_usulan_demo(seed=3)


def _url_admin(model, halaman, *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{halaman}", args=args)


def test_admin_setiap_halaman_daftar_tambah_ubah_riwayat_terbuka(client, superuser, kota_demo):
    client.force_login(superuser)
    gagal = []
    for model, model_admin in admin.site._registry.items():
        urls = [_url_admin(model, "changelist")]
        # Read-only models (results, runs, events, imports) refuse the add page with 403.
        if model_admin.has_add_permission(type("R", (), {"user": superuser})()):
            urls.append(_url_admin(model, "add"))
        obj = model._default_manager.order_by("pk").first()
        if obj is not None:
            urls.append(_url_admin(model, "change", obj.pk))
            urls.append(_url_admin(model, "history", obj.pk))
        for url in urls:
            resp = client.get(url, follow=True)
            if resp.status_code != 200:
                gagal.append((url, resp.status_code))
    assert not gagal, gagal


def test_admin_pencarian_setiap_model_tidak_500(client, superuser, kota_demo):
    client.force_login(superuser)
    gagal = []
    for model, model_admin in admin.site._registry.items():
        if not model_admin.search_fields:
            continue
        for q in ("a", "1986", "19860926 201505 1 001", "'%_"):
            resp = client.get(_url_admin(model, "changelist"), {"q": q}, follow=True)
            if resp.status_code != 200:
                gagal.append((model._meta.label, q, resp.status_code))
    assert not gagal, gagal


def _teks(resp) -> str:
    html = re.sub(r"<script.*?</script>", "", resp.content.decode(), flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_admin_riwayat_berbahasa_indonesia(client, superuser):
    client.force_login(superuser)
    unit = UnitKerjaFactory()
    jabatan = JabatanFactory(unit_kerja=unit)
    pegawai = PegawaiFactory(jabatan=jabatan)
    pegawai.nama = "Nama Baru"
    pegawai.save()  # a "~" history row with no user and no reason
    teks = _teks(client.get(_url_admin(type(pegawai), "history", pegawai.pk)))
    assert "Perubahan" in teks and "Alasan perubahan" in teks
    assert "Changes" not in teks
    assert "None" not in teks

    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    versi = periode.history.get()
    resp = client.get(
        reverse(
            "admin:analisis_beban_periodeabk_simple_history", args=[periode.pk, versi.history_id]
        )
    )
    assert resp.status_code == 200
    remah = re.search(r'<div class="breadcrumbs">(.*?)</div>', resp.content.decode(), re.S)
    teks_remah = re.sub(r"<[^>]+>|\s+", " ", remah.group(1))
    assert "Historical" not in teks_remah and "Analisis_beban" not in teks_remah
    assert "Analisis beban kerja" in teks_remah and "Periode ABK" in teks_remah


def _data_admin_pegawai(client, url) -> dict:
    """The admin change form of a pegawai as the browser would post it unchanged."""
    ctx = client.get(url).context
    form = ctx["adminform"].form
    data = {k: v for k, v in form.initial.items() if v not in (None, False) and k in form.fields}
    data = {k: ("on" if v is True else v) for k, v in data.items()}
    for inline in ctx["inline_admin_formsets"]:
        mf = inline.formset.management_form
        data.update({mf.add_prefix(k): v for k, v in mf.initial.items()})
        for f in inline.formset.forms:
            data[f.add_prefix("id")] = f.instance.pk
    return data


def test_admin_penolakan_layanan_tampil_di_form_bukan_500(client, superuser):
    """A rule only the service knows (a new jabatan's TMT before the running one's) is shown on
    the admin form; nothing is saved."""
    client.force_login(superuser)
    pegawai = PegawaiFactory()
    jabatan_baru = JabatanFactory()
    url = _url_admin(type(pegawai), "change", pegawai.pk)
    data = _data_admin_pegawai(client, url)
    data.update({"jabatan": jabatan_baru.pk, "tmt_jabatan": "2019-01-01"})
    # The open riwayat row starts 2020-01-01: the service refuses a move dated before it.
    resp = client.post(url, data)
    assert resp.status_code == 200
    assert "TMT jabatan baru tidak boleh sebelum" in resp.content.decode()
    pegawai.refresh_from_db()
    assert pegawai.jabatan_id != jabatan_baru.pk


def test_admin_ganti_jabatan_pegawai_mencatat_riwayat(client, superuser):
    """The admin's change of jabatan goes through the move service: a riwayat row is opened
    (the service used to get the already-changed instance and saw no change)."""
    client.force_login(superuser)
    pegawai = PegawaiFactory()
    jabatan_baru = JabatanFactory()
    url = _url_admin(type(pegawai), "change", pegawai.pk)
    data = _data_admin_pegawai(client, url)
    data.update({"jabatan": jabatan_baru.pk, "tmt_jabatan": "2024-03-01", "nomor_sk": "SK/1"})
    assert client.post(url, data).status_code == 302
    pegawai.refresh_from_db()
    assert pegawai.jabatan_id == jabatan_baru.pk
    terbuka = pegawai.riwayat_jabatan.get(tanggal_selesai__isnull=True)
    assert terbuka.jabatan_id == jabatan_baru.pk


def test_admin_pindah_uraian_tugas_ke_jabatan_lain_menandai_jabatan_lama_basi(client, superuser):
    """Moving a task to another jabatan in admin makes both jabatan's results stale; the old
    one was missed because the service got the form-changed instance."""
    from analisis_beban.models import HasilABK, UraianTugas
    from analisis_beban.services import abk_hitung

    client.force_login(superuser)
    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    unit = UnitKerjaFactory()
    lama, baru = JabatanFactory(unit_kerja=unit), JabatanFactory(unit_kerja=unit)
    tugas = UraianTugas.objects.create(
        periode=periode,
        jabatan=lama,
        uraian="Menyusun laporan",
        hasil_kerja="Laporan",
        satuan="dokumen",
        volume=100,
        norma_waktu_menit=60,
    )
    abk_hitung(periode=periode, alasan="Uji")
    assert not HasilABK.objects.filter(periode=periode, basi=True).exists()
    url = _url_admin(UraianTugas, "change", tugas.pk)
    form = client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k in form.fields}
    data.update({"jabatan": baru.pk, "periode": periode.pk})
    assert client.post(url, data).status_code == 302
    assert HasilABK.objects.get(periode=periode, jabatan=lama).basi


def test_unit_dipindah_ke_instansi_lain_membawa_sub_unitnya(
    client, bkpsdm, pengguna_peran, instansi_a, instansi_b
):
    """A reorganisation moves a unit with its whole subtree: the sub-units used to stay in the
    old agency under a parent in the new one (a tree across two agencies, each operator seeing
    half), and the ABK results kept the old agency."""
    from analisis_beban.models import HasilABK, UraianTugas
    from analisis_beban.services import abk_hitung

    induk = UnitKerjaFactory(instansi=instansi_a, nama="UPTD Uji")
    anak = UnitKerjaFactory(instansi=instansi_a, induk=induk, nama="Sub Uji")
    cucu = UnitKerjaFactory(instansi=instansi_a, induk=anak, nama="Sub Sub Uji")
    jabatan = JabatanFactory(unit_kerja=cucu)
    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    UraianTugas.objects.create(
        periode=periode,
        jabatan=jabatan,
        uraian="Melayani",
        hasil_kerja="Layanan",
        satuan="kali",
        volume=100,
        norma_waktu_menit=60,
    )
    abk_hitung(periode=periode, alasan="Uji")
    assert not HasilABK.objects.get(jabatan=jabatan).basi

    client.force_login(bkpsdm)
    resp = client.post(
        reverse("instansi:unitkerja_edit", args=[induk.pk]),
        {"instansi": instansi_b.pk, "kode": induk.kode, "nama": induk.nama, "jenis": induk.jenis},
    )
    assert resp.status_code == 302
    for unit in (induk, anak, cucu):
        unit.refresh_from_db()
        assert unit.instansi_id == instansi_b.pk, unit
    assert cucu.history.order_by("-history_id").first().history_user == bkpsdm
    assert HasilABK.objects.get(jabatan=jabatan).basi

    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])  # of instansi_a
    assert client.get(reverse("instansi:unitkerja_detail", args=[cucu.pk])).status_code == 404


@pytest.mark.parametrize("field", ["tmt_jabatan", "tmt_cpns"])
def test_pegawai_tmt_sebelum_tanggal_lahir_ditolak_dengan_pesan(client, bkpsdm, field):
    from pegawai.models import Pegawai

    jabatan = JabatanFactory()
    client.force_login(bkpsdm)
    data = {
        "nip": "198609262015051999",
        "status": "pns",
        "nama": "Uji TMT",
        "golongan": "31",
        "pendidikan": "8",
        "jabatan": jabatan.pk,
        "tmt_jabatan": "2020-01-01",
        "aktif": "on",
        field: "1900-01-01",
    }
    resp = client.post(reverse("pegawai:pegawai_add"), data)
    assert resp.status_code == 200
    assert "harus sesudah tanggal lahir (26/09/1986)" in resp.content.decode()
    assert not Pegawai.objects.filter(nip="198609262015051999").exists()


@pytest.mark.parametrize(
    "nama_url, args", [("analisis_beban:perhitungan_status", [1]), ("pegawai:impor_progres", [1])]
)
def test_partial_htmx_tanpa_sesi_mengarahkan_seluruh_halaman_ke_masuk(client, nama_url, args):
    """The progress box polls every second; after the session ends it used to be replaced by
    the whole login page."""
    url = reverse(nama_url, args=args)
    resp = client.get(url, HTTP_HX_REQUEST="true")
    assert resp.status_code == 204
    assert resp["HX-Redirect"].startswith(reverse("login"))
    # After signing in, back to the page the box was on, not to the partial itself.
    resp = client.get(
        url, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/abk/periode/2026/"
    )
    assert resp["HX-Redirect"] == reverse("login") + "?next=/abk/periode/2026/"
    # A current URL of another site is ignored (no open redirect).
    resp = client.get(url, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://jahat.example/x")
    assert "jahat" not in resp["HX-Redirect"]
    # Without htmx: the ordinary redirect.
    resp = client.get(url)
    assert resp.status_code == 302 and resp["Location"].startswith(reverse("login"))


@pytest.mark.parametrize("halaman, diharapkan", [("abc", 1), ("99999", 2), ("-1", 2), ("0", 2)])
def test_daftar_halaman_tidak_sah_menampilkan_halaman_terdekat(
    client, bkpsdm, instansi_a, halaman, diharapkan
):
    unit = UnitKerjaFactory(instansi=instansi_a)
    for _ in range(30):
        JabatanFactory(unit_kerja=unit)
    client.force_login(bkpsdm)
    resp = client.get(reverse("instansi:jabatan_list"), {"page": halaman, "q": "Penata"})
    assert resp.status_code == 200
    assert resp.context["page_obj"].number == diharapkan


def test_ekspor_peta_unit_bernama_dengan_garis_miring_terbuka(client, bkpsdm, instansi_a):
    """A unit named 'Bagian Umum/Kepegawaian' made the sheet title invalid: a 500 on export."""
    import io

    import openpyxl

    PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    unit = UnitKerjaFactory(instansi=instansi_a, nama="Sub Bagian Umum/Kepegawaian: [Uji]?*")
    JabatanFactory(unit_kerja=unit)
    client.force_login(bkpsdm)
    resp = client.get(reverse("analisis_beban:peta_unit", args=[unit.pk]), {"format": "xlsx"})
    assert resp.status_code == 200
    ws = openpyxl.load_workbook(io.BytesIO(resp.content)).active
    assert ws.title.startswith("Peta jabatan Sub Bagian Umum")


def test_ekspor_nilai_ya_tidak_bukan_true_false(client, bkpsdm, instansi_a):
    import io

    import openpyxl

    client.force_login(bkpsdm)
    resp = client.get(reverse("instansi:instansi_list"), {"format": "xlsx"})
    baris = list(openpyxl.load_workbook(io.BytesIO(resp.content)).active.values)
    i_aktif = baris[BARIS_HEADER - 1].index("Aktif")
    assert {b[i_aktif] for b in baris[BARIS_HEADER:]} == {"Ya"}


def test_api_ringkasan_periode_bukan_angka_400(client, bkpsdm):
    PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    client.force_login(bkpsdm)
    resp = client.get("/api/v1/abk/ringkasan/?periode=abc")
    assert resp.status_code == 400
    assert resp.json() == {"periode": ["Periode harus berupa tahun, mis. 2026."]}


def test_api_halaman_di_luar_jangkauan_berbahasa_indonesia(client, bkpsdm):
    client.force_login(bkpsdm)
    resp = client.get("/api/v1/pegawai/?page=99999")
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Halaman tidak ditemukan."}


def test_api_pesan_galat_berbahasa_indonesia(client, pengguna_peran, instansi_b):
    resp = client.get("/api/v1/pegawai/", HTTP_AUTHORIZATION="Token salah")
    assert resp.status_code == 401
    assert resp.json() == {"detail": "Token tidak sah."}
    assert resp["WWW-Authenticate"].startswith("Token")

    lain = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=UnitKerjaFactory(instansi=instansi_b)))
    client.force_login(pengguna_peran[Peran.OPERATOR_OPD])  # of instansi_a
    resp = client.get(f"/api/v1/pegawai/{lain.pk}/")
    assert resp.status_code == 404
    assert resp.json() == {"detail": "Data tidak ditemukan."}


@pytest.mark.parametrize("url", ["admin:auth_group_add", "admin:akun_pengguna_change"])
def test_admin_daftar_hak_akses_berbahasa_indonesia(client, superuser, url):
    client.force_login(superuser)
    args = [superuser.pk] if url.endswith("change") else []
    teks = client.get(reverse(url, args=args)).content.decode()
    assert "Can add" not in teks and "Can view" not in teks
    assert "historical" not in teks
    assert "Pegawai | pegawai | Dapat menambah pegawai" in teks
    assert "Pegawai | riwayat perubahan pegawai | Dapat melihat riwayat perubahan pegawai" in teks


def test_admin_autocomplete_jabatan_menyebut_unit_dan_instansi(client, superuser, instansi_a):
    """Every puskesmas has a 'Perawat Terampil': the admin's search-select named only that."""
    unit = UnitKerjaFactory(instansi=instansi_a, nama="UPTD Puskesmas 01")
    JabatanFactory(unit_kerja=unit, nama="Perawat Terampil")
    client.force_login(superuser)
    resp = client.get(
        reverse("admin:autocomplete"),
        {
            "term": "Perawat",
            "app_label": "pegawai",
            "model_name": "pegawai",
            "field_name": "jabatan",
        },
    )
    assert resp.status_code == 200
    teks = [r["text"] for r in resp.json()["results"]]
    assert teks == [f"Perawat Terampil — UPTD Puskesmas 01 ({instansi_a.singkatan})"]


def test_admin_form_pegawai_jabatan_terpilih_menyebut_unit(client, superuser, instansi_a):
    unit = UnitKerjaFactory(instansi=instansi_a, nama="UPTD Puskesmas 01")
    pegawai = PegawaiFactory(jabatan=JabatanFactory(unit_kerja=unit, nama="Perawat Terampil"))
    client.force_login(superuser)
    teks = client.get(_url_admin(type(pegawai), "change", pegawai.pk)).content.decode()
    assert f"Perawat Terampil — UPTD Puskesmas 01 ({instansi_a.singkatan})" in teks


def test_admin_riwayat_jabatan_hanya_dikoreksi_bukan_ditambah_atau_dihapus(client, superuser):
    from pegawai.models import RiwayatJabatan

    client.force_login(superuser)
    riwayat = PegawaiFactory().riwayat_jabatan.get()
    assert client.get(_url_admin(RiwayatJabatan, "add")).status_code == 403
    resp = client.post(_url_admin(RiwayatJabatan, "add"), {"nomor_sk": "X"})
    assert resp.status_code == 403
    assert client.get(_url_admin(RiwayatJabatan, "delete", riwayat.pk)).status_code == 403
    resp = client.post(
        _url_admin(RiwayatJabatan, "changelist"),
        {"action": "delete_selected", "_selected_action": [riwayat.pk], "post": "yes"},
    )
    assert RiwayatJabatan.objects.filter(pk=riwayat.pk).exists()
    resp = client.post(
        _url_admin(RiwayatJabatan, "change", riwayat.pk),
        {"nomor_sk": "800/123/BKPSDM/2020", "keterangan": "Koreksi"},
    )
    assert resp.status_code == 302
    riwayat.refresh_from_db()
    assert riwayat.nomor_sk == "800/123/BKPSDM/2020"


@pytest.mark.parametrize("cara", ["satu", "aksi_massal"])
def test_admin_hapus_pegawai_menandai_abk_jabatannya_basi(client, superuser, cara):
    """Deleting a holder in admin bypassed the services: the ABK kept counting them."""
    from analisis_beban.models import HasilABK
    from analisis_beban.services import abk_hitung
    from pegawai.models import Pegawai

    pegawai = PegawaiFactory()
    periode = PeriodeABK.objects.create(tahun=2026, status=StatusPeriode.BERLAKU)
    abk_hitung(periode=periode, alasan="Uji")
    assert not HasilABK.objects.get(jabatan=pegawai.jabatan).basi
    client.force_login(superuser)
    if cara == "satu":
        resp = client.post(_url_admin(Pegawai, "delete", pegawai.pk), {"post": "yes"})
    else:
        resp = client.post(
            _url_admin(Pegawai, "changelist"),
            {"action": "delete_selected", "_selected_action": [pegawai.pk], "post": "yes"},
        )
    assert resp.status_code == 302
    assert not Pegawai.objects.filter(pk=pegawai.pk).exists()
    assert HasilABK.objects.get(jabatan=pegawai.jabatan).basi
    assert pegawai.history.order_by("-history_id").first().history_user == superuser
