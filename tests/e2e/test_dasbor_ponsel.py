"""Browser: on a 390 px phone the dashboard's top lists still show each position's selisih."""

from tests.e2e.test_abk import abk  # noqa: F401  (fixture)


def test_dasbor_390_px_menampilkan_selisih(page, masuk, abk):  # noqa: F811
    page.set_viewport_size({"width": 390, "height": 844})
    masuk("bkpsdm")
    for testid, teks in (("jabatan-terlebih", "+3"), ("jabatan-terkurang", "-2")):
        tabel = page.get_by_test_id(testid)
        tabel.scroll_into_view_if_needed()
        kepala = tabel.locator("th", has_text="Selisih")
        sel = tabel.locator("tbody tr").first.locator("td").last
        assert kepala.is_visible() and sel.is_visible()
        assert sel.inner_text().strip() == teks
        # Inside the screen without scrolling sideways: the figure is read, not hidden.
        kotak = sel.bounding_box()
        assert kotak["x"] >= 0 and kotak["x"] + kotak["width"] <= 390
