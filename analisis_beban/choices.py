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
