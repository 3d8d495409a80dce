"""The role walk: every page each demo role reaches carries ids as plain digits.

`USE_THOUSAND_SEPARATOR` prints `{{ obj.pk }}` as `10.470`; in a link that opens another record
(`?jabatan=10.470` is read as 10), in a form value it saves the wrong one. The test database's ids
start above 10,000 (tests/fixtures/urutan_id.py), so any template that lets an id through the
separator shows it here. The walk signs in as each demo role on the demo city, follows every
same-site link, htmx address and form it finds (GET only, bounded per kind of address), and
checks each query parameter and form value.
"""

import re
from collections import deque
from html.parser import HTMLParser
from urllib.parse import parse_qsl, urljoin, urlsplit

from django.contrib.auth import get_user_model

from mutasi_asn.demo.abk import buat_abk_demo
from mutasi_asn.demo.pengguna import buat_pengguna_demo
from mutasi_asn.demo.register import buat_register_demo
from mutasi_asn.demo.usulan import buat_usulan_demo
from tests.usulan_mutasi.test_rencana import kota  # noqa: F401  (fixture)
from tests.usulan_mutasi.test_rencana_views import rencana  # noqa: F401  (fixture)

# 10.470 / 10,470 / 10 470 (with a normal or non-breaking space): a grouped integer.
ANGKA_BERPEMISAH = re.compile(r"^\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+$")
ID_NAMA = re.compile(r"(^|_)(id|pk)$")
ATRIBUT_URL = ("href", "action", "hx-get", "hx-post", "data-url", "data-pilih-cari", "src")
# Pages that are not HTML a user reads, or that end the session.
LEWATI = ("/keluar/", "/admin/", "/api/", "/static/", "/media/", "/healthz")
LAIN_URUTAN = {"urut", "page", "format"}
PER_BENTUK = 1  # addresses visited per shape (path with digits blanked + parameter names)
MAKS_HALAMAN = 250


class _Pengumpul(HTMLParser):
    def __init__(self):
        super().__init__()
        self.url: list[str] = []
        self.nilai: list[tuple[str, str, str]] = []  # (tag, name, value)
        self._select: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        pos = tag == "form" and (a.get("method") or "get").lower() == "post"
        for nama in ATRIBUT_URL:
            # A POST form's action is checked for its query string but not visited.
            if a.get(nama):
                self.url.append(("#post:" if pos or nama == "hx-post" else "") + a[nama])
        if tag == "select":
            self._select.append(a.get("name") or "")
        if tag in ("input", "button", "option") and a.get("value") is not None:
            nama = a.get("name") or (self._select[-1] if tag == "option" and self._select else "")
            jenis = (a.get("type") or "text").lower() if tag == "input" else tag
            # A typed quantity (WKE 75.000 in a localized field) is not an id; a choice, a hidden
            # value or a field named like a key is.
            if jenis not in ("text", "number") or ID_NAMA.search(nama):
                self.nilai.append((tag, nama, a["value"]))

    def handle_endtag(self, tag):
        if tag == "select" and self._select:
            self._select.pop()


def _bentuk(url: str) -> tuple:
    bagian = urlsplit(url)
    return (
        re.sub(r"\d+", "#", bagian.path),
        tuple(sorted({k for k, _ in parse_qsl(bagian.query, keep_blank_values=True)})),
    )


def periksa_halaman(url: str, html: str) -> tuple[list[str], list[str]]:
    """One page: (same-site addresses to visit from it, problems). Links of POST forms and
    hx-post are checked, never visited."""
    p = _Pengumpul()
    p.feed(html)
    masalah = [
        f"{url}: <{tag} name={nama!r}> value={nilai!r}"
        for tag, nama, nilai in p.nilai
        if ANGKA_BERPEMISAH.match(nilai.strip())
    ]
    alamat_baru = []
    for mentah in p.url:
        kirim = mentah.startswith("#post:")
        mentah = mentah.removeprefix("#post:")
        bagian = urlsplit(urljoin(url, mentah.replace("&amp;", "&")))
        if bagian.netloc not in ("", "testserver") or bagian.scheme not in ("", "http"):
            continue
        param = parse_qsl(bagian.query, keep_blank_values=True)
        masalah += [
            f"{url}: tautan {mentah!r} membawa {k}={v!r}"
            for k, v in param
            if ANGKA_BERPEMISAH.match(v.strip())
        ]
        alamat = bagian.path + (f"?{bagian.query}" if bagian.query else "")
        # Sort and page links repeat their page with the same links (checked here anyway).
        if (
            kirim
            or bagian.path.startswith(LEWATI)
            or {k for k, _ in param} & LAIN_URUTAN
            or "ekspor" in alamat
        ):
            continue
        alamat_baru.append(alamat)
    return alamat_baru, masalah


def _jelajah(client) -> tuple[list[str], list[str]]:
    """Walk from the home page; returns (pages visited, problems found)."""
    antre = deque(["/"])
    dilihat: set[str] = set()
    per_bentuk: dict[tuple, int] = {}
    masalah: list[str] = []
    while antre and len(dilihat) < MAKS_HALAMAN:
        url = antre.popleft()
        if url in dilihat:
            continue
        dilihat.add(url)
        resp = client.get(url, HTTP_HX_REQUEST="true" if "/_" in url else None)
        if resp.status_code != 200 or "text/html" not in resp.get("Content-Type", ""):
            continue
        alamat_baru, m = periksa_halaman(url, resp.content.decode())
        masalah += m
        for alamat in alamat_baru:
            b = _bentuk(alamat)
            if alamat not in dilihat and per_bentuk.get(b, 0) < PER_BENTUK:
                per_bentuk[b] = per_bentuk.get(b, 0) + 1
                antre.append(alamat)
    return sorted(dilihat), sorted(set(masalah))


PERAN_DEMO = ["admin", "bkpsdm", "operator_dinkes", "kepala_dinkes", "tim_penilai", "ppk"]


def test_jelajah_semua_peran_tidak_ada_id_dengan_pemisah_ribuan(db, client):
    # One test for all roles: the demo city is built once (inside the test's transaction).
    buat_register_demo(jumlah_pegawai=400, seed=11)
    buat_abk_demo(tahun=2026, seed=11)
    buat_pengguna_demo()
    buat_usulan_demo(seed=11)
    laporan = []
    for username in PERAN_DEMO:
        client.force_login(get_user_model().objects.get(username=username))
        dilihat, masalah = _jelajah(client)
        assert len(dilihat) > 20, (username, dilihat)  # the walk really went somewhere
        laporan += [f"[{username}] {m}" for m in masalah]
        client.logout()
    assert not laporan, "\n".join(laporan[:60])


def test_halaman_rencana_pemerataan_tanpa_id_berpemisah(rencana, client):  # noqa: F811
    # The demo city has no plan: its page (moves ticked into proposals) is checked on its own.
    resp = client.get(rencana.get_absolute_url())
    assert 'name="langkah"' in resp.content.decode()
    assert periksa_halaman(rencana.get_absolute_url(), resp.content.decode())[1] == []
