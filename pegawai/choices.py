from django.db import models


class StatusKepegawaian(models.TextChoices):
    PNS = "pns", "PNS"
    CPNS = "cpns", "CPNS"
    PPPK = "pppk", "PPPK"


class JenisKelamin(models.TextChoices):
    LAKI_LAKI = "L", "Laki-laki"
    PEREMPUAN = "P", "Perempuan"


class PredikatSKP(models.TextChoices):
    SANGAT_BAIK = "sangat_baik", "Sangat Baik"
    BAIK = "baik", "Baik"
    BUTUH_PERBAIKAN = "butuh_perbaikan", "Butuh Perbaikan"
    KURANG = "kurang", "Kurang"
    SANGAT_KURANG = "sangat_kurang", "Sangat Kurang"


class JenisImpor(models.TextChoices):
    PEGAWAI = "pegawai", "Pegawai"
    JABATAN = "jabatan", "Jabatan"


class StatusImpor(models.TextChoices):
    MENUNGGU = "menunggu", "Menunggu pemeriksaan"
    PRATINJAU = "pratinjau", "Pratinjau"
    DIPROSES = "diproses", "Sedang disimpan"
    BERHASIL = "berhasil", "Berhasil"
    GAGAL = "gagal", "Gagal"


class RatingSKP(models.TextChoices):
    """Rating of hasil kerja and of perilaku kerja (PermenPAN-RB 6/2022)."""

    DI_BAWAH = "di_bawah", "Di bawah ekspektasi"
    SESUAI = "sesuai", "Sesuai ekspektasi"
    DI_ATAS = "di_atas", "Di atas ekspektasi"


class Potensi(models.TextChoices):
    RENDAH = "rendah", "Rendah"
    MENENGAH = "menengah", "Menengah"
    TINGGI = "tinggi", "Tinggi"
