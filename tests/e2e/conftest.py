"""Browser tests: Playwright (Python) driving Debian's chromium against the live server.

They skip, saying why, when /usr/bin/chromium is absent; `.ci/run` installs it.
"""

import os
import shutil

import pytest

from mutasi_asn.demo.pengguna import KATA_SANDI_DEMO, buat_pengguna_demo

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# there are still synchronous, so Django's async-safety guard is lifted for this folder only.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser():
    if not (os.path.exists(CHROMIUM) or shutil.which("chromium")):
        pytest.skip(f"chromium tidak terpasang di {CHROMIUM} (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(
            executable_path=CHROMIUM if os.path.exists(CHROMIUM) else shutil.which("chromium"),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield b
        b.close()


@pytest.fixture
def page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="id-ID")
    context.set_default_timeout(15000)
    p = context.new_page()
    yield p
    context.close()


@pytest.fixture
def pengguna_demo(transactional_db, instansi_demo):
    return {u: (u, s) for u, s, _ in buat_pengguna_demo()}


@pytest.fixture
def instansi_demo(transactional_db):
    from instansi.data.kamus_kompetensi import muat_kamus
    from instansi.models_kompetensi import (
        JenisSertifikasi,
        Kompetensi,
        LevelKompetensi,
        ProgramPelatihan,
    )
    from pegawai.data.talenta import muat_data_talenta
    from pegawai.models_kompetensi import KotakTalenta, LabelPredikatSKP
    from tests.fixtures.factories import InstansiFactory

    # A transactional test flushes the rows that data migrations load (the competency
    # dictionary, SKP labels, the 9-box layout); load them again, as `migrate` does.
    muat_kamus(Kompetensi, LevelKompetensi, JenisSertifikasi, ProgramPelatihan)
    muat_data_talenta(LabelPredikatSKP, KotakTalenta)
    return {
        "DINKES": InstansiFactory(kode="DINKES", nama="Dinas Kesehatan", singkatan="Dinkes"),
        "DISDIK": InstansiFactory(kode="DISDIK", nama="Dinas Pendidikan", singkatan="Disdik"),
        "BKPSDM": InstansiFactory(kode="BKPSDM", nama="BKPSDM", singkatan="BKPSDM"),
    }


@pytest.fixture
def masuk(page):
    def _masuk(username, password=KATA_SANDI_DEMO):
        page.goto("/masuk/")
        page.get_by_label("Nama pengguna").fill(username)
        page.get_by_label("Sandi").fill(password)
        page.get_by_role("button", name="Masuk").click()
        page.wait_for_url("**/")
        return page

    return _masuk
