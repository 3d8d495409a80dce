"""Per-pegawai competency facts: assessment results, training (diklat), professional
certifications with their validity, and the yearly SKP; plus the editable data of the talent
pool (SKP predikat labels, the 9-box layout) and its thresholds.

The arithmetic on these facts is pure and lives in `pegawai/kompetensi.py`.
"""

import datetime

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from instansi.choices import JenisPelatihan
from instansi.models_kompetensi import JenisSertifikasi, Kompetensi, ProgramPelatihan
from mutasi_asn.penyimpanan import penyimpanan_privat_bersama

from . import kompetensi as rumus
from .choices import Potensi, PredikatSKP, RatingSKP
from .querysets import RiwayatPegawaiQuerySet


def penyimpanan_privat():
    return penyimpanan_privat_bersama


def lokasi_sertifikat(instance, filename):
    return f"pegawai/{instance.pegawai_id}/sertifikat/{filename}"


class HasilAsesmen(models.Model):
    """The level a pegawai showed in one competency at one assessment (assessment center, uji
    kompetensi …). The latest result per competency is the level held."""

    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="hasil_asesmen",
    )
    kompetensi = models.ForeignKey(
        Kompetensi, verbose_name=_("kompetensi"), on_delete=models.PROTECT, related_name="+"
    )
    level = models.PositiveSmallIntegerField(
        _("level"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    tanggal = models.DateField(_("tanggal asesmen"))
    sumber = models.CharField(
        _("sumber"), max_length=200, help_text=_("Lembaga atau metode, misalnya Assessment Center.")
    )

    history = HistoricalRecords()
    objects = RiwayatPegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("hasil asesmen kompetensi")
        verbose_name_plural = _("hasil asesmen kompetensi")
        ordering = ["pegawai", "-tanggal", "kompetensi__kode"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "kompetensi", "tanggal"],
                name="hasil_asesmen_unik_per_tanggal",
                violation_error_message=_(
                    "Pegawai ini sudah punya hasil asesmen kompetensi ini pada tanggal tersebut."
                ),
            ),
            models.CheckConstraint(
                condition=Q(level__gte=1) & Q(level__lte=5),
                name="hasil_asesmen_level_1_5",
                violation_error_message=_("Level kompetensi harus antara 1 dan 5."),
            ),
        ]
        indexes = [models.Index(fields=["pegawai", "kompetensi", "-tanggal"])]

    def __str__(self):
        return f"{self.kompetensi.kode} level {self.level} ({self.tanggal:%d/%m/%Y})"


class RiwayatPelatihan(models.Model):
    """One training (diklat) a pegawai followed: kind, hours (JP), year, organiser, certificate."""

    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="riwayat_pelatihan",
    )
    program = models.ForeignKey(
        ProgramPelatihan,
        verbose_name=_("program pelatihan"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Isi bila pelatihan ini salah satu program yang disyaratkan jabatan."),
    )
    nama = models.CharField(_("nama pelatihan"), max_length=255)
    jenis = models.CharField(_("jenis"), max_length=20, choices=JenisPelatihan.choices)
    jam_pelajaran = models.PositiveSmallIntegerField(
        _("jam pelajaran (JP)"), validators=[MinValueValidator(1), MaxValueValidator(2000)]
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(1960), MaxValueValidator(2100)]
    )
    penyelenggara = models.CharField(_("penyelenggara"), max_length=200, blank=True)
    nomor_sertifikat = models.CharField(_("nomor sertifikat"), max_length=100, blank=True)
    berkas_sertifikat = models.FileField(
        _("berkas sertifikat"),
        storage=penyimpanan_privat,
        upload_to=lokasi_sertifikat,
        max_length=255,
        blank=True,
    )

    history = HistoricalRecords()
    objects = RiwayatPegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("riwayat pelatihan")
        verbose_name_plural = _("riwayat pelatihan")
        ordering = ["pegawai", "-tahun", "nama"]
        constraints = [
            models.CheckConstraint(
                condition=Q(jam_pelajaran__gte=1),
                name="pelatihan_jp_positif",
                violation_error_message=_("Jam pelajaran harus lebih dari 0."),
            ),
        ]

    def __str__(self):
        return f"{self.nama} ({self.tahun}, {self.jam_pelajaran} JP)"


class SertifikasiPegawai(models.Model):
    """A professional certification a pegawai holds (STR, sertifikat pendidik …) with its
    validity: an expired one is a fact the eligibility checks see."""

    pegawai = models.ForeignKey(
        "pegawai.Pegawai",
        verbose_name=_("pegawai"),
        on_delete=models.CASCADE,
        related_name="sertifikasi",
    )
    jenis_sertifikasi = models.ForeignKey(
        JenisSertifikasi,
        verbose_name=_("jenis sertifikasi"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    nomor = models.CharField(_("nomor"), max_length=100)
    tanggal_terbit = models.DateField(_("tanggal terbit"))
    berlaku_sampai = models.DateField(
        _("berlaku sampai"), null=True, blank=True, help_text=_("Kosong: berlaku seumur hidup.")
    )
    penerbit = models.CharField(_("penerbit"), max_length=200, blank=True)
    berkas = models.FileField(
        _("berkas"),
        storage=penyimpanan_privat,
        upload_to=lokasi_sertifikat,
        max_length=255,
        blank=True,
    )

    history = HistoricalRecords()
    objects = RiwayatPegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("sertifikasi pegawai")
        verbose_name_plural = _("sertifikasi pegawai")
        ordering = ["pegawai", "jenis_sertifikasi__nama", "-tanggal_terbit"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "jenis_sertifikasi", "nomor"],
                name="sertifikasi_nomor_unik",
                violation_error_message=_("Sertifikat dengan nomor ini sudah tercatat."),
            ),
            models.CheckConstraint(
                condition=Q(berlaku_sampai__isnull=True)
                | Q(berlaku_sampai__gte=F("tanggal_terbit")),
                name="sertifikasi_berlaku_setelah_terbit",
                violation_error_message=_("Tanggal berlaku sampai tidak boleh sebelum terbit."),
            ),
        ]

    def __str__(self):
        return f"{self.jenis_sertifikasi} {self.nomor}"

    def berlaku_pada(self, tanggal: datetime.date) -> bool:
        return self.tanggal_terbit <= tanggal and (
            self.berlaku_sampai is None or tanggal <= self.berlaku_sampai
        )


class SKPTahunan(models.Model):
    """One year's performance appraisal (SKP, PermenPAN-RB 6/2022): the rating of hasil kerja and
    of perilaku kerja; the predikat is derived from the two, never typed."""

    pegawai = models.ForeignKey(
        "pegawai.Pegawai", verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="skp"
    )
    tahun = models.PositiveSmallIntegerField(
        _("tahun"), validators=[MinValueValidator(2000), MaxValueValidator(2100)]
    )
    hasil_kerja = models.CharField(_("hasil kerja"), max_length=10, choices=RatingSKP.choices)
    perilaku_kerja = models.CharField(_("perilaku kerja"), max_length=10, choices=RatingSKP.choices)
    catatan = models.CharField(_("catatan"), max_length=255, blank=True)

    history = HistoricalRecords()
    objects = RiwayatPegawaiQuerySet.as_manager()

    class Meta:
        verbose_name = _("SKP tahunan")
        verbose_name_plural = _("SKP tahunan")
        ordering = ["pegawai", "-tahun"]
        constraints = [
            models.UniqueConstraint(
                fields=["pegawai", "tahun"],
                name="skp_satu_per_tahun",
                violation_error_message=_("SKP pegawai ini untuk tahun tersebut sudah ada."),
            ),
        ]

    def __str__(self):
        return f"SKP {self.tahun}: {PredikatSKP(self.predikat).label}"

    @property
    def predikat(self) -> str:
        return rumus.predikat_skp(self.hasil_kerja, self.perilaku_kerja)


class LabelPredikatSKP(models.Model):
    """The wording of each SKP predikat, as shown on pages and exports (editable in admin)."""

    kode = models.CharField(_("predikat"), max_length=20, choices=PredikatSKP.choices, unique=True)
    label = models.CharField(_("label"), max_length=100)
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("label predikat SKP")
        verbose_name_plural = _("label predikat SKP")
        ordering = ["urutan"]

    def __str__(self):
        return self.label


class KotakTalenta(models.Model):
    """One box of the 9-box talent grid (PermenPAN-RB 3/2020): where it sits, what it is called
    and what it recommends. The layout is data, the placement arithmetic pure."""

    nomor = models.PositiveSmallIntegerField(
        _("nomor kotak"), unique=True, validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    kinerja = models.CharField(_("kinerja"), max_length=10, choices=RatingSKP.choices)
    potensi = models.CharField(_("potensi"), max_length=10, choices=Potensi.choices)
    label = models.CharField(_("label"), max_length=150)
    rekomendasi = models.TextField(_("rekomendasi"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("kotak talenta (9-box)")
        verbose_name_plural = _("kotak talenta (9-box)")
        ordering = ["nomor"]
        constraints = [
            models.UniqueConstraint(
                fields=["kinerja", "potensi"],
                name="kotak_talenta_posisi_unik",
                violation_error_message=_("Posisi kinerja × potensi ini sudah dipakai kotak lain."),
            ),
        ]

    def __str__(self):
        return f"Kotak {self.nomor}: {self.label}"

    @property
    def talent_pool(self) -> bool:
        return self.nomor in rumus.KOTAK_TALENT_POOL


class PengaturanKompetensi(models.Model):
    """Thresholds of the competency checks and of the talent pool (one row, edited in admin)."""

    toleransi_kesenjangan = models.PositiveSmallIntegerField(
        _("toleransi kesenjangan kompetensi (level)"),
        default=0,
        help_text=_(
            "Kesenjangan per kompetensi sampai nilai ini tidak menimbulkan peringatan pada usulan."
        ),
    )
    sertifikasi_hampir_habis_hari = models.PositiveSmallIntegerField(
        _("peringatan sertifikasi hampir habis (hari)"),
        default=90,
        help_text=_("Sertifikasi wajib yang habis dalam jumlah hari ini menimbulkan peringatan."),
    )
    jp_pelatihan_per_tahun = models.PositiveSmallIntegerField(
        _("target jam pelajaran pelatihan per tahun"), default=20
    )
    kinerja_di_atas_min = models.DecimalField(
        _("kinerja di atas ekspektasi: skor minimal"),
        max_digits=3,
        decimal_places=2,
        default=rumus.AmbangTalenta.kinerja_di_atas,
        help_text=_("Rata-rata 2 SKP terakhir: Sangat Baik = 3, Baik = 2, lainnya = 1."),
    )
    kinerja_sesuai_min = models.DecimalField(
        _("kinerja sesuai ekspektasi: skor minimal"),
        max_digits=3,
        decimal_places=2,
        default=rumus.AmbangTalenta.kinerja_sesuai,
    )
    potensi_tinggi_min = models.DecimalField(
        _("potensi tinggi: rata-rata level minimal"),
        max_digits=3,
        decimal_places=2,
        default=rumus.AmbangTalenta.potensi_tinggi,
        help_text=_("Rata-rata level hasil asesmen terakhir tiap kompetensi (1–5)."),
    )
    potensi_menengah_min = models.DecimalField(
        _("potensi menengah: rata-rata level minimal"),
        max_digits=3,
        decimal_places=2,
        default=rumus.AmbangTalenta.potensi_menengah,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pengaturan kompetensi dan talenta")
        verbose_name_plural = _("pengaturan kompetensi dan talenta")
        constraints = [
            models.CheckConstraint(
                condition=Q(kinerja_sesuai_min__lte=F("kinerja_di_atas_min"))
                & Q(potensi_menengah_min__lte=F("potensi_tinggi_min")),
                name="pengaturan_kompetensi_ambang_urut",
                violation_error_message=_(
                    "Ambang 'sesuai'/'menengah' tidak boleh di atas ambang 'di atas'/'tinggi'."
                ),
            ),
        ]

    def __str__(self):
        return str(_("Pengaturan kompetensi dan talenta"))

    def save(self, *args, **kwargs):
        self.pk = 1  # a singleton: there is only ever one row
        super().save(*args, **kwargs)

    @classmethod
    def muat(cls) -> "PengaturanKompetensi":
        obj, _created = cls.objects.get_or_create(pk=1)
        return obj

    @property
    def ambang(self) -> rumus.AmbangTalenta:
        return rumus.AmbangTalenta(
            kinerja_di_atas=self.kinerja_di_atas_min,
            kinerja_sesuai=self.kinerja_sesuai_min,
            potensi_tinggi=self.potensi_tinggi_min,
            potensi_menengah=self.potensi_menengah_min,
        )
