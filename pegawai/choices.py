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
