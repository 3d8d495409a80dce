"""Accessibility: text contrast of at least 4.5:1 (WCAG AA) for the state colours wherever they
appear (text on white and on the row tints, white text on badges and export cells), and a skip
link to the page content."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from analisis_beban.ekspor import WARNA_KEADAAN
from mutasi_asn.akun.roles import Peran

CSS = (Path(settings.BASE_DIR) / "static" / "css" / "app.css").read_text()
PUTIH = "ffffff"


def _luminans(hex_: str) -> float:
    r, g, b = (int(hex_.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4))

    def f(c):
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b)


def kontras(a: str, b: str) -> float:
    terang, gelap = sorted([_luminans(a), _luminans(b)], reverse=True)
    return (terang + 0.05) / (gelap + 0.05)


def _warna_css(nama: str) -> str:
    return re.search(rf"--mutasi-{nama}:\s*#([0-9a-fA-F]{{6}})", CSS).group(1)


def _tint_css(nama: str) -> str:
    return re.search(rf"\.baris-{nama} > \* {{ background-color: #([0-9a-fA-F]{{6}})", CSS).group(1)


@pytest.mark.parametrize("keadaan", ["kurang", "lebih", "sesuai"])
def test_warna_keadaan_kontras_minimal_4_5_di_halaman_dan_ekspor(keadaan):
    teks, tint = _warna_css(keadaan), _tint_css(keadaan)
    assert kontras(teks, PUTIH) >= 4.5  # text on white; white text on the badge
    assert kontras(teks, tint) >= 4.5  # text inside a tinted row
    penuh, tipis = WARNA_KEADAAN[keadaan]
    # The export uses the very same colours (one palette), white bold text on the state cell.
    assert (penuh.lower(), tipis.lower()) == (teks.lower(), tint.lower())


def test_teks_abu_abu_di_baris_berwarna_tetap_terbaca():
    abu = re.search(r"\.baris-terlambat \.text-muted \{ color: #([0-9a-f]{6})", CSS).group(1)
    for keadaan in ("kurang", "lebih", "sesuai"):
        assert kontras(abu, _tint_css(keadaan)) >= 4.5


def test_tautan_lewati_ke_isi_menuju_konten_utama(client, pengguna_peran):
    client.force_login(pengguna_peran[Peran.BKPSDM])
    html = client.get(reverse("pegawai:pegawai_list")).content.decode()
    assert html.index('href="#isi"') < html.index("<nav")
    assert 'id="isi"' in html and "Langsung ke isi halaman" in html
