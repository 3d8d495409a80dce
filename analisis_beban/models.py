from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_fsm import FSMField, transition
from simple_history.models import HistoricalRecords

from instansi.models import Instansi, Jabatan, UnitKerja

from .calculations import beban_maks_menit
from .choices import KeadaanFormasi, PrestasiJabatan, StatusPerhitungan, StatusPeriode
from .querysets import HasilABKQuerySet, PerhitunganQuerySet, PeriodeQuerySet, UraianTugasQuerySet


class PeriodeABK(models.Model):
    """One year of workload analysis with its own settings (WKE and the PJ bands).

    Settings belong to the period, so changing them for a new year never alters earlier results.
    A period is drafted (*penyusunan*), then BKPSDM makes it the one in force (*berlaku*: what
    the dashboard, the eligibility checks, the impact previews and the API read by default), and
    the one it replaces becomes an archive (*arsip*). At most one period is *berlaku* (a
    database constraint); only `services.periode_tetapkan_berlaku` changes the state.
    """

    tahun = models.PositiveSmallIntegerField(_("tahun"), unique=True)
    status = FSMField(
        _("status"),
        max_length=10,
        choices=StatusPeriode.choices,
        default=StatusPeriode.PENYUSUNAN,
    )
    ditetapkan_pada = models.DateTimeField(_("ditetapkan berlaku pada"), null=True, blank=True)
    ditetapkan_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("ditetapkan berlaku oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    wke_menit = models.PositiveIntegerField(
        _("waktu kerja efektif (menit/tahun)"),
        default=75000,
        validators=[MinValueValidator(1)],
        help_text=_("Bawaan 75.000 menit = 1.250 jam (PermenPAN-RB 1/2020)."),
    )
    # PJ bands on EJ: A > ambang_a; B ≥ ambang_b; C ≥ ambang_c; D ≥ ambang_d; otherwise E.
    ambang_a = models.DecimalField(
        _("batas PJ A (EJ lebih dari)"), max_digits=4, decimal_places=2, default=Decimal("1.00")
    )
    ambang_b = models.DecimalField(
        _("batas bawah PJ B"), max_digits=4, decimal_places=2, default=Decimal("0.90")
    )
    ambang_c = models.DecimalField(
        _("batas bawah PJ C"), max_digits=4, decimal_places=2, default=Decimal("0.70")
    )
    ambang_d = models.DecimalField(
        _("batas bawah PJ D"), max_digits=4, decimal_places=2, default=Decimal("0.50")
    )
    keterangan = models.CharField(_("keterangan"), max_length=255, blank=True)
    dihitung_pada = models.DateTimeField(_("terakhir dihitung"), null=True, blank=True)

    history = HistoricalRecords()
    objects = PeriodeQuerySet.as_manager()

    class Meta:
        verbose_name = _("periode ABK")
        verbose_name_plural = _("periode ABK")
        ordering = ["-tahun"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ambang_a__gte=F("ambang_b"))
                & Q(ambang_b__gte=F("ambang_c"))
                & Q(ambang_c__gte=F("ambang_d"))
                & Q(ambang_d__gt=0),
                name="periode_ambang_pj_urut",
                violation_error_message=_("Batas PJ harus menurun dari A ke D dan lebih dari nol."),
            ),
            models.UniqueConstraint(
                fields=["status"],
                condition=Q(status=StatusPeriode.BERLAKU),
                name="periode_abk_satu_berlaku",
                violation_error_message=_(
                    "Sudah ada periode ABK yang berlaku; tetapkan periode lewat halaman periode "
                    "agar periode lama menjadi arsip."
                ),
            ),
        ]
        permissions = [("tetapkan_periodeabk", _("Dapat menetapkan periode ABK yang berlaku"))]

    def __str__(self):
        return f"ABK {self.tahun}"

    def get_absolute_url(self):
        return reverse("analisis_beban:periode_detail", args=[self.tahun])

    @property
    def berlaku(self) -> bool:
        return self.status == StatusPeriode.BERLAKU

    @property
    def draf(self) -> bool:
        return self.status == StatusPeriode.PENYUSUNAN

    @transition(
        field=status,
        source=[StatusPeriode.PENYUSUNAN, StatusPeriode.ARSIP],
        target=StatusPeriode.BERLAKU,
    )
    def tetapkan_berlaku(self, *, oleh=None):
        self.ditetapkan_pada = timezone.now()
        self.ditetapkan_oleh = oleh if getattr(oleh, "pk", None) else None

    @transition(field=status, source=StatusPeriode.BERLAKU, target=StatusPeriode.ARSIP)
    def arsipkan(self):
        pass


def _menit(d: Decimal) -> str:
    return f"{d:,.0f}".replace(",", ".")


class UraianTugas(models.Model):
    """One task of a jabatan in a period: its output, unit, yearly volume and norma waktu."""

    periode = models.ForeignKey(
        PeriodeABK, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="uraian_tugas"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.CASCADE, related_name="uraian_tugas"
    )
    urutan = models.PositiveSmallIntegerField(_("urutan"), default=0)
    uraian = models.CharField(_("uraian tugas"), max_length=500)
    hasil_kerja = models.CharField(_("hasil kerja"), max_length=200)
    satuan = models.CharField(_("satuan hasil"), max_length=50)
    volume = models.DecimalField(
        _("volume per tahun"), max_digits=12, decimal_places=2, validators=[MinValueValidator(0)]
    )
    norma_waktu_menit = models.DecimalField(
        _("norma waktu (menit)"), max_digits=10, decimal_places=2, validators=[MinValueValidator(0)]
    )

    history = HistoricalRecords()
    objects = UraianTugasQuerySet.as_manager()

    class Meta:
        verbose_name = _("uraian tugas")
        verbose_name_plural = _("uraian tugas")
        ordering = ["periode", "jabatan", "urutan", "pk"]
        indexes = [models.Index(fields=["periode", "jabatan"], name="tugas_periode_jabatan_idx")]
        constraints = [
            models.CheckConstraint(
                condition=Q(volume__gte=0) & Q(norma_waktu_menit__gte=0),
                name="tugas_volume_norma_tidak_negatif",
                violation_error_message=_("Volume dan norma waktu tidak boleh negatif."),
            ),
        ]

    def __str__(self):
        return self.uraian

    def clean(self):
        # Bounded so that every derived figure fits its column (issue #13, item 6): a task
        # whose beban alone exceeds what a jabatan may hold is refused here; the jabatan's
        # total is checked by the services once its tasks are written.
        if self.volume is None or self.norma_waktu_menit is None or not self.periode_id:
            return
        maks = beban_maks_menit(self.periode.wke_menit)
        if self.volume * self.norma_waktu_menit > maks:
            raise ValidationError(
                {
                    "volume": "Volume × norma waktu ("
                    + _menit(self.volume * self.norma_waktu_menit)
                    + " menit) melebihi batas beban kerja satu jabatan ("
                    + _menit(maks)
                    + " menit); periksa kedua angka itu."
                }
            )

    @property
    def beban_menit(self) -> Decimal:
        return self.volume * self.norma_waktu_menit


class HasilABK(models.Model):
    """The stored result for one jabatan (in its unit) in one period.

    Unit and instansi are copied at computation time so an earlier period stays readable even
    after the organisation changes. `basi` marks a result whose inputs changed and whose
    recalculation has not run yet.
    """

    periode = models.ForeignKey(
        PeriodeABK, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="hasil"
    )
    jabatan = models.ForeignKey(
        Jabatan, verbose_name=_("jabatan"), on_delete=models.CASCADE, related_name="hasil_abk"
    )
    unit_kerja = models.ForeignKey(
        UnitKerja, verbose_name=_("unit kerja"), on_delete=models.CASCADE, related_name="+"
    )
    instansi = models.ForeignKey(
        Instansi, verbose_name=_("instansi"), on_delete=models.CASCADE, related_name="+"
    )
    total_beban_menit = models.DecimalField(
        _("total beban kerja (menit)"), max_digits=16, decimal_places=2
    )
    kebutuhan = models.DecimalField(_("kebutuhan (eksak)"), max_digits=12, decimal_places=4)
    kebutuhan_bulat = models.PositiveIntegerField(_("kebutuhan (dibulatkan)"))
    bezetting = models.PositiveIntegerField(_("bezetting"))
    selisih = models.IntegerField(_("selisih"))
    keadaan = models.CharField(_("keadaan"), max_length=6, choices=KeadaanFormasi.choices)
    ej = models.DecimalField(
        _("efisiensi jabatan (EJ)"), max_digits=10, decimal_places=4, null=True, blank=True
    )
    pj = models.CharField(
        _("prestasi jabatan (PJ)"), max_length=1, choices=PrestasiJabatan.choices, blank=True
    )
    basi = models.BooleanField(_("perlu dihitung ulang"), default=False)
    dihitung_pada = models.DateTimeField(_("dihitung pada"))

    objects = HasilABKQuerySet.as_manager()

    class Meta:
        verbose_name = _("hasil ABK")
        verbose_name_plural = _("hasil ABK")
        ordering = ["periode", "instansi", "unit_kerja", "jabatan"]
        constraints = [
            models.UniqueConstraint(
                fields=["periode", "jabatan"], name="hasil_abk_unik_per_periode_jabatan"
            ),
        ]
        indexes = [
            models.Index(fields=["periode", "instansi"], name="hasil_periode_instansi_idx"),
            models.Index(fields=["periode", "unit_kerja"], name="hasil_periode_unit_idx"),
            models.Index(fields=["periode", "selisih"], name="hasil_periode_selisih_idx"),
        ]

    def __str__(self):
        return f"{self.jabatan} — {self.periode}"


class PerhitunganABK(models.Model):
    """A recalculation run: visible to BKPSDM with its state, counts and duration."""

    periode = models.ForeignKey(
        PeriodeABK, verbose_name=_("periode"), on_delete=models.CASCADE, related_name="perhitungan"
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=StatusPerhitungan.choices,
        default=StatusPerhitungan.ANTRE,
    )
    unit_kerja_ids = models.JSONField(
        _("unit yang dihitung"), null=True, blank=True, help_text=_("Kosong berarti seluruh kota.")
    )
    alasan = models.CharField(_("alasan"), max_length=200, blank=True)
    jumlah_jabatan = models.PositiveIntegerField(_("jumlah jabatan"), default=0)
    diproses = models.PositiveIntegerField(_("jabatan diproses"), default=0)
    pesan_galat = models.TextField(_("pesan galat"), blank=True)
    task_id = models.CharField(_("ID tugas Celery"), max_length=64, blank=True)
    dibuat_oleh = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("diminta oleh"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    dibuat_pada = models.DateTimeField(_("diminta pada"), auto_now_add=True)
    mulai_pada = models.DateTimeField(_("mulai"), null=True, blank=True)
    selesai_pada = models.DateTimeField(_("selesai"), null=True, blank=True)

    objects = PerhitunganQuerySet.as_manager()

    class Meta:
        verbose_name = _("perhitungan ABK")
        verbose_name_plural = _("perhitungan ABK")
        ordering = ["-dibuat_pada"]

    def __str__(self):
        return f"Perhitungan {self.periode} ({self.get_status_display()})"

    @property
    def durasi_detik(self) -> float | None:
        if self.mulai_pada and self.selesai_pada:
            return (self.selesai_pada - self.mulai_pada).total_seconds()
        return None
