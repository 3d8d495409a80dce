"""The stored rebalancing plan (rencana pemerataan): its inputs, its moves and what it left short.

A plan is computed by a Celery task (`tasks.susun_rencana`) from the ABK results of one period and
the register; `sidik_jari` is a hash of every input it read, so the same inputs give the same plan
(and the same fingerprint). It is marked `basi` when the ABK results or the register change.
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from analisis_beban.models import PeriodeABK
from instansi.models import Instansi, Jabatan, UnitKerja
from pegawai.models import Pegawai

from .querysets import RencanaQuerySet


class StatusRencana(models.TextChoices):
    ANTRE = "antre", "Menunggu"
    BERJALAN = "berjalan", "Sedang disusun"
    SELESAI = "selesai", "Selesai"
    GAGAL = "gagal", "Gagal"


class RencanaPemerataan(models.Model):
    """A plan of transfers from positions with a surplus to positions short of staff."""

    periode = models.ForeignKey(
        PeriodeABK, verbose_name=_("periode ABK"), on_delete=models.PROTECT, related_name="+"
    )
    instansi = models.ManyToManyField(
        Instansi,
        verbose_name=_("lingkup instansi"),
        blank=True,
        related_name="+",
        help_text=_("Kosong berarti seluruh kota."),
    )
    judul = models.CharField(_("judul"), max_length=200, blank=True)
    pengaturan = models.JSONField(_("pengaturan"), default=dict, blank=True)
    sidik_jari = models.CharField(_("sidik jari masukan"), max_length=64, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=StatusRencana.choices, default=StatusRencana.ANTRE
    )
    progres = models.PositiveSmallIntegerField(_("progres (%)"), default=0)
    tahap = models.CharField(_("tahap"), max_length=100, blank=True)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    ringkasan = models.JSONField(_("ringkasan"), default=dict, blank=True)
    basi = models.BooleanField(_("perlu disusun ulang"), default=False)
    alasan_basi = models.CharField(_("alasan perlu disusun ulang"), max_length=200, blank=True)
    task_id = models.CharField(_("ID tugas Celery"), max_length=64, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("dibuat oleh"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("dibuat pada"), auto_now_add=True)
    mulai_pada = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = RencanaQuerySet.as_manager()

    class Meta:
        verbose_name = _("rencana pemerataan")
        verbose_name_plural = _("rencana pemerataan")
        ordering = ["-dibuat_pada", "-pk"]

    def __str__(self):
        return self.judul or f"Rencana pemerataan #{self.pk} ({self.periode})"

    def get_absolute_url(self):
        return reverse("usulan_mutasi:rencana_detail", args=[self.pk])

    @property
    def jumlah_langkah(self) -> int | None:
        return (self.ringkasan or {}).get("optimum", {}).get("jumlah_langkah")

    @property
    def sedang_berjalan(self) -> bool:
        return self.status in (StatusRencana.ANTRE, StatusRencana.BERJALAN)


class LangkahRencana(models.Model):
    """One move of a plan, with why it is allowed and what it fixes (`penjelasan`)."""

    rencana = models.ForeignKey(
        RencanaPemerataan,
        verbose_name=_("rencana"),
        on_delete=models.CASCADE,
        related_name="langkah",
    )
    urutan = models.PositiveIntegerField(_("urutan"))
    pegawai = models.ForeignKey(
        Pegawai, verbose_name=_("pegawai"), on_delete=models.CASCADE, related_name="+"
    )
    jabatan_asal = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan asal"), on_delete=models.CASCADE, related_name="+"
    )
    unit_asal = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja asal"), on_delete=models.CASCADE, related_name="+"
    )
    instansi_asal = models.ForeignKey(
        Instansi, verbose_name=_("instansi asal"), on_delete=models.CASCADE, related_name="+"
    )
    jabatan_tujuan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan tujuan"), on_delete=models.CASCADE, related_name="+"
    )
    unit_tujuan = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja tujuan"), on_delete=models.CASCADE, related_name="+"
    )
    instansi_tujuan = models.ForeignKey(
        Instansi, verbose_name=_("instansi tujuan"), on_delete=models.CASCADE, related_name="+"
    )
    biaya = models.IntegerField(_("biaya sekunder"))
    penjelasan = models.JSONField(_("penjelasan"), default=dict)
    usulan = models.OneToOneField(
        "usulan_mutasi.UsulanMutasi",
        verbose_name=_("usulan yang dibuat"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="langkah_rencana",
    )

    class Meta:
        verbose_name = _("langkah rencana")
        verbose_name_plural = _("langkah rencana")
        ordering = ["rencana", "urutan"]
        constraints = [
            models.UniqueConstraint(
                fields=["rencana", "pegawai"],
                name="langkah_satu_per_pegawai",
                violation_error_message=_(
                    "Seorang pegawai hanya sekali dipindahkan dalam rencana."
                ),
            ),
        ]
        indexes = [models.Index(fields=["rencana", "instansi_tujuan"], name="langkah_tujuan_idx")]

    def __str__(self):
        return f"{self.pegawai} → {self.jabatan_tujuan}"


class KekuranganTersisa(models.Model):
    """A short position the plan could not (fully) fill, and why."""

    rencana = models.ForeignKey(
        RencanaPemerataan,
        verbose_name=_("rencana"),
        on_delete=models.CASCADE,
        related_name="kekurangan_tersisa",
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.CASCADE, related_name="+"
    )
    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="+"
    )
    kurang = models.PositiveIntegerField(_("kekurangan (dibulatkan)"))
    sudah_diusulkan = models.PositiveIntegerField(_("usulan yang sedang diproses"))
    terisi = models.PositiveIntegerField(_("diisi rencana"))
    sisa = models.PositiveIntegerField(_("sisa kekurangan"))
    alasan = models.CharField(_("alasan"), max_length=30)
    keterangan = models.CharField(_("keterangan"), max_length=300)
    calon_layak = models.PositiveIntegerField(_("calon yang memenuhi syarat"), default=0)

    class Meta:
        verbose_name = _("kekurangan tersisa")
        verbose_name_plural = _("kekurangan tersisa")
        ordering = ["rencana", "-sisa", "pk"]

    def __str__(self):
        return f"{self.jabatan}: sisa {self.sisa}"
