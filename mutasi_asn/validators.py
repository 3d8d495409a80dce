"""Validators shared by the apps' models (the toolkit layer: imports no app)."""

from django.core.exceptions import ValidationError

# Unicode bidirectional controls: embeddings, overrides, isolates and the invisible marks.
# U+202E (right-to-left override) shows "Siregar\u202eSH" as "SiregarHS"; in a name they only
# disguise what the register says.
KONTROL_ARAH = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def tolak_kontrol_arah(nilai) -> None:
    """Refuse text holding a bidirectional control character (U+202E and its kin)."""
    ada = sorted({f"U+{ord(c):04X}" for c in str(nilai) if c in KONTROL_ARAH})
    if ada:
        raise ValidationError(
            "Teks berisi karakter kontrol arah tulisan (%(kode)s) yang tidak terlihat tetapi "
            "membalik tampilan huruf; hapus karakter itu lalu simpan lagi.",
            code="kontrol_arah",
            params={"kode": ", ".join(ada)},
        )
