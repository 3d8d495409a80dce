import pytest

from mutasi_asn.akun.roles import Peran

HARAPAN = {
    "admin": (Peran.ADMIN.label, ["Register", "Admin"]),
    "bkpsdm": (Peran.BKPSDM.label, ["Register"]),
    "operator_dinkes": (Peran.OPERATOR_OPD.label, ["Register"]),
    "kepala_dinkes": (Peran.KEPALA_OPD.label, ["Register"]),
    "tim_penilai": (Peran.TIM_PENILAI.label, ["Register"]),
    "ppk": (Peran.PPK.label, ["Register"]),
}


@pytest.mark.parametrize("username", list(HARAPAN))
def test_masuk_sebagai_setiap_peran_melihat_navigasinya(page, masuk, pengguna_demo, username):
    masuk(username)
    label_peran, menu = HARAPAN[username]
    assert label_peran in page.get_by_test_id("peran").inner_text()
    nav = page.get_by_test_id("navigasi")
    for m in menu:
        assert nav.get_by_text(m, exact=False).first.is_visible()
    if username != "admin":
        assert nav.get_by_text("Admin").count() == 0
    # The register menu opens and leads to a list the role may see.
    nav.get_by_text("Register").click()
    nav.locator('a.dropdown-item[href="/pegawai/"]').click()
    page.wait_for_url("**/pegawai/")
    assert page.get_by_test_id("tabel-data").is_visible()


def test_kata_sandi_salah_tetap_di_halaman_masuk(page, pengguna_demo):
    page.goto("/masuk/")
    page.get_by_label("Nama pengguna").fill("bkpsdm")
    page.get_by_label("Sandi").fill("salah-sekali")
    page.get_by_role("button", name="Masuk").click()
    assert "benar" in page.content()
