"""Ordered code lists of the civil service, shared by the register and the rules."""

import re

from django.db import models

from mutasi_asn.impor_xlsx import NilaiTidakSah, kutip, teks


class JenisInstansi(models.TextChoices):
    SEKRETARIAT = "sekretariat", "Sekretariat"
    INSPEKTORAT = "inspektorat", "Inspektorat"
    DINAS = "dinas", "Dinas"
    BADAN = "badan", "Badan"
    SATUAN = "satuan", "Satuan"
    KECAMATAN = "kecamatan", "Kecamatan"
    RSUD = "rsud", "Rumah Sakit Umum Daerah"


class JenisUnit(models.TextChoices):
    PIMPINAN = "pimpinan", "Pimpinan"
    SEKRETARIAT = "sekretariat", "Sekretariat"
    BAGIAN = "bagian", "Bagian"
    BIDANG = "bidang", "Bidang"
    SUBBAGIAN = "subbagian", "Subbagian"
    SEKSI = "seksi", "Seksi"
    UPT = "upt", "UPT"
    PUSKESMAS = "puskesmas", "Puskesmas"
    SEKOLAH = "sekolah", "Sekolah"
    KELURAHAN = "kelurahan", "Kelurahan"
    INSTALASI = "instalasi", "Instalasi"


class JenisJabatan(models.TextChoices):
    JPT = "jpt", "Jabatan Pimpinan Tinggi"
    ADMINISTRATOR = "administrator", "Administrator"
    PENGAWAS = "pengawas", "Pengawas"
    PELAKSANA = "pelaksana", "Pelaksana"
    FUNGSIONAL = "fungsional", "Fungsional"


class Jenjang(models.TextChoices):
    JPT_PRATAMA = "jpt_pratama", "JPT Pratama"
    AHLI_PERTAMA = "ahli_pertama", "Ahli Pertama"
    AHLI_MUDA = "ahli_muda", "Ahli Muda"
    AHLI_MADYA = "ahli_madya", "Ahli Madya"
    AHLI_UTAMA = "ahli_utama", "Ahli Utama"
    PEMULA = "pemula", "Pemula"
    TERAMPIL = "terampil", "Terampil"
    MAHIR = "mahir", "Mahir"
    PENYELIA = "penyelia", "Penyelia"


class Eselon(models.TextChoices):
    II_A = "II.a", "II.a"
    II_B = "II.b", "II.b"
    III_A = "III.a", "III.a"
    III_B = "III.b", "III.b"
    IV_A = "IV.a", "IV.a"
    IV_B = "IV.b", "IV.b"


class Golongan(models.IntegerChoices):
    """Golongan/ruang, ordered: the number compares as the grade does (I/a lowest)."""

    I_A = 11, "I/a"
    I_B = 12, "I/b"
    I_C = 13, "I/c"
    I_D = 14, "I/d"
    II_A = 21, "II/a"
    II_B = 22, "II/b"
    II_C = 23, "II/c"
    II_D = 24, "II/d"
    III_A = 31, "III/a"
    III_B = 32, "III/b"
    III_C = 33, "III/c"
    III_D = 34, "III/d"
    IV_A = 41, "IV/a"
    IV_B = 42, "IV/b"
    IV_C = 43, "IV/c"
    IV_D = 44, "IV/d"
    IV_E = 45, "IV/e"
    # PPPK grades I–XVII
    P_I = 101, "I (PPPK)"
    P_II = 102, "II (PPPK)"
    P_III = 103, "III (PPPK)"
    P_IV = 104, "IV (PPPK)"
    P_V = 105, "V (PPPK)"
    P_VI = 106, "VI (PPPK)"
    P_VII = 107, "VII (PPPK)"
    P_VIII = 108, "VIII (PPPK)"
    P_IX = 109, "IX (PPPK)"
    P_X = 110, "X (PPPK)"
    P_XI = 111, "XI (PPPK)"
    P_XII = 112, "XII (PPPK)"
    P_XIII = 113, "XIII (PPPK)"
    P_XIV = 114, "XIV (PPPK)"
    P_XV = 115, "XV (PPPK)"
    P_XVI = 116, "XVI (PPPK)"
    P_XVII = 117, "XVII (PPPK)"


GOLONGAN_PNS = [g for g in Golongan if g < 100]
GOLONGAN_PPPK = [g for g in Golongan if g > 100]

PANGKAT = {
    Golongan.I_A: "Juru Muda",
    Golongan.I_B: "Juru Muda Tk. I",
    Golongan.I_C: "Juru",
    Golongan.I_D: "Juru Tk. I",
    Golongan.II_A: "Pengatur Muda",
    Golongan.II_B: "Pengatur Muda Tk. I",
    Golongan.II_C: "Pengatur",
    Golongan.II_D: "Pengatur Tk. I",
    Golongan.III_A: "Penata Muda",
    Golongan.III_B: "Penata Muda Tk. I",
    Golongan.III_C: "Penata",
    Golongan.III_D: "Penata Tk. I",
    Golongan.IV_A: "Pembina",
    Golongan.IV_B: "Pembina Tk. I",
    Golongan.IV_C: "Pembina Utama Muda",
    Golongan.IV_D: "Pembina Utama Madya",
    Golongan.IV_E: "Pembina Utama",
}


def golongan_dengan_pangkat(golongan: int | None) -> str:
    """`Penata Muda (III/a)` for a PNS grade, the bare label for PPPK, '' when unknown."""
    if golongan is None:
        return ""
    label = Golongan(golongan).label
    pangkat = PANGKAT.get(golongan)
    return f"{pangkat} ({label})" if pangkat else label


def golongan_dari_teks(teks: str) -> int | None:
    """Parse `III/a`, `iii / A`, `III-a` or `IIIa` (and PPPK `IX`) into a Golongan value."""
    bersih = str(teks or "").strip().upper().replace(" ", "").replace("-", "/").replace(".", "/")
    if not bersih:
        return None
    for g in Golongan:
        label = g.label.upper().replace(" ", "")
        if bersih in (label, label.replace("/", ""), label.replace("(PPPK)", "")):
            return g.value
    return None


class Pendidikan(models.IntegerChoices):
    """Education levels, ordered lowest to highest."""

    SD = 1, "SD"
    SLTP = 2, "SLTP"
    SLTA = 3, "SLTA/SMK"
    D1 = 4, "D-I"
    D2 = 5, "D-II"
    D3 = 6, "D-III"
    D4 = 7, "D-IV"
    S1 = 8, "S1"
    PROFESI = 9, "Profesi"
    S2 = 10, "S2"
    SP1 = 11, "Sp-1"
    S3 = 12, "S3"


_SINONIM_PENDIDIKAN = {
    "SMP": Pendidikan.SLTP,
    "SLTP": Pendidikan.SLTP,
    "SMA": Pendidikan.SLTA,
    "SMK": Pendidikan.SLTA,
    "SLTA": Pendidikan.SLTA,
    "SLTA/SMK": Pendidikan.SLTA,
    "D1": Pendidikan.D1,
    "DI": Pendidikan.D1,
    "D2": Pendidikan.D2,
    "DII": Pendidikan.D2,
    "D3": Pendidikan.D3,
    "DIII": Pendidikan.D3,
    "D4": Pendidikan.D4,
    "DIV": Pendidikan.D4,
    "S-1": Pendidikan.S1,
    "S-2": Pendidikan.S2,
    "S-3": Pendidikan.S3,
    "SP1": Pendidikan.SP1,
    "SP-1": Pendidikan.SP1,
}


def pendidikan_dari_teks(teks: str) -> int | None:
    bersih = str(teks or "").strip().upper().replace(" ", "")
    if not bersih:
        return None
    for p in Pendidikan:
        if bersih == p.label.upper().replace(" ", ""):
            return p.value
    bersih2 = bersih.replace("-", "")
    hasil = _SINONIM_PENDIDIKAN.get(bersih) or _SINONIM_PENDIDIKAN.get(bersih2)
    return int(hasil) if hasil else None


class JenisKompetensi(models.TextChoices):
    """The three kinds of the competency dictionary (PermenPAN-RB 38/2017)."""

    MANAJERIAL = "manajerial", "Manajerial"
    SOSIAL_KULTURAL = "sosial_kultural", "Sosial kultural"
    TEKNIS = "teknis", "Teknis"


class JenisPelatihan(models.TextChoices):
    TEKNIS = "teknis", "Teknis"
    FUNGSIONAL = "fungsional", "Fungsional"
    KEPEMIMPINAN = "kepemimpinan", "Kepemimpinan"


# --- cell readers of the register imports (grade and education as people write them) ------

_GOL_DALAM_TEKS = re.compile(r"(?<![A-Z])(IV|III|II|I)\s*[/\-.]?\s*([A-E])(?![A-Z])")


def baca_golongan(nilai) -> int | None:
    """`III/a`, `III-a`, `IIIa`, `Penata Muda (III/a)`; PPPK `IX` or 9 (returned as PPPK)."""
    if nilai is None or not str(nilai).strip():
        return None
    if isinstance(nilai, int | float) and not isinstance(nilai, bool):
        if float(nilai).is_integer() and 1 <= int(nilai) <= 17:
            return 100 + int(nilai)
        raise NilaiTidakSah(f"{kutip(nilai)} bukan golongan; tulis seperti III/a.")
    s = teks(nilai).upper()
    g = golongan_dari_teks(s)
    if g is None:
        m = _GOL_DALAM_TEKS.search(s)
        if m:
            g = golongan_dari_teks(f"{m[1]}/{m[2]}")
    if g is None:
        polos = s.replace("(PPPK)", "").replace("PPPK", "").strip()
        if polos.isdigit() and 1 <= int(polos) <= 17:
            g = 100 + int(polos)
        else:
            g = golongan_dari_teks(polos)
    if g is None:
        raise NilaiTidakSah(
            f"{kutip(teks(nilai))} tidak dikenali; tulis golongan/ruang seperti III/a "
            "(PNS/CPNS) atau I\u2013XVII (PPPK)."
        )
    return g


_PENDIDIKAN_LAIN = {
    "SMU": Pendidikan.SLTA,
    "STM": Pendidikan.SLTA,
    "SMEA": Pendidikan.SLTA,
    "SPK": Pendidikan.SLTA,
    "MA": Pendidikan.SLTA,
    "MTS": Pendidikan.SLTP,
    "MI": Pendidikan.SD,
    "SR": Pendidikan.SD,
    "DIPLOMAI": Pendidikan.D1,
    "DIPLOMAII": Pendidikan.D2,
    "DIPLOMAIII": Pendidikan.D3,
    "DIPLOMAIV": Pendidikan.D4,
    "SARJANA": Pendidikan.S1,
    "STRATA1": Pendidikan.S1,
    "STRATA2": Pendidikan.S2,
    "STRATA3": Pendidikan.S3,
    "MAGISTER": Pendidikan.S2,
    "DOKTOR": Pendidikan.S3,
    "SPESIALIS": Pendidikan.SP1,
    "NERS": Pendidikan.PROFESI,
}


def baca_pendidikan(nilai) -> int | None:
    if nilai is None or not str(nilai).strip():
        return None
    s = teks(nilai).upper().replace("SEDERAJAT", "").replace(".", "").strip()
    hasil = pendidikan_dari_teks(s)
    if hasil is None:
        hasil = _PENDIDIKAN_LAIN.get(re.sub(r"[^A-Z0-9]", "", s))
    if hasil is None:
        raise NilaiTidakSah(
            f"{kutip(teks(nilai))} tidak dikenali; isi salah satu dari: "
            + ", ".join(p.label for p in Pendidikan)
            + "."
        )
    return int(hasil)
