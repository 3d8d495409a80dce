"""Issue 13, finding 11: API docs from a CDN without sign-in, and no Content-Security-Policy.

The docs' assets are served from our own static files (drf-spectacular-sidecar), schema and
docs need a signed-in user, and every page carries an enforced CSP that allows no inline script
or style — so no template may hold one (this test reads them all), and htmx is told not to
inject its indicator styles.
"""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.staticfiles import finders

ROOT = Path(__file__).resolve().parent.parent.parent
pytestmark = pytest.mark.django_db

# What a CSP without 'unsafe-inline' blocks, as it appears in a template.
TERLARANG = {
    "atribut style=": re.compile(r"""\sstyle\s*=\s*["']""", re.I),
    "elemen <style>": re.compile(r"<style[\s>]", re.I),
    "skrip sebaris": re.compile(
        r"<script(?![^>]*\bsrc=)(?![^>]*type=[\"']application/json)[^>]*>", re.I
    ),
    "penangan on…=": re.compile(r"""\son[a-z]+\s*=\s*["']""", re.I),
    "tautan javascript:": re.compile(r"javascript:", re.I),
}


def _templat():
    dirs = [Path(d) for t in settings.TEMPLATES for d in t["DIRS"]]
    dirs += [p for p in ROOT.glob("*/templates") if ".venv" not in str(p)]
    dirs += [
        p
        for p in ROOT.glob("*/*/templates")
        if ".venv" not in str(p) and "node_modules" not in str(p)
    ]
    for d in dirs:
        yield from sorted(d.rglob("*.html"))


def test_tidak_ada_gaya_atau_skrip_sebaris_di_templat():
    temuan = []
    jumlah = 0
    for berkas in _templat():
        jumlah += 1
        teks = berkas.read_text()
        for nama, pola in TERLARANG.items():
            for m in pola.finditer(teks):
                baris = teks.count("\n", 0, m.start()) + 1
                temuan.append(f"{berkas.relative_to(ROOT)}:{baris}: {nama}")
    assert jumlah > 30
    assert temuan == []


def test_setiap_halaman_membawa_csp_yang_ditegakkan(client, kota):
    client.force_login(kota.bkpsdm)
    for url in ("/", "/masuk/", "/pegawai/", "/admin/", "/api/docs/"):
        resp = client.get(url, follow=True)
        assert resp.status_code == 200, url
        csp = resp.headers.get("Content-Security-Policy", "")
        assert "Content-Security-Policy-Report-Only" not in resp.headers, url
        arahan = {
            bagian.split()[0]: bagian.split()[1:] for bagian in csp.split(";") if bagian.strip()
        }
        assert arahan["default-src"] == ["'self'"], url
        assert arahan["script-src"] == ["'self'"], url
        assert arahan["style-src"] == ["'self'"], url
        assert arahan["frame-ancestors"] == ["'none'"], url
        assert "'unsafe-inline'" not in csp and "'unsafe-eval'" not in csp


def test_htmx_tidak_menyisipkan_gaya_indikator(client, kota):
    client.force_login(kota.bkpsdm)
    isi = client.get("/").content.decode()
    assert '"includeIndicatorStyles": false' in isi
    assert '"allowEval": false' in isi
    # The indicator's own CSS then lives in our stylesheet.
    assert ".htmx-indicator" in (ROOT / "static" / "css" / "app.css").read_text()


def test_dokumentasi_api_butuh_masuk(client):
    resp = client.get("/api/docs/")
    assert resp.status_code == 302 and resp["Location"].startswith("/masuk/")
    assert client.get("/api/schema/").status_code in (401, 403)


def test_dokumentasi_api_dari_berkas_sendiri_bukan_cdn(client, kota):
    client.force_login(kota.operator_a)
    isi = client.get("/api/docs/").content.decode()
    for cdn in ("cdn.jsdelivr.net", "unpkg.com", "cdnjs", "@latest"):
        assert cdn not in isi
    aset = re.findall(r"""(?:src|href)=["']([^"']+)["']""", isi)
    assert any("swagger-ui-dist" in a for a in aset)
    for a in aset:
        assert a.startswith(settings.STATIC_URL) or a.startswith("/api/docs/"), a
        if a.startswith(settings.STATIC_URL):
            assert finders.find(a.removeprefix(settings.STATIC_URL)), a
    script = next(a for a in aset if a.startswith("/api/docs/"))
    assert client.get(script).status_code == 200
    skema = client.get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert skema.status_code == 200
