"""NIP: the 18-digit number of a PNS. Its parts carry the birth date, CPNS month and gender.

`19860926 201505 1 001`: birth date YYYYMMDD, CPNS appointment YYYYMM, gender (1 male,
2 female), sequence from 001.
"""

import datetime
from dataclasses import dataclass

from django.core.exceptions import ValidationError


@dataclass(frozen=True)
class InfoNIP:
    tanggal_lahir: datetime.date
    tahun_cpns: int
    bulan_cpns: int
    jenis_kelamin: str  # "L" or "P", the values of pegawai.choices.JenisKelamin
    urut: int


def normalisasi_nip(nilai: str) -> str:
    """Drop the spaces (and dots or dashes) a person types between the groups."""
    return "".join(ch for ch in str(nilai or "") if ch not in " .-\t\u00a0")


def format_nip(nip: str) -> str:
    """Show a NIP grouped as on decrees: `19860926 201505 1 001`."""
    if len(nip or "") != 18:
        return nip or ""
    return f"{nip[:8]} {nip[8:14]} {nip[14]} {nip[15:]}"


def urai_nip(nilai: str) -> InfoNIP:
    """Validate a NIP and return its parts; raise ValidationError with a message that says what to fix."""
    nip = normalisasi_nip(nilai)
    if not nip.isdigit() or len(nip) != 18:
        raise ValidationError(
            "NIP harus terdiri dari 18 angka (mis. 19860926 201505 1 001).", code="nip_format"
        )
    try:
        lahir = datetime.date(int(nip[0:4]), int(nip[4:6]), int(nip[6:8]))
    except ValueError:
        raise ValidationError(
            "Tanggal lahir pada NIP (digit 1–8, TTTTBBHH) bukan tanggal yang sah.",
            code="nip_tanggal_lahir",
        ) from None
    tahun, bulan = int(nip[8:12]), int(nip[12:14])
    if not 1 <= bulan <= 12 or tahun < 1900:
        raise ValidationError(
            "Tahun dan bulan pengangkatan CPNS pada NIP (digit 9–14, TTTTBB) tidak sah.",
            code="nip_tmt_cpns",
        )
    if (tahun, bulan) < (lahir.year, lahir.month):
        raise ValidationError(
            "Pengangkatan CPNS pada NIP lebih awal dari tanggal lahir.", code="nip_urutan"
        )
    if nip[14] not in "12":
        raise ValidationError(
            "Digit ke-15 NIP (jenis kelamin) harus 1 (laki-laki) atau 2 (perempuan).",
            code="nip_jenis_kelamin",
        )
    urut = int(nip[15:])
    if urut < 1:
        raise ValidationError(
            "Nomor urut pada NIP (digit 16–18) dimulai dari 001.", code="nip_urut"
        )
    return InfoNIP(lahir, tahun, bulan, "L" if nip[14] == "1" else "P", urut)


def validasi_ni_pppk(nilai: str) -> str:
    """A PPPK's NI: 18 digits whose parts mean other things, so only the form is checked."""
    ni = normalisasi_nip(nilai)
    if not ni.isdigit() or len(ni) != 18:
        raise ValidationError("NI PPPK harus terdiri dari 18 angka.", code="ni_format")
    return ni
