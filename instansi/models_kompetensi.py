"""The competency dictionary and the standard of each jabatan (PermenPAN-RB 38/2017).

The dictionary is data (loaded by a data migration, edited in admin), never an enum: kompetensi
with their levels 1–5 and behaviour indicators, kinds of professional certification (STR,
sertifikat pendidik …) and training programs. A jabatan's standard names the level required
per competency, the certifications and the training it asks for; its education, grade range and
field of study stay on `Jabatan` itself.
"""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from .choices import JenisKompetensi, JenisPelatihan
from .querysets import KamusQuerySet, StandarJabatanQuerySet

LEVEL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(5)]


class Kompetensi(models.Model):
    """One competency of the dictionary: manajerial (M.01–M.08), sosial kultural (Perekat
    Bangsa) or teknis (written per instansi pembina / jabatan family, `rumpun`)."""

    kode = models.CharField(_("kode"), max_length=20, unique=True)
    nama = models.CharField(_("nama kompetensi"), max_length=150)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisKompetensi.choices)
    rumpun = models.CharField(
        _("rumpun jabatan"),
        max_length=100,
        blank=True,
        help_text=_("Untuk kompetensi teknis: rumpun/keluarga jabatan, misalnya Kesehatan."),
    )
    definisi = models.TextField(_("definisi"), blank=True)
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = KamusQuerySet.as_manager()

    class Meta:
        verbose_name = _("kompetensi")
        verbose_name_plural = _("kamus kompetensi")
        ordering = ["jenis", "kode"]

    def __str__(self):
        return f"{self.kode} {self.nama}"


class LevelKompetensi(models.Model):
    """One level (1–5) of a competency: its description and numbered behaviour indicators."""

    kompetensi = models.ForeignKey(
        Kompetensi, verbose_name=_("kompetensi"), on_delete=models.CASCADE, related_name="level"
    )
    level = models.PositiveSmallIntegerField(_("level"), validators=LEVEL_VALIDATORS)
    deskripsi = models.TextField(_("deskripsi"))
    indikator = models.TextField(
        _("indikator perilaku"),
        blank=True,
        help_text=_("Satu indikator per baris; nomornya (1.1, 1.2 …) diberikan menurut urutan."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("level kompetensi")
        verbose_name_plural = _("level kompetensi")
        ordering = ["kompetensi", "level"]
        constraints = [
            models.UniqueConstraint(
                fields=["kompetensi", "level"],
                name="level_kompetensi_unik",
                violation_error_message=_("Level ini sudah ada untuk kompetensi tersebut."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5),
                name="level_kompetensi_1_5",
                violation_error_message=_("Level kompetensi harus antara 1 dan 5."),
            ),
        ]

    def __str__(self):
        return f"{self.kompetensi.kode} level {self.level}"

    @property
    def daftar_indikator(self) -> list[tuple[str, str]]:
        """[("1.1", "…"), ("1.2", "…")] from the lines of `indikator`."""
        baris = [b.strip() for b in self.indikator.splitlines() if b.strip()]
        return [(f"{self.level}.{i}", teks) for i, teks in enumerate(baris, start=1)]


class JenisSertifikasi(models.Model):
    """A kind of professional certification a jabatan may require (STR, sertifikat pendidik …)."""

    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama sertifikasi"), max_length=200)
    penerbit = models.CharField(_("penerbit"), max_length=200, blank=True)
    masa_berlaku_tahun = models.PositiveSmallIntegerField(
        _("masa berlaku (tahun)"),
        null=True,
        blank=True,
        help_text=_("Kosong berarti berlaku seumur hidup."),
    )
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = KamusQuerySet.as_manager()

    class Meta:
        verbose_name = _("jenis sertifikasi")
        verbose_name_plural = _("jenis sertifikasi")
        ordering = ["nama"]

    def __str__(self):
        return self.nama


class ProgramPelatihan(models.Model):
    """A training program (diklat) a jabatan may require: PKP, PKA, a jabatan fungsional's
    pelatihan fungsional … A pegawai's training record points at it when it is one of these."""

    kode = models.CharField(_("kode"), max_length=30, unique=True)
    nama = models.CharField(_("nama pelatihan"), max_length=200)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisPelatihan.choices)
    aktif = models.BooleanField(_("aktif"), default=True)

    history = HistoricalRecords()
    objects = KamusQuerySet.as_manager()

    class Meta:
        verbose_name = _("program pelatihan")
        verbose_name_plural = _("program pelatihan")
        ordering = ["jenis", "nama"]

    def __str__(self):
        return self.nama


class StandarKompetensiJabatan(models.Model):
    """The level of one competency that a jabatan requires."""

    jabatan = models.ForeignKey(
        "instansi.Jabatan",
        verbose_name=_("jabatan"),
        on_delete=models.CASCADE,
        related_name="standar_kompetensi",
    )
    kompetensi = models.ForeignKey(
        Kompetensi, verbose_name=_("kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(_("level minimal"), validators=LEVEL_VALIDATORS)

    history = HistoricalRecords()
    objects = StandarJabatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("standar kompetensi jabatan")
        verbose_name_plural = _("standar kompetensi jabatan")
        ordering = ["jabatan", "kompetensi__jenis", "kompetensi__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["jabatan", "kompetensi"],
                name="standar_kompetensi_unik",
                violation_error_message=_("Kompetensi ini sudah ada dalam standar jabatan."),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5),
                name="standar_kompetensi_level_1_5",
                violation_error_message=_("Level kompetensi harus antara 1 dan 5."),
            ),
        ]

    def __str__(self):
        return f"{self.kompetensi.kode} level {self.level}"


class SyaratSertifikasiJabatan(models.Model):
    """A certification a holder of the jabatan must have, valid (e.g. STR for a nurse)."""

    jabatan = models.ForeignKey(
        "instansi.Jabatan",
        verbose_name=_("jabatan"),
        on_delete=models.CASCADE,
        related_name="syarat_sertifikasi",
    )
    jenis_sertifikasi = models.ForeignKey(
        JenisSertifikasi,
        verbose_name=_("jenis sertifikasi"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = StandarJabatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("syarat sertifikasi jabatan")
        verbose_name_plural = _("syarat sertifikasi jabatan")
        constraints = [
            models.UniqueConstraint(
                fields=["jabatan", "jenis_sertifikasi"],
                name="syarat_sertifikasi_unik",
                violation_error_message=_("Sertifikasi ini sudah menjadi syarat jabatan."),
            ),
        ]

    def __str__(self):
        return str(self.jenis_sertifikasi)


class SyaratPelatihanJabatan(models.Model):
    """A training program a holder of the jabatan should have followed (e.g. PKP for a pengawas)."""

    jabatan = models.ForeignKey(
        "instansi.Jabatan",
        verbose_name=_("jabatan"),
        on_delete=models.CASCADE,
        related_name="syarat_pelatihan",
    )
    program = models.ForeignKey(
        ProgramPelatihan,
        verbose_name=_("program pelatihan"),
        on_delete=models.PROTECT,
        related_name="+",
    )

    history = HistoricalRecords()
    objects = StandarJabatanQuerySet.as_manager()

    class Meta:
        verbose_name = _("syarat pelatihan jabatan")
        verbose_name_plural = _("syarat pelatihan jabatan")
        constraints = [
            models.UniqueConstraint(
                fields=["jabatan", "program"],
                name="syarat_pelatihan_unik",
                violation_error_message=_("Pelatihan ini sudah menjadi syarat jabatan."),
            ),
        ]

    def __str__(self):
        return str(self.program)
