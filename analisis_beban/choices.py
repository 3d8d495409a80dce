from django.db import models


class StatusPerhitungan(models.TextChoices):
    ANTRE = "antre", "Dalam antrean"
    BERJALAN = "berjalan", "Sedang dihitung"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


class KeadaanFormasi(models.TextChoices):
    KURANG = "kurang", "Kurang"
    SESUAI = "sesuai", "Sesuai"
    LEBIH = "lebih", "Lebih"


class PrestasiJabatan(models.TextChoices):
    A = "A", "A — Sangat Baik"
    B = "B", "B — Baik"
    C = "C", "C — Cukup"
    D = "D", "D — Sedang"
    E = "E", "E — Kurang"


class StatusPeriode(models.TextChoices):
    """The life of an ABK year: drafted, then the one in force, then kept as an archive."""

    PENYUSUNAN = "penyusunan", "Penyusunan (draf)"
    BERLAKU = "berlaku", "Berlaku"
    ARSIP = "arsip", "Arsip"


# The ABK terms as the pages explain them: in a tooltip where they appear and on the glossary
# page (/glosarium/). One wording for every place.
ISTILAH = {
    "Kebutuhan": "Jumlah pegawai yang dibutuhkan jabatan: total beban kerja dibagi waktu kerja "
    "efektif (WKE) setahun; dibulatkan ke atas bila pecahannya 0,5 atau lebih.",
    "Bezetting": "Jumlah pegawai aktif yang saat ini memangku jabatan itu di unit itu.",
    "Selisih": "Bezetting dikurangi kebutuhan (dibulatkan): negatif berarti kekurangan pegawai, "
    "positif berarti kelebihan, nol berarti sesuai.",
    "EJ": "Efisiensi jabatan: total beban kerja dibagi (bezetting × WKE). Tidak ada untuk jabatan "
    "tanpa pemangku.",
    "PJ": "Prestasi kerja jabatan: nilai A–E dari EJ menurut batas periode (bawaan A > 1,00; "
    "B 0,90–1,00; C 0,70–0,89; D 0,50–0,69; E < 0,50). Berbeda dari keadaan formasi.",
    "EU / PU": "Efisiensi dan prestasi unit: seperti EJ dan PJ, atas seluruh unit atau instansi.",
    "WKE": "Waktu kerja efektif setahun (bawaan 75.000 menit = 1.250 jam), per periode ABK.",
    "Keadaan": "Keadaan formasi dari selisih: kurang (merah), lebih (kuning tua), sesuai (hijau).",
}
